"""Defaults for limits, thresholds and batch sizes; a user file overrides only the keys it sets."""

from __future__ import annotations

import tomllib
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from newsledger.errors import DataFileError


class Settings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    # Pages above this are refused before parsing: real articles are far smaller, and a
    # hostile page must not exhaust memory.
    max_input_bytes: int = Field(default=10_000_000, gt=0)
    # spaCy's own default limit: its parser needs about 1 GB per 100,000 characters at worst.
    max_text_chars: int = Field(default=1_000_000, gt=0)
    min_text_chars: int = Field(default=1, gt=0)
    # The stages after parsing stop a document after this long with a one-line error: 999,000
    # characters of news spent 35 s in them on the reference machine, but text made to be slow
    # (a few sentences repeated) takes many minutes under the size limits.
    max_analysis_seconds: float = Field(default=300.0, gt=0.0)
    # Documents parsed together by `nlp.pipe`: on 80 PTC articles, 8 ran as fast as 32 (25 s
    # either way) with a peak of 0.81 GB instead of 1.26 GB, which a worker's budget needs.
    batch_size: int = Field(default=8, gt=0)
    technique_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    # The store commits pre-analysed documents this many at a time: one transaction each, so a
    # kill loses at most one batch. Analysed documents are committed each `batch_size`.
    store_batch_size: int = Field(default=500, gt=0)
    # Two statements are one claim when the mean of their content words' cosine and their
    # content vectors' cosine reaches this (`corpus.claims.similarity`; eval/claims.py).
    claim_similarity: float = Field(default=0.55, gt=0.0, le=1.0)


def load_settings(path: Path | None = None, **overrides: object) -> Settings:
    """Settings from the defaults, a TOML file's `[newsledger]` table, then explicit overrides."""
    values: dict[str, object] = {}
    if path is not None:
        try:
            with path.open("rb") as handle:
                values.update(tomllib.load(handle).get("newsledger", {}))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise DataFileError(f"cannot read settings: {exc}", source=str(path)) from exc
    values.update({key: value for key, value in overrides.items() if value is not None})
    return Settings.model_validate(values)
