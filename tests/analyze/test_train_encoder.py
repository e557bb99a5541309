"""The encoder training script's targets line up with the word pieces the runtime feeds it."""

from __future__ import annotations

import itertools
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest
from tokenizers import Tokenizer

from newsledger.analyze.framing_model import CLS_ID, SEP_ID, TOKENIZER_FILE, WINDOW, encode
from tests.scripts import load_script

pytest.importorskip("torch", reason="the encoder training script needs the `train` extra")
pytest.importorskip("transformers", reason="the encoder training script needs the `train` extra")

REPO = Path(__file__).parents[2]
TEXT = 'The minister said the talks had failed. "We will not return," she added.\n'
# PolNeAR's brat format: character offsets into TEXT, then the covered text.
ANNOTATION = (
    "T1\tSource 0 12\tThe minister\n"
    "T2\tCue 13 17\tsaid\n"
    "T3\tContent 18 38\tthe talks had failed\n"
    "T4\tSource 62 65\tshe\n"
    "T5\tCue 66 71\tadded\n"
    'T6\tContent 40 61\t"We will not return,"\n'
    "T7\tAttribution 13 17\tsaid\n"
    "T8\tAttribution 66 71\tadded\n"
    "E1\tAttribution:T7 Content:T3 Cue:T2 Source:T1\n"
    "E2\tAttribution:T8 Content:T6 Cue:T5 Source:T4\n"
)


def script() -> ModuleType:
    return load_script("train_encoder")


def tokenizer() -> Tokenizer:
    loaded = Tokenizer.from_file(str(REPO / "src/newsledger/analyze/data" / TOKENIZER_FILE))
    loaded.no_truncation()
    loaded.no_padding()
    return loaded


def test_piece_labels_mark_each_role_of_each_attribution(tmp_path: Path) -> None:
    train_encoder = script()
    annotation = tmp_path / "article.ann"
    annotation.write_text(ANNOTATION, encoding="utf-8")
    pieces = encode(tokenizer(), TEXT)
    labels = train_encoder.piece_labels(pieces.offsets, annotation)
    marked = {
        role: "".join(
            TEXT[start:end]
            for (start, end), row in zip(pieces.offsets, labels, strict=True)
            if row[column]
        )
        for column, role in enumerate(("cue", "source", "content"))
    }
    assert marked == {
        "cue": "saidadded",
        "source": "Theministershe",
        "content": 'thetalkshadfailed"Wewillnotreturn,"',
    }


def test_windows_put_each_target_under_its_piece(tmp_path: Path) -> None:
    train_encoder = script()
    annotation = tmp_path / "article.ann"
    annotation.write_text(ANNOTATION, encoding="utf-8")
    pieces = encode(tokenizer(), TEXT * 40)  # about 800 pieces: four windows
    document = train_encoder.Document(
        name="article",
        ids=pieces.ids,
        offsets=pieces.offsets,
        labels=np.arange(len(pieces.ids) * 3, dtype=np.float32).reshape(-1, 3),
    )
    for shift in (0, (WINDOW - 2) // 2):
        batches = train_encoder.polnear_batches([document], shift, size=3)
        seen = []
        for batch in batches:
            roles, keep = (target.numpy() for target in batch.targets)
            ids, mask = batch.input_ids.numpy(), batch.mask.numpy()
            for row in range(len(ids)):
                length = int(mask[row].sum())
                assert ids[row, 0] == CLS_ID and ids[row, length - 1] == SEP_ID
                assert keep[row].sum() == length - 2
                window_ids, window_roles = ids[row, 1 : length - 1], roles[row][keep[row]]
                first = int(window_roles[0, 0]) // 3
                assert np.array_equal(window_ids, pieces.ids[first : first + len(window_ids)])
                assert np.array_equal(window_roles, document.labels[first : first + length - 2])
                seen.append((first, first + length - 2))
        covered = sorted(seen)
        assert covered[0][0] == 0 and covered[-1][1] == len(pieces.ids)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(covered))
