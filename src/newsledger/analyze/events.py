"""Events: who did what to whom, coded in PLOVER, with negation, modality, time, place and counts.

Rules, in the order `find_events` applies them to the parsed Doc (the clause syntax is in
`events_clause.py`, participants in `events_args.py`, the lexicon in `events_lexicon.py`):

1. Predicates. A verb is an event when the lexicon gives its clause a PLOVER category and a
   participant names an actor (an entity that is not a place, a personal pronoun, an agent
   noun such as "rebels", or a phrase with a name in it); for ASSAULT, COERCE, PROTEST,
   MOBILIZE and SANCTION any participant will do ("unknown gunmen killed 35"), and for the
   others a subject that names a thing leaves the event uncoded: only someone asks, agrees,
   accuses or cooperates ("the license allowed Iran to convert" is no concession). A verb the
   lexicon does not categorise is an uncategorised event on the same condition, unless it is
   a copula, an auxiliary-like verb ("fail", "make") or a reporting verb: "said" belongs to
   attribution, while "accused", "condemned", "called for" and "denied" are PLOVER events
   and stay. A reporting verb whose clause states an obligation ("said Sudan must return") is
   the speaker's REQUEST. A light verb with an event noun as object is that noun's event
   ("staged protest rallies" is protest), and so is a placing verb with one under "under",
   done to its object ("placed the mayor under arrest" is arresting him); an event noun
   elsewhere is a nominal event ("the expulsion of the group", "the clashes"). Not events: a
   participle that describes a noun ("militiamen armed with machetes"; one that states what a
   document with a known issuer does is the issuer's act: "the ministry issued a statement
   condemning the attack"), declining to comment ("declined to comment", "not authorized to
   speak publicly": CAMEO's 012, a statement), a subjectless purpose clause ("sent experts to
   investigate": an aim the governing event serves), and an event noun in a circumstantial
   phrase of a predicate ("blamed Israel for the bombing", "imposed after clashes", "signed
   after hours of negotiations"), unless the predicate's lexicon row governs that preposition
   ("called for the expulsion") or it is "under" ("came under investigation").
2. Participants: actor and target from the clause (active, passive, coordination, control,
   prepositional targets; a gerund after the object of an accusing or preventing verb is the
   object's act: "accused Israel of attacking the ship"), each resolved to an entity. COOPERATE,
   AID and SANCTION need an actor as target, except that parties named together who act with
   each other ("Russia and China signed a deal", "... trade with each other") are one compound
   actor with no recipient, as the PLOVER manual codes reciprocal events; joint military
   exercises are COOPERATE, one party's MOBILIZE ("French and Egyptian warships launched war
   games").
3. Negation, and refusals: "not" (not "not only"), "never", a negative governor ("failed to",
   "refrained from") or a participant that is none ("committed no crime", "nobody was killed")
   negates the event; a negated AGREE, CONCEDE or RETREAT ("will not accept") is REJECT, as
   CAMEO's "decline to ..." codes are, unless a refusing verb governs it and is that rejection
   ("refused to release" is one REJECT, and a negated release) or only a participant negates it
   ("offered no evidence").
4. Modality, strongest first: `disputed` when the event is reported and a statement denying
   its reporting statement exists, or its actor denies something or asserts the negation of
   an action ("has not carried out such an action") in the same article; `intended` for a
   future or deontic auxiliary, an infinitive under a governor that does not entail it
   (plans, pledges, orders, "determined to"; "tried to" and "forced to" do entail), a purpose
   clause, and an event noun a request or pledge governs ("would" is future under a
   reporting verb: "said they would meet"); `reported` inside a statement's
   content (the innermost; `statement` links it), or, without one, inside a quotation, a
   clause of a reporting verb, or an "according to" clause; otherwise `asserted`. Following
   the PLOVER manual, an event pledged by its actor (future, "determined to", "vowed to"; not a
   forecast with no actor or a likelihood: "Kushner will be indicted", "will probably attack")
   is recoded: cooperation (CONSULT, SUPPORT, COOPERATE, AID) as AGREE, RETREAT as CONCEDE, and
   material conflict as THREATEN. What a THREATEN verb governs ("threatened to impose a
   curfew") is the threat's content, intended but no pledge of its own.
5. Time, place, counts: a DATE or TIME expression belongs to the nearest predicate above it in
   the tree (a reporting verb keeps its own: "said on Monday" dates the statement, not what
   it reports), unless it is a participant the tagger took for a date ("May and the E.U.
   kicked the can") or a length or age that describes someone ("a 16-year veteran"); places
   come from place prepositions; counts from the participants. A coordinated verb shares its
   first conjunct's time and place. `evidence` is the sentence, cut at paragraph breaks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from newsledger.analyze.events_args import RELATIVE_TAGS, Participants, of_object, prep_object
from newsledger.analyze.events_clause import (
    PASSIVE_MARKS,
    QUESTION_TAGS,
    RECIPIENT_REQUIRED,
    TIME_LABELS,
    VERB_POS,
    Clauses,
    governing_prepositions,
    has_aux,
    lemmas,
    marked,
    noun_words,
    object_predicate,
    particles,
    past_participle_modifier,
    relative_object,
    shares_auxiliaries,
)
from newsledger.analyze.events_lexicon import EventLexicon, LexiconRow
from newsledger.analyze.events_time import normalise_time, parse_published
from newsledger.analyze.nlp import doc_text
from newsledger.schema import Action, Arg, Entity, Event, Modality, Span, Statement, When

# Categories whose events matter without a named participant ("unknown gunmen killed 35").
MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "SANCTION"})
# PLOVER manual: pledged cooperation is AGREE.
PLEDGE_TO_AGREE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID"})
# Verbs of these categories make the event noun they govern an intention ("called for the
# expulsion", "threatened an attack").
INTENT_CATEGORIES = frozenset({"REQUEST", "THREATEN", "AGREE"})
# A refused agreement, concession, retreat or cooperation is a rejection (CAMEO 12: decline to
# yield ...; PLOVER's REJECT mode assist: "any form of exchange, relations, or assistance"),
# when someone refuses it ("was not authorized to discuss" rejects nothing).
REFUSED = frozenset({"AGREE", "CONCEDE", "RETREAT", "COOPERATE"})
# What yields ends what its object names: PLOVER's 'yield' is "ending sanctions, easing curfews
# and boycotts", so lifting sanctions is no sanction of its own.
YIELDING = frozenset({"CONCEDE", "RETREAT"})
TO = frozenset({"to"})
# Acts of force: fighting to do one is fighting ("fought to kill them").
FORCE_CATEGORIES = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
# What a document does with words ("the release said", "the statement read").
SAYING = frozenset({"say", "state", "read", "note", "add", "write"})
# A question opens with a wh-word or "whether"/"if" ("asked how he would fund it").
WHETHER = frozenset({"whether", "if"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her", "i", "me", "you", "we", "us"})
# A date in these roles is a participant the tagger took for a date ("May and the E.U.").
PARTICIPANT_TIME_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "poss"})
# A hyphenated length describes a noun and dates nothing ("a 22-month investigation").
LENGTH_MODIFIER = re.compile(r"-(?:year|month|week|day|hour|minute)s?\b", re.IGNORECASE)


@dataclass
class _Draft:
    """An event under construction; `token` is the verb, or the noun of a nominal event."""

    token: Token
    lemma: str
    start: int
    end: int
    category: str | None
    noun: Token | None = None
    actor: Token | None = None
    target: Token | None = None
    negated: bool = False
    modality: Modality = "asserted"
    statement: str | None = None
    reporter: str | None = None


def find_events(
    doc: Doc,
    entities: Sequence[Entity],
    statements: Sequence[Statement],
    published: str | None,
    lexicon: EventLexicon,
) -> list[Event]:
    """The events of a parsed article, ids `v1`, `v2`, ... in text order.

    `statements` may be empty (then reported speech is found from quotation marks and
    reporting verbs); `published` is `document.published`, the anchor of relative times.
    """
    return _Finder(doc, entities, statements, published, lexicon).events()


def _names_a_topic(verb: Token) -> bool:
    """ "When it comes to immigration", "if it came to war": the clause names a topic or a
    turn of events; nobody comes anywhere, as CAMEO's 'come to' (a visit) would have it."""
    children = list(verb.children)
    return any(c.dep_ == "nsubj" and c.lower_ == "it" for c in children) and any(
        c.dep_ == "prep" and c.lower_ == "to" for c in children
    )


class _Finder:
    def __init__(
        self,
        doc: Doc,
        entities: Sequence[Entity],
        statements: Sequence[Statement],
        published: str | None,
        lexicon: EventLexicon,
    ) -> None:
        self.doc, self.text, self.lexicon, self.cues = doc, doc_text(doc), lexicon, lexicon.cues
        self.args = Participants(doc, entities, lexicon.cues, lexicon.agents)
        self.clauses = Clauses(doc, lexicon, self.args)
        self.anchor = parse_published(published)
        self.statements = sorted(statements, key=lambda s: s.content.end - s.content.start)
        self.denied = {r.statement for s in statements for r in s.relations if r.type == "denies"}
        # Per character, the innermost statement whose content holds it (-1: none), and
        # whether a denied statement's content does: a lookup per event, where scanning every
        # statement for every event made long documents quadratic.
        self._content_owner = np.full(len(self.text) + 1, -1, dtype=np.int32)
        self._in_denied = np.zeros(len(self.text) + 1, dtype=bool)
        for number in range(len(self.statements) - 1, -1, -1):
            content = self.statements[number].content
            self._content_owner[content.start : content.end] = number
            if self.statements[number].id in self.denied:
                self._in_denied[content.start : content.end] = True
        # Per token, whether its sentence is a question: looking a token's sentence up is a
        # scan of the document.
        self._asked = np.zeros(len(doc), dtype=bool)
        for sentence in doc.sents:
            self._asked[sentence.start : sentence.end] = _question(sentence)
        self._in_quoting_cue = np.zeros(len(self.text) + 1, dtype=bool)
        for statement in statements:
            if statement.direct:
                self._in_quoting_cue[statement.cue.start : statement.cue.end] = True

    def events(self) -> list[Event]:
        drafts = self._drafts()
        for draft in drafts:
            # PLOVER: a joint exercise is a cooperation, and parties that cooperate with each
            # other are one compound actor with no recipient.
            cooperative = draft.category in ("MOBILIZE", "COOPERATE")
            reciprocal = (
                cooperative and draft.actor is not None and self.args.reciprocal(draft.actor)
            )
            joint = cooperative and self._joint_exercise(draft, reciprocal)
            if joint:
                draft.category = "COOPERATE"
            mutual = draft.category == "COOPERATE" and (
                joint or (reciprocal and self._done_together(draft.token))
            )
            if (
                draft.category in RECIPIENT_REQUIRED
                and not (draft.target is not None and self.args.is_actor(draft.target))
                and not mutual
            ) or (
                draft.category not in MATERIAL_CONFLICT
                and draft.actor is not None
                and self.args.is_thing(draft.actor)
            ):
                draft.category = None
            elif draft.actor is not None and self._natural_force(draft.actor):
                # "the plague strikes the country each year": no one attacks.
                draft.category = None
        times = self._times({draft.token.i for draft in drafts})
        self._dispute(drafts)
        drafts.sort(key=lambda d: d.start)
        return [self._event(number, draft, times) for number, draft in enumerate(drafts, 1)]

    def _joint_exercise(self, draft: _Draft, reciprocal: bool) -> bool:
        """Military exercises held jointly: by parties the actor names together (`reciprocal`:
        "French and Egyptian warships launched war games") or "joint" ones ("held joint
        drills")."""
        exercise = self._exercise(draft)
        if exercise is None:
            return False
        if any(c.dep_ == "amod" and c.lower_ in self.cues.mutual_words for c in exercise.children):
            return True
        return reciprocal

    def _done_together(self, verb: Token) -> bool:
        """Whether a clause says its parties act with each other: "each other", "jointly",
        "a bilateral deal", or an agreement they sign ("Russia and China signed a deal"; not
        "the FBI and the police provided cover")."""
        cues = self.cues
        for token in verb.subtree:
            lower = token.lower_
            if lower in cues.mutual_words or token.lemma_.lower() in cues.agreement_nouns:
                return True
            if lower in ("other", "another") and any(
                c.lower_ in ("each", "one") for c in token.children
            ):
                return True
        return False

    def _exercise(self, draft: _Draft) -> Token | None:
        """The exercise noun a mobilization names, itself or as its object ("held drills",
        "launched 10 days of war games")."""
        nouns = self.cues.exercise_nouns
        candidates = [draft.noun or draft.token]
        candidates += [c for c in draft.token.children if c.dep_ == "dobj"]
        for candidate in candidates:
            for _ in range(3):
                if candidate.lemma_.lower() in nouns:
                    return candidate
                counted = of_object(candidate)
                if counted is None:
                    break
                candidate = counted
        return None

    # Predicates -------------------------------------------------------------------------

    def _drafts(self) -> list[_Draft]:
        drafts: list[_Draft] = []
        consumed: set[int] = set()
        nouns = self.lexicon.nouns
        for token in self.doc:
            if (
                token.pos_ == "VERB"
                and token.dep_ not in ("amod", "compound")
                and not _word_fragment(token)
                and not self._circumstance(token)
            ):
                draft = self._verb(token)
                if draft is not None:
                    drafts.append(draft)
                    consumed.update(t.i for t in noun_words(draft.noun, nouns))
                    consumed.update(t.i for t in self._yielded(draft))
        for token in self.doc:
            if (
                token.pos_ == "NOUN"
                and token.i not in consumed
                and token.dep_ != "compound"
                and token.lemma_.lower() in nouns
                and not self._adjunct_noun(token)
                and not self._speaks(token)
            ):
                drafts.append(self._nominal(token))
        return drafts

    def _yielded(self, draft: _Draft) -> list[Token]:
        """The event nouns a yielding verb's lexicon row names as its object ("lifted the
        *sanctions*", "ended the *blockade*"): what the verb ends, not a second event. One of
        the verb's own category is what it yields ("ordered the *release* of prisoners"), and
        stays, with its own target."""
        if draft.noun is not None or draft.category not in YIELDING:
            return []
        verb, nouns = draft.token, self.lexicon.nouns
        row, obj = self.clauses.row(verb), self.clauses.object(verb)
        if row is None or row.object is None or obj is None:
            return []
        return [
            t
            for t in noun_words(obj, nouns)
            if row.object in lemmas(t) and nouns[t.lemma_.lower()].category != draft.category
        ]

    def _circumstance(self, verb: Token) -> bool:
        """A verb that describes, or aims at, rather than happens (rule 1): a participle that
        modifies a noun ("militiamen armed with machetes", "a guard involved in a shooting")
        and a subjectless purpose clause ("sent experts to investigate", "resigned to allow
        elections"), which states an aim the governing event serves."""
        if _has_subject(verb):
            return False
        infinitive = has_aux(verb, TO)
        if not infinitive and (
            past_participle_modifier(verb)
            or (verb.dep_ == "acl" and verb.tag_ == "VBG" and not self.clauses.document_act(verb))
        ):
            return True
        return (
            verb.dep_ == "advcl"
            and infinitive
            and verb.head.pos_ in VERB_POS
            and not self._pledged_purpose(verb)
        )

    def _pledged_purpose(self, verb: Token) -> bool:
        """An infinitive the parser reads as a purpose clause that completes a verb of
        commitment right before it ("have sworn *to fight*"): what is pledged, as in "vowed to
        fight"."""
        governor = verb.head
        return (
            verb.dep_ == "advcl"
            and governor.lemma_.lower() in self.cues.commitment_governors
            and governor.i + 1 < len(self.doc)
            and self.doc[governor.i + 1].head == verb
            and self.doc[governor.i + 1].lower_ in TO
            and not _has_subject(verb)
        )

    def _speaks(self, noun: Token) -> bool:
        """Whether an event noun is the subject of a verb of saying, so a document ("the
        release said"); an event concludes or claims a toll ("the investigation
        concluded")."""
        return (
            noun.dep_ == "nsubj"
            and noun.head.lemma_.lower() in SAYING
            and self.clauses.near(noun.head, noun) is not None
        )

    def _adjunct_noun(self, noun: Token) -> bool:
        """An event noun in a circumstantial phrase of a predicate is its setting, not a
        second event ("blamed Israel for the bombing", "a settlement reached in peace
        talks", "imposed after clashes"), also when a noun measures or stages it ("despite
        *hours of* negotiations", "at *the end of* the assault"); an event noun the
        predicate's lexicon row governs ("called for the expulsion") is its content and
        stays."""
        while (
            noun.dep_ == "pobj"
            and noun.head.lower_ == "of"
            and noun.head.head.lemma_.lower() in self.cues.setting_nouns
        ):
            noun = noun.head.head
        prep = noun.head
        if noun.dep_ != "pobj" or prep.dep_ not in ("prep", "agent") or prep.lower_ == "under":
            # "put under investigation", "placed under arrest": the state the event imposes.
            return False
        governor = prep.head
        if governor.pos_ == "VERB":
            row = self.clauses.row(governor)
            return row is None or row.preposition != prep.lower_
        return governor.pos_ == "NOUN" and governor.lemma_.lower() in self.lexicon.nouns

    def _verb(self, verb: Token) -> _Draft | None:
        clauses, cues = self.clauses, self.cues
        lemma = clauses.lemma(verb)
        if lemma == "come" and _names_a_topic(verb):
            return None
        if lemma in cues.comment_governors and self._governs_comment(verb):
            # CAMEO's 012, a public statement, which PLOVER leaves out: "declined to comment".
            return None
        obj = clauses.near(verb, clauses.object(verb))
        row = clauses.row(verb)
        nominal = noun_words(obj, self.lexicon.nouns) if lemma in cues.light_verbs else []
        undergone = self._undergone(verb, lemma, obj)
        if undergone is not None:
            nominal = noun_words(undergone, self.lexicon.nouns)
            obj = undergone
        if obj is not None and obj.lemma_.lower() in cues.agreement_nouns | cues.document_nouns:
            # An agreement or a document is a thing of its own: "reopened the withdrawal
            # agreement" withdraws nothing.
            nominal = [word for word in nominal if word.i == obj.i]
        placed_under = self._placed_under(verb) if lemma in cues.placing_verbs else None
        if placed_under is not None:
            # "placed the mayor under arrest" is arresting the mayor, and "has been put under
            # investigation" being investigated: the verb's participants, the noun's act.
            noun_row = self.lexicon.nouns[placed_under.lemma_.lower()]
            specific = row is not None and row.category is not None and row.preposition == "under"
            category = row.category if row is not None and specific else noun_row.category
            end = placed_under.idx + len(placed_under)
            draft = _Draft(
                verb, noun_row.verb or noun_row.lemma, verb.idx, end, category, noun=placed_under
            )
            draft.actor, draft.target = clauses.roles(verb, row, None)
        elif obj is not None and nominal:
            noun_row = self.lexicon.nouns[nominal[0].lemma_.lower()]
            # The row of the verb with this event noun ("launched a mediation"), not with a
            # word beside it ("launched a mediation *effort*", CAMEO's appeal).
            specific = (
                row is not None
                and row.category is not None
                and row.object in {word.lemma_.lower() for word in nominal}
            )
            category = row.category if row is not None and specific else noun_row.category
            if category == "ASSAULT" and self._spoken(obj):
                category = "ACCUSE"
            if (
                undergone is not None
                and lemma in cues.exposure_verbs
                and self._danger(obj)
                and not _issued(obj)
            ):
                # "was not facing a lethal existential threat": a danger, which no one issues.
                category = None
            start, end = min(verb.idx, obj.idx), max(verb.idx + len(verb), obj.idx + len(obj))
            draft = _Draft(verb, noun_row.verb or noun_row.lemma, start, end, category, noun=obj)
        else:
            # A verb that is no event by itself ("fail", "make") only counts through a pattern,
            # and so does one naming its object ("called the story false", "what I've called a
            # chopping block" are no phone calls) or
            # asserting a clause ("claimed that he checked in" is no accusation) or with an
            # object where its event has none ("demonstrated its resolve" is no protest) or
            # asking a question ("asked how he would pay" is no request) or done to a person it
            # dismisses ("fired the director") or warning of no coercion ("warned that the
            # outbreak could spread" is no threat) or done to a thing where CAMEO means people
            # ("removed the post" is no expulsion, "the camera captured it" no arrest) or
            # acknowledging ("recognized his error" is no praise, "recognized Kosovo" supports) or
            # advancing a thing ("pushed the collusion narrative" demands nothing) or
            # telling a decrease ("the population declined" refused nothing) or striving ("fought
            # to keep the reports confidential" is no fight) or asking a price ("charging the
            # migrants 15,000 euros" accuses no one).
            if (
                row is not None
                and (
                    lemma in cues.non_event_verbs
                    or (lemma in cues.naming_verbs and _names(verb, obj))
                    or (lemma in cues.assertion_verbs and _asserts_a_clause(verb))
                    or (lemma in cues.warning_verbs and not self._warns_of_coercion(verb, obj))
                    or (lemma in cues.intransitive_verbs and _transitive(verb))
                    or (lemma in cues.question_verbs and _asks_a_question(verb))
                    or (lemma in cues.dismissal_verbs and obj is not None and self._person(obj))
                    or (lemma in cues.person_verbs and not self._done_to_someone(verb, obj))
                    or (lemma in cues.recognition_verbs and not self._done_to_a_party(verb, obj))
                    or (lemma in cues.advocacy_verbs and self._advances_a_thing(obj))
                    or (lemma in cues.decrease_verbs and self._decreases(verb))
                    or (lemma in cues.effort_verbs and self._strives(verb))
                    or (lemma in cues.price_verbs and _asks_a_sum(verb))
                )
                and row.source != "curated"
                and row.parts == 0
            ):
                row = None
            if (
                row is not None
                and row.parts == 0
                and lemma in cues.concurring_verbs
                and self._concurs_with_a_fact(verb)
            ):
                # "agreed that Sessions cannot stop the investigation" shares an opinion;
                # "agreed that talks should resume" agrees on an act.
                row = None
            if (
                row is not None
                and row.object in cues.warning_nouns
                and obj is not None
                and not self._warns_of_coercion(obj, None)
            ):
                # "issued a health warning to Americans" is CAMEO's threat too (130).
                row = None
            category = row.category if row is not None else None
            if (
                row is not None
                and category == "ASSAULT"
                and row.parts == 0
                and obj is not None
                and self.args.is_abstract(obj)
            ):
                category = "ACCUSE" if lemma in cues.criticism_senses else None
            if category == "ASSAULT" and self._retorts(verb):
                category = "ACCUSE"
            draft = _Draft(verb, lemma, verb.idx, verb.idx + len(verb), category)
        if undergone is not None and draft.category is not None:
            # "May faced pressure from her party", "came under fire from the State Department":
            # the subject undergoes what the source does.
            draft.actor = self._source(verb, undergone)
            draft.target = clauses.near(verb, clauses.subject(verb))
        elif placed_under is None:
            draft.actor, draft.target = clauses.roles(verb, row, draft.noun)
        if lemma in cues.arrival_verbs and row is not None and not self._visits(verb, row, draft):
            draft.category = None
        demand = clauses.demand(verb) if draft.category is None else None
        if demand is not None:
            # "Russia said that Sudan must return the helicopter" is Russia's demand.
            draft.category = "REQUEST"
            draft.target = clauses.near(verb, clauses.subject(demand))
        if not self._worth(draft):
            return None
        draft.negated = clauses.negated(verb)
        self._modality(draft)
        if lemma in cues.departure_verbs and draft.category is None and self._secedes(draft):
            # After the pledge recoding: "Britain will leave the EU" is no threat.
            draft.category = "SANCTION"
        if (
            draft.negated
            and draft.category in REFUSED
            and draft.actor is not None
            and clauses.refused_by_actor(verb)
            and not self._governor_refuses(verb)
            # Who "offered no evidence" did not offer it, and refused nothing.
            and not clauses.none_taking_part(verb)
        ):
            draft.category = "REJECT"
        return draft

    def _warns_of_coercion(self, warning: Token, obj: Token | None) -> bool:
        """Whether a warning, a verb or a noun, is a threat (PLOVER: "coercive or forceful
        warnings"): its clause names a material act someone does ("warned that they would
        attack Las Vegas", "... that protesters would be arrested"; not "that the disease
        could move into nine countries") or a reprisal ("warned of a crushing response", "...
        that Iran would face consequences"), or it tells a party not to act ("warned Iran not
        to interfere", "warned Tehran against retaliating")."""
        told = obj is not None and self.args.is_actor(obj)
        for child in warning.children:
            if child.dep_ in ("ccomp", "acl"):
                for clause in (child, *child.conjuncts):
                    row = self.clauses.row(clause)
                    subject = self.clauses.subject(clause)
                    if (
                        row is not None
                        and row.category in MATERIAL_CONFLICT
                        and not (subject is not None and self.args.is_thing(subject))
                    ):
                        return True
                    if any(self._reprisal(c) for c in clause.children if c.dep_ == "dobj"):
                        return True
            elif child.dep_ == "prep" and child.lower_ in ("of", "about", "against"):
                if any(self._reprisal(c) for c in child.children if c.dep_ == "pobj"):
                    return True
                if told and child.lower_ == "against":
                    return True
            elif child.dep_ == "xcomp" and told and any(c.dep_ == "neg" for c in child.children):
                return True
        return False

    def _concurs_with_a_fact(self, verb: Token) -> bool:
        """Whether a verb of agreeing has a clause that states what is so, with no modal of an
        act to come ("agreed that the Latin text is the normative text", "..., don't you
        agree?"), and no infinitive of an act agreed to ("will agree to improve the deal")."""
        cues = self.cues
        acts = cues.deontic_modals | cues.future_auxiliaries | cues.reported_future_auxiliaries
        children = list(verb.children)
        return not any(c.dep_ == "xcomp" for c in children) and any(
            c.dep_ == "ccomp" and _has_subject(c) and not has_aux(c, acts) for c in children
        )

    def _decreases(self, verb: Token) -> bool:
        """Whether "decline" tells a decrease: with no object or infinitive, said of what
        cannot refuse or of a measure ("the number of jobs", "the working-age population has
        declined"; not "they declined")."""
        if _transitive(verb):
            return False
        subject = self.clauses.subject(verb)
        if subject is None:
            return True
        return subject.lemma_.lower() in self.cues.measure_nouns or not self.args.is_actor(subject)

    def _strives(self, verb: Token) -> bool:
        """Whether a verb has an infinitive of what it strives for ("fought to keep the reports
        confidential", "pushed to get out the vote"), unless that is force ("fought to kill
        them") or done to a place ("fought to retake the city"); with an object, the object
        is to do it ("pushed Congress to act")."""
        if self.clauses.object(verb) is not None:
            return False
        for child in verb.children:
            if child.dep_ in ("xcomp", "advcl") and has_aux(child, TO):
                row = self.clauses.row(child)
                obj = self.clauses.object(child)
                forceful = row is not None and row.category in FORCE_CATEGORIES
                return not forceful and (obj is None or self.args.place(obj) is None)
        return False

    def _retorts(self, verb: Token) -> bool:
        """Whether a verb of force introduces a quotation, its words the weapon ("shot back:
        'They are not going over anything else'", "Erdogan exploded: ..."); the quotation's
        cue alone is not enough, the tagger also takes "attacked" in "who attacked her" for
        one."""
        if not self._in_quoting_cue[verb.idx]:
            return False
        after = verb.i + 1
        if after < len(self.doc) and self.doc[after].lower_ in particles(
            verb, self.lexicon.particles
        ):
            after += 1
        return after < len(self.doc) and self.doc[after].text in (":", *self.cues.quote_marks)

    def _done_to_someone(self, verb: Token, obj: Token | None) -> bool:
        """Whether an act is done to someone: an object that names no thing, or none the clause
        shows ("was ordered removed"). A passive's subject raised to its governor is its object
        ("the footage is presumed to have been captured"). A person is no "it", which elsewhere
        may stand for a group ("it will withdraw")."""
        args = self.args
        obj = self._patient(verb, obj)
        return obj is None or not (
            args.is_thing(obj) or args.is_abstract(obj) or obj.lower_ == "it"
        )

    def _patient(self, verb: Token, obj: Token | None) -> Token | None:
        """What a verb is done to: its object, else a passive's subject."""
        if obj is None and self.clauses.passive(verb):
            return self.clauses.near(verb, self.clauses.subject(verb))
        return obj

    def _advances_a_thing(self, obj: Token | None) -> bool:
        """Whether a verb's object is something, not someone who can act."""
        return obj is not None and not self.args.is_actor(obj)

    def _done_to_a_party(self, verb: Token, obj: Token | None) -> bool:
        """Whether an act is done to a party (a state, a people, an organisation), the object
        or a passive's subject ("Kosovo was recognized")."""
        obj = self._patient(verb, obj)
        return obj is not None and self.args.entity_type(obj) in self.cues.party_entity_types

    def _undergone(self, verb: Token, lemma: str, obj: Token | None) -> Token | None:
        """What a verb of undergoing says its active subject undergoes: a thing or an act as
        its object ("faced charges", "received death threats"; not "received the ambassador",
        a visit the subject hosts) or the act it comes under ("came under fire"); a phrasal
        verb is another verb ("get out the vote")."""
        if (
            lemma not in self.cues.undergoing_verbs
            or self.clauses.passive(verb)
            or particles(verb, self.lexicon.particles)
        ):
            return None
        if obj is not None and lemma != "come":
            return None if self.args.is_actor(obj) else obj
        under = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "under"), None)
        return prep_object(under) if under is not None else None

    def _source(self, verb: Token, undergone: Token) -> Token | None:
        """Who does what a subject undergoes: the "from" or "by" phrase of the verb or of what
        is undergone ("pressure from the pro-Brexit wing"), or its owner ("Iran's threats")."""
        for token in (verb, undergone):
            for child in token.children:
                if child.dep_ in ("prep", "agent") and child.lower_ in ("from", "by"):
                    source = prep_object(child)
                    if source is not None and self.args.is_actor(source):
                        return source
        owner = next((c for c in undergone.children if c.dep_ == "poss"), None)
        return owner if owner is not None and self.args.is_actor(owner) else None

    def _visits(self, verb: Token, row: LexiconRow, draft: _Draft) -> bool:
        """Whether an arrival is a visit (CAMEO's 040 on "arrive" and "come to"): to a party, a
        country or city, or a meeting ("came to Pakistan", "arriving in Brussels", "come to
        the negotiating table"), not to a place ("police arrived on the 32nd floor", "coming
        to your seminary")."""
        if draft.category != "CONSULT" or row.object is not None or row.subject is not None:
            return True
        target = draft.target
        if target is not None and (
            self.args.is_actor(target) or target.lemma_.lower() in self.cues.meeting_nouns
        ):
            return True
        return self.clauses.political_place(verb) is not None

    def _secedes(self, draft: _Draft) -> bool:
        """Whether a departure is a party withdrawing from an organisation ("Britain leaves
        the EU", PLOVER's SANCTION, mode withdraw), not a person leaving a job or a place."""
        if draft.actor is None or draft.target is None:
            return False
        args = self.args
        parties = self.cues.party_entity_types
        return args.entity_type(draft.target) == "ORG" and args.entity_type(draft.actor) in parties

    def _reprisal(self, noun: Token) -> bool:
        return noun.lemma_.lower() in self.cues.reprisal_nouns

    def _governor_refuses(self, verb: Token) -> bool:
        """Whether the verb's governor is a refusal event of its own: "refused to release the
        video" is one refusal, and the release stays a negated release."""
        if verb.dep_ != "xcomp":
            return False
        governor = verb.head
        row = self.clauses.row(governor)
        return (
            row is not None
            and row.category == "REJECT"
            and self.clauses.lemma(governor) not in self.cues.non_event_verbs
        )

    def _placed_under(self, verb: Token) -> Token | None:
        """The event noun a placing verb puts its object under ("under arrest")."""
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ == "under":
                found = noun_words(prep_object(child), self.lexicon.nouns)
                if found:
                    return found[0]
        return None

    def _governs_comment(self, verb: Token) -> bool:
        """'declined to comment', 'refused to say where', 'not authorized to speak publicly';
        not a refusal to talk with someone ('refused to discuss it with the envoy')."""
        return any(
            c.dep_ == "xcomp"
            and c.lemma_.lower() in self.cues.comment_verbs
            and not any(
                p.lower_ == "with"
                and any(o.dep_ == "pobj" and self.args.is_actor(o) for o in p.children)
                for p in c.subtree
            )
            for c in verb.children
        )

    def _person(self, token: Token) -> bool:
        """Whether a participant is a person: a PERSON entity, a personal pronoun or an agent
        noun ("the officer", "the director")."""
        entity = self.args.entity(token)
        if entity is not None:
            return self.args.index.types.get(entity) == "PERSON"
        return token.lower_ in PERSONAL_PRONOUNS or token.lemma_.lower() in self.lexicon.agents

    def _worth(self, draft: _Draft) -> bool:
        """Whether a verb's clause is an event worth reporting (rule 1)."""
        if draft.noun is not None:
            return True
        if draft.category is None and (
            draft.lemma in self.cues.non_event_verbs or draft.lemma in self.cues.report_verbs
        ):
            return False
        participants = [t for t in (draft.actor, draft.target) if t is not None]
        if draft.category in MATERIAL_CONFLICT and participants:
            return True
        return any(self.args.is_actor(t) for t in participants)

    def _spoken(self, noun: Token) -> bool:
        """Whether an attack noun is made of words ("a scathing attack", "personal attacks")."""
        cues = self.cues
        return noun.lemma_.lower() in cues.criticism_senses and any(
            c.dep_ == "amod" and c.lower_ in cues.verbal_modifiers for c in noun.children
        )

    def _nominal(self, noun: Token) -> _Draft:
        row = self.lexicon.nouns[noun.lemma_.lower()]
        words = noun_words(noun, self.lexicon.nouns)
        first = words[0] if words else noun
        category = row.category
        done_to = of_object(noun)
        if row.verb is not None and done_to is not None:
            # "the release of the records" is coded as "release the records" is.
            verb_row = self.lexicon.match(row.verb, frozenset(), lemmas(done_to), {})
            if verb_row is not None and verb_row.object is not None:
                category = verb_row.category
        if category == "ASSAULT" and self._spoken(noun):
            category = "ACCUSE"
        draft = _Draft(noun, row.verb or row.lemma, first.idx, noun.idx + len(noun), category)
        draft.actor, draft.target = self.clauses.noun_roles(noun, row)
        if draft.actor is None and self._danger(noun):
            # "the threat of a nuclear armed Iran", "a real threat": a danger, which no one
            # issues; "death threats" are made, whoever made them.
            draft.category = None
        draft.negated = any(c.lower_ == "no" for c in noun.children)
        self._modality(draft)
        return draft

    # Modality ---------------------------------------------------------------------------

    def _modality(self, draft: _Draft) -> None:
        token = draft.token
        owner = int(self._content_owner[draft.start])
        statement = self.statements[owner] if owner >= 0 else None
        if statement is not None:
            draft.modality, draft.statement = "reported", statement.id
            draft.reporter = statement.speaker.entity
        elif self._reported(token, draft):
            draft.modality = "reported"
        nominal = token.pos_ == "NOUN"
        intended, pledged = self._intended_noun(token) if nominal else self._intended(token)
        if (
            draft.actor is None
            or self._predicted(token)
            or not self._can_pledge(draft.actor)
            or self._asked[token.i]
        ):
            # "Kushner will be indicted", "will more than likely commit crimes", "exiting the
            # deal would undermine U.S. credibility": a forecast, which no one pledges; nor
            # does a question ("Will they support a clash with Turkey?").
            pledged = False
        if intended:
            draft.modality = "intended"
            if pledged and draft.category is not None and not nominal and self._ultimatum(token):
                draft.category = "THREATEN"
            elif pledged and draft.category in PLEDGE_TO_AGREE:
                draft.category = "AGREE"
            elif pledged and draft.category == "RETREAT":
                draft.category = "CONCEDE"
            elif pledged and draft.category in MATERIAL_CONFLICT:
                draft.category = "THREATEN"

    def _reported(self, token: Token, draft: _Draft) -> bool:
        """Whether the author reports the event in someone's voice (without a statement)."""
        clauses = self.clauses
        if clauses.quoted[token.i]:
            return True
        current = token
        for _ in range(12):
            if any(c.dep_ == "prep" and c.lower_ == "according" for c in current.children):
                return True
            head = current.head
            if head.i == current.i or clauses.paragraph[head.i] != clauses.paragraph[token.i]:
                return False
            if current.dep_ in ("ccomp", "parataxis") and (
                head.lemma_.lower() in self.cues.report_verbs
            ):
                speaker = clauses.subject(head)
                draft.reporter = self.args.entity(speaker) if speaker is not None else None
                return True
            current = head
        return False

    def _intended(self, verb: Token) -> tuple[bool, bool]:
        """(intended, pledged by its actor) for a verb."""
        cues = self.cues
        if self._conditional(verb):
            # What a condition states has not happened, and pledges nothing ("unless the
            # president agrees to step down").
            return True, False
        if has_aux(verb, cues.future_auxiliaries):
            return True, True
        clause = verb
        while clause.dep_ == "conj" and clause.head.pos_ in VERB_POS:
            # "said it would prohibit aid and would deny entry": each conjunct is said.
            clause = clause.head
        if (
            clause.dep_ == "ccomp"
            and clause.head.lemma_.lower() in cues.report_verbs
            and has_aux(verb, cues.reported_future_auxiliaries)
        ):
            # "predicted Mueller would indict Kushner" forecasts; "said it would" pledges.
            return True, clause.head.lemma_.lower() not in cues.opinion_verbs
        if has_aux(verb, cues.deontic_modals):
            return True, False
        if verb.dep_ == "ccomp" and verb.head.pos_ in VERB_POS:
            row = self.clauses.row(verb.head)
            if row is not None and row.category == "REQUEST":
                # What is demanded ("demanded that Hamas renounce ...") has not happened.
                return True, False
        if verb.dep_ == "xcomp" or self._pledged_purpose(verb):
            governor = verb.head
            lemma = governor.lemma_.lower()
            if lemma in cues.implicative_governors or lemma in cues.negative_governors:
                return self._intended(governor)
            row = self.clauses.row(governor) if governor.pos_ == "VERB" else None
            if row is not None and row.category == "THREATEN":
                # "threatened to impose a curfew": the threat is the event, its content no
                # pledge of its own.
                return True, False
            forecast = lemma in cues.forecast_governors and self.clauses.passive(governor)
            return True, lemma in cues.commitment_governors and not forecast
        if verb.dep_ in ("advcl", "acl") and has_aux(verb, TO):
            # A purpose or a plan ("in a move to kill") is intended but pledges nothing.
            return True, False
        if shares_auxiliaries(verb):
            return self._intended(verb.head)
        return False, False

    def _natural_force(self, token: Token) -> bool:
        """A disease or a natural disaster, or a form or an outbreak of one ("the bubonic form
        of the plague")."""
        forces = self.cues.natural_forces
        kind = of_object(token)
        return any(
            t is not None and t.pos_ == "NOUN" and t.lemma_.lower() in forces for t in (token, kind)
        )

    def _danger(self, noun: Token) -> bool:
        cues = self.cues
        return noun.lemma_.lower() in cues.danger_nouns and not any(
            c.dep_ == "compound" and c.lemma_.lower() in cues.threat_kinds for c in noun.children
        )

    def _can_pledge(self, actor: Token) -> bool:
        """Whether an actor can pledge: not an act ("exiting the deal") or a thing."""
        return actor.pos_ not in VERB_POS and not self.args.is_thing(actor)

    def _predicted(self, verb: Token) -> bool:
        return any(
            c.dep_ == "advmod" and c.lower_ in self.cues.likelihood_adverbs for c in verb.children
        )

    def _conditional(self, verb: Token) -> bool:
        """Whether a verb states a condition: itself ("unless the president agrees"), as a
        conjunct ("... and held elections") or as the infinitive of one ("agrees to step down")."""
        current = verb
        while True:
            if current.dep_ == "advcl" and marked(current, self.cues.conditional_marks):
                return True
            if current.dep_ not in ("conj", "xcomp") or current.head.pos_ not in VERB_POS:
                return False
            current = current.head

    def _ultimatum(self, verb: Token) -> bool:
        """A pledge on condition that the other side complies ("will withdraw its force unless
        ... held elections") is a threat (PLOVER THREATEN; CAMEO 13's ultimatums)."""
        return any(
            c.dep_ == "advcl" and marked(c, self.cues.ultimatum_marks) for c in verb.children
        )

    def _intended_noun(self, noun: Token) -> tuple[bool, bool]:
        """An event noun is intended as the object of a request, threat or pledge ("called for
        the expulsion"), and as a direct object shares its verb's intention."""
        if noun.dep_ == "dobj":
            governor = noun.head
        elif noun.dep_ == "pobj" and noun.head.dep_ == "prep":
            governor = noun.head.head
        else:
            return False, False
        if governor.pos_ != "VERB":
            return False, False
        lemma = self.clauses.lemma(governor)
        row = self.lexicon.match(lemma, frozenset(), lemmas(noun), governing_prepositions(governor))
        if row is not None and row.category in INTENT_CATEGORIES:
            return True, False
        if noun.dep_ != "dobj":
            return False, False
        if lemma in self.cues.commitment_governors:
            return True, True
        return self._intended(governor)

    def _dispute(self, drafts: list[_Draft]) -> None:
        """Reported events that the article also denies become disputed (rule 4)."""
        cues = self.cues
        deniers: set[str] = set()
        for draft in drafts:
            actor = self._who(draft.actor)
            if actor is None:
                continue
            denial = draft.lemma in cues.denial_verbs and not draft.negated
            objects = lemmas(draft.target) if draft.target is not None else frozenset()
            pro_form = draft.lemma in cues.pro_actions and (
                not objects or bool(objects & cues.pro_objects)
            )
            if denial or (draft.negated and pro_form):
                deniers.add(actor)
        for draft in drafts:
            if draft.modality != "reported" or draft.negated:
                continue
            if draft.statement is not None and self._in_denied[draft.start]:
                draft.modality = "disputed"
                continue
            actor = self._who(draft.actor)
            if actor is not None and actor in deniers and draft.reporter != actor:
                draft.modality = "disputed"

    def _who(self, participant: Token | None) -> str | None:
        """A participant's identity across the article: its entity, else its head noun
        ("the army" in one sentence is the army in the next)."""
        if participant is None:
            return None
        entity = self.args.entity(participant)
        if entity is not None:
            return entity
        return None if participant.pos_ == "PRON" else "noun:" + participant.lemma_.lower()

    # Time, place, evidence --------------------------------------------------------------

    def _times(self, predicates: set[int]) -> dict[int, When]:
        """Each predicate's time expression, by the predicate token's index."""
        found: dict[int, When] = {}
        doc = self.doc
        for ent in doc.ents:
            if ent.label_ not in TIME_LABELS or _names_no_time_of_its_clause(ent, predicates):
                continue
            start, end, anchor = ent.start, ent.end, ent.root.head
            if ent.root.dep_ == "pobj" and anchor.dep_ == "prep":
                if anchor.lower_ not in self.cues.time_prepositions:
                    continue
                start, anchor = min(start, anchor.i), anchor.head
            if start > 0 and end < len(doc) and doc[start - 1].text + doc[end].text == "()":
                start, end = start - 1, end + 1
            while (
                anchor.i not in predicates and anchor.pos_ != "VERB" and anchor.head.i != anchor.i
            ):
                anchor = anchor.head
            if anchor.i not in predicates or anchor.i in found:
                continue
            text = self.text[doc[start].idx : doc[end - 1].idx + len(doc[end - 1])]
            future = has_aux(anchor, self.cues.future_auxiliaries)
            found[anchor.i] = When(text=text, value=normalise_time(text, self.anchor, future))
        return found

    def _where(self, token: Token, target: Token | None) -> Arg | None:
        for child in token.children:
            if child.dep_ != "prep" or child.lower_ not in self.cues.place_prepositions:
                continue
            place = prep_object(child)
            place = self.clauses.near(token, place)
            if place is None or place.ent_type_ in TIME_LABELS:
                continue
            # "called on Iraq" names whom the call is to, not where it is made; a place the
            # act is done in stays its place when it is the target too ("attacked a police
            # station in Kirkuk").
            is_target = target is not None and place.i == target.i
            if is_target and child.lower_ in self.cues.target_prepositions:
                continue
            found = self.args.place(place)
            if found is not None:
                return found
        return None

    def _evidence(self, token: Token) -> Span:
        """The sentence of a predicate, cut at paragraph breaks."""
        sent, paragraph = token.sent, self.clauses.paragraph
        first, last = token.i, token.i
        while first > sent.start and paragraph[first - 1] == paragraph[token.i]:
            first -= 1
        while last + 1 < sent.end and paragraph[last + 1] == paragraph[token.i]:
            last += 1
        while first < last and self.doc[first].is_space:
            first += 1
        while last > first and self.doc[last].is_space:
            last -= 1
        return Span.of(self.text, self.doc[first].idx, self.doc[last].idx + len(self.doc[last]))

    def _event(self, number: int, draft: _Draft, times: dict[int, When]) -> Event:
        token = draft.token
        shared = token.head if token.dep_ == "conj" and token.head.pos_ in VERB_POS else None
        when = times.get(token.i) or (times.get(shared.i) if shared is not None else None)
        where = self._where(token, draft.target)
        if where is None and draft.noun is not None:
            where = self._where(draft.noun, draft.target)
        if where is None and shared is not None:
            where = self._where(shared, draft.target)
        quantities = [
            quantity
            for participant in (draft.actor, draft.target)
            if participant is not None
            for quantity in self.args.quantities(participant)
        ]
        lemma = draft.lemma
        if draft.noun is None and token.pos_ == "VERB":
            # "carry out", "hunt down": the particle is part of what was done.
            lemma = " ".join([lemma, *particles(token, self.lexicon.particles)])
        return Event(
            id=f"v{number}",
            actor=self.args.arg(draft.actor) if draft.actor is not None else None,
            action=Action(lemma=lemma, span=Span.of(self.text, draft.start, draft.end)),
            target=self.args.arg(draft.target) if draft.target is not None else None,
            category=draft.category,
            negated=draft.negated,
            modality=draft.modality,
            statement=draft.statement,
            when=when,
            where=where,
            quantities=quantities,
            evidence=self._evidence(token),
        )


def _asserts_a_clause(verb: Token) -> bool:
    """'claimed that he checked in', 'swore to fight' (also read as a purpose clause); in a
    relative clause without an object, what its noun is said to have done ("an incident she
    claimed happened", "those she claims were there": the parser leaves the clause out; not
    one whose relative pronoun or passive subject is what the verb is about: "service which
    is recognised", "those who claim")."""
    if verb.dep_ == "relcl" and not any(
        c.dep_ in ("dobj", *PASSIVE_MARKS) or (c.dep_ == "nsubj" and c.tag_ in RELATIVE_TAGS)
        for c in verb.children
    ):
        return True
    return any(
        c.dep_ in ("ccomp", "xcomp")
        or (c.dep_ == "advcl" and has_aux(c, TO) and not _has_subject(c))
        for c in verb.children
    )


def _issued(noun: Token) -> bool:
    """Whether a noun names who issues it: a possessor or a "from" or "by" phrase ("faces
    threats from Iran", "Iran's threats")."""
    return any(
        c.dep_ == "poss" or (c.dep_ in ("prep", "agent") and c.lower_ in ("from", "by"))
        for c in noun.children
    )


def _transitive(verb: Token) -> bool:
    """A verb with an object, a clause, or a passive subject ("demonstrated its resolve",
    "demonstrates that ...", "is demonstrated by"), or one that compares ("as the schism
    demonstrates"), or whose relative clause has its noun for object ("the attitude the
    government demonstrated")."""
    return relative_object(verb) or any(
        c.dep_ in ("dobj", "nsubjpass", "csubjpass", "auxpass", "ccomp", "xcomp", "attr", "oprd")
        or (c.dep_ == "mark" and c.lower_ == "as")
        for c in verb.children
    )


def _word_fragment(token: Token) -> bool:
    """A piece of a hyphenated word the tokenizer split and the tagger took for a verb: the
    prefix or the hyphen of "re-enters"."""
    doc = token.doc
    hyphenated = not token.whitespace_ and token.i + 1 < len(doc) and doc[token.i + 1].text == "-"
    return hyphenated or not any(character.isalpha() for character in token.text)


def _question(sentence: SpacySpan) -> bool:
    """Whether a sentence is a question that opens with an auxiliary or a question word
    ("Will they support ...?", "Why not ...?"), not a statement with a question after it
    ("They want to prosecute Assange, but what about ...?")."""
    words = [t for t in sentence if not (t.is_space or t.is_punct)]
    last = next((t for t in reversed(sentence) if not t.is_space), None)
    return (
        last is not None
        and last.text == "?"
        and bool(words)
        and (words[0].pos_ == "AUX" or words[0].tag_ in QUESTION_TAGS)
    )


def _names(verb: Token, obj: Token | None) -> bool:
    """Whether a naming verb names its object: with an object predicate, or when the object is
    "what" or "whatever", whose name the parser often hangs elsewhere ("what I've called
    above a ...", "whatever you want to call yourself")."""
    return object_predicate(verb) is not None or (
        obj is not None and obj.lower_ in ("what", "whatever")
    )


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)


def _names_no_time_of_its_clause(expression: SpacySpan, predicates: set[int]) -> bool:
    """A date or time the parser found that dates no predicate: a participant ("May and the
    E.U. kicked the can", "May's vision", "completed two years of investigating") or a length
    or an age that describes someone ("a 16-year veteran", "my 3-year-old"). The possessor of
    an event noun is its time ("Tuesday's summit")."""
    root = expression.root
    if root.dep_ == "poss" and root.head.i in predicates:
        return False
    if root.dep_ in PARTICIPANT_TIME_DEPS or expression.text.lower().endswith("-old"):
        return True
    return root.dep_ in ("amod", "compound") and bool(LENGTH_MODIFIER.search(expression.text))


def _asks_a_question(verb: Token) -> bool:
    """'asked: "Do we opt for order?"', 'asked how he would fund it', 'asked the Russians about
    these connections': a question, which the attribution stage reports as speech. A request
    asks someone to do something ("asked him to arrange"), also in a question of the author's
    ("Will Gillum be asked to denounce him?"), or asks for something."""
    if any(c.dep_ == "xcomp" for c in verb.children):
        return False
    for child in verb.children:
        if child.text == "?" or (child.dep_ == "prep" and child.lower_ == "about"):
            return True
        if child.dep_ == "ccomp":
            first = child.left_edge
            if first.tag_ in QUESTION_TAGS or first.dep_ == "aux" or marked(child, WHETHER):
                return True
    return False


def _asks_a_sum(verb: Token) -> bool:
    """Whether a sum is among a verb's objects: a sum of money, or a number as its second
    object ("charging the migrants 15,000 euros"; not "charged two men")."""
    objects = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    return any(c.ent_type_ == "MONEY" for c in objects) or any(
        c.tag_ == "CD" or any(n.dep_ == "nummod" for n in c.children) for c in objects[1:]
    )
