"""The event stage's language data: the verb/noun → PLOVER lexicon and the cue word lists.

`data/event_lexicon.jsonl` is built by `scripts/build_event_lexicon.py` from PETRARCH2's CAMEO
verb dictionary (mapped to PLOVER through `CAMEO2PLOVER-2021.txt`) and the hand-written
`data/event_lexicon_curated.jsonl`; `data/event_agents.txt` lists the nouns that name actors
(from PETRARCH2's agent dictionary); `data/event_cues.json` holds the word lists the clause
rules read. All are read once per process (`load_event_lexicon`).

A verb row matches a clause when the clause has every part the row names: its particle ("carry
*out*"), its preposition ("call *for*"), its object noun (the direct object, or the object of
the row's preposition: "stage *rallies*", "call for *sanctions*"), and the subject noun of an
active verb ("the *soldiers* surrendered"). Among the rows that match, the one naming the most
parts wins, and a curated row wins over a dictionary row of the same shape, so "summon the
ambassador" finds the curated ACCUSE row before the bare verb's CONSULT. A row whose category
is null marks a verb or phrase that is known not to be a PLOVER event ("say", "kill himself").
"""

from __future__ import annotations

import functools
import json
from collections.abc import Iterable, Mapping
from importlib import resources
from typing import Literal

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from newsledger.data_files import load_data_model
from newsledger.errors import DataFileError

LEXICON_FILE = "analyze/data/event_lexicon.jsonl"
AGENTS_FILE = "analyze/data/event_agents.txt"
CUES_FILE = "analyze/data/event_cues.json"

PloverCategory = Literal[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "SANCTION",
    "MOBILIZE",
    "COERCE",
    "ASSAULT",
]


class LexiconRow(BaseModel):
    """One line of `event_lexicon.jsonl`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    pos: Literal["verb", "noun"] = "verb"
    lemma: str
    particle: str | None = None
    preposition: str | None = None
    object: str | None = None
    # The noun a CAMEO pattern names before the verb, its subject ("- SOLDIER * [0874]":
    # soldiers surrendering retreat, where a suspect surrendering concedes).
    subject: str | None = None
    # Noun rows: the verb that names the event ("expulsion" is "expel"), and what the object
    # of "of" is ("the expulsion of the group": the target; "the protests of students": the actor).
    verb: str | None = None
    of_role: Literal["actor", "target"] | None = None
    # Noun rows: what a possessor is when no "of" phrase names the target; by default what
    # `of_role` says ("the group's expulsion": the target), but an inquiry or a sanction is its
    # possessor's act ("Mueller's investigation", "our sanctions").
    possessor_role: Literal["actor", "target"] | None = None
    category: PloverCategory | None
    cameo: str | None = None
    source: str
    note: str | None = None

    @property
    def parts(self) -> int:
        return sum(
            part is not None
            for part in (self.particle, self.preposition, self.object, self.subject)
        )


class EventCues(BaseModel):
    """`data/event_cues.json`: the words the clause rules look for (see `data/SOURCES.md`)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    non_event_verbs: frozenset[str]
    # Verbs whose bare sense is another when they name or leave their object something ("call
    # the story false", "left 59 people dead"): they count only through a pattern.
    naming_verbs: frozenset[str]
    # Verbs CAMEO files as disapproval (110), support (affirm, recognize) or a concession
    # that mostly just assert a clause ("claimed that the shooter checked in", "recognizes
    # that the chief impediment is Iran", "conceded she was on track for defeat"): with a
    # clause, they count only through a pattern.
    assertion_verbs: frozenset[str]
    # Verbs of agreeing: agreeing that something is so shares an opinion, no pledge (PLOVER's
    # AGREE is agreeing to act); a clause with a modal of an act to come still agrees on it.
    concurring_verbs: frozenset[str]
    # Verbs of warning, CAMEO's threats (130): a warning threatens only when it names coercion
    # (a material act in its clause, a reprisal noun, a party told not to act); "warned that
    # the outbreak could spread" states a danger.
    warning_verbs: frozenset[str]
    # Verbs of leaving: a state or an organisation leaving an organisation withdraws from it
    # (PLOVER's SANCTION, mode withdraw: "Britain leaves the EU"), which CAMEO leaves uncoded.
    departure_verbs: frozenset[str]
    party_entity_types: frozenset[str]
    warning_nouns: frozenset[str]
    # Nouns of threats that mostly name a danger: without an actor they are no threat made,
    # unless their kind says one was ("death threats", "bomb threats").
    danger_nouns: frozenset[str]
    threat_kinds: frozenset[str]
    reprisal_nouns: frozenset[str]
    # Arrivals CAMEO codes as visits (040): only to a party, a country or a city, or a meeting.
    arrival_verbs: frozenset[str]
    meeting_nouns: frozenset[str]
    # Verbs whose subject undergoes what their object names ("faced pressure from her party",
    # "received death threats", "came under fire"): the subject is the target.
    undergoing_verbs: frozenset[str]
    # Undergoing verbs of exposure: a threat one faces is a danger unless its issuer is named
    # ("was not facing an existential threat"; "faces threats from Iran"), where a threat one
    # receives was made.
    exposure_verbs: frozenset[str]
    # Verbs of force always done to someone: with a subject and neither an auxiliary nor an
    # object, they are a passive without its auxiliary ("Three people killed", "women
    # abducted, virgins ravished").
    victim_verbs: frozenset[str]
    # Times the tagger seldom names a time ("attacked at dawn"): no target.
    times_of_day: frozenset[str]
    # Nouns of the time an act takes ("took years to", "spent three weeks studying"): who
    # spends it acts, not the time.
    duration_nouns: frozenset[str]
    # Verbs that ask a price when a sum is their object ("charging the migrants 15,000
    # euros"): no accusation.
    price_verbs: frozenset[str]
    # Verbs whose bare CAMEO sense needs them intransitive: people who "demonstrated in
    # Belgrade" protest, a video that "demonstrates the racism" shows it; who "submits to" a
    # ruler yields, who "submitted his report" hands it in; who "compromises on" a demand
    # concedes, who "compromised security" endangered it. With an object or a clause, they
    # count only through a pattern ("submitted a petition").
    intransitive_verbs: frozenset[str]
    # Verbs that ask a request or a question: asking a question ("asked how he would fund
    # it") is no request, so it counts only through a pattern.
    question_verbs: frozenset[str]
    # Declining to comment is CAMEO's 012, a public statement and no PLOVER event; so is
    # being (not) authorised to speak, the anonymous source's formula.
    comment_governors: frozenset[str]
    comment_verbs: frozenset[str]
    # Verbs that dismiss a person they are done to ("fired the director"): only a pattern
    # ("fire at", "fire rockets") makes them an attack then.
    dismissal_verbs: frozenset[str]
    # Verbs CAMEO codes as coercion or its end for people ("remove" an official, "capture" a
    # suspect, "release" prisoners): done to a thing ("removed the post", "the camera
    # captured the scene", "if it is not released") they count only through a pattern
    # ("remove restrictions", "released the documents"); so is introducing someone, CAMEO's
    # consultation, not "introduced regulations".
    person_verbs: frozenset[str]
    # Verbs of recognition: CAMEO's praise (051) is news's acknowledging ("recognize his
    # error", "the grim reality"), so they count only done to a party, a state or an
    # organisation, which recognition supports ("recognize North Korea").
    recognition_verbs: frozenset[str]
    # Verbs CAMEO files as a demand (100) that news mostly uses for advancing something
    # ("pushed the collusion narrative", "push Sharia"): they count only done to someone who
    # can act ("pushed Hungary to accept migrants") or through a pattern ("push for").
    advocacy_verbs: frozenset[str]
    # Participles that tell a stance, not a passive, before "to": who "is opposed to the war"
    # opposes it.
    stative_participles: frozenset[str]
    # Verbs of refusal that also tell a decrease ("declined to comment"; "the population
    # declined"): with neither object nor infinitive, only someone who can act refuses, and a
    # measure of people ("the population") is none.
    decrease_verbs: frozenset[str]
    measure_nouns: frozenset[str]
    # Verbs of fighting or pushing that, with an infinitive, only strive ("fought to keep the
    # reports confidential", "battling to save her job", "pushed to get out the vote").
    effort_verbs: frozenset[str]
    report_verbs: frozenset[str]
    # Reporting verbs of opinion: the future they report is a forecast, no pledge ("predicted
    # Mueller would indict Kushner").
    opinion_verbs: frozenset[str]
    future_auxiliaries: frozenset[str]
    # Adverbs that make a future a forecast, no pledge ("will likely attack").
    likelihood_adverbs: frozenset[str]
    # Future in the past: "said they would meet" (sequence of tenses in reported speech).
    reported_future_auxiliaries: frozenset[str]
    commitment_governors: frozenset[str]
    # Governors whose passive is others' forecast, no pledge of the subject's ("is expected
    # to encounter little resistance").
    forecast_governors: frozenset[str]
    # Governors whose infinitive is as real as they are ("managed to", "tried to", "forced
    # to"), and raising verbs, which hedge what happened but plan nothing ("appeared to back
    # off a military footing").
    implicative_governors: frozenset[str]
    negative_governors: frozenset[str]
    # Governors whose subject does what their infinitive says, whatever their object: who
    # promises someone to act or uses weapons to crush people acts.
    subject_control_verbs: frozenset[str]
    # Verbs whose object does what their prepositional gerund names ("accused Israel of
    # attacking", "prevented Iran from acquiring"); "protected children from bullying" and
    # "instead of sharing" leave it to the subject or to no one.
    object_control_verbs: frozenset[str]
    light_verbs: frozenset[str]
    # Nouns of documents whose participle states what their issuer does ("issued a statement
    # condemning the attack").
    document_nouns: frozenset[str]
    # Verbs whose subject issues a document ("issued", "passed", "sent"), unlike "received".
    issuing_verbs: frozenset[str]
    # Verbs that put someone under an event noun's act ("placed the mayor under arrest").
    placing_verbs: frozenset[str]
    predicate_objects: frozenset[str]
    partitive_heads: frozenset[str]
    # Modifiers that make a partitive head kin ("*family* members of the group").
    kin_nouns: frozenset[str]
    # Nouns of inquiries, which a country named before them is the subject of ("the Russia
    # investigation"), where an organisation conducts them ("the FBI investigation").
    inquiry_nouns: frozenset[str]
    target_prepositions: frozenset[str]
    place_prepositions: frozenset[str]
    place_relational_nouns: frozenset[str]
    place_nouns: frozenset[str]
    place_entity_types: frozenset[str]
    actor_entity_types: frozenset[str]
    actor_nouns: frozenset[str]
    actor_pronouns: frozenset[str]
    # Pronouns that stand for a thing, never for someone who acts ("this allowed them").
    thing_pronouns: frozenset[str]
    # Nouns, and endings of nouns ("-tion", "-ment"), that name things: a subject "the
    # license" or "the investigation" does not ask, agree or cooperate. Nouns that name
    # people or bodies are told apart by the actor nouns, which are looked up first.
    thing_nouns: frozenset[str]
    # Diseases and natural disasters: what they kill or strike is no one's act.
    natural_forces: frozenset[str]
    thing_suffixes: tuple[str, ...]
    # Nouns of ideas, qualities, rights and causes: violence done to one is a figure of
    # speech ("destroyed his reputation", "fight crime"), and so it is done to anything the
    # thing nouns name ("killed the deal"). Verbs with a sense of criticism criticise it
    # ("attacked the credibility of the victims", as CAMEO's "attack the decision").
    abstract_nouns: frozenset[str]
    criticism_senses: frozenset[str]
    # Modifiers that make an attack of the criticism senses words ("a scathing attack on the
    # ERG", "personal attacks"): criticism, not force.
    verbal_modifiers: frozenset[str]
    # Nouns that measure or stage an event named by their "of" phrase ("hours of
    # negotiations", "the end of the assault"): the phrase they head is that event's setting.
    setting_nouns: frozenset[str]
    time_prepositions: frozenset[str]
    pro_actions: frozenset[str]
    pro_objects: frozenset[str]
    denial_verbs: frozenset[str]
    vague_quantities: dict[str, float]
    number_words: dict[str, float]
    quote_marks: frozenset[str]
    deontic_modals: frozenset[str]
    # Subordinators of a condition: what a condition states has not happened ("unless the
    # president agrees"); a pledge on condition that the other side complies is a threat.
    conditional_marks: frozenset[str]
    ultimatum_marks: frozenset[str]
    # Verbs whose coded act is done to the country withdrawn from, whoever or whatever is
    # withdrawn ("withdraw its force from Chad", "withhold aid from Honduras").
    withdrawal_verbs: frozenset[str]
    # Military exercises: one party's are a mobilization, joint ones a cooperation (PLOVER
    # manual, MOBILIZE).
    exercise_nouns: frozenset[str]
    # What makes parties named together act with each other, not side by side: "jointly",
    # "bilateral", or an agreement between them ("signed a deal").
    mutual_words: frozenset[str]
    agreement_nouns: frozenset[str]


class EventLexicon:
    """The rows indexed for lookup, with the cue lists; build once, share across documents."""

    def __init__(
        self, rows: Iterable[LexiconRow], cues: EventCues, agents: frozenset[str] = frozenset()
    ) -> None:
        self.cues = cues
        # Nouns that name actors ("rebel", "police"), from PETRARCH2's agent dictionary.
        self.agents = agents | cues.actor_nouns
        verbs: dict[str, list[LexiconRow]] = {}
        self.nouns: dict[str, LexiconRow] = {}
        for row in rows:
            if row.pos == "noun":
                self.nouns[row.lemma] = row
            else:
                verbs.setdefault(row.lemma, []).append(row)
        self.verbs: dict[str, tuple[LexiconRow, ...]] = {
            lemma: tuple(sorted(found, key=_rank)) for lemma, found in verbs.items()
        }
        self.particles = frozenset(
            row.particle for found in verbs.values() for row in found if row.particle
        )

    def knows(self, lemma: str) -> bool:
        return lemma in self.verbs

    def match(
        self,
        lemma: str,
        particles: frozenset[str],
        objects: frozenset[str],
        prepositions: Mapping[str, frozenset[str]],
        subjects: frozenset[str] = frozenset(),
    ) -> LexiconRow | None:
        """The most specific row for a verb in a clause.

        `objects` holds the lemmas of the direct object (its head and noun modifiers);
        `prepositions` maps each preposition of the verb to the lemmas of its object;
        `subjects` the lemmas of an active verb's subject.
        """
        for row in self.verbs.get(lemma, ()):
            if row.particle is not None and row.particle not in particles:
                continue
            if row.subject is not None and row.subject not in subjects:
                continue
            if row.preposition is not None:
                governed = prepositions.get(row.preposition)
                if governed is None or (row.object is not None and row.object not in governed):
                    continue
            elif row.object is not None and row.object not in objects:
                continue
            return row
        return None


def _rank(row: LexiconRow) -> tuple[int, int]:
    return (-row.parts, 0 if row.source == "curated" else 1)


_ROWS = TypeAdapter(list[LexiconRow])


@functools.cache
def load_event_lexicon() -> EventLexicon:
    """The shipped lexicon and cues, read and validated once per process."""
    data = resources.files("newsledger")
    try:
        lines = data.joinpath(LEXICON_FILE).read_text(encoding="utf-8").splitlines()
        rows = _ROWS.validate_python([json.loads(line) for line in lines if line.strip()])
    except (OSError, ValueError, ValidationError) as exc:
        raise DataFileError(f"cannot load the event lexicon: {exc}", source=LEXICON_FILE) from exc
    cues = load_data_model(EventCues, CUES_FILE, "the event cues")
    try:
        agents = frozenset(data.joinpath(AGENTS_FILE).read_text(encoding="utf-8").split())
    except OSError as exc:
        raise DataFileError(f"cannot load the agent nouns: {exc}", source=AGENTS_FILE) from exc
    return EventLexicon(rows, cues, agents)
