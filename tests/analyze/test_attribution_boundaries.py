"""Where one statement's content ends and the next statement begins: the repairs applied to the
taggers' output before speakers are resolved, one test per pattern, on tagged spans written
here (the taggers' own choices are covered by the PolNeAR evaluation)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from spacy.language import Language

from newsledger.analyze.attribution import (
    _around_own_cue,
    _continued_quotation,
    _cut_before_joined_statements,
)
from newsledger.analyze.attribution_cues import load_attribution_cues
from newsledger.analyze.attribution_features import DocContext, TokenRange, doc_context
from newsledger.analyze.attribution_model import TaggedAttribution
from newsledger.analyze.attribution_rules import reported_speech
from newsledger.analyze.quotes import find_quotes

# Parses a text and builds the tagged attributions given as (cue, source, content) words.
Tag = Callable[..., tuple[DocContext, list[TaggedAttribution]]]


def context(nlp: Language, text: str) -> DocContext:
    doc = nlp(text)
    return doc_context(
        doc, text, find_quotes(text), load_attribution_cues(), np.zeros((len(doc), 3))
    )


def text_of(ctx: DocContext, span: TokenRange | None) -> str | None:
    return None if span is None else ctx.doc[span[0] : span[1]].text


@pytest.fixture
def tag(nlp: Language) -> Tag:
    def tagged(
        text: str, *triples: tuple[str, str | None, str]
    ) -> tuple[DocContext, list[TaggedAttribution]]:
        ctx = context(nlp, text)
        items = []
        for cue, source, content in triples:
            items.append(
                TaggedAttribution(
                    cue=_find(ctx, cue),
                    source=_find(ctx, source) if source else None,
                    content=_find(ctx, content),
                )
            )
        return ctx, items

    return tagged


def _find(ctx: DocContext, words: str, after: str = "") -> TokenRange:
    """The tokens that cover the first occurrence of `words` past the text `after`."""
    start = ctx.text.index(words, ctx.text.index(after) + len(after) if after else 0)
    span = ctx.doc.char_span(start, start + len(words), alignment_mode="expand")
    assert span is not None
    return span.start, span.end


@pytest.mark.parametrize("joint", [", saying", " before saying"])
def test_a_participle_after_a_comma_or_before_starts_its_own_statement(
    tag: Tag, joint: str
) -> None:
    ctx, items = tag(
        f"Trump argued that a database would help{joint} it was all about management.",
        ("argued", "Trump", f"that a database would help{joint} it was all about management"),
        ("saying", None, "it was all about management"),
    )
    argued, saying = _cut_before_joined_statements(ctx, items)
    assert text_of(ctx, argued.content) == "that a database would help"
    assert text_of(ctx, saying.source) == "Trump"
    assert text_of(ctx, saying.content) == "it was all about management"


def test_a_verb_coordinated_without_a_subject_starts_its_own_statement(tag: Tag) -> None:
    text = "Rubio said the attacks had helped his campaign and said that Trump was no conservative."
    ctx, items = tag(
        text,
        (
            "said",
            "Rubio",
            "the attacks had helped his campaign and said that Trump was no conservative",
        ),
    )
    items.append(
        TaggedAttribution(
            cue=_find(ctx, "said", after="campaign"),
            source=None,
            content=_find(ctx, "that Trump was no conservative"),
        )
    )
    first, coordinated = _cut_before_joined_statements(ctx, items)
    assert text_of(ctx, first.content) == "the attacks had helped his campaign"
    assert text_of(ctx, coordinated.source) == "Rubio"


def test_a_clause_inside_the_content_keeps_its_place(tag: Tag) -> None:
    ctx, items = tag(
        "Officials said the soldiers who were saying goodbye left the base.",
        ("said", "Officials", "the soldiers who were saying goodbye left the base"),
        ("saying", None, "goodbye"),
    )
    said, saying = _cut_before_joined_statements(ctx, items)
    assert said == items[0] and saying == items[1]


@pytest.mark.parametrize(
    ("text", "cue", "speaker", "kept"),
    [
        # The words after the cue, when a line break comes before the speaker.
        (
            "“We cannot be soft.”\n\nTrump is not saying what he would support",
            "is not saying",
            "Trump",
            "what he would support",
        ),
        # The quotation before the cue, when nothing after it is quoted.
        (
            "“We like a lot of the candidates,” Adelson said during the interview in Macau",
            "said",
            "Adelson",
            "“We like a lot of the candidates,”",
        ),
        # The words before the cue, when its sentence ends after it.
        (
            "The group had imperiled the troops, Biden said. “If my son were there, I would go.”",
            "said",
            "Biden",
            "The group had imperiled the troops",
        ),
    ],
)
def test_a_content_on_both_sides_of_its_cue_keeps_its_own_side(
    tag: Tag, text: str, cue: str, speaker: str, kept: str
) -> None:
    ctx, (item,) = tag(text + ".", (cue, speaker, text))
    assert text_of(ctx, _around_own_cue(ctx, item).content) == kept


def test_a_quotation_on_both_sides_of_the_cue_stays_one_content(tag: Tag) -> None:
    text = "“We like him,” Adelson said, “and we will vote for him.”"
    ctx, (item,) = tag(text, ("said", "Adelson", text))
    assert _around_own_cue(ctx, item) == item


def test_a_quotation_continued_after_a_short_clause_joins_the_content(tag: Tag) -> None:
    text = "“It is outrageous,” Fallon said of the story. “It is a lie.” Then he left."
    ctx, (item,) = tag(text, ("said", "Fallon", "“It is outrageous,”"))
    continued = _continued_quotation(ctx, item)
    assert (
        text_of(ctx, continued.content)
        == "“It is outrageous,” Fallon said of the story. “It is a lie.”"
    )


@pytest.mark.parametrize(
    "text",
    [
        # The next quotation has a speaker of its own.
        "“It is outrageous,” Fallon said of the story. “It is a lie,” Smith said.",
        # Too many words between the cue and the next quotation.
        "“It is outrageous,” Fallon said of the story that ran in the paper on Monday. “No.”",
        # The next quotation opens a new paragraph.
        "“It is outrageous,” Fallon said of the story.\n\n“It is a lie.”",
    ],
)
def test_a_quotation_that_is_not_a_continuation_stays_apart(tag: Tag, text: str) -> None:
    ctx, (item,) = tag(text, ("said", "Fallon", "“It is outrageous,”"))
    assert _continued_quotation(ctx, item) == item


def test_a_participle_speaks_for_its_clauses_subject(nlp: Language) -> None:
    ctx = context(nlp, "Carson defended his campaign, saying that voters still liked it.")
    (found,) = [item for item in reported_speech(ctx) if text_of(ctx, item.cue) == "saying"]
    assert text_of(ctx, found.source) == "Carson"
    assert text_of(ctx, found.content) == "that voters still liked it"
