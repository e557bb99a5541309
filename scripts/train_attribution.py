"""Train the attribution taggers on PolNeAR `train` and write them into the package.

    .venv/bin/python scripts/train_attribution.py [--data ../shared/data/polnear]
        [--out FOLDER] [--hold-out] [--head-probs build/encoder/train_probs.npz]

Reads `train` only (never `dev`, which `eval/polnear.py` scores, nor `test`, which is held out
for independent evaluation). Each article's text is parsed by the same spaCy pipeline that
`newsledger analyze` uses, so the features are the ones the taggers will see at run time.

- Cue tagger: one sequence per article, `B-CUE`/`I-CUE`/`O` on every token.
- Span tagger: one sequence per gold attribution, the window `span_window` gives around its
  cue; `B-SRC`/`I-SRC` and `B-CON`/`I-CON` on its source and content pieces, `CUE` on the cue.
  A token covered by several roles of one attribution is labelled by its own cue first.

Both read, among their features, the document encoder's attribution head probabilities. For
training articles those are the out-of-fold ones `scripts/train_encoder.py train` writes
(`--head-probs`; run it first): each article's probabilities come from an encoder that never
saw it, as at run time.

Both are linear-chain CRFs (crfsuite). Neither training algorithm draws random numbers (L-BFGS;
the averaged perceptron visits the sequences in the order given) and the articles are read in
name order, so a run is reproducible bit for bit on the same library versions. The two models
train in parallel processes.

With `--hold-out`, every article whose name hashes to 0 modulo 7 (118 of 840) is left out of
training, the models go to `build/attribution-hold-out/` instead of the package, and the
held-out articles' cue and span scores are printed: this is the split the settings were chosen
on. Without it, the shipped models train on all 840 articles.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import time
import zlib
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pycrfsuite
from spacy.tokens import Doc

from newsledger.analyze.attribution_corpus import (
    GoldAttribution,
    Pieces,
    read_attributions,
    split_articles,
)
from newsledger.analyze.attribution_cues import load_attribution_cues
from newsledger.analyze.attribution_features import (
    TokenRange,
    doc_context,
    span_features,
    span_window,
    token_features,
    token_probabilities,
)
from newsledger.analyze.attribution_model import CUE_MODEL_FILE, SPAN_MODEL_FILE
from newsledger.analyze.nlp import load_nlp
from newsledger.analyze.quotes import find_quotes

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "polnear"
DEFAULT_OUT = REPO / "src" / "newsledger"
DEFAULT_HEAD_PROBS = REPO / "build" / "encoder" / "train_probs.npz"
# Models trained without the held-out articles must never replace the shipped ones.
HOLD_OUT_OUT = REPO / "build" / "attribution-hold-out"
HOLD_OUT_MODULUS = 7
MAX_MODEL_BYTES = 50_000_000
# Chosen on the held-out articles of train (see docs/models.md): L-BFGS with a strong L1 term
# for the cue tagger; the averaged perceptron for the span tagger, which scored as well as
# L-BFGS there in a fifth of the training time, without features seen only once.
CUE_TRAINING = ("lbfgs", {"c1": 1.0, "c2": 0.01, "max_iterations": 100})
SPAN_TRAINING = ("ap", {"max_iterations": 15, "feature.minfreq": 2})

Sequences = list[tuple[list[list[str]], list[str]]]
Annotated = list[tuple[Doc, list[GoldAttribution], np.ndarray]]
PieceProbs = dict[str, tuple[np.ndarray, np.ndarray]]


def held_out(name: str) -> bool:
    return zlib.crc32(name.encode("utf-8")) % HOLD_OUT_MODULUS == 0


def token_range(doc: Doc, pieces: Pieces) -> TokenRange | None:
    """The tokens from a role's first piece to its last."""
    try:
        span = doc.char_span(pieces[0][0], pieces[-1][1], alignment_mode="expand")
    except IndexError:
        # spaCy's answer to a span of white space between two tokens: it covers no token.
        return None
    return None if span is None or not len(span) else (span.start, span.end)


def cue_labels(doc: Doc, attributions: Sequence[GoldAttribution]) -> list[str]:
    labels = ["O"] * len(doc)
    for attribution in attributions:
        cue = token_range(doc, attribution.cue)
        if cue is not None:
            labels[cue[0] : cue[1]] = ["B-CUE"] + ["I-CUE"] * (cue[1] - cue[0] - 1)
    return labels


def span_labels(
    doc: Doc, window: TokenRange, cue: TokenRange, attribution: GoldAttribution
) -> list[str]:
    first, last = window
    labels = ["O"] * (last - first)
    for pieces, tag in ((attribution.source, "SRC"), (attribution.content, "CON")):
        for start, end in pieces:
            span = doc.char_span(start, end, alignment_mode="expand")
            words = [] if span is None else [t.i for t in span if not t.is_space]
            for position, i in enumerate(t for t in words if first <= t < last):
                labels[i - first] = ("B-" if position == 0 else "I-") + tag
    for i in range(max(cue[0], first), min(cue[1], last)):
        labels[i - first] = "CUE"
    return labels


def read_head_probs(path: Path) -> PieceProbs:
    """Each article's piece offsets and out-of-fold head probabilities, by article name."""
    stored = np.load(path)
    ends = np.cumsum(stored["lengths"])
    found: PieceProbs = {}
    for name, end, length in zip(stored["names"], ends, stored["lengths"], strict=True):
        rows = slice(end - length, end)
        found[str(name)] = (stored["offsets"][rows], stored["probs"][rows].astype(np.float32))
    return found


def build(
    data: Path, hold_out: bool, head_probs: PieceProbs
) -> tuple[Sequences, Sequences, Annotated]:
    """The cue and span training sequences, and the held-out articles."""
    nlp = load_nlp()
    cues = load_attribution_cues()
    articles = split_articles(data / "train")
    texts = [article.text.read_text(encoding="utf-8") for article in articles]
    cue_sequences: Sequences = []
    span_sequences: Sequences = []
    kept_out: Annotated = []
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=32), strict=True):
        attributions = read_attributions(article.annotation)
        encoder_probs = token_probabilities(doc, *head_probs[article.name])
        if hold_out and held_out(article.name):
            kept_out.append((doc, attributions, encoder_probs))
            continue
        ctx = doc_context(doc, doc.text, find_quotes(doc.text), cues, encoder_probs)
        base = token_features(ctx)
        cue_sequences.append((base, cue_labels(doc, attributions)))
        for attribution in attributions:
            cue = token_range(doc, attribution.cue)
            if cue is None:
                continue
            window = span_window(ctx, cue)
            span_sequences.append(
                (span_features(ctx, base, cue, window), span_labels(doc, window, cue, attribution))
            )
    return cue_sequences, span_sequences, kept_out


def train(sequences: Sequences, training: tuple[str, dict[str, float]], path: Path) -> None:
    algorithm, params = training
    trainer = pycrfsuite.Trainer(algorithm, verbose=False)
    for features, labels in sequences:
        trainer.append(features, labels)
    trainer.set_params({"feature.possible_transitions": True, **params})
    # Written beside the old model and moved over it, so a running analysis never reads a
    # half-written file.
    partial = path.with_name(path.name + ".partial")
    trainer.train(str(partial))
    partial.replace(path)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the PolNeAR folder")
    parser.add_argument(
        "--out", type=Path, help=f"the package folder (default {DEFAULT_OUT}, or {HOLD_OUT_OUT})"
    )
    parser.add_argument("--hold-out", action="store_true", help="train without 1/7 of train")
    parser.add_argument(
        "--head-probs",
        type=Path,
        default=DEFAULT_HEAD_PROBS,
        help="out-of-fold attribution head probabilities (scripts/train_encoder.py train)",
    )
    args = parser.parse_args(argv)
    if not (args.data / "train" / "attributions").is_dir():
        print(f"train_attribution: no PolNeAR train split under {args.data}", file=sys.stderr)
        return 2
    if not args.head_probs.is_file():
        print(
            f"train_attribution: no head probabilities at {args.head_probs};"
            " run scripts/train_encoder.py train first",
            file=sys.stderr,
        )
        return 2
    started = time.perf_counter()
    cue_sequences, span_sequences, kept_out = build(
        args.data, args.hold_out, read_head_probs(args.head_probs)
    )
    print(
        f"{len(cue_sequences)} articles, {len(span_sequences)} attributions"
        f" ({time.perf_counter() - started:.0f} s to parse and build features)"
    )
    out = args.out or (HOLD_OUT_OUT if args.hold_out else DEFAULT_OUT)
    cue_path, span_path = out / CUE_MODEL_FILE, out / SPAN_MODEL_FILE
    cue_path.parent.mkdir(parents=True, exist_ok=True)
    # fork: the children read the parent's sequences without pickling them.
    context = multiprocessing.get_context("fork")
    jobs = [
        context.Process(target=train, args=(cue_sequences, CUE_TRAINING, cue_path)),
        context.Process(target=train, args=(span_sequences, SPAN_TRAINING, span_path)),
    ]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join()
    if any(job.exitcode for job in jobs):
        print("train_attribution: training failed", file=sys.stderr)
        return 1
    for path in (cue_path, span_path):
        size = path.stat().st_size
        print(
            f"{path.relative_to(REPO) if path.is_relative_to(REPO) else path}: {size / 1e6:.1f} MB"
        )
        if size > MAX_MODEL_BYTES:
            print(f"train_attribution: {path} is over {MAX_MODEL_BYTES} bytes", file=sys.stderr)
            return 1
    print(f"trained in {time.perf_counter() - started:.0f} s")
    if kept_out:
        report_held_out(kept_out, cue_path, span_path)
    return 0


def report_held_out(kept_out: Annotated, cue_path: Path, span_path: Path) -> None:
    """Exact cue F1 of the cue tagger, and source/content F1 of the span tagger on gold cues."""
    from newsledger.analyze.attribution_model import AttributionTagger, cue_ranges, decode_spans

    tagger = AttributionTagger(cue_path, span_path)
    cues = load_attribution_cues()
    counts = {"cue": [0, 0, 0], "source": [0, 0, 0], "content": [0, 0, 0]}
    for doc, attributions, encoder_probs in kept_out:
        ctx = doc_context(doc, doc.text, find_quotes(doc.text), cues, encoder_probs)
        base = token_features(ctx)
        predicted = set(cue_ranges(tagger.cue_tags(base)))
        gold = {token_range(doc, a.cue) for a in attributions} - {None}
        _count(counts["cue"], predicted, gold)
        for attribution in attributions:
            cue = token_range(doc, attribution.cue)
            if cue is None:
                continue
            window = span_window(ctx, cue)
            found = decode_spans(ctx, cue, window, tagger.span_tags(ctx, base, cue, window))
            for role, pieces, guess in (
                ("source", attribution.source, found.source if found else None),
                ("content", attribution.content, found.content if found else None),
            ):
                want = token_range(doc, pieces) if pieces else None
                _count(counts[role], {guess} - {None}, {want} - {None})
    for role, (hits, predicted_total, gold_total) in counts.items():
        precision = hits / predicted_total if predicted_total else 0.0
        recall = hits / gold_total if gold_total else 0.0
        f1 = 2 * precision * recall / (precision + recall) if hits else 0.0
        scope = "cue tagger" if role == "cue" else "span tagger on gold cues"
        print(f"held-out {role} ({scope}): P {precision:.3f} R {recall:.3f} F1 {f1:.3f}")


def _count(tally: list[int], predicted: set[TokenRange], gold: set[TokenRange]) -> None:
    tally[0] += len(predicted & gold)
    tally[1] += len(predicted)
    tally[2] += len(gold)


if __name__ == "__main__":
    sys.exit(main())
