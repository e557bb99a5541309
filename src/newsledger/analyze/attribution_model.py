"""The learned part of attribution: two linear-chain CRFs trained on PolNeAR (`docs/models.md`).

1. The cue tagger labels every token of a document `B-CUE`, `I-CUE` or `O`: the words that
   signal an attribution ("said", "according to", "has called for").
2. For each cue, the span tagger labels the tokens of a window around it (`span_window`) as
   `B-SRC`/`I-SRC` (its source), `B-CON`/`I-CON` (its content) or `O`/`CUE`, reading
   cue-relative features. A content can come in pieces ("“A,” she said. “B.”"); the statement's
   content is their extent, from the first piece to the last.

Decoding repairs what the tagger leaves ragged: a source is the tagged run nearest the cue, not
the extent of every source token in the window; a content that starts or ends inside a
quotation takes in the whole quotation, marks included; a cue whose content the span tagger
misses is dropped (PolNeAR's attributions always have content).
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pycrfsuite

from newsledger.analyze.attribution_features import (
    DocContext,
    TokenRange,
    span_features,
    span_window,
    token_features,
)
from newsledger.errors import DataFileError

CUE_MODEL_FILE = "analyze/data/attribution_cue.crfsuite"
SPAN_MODEL_FILE = "analyze/data/attribution_span.crfsuite"
# A quotation is taken in whole when at least this many of its tokens are tagged content;
# fewer is a quoted phrase inside a paraphrase ("said he was a “real gentleman”").
QUOTE_TAKEN_MIN_TOKENS = 3
# A cue's complements, in the order they stand in for a content the span tagger missed.
COMPLEMENT_DEPS = ("ccomp", "xcomp", "dobj", "pobj", "prep")


@dataclass(frozen=True)
class TaggedAttribution:
    """One attribution as the taggers found it, in token offsets (end exclusive)."""

    cue: TokenRange
    source: TokenRange | None
    content: TokenRange


class AttributionTagger:
    """The two trained taggers; build once per process (`load_attribution_tagger`)."""

    def __init__(self, cue_model: Path, span_model: Path) -> None:
        self._cue = _open(cue_model)
        self._span = _open(span_model)

    def __call__(self, ctx: DocContext) -> list[TaggedAttribution]:
        base = token_features(ctx)
        found = []
        for cue in cue_ranges(self.cue_tags(base)):
            window = span_window(ctx, cue)
            tagged = decode_spans(ctx, cue, window, self.span_tags(ctx, base, cue, window))
            if tagged is not None:
                found.append(tagged)
        return found

    def cue_tags(self, base: Sequence[list[str]]) -> list[str]:
        """The cue tagger's labels of a document's tokens, from `token_features`."""
        return list(self._cue.tag(base))

    def span_tags(
        self, ctx: DocContext, base: Sequence[list[str]], cue: TokenRange, window: TokenRange
    ) -> list[str]:
        """The span tagger's labels of one cue's window."""
        return list(self._span.tag(span_features(ctx, base, cue, window)))


def _open(path: Path) -> pycrfsuite.Tagger:
    tagger = pycrfsuite.Tagger()
    try:
        tagger.open(str(path))
    except (OSError, ValueError) as exc:
        raise DataFileError(f"cannot load the attribution model: {exc}", source=str(path)) from exc
    return tagger


@functools.cache
def load_attribution_tagger() -> AttributionTagger:
    """The shipped taggers, loaded once per process."""
    package = resources.files("newsledger")
    # crfsuite reads a file path; the package data is a plain folder in every supported install.
    cue_model = Path(str(package.joinpath(CUE_MODEL_FILE)))
    span_model = Path(str(package.joinpath(SPAN_MODEL_FILE)))
    for path in (cue_model, span_model):
        if not path.is_file():
            raise DataFileError(
                "the attribution model is missing; run `make train-attribution`",
                source=str(path),
            )
    return AttributionTagger(cue_model, span_model)


def cue_ranges(labels: Sequence[str]) -> list[TokenRange]:
    """The token ranges tagged as cues; an `I-CUE` without a `B-CUE` before it starts one."""
    ranges: list[list[int]] = []
    for i, label in enumerate(labels):
        if label == "I-CUE" and ranges and ranges[-1][1] == i:
            ranges[-1][1] = i + 1
        elif label in ("B-CUE", "I-CUE"):
            ranges.append([i, i + 1])
    return [(start, end) for start, end in ranges]


def decode_spans(
    ctx: DocContext, cue: TokenRange, window: TokenRange, labels: Sequence[str]
) -> TaggedAttribution | None:
    """A cue's source and content from the span tagger's labels of its window."""
    offset = window[0]
    # A line break never belongs to a content piece: pieces on both sides of one are joined
    # (or not) by `_content_extent`, and a quotation over several paragraphs by its extent.
    content_runs = _runs(
        [
            offset + i
            for i, label in enumerate(labels)
            if label.endswith("CON") and "\n" not in ctx.doc[offset + i].text
        ]
    )
    if not content_runs:
        fallback = _complement(ctx, cue)
        if fallback is None:
            return None
        content_runs = [fallback]
    source_runs = _runs([offset + i for i, label in enumerate(labels) if label.endswith("SRC")])
    source = min(source_runs, key=lambda run: _distance(run, cue)) if source_runs else None
    start, end = _content_extent(ctx, cue, source, content_runs)
    for first, last in ctx.quote_tokens:
        overlap = min(last, end) - max(first, start)
        cue_inside = first < cue[1] and cue[0] < last
        if overlap >= QUOTE_TAKEN_MIN_TOKENS and not cue_inside:
            start, end = min(start, first), max(end, last)
    if not ctx.quote_of[end - 1] and ctx.doc[end - 1].text == "." and end - 1 > start:
        end -= 1
    return TaggedAttribution(cue=cue, source=source, content=(start, end))


def _complement(ctx: DocContext, cue: TokenRange) -> TokenRange | None:
    """The cue verb's clause or object after it, for a cue whose content the span tagger
    missed (keeping the cue scored better on held-out train than dropping it)."""
    root = ctx.doc[cue[0] : cue[1]].root
    for dep in COMPLEMENT_DEPS:
        for child in root.children:
            if child.dep_ == dep and child.i >= cue[1]:
                return child.left_edge.i, child.right_edge.i + 1
    return None


def _distance(run: TokenRange, cue: TokenRange) -> int:
    return max(run[0] - cue[1], cue[0] - run[1], 0)


def _content_extent(
    ctx: DocContext, cue: TokenRange, source: TokenRange | None, runs: Sequence[TokenRange]
) -> TokenRange:
    """The content pieces that belong together: the piece nearest the cue and the pieces
    beyond it up to the first paragraph break that the statement's own source or cue does not
    bridge ("“A,” she said.¶“B.”" is one content; "said that A.¶“B”" is not)."""
    own = set(range(*cue)) | (set(range(*source)) if source is not None else set())
    anchor = min(range(len(runs)), key=lambda k: _distance(runs[k], cue))
    start, end = runs[anchor]
    for run in runs[anchor + 1 :]:
        if not _joins(ctx, own, end, run[0]):
            break
        end = run[1]
    for run in reversed(runs[:anchor]):
        if not _joins(ctx, own, run[1], start):
            break
        start = run[0]
    return start, end


def _joins(ctx: DocContext, own: set[int], gap_start: int, gap_end: int) -> bool:
    gap = range(gap_start, gap_end)
    return any(i in own for i in gap) or not any("\n" in ctx.doc[i].text for i in gap)


def _runs(tokens: Sequence[int]) -> list[TokenRange]:
    runs: list[list[int]] = []
    for i in tokens:
        if runs and runs[-1][1] == i:
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1])
    return [(start, end) for start, end in runs]
