"""Attribution: one test per pattern, the span invariant, and the seed article's statements."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest
from spacy.language import Language

from newsledger.analyze.attribution import _repaired, find_statements, sourcing_profile
from newsledger.analyze.attribution_cues import load_attribution_cues
from newsledger.analyze.attribution_features import doc_context, token_probabilities
from newsledger.analyze.attribution_model import TaggedAttribution, load_attribution_tagger
from newsledger.analyze.entities import EntityFinder, EntityIndex
from newsledger.analyze.framing_model import ATTRIBUTION_ROLES, load_encoder
from newsledger.analyze.pipeline import Analyzer
from newsledger.analyze.quotes import find_quotes
from newsledger.schema import Analysis, Document, Entity, Statement, document_id, misplaced_spans

Find = Callable[[str], list[Statement]]


@pytest.fixture(scope="module")
def find(nlp: Language, finder: EntityFinder) -> Find:
    cues = load_attribution_cues()
    tagger = load_attribution_tagger()
    encoder = load_encoder()

    def statements(text: str) -> list[Statement]:
        doc = nlp(text)
        found = find_statements(doc, EntityIndex(finder(doc)), cues, tagger, encoder.encode(text))
        for statement in found:
            for span in (statement.cue, statement.content, statement.speaker.span):
                assert span is None or text[span.start : span.end] == span.text
        return found

    return statements


def only(statements: list[Statement]) -> Statement:
    assert len(statements) == 1, [(s.cue.text, s.content.text) for s in statements]
    return statements[0]


def with_cue(statements: list[Statement], cue: str) -> Statement:
    found = [s for s in statements if s.cue.text == cue]
    assert len(found) == 1, [(s.cue.text, s.content.text) for s in statements]
    return found[0]


# Quotation marks


def test_quotes_of_every_kind_open_and_close() -> None:
    text = '"A," he said. “B,” she said. «C», they said. ‘D’ is no quotation.'
    assert [text[q.start : q.end] for q in find_quotes(text)] == ['"A,"', "“B,”", "«C»"]


def test_inner_quotes_stay_inside_their_quotation() -> None:
    text = "“He told me ‘we are leaving’ today,” she said; the MKO’s men don't."
    (quote,) = find_quotes(text)
    assert text[quote.start : quote.end] == "“He told me ‘we are leaving’ today,”"
    assert [text[a:b] for a, b in quote.inner] == ["‘we are leaving’"]


def test_an_unbalanced_quotation_closes_at_its_paragraph_end() -> None:
    text = "He said: “We stay.\n\nThe talks resumed."
    (quote,) = find_quotes(text)
    assert text[quote.start : quote.end] == "“We stay."
    assert quote.unbalanced


def test_a_quotation_continues_into_a_paragraph_that_opens_with_a_mark() -> None:
    text = "“First part.\n\n“Second part,” he said."
    (quote,) = find_quotes(text)
    assert text[quote.start : quote.end] == "“First part.\n\n“Second part,”"


# Direct speech


def test_direct_quote_with_the_speaker_after(find: Find) -> None:
    statement = only(find('"We will not back down," the minister said on Monday.'))
    assert statement.speaker.text == "the minister"
    assert statement.cue.text == "said"
    assert statement.content.text == '"We will not back down,"'
    assert statement.direct


def test_direct_quote_with_the_speaker_before(find: Find) -> None:
    statement = only(find('The minister said: "We will not back down."'))
    assert statement.speaker.text == "The minister"
    assert statement.cue.text.startswith("said")
    assert statement.content.text == '"We will not back down."'
    assert statement.direct


def test_direct_quote_with_the_speaker_inside(find: Find) -> None:
    text = '"We will not back down," the minister said, "whatever it costs us."'
    statement = only(find(text))
    assert statement.speaker.text == "the minister"
    assert statement.content.text == text[: text.rindex('"') + 1]
    assert statement.direct


def test_curly_quotes_and_an_inverted_speaker(find: Find) -> None:
    statement = only(find("“We will not back down,” said Defence Minister John Smith."))
    assert statement.speaker.text == "Defence Minister John Smith"
    assert statement.speaker.kind == "named"
    assert statement.content.text == "“We will not back down,”"


def test_guillemets(find: Find) -> None:
    statement = only(find("«We will not back down», the minister said."))
    assert statement.speaker.text == "the minister"
    assert statement.content.text.startswith("«We will not back down»")
    assert statement.direct


def test_nested_quote_is_one_statement_reporting_the_inner_speech(find: Find) -> None:
    statements = find("“He told me ‘we are leaving’ yesterday,” the official said.")
    outer = with_cue(statements, "said")
    assert outer.content.text == "“He told me ‘we are leaving’ yesterday,”"
    for inner in statements:
        if inner is not outer:
            assert {"type": "reports", "statement": inner.id} in [
                r.model_dump() for r in outer.relations
            ]


def test_unbalanced_quote_stops_at_its_paragraph(find: Find) -> None:
    statement = only(find("The minister said: “We will not back down.\n\nThe talks resumed."))
    assert statement.content.text == "“We will not back down."


def test_multi_paragraph_quote(find: Find) -> None:
    text = (
        "“The first paragraph of the quote is long enough to stand alone.\n\n"
        "“And the second paragraph goes on,” the spokesman said."
    )
    statement = only(find(text))
    assert statement.speaker.text == "the spokesman"
    assert statement.content.text == text[: text.index("”") + 1]
    assert statement.direct


# Indirect speech and sources that are artifacts


def test_indirect_content_is_the_reported_clause(find: Find) -> None:
    statement = only(find("The minister said that the talks had failed because of the strike."))
    assert statement.content.text == "that the talks had failed because of the strike"
    assert not statement.direct


def test_a_relative_clauses_content_stays_inside_the_clause(find: Find) -> None:
    text = "Prime Minister Nouri al-Maliki, who said the talks had failed, left Paris on Monday."
    statement = only(find(text))
    assert statement.speaker.text == "who"
    assert statement.content.text == "the talks had failed"


def test_a_relative_pronoun_speaks_for_the_noun_it_stands_for(find: Find) -> None:
    named = only(find("Nouri al-Maliki, who said the talks had failed, left Paris on Monday."))
    assert named.speaker.kind == "named"
    assert named.speaker.entity is not None
    anonymous = with_cue(
        find("Diplomats who said the talks had failed left Paris on Monday."), "said"
    )
    assert anonymous.speaker.kind == "anonymous"


def test_according_to(find: Find) -> None:
    statement = only(find("According to the ministry, 35 people were killed in the attack."))
    assert statement.cue.text == "According to"
    assert statement.speaker.text == "the ministry"
    assert statement.content.text == "35 people were killed in the attack"


def test_a_statement_as_speaker(find: Find) -> None:
    text = "The ministry's statement said that the border would stay closed until March."
    statement = only(find(text))
    assert statement.speaker.text is not None and "ministry" in statement.speaker.text
    assert statement.content.text == "that the border would stay closed until March"


def test_a_report_by_an_organisation_resolves_to_it(nlp: Language, find: Find) -> None:
    text = "A report by Amnesty International says the prisoners were tortured in the camp."
    statement = only(find(text))
    assert statement.speaker.kind == "named"
    assert statement.speaker.entity is not None
    assert statement.content.text == "the prisoners were tortured in the camp"


@pytest.fixture(scope="module")
def speaker_entity(nlp: Language, finder: EntityFinder) -> Callable[[str], str | None]:
    """The name of the entity the only statement of a text is attributed to."""
    cues = load_attribution_cues()
    tagger = load_attribution_tagger()
    encoder = load_encoder()

    def name(text: str) -> str | None:
        doc = nlp(text)
        entities = finder(doc)
        found = find_statements(doc, EntityIndex(entities), cues, tagger, encoder.encode(text))
        names = {entity.id: entity.name for entity in entities}
        entity = only(found).speaker.entity
        return names[entity] if entity is not None else None

    return name


@pytest.mark.parametrize(
    ("text", "entity"),
    [
        ("Assange's lawyer, Carlos Poveda, said the report was false.", "Carlos Poveda"),
        ("Former New York mayor Rudolph Giuliani said the inquiry was a hoax.", "Rudolph Giuliani"),
        ("Iran's foreign ministry said the ambassador had been summoned.", "Iran"),
        ("A statement from the Vatican said the pope would travel to Chile.", "Vatican"),
    ],
)
def test_a_source_speaks_for_the_entity_it_names_or_serves(
    speaker_entity: Callable[[str], str | None], text: str, entity: str
) -> None:
    assert speaker_entity(text) == entity


@pytest.mark.parametrize(
    "text",
    [
        "A British newspaper alleges that the minister met the rebels in London.",
        "Lawyers for Julian Assange said the report was false.",
        "A Chilean judge said the bishop must testify.",
    ],
)
def test_an_entity_that_only_qualifies_the_source_is_not_its_speaker(
    speaker_entity: Callable[[str], str | None], text: str
) -> None:
    assert speaker_entity(text) is None


# Speaker kinds


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Officials said the talks would resume next week.", "Officials"),
        ("Sources close to the government said the minister would resign.", "Sources"),
        (
            "A senior commander, speaking on condition of anonymity, said the army would leave.",
            "A senior commander",
        ),
    ],
)
def test_anonymous_speakers(find: Find, text: str, speaker: str) -> None:
    statement = only(find(text))
    assert statement.speaker.kind == "anonymous"
    assert statement.speaker.text is not None and statement.speaker.text.startswith(speaker)
    assert statement.speaker.entity is None


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        (
            "The rebels are said to be preparing a new offensive.",
            "are said to be",
            "The rebels are said to be preparing a new offensive",
        ),
        (
            "The rebels reportedly seized the town on Sunday.",
            "reportedly",
            "The rebels reportedly seized the town on Sunday",
        ),
        (
            "The minister allegedly took bribes from the company.",
            "allegedly",
            "The minister allegedly took bribes from the company",
        ),
        (
            "It is reported that the rebels seized the town.",
            "is reported",
            "that the rebels seized the town",
        ),
    ],
)
def test_unattributed_hedges(find: Find, text: str, cue: str, content: str) -> None:
    statement = only(find(text))
    assert statement.speaker.kind == "unattributed"
    assert statement.speaker.text is None and statement.speaker.span is None
    assert statement.hedged
    assert (statement.cue.text, statement.content.text) == (cue, content)


# Relations


def test_denial_denies_the_claim(find: Find) -> None:
    claim, denial = find(
        "The opposition claimed that the vote was rigged. The government denied the claim."
    )
    assert claim.cue.text == "claimed"
    assert denial.cue.text == "denied"
    assert [r.model_dump() for r in denial.relations] == [{"type": "denies", "statement": claim.id}]


def test_a_denial_that_names_the_claimant_denies_the_claimants_statement(find: Find) -> None:
    claim, _manafort, lawyer = find(
        "The Guardian said that Manafort met Assange at the embassy in March 2016. "
        "Manafort said he had never met Assange. "
        "His lawyer, Carlos Poveda, said the Guardian report was false."
    )
    assert claim.speaker.text == "The Guardian"
    # Not the nearest statement by another speaker (Manafort's own), but the Guardian's.
    assert [r.model_dump() for r in lawyer.relations] == [{"type": "denies", "statement": claim.id}]


def test_a_claim_quoted_in_a_statement_is_reported_and_can_be_denied(find: Find) -> None:
    statements = find(
        '"The opposition has claimed that the vote was rigged," the minister said. '
        '"This is a sheer lie," the minister added.'
    )
    said, claimed = with_cue(statements, "said"), with_cue(statements, "has claimed")
    added = with_cue(statements, "added")
    assert claimed.speaker.text == "The opposition"
    assert claimed.content.text == "that the vote was rigged"
    assert [r.model_dump() for r in said.relations] == [
        {"type": "reports", "statement": claimed.id}
    ]
    assert {"type": "denies", "statement": claimed.id} in [r.model_dump() for r in added.relations]


def test_a_confirmation_supports_an_earlier_statement(find: Find) -> None:
    first, second = find(
        "The opposition said that the vote was rigged. "
        "The electoral commission confirmed that there were irregularities."
    )
    assert [r.model_dump() for r in second.relations] == [
        {"type": "supports", "statement": first.id}
    ]


def test_ids_follow_the_text(find: Find) -> None:
    statements = find(
        "Officials said the talks would resume. The minister said that nothing was agreed. "
        "According to the ministry, the border stays closed."
    )
    assert [s.id for s in statements] == ["s1", "s2", "s3"]
    assert [s.cue.start for s in statements] == sorted(s.cue.start for s in statements)


# The bundled example


@pytest.fixture(scope="module")
def seed(analyzer: Analyzer, seed_body: str) -> Analysis:
    return analyzer.analyze(Document(id=document_id(seed_body), text=seed_body))


def entity_named(entities: list[Entity], name: str) -> str:
    (found,) = [e.id for e in entities if e.name == name]
    return found


def seed_statement(seed: Analysis, cue: str, content_start: str) -> Statement:
    """The one statement whose cue is `cue` (an adverb may follow: "revealed later") and whose
    content, quotation marks aside, starts with `content_start`."""
    found = [
        s
        for s in seed.statements
        if (s.cue.text == cue or s.cue.text.startswith(cue + " "))
        and s.content.text.lstrip('"“').startswith(content_start)
    ]
    assert len(found) == 1, [(s.cue.text, s.content.text[:40]) for s in seed.statements]
    return found[0]


def test_seed_spans_are_where_they_say(seed: Analysis) -> None:
    assert misplaced_spans(seed) == []


def test_seed_statements(seed: Analysis) -> None:
    iraq_government = entity_named(seed.entities, "Government of Iraq")
    mko = entity_named(seed.entities, "Mojahedin-e Khalq Organization")
    said = seed_statement(seed, "said", "To affect the international community")
    assert said.speaker.text == "the Iraqi government"
    assert (said.speaker.kind, said.speaker.entity, said.direct) == (
        "named",
        iraq_government,
        True,
    )
    claimed = seed_statement(seed, "has claimed", "that the Iraqi government has killed")
    assert (claimed.speaker.kind, claimed.speaker.entity) == ("named", mko)
    assert {"type": "reports", "statement": claimed.id} in [r.model_dump() for r in said.relations]
    lie = seed_statement(seed, "added", "But, this is a sheer lie")
    assert lie.speaker.text == "the statement"
    assert (lie.speaker.kind, lie.speaker.entity) == ("named", iraq_government)
    assert {"type": "denies", "statement": claimed.id} in [r.model_dump() for r in lie.relations]

    announced = seed_statement(seed, "have announced", "their opposition")
    assert announced.speaker.text == "The Iraqi people"
    assert announced.speaker.kind == "named"
    assert announced.speaker.entity == entity_named(seed.entities, "Iraq")
    assured = seed_statement(seed, "has assured", "")
    assert "it is determined to expel the MKO" in assured.content.text
    assert (assured.speaker.kind, assured.speaker.entity) == ("named", iraq_government)

    revealed = seed_statement(seed, "revealed", "")
    assert "the MKO sparked the armed conflict" in revealed.content.text
    assert revealed.speaker.text is not None
    assert revealed.speaker.text.startswith("An Iraqi commander")
    assert revealed.speaker.kind == "anonymous"
    report = seed_statement(seed, "According to", "the Iraqi commander")
    assert report.speaker.text is not None and "Habilian" in report.speaker.text
    assert report.speaker.entity == entity_named(seed.entities, "Habilian Association")
    commander = seed_statement(seed, "said", "that the move by the MKO was not unprecedented")
    assert commander.speaker.text is not None
    assert commander.speaker.text.startswith("the Iraqi commander")
    assert commander.speaker.kind == "anonymous"
    assert {"type": "reports", "statement": commander.id} in [
        r.model_dump() for r in report.relations
    ]
    reiterated = seed_statement(seed, "reiterated", "The MKO’s foremost front")
    assert (reiterated.speaker.kind, reiterated.direct) == ("anonymous", True)

    ashton = seed_statement(seed, "called on", "Iraq to ignore the illegal activities")
    assert ashton.speaker.entity == entity_named(seed.entities, "Catherine Ashton")
    letter = seed_statement(seed, "said", "The MKO is behind a slew of assassinations")
    assert letter.speaker.text == "a number of EU parliamentarians"
    assert letter.speaker.kind == "anonymous"
    officials = seed_statement(seed, "also added", "that the group has no public support")
    assert officials.speaker.kind == "anonymous"
    hedge = seed_statement(seed, "are said to be", "most of those still remaining in the camp")
    assert (hedge.speaker.kind, hedge.hedged) == ("unattributed", True)


@pytest.mark.xfail(
    strict=True,
    reason="known false positive of the jointly fine-tuned encoder (docs/models.md): 'The MKO"
    " ringleaders have already adopted numerous measures' comes out as a statement",
)
def test_seed_has_nothing_spurious(seed: Analysis) -> None:
    # The cases above, plus statements the guidelines also count: the protesters "called for
    # the expulsion", the government "ordered" the army, the parliamentarians "slammed" a
    # court decision in their letter.
    assert 15 <= len(seed.statements) <= 17, [s.cue.text for s in seed.statements]
    assert not any(s.cue.text == "attacked" for s in seed.statements)


def test_seed_sourcing_counts_what_the_statements_say(seed: Analysis) -> None:
    sourcing = seed.framing.sourcing
    kinds = [s.speaker.kind for s in seed.statements]
    assert sourcing.statements == len(seed.statements)
    assert (sourcing.named, sourcing.anonymous, sourcing.unattributed) == (
        kinds.count("named"),
        kinds.count("anonymous"),
        kinds.count("unattributed"),
    )
    assert sourcing.hedged == sum(s.hedged for s in seed.statements)
    # "The European Union has lately changed approach towards the terrorist MKO ..." and the
    # other sentences in the author's voice.
    assert 6 <= sourcing.author_assertions <= 12


def test_sourcing_of_an_article_without_statements(nlp: Language) -> None:
    doc = nlp("The talks resumed on Tuesday. Did they fail?\n\nA headline without a stop")
    assert sourcing_profile(doc, []).author_assertions == 1


def test_token_probabilities_take_each_tokens_highest_piece(nlp: Language) -> None:
    doc = nlp("Officials said  unbelievably")
    # Pieces: "officials", "said", "un", "##believ", "##ably" (the double space has none).
    offsets = np.array([[0, 9], [10, 14], [16, 18], [18, 24], [24, 28]])
    probs = np.array(
        [[0.1, 0.9, 0.0], [0.8, 0.1, 0.0], [0.0, 0.0, 0.2], [0.0, 0.0, 0.7], [0.0, 0.1, 0.4]],
        dtype=np.float32,
    )
    found = token_probabilities(doc, offsets, probs)
    assert [t.text for t in doc] == ["Officials", "said", " ", "unbelievably"]
    np.testing.assert_allclose(found[0], [0.1, 0.9, 0.0])
    np.testing.assert_allclose(found[1], [0.8, 0.1, 0.0])
    np.testing.assert_allclose(found[2], [0.0, 0.0, 0.0])
    np.testing.assert_allclose(found[3], [0.0, 0.1, 0.7])


def test_encoder_head_marks_cue_source_and_content() -> None:
    text = 'The minister said on Tuesday that the talks had failed. "We will not return," he added.'
    encoded = load_encoder().encode(text)
    probs = encoded.attribution_probs
    assert probs.shape == (len(encoded.pieces.ids), len(ATTRIBUTION_ROLES))
    assert ((probs >= 0.0) & (probs <= 1.0)).all()
    by_word = {
        text[start:end]: row
        for (start, end), row in zip(encoded.pieces.offsets, probs, strict=True)
    }
    cue, source, content = range(3)
    assert by_word["said"][cue] > 0.5
    assert by_word["minister"][source] > 0.5
    assert by_word["talks"][content] > 0.5
    assert by_word["Tuesday"][content] < 0.5


def test_infinitive_of_purpose_takes_its_governing_verbs_subject(nlp: Language) -> None:
    text = (
        "The farmers have announced their opposition to the tax and have long staged rallies"
        " in front of the ministry to condemn the new tax."
    )
    doc = nlp(text)
    ctx = doc_context(doc, text, [], load_attribution_cues(), np.zeros((len(doc), 3)))
    condemn = next(t.i for t in doc if t.text == "condemn")
    cue = (condemn - 1, condemn + 1)
    tagged = TaggedAttribution(cue=cue, source=None, content=(condemn + 1, len(doc) - 1))
    repaired = _repaired(ctx, load_attribution_cues(), tagged, [tagged])
    assert repaired.source is not None
    assert doc[repaired.source[0] : repaired.source[1]].text == "The farmers"


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        ("Mr. Trump held a rally in Ohio, calling the deal a disaster.", "calling", "Mr. Trump"),
        (
            "The company delayed its annual report, warning that it could default on its loans.",
            "warning",
            "The company",
        ),
        ("After blasting the report, Glenn Beck left the studio.", "blasting", "Glenn Beck"),
        (
            "Having announced that he would resign, the minister left the room.",
            "announced",
            "the minister",
        ),
        (
            "The senator took a shot at the governor without naming him.",
            "naming",
            "The senator",
        ),
    ],
)
def test_a_participle_or_gerund_takes_its_clauses_subject(
    nlp: Language, text: str, cue: str, speaker: str
) -> None:
    doc = nlp(text)
    ctx = doc_context(doc, text, [], load_attribution_cues(), np.zeros((len(doc), 3)))
    verb = next(t.i for t in doc if t.text == cue)
    tagged = TaggedAttribution(cue=(verb, verb + 1), source=None, content=(verb + 1, len(doc) - 1))
    repaired = _repaired(ctx, load_attribution_cues(), tagged, [tagged])
    assert repaired.source is not None
    assert doc[repaired.source[0] : repaired.source[1]].text == speaker
