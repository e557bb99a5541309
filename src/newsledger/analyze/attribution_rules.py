"""Attributions found by rules, where a parse pattern is more precise than the tagger or where
PolNeAR, which the tagger learnt from, annotates nothing (it marks only the outermost
attribution, so a claim quoted inside a statement is left to `reported_speech`).

Every rule returns `TaggedAttribution`s in token offsets; `attribution.py` merges them with the
tagger's, keeping the tagger's wherever their cues overlap.

- `reported_speech`: a speech verb with a subject and a clausal complement, also inside
  another attribution's content ("the MKO has claimed that …"): source = the subject (for a
  participle after a comma, "…, saying that …", its clause's subject), content = the clause.
- `according_to`: "according to X, Y" / "Y, according to X": source = X, content = the rest of
  the clause, past a dash-delimited aside right after X.
- `agentless`: hedges without a source. An adverb ("reportedly", "allegedly") is the cue of the
  clause it modifies; a passive reporting verb without a "by" agent ("it is said that Y",
  "X are said to be Y") is the cue of its complement, from the subject on when the complement
  is an infinitive.
- `quoted_speech`: a quotation with a speech verb next to it, before ("X said: “…”") or after
  ("“…,” X said", "“…,” said X"); a second quotation that continues right after the cue's
  clause ("“A,” she said. “B.”") belongs to the same content.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from newsledger.analyze.attribution_cues import AttributionCues
from newsledger.analyze.attribution_features import DocContext, TokenRange
from newsledger.analyze.attribution_model import TaggedAttribution
from newsledger.analyze.quotes import CLOSING, INNER_CLOSING, STRAIGHT

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
CLAUSE_DEPS = frozenset({"ccomp"})
# The verb group of a cue: auxiliaries, negation and particles travel with the verb.
VERB_GROUP_DEPS = frozenset({"aux", "auxpass", "neg"})
# The marks that close a quotation, straight or curly, outer or inner.
CLOSING_QUOTES = CLOSING | STRAIGHT | INNER_CLOSING
DASHES = frozenset({"–", "—", "--", "-"})
# How many tokens may stand between a quotation and the speech verb that closes it (room for a
# speaker: "“…,” said Catherine Ashton, the EU's foreign policy chief").
QUOTE_VERB_GAP = 4


def reported_speech(ctx: DocContext) -> list[TaggedAttribution]:
    """ "X said (that) Y", also inside another statement's content ("the MKO has claimed that
    …"): a speech verb with a subject and a clausal complement after it."""
    found = []
    for i, token in enumerate(ctx.doc):
        if ctx.classes[i] != "speech" or token.pos_ != "VERB":
            continue
        subject = subject_of(token) or _participle_subject(ctx, token)
        clause = _child(token, CLAUSE_DEPS)
        if subject is None or clause is None or subject.lower_ == "it":
            continue
        if clause.left_edge.i < token.i:
            continue
        found.append(
            TaggedAttribution(
                cue=verb_group(token),
                source=_subtree(subject),
                content=trimmed(ctx, clause.left_edge.i, clause.right_edge.i + 1),
            )
        )
    return found


def _participle_subject(ctx: DocContext, verb: Token) -> Token | None:
    """ "X argued that A, saying B": a participle after a comma speaks for its clause's subject."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl" or not follows_comma(ctx, verb.i):
        return None
    return subject_of(verb.head)


def follows_comma(ctx: DocContext, index: int) -> bool:
    """The token follows a comma or a dash, past any closing quotation marks ("…,” saying")."""
    before = index - 1
    while before > 0 and ctx.doc[before].text in CLOSING_QUOTES:
        before -= 1
    return before >= 0 and ctx.doc[before].text in (",", "–", "—")


def according_to(ctx: DocContext) -> list[TaggedAttribution]:
    doc = ctx.doc
    found = []
    for i in range(len(doc) - 1):
        if ctx.lower[i] != "according" or ctx.lower[i + 1] != "to":
            continue
        source_head = _child(doc[i + 1], frozenset({"pobj"}))
        if source_head is None:
            continue
        aside_end = source_head.right_edge.i + 1
        sentence_start, sentence_end = ctx.sentences[ctx.sentence_of[i]]
        if i > sentence_start + 1 and ctx.lower[i - 1] in (",", "(", "—", "–"):
            content = trimmed(ctx, sentence_start, i - 1)
        else:
            start = aside_end
            # "According to X – an aside about X – Y": the content starts after the aside.
            if start < sentence_end and doc[start].text in DASHES:
                closing = [j for j in range(start + 1, sentence_end) if doc[j].text in DASHES]
                start = closing[0] + 1 if closing else start + 1
            content = trimmed(ctx, start, sentence_end)
        if content[0] < content[1]:
            found.append(
                TaggedAttribution(cue=(i, i + 2), source=_subtree(source_head), content=content)
            )
    return found


def agentless(ctx: DocContext, cues: AttributionCues) -> list[TaggedAttribution]:
    doc = ctx.doc
    found = []
    for token in doc:
        if token.lower_ in cues.agentless_hedges and token.dep_ == "advmod":
            clause = token.head
            start = min(clause.left_edge.i, token.i)
            found.append(
                TaggedAttribution(
                    cue=(token.i, token.i + 1),
                    source=None,
                    content=trimmed(ctx, start, clause.right_edge.i + 1),
                )
            )
        elif is_agentless_passive(token, cues):
            complement = _child(token, frozenset({"ccomp", "xcomp"}))
            if complement is None:
                continue
            cue_start, cue_end = verb_group(token)
            subject = _child(token, frozenset({"nsubjpass"}))
            if complement.dep_ == "xcomp" and subject is not None:
                # "are said to be willing": the cue takes in "to be", the content runs from
                # the subject to the end of the complement.
                following = ctx.lower[cue_end : cue_end + 2]
                if following in (["to", "be"], ["to", "have"]):
                    cue_end += 2
                start = subject.left_edge.i
            else:
                start = complement.left_edge.i
            found.append(
                TaggedAttribution(
                    cue=(cue_start, cue_end),
                    source=None,
                    content=trimmed(ctx, start, complement.right_edge.i + 1),
                )
            )
    return found


def is_agentless_passive(token: Token, cues: AttributionCues) -> bool:
    """A passive reporting verb without a "by" agent: "is said", "are believed"."""
    return (
        token.tag_ == "VBN"
        and token.lemma_.lower() in cues.agentless_passive_verbs
        and any(child.dep_ == "auxpass" for child in token.children)
        and not any(child.dep_ == "agent" for child in token.children)
    )


def quoted_speech(ctx: DocContext) -> list[TaggedAttribution]:
    found = []
    for number, (first, last) in enumerate(ctx.quote_tokens):
        if last - first < 3:
            continue
        verb = speech_verb_after(ctx, last)
        following = number + 1
        if verb is None:
            verb = _speech_verb_before(ctx, first)
            following = -1
        if verb is None:
            continue
        subject = subject_of(verb) or _inverted_subject(verb)
        start, end = first, last
        if 0 < following < len(ctx.quote_tokens):
            next_first, next_last = ctx.quote_tokens[following]
            clause_end = (subject.right_edge.i if subject is not None else verb.i) + 1
            speaks_itself = speech_verb_after(ctx, next_last) is not None
            if not speaks_itself and _only_punctuation(
                ctx, max(clause_end, verb.i + 1), next_first
            ):
                end = next_last
        found.append(
            TaggedAttribution(
                cue=verb_group(verb),
                source=_subtree(subject) if subject is not None else None,
                content=(start, end),
            )
        )
    return found


def speech_verb_after(ctx: DocContext, last: int) -> Token | None:
    """ "“…,” X said" / "“…,” said X": a speech verb just after the closing mark."""
    doc = ctx.doc
    for j in range(last, min(len(doc), last + QUOTE_VERB_GAP + 2)):
        if "\n" in doc[j].text or (doc[j].is_punct and doc[j].text not in (",", "”", '"')):
            break
        if ctx.classes[j] == "speech" and doc[j].pos_ == "VERB":
            return doc[j]
    return None


def _speech_verb_before(ctx: DocContext, first: int) -> Token | None:
    """ "X said: “…”" / "X said, “…”": a speech verb just before the opening mark."""
    doc = ctx.doc
    j = first - 1
    while j >= 0 and doc[j].is_space and "\n" not in doc[j].text:
        j -= 1
    if j < 1 or doc[j].text not in (":", ","):
        return None
    verb = doc[j - 1]
    if verb.dep_ == "prt" or verb.pos_ == "ADV":
        verb = verb.head
    return verb if ctx.classes[verb.i] == "speech" and verb.pos_ == "VERB" else None


def _inverted_subject(verb: Token) -> Token | None:
    """ "said X": the parser often makes the speaker after an inverted verb its object."""
    for child in verb.rights:
        if child.dep_ in ("dobj", "attr", "npadvmod", "oprd") and child.pos_ in ("PROPN", "NOUN"):
            return child
    return None


def subject_of(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it is coordinated with ("gathered … and called
    for"); of several, the nearest before the verb (a misparse may add a headline's)."""
    subjects = [child for child in verb.lefts if child.dep_ in SUBJECT_DEPS]
    if subjects:
        return subjects[-1]
    if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        return subject_of(verb.head)
    return None


def verb_group(token: Token) -> TokenRange:
    """A verb with the auxiliaries and negation right before it and a particle right after."""
    start = token.i
    for child in sorted(token.children, key=lambda c: -c.i):
        if child.i == start - 1 and child.dep_ in VERB_GROUP_DEPS:
            start = child.i
    end = token.i + 1
    for child in token.rights:
        if child.i == end and child.dep_ == "prt":
            end += 1
    return start, end


def _child(token: Token, deps: Iterable[str]) -> Token | None:
    wanted = frozenset(deps)
    return next((child for child in token.children if child.dep_ in wanted), None)


def _subtree(token: Token) -> TokenRange:
    return token.left_edge.i, token.right_edge.i + 1


def trimmed(ctx: DocContext, start: int, end: int) -> TokenRange:
    """Without leading or trailing spaces and commas, and without a sentence's full stop."""
    doc = ctx.doc
    while start < end and (doc[start].is_space or doc[start].text in (",", ";", ":", "–", "—")):
        start += 1
    while end > start and (doc[end - 1].is_space or doc[end - 1].text in (",", ";", ":", ".")):
        end -= 1
    return start, end


def _only_punctuation(ctx: DocContext, start: int, end: int) -> bool:
    return start <= end and all(
        ctx.doc[j].is_punct or ctx.doc[j].is_space for j in range(start, end)
    )
