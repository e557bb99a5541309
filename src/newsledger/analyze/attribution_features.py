"""Token features of the two attribution taggers: one function per tagger, shared by training
and inference so that the model sees at run time exactly what it was trained on.

- The cue tagger reads the whole document: each token's form and syntax, its neighbours, where
  it hangs from the nearest attribution word above it in the parse, its distance to the nearest
  such word of its sentence, its place relative to quotation marks, and what the document
  encoder's attribution head (`framing_model`) makes of it and its neighbours: how likely it is
  to be part of a cue, a source and a content.
- The span tagger reads a window around one cue (`span_window`) and adds, to each token's cue
  tagger features, where the token stands relative to that cue: before, inside or after it, how
  far, which dependent of the cue it belongs to ("nsubj", "ccomp", ...), and whether it is in
  the quotation next to the cue.

Features are crfsuite attribute strings ("name=value"); numbers are bucketed so that the model
learns a handful of weights, not one per distance.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc

from newsledger.analyze.attribution_cues import AttributionCues
from newsledger.analyze.quotes import Quote

MAX_ANCESTORS = 12
# How far a cue word may be before a quotation's opening or after its closing mark to count
# as introducing it.
QUOTE_CUE_WINDOW = 5
# How many tokens may separate a cue from "its" quotation, and a quotation from the window.
ADJACENT_TOKENS = 6
WINDOW = 2
# A speaker named after a quotation may stand between it and the cue.
QUOTE_GAP = 12
CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "nsubj", "nsubjpass", "dobj", "agent", "prep", "advcl"})
# The encoder head's probabilities become five levels each: a handful of weights per role.
PROBABILITY_LEVELS = 5
ENCODER_ROLES = ("cue", "src", "con")

TokenRange = tuple[int, int]


@dataclass(frozen=True)
class DocContext:
    """Per-token arrays of one parsed document, read once from spaCy (whose attribute access
    costs far more than a list index) and shared by both taggers and the rules."""

    doc: Doc
    text: str  # `doc_text(doc)`
    lower: list[str]
    lemma: list[str]
    pos: list[str]
    tag: list[str]
    dep: list[str]
    shape: list[str]
    entity: list[str]
    heads: list[int]
    children_deps: list[list[str]]
    is_space: list[bool]
    is_quote: list[bool]
    paragraph_start: list[bool]
    classes: list[str]
    quote_of: list[int]  # the token's quotation number, 1-based; 0 outside
    quote_tokens: list[TokenRange]  # each quotation's tokens, by number - 1
    sentence_of: list[int]
    sentences: list[TokenRange]
    # Per token and role (cue, source, content): the encoder head's probability, as a level
    # from 0 to PROBABILITY_LEVELS - 1.
    encoder_levels: list[tuple[int, int, int]]


def cue_class(lemma: str, pos: str, cues: AttributionCues) -> str:
    """ "speech", "thought", "intent", "stance", "noun", "hedge" or "" for a token."""
    if pos in ("VERB", "AUX"):
        return cues.verb_classes.get(lemma, "")
    if pos == "NOUN" and lemma in cues.cue_nouns:
        return "noun"
    if pos == "ADV" and lemma in cues.agentless_hedges:
        return "hedge"
    return ""


def token_probabilities(doc: Doc, offsets: np.ndarray, probs: np.ndarray) -> np.ndarray:
    """Each token's highest probability over the pieces it overlaps, per column ([tokens, k]);
    0 for a token no piece touches (white space). `offsets` are the pieces' character offsets
    [n, 2], in text order and not overlapping, as the tokenizer gives them."""
    result = np.zeros((len(doc), probs.shape[1]), dtype=np.float32)
    if not len(offsets) or not len(doc):
        return result
    # From the token array: a Python loop over the tokens would build a Token object for each.
    starts, lengths = doc.to_array([IDX, LENGTH]).astype(np.int64).T
    ends = starts + lengths
    firsts = np.searchsorted(offsets[:, 1], starts, side="right")
    lasts = np.searchsorted(offsets[:, 0], ends, side="left")
    for i in np.flatnonzero(firsts < lasts):
        result[i] = probs[firsts[i] : lasts[i]].max(axis=0)
    return result


def doc_context(
    doc: Doc,
    text: str,
    quotes: Sequence[Quote],
    cues: AttributionCues,
    encoder_probs: np.ndarray,
) -> DocContext:
    """`encoder_probs`: `token_probabilities` of the encoder's attribution head, [tokens, 3]."""
    n = len(doc)
    lower, lemma, pos, tag, dep, shape, entity = [], [], [], [], [], [], []
    heads, is_space, is_quote, paragraph_start = [], [], [], []
    sentence_starts = {0}
    children_deps: list[list[str]] = [[] for _ in range(n)]
    previous_breaks = True
    for token in doc:
        i = token.i
        lower.append(token.lower_)
        lemma.append(token.lemma_.lower())
        pos.append(token.pos_)
        tag.append(token.tag_)
        dep.append(token.dep_)
        shape.append(token.shape_[:4])
        entity.append(token.ent_type_)
        head = token.head.i
        heads.append(head)
        if head != i:
            children_deps[head].append(token.dep_)
        space = token.is_space
        is_space.append(space)
        is_quote.append(token.is_quote)
        paragraph_start.append(previous_breaks)
        previous_breaks = "\n" in token.text or "\n" in token.whitespace_
        if token.is_sent_start:
            sentence_starts.add(i)
        if space and "\n" in token.text:
            sentence_starts.add(i + 1)
    quote_tokens: list[TokenRange] = []
    quote_of = [0] * n
    for quote in quotes:
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        quote_tokens.append((span.start, span.end))
        quote_of[span.start : span.end] = [len(quote_tokens)] * len(span)
    sentences = _ranges(sentence_starts, n)
    sentence_of = [0] * n
    for number, (start, end) in enumerate(sentences):
        sentence_of[start:end] = [number] * (end - start)
    return DocContext(
        doc=doc,
        text=text,
        lower=lower,
        lemma=lemma,
        pos=pos,
        tag=tag,
        dep=dep,
        shape=shape,
        entity=entity,
        heads=heads,
        children_deps=children_deps,
        is_space=is_space,
        is_quote=is_quote,
        paragraph_start=paragraph_start,
        classes=[cue_class(lemma[i], pos[i], cues) for i in range(n)],
        quote_of=quote_of,
        quote_tokens=quote_tokens,
        sentence_of=sentence_of,
        sentences=sentences,
        encoder_levels=[
            (int(cue), int(source), int(content))
            for cue, source, content in np.minimum(
                (encoder_probs * PROBABILITY_LEVELS).astype(np.int64), PROBABILITY_LEVELS - 1
            )
        ],
    )


def sentence_ranges(doc: Doc) -> list[TokenRange]:
    """spaCy's sentences, also cut after a line break: the parser runs a headline into the
    paragraph below it, and a paragraph never continues a sentence."""
    starts = {0}
    for token in doc:
        if token.is_sent_start:
            starts.add(token.i)
        if token.is_space and "\n" in token.text and token.i + 1 < len(doc):
            starts.add(token.i + 1)
    return _ranges(starts, len(doc))


def _ranges(starts: set[int], length: int) -> list[TokenRange]:
    ordered = sorted(start for start in starts if start < length)
    return list(zip(ordered, [*ordered[1:], length], strict=True))


def _bucket(value: int) -> str:
    if value < 0:
        return "-" + _bucket(-value)
    if value <= 3:
        return str(value)
    return "4-7" if value <= 7 else ("8-15" if value <= 15 else "16+")


def token_features(ctx: DocContext) -> list[list[str]]:
    """The cue tagger's features of every token, in order."""
    lower, lemma, pos, dep, heads, classes = (
        ctx.lower,
        ctx.lemma,
        ctx.pos,
        ctx.dep,
        ctx.heads,
        ctx.classes,
    )
    n = len(lower)
    # Quotation context: length, and whether a cue word or a colon stands right before its
    # opening mark or after its closing mark.
    quote_info = []
    for first, end in ctx.quote_tokens:
        before = range(max(0, first - QUOTE_CUE_WINDOW), first)
        after = range(end, min(n, end + QUOTE_CUE_WINDOW))
        cue_before = any(classes[j] in ("speech", "noun") or lower[j] == ":" for j in before)
        cue_after = any(classes[j] == "speech" for j in after)
        quote_info.append(
            [
                f"q_len={_bucket(end - first)}",
                f"q_cue_before={cue_before}",
                f"q_cue_after={cue_after}",
            ]
        )
    sentence_cues = [
        [i for i in range(start, end) if classes[i] and classes[i] != "noun"]
        for start, end in ctx.sentences
    ]

    features: list[list[str]] = []
    for i in range(n):
        head = heads[i]
        f = [
            "bias",
            f"w={lower[i]}",
            f"l={lemma[i]}",
            f"p={pos[i]}",
            f"t={ctx.tag[i]}",
            f"d={dep[i]}",
            f"sh={ctx.shape[i]}",
            f"suf={lower[i][-3:]}",
            f"c={classes[i]}",
            f"hl={lemma[head]}",
            f"hp={pos[head]}",
            f"hd={dep[head]}",
            f"d|hl={dep[i]}|{lemma[head]}",
            f"d|hc={dep[i]}|{classes[head]}",
            f"ent={ctx.entity[i]}",
            f"w-|w={lower[i - 1] if i else ''}|{lower[i]}",
            f"w|w+={lower[i]}|{lower[i + 1] if i + 1 < n else ''}",
        ]
        # A cue verb usually governs its content clause and its source.
        for child_dep in ctx.children_deps[i]:
            if child_dep in CLAUSE_DEPS:
                f.append(f"has={child_dep}")
                f.append(f"l|has={lemma[i]}|{child_dep}")
        if ctx.is_space[i]:
            f.append("space")
        if ctx.paragraph_start[i]:
            f.append("para_start")
        # Where the token hangs from the nearest cue word above it in the parse.
        j, depth, path_dep, cue_above = i, 0, dep[i], ""
        while heads[j] != j and depth < MAX_ANCESTORS:
            path_dep = dep[j]
            j = heads[j]
            depth += 1
            if classes[j]:
                cue_above = f"{classes[j]}|{path_dep}"
                f += [f"cue_l={lemma[j]}", f"cue_dist={_bucket(depth)}"]
                break
        f.append(f"cue_above={cue_above}")
        root_depth, j = 0, i
        while heads[j] != j and root_depth < 16:
            j = heads[j]
            root_depth += 1
        f.append(f"depth={_bucket(root_depth)}")
        sentence = ctx.sentence_of[i]
        near = [c - i for c in sentence_cues[sentence]]
        f.append(f"cue_off={_bucket(min(near, key=abs))}" if near else "no_cue_in_sentence")
        start, end = ctx.sentences[sentence]
        f += [f"sent_pos={_bucket(i - start)}", f"sent_left={_bucket(end - 1 - i)}"]
        if ctx.quote_of[i]:
            f.append("in_quote")
            f += quote_info[ctx.quote_of[i] - 1]
        if ctx.is_quote[i]:
            f.append("quote_mark")
        levels = ctx.encoder_levels[i]
        f += [f"e_{role}={level}" for role, level in zip(ENCODER_ROLES, levels, strict=True)]
        for offset in (-1, 1):
            j = i + offset
            if 0 <= j < n:
                f += [
                    f"{offset}:e_{role}={level}|{here}"
                    for role, level, here in zip(
                        ENCODER_ROLES, ctx.encoder_levels[j], levels, strict=True
                    )
                ]
        for offset in range(-WINDOW, WINDOW + 1):
            j = i + offset
            if offset == 0:
                continue
            if 0 <= j < n:
                f += [
                    f"{offset}:w={lower[j]}",
                    f"{offset}:p={pos[j]}",
                    f"{offset}:d={dep[j]}",
                    f"{offset}:c={classes[j]}",
                    f"{offset}:q={ctx.quote_of[j] > 0}",
                ]
            else:
                f.append(f"{offset}:edge")
        features.append(f)
    return features


def span_window(ctx: DocContext, cue: TokenRange) -> TokenRange:
    """The tokens the span tagger reads for a cue: its sentence, widened to take in every
    quotation that overlaps it or lies next to it (a quotation spanning several sentences, or
    one that ends just before the sentence with its cue: "“…” He said.")."""
    start, end = ctx.sentences[ctx.sentence_of[cue[0]]]
    end = max(end, ctx.sentences[ctx.sentence_of[cue[1] - 1]][1])
    for first, last in ctx.quote_tokens:
        if last + ADJACENT_TOKENS < start or first > end + ADJACENT_TOKENS:
            continue
        if (
            _only_gap(ctx.doc, last, start)
            or _only_gap(ctx.doc, end, first)
            or (first < end and last > start)
        ):
            start, end = min(start, first), max(end, last)
    return start, end


def _only_gap(doc: Doc, left: int, right: int) -> bool:
    """Whether only spaces and punctuation lie in the tokens [left, right)."""
    return 0 <= right - left <= ADJACENT_TOKENS and all(
        doc[k].is_space or doc[k].is_punct for k in range(left, right)
    )


def span_features(
    ctx: DocContext, base: Sequence[list[str]], cue: TokenRange, window: TokenRange
) -> list[list[str]]:
    """The span tagger's features of the window's tokens, for one cue."""
    doc, heads, dep = ctx.doc, ctx.heads, ctx.dep
    cue_start, cue_end = cue
    root = doc[cue_start:cue_end].root.i
    cue_lemma = ctx.lemma[root]
    cue_words = "_".join(ctx.lower[cue_start:cue_end])[:40]
    ancestors = set()
    j = root
    while heads[j] != j:
        j = heads[j]
        ancestors.add(j)
    cue_quote = _cue_quote(ctx, cue)
    cue_sentence = ctx.sentence_of[cue_start]
    features = []
    for i in range(*window):
        if i < cue_start:
            where, distance = "before", cue_start - i
        elif i >= cue_end:
            where, distance = "after", i - cue_end + 1
        else:
            where, distance = "cue", 0
        sentence_offset = max(-2, min(2, ctx.sentence_of[i] - cue_sentence))
        f = [
            *base[i],
            f"R={where}",
            f"Rd={_bucket(distance)}",
            f"Rs={sentence_offset}",
            f"cl={cue_lemma}",
            f"cw={cue_words}",
            f"R|cl={where}|{cue_lemma}",
        ]
        # The head marks every attribution's roles at once; which side of this cue and which
        # sentence a token is in tells whose source or content it is likely to be.
        _, source_level, content_level = ctx.encoder_levels[i]
        f += [
            f"R|e_src={where}|{source_level}",
            f"R|e_con={where}|{content_level}",
            f"Rs|e_con={sentence_offset}|{content_level}",
        ]
        # Which dependent of the cue's head word the token belongs to.
        j, depth = i, 0
        while j != root and heads[j] != j and heads[j] != root and depth < MAX_ANCESTORS:
            j = heads[j]
            depth += 1
        if i == root:
            f.append("S=cuehead")
        elif heads[j] == root and j != root:
            f += [f"S={dep[j]}", f"S|R={dep[j]}|{where}", f"S|cl={dep[j]}|{cue_lemma}"]
            f.append(f"Sd={_bucket(depth)}")
        elif i in ancestors:
            f += ["S=ancestor", f"S|d={dep[i]}"]
        else:
            f.append("S=none")
        if ctx.quote_of[i]:
            f.append(f"Rq={where}")
            if ctx.quote_of[i] == cue_quote:
                f.append("cue_quote")
        features.append(f)
    return features


def _cue_quote(ctx: DocContext, cue: TokenRange) -> int:
    """The number of the quotation the cue speaks for (0 if none): the nearest one ending
    shortly before it ("“…,” a senior official said"), else one starting right after it."""
    before = after = 0
    for number, (first, last) in enumerate(ctx.quote_tokens, start=1):
        if last <= cue[0] and cue[0] - last <= QUOTE_GAP:
            before = number
        elif not after and first >= cue[1] and first - cue[1] <= ADJACENT_TOKENS:
            after = number
    return before or after
