"""The document encoder: word pieces in, technique spans and attribution hints out, through
ONNX Runtime.

One MiniLM encoder pass per window of word pieces feeds three heads: a span head (B/I/O) and a
14-way technique head for propaganda techniques, and an attribution head that gives each piece
the probability of being part of an attribution's cue, source and content, which the
attribution taggers read as features. `scripts/train_encoder.py` fine-tunes the encoder for
both tasks at once and exports the three heads in one graph. The windowing, piece-to-character
mapping and decoding here are shared with training, so the model measured there is the model
run here.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from newsledger.errors import DataFileError

if TYPE_CHECKING:
    from tokenizers import Tokenizer

# The 14 techniques of the Propaganda Techniques Corpus, in the technique head's order.
TECHNIQUES: tuple[str, ...] = (
    "Appeal_to_Authority",
    "Appeal_to_fear-prejudice",
    "Bandwagon,Reductio_ad_hitlerum",
    "Black-and-White_Fallacy",
    "Causal_Oversimplification",
    "Doubt",
    "Exaggeration,Minimisation",
    "Flag-Waving",
    "Loaded_Language",
    "Name_Calling,Labeling",
    "Repetition",
    "Slogans",
    "Thought-terminating_Cliches",
    "Whataboutism,Straw_Men,Red_Herring",
)
# Span-head classes.
OUTSIDE, BEGIN, INSIDE = 0, 1, 2
# Word pieces per window, [CLS] and [SEP] included.
WINDOW = 256
CLS_ID, SEP_ID, PAD_ID = 101, 102, 0

# The attribution head's output and its columns.
ATTRIBUTION_OUTPUT = "attribution_probs"
ATTRIBUTION_ROLES: tuple[str, ...] = ("cue", "source", "content")

MODEL_FILE = "framing_tagger.onnx"
TOKENIZER_FILE = "framing_tokenizer.json"
META_FILE = "framing_tagger.json"
OUTPUT_NAMES = ["span_probs", "technique_probs", ATTRIBUTION_OUTPUT]


class TaggerMeta(BaseModel):
    """What training decided and the runtime must know: head order and the tuned threshold."""

    model_config = ConfigDict(extra="allow", frozen=True)

    techniques: list[str]
    window: int = Field(gt=2)
    # P(inside a span) at which a word piece counts as inside; chosen on the tune slice.
    inside_threshold: float = Field(gt=0.0, lt=1.0)
    # Decoding, chosen on the tune slice too: spans this many pieces apart or fewer are joined;
    # spans shorter than `min_pieces` are dropped; B starts a new span or not.
    join_gap: int = Field(default=0, ge=0)
    min_pieces: int = Field(default=1, ge=1)
    split_on_begin: bool = True


@dataclass(frozen=True)
class Pieces:
    """A text's word pieces: vocabulary ids and character offsets into the text (end exclusive)."""

    ids: np.ndarray  # int64 [n]
    offsets: np.ndarray  # int64 [n, 2]


@dataclass(frozen=True)
class Encoded:
    """One text's pass through the encoder: its pieces and every head's probabilities."""

    pieces: Pieces
    span_probs: np.ndarray  # [n, 3]
    technique_probs: np.ndarray  # [n, 14]
    attribution_probs: np.ndarray  # [n, 3], columns `ATTRIBUTION_ROLES`


@dataclass(frozen=True)
class RawSpan:
    start: int
    end: int
    technique: int
    score: float


def encode(tokenizer: Tokenizer, text: str) -> Pieces:
    encoding = tokenizer.encode(text, add_special_tokens=False)
    ids = np.asarray(encoding.ids, dtype=np.int64)
    offsets = np.asarray(encoding.offsets, dtype=np.int64).reshape(-1, 2)
    return Pieces(ids=ids, offsets=offsets)


def window_bounds(n: int, size: int = WINDOW - 2, shift: int = 0) -> list[tuple[int, int]]:
    """Consecutive, non-overlapping [start, end) windows over n pieces; the first ends at `shift`
    when `shift` is given (training moves the cuts each epoch)."""
    bounds: list[tuple[int, int]] = []
    start = 0
    if 0 < shift < n:
        bounds.append((0, shift))
        start = shift
    while start < n:
        bounds.append((start, min(start + size, n)))
        start += size
    return bounds


def batch_inputs(ids: np.ndarray, bounds: list[tuple[int, int]]) -> tuple[np.ndarray, np.ndarray]:
    """input_ids and attention_mask for windows of `ids`, each wrapped in [CLS] … [SEP]."""
    length = max(end - start for start, end in bounds) + 2
    input_ids = np.full((len(bounds), length), PAD_ID, dtype=np.int64)
    mask = np.zeros((len(bounds), length), dtype=np.int64)
    for row, (start, end) in enumerate(bounds):
        width = end - start
        input_ids[row, 0] = CLS_ID
        input_ids[row, 1 : width + 1] = ids[start:end]
        input_ids[row, width + 1] = SEP_ID
        mask[row, : width + 2] = 1
    return input_ids, mask


def calibrate(p_inside: np.ndarray, threshold: float) -> np.ndarray:
    """Map P(inside) piecewise-linearly so that the tuned threshold becomes 0.5."""
    low = 0.5 * p_inside / threshold
    high = 0.5 + 0.5 * (p_inside - threshold) / (1.0 - threshold)
    return np.clip(np.where(p_inside < threshold, low, high), 0.0, 1.0)


def decode(
    text: str,
    pieces: Pieces,
    span_probs: np.ndarray,
    technique_probs: np.ndarray,
    inside_threshold: float,
    min_score: float = 0.5,
    *,
    join_gap: int = 0,
    min_pieces: int = 1,
    split_on_begin: bool = True,
) -> list[RawSpan]:
    """Spans of consecutive pieces whose calibrated P(inside) reaches `min_score`.

    A piece starts a new span after an outside piece, or (with `split_on_begin`) when the span
    head prefers B to I. Spans at most `join_gap` outside pieces apart are joined, spans of fewer
    than `min_pieces` pieces dropped. Spans are widened to whole words; score = mean calibrated
    P(inside) over the span's inside pieces; technique = argmax of the technique probabilities
    averaged over them.
    """
    n = len(pieces.ids)
    if n == 0:
        return []
    score = calibrate(1.0 - span_probs[:, OUTSIDE], inside_threshold)
    inside = score >= min_score
    starts_new = (span_probs[:, BEGIN] > span_probs[:, INSIDE]) & split_on_begin
    groups: list[tuple[int, int]] = []
    first = -1
    for index in range(n):
        if inside[index]:
            if first < 0:
                first = index
            elif starts_new[index]:
                groups.append((first, index))
                first = index
        elif first >= 0:
            groups.append((first, index))
            first = -1
    if first >= 0:
        groups.append((first, n))
    if join_gap > 0 and groups:
        joined = [groups[0]]
        for first, last in groups[1:]:
            if 0 < first - joined[-1][1] <= join_gap:
                joined[-1] = (joined[-1][0], last)
            else:
                joined.append((first, last))
        groups = joined
    groups = [(first, last) for first, last in groups if last - first >= min_pieces]
    spans: list[RawSpan] = []
    for first, last in groups:
        start = int(pieces.offsets[first, 0])
        end = int(pieces.offsets[last - 1, 1])
        while start > 0 and text[start - 1].isalnum():
            start -= 1
        while end < len(text) and text[end].isalnum():
            end += 1
        technique = int(np.argmax(technique_probs[first:last].mean(axis=0)))
        kept = inside[first:last]
        mean_score = float(score[first:last][kept].mean()) if kept.any() else 0.0
        if spans and start < spans[-1].end:
            # Widening to whole words met the previous span: join them.
            previous = spans.pop()
            start = previous.start
            mean_score = max(mean_score, previous.score)
            technique = previous.technique
        spans.append(RawSpan(start=start, end=end, technique=technique, score=mean_score))
    return spans


class DocumentEncoder:
    """The ONNX encoder and its heads, its tokenizer and its metadata; `load_encoder` builds it
    once a process."""

    def __init__(self, session: Any, tokenizer: Tokenizer, meta: TaggerMeta, batch: int = 8):
        self.session = session
        self.tokenizer = tokenizer
        self.meta = meta
        self.batch = batch

    def encode(self, text: str) -> Encoded:
        """Every head's probabilities for every piece of `text`."""
        pieces = encode(self.tokenizer, text)
        n = len(pieces.ids)
        outputs = (
            np.zeros((n, 3), dtype=np.float32),
            np.zeros((n, len(self.meta.techniques)), dtype=np.float32),
            np.zeros((n, len(ATTRIBUTION_ROLES)), dtype=np.float32),
        )
        bounds = window_bounds(n, self.meta.window - 2)
        for offset in range(0, len(bounds), self.batch):
            chunk = bounds[offset : offset + self.batch]
            input_ids, mask = batch_inputs(pieces.ids, chunk)
            results = self.session.run(
                OUTPUT_NAMES, {"input_ids": input_ids, "attention_mask": mask}
            )
            for row, (start, end) in enumerate(chunk):
                for output, result in zip(outputs, results, strict=True):
                    output[start:end] = result[row, 1 : end - start + 1]
        return Encoded(pieces, *outputs)

    def spans(self, text: str, encoded: Encoded, min_score: float = 0.5) -> list[RawSpan]:
        """The technique spans of `text`, from its `encode` output."""
        meta = self.meta
        return decode(
            text,
            encoded.pieces,
            encoded.span_probs,
            encoded.technique_probs,
            meta.inside_threshold,
            min_score,
            join_gap=meta.join_gap,
            min_pieces=meta.min_pieces,
            split_on_begin=meta.split_on_begin,
        )


def _data_path(name: str) -> Any:
    return resources.files("newsledger.analyze").joinpath("data", name)


@functools.cache
def load_encoder(threads: int = 2) -> DocumentEncoder:
    """The packaged encoder and its heads, loaded once per process."""
    import onnxruntime
    from tokenizers import Tokenizer

    try:
        meta = TaggerMeta.model_validate(json.loads(_data_path(META_FILE).read_text("utf-8")))
        tokenizer = Tokenizer.from_str(_data_path(TOKENIZER_FILE).read_text("utf-8"))
        model_bytes = _data_path(MODEL_FILE).read_bytes()
    except (OSError, ValueError) as exc:
        raise DataFileError(f"cannot load the document encoder: {exc}", source=MODEL_FILE) from exc
    tokenizer.no_truncation()
    tokenizer.no_padding()
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    # Spinning threads only burn a shared machine's cores while spaCy works beside them.
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = onnxruntime.InferenceSession(model_bytes, options, providers=["CPUExecutionProvider"])
    check_outputs(session)
    return DocumentEncoder(session, tokenizer, meta)


def check_outputs(session: Any) -> None:
    """Every head the pipeline reads must be in the graph: a model exported without one of them
    fails here, once, not on every document."""
    missing = sorted(set(OUTPUT_NAMES) - {output.name for output in session.get_outputs()})
    if missing:
        raise DataFileError(
            f"the document encoder has no {', '.join(missing)} output;"
            " rebuild it with `make train-encoder`",
            source=MODEL_FILE,
        )
