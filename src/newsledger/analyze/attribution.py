"""Attribution: every statement of an article with its speaker, cue and content.

`find_statements` is the pure core: it reads a parsed Doc, the article's entities and the
resources built once per process, and returns `Statement`s with ids `s1`, `s2`, ... in text
order (by where each statement's earliest part starts).

Where the statements come from:

1. The learned taggers (`attribution_model.py`, trained on PolNeAR) find cues and, for each,
   its source and content, in the PolNeAR sense: speech, thought, intention, stance and
   evidence ("said", "believes", "wants", "backs", "according to", "the report shows").
2. Rules (`attribution_rules.py`) add what PolNeAR leaves out or a parse pattern finds more
   reliably: claims quoted inside another statement, "according to X", agentless hedges and
   quotations next to a speech verb. A rule's statement is dropped when its cue overlaps a
   cue already found.
3. Boundaries are repaired where the taggers run one statement into the next: a content stops
   before a participle or coordinated cue that starts another statement ("X said A, adding
   B"), keeps one side of its own cue when the other belongs elsewhere, and takes in the
   quotation that continues it after the cue ("“A,” X said of it. “B.”").

What each statement gets:

- `speaker.kind`: `unattributed` without a source; `anonymous` when an anonymity phrase
  ("on condition of anonymity") goes with the source, when the source is an unnamed person or
  group ("officials", "an Iraqi commander", "a number of EU parliamentarians": a role noun,
  indefinite or bare), or when it refers back to such a speaker; otherwise `named`.
- `speaker.entity`: the entity of the source's head word; for a pronoun or a definite
  description the entity stage did not resolve, the speaker it refers back to ("the statement"
  → whoever made the previous statement, "the commander" → the last speaker headed by
  "commander", "he" → the last speaker who is a person); otherwise an entity inside the source
  that it speaks for (`_entity_inside`): a person in apposition, the body an office or
  official serves ("Iran's foreign ministry"), the author of an artifact ("a report published
  by the Habilian association"), never a mere qualifier ("a Chilean judge").
- `direct`: quotations make up most of the content.
- `hedged`: the cue is, or is modified by, a hedge ("reportedly", "allegedly"), or it is a
  passive reporting verb without an agent ("are said to", "it is believed").
- `relations`: `reports` from a statement to every statement whose cue lies inside its
  content; `denies` from a statement that denies (a denial verb as its cue, or a denial phrase
  such as "a sheer lie" in its content) to the latest earlier statement made with a speech
  verb by a speaker its content names ("the Guardian report was false"), else to the latest
  earlier statement, within three sentences, by another speaker; `supports` likewise for a
  statement whose cue confirms or agrees ("confirmed", "echoed").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Token

from newsledger.analyze.attribution_cues import AttributionCues
from newsledger.analyze.attribution_features import (
    DocContext,
    TokenRange,
    doc_context,
    sentence_ranges,
    token_probabilities,
)
from newsledger.analyze.attribution_model import AttributionTagger, TaggedAttribution
from newsledger.analyze.attribution_rules import (
    CLOSING_QUOTES,
    SUBJECT_DEPS,
    according_to,
    agentless,
    follows_comma,
    is_agentless_passive,
    quoted_speech,
    reported_speech,
    speech_verb_after,
    subject_of,
    trimmed,
)
from newsledger.analyze.entities import EntityIndex
from newsledger.analyze.framing_model import Encoded
from newsledger.analyze.nlp import doc_text
from newsledger.analyze.quotes import find_quotes
from newsledger.schema import Relation, Sourcing, Span, Speaker, SpeakerKind, Statement

# Quotations must cover this share of a content's characters for the statement to be direct.
DIRECT_SHARE = 0.8
# How many sentences back a denial or a confirmation looks for the statement it answers, and a
# pronoun or description for the speaker it refers to.
RELATION_REACH = 3
ANAPHOR_REACH = 3
# How many tokens after a source an anonymity phrase may start and still describe it.
ANONYMITY_REACH = 12
AnswerKind = Literal["denies", "supports"]
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their"})
FINITE_TAGS = frozenset({"VBD", "VBP", "VBZ", "MD"})
# A participle after these starts a statement of its own, as one after a comma does.
PARTICIPLE_SUBORDINATORS = frozenset({"before", "after", "while"})
# How many words may follow the cue in its sentence before a quotation continues the content.
CONTINUATION_WORDS = 6
SENTENCE_END = frozenset({".", "!", "?", "”", '"', "''", "»", ")"})
RELATIVE_PRONOUNS = frozenset({"who", "which", "that"})
# Dependencies through which a name inside a source belongs to another party than the source.
NOT_BESIDE = frozenset({"poss", "prep", "pobj", "relcl", "acl", "conj", "amod"})


@dataclass
class _Found:
    """A statement under construction: token offsets until the end."""

    tagged: TaggedAttribution
    speaker: Speaker = field(default_factory=lambda: Speaker(kind="unattributed"))
    head: Token | None = None
    relations: list[Relation] = field(default_factory=list)
    id: str = ""

    @property
    def start(self) -> int:
        parts = [self.tagged.cue[0], self.tagged.content[0]]
        if self.tagged.source is not None:
            parts.append(self.tagged.source[0])
        return min(parts)


def find_statements(
    doc: Doc,
    entity_index: EntityIndex,
    cues: AttributionCues,
    tagger: AttributionTagger,
    encoded: Encoded,
) -> list[Statement]:
    """The statements of a parsed article, ids `s1`, `s2`, ... in text order; `encoded` is the
    document encoder's pass over the same text."""
    text = doc_text(doc)
    encoder_probs = token_probabilities(doc, encoded.pieces.offsets, encoded.attribution_probs)
    ctx = doc_context(doc, text, find_quotes(text), cues, encoder_probs)
    tagged = tagger(ctx)
    # A rule's statement is kept beside the tagger's unless their cues overlap; where they do,
    # "according to" and agentless hedges take the rule's version (held-out train preferred it).
    for rule, overrides in (
        (quoted_speech(ctx), False),
        (according_to(ctx), True),
        (agentless(ctx, cues), True),
        (reported_speech(ctx), False),
    ):
        for candidate in rule:
            if candidate.content[0] >= candidate.content[1]:
                continue
            clashing = [t for t in tagged if _overlaps(candidate.cue, t.cue)]
            if clashing and overrides:
                tagged = [t for t in tagged if t not in clashing]
            if overrides or not clashing:
                tagged.append(candidate)
    tagged = [
        _continued_quotation(ctx, _around_own_cue(ctx, t))
        for t in _cut_before_joined_statements(ctx, tagged)
    ]
    repaired = [_repaired(ctx, cues, t, tagged) for t in tagged if not _violent(ctx, cues, t.cue)]
    found = sorted((_Found(t) for t in repaired), key=lambda f: (f.start, f.tagged.cue[0]))
    for number, item in enumerate(found, start=1):
        item.id = f"s{number}"
    for index, item in enumerate(found):
        item.head, item.speaker = _speaker(ctx, entity_index, cues, item, found[:index])
    _relate(ctx, entity_index, cues, found)
    return [_statement(ctx, cues, item) for item in found]


def _repaired(
    ctx: DocContext,
    cues: AttributionCues,
    item: TaggedAttribution,
    others: Sequence[TaggedAttribution],
) -> TaggedAttribution:
    """The source made consistent with the cue.

    An agentless passive ("are said to") has no source. A verb that shares its subject with
    the verb it is coordinated with ("gathered … and called for") takes that subject, and so
    do a participle adjunct ("held a rally, calling …") and an infinitive of purpose or
    complement without its own ("staged rallies to condemn …", "vowed to reject …"). A
    statement quoted inside another's content keeps its source inside that content.
    """
    root = ctx.doc[item.cue[0] : item.cue[1]].root
    source = item.source
    if is_agentless_passive(root, cues) or ctx.classes[root.i] == "hedge":
        source = None
    elif source is None and root.pos_ == "VERB":
        subject = None
        if root.dep_ == "conj":
            subject = subject_of(root)
        elif (governor := _subject_giver(root)) is not None:
            subject = subject_of(governor)
        if subject is not None and subject.lower_ != "it":
            source = (subject.left_edge.i, subject.right_edge.i + 1)
    if source is not None:
        for other in others:
            start, end = other.content
            inside = other is not item and start <= item.cue[0] and item.cue[1] <= end
            if inside and (source[0] < start or source[1] > end):
                source = trimmed(ctx, max(source[0], start), min(source[1], end))
        if source[0] >= source[1]:
            source = None
    return TaggedAttribution(cue=item.cue, source=source, content=item.content)


def _cut_before_joined_statements(
    ctx: DocContext, tagged: Sequence[TaggedAttribution]
) -> list[TaggedAttribution]:
    """A statement's content stops where another statement joined to it begins: a participle
    after a comma, a dash or "before" ("X argued that A, saying B"; "X said A before claiming
    B") or a verb coordinated without a subject of its own ("X said A and said B"), which takes
    the earlier statement's source when it has none (PolNeAR annotates them as two
    statements)."""
    doc = ctx.doc
    items = list(tagged)
    for index, item in enumerate(items):
        first = item.cue[0]
        later = doc[first : item.cue[1]].root
        subordinated = first > 0 and doc[first - 1].lower_ in PARTICIPLE_SUBORDINATORS
        participle = later.tag_ == "VBG" and (follows_comma(ctx, first) or subordinated)
        coordinated = later.dep_ == "conj" and not any(
            child.dep_ in SUBJECT_DEPS for child in later.children
        )
        if not (participle or coordinated):
            continue
        cut_at = first - 1 if participle and subordinated else first
        for other_index, other in enumerate(items):
            start, end = other.content
            if other is item or not (other.cue[1] <= first and start < first < end):
                continue
            cut = cut_at
            if item.source is not None and start < item.source[0] < cut:
                cut = item.source[0]
            content = _without_connectives(ctx, start, cut)
            if content[0] >= content[1]:
                continue
            items[other_index] = other = TaggedAttribution(other.cue, other.source, content)
            if item.source is None:
                item = TaggedAttribution(item.cue, other.source, item.content)
                items[index] = item
    return items


def _around_own_cue(ctx: DocContext, item: TaggedAttribution) -> TaggedAttribution:
    """A content tagged on both sides of its own cue keeps one side where the other belongs to
    another statement: the words after the cue when a line break comes before the speaker
    ("“…”\n\nTrump isn't saying what …"), the words before it when they are a quotation and
    nothing after it is quoted ("“…,” Adelson said during the interview"), or when they are
    not and the sentence ends after the cue ("… imperiled US troops, Biden said. “If …")."""
    doc = ctx.doc
    start, end = item.content
    if not (start < item.cue[0] and item.cue[1] < end):
        return item
    verb = _relative_clause(doc[item.source[0]]) if item.source is not None else None
    if verb is not None and item.cue[0] <= verb.i < item.cue[1]:
        # What a relative clause's speaker said is inside that clause: "Maliki, who said *the
        # talks had failed*, left Paris".
        clause = trimmed(ctx, item.cue[1], min(end, verb.right_edge.i + 1))
        if _has_words(ctx, *clause):
            return TaggedAttribution(item.cue, item.source, clause)
    first, last = item.cue
    if item.source is not None and start < item.source[0] and item.source[1] < end:
        first, last = min(first, item.source[0]), max(last, item.source[1])
    before = _without_connectives(ctx, start, first)
    after = trimmed(ctx, last, end)
    if any("\n" in doc[j].text_with_ws for j in range(start, first)) and _has_words(ctx, *after):
        return TaggedAttribution(item.cue, item.source, after)
    if before[0] >= before[1]:
        return item
    quoted_before = doc[before[1] - 1].text in CLOSING_QUOTES
    quoted_after = any(ctx.is_quote[j] for j in range(*after))
    if (quoted_before and not quoted_after) or (
        not quoted_before and _sentence_ends(ctx, last, end)
    ):
        return TaggedAttribution(item.cue, item.source, before)
    return item


def _continued_quotation(ctx: DocContext, item: TaggedAttribution) -> TaggedAttribution:
    """ "“A,” Fallon said of the story. “B.”": the quotation that opens the next sentence of
    the paragraph, a few words after the cue, continues the statement's own (PolNeAR's content
    spans both) unless a speech verb of its own follows it."""
    doc = ctx.doc
    start, end = item.content
    number = ctx.quote_of[start]
    if not number or ctx.quote_tokens[number - 1][0] != start or ctx.quote_of[end - 1] != number:
        return item
    last = item.cue[1]
    if item.source is not None and item.source[0] >= end:
        last = max(last, item.source[1])
    if end > item.cue[0]:
        return item
    words = 0
    for j in range(last, len(doc)):
        token = doc[j]
        if "\n" in token.text:
            return item
        if token.text in (".", "!", "?", ":"):
            break
        if not (token.is_punct or token.is_space):
            words += 1
            if words > CONTINUATION_WORDS:
                return item
    else:
        return item
    if "\n" in token.whitespace_ or j + 1 >= len(doc):
        return item
    following = ctx.quote_of[j + 1]
    if not following or ctx.quote_tokens[following - 1][0] != j + 1:
        return item
    next_first, next_last = ctx.quote_tokens[following - 1]
    if any("\n" in doc[k].text_with_ws for k in range(next_first, next_last - 1)):
        return item
    if speech_verb_after(ctx, next_last) is not None:
        return item
    return TaggedAttribution(item.cue, item.source, (start, next_last))


def _sentence_ends(ctx: DocContext, start: int, end: int) -> bool:
    """Only punctuation stands between `start` and a full stop, question or exclamation mark."""
    for j in range(start, end):
        token = ctx.doc[j]
        if token.text in (".", "?", "!"):
            return True
        if not (token.is_punct or token.is_space):
            return False
    return False


def _has_words(ctx: DocContext, start: int, end: int) -> bool:
    return any(ctx.doc[j].is_alpha or ctx.doc[j].is_digit for j in range(start, end))


def _without_connectives(ctx: DocContext, start: int, end: int) -> TokenRange:
    """A content cut before another clause, without the comma, dash or "and" that joined them."""
    doc = ctx.doc
    while end > start and (
        doc[end - 1].is_space
        or doc[end - 1].text in (",", ";", ":", "–", "—", "-")
        or doc[end - 1].dep_ == "cc"
    ):
        end -= 1
    return trimmed(ctx, start, end)


def _subject_giver(verb: Token) -> Token | None:
    """The verb whose subject is the understood subject of `verb`, which has none of its own: a
    participle adjunct's ("held a rally, calling the deal a disaster"; "Having announced …,
    the minister left"), a gerund's after a preposition ("*After blasting* the report, Beck
    …", "without naming her"), and a bare "to" infinitive's of purpose ("staged rallies to
    condemn") or complement with no object in between ("vowed to reject"; not "urged them to
    reject", whose subject is "them")."""
    if any(child.dep_ in SUBJECT_DEPS for child in verb.children):
        return None
    if verb.tag_ == "VBG" and verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
        governor = verb.head.head
        return governor if governor.pos_ == "VERB" else None
    if verb.head.pos_ != "VERB":
        return None
    if verb.dep_ == "advcl" and (
        verb.tag_ == "VBG" or (verb.tag_ == "VBN" and any(c.lower_ == "having" for c in verb.lefts))
    ):
        return verb.head
    infinitive = verb.tag_ == "VB" and any(
        child.dep_ == "aux" and child.lower_ == "to" for child in verb.lefts
    )
    if not infinitive:
        return None
    if verb.dep_ == "advcl" or (
        verb.dep_ == "xcomp"
        and not any(child.dep_ in ("dobj", "dative") for child in verb.head.children)
    ):
        return verb.head
    return None


def _violent(ctx: DocContext, cues: AttributionCues, cue: TokenRange) -> bool:
    """A verb such as "attacked" coordinated with "killed" is an assault, not a criticism."""
    root = ctx.doc[cue[0] : cue[1]].root
    linked = [child for child in root.children if child.dep_ == "conj"]
    if root.dep_ == "conj":
        linked.append(root.head)
    return any(token.lemma_.lower() in cues.violent_verbs for token in linked)


def _overlaps(a: TokenRange, b: TokenRange) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _char_span(ctx: DocContext, tokens: TokenRange) -> Span:
    doc = ctx.doc
    start, end = tokens
    while start < end - 1 and doc[start].is_space:
        start += 1
    while end > start + 1 and doc[end - 1].is_space:
        end -= 1
    first, last = doc[start], doc[end - 1]
    return Span.of(ctx.text, first.idx, last.idx + len(last.text))


def _speaker(
    ctx: DocContext,
    entity_index: EntityIndex,
    cues: AttributionCues,
    item: _Found,
    earlier: Sequence[_Found],
) -> tuple[Token | None, Speaker]:
    source = item.tagged.source
    if source is None:
        return None, Speaker(kind="unattributed")
    doc = ctx.doc
    span = _char_span(ctx, source)
    head = _quantified(cues, _relative_antecedent(doc[source[0] : source[1]].root))
    entity = entity_index.entity_at(head.idx, head.idx + len(head.text))
    kind: SpeakerKind = "named"
    if _anonymity_marked(ctx, cues, source, item.tagged.cue):
        return head, Speaker(text=span.text, span=span, entity=None, kind="anonymous")
    lemma = head.lemma_.lower()
    determiner = _determiner(head)
    if entity is None:
        antecedent = _antecedent(ctx, cues, head, determiner, item, earlier)
        if antecedent is not None:
            return head, antecedent.speaker.model_copy(update={"text": span.text, "span": span})
    if entity is None and head.pos_ != "PROPN":
        role_noun = lemma in cues.anonymous_heads or head.lower_ in cues.anonymous_heads
        indefinite = determiner is None or determiner in cues.indefinite_determiners
        if role_noun and indefinite:
            kind = "anonymous"
        elif head.pos_ != "PRON":
            entity = _entity_inside(doc, entity_index, cues, head, source, span)
            if entity is None and determiner in cues.indefinite_determiners:
                kind = "anonymous"
    elif entity is None:
        # A proper noun no entity covers: often a capitalised office ("Iran's Foreign Ministry").
        entity = _entity_inside(doc, entity_index, cues, head, source, span)
    return head, Speaker(
        text=span.text, span=span, entity=entity if kind == "named" else None, kind=kind
    )


def _entity_inside(
    doc: Doc,
    entity_index: EntityIndex,
    cues: AttributionCues,
    head: Token,
    source: TokenRange,
    span: Span,
) -> str | None:
    """The entity a source speaks for when its head word is no entity's: a person named beside
    the head ("Assange's lawyer, Carlos Poveda"), one entity making up the whole phrase but its
    determiner, the first entity of a body or office ("Iran's foreign ministry", "the Trump
    administration"), or an artifact's author ("a statement from the Vatican", "an NCR
    editorial": its maker, or any entity inside that is no place).

    Any other entity inside only qualifies the speaker: "A British newspaper" is not the United
    Kingdom, "a Chilean judge" not Chile, "Lawyers for Assange" not Assange.
    """
    for token in doc[source[0] : source[1]]:
        named = entity_index.entity_at(token.idx, token.idx + len(token.text))
        if named is not None and entity_index.types[named] == "PERSON" and _beside(token, head):
            return named
    words = [token for token in doc[source[0] : source[1]] if token.pos_ not in ("DET", "PUNCT")]
    if words:
        whole = entity_index.entity_at(words[0].idx, words[-1].idx + len(words[-1].text))
        if whole is not None:
            return whole
    inside = entity_index.entities_in(span.start, span.end)
    lemma, word = head.lemma_.lower(), head.lower_
    # A body or office speaks for what it serves; a head that is no noun is a parse gone astray
    # ("Michael Wong of Berkeley says"), where the first name inside is the best guess.
    if head.pos_ not in ("NOUN", "PROPN") or lemma in cues.representative_heads:
        return inside[0] if inside else None
    if lemma in cues.reporting_artifacts or word in cues.reporting_artifacts:
        authors = [entity_index.entity_at(t.idx, t.idx + len(t.text)) for t in _authors(head)]
        places = cues.place_entity_types
        return next(
            (e for e in inside if e in authors or entity_index.types[e] not in places), None
        )
    return None


def _beside(word: Token, head: Token) -> bool:
    """Whether `word` names the head itself, in apposition or as a title's name ("the
    photographer, Askia Muhammad", "former mayor Rudolph Giuliani"), rather than someone the
    head belongs to or works for ("Assange's lawyer", "a lawyer for Assange")."""
    while word != head:
        if word.dep_ in NOT_BESIDE or word.head == word:
            return False
        word = word.head
    return True


def _authors(artifact: Token) -> list[Token]:
    """The words that name who made an artifact: its possessor ("Iran's statement") and the
    object of "from" or "by" ("a statement from the Vatican")."""
    found = []
    for child in artifact.children:
        if child.dep_ == "poss":
            found.append(child)
        elif child.dep_ == "prep" and child.lower_ in ("from", "by"):
            found.extend(c for c in child.children if c.dep_ == "pobj")
    return found


def _relative_clause(head: Token) -> Token | None:
    """The verb of the relative clause whose subject `head` is, when it is a relative pronoun."""
    if head.lower_ in RELATIVE_PRONOUNS and head.dep_ in SUBJECT_DEPS and head.head.dep_ == "relcl":
        return head.head
    return None


def _relative_antecedent(head: Token) -> Token:
    """The noun a relative pronoun stands for ("Maliki, *who* said …"): the speaker's entity
    and kind are the noun's, its words stay the pronoun."""
    verb = _relative_clause(head)
    return verb.head if verb is not None else head


def _quantified(cues: AttributionCues, head: Token) -> Token:
    """ "a number of EU parliamentarians": the people counted, not the count."""
    if head.lemma_.lower() in cues.quantity_nouns:
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                counted = next((c for c in child.children if c.dep_ == "pobj"), None)
                if counted is not None and counted.pos_ in ("NOUN", "PROPN"):
                    return counted
    return head


def _determiner(head: Token) -> str | None:
    """The head's determiner or quantifier, lower-cased; a counted noun takes its count's
    ("a number of X" is indefinite)."""
    if head.dep_ == "pobj" and head.head.dep_ == "prep" and head.head.lower_ == "of":
        head = head.head.head
    for child in head.children:
        if child.dep_ in ("det", "nummod", "quantmod", "predet") and child.i < head.i:
            return child.lower_
    return None


def _anonymity_marked(
    ctx: DocContext, cues: AttributionCues, source: TokenRange, cue: TokenRange
) -> bool:
    """An anonymity phrase in the source, between it and the cue, or in the words right
    after it ("said a senior official, who spoke on condition of anonymity")."""
    doc = ctx.doc
    after_cue = source[0] >= cue[1]
    start = min(source[0], cue[1])
    end = min(len(doc), source[1] + ANONYMITY_REACH if after_cue else max(source[1], cue[0]))
    last = doc[end - 1]
    text = ctx.text[doc[start].idx : last.idx + len(last.text)].lower()
    return any(marker in text for marker in cues.anonymity_markers)


def _antecedent(
    ctx: DocContext,
    cues: AttributionCues,
    head: Token,
    determiner: str | None,
    item: _Found,
    earlier: Sequence[_Found],
) -> _Found | None:
    """The earlier statement whose speaker a pronoun or definite description refers to."""
    lemma = head.lemma_.lower()
    here = ctx.sentence_of[item.tagged.cue[0]]
    recent = [
        e
        for e in reversed(earlier)
        if e.head is not None and here - ctx.sentence_of[e.tagged.cue[0]] <= ANAPHOR_REACH
    ]
    if head.pos_ == "PRON":
        if head.lower_ in PERSON_PRONOUNS:
            return next((e for e in recent if _is_person(e)), None)
        if head.lower_ in PLURAL_PRONOUNS:
            return next((e for e in recent if _is_plural(e)), None)
        return None
    if determiner not in DEFINITE:
        return None
    if lemma in cues.reporting_artifacts:
        # "the statement added": the speaker of the statement before, not one it quotes.
        outer = [e for e in recent if not _inside_content(e, earlier)]
        return outer[0] if outer else None
    same_noun = [
        e for e in reversed(earlier) if e.head is not None and e.head.lemma_.lower() == lemma
    ]
    if same_noun:
        return same_noun[0]
    if lemma in cues.anonymous_heads:
        plural = head.tag_ in ("NNS", "NNPS")
        return next(
            (e for e in recent if e.speaker.kind == "anonymous" and _is_plural(e) == plural),
            None,
        )
    return None


def _is_person(found: _Found) -> bool:
    head = found.head
    return head is not None and (head.ent_type_ == "PERSON" or head.lower_ in PERSON_PRONOUNS)


def _is_plural(found: _Found) -> bool:
    head = found.head
    return head is not None and (head.tag_ in ("NNS", "NNPS") or head.lower_ in PLURAL_PRONOUNS)


def _inside_content(found: _Found, others: Sequence[_Found]) -> bool:
    cue = found.tagged.cue
    return any(
        o is not found and o.tagged.content[0] <= cue[0] and cue[1] <= o.tagged.content[1]
        for o in others
    )


def _relate(
    ctx: DocContext, entity_index: EntityIndex, cues: AttributionCues, found: Sequence[_Found]
) -> None:
    # Statements by cue position, so that each content finds the cues inside it by bisection
    # instead of a look at every statement (a long page has thousands).
    by_cue_start = sorted(range(len(found)), key=lambda i: found[i].tagged.cue[0])
    cue_starts = [found[i].tagged.cue[0] for i in by_cue_start]
    for outer in found:
        start, end = outer.tagged.content
        first = bisect_left(cue_starts, start)
        last = bisect_left(cue_starts, end, lo=first)
        inside = sorted(
            i
            for i in by_cue_start[first:last]
            if found[i] is not outer and found[i].tagged.cue[1] <= end
        )
        outer.relations.extend(Relation(type="reports", statement=found[i].id) for i in inside)
    by_cue = sorted(found, key=lambda f: f.tagged.cue[0])
    for index, item in enumerate(by_cue):
        kind = _answer_kind(ctx, cues, item)
        if kind is None:
            continue
        answered = _named_speakers_statement(ctx, entity_index, cues, item, by_cue[:index])
        if answered is not None:
            item.relations.append(Relation(type=kind, statement=answered.id))
            continue
        here = ctx.sentence_of[item.tagged.cue[0]]
        for previous in reversed(by_cue[:index]):
            if here - ctx.sentence_of[previous.tagged.cue[0]] > RELATION_REACH:
                break
            if _same_speaker(item, previous) or previous.tagged.cue[0] >= item.tagged.cue[0]:
                continue
            if any(r.statement == previous.id for r in item.relations):
                continue
            item.relations.append(Relation(type=kind, statement=previous.id))
            break


def _named_speakers_statement(
    ctx: DocContext,
    entity_index: EntityIndex,
    cues: AttributionCues,
    item: _Found,
    earlier: Sequence[_Found],
) -> _Found | None:
    """The statement an answer names the speaker of ("Poveda said *the Guardian* report was
    false"): that speaker's latest earlier statement made with a speech verb, however far
    back; None when the answer names no earlier speaker."""
    content = _char_span(ctx, item.tagged.content)
    named = {
        entity
        for entity in entity_index.entities_in(content.start, content.end)
        if entity != item.speaker.entity
    }
    for previous in reversed(earlier):
        if previous.speaker.entity not in named or previous.tagged.cue[0] >= item.tagged.cue[0]:
            continue
        cue_start, cue_end = previous.tagged.cue
        spoken = any(ctx.lemma[i] in cues.speech_verbs for i in range(cue_start, cue_end))
        if spoken and not any(r.statement == previous.id for r in item.relations):
            return previous
    return None


def _answer_kind(ctx: DocContext, cues: AttributionCues, item: _Found) -> AnswerKind | None:
    """ "denies" or "supports" when the statement answers an earlier one, else None."""
    cue_start, cue_end = item.tagged.cue
    lemmas = {ctx.lemma[i] for i in range(cue_start, cue_end)}
    if lemmas & cues.denial_verbs:
        return "denies"
    start, end = item.tagged.content
    content = " ".join(ctx.lower[start:end])
    if any(f" {phrase} " in f" {content} " for phrase in cues.denial_phrases):
        return "denies"
    if lemmas & cues.support_verbs:
        return "supports"
    return None


def _same_speaker(a: _Found, b: _Found) -> bool:
    if a.speaker.entity is not None or b.speaker.entity is not None:
        return a.speaker.entity == b.speaker.entity
    if a.head is None or b.head is None:
        return False
    return a.head.lemma_.lower() == b.head.lemma_.lower()


def _statement(ctx: DocContext, cues: AttributionCues, item: _Found) -> Statement:
    content = _char_span(ctx, item.tagged.content)
    return Statement(
        id=item.id,
        speaker=item.speaker,
        cue=_char_span(ctx, item.tagged.cue),
        content=content,
        direct=_is_direct(ctx, item.tagged),
        hedged=_is_hedged(ctx, cues, item.tagged.cue),
        relations=item.relations,
    )


def _is_direct(ctx: DocContext, tagged: TaggedAttribution) -> bool:
    """Quotations make up most of the content, not counting the statement's own speaker and
    cue inside it ("“A,” she said, “B.”")."""
    own = set(range(*tagged.cue)) | (set(range(*tagged.source)) if tagged.source else set())
    words = [ctx.doc[i] for i in range(*tagged.content) if i not in own and not ctx.doc[i].is_space]
    quoted = sum(len(token.text) for token in words if ctx.quote_of[token.i])
    total = sum(len(token.text) for token in words)
    return total > 0 and quoted >= DIRECT_SHARE * total


def _is_hedged(ctx: DocContext, cues: AttributionCues, cue: TokenRange) -> bool:
    doc = ctx.doc
    tokens = doc[cue[0] : cue[1]]
    if any(t.lower_ in cues.agentless_hedges for t in tokens):
        return True
    root = tokens.root
    if any(c.lower_ in cues.agentless_hedges for c in root.children):
        return True
    return is_agentless_passive(root, cues)


def _union(intervals: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Disjoint, sorted stretches covering the same characters as `intervals`."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def sourcing_profile(doc: Doc, statements: Sequence[Statement]) -> Sourcing:
    """How an article sources what it says.

    `author_assertions` counts the sentences that assert something in the author's own voice:
    sentences (spaCy's, also cut at line breaks) that have a finite verb, end in closing
    punctuation other than a question mark (so headlines, captions and questions do not
    count), and share no character with any statement's speaker, cue or content.
    """
    kinds = Counter(s.speaker.kind for s in statements)
    covered = _union(
        (span.start, span.end)
        for s in statements
        for span in (s.cue, s.content, s.speaker.span)
        if span is not None
    )
    covered_ends = [end for _, end in covered]
    assertions = 0
    for start, end in sentence_ranges(doc):
        sentence = doc[start:end]
        words = [t for t in sentence if not t.is_space]
        if not words or words[-1].text == "?":
            continue
        if words[-1].text not in SENTENCE_END:
            continue
        if not any(t.tag_ in FINITE_TAGS for t in words):
            continue
        first, last = words[0].idx, words[-1].idx + len(words[-1].text)
        # The stretches are disjoint and sorted: only the first that ends after the sentence
        # starts can overlap it.
        nearest = bisect_right(covered_ends, first)
        if nearest < len(covered) and covered[nearest][0] < last:
            continue
        assertions += 1
    return Sourcing(
        statements=len(statements),
        named=kinds["named"],
        anonymous=kinds["anonymous"],
        unattributed=kinds["unattributed"],
        hedged=sum(1 for s in statements if s.hedged),
        author_assertions=assertions,
    )
