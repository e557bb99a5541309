"""Clause syntax for the event stage: who acts on whom around a verb, read off the parse.

- Layout. Each token's paragraph and whether it is inside a quotation. Heads and dependents
  never cross a paragraph break, where the parser often joins a headline to the next sentence.
- Subject. The verb's own subject in its paragraph (a relative pronoun stands for its noun:
  "the agreement which bans"); else a coordinated verb's first conjunct's; an infinitive's
  controller, which is its governor's object ("ordered the army to tighten", "called on Iraq
  to ignore", passive "were forced to") unless the governor is a subject-control verb
  ("promised to"), else the governor's subject ("tried to hunt down", "is determined to
  expel"); a purpose clause's main subject; a participle's noun ("a report published by"),
  but a document's issuer for what it states ("issued a statement condemning"); a free
  participle's main subject, or a passive main clause's agent ("rioted, setting fire to",
  "was attacked by militiamen, killing"); a noun the parser made a gerund subject's subject
  ("The Red Cross operating in Iraq said"); a noun's
  owner for "X's plan to", "a court decision to"; for "protested at Paris for hosting", the
  one protested at.
- Target. A light verb's event noun's target prepositional object, else its "of" object or
  that object's recipient ("an investigation of charges against the mayor"); the recipient
  ("gave Tanzania a grant"); the object of the lexicon row's target preposition ("called on
  Iraq", "protest at Paris"); the direct object, unless it names the action ("tightened control on
  the camp", "rejected an Australian request"), then that object's prepositional object or
  actor modifier; a direct object that names no actor gives way to the actor it is done to
  (PLOVER's recipient: "a suspension of air links with Serbia", "an Australian ultimatum"),
  and a material act's to the country or city it is done in ("bombed depots inside Syria");
  for a coded act other than giving, the actor that does what the object names ("rejected
  calls by the rebels", "denounced abuses committed by the bishop");
  for a coded withdrawal, the country withdrawn from ("withhold aid from Honduras"); for a
  protest with no target, the country or city it is held in ("demonstrated in Serbia");
  a target preposition's object that is not a time or a bare place; the
  object after the last coordinated verb, for a verb followed by nothing but the coordination
  ("killed and wounded many"); for a mobilization, whom it is directed against or the country
  it is in, never the forces moved ("mobilized reservists for a war against Iraq"); for a
  threat with no other target, whoever its "unless" clause asks to comply; for a categorised verb,
  its clause's subject ("claimed that the government killed", "demanded that Hamas stop") or
  its infinitive's target ("threatened to invade Iraq"), else the parties "between" names
  ("mediated between Hamas and Israel").
- An event noun's roles: its owner, "by" phrase or entity modifier acts; its "of" object is
  the actor or target its lexicon row says; else a target preposition's object; with no
  participant, the parties "between" names are actor and target ("clashes between police and
  protesters").
- Negation: "not"/"never" on the verb or on an infinitive's governor, a governor that entails
  the opposite ("failed to persuade"), or on a first conjunct that shares its auxiliaries.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from newsledger.analyze.events_args import (
    MODIFIER_DEPS,
    RELATIVE_TAGS,
    Participants,
    of_object,
    prep_object,
)
from newsledger.analyze.events_lexicon import EventLexicon, LexiconRow

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
PASSIVE_MARKS = frozenset({"nsubjpass", "auxpass"})
# Children only a finite verb has, not a participle that modifies a noun; and the objects a
# participle seldom has (though "officials *paid* $51,000").
FINITE_VERB_DEPS = SUBJECT_DEPS | {"aux"}
VERB_OBJECT_DEPS = frozenset({"dobj", "dative", "ccomp"})
VERB_POS = frozenset({"VERB", "AUX"})
# Personal and relative pronouns: "those who killed", "they arrested".
PRONOUN_TAGS = RELATIVE_TAGS | {"PRP"}
QUESTION_TAGS = frozenset({"WDT", "WP", "WP$", "WRB"})
TIME_LABELS = frozenset({"DATE", "TIME"})
PERFECT = frozenset({"have"})
# Clauses a verb governs, one of which may be introduced by a preposition the parser reads as
# its subordinator.
CLAUSE_DEPS = frozenset({"advcl", "ccomp"})
# What may stand between a verb and the next conjunct whose object it shares ("beat *up*
# *and* robbed them").
RAISED_OBJECT_GAP = frozenset({"cc", "conj", "punct", "prt"})
# The PLOVER manual's categories that "require recipient": without an actor it is done to, the
# act ("served as governor", "defended the decision", "released the records") is none of them.
RECIPIENT_REQUIRED = frozenset({"COOPERATE", "AID", "SANCTION"})
# Categories of force that a bare verb does to someone: without an object, such a verb
# coordinated with a passive is passive too.
FORCE_DONE_TO = frozenset({"ASSAULT", "COERCE"})
# Material acts whose recipient, when they are done to a thing, is the country or city where
# they are done ("bombed facilities inside Syria", "lifted a state of emergency in Darfur").
# Not acts of giving, for which a place would be the recipient that makes one ("founded a
# lodge in Milan" is no cooperation), nor words ("warned of the outbreak in Madagascar").
PLACED_CATEGORIES = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "CONCEDE", "RETREAT"})
# Who a demand, call or warning comes from: "accepted demands *from* the rebels", "met the
# demands *of* the strikers".
SOURCE_PREPOSITIONS = frozenset({"by", "from", "of"})
PERSONS_OWNING = frozenset({"his", "her", "their", "our", "my", "your"})
# Event nouns whose "from" phrase names who acts ("criticism from Schumer", "calls from the
# opposition", "aid from Japan"); elsewhere it is where from ("withdrawal from Iraq", "fire
# from Gaza", "expulsion from the country").
SOURCED = frozenset(
    {"ACCUSE", "AGREE", "AID", "CONSULT", "REJECT", "REQUEST", "SUPPORT", "THREATEN"}
)
# Where a withdrawal leaves: "withdraw its force *from* Chad".
WITHDRAWN_FROM = frozenset({"from"})
NEGATIONS = frozenset({"not", "n't", "never"})
RELATIVE_OBJECTS = frozenset({"which", "whom", "whose", "what"})
NEGATIVE_PRONOUNS = frozenset({"nobody", "nothing", "none", "no-one"})
NEGATED_PARTICIPANT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj"})
# Nouns that make a "no" before them a term of its own: "a no deal Brexit", "a no confidence
# vote", "a no fly zone".
NO_TERMS = frozenset({"deal", "confidence", "fly", "go"})
CLOSING_QUOTES = frozenset({"”", "»"})


class Clauses:
    """The clause structure of one parsed document; make one per document."""

    def __init__(self, doc: Doc, lexicon: EventLexicon, participants: Participants) -> None:
        self.doc, self.lexicon, self.cues, self.args = doc, lexicon, lexicon.cues, participants
        self.paragraph, self.quoted = self._layout()
        self._subjects: dict[int, Token | None] = {}

    def _layout(self) -> tuple[list[int], list[bool]]:
        """Each token's paragraph number and whether it is inside a quotation."""
        paragraphs, quoted = [], []
        number, inside = 0, False
        marks = self.cues.quote_marks
        for token in self.doc:
            if token.is_space and "\n" in token.text:
                number, inside = number + 1, False
            if token.text in marks:
                inside = token.text not in CLOSING_QUOTES and not inside
            paragraphs.append(number)
            quoted.append(inside)
            if "\n" in token.whitespace_:
                number, inside = number + 1, False
        return paragraphs, quoted

    def near(self, a: Token, b: Token | None) -> Token | None:
        """`b`, when it is a word or a measure ("29%") in `a`'s paragraph (the parser makes
        brackets objects: "celebrate [Mass]")."""
        if b is None or self.paragraph[a.i] != self.paragraph[b.i]:
            return None
        worded = any(character.isalnum() for character in b.text)
        return b if worded or any(c.like_num for c in b.children) else None

    def lemma(self, token: Token) -> str:
        """The verb's lemma, repaired where the lemmatiser misreads a form ("staged": "stag";
        "hoped", "hoping": "hop", a verb that is no event, "hope")."""
        lemma = token.lemma_.lower()
        word = token.lower_
        silent_e = lemma + "e"
        if silent_e in self.cues.non_event_verbs and (
            word.startswith(silent_e) or word == lemma + "ing"
        ):
            return silent_e
        verbs = self.lexicon.verbs
        if lemma in verbs or token.pos_ != "VERB":
            return lemma
        for cut, add in (("ied", "y"), ("ies", "y"), ("ed", "e"), ("d", ""), ("ed", "")):
            if word.endswith(cut) and word[: -len(cut)] + add in verbs:
                return word[: -len(cut)] + add
        for cut, add in (("ing", "e"), ("ing", ""), ("es", ""), ("s", "")):
            if word.endswith(cut) and word[: -len(cut)] + add in verbs:
                return word[: -len(cut)] + add
        return lemma

    def row(self, verb: Token) -> LexiconRow | None:
        """The lexicon row of a verb's clause: its particle, object and object predicate ("call
        him a *liar*"), and prepositions."""
        # A lone predicate is a misparsed object ("called his *bluff*"), so it matches as one;
        # so does an adjective complement ("pleaded *guilty*", CAMEO's object).
        predicates = [c for c in verb.children if c.dep_ in ("oprd", "acomp")]
        named = [self.near(verb, self.object(verb)), object_predicate(verb), *predicates]
        objects = {o for o in named if o is not None}
        subject = None if self.passive(verb) else self.near(verb, self.subject(verb))
        return self.lexicon.match(
            self.lemma(verb),
            frozenset(particles(verb, self.lexicon.particles)),
            frozenset().union(*(self._object_lemmas(o) for o in objects)),
            governing_prepositions(verb),
            lemmas(subject) if subject is not None else frozenset(),
        )

    def _object_lemmas(self, obj: Token) -> frozenset[str]:
        """The lemmas an object may match a row by; the modifiers of people or a force only
        say whose they are ("attacked *government* forces" is no criticism of a
        government)."""
        if self.args.names_agent(obj):
            return frozenset({obj.lemma_.lower()})
        return lemmas(obj)

    def object(self, verb: Token) -> Token | None:
        """The direct object, or the subject of a passive verb (an "nsubj" in a headline's
        "12 wounded")."""
        wanted = SUBJECT_DEPS if self.passive(verb) else frozenset({"dobj"})
        return next((c for c in verb.children if c.dep_ in wanted), None)

    def passive(self, verb: Token) -> bool:
        """A verb in the passive voice, also a participle coordinated with one, whose
        auxiliary it shares ("is overtaxed and *terrorized* by gangs"); not a participle of
        stance ("are opposed to the war")."""
        if self._stance(verb):
            return False
        if any(c.dep_ in PASSIVE_MARKS for c in verb.children):
            return True
        if past_participle_modifier(verb) or self._reduced_passive(verb):
            return True
        # The lexicon lookup last: passive() is asked of every verb, most not coordinated.
        return (
            shares_auxiliaries(verb)
            and (verb.tag_ == "VBN" or self._done_to_without_object(verb))
            and self.passive(verb.head)
        )

    def _done_to_without_object(self, verb: Token) -> bool:
        """Whether a verb the tagger took for a past tense is a participle: an act of force
        done to someone, with no object ("Khashoggi was tortured and *beheaded*")."""
        if verb.tag_ != "VBD" or any(c.dep_ == "dobj" for c in verb.children):
            return False
        row = self.lexicon.match(self.lemma(verb), frozenset(), frozenset(), {})
        return row is not None and row.category in FORCE_DONE_TO

    def _reduced_passive(self, verb: Token) -> bool:
        """A passive without its auxiliary, as headlines and lists of atrocities write it: a
        verb of force always done to someone, with a subject and neither an auxiliary nor an
        object ("Three people *killed* and 12 *wounded*", "women abducted, virgins
        *ravished*"); not a relative clause, whose object is its noun ("the man police
        arrested"), nor a pronoun's act ("those who killed")."""
        if verb.tag_ not in ("VBD", "VBN") or verb.dep_ == "relcl":
            return False
        if verb.lemma_.lower() not in self.cues.victim_verbs:
            return False
        if any(c.dep_ in ("aux", "dobj") for c in verb.children):
            return False
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        return subject is not None and subject.tag_ not in PRONOUN_TAGS

    def _stance(self, verb: Token) -> bool:
        """Whether a participle tells a stance before "to", with no agent."""
        return (
            verb.lemma_.lower() in self.cues.stative_participles
            and verb.tag_ == "VBN"
            and any(c.dep_ == "prep" and c.lower_ == "to" for c in verb.children)
            and not any(c.dep_ == "agent" for c in verb.children)
        )

    def roles(
        self, verb: Token, row: LexiconRow | None, noun: Token | None
    ) -> tuple[Token | None, Token | None]:
        """(actor, target) heads of a verb's clause."""
        subject = self.near(verb, self.subject(verb))
        if self.passive(verb):
            return self._agent(verb), subject
        return subject, self.near(verb, self.target(verb, row, noun))

    def _agent(self, verb: Token) -> Token | None:
        """A passive verb's agent, or that of the last participle coordinated with it, which
        the parser hangs the agent on ("were looted and burned *by the rebels*")."""
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if agent is None:
            conjuncts = [
                c
                for c in verb.children
                if c.dep_ == "conj" and c.tag_ == "VBN" and shares_auxiliaries(c)
            ]
            if conjuncts:
                return self._agent(conjuncts[-1])
        return prep_object(agent) if agent is not None else None

    def subject(self, verb: Token) -> Token | None:
        if verb.i in self._subjects:
            return self._subjects[verb.i]
        self._subjects[verb.i] = None  # a cycle through a bad parse ends here
        found = self._find_subject(verb)
        self._subjects[verb.i] = found
        return found

    def _find_subject(self, verb: Token) -> Token | None:
        paragraph = self.paragraph[verb.i]
        subjects = [
            c for c in verb.children if c.dep_ in SUBJECT_DEPS and self.paragraph[c.i] == paragraph
        ]
        head, dep = verb.head, verb.dep_
        if subjects:
            subject = subjects[-1]
            if subject.tag_ in RELATIVE_TAGS and dep == "relcl":
                return head
            if subject.tag_ == "VBG":
                # "The Red Cross operating in Iraq said": the parser took a noun and its
                # participle for a gerund clause whose subject is the noun.
                noun = next(
                    (c for c in subject.children if c.dep_ == "nsubj" and c.i < subject.i), None
                )
                return noun or subject
            return subject
        if head.i == verb.i:
            return None
        infinitive = has_aux(verb, frozenset({"to"}))
        if dep == "conj" and head.pos_ in VERB_POS:
            return self.subject(head)
        if dep == "xcomp":
            return self._controller(head)
        if dep == "advcl" and infinitive and head.pos_ in VERB_POS:
            return self.subject(head)
        if dep == "advcl" and verb.tag_ == "VBG" and head.pos_ == "VERB":
            # A free participle is done by its main clause's subject ("rioted, setting fire to
            # their mattresses"), or by a passive main clause's agent ("was attacked by
            # militiamen, killing 156 people"); not a copula's ("what is obvious watching").
            if any(c.dep_ in PASSIVE_MARKS for c in head.children):
                agent = next((c for c in head.children if c.dep_ == "agent"), None)
                return prep_object(agent) if agent is not None else None
            return self.subject(head)
        if self.document_act(verb):
            return self._issuer(head)
        if dep in ("relcl", "acl") and not infinitive:
            return head
        if dep == "pcomp" and head.head.pos_ in VERB_POS:
            governor = head.head
            if head.lower_ == "for":
                return self.target(governor, None, None) or self.subject(governor)
            if governor.lemma_.lower() in self.cues.object_control_verbs:
                # "accused Israel of attacking the ship", "charged two men with conspiring",
                # "banned him from entering": the one accused, charged or banned does it.
                return self.object(governor) or self.subject(governor)
            return self.subject(governor)
        if dep == "pcomp" and head.head.pos_ == "NOUN":
            # "their role in helping Saddam Hussein": whose role, effort or part it is.
            owner = _owner(head.head)
            if owner is None or owner.ent_type_ in TIME_LABELS:
                return None
            return owner if owner.lower_ in PERSONS_OWNING or self.args.is_actor(owner) else None
        if dep == "acl" and infinitive:
            owner = _owner(head)
            if owner is not None:
                return owner
            governor = head.head
            while governor.pos_ not in VERB_POS and governor.head.i != governor.i:
                governor = governor.head
            return self.subject(governor) if governor.pos_ in VERB_POS else None
        return None

    def document_act(self, verb: Token) -> bool:
        """A present participle that states what a document with a known issuer does ("the
        ministry issued a statement *condemning* the attack"): its issuer's act."""
        return (
            verb.dep_ == "acl"
            and verb.tag_ == "VBG"
            and verb.head.lemma_.lower() in self.cues.document_nouns
            and self._issuer(verb.head) is not None
        )

    def _issuer(self, document: Token) -> Token | None:
        """Who issued a document: its owner ("the ministry's statement"), the subject of an
        issuing verb it is the object of ("the ministry issued a statement"; not "received"),
        or the agent of one it is the passive subject of."""
        owner = next((c for c in document.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner
        verb = document.head
        if verb.pos_ not in VERB_POS or verb.lemma_.lower() not in self.cues.issuing_verbs:
            return None
        if document.dep_ == "dobj":
            return self.subject(verb)
        agent = next((c for c in verb.children if c.dep_ == "agent"), None)
        if document.dep_ == "nsubjpass" and agent is not None:
            return prep_object(agent)
        return None

    def _controller(self, governor: Token) -> Token | None:
        """Who does what an infinitive under `governor` describes."""
        if governor.pos_ == "ADJ":
            return self.subject(governor.head) if governor.head.i != governor.i else None
        if governor.lemma_.lower() not in self.cues.subject_control_verbs:
            controlled = self.object(governor) or self._called_on(governor)
            if controlled is not None and not self._time(controlled):
                return controlled
            if controlled is not None:
                # The time an act takes does not do it, nor does the "it" before it ("it
                # takes years to deport them"); who takes the time does ("the government
                # took three years to deport them").
                subject = self.subject(governor)
                return None if subject is None or subject.lower_ == "it" else subject
        return self.subject(governor)

    def _called_on(self, governor: Token) -> Token | None:
        """Who a verb calls "on" or "upon" to act ("called on Iraq to", "relied on the courts
        to"); not a day before it ("On Monday, they began floating"), nor a thing ("doubled
        down on the scare tactics to push MPs")."""
        for child in governor.children:
            if child.dep_ == "prep" and child.lower_ in ("on", "upon") and child.i > governor.i:
                called = prep_object(child)
                if called is not None and self.args.is_actor(called):
                    return called
        return None

    def _time(self, noun: Token) -> bool:
        """A time spent or a date ("took years", "spent three weeks", "voted on June 23, 2016
        to"); a month's name alone may be someone's ("instructed May to")."""
        if noun.lemma_.lower() in self.cues.duration_nouns:
            return True
        following = self.doc[noun.i + 1] if noun.i + 1 < len(self.doc) else None
        return noun.ent_type_ in TIME_LABELS and (
            noun.ent_iob_ == "I" or (following is not None and following.ent_iob_ == "I")
        )

    def target(self, verb: Token, row: LexiconRow | None, noun: Token | None) -> Token | None:
        cues = self.cues
        if noun is not None:
            found = (
                self.prepositional_target(noun)
                or self.prepositional_target(verb)
                or self._done_to(noun)
                or _between(noun)
                or _between(verb)
            )
            if found is not None and not self.args.is_actor(found):
                # "an investigation into crimes committed by Croat forces"
                return self._agent_of(found, frozenset({"by"})) or found
            return found
        dative = next((c for c in verb.children if c.dep_ == "dative"), None)
        if dative is not None:
            return prep_object(dative) if dative.pos_ == "ADP" else dative
        obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
        if (
            obj is None
            and relative_object(verb)
            and self.args.is_actor(verb.head)
            and self.prepositional_target(verb) is None
        ):
            # "the man the police arrested"; only someone, as a noun may tell how or why
            # ("the extent they cooperated", "the reason he resigned"), and not where the verb
            # names whom it is done to ("the dictatorship Francis imposed on the Church").
            return verb.head
        category = row.category if row is not None else None
        # Not for giving: "released a photograph taken by the spacecraft" gives it nothing.
        agent_counts = category is not None and category not in RECIPIENT_REQUIRED
        if row is not None and category is not None and row.lemma in cues.withdrawal_verbs:
            left = self._political_place_of(verb, obj, WITHDRAWN_FROM)
            if left is not None:
                return left
        left_from = next((_out_of(c) for c in verb.children if c.i == verb.i + 1), None)
        if category is not None and left_from is not None and row is not None and row.particle:
            # "pulled out of the deal": what one pulls out of is what the act is done to.
            return prep_object(left_from)
        if row is not None and row.preposition in cues.target_prepositions:
            prep = next((c for c in verb.children if c.lower_ == row.preposition), None)
            # An actor as direct object is the target wherever the act takes place ("met
            # Assange at the embassy").
            if (
                prep is not None
                and prep_object(prep) is not None
                and not (obj is not None and self.args.is_actor(obj))
            ):
                return prep_object(prep)
        if (
            category == "MOBILIZE"
            and obj is not None
            and not any(c.dep_ == "xcomp" for c in verb.children)
        ):
            # PLOVER: a mobilization's recipient is whom it is directed against, if that is
            # clear; the forces moved are no recipient ("mobilized reservists for a war
            # against Iraq", "deployed troops in Iraq"), but those ordered to act are ("ordered
            # the army to tighten control").
            return (
                self._opposed(obj, 0)
                or self._opposed(verb, 0)
                or self._political_place_of(verb, obj)
            )
        if obj is not None and obj.lemma_.lower() not in cues.predicate_objects:
            if self.args.is_actor(obj):
                return obj
            found = self.recipient(verb, obj)
            if found is None and agent_counts:
                found = self._agent_of(obj, frozenset({"by"}))
            if found is None and category in PLACED_CATEGORIES:
                found = self._political_place_of(verb, obj)
            return found or obj
        if obj is not None:
            owner = (c for c in obj.children if c.dep_ in MODIFIER_DEPS and self.args.is_actor(c))
            return (
                self.prepositional_target(obj, places=True)
                or next(owner, None)
                or (self._agent_of(obj, SOURCE_PREPOSITIONS) if agent_counts else None)
                or self.prepositional_target(verb, places=True)
            )
        found = self.prepositional_target(verb) or self._shared_object(verb)
        if found is None and category is not None:
            found = self._complement_target(verb) or _between(verb)
        if found is None and category == "THREATEN":
            found = self._ultimatum_party(verb)
        if found is None and category == "PROTEST":
            # "demonstrated in Serbia": a protest is aimed at who governs where it is held.
            found = self.political_place(verb)
        return found

    def _done_to(self, noun: Token) -> Token | None:
        """What an event noun is done to, named by its "of" object ("the expulsion *of the
        group*"), or the actor that object is done to ("a suspension of air links *with
        Serbia*"), as a verb's direct object gives way to its recipient."""
        row = self.lexicon.nouns.get(noun.lemma_.lower())
        done_to = of_object(noun)
        if row is None or row.of_role != "target" or done_to is None:
            return None
        return done_to if self.args.is_actor(done_to) else self.recipient(noun, done_to) or done_to

    def recipient(self, verb: Token, obj: Token) -> Token | None:
        """The actor a thing done is done to (PLOVER's recipient is a political actor): the
        actor object of a target preposition of the object or the verb ("a suspension of air
        links with Serbia", "aid to the refugees"), else an actor that modifies the object ("an
        Australian ultimatum", "Palestinian homes")."""
        for token in (obj, verb):
            found = self.prepositional_target(token)
            if found is not None and self.args.is_actor(found):
                return found
        return self._named_modifier(obj)

    def _agent_of(self, obj: Token, prepositions: frozenset[str]) -> Token | None:
        """The actor that does what a coded act's object names: rejecting "calls *by Belarus's
        rulers*" is done to them, and so is condemning "the attack *by Hamas*" or
        investigating "crimes committed *by Croat forces*"."""
        agent = next(
            (prep_object(c) for c in obj.children if c.dep_ == "prep" and c.lower_ in prepositions),
            None,
        )
        if agent is None:
            agent = next(
                (
                    prep_object(g)
                    for c in obj.children
                    if past_participle_modifier(c)
                    for g in c.children
                    if g.dep_ == "agent"
                ),
                None,
            )
        return agent if agent is not None and self.args.is_actor(agent) else None

    def _opposed(self, token: Token, depth: int) -> Token | None:
        """The object of "against" under `token`, through nested phrases ("for a war against
        Iraq")."""
        for child in token.children:
            if child.dep_ != "prep" or (pobj := prep_object(child)) is None:
                continue
            if child.lower_ == "against":
                return pobj
            if depth < 2 and (inner := self._opposed(pobj, depth + 1)) is not None:
                return inner
        return None

    def _political_place_of(
        self, verb: Token, obj: Token | None, prepositions: frozenset[str] | None = None
    ) -> Token | None:
        """The political place of the object's phrase, else of the verb's."""
        found = self.political_place(obj, prepositions) if obj is not None else None
        return found or self.political_place(verb, prepositions)

    def political_place(
        self, token: Token, prepositions: frozenset[str] | None = None
    ) -> Token | None:
        """A country or city mention where a thing is done, as the actor it is done to
        ("bombed depots *inside Syria*", "withhold aid *from Honduras*"), also inside a place
        noun ("rioted at a jail *in northern Israel*"), whose own named actor comes first
        ("gathered outside *the MKO's* camp in Iraq", "protested at the *Israeli* embassy")."""
        wanted = self.cues.place_prepositions if prepositions is None else prepositions
        for child in token.children:
            if child.dep_ != "prep" or child.lower_ not in wanted:
                continue
            pobj = prep_object(child)
            if pobj is None:
                continue
            entity = self.args.index.entity_at(pobj.idx, pobj.idx + len(pobj))
            if entity is not None and self.args.index.types.get(entity) == "GPE":
                return pobj
            if pobj.lemma_.lower() in self.cues.place_nouns:
                inner = self._place_owner(pobj) or self.political_place(pobj)
                if inner is not None:
                    return inner
        return None

    def _place_owner(self, place: Token) -> Token | None:
        """The named actor a place noun belongs to, unless the noun is part of its name ("the
        Catholic Church", "Trump Tower")."""
        named = self.args.index.entity_at(place.idx, place.idx + len(place))
        return self._named_modifier(place) if named is None else None

    def _named_modifier(self, noun: Token) -> Token | None:
        """An actor with an entity that modifies a noun ("an *Australian* ultimatum", "*the
        MKO's* camp"); not an adjective after it ("a bus *full of Jewish tourists*")."""
        return next(
            (
                c
                for c in noun.children
                if c.dep_ in MODIFIER_DEPS
                and not (c.dep_ == "amod" and c.i > noun.i)
                and c.pos_ != "PRON"
                and self.args.entity(c) is not None
                and self.args.is_actor(c)
            ),
            None,
        )

    def _complement_target(self, verb: Token) -> Token | None:
        for clause in verb.children:
            if clause.dep_ == "ccomp":
                subject = self.subject(clause)
                if subject is not None:
                    return subject
            elif clause.dep_ == "xcomp" and clause.pos_ == "VERB":
                found = self.target(clause, self.row(clause), None)
                if found is not None:
                    return found
        return None

    def _ultimatum_party(self, verb: Token) -> Token | None:
        """Who must comply for a threat not to be carried out ("threatened to launch an
        offensive unless Baghdad accepted its conditions"): the threat is aimed at them."""
        clauses = [verb]
        for clause in clauses:
            for child in clause.children:
                if child.dep_ == "xcomp" and len(clauses) < 4:
                    clauses.append(child)
                elif child.dep_ == "advcl" and marked(child, self.cues.ultimatum_marks):
                    return self.subject(child)
        return None

    def _shared_object(self, verb: Token) -> Token | None:
        if any(c.i > verb.i and c.dep_ not in RAISED_OBJECT_GAP for c in verb.children):
            # Only a verb with nothing after it but the coordination waits for the next one's
            # object ("killed and wounded many"); not "refused to deploy troops and urged its
            # citizens", nor "apologized for his remarks, held private meetings".
            return None
        later = _next_conjunct(verb)
        while later is not None:
            obj = next((c for c in later.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj if obj.lemma_.lower() not in self.cues.predicate_objects else None
            later = _next_conjunct(later)
        return None

    def prepositional_target(self, token: Token, places: bool = False) -> Token | None:
        """The object of a target preposition of `token`; a bare place ("in the square") only
        with `places` ("tightened control on the border")."""
        for child in token.children:
            if child.dep_ != "prep" or child.lower_ not in self.cues.target_prepositions:
                continue
            pobj = prep_object(child)
            if pobj is None or pobj.ent_type_ in TIME_LABELS:
                continue
            if _fronted(child, token) or self._time_of_day(pobj):
                continue
            if places or self.args.place(pobj) is None or self.args.entity(pobj) is not None:
                return pobj
        return None

    def _time_of_day(self, noun: Token) -> bool:
        """A time of day the tagger did not name a time ("at dawn"; not "on Late Night")."""
        return noun.lemma_.lower() in self.cues.times_of_day and not noun.ent_type_

    def noun_roles(self, noun: Token, row: LexiconRow) -> tuple[Token | None, Token | None]:
        """(actor, target) of an event noun: "its clashes with the soldiers", "the expulsion
        of the group", "the MKO attack", "the move by the MKO", "criticism from Schumer"
        (`SOURCED`), "sanctions imposed by the US on Iran"; with neither, the first and the
        second party "between" names ("clashes between police and protesters")."""
        actor = target = lent_target = None
        parties = self._parties(noun)
        if parties is not None:
            return parties
        done_to = of_object(noun)
        for child in noun.children:
            if child.dep_ == "poss" and self._dated(child):
                continue
            if child.dep_ == "poss":
                if done_to is None and (row.possessor_role or row.of_role) == "target":
                    target = child
                else:
                    actor = child
            elif child.dep_ == "prep" and child.lower_ == "by":
                actor = prep_object(child)
            elif child.dep_ == "prep" and child.lower_ == "from" and row.category in SOURCED:
                source = prep_object(child)
                if actor is None and source is not None and self.args.is_actor(source):
                    actor = source
            elif (
                child.dep_ == "compound"
                and target is None
                and (self._inquiry_into(noun, child) or self._victim(noun, row, child))
            ):
                target = child
            elif child.dep_ in ("compound", "amod") and actor is None and self._party(noun, child):
                actor = child
            elif past_participle_modifier(child) and child.lemma_.lower() in self.cues.light_verbs:
                # "the sanctions imposed on him by Pope Benedict", "attacks carried out by
                # ISIS": a verb that does the noun lends it its agent and its target; one that
                # handles it does not ("threats obtained by CBS News").
                agent = next((g for g in child.children if g.dep_ == "agent"), None)
                if actor is None and agent is not None:
                    actor = prep_object(agent)
                lent_target = self.prepositional_target(child)
        if done_to is not None and row.of_role == "target":
            target = self._done_to(noun)
        elif (
            done_to is not None
            and row.of_role == "actor"
            and actor is None
            and self._of_actor(row, done_to)
        ):
            actor = done_to
        return actor, target or self.prepositional_target(noun) or lent_target

    def _of_actor(self, row: LexiconRow, done_to: Token) -> bool:
        """Whether the "of" phrase of a noun whose "of" names who acts does: not a thing ("a
        negotiation of this complexity"); and a threat's mostly names what is threatened
        ("threats of nuclear war", "under threat of death"), so only a party counts there ("the
        threat of ISIS")."""
        if row.category == "THREATEN":
            return self.args.is_actor(done_to)
        return not self.args.is_thing(done_to)

    def _victim(self, noun: Token, row: LexiconRow, modifier: Token) -> bool:
        """Whether a person named before a noun of force done to someone is who it is done to
        ("the JFK assassination", "the Khashoggi murder"); a party there acts ("the MKO
        attack")."""
        return (
            row.category in FORCE_DONE_TO
            and (row.possessor_role or row.of_role) == "target"
            and of_object(noun) is None
            and self.args.entity_type(modifier) == "PERSON"
        )

    def _dated(self, possessor: Token) -> bool:
        """A possessor that dates its noun ("Tuesday's summit", "last year's attack"), unless it
        names an entity of the article that the tagger also took for a date ("May's talks")."""
        return possessor.ent_type_ in TIME_LABELS and self.args.entity(possessor) is None

    def _party(self, noun: Token, modifier: Token) -> bool:
        """Whether a modifier names a party to an event noun ("the MKO attack", "a US
        strike"); a place before a meeting hosts it ("the Singapore summit", "the Geneva
        talks")."""
        if self.args.entity(modifier) is None:
            return False
        return not (
            modifier.dep_ == "compound"
            and noun.lemma_.lower() in self.cues.meeting_nouns
            and self.args.entity_type(modifier) in self.cues.place_entity_types
        )

    def _inquiry_into(self, noun: Token, modifier: Token) -> bool:
        """Whether a modifier names the country an inquiry looks into ("the Russia probe")."""
        if noun.lemma_.lower() not in self.cues.inquiry_nouns:
            return False
        return self.args.entity_type(modifier) in self.cues.place_entity_types

    def _parties(self, noun: Token) -> tuple[Token, Token] | None:
        """The two parties of an event noun that has no other participant and a "between"
        phrase of two ("a visit between the members and their families")."""
        marked = (
            c.dep_ == "poss"
            or (c.dep_ == "prep" and c.lower_ == "by")
            or (c.dep_ in ("compound", "amod") and self._party(noun, c))
            for c in noun.children
        )
        if any(marked) or of_object(noun) is not None:
            return None
        first = _between(noun)
        second = next((c for c in first.children if c.dep_ == "conj"), None) if first else None
        if first is None or second is None:
            return None
        self.args.separate(first)
        return first, second

    def demand(self, verb: Token) -> Token | None:
        """The clause a reporting verb states as an obligation ("said X must ...", "believes
        the president should resign"), if any; a modal with a perfect infers or reproaches
        ("argued that Cuba must have carried out the assaults", "should have resigned"), and
        what a speaker says they must do is their own resolve ("said: 'I must say, ...'"), and
        a modal before its subject makes a condition or a question ("adding: 'Should the
        Government still choose to go ahead, ...'")."""
        if verb.lemma_.lower() not in self.cues.report_verbs:
            return None
        return next(
            (
                clause
                for clause in verb.children
                if clause.dep_ == "ccomp"
                and has_aux(clause, self.cues.deontic_modals)
                and not has_aux(clause, PERFECT)
                and not _modal_first(clause, self.cues.deontic_modals)
                and not self._said_of_oneself(verb, clause)
            ),
            None,
        )

    def _said_of_oneself(self, verb: Token, clause: Token) -> bool:
        """Whether the one who must do something is the speaker: "I" in their own words,
        quoted, their own ("I said I must") or a turn of speech ("said: 'I must say, ...'");
        not in another's ("he said I must leave")."""
        subject = self.subject(clause)
        if subject is None or subject.lower_ != "i":
            return False
        speaker = self.subject(verb)
        return (
            self.quoted[clause.i]
            or clause.lemma_.lower() in self.cues.report_verbs
            or (speaker is not None and speaker.lower_ == "i")
        )

    def negated(self, verb: Token) -> bool:
        if has_negation(verb) or self._negated_verdict(verb) or self.none_taking_part(verb):
            return True
        if verb.dep_ == "xcomp":
            governor = verb.head
            lemma = governor.lemma_.lower()
            return has_negation(governor) or lemma in self.cues.negative_governors
        if verb.dep_ == "pcomp" and verb.head.lower_ == "from" and verb.head.head.pos_ == "VERB":
            # "refrained from attacking the ship" is no attack.
            return verb.head.head.lemma_.lower() in self.cues.negative_governors
        if _without(verb):
            # "finished his work without indicting a single American"
            return True
        return shares_auxiliaries(verb) and has_negation(verb.head)

    def refused_by_actor(self, verb: Token) -> bool:
        """Whether a negated verb is its actor's own refusal: the negation is the verb's own
        ("will not accept") or on an infinitive's governor that its actor is the active
        subject of ("did not agree to withdraw", "refused to allow"); being not allowed, or not
        letting someone, refuses nothing ("teachers are not allowed to arm themselves", "did
        not allow observers to enter"), and nor does what is done without it ("ended the talks
        without agreeing on a deal")."""
        if _without(verb):
            return False
        if verb.dep_ != "xcomp":
            return True
        governor = verb.head
        if any(c.dep_ in PASSIVE_MARKS for c in governor.children):
            return False
        return self.object(governor) is None

    def none_taking_part(self, verb: Token) -> bool:
        """Whether a participant denies the event: "committed *no* crime", "*nobody* was
        killed", "*no one* attacked the convoy"; not a term with "no" in it ("ruled out
        no-deal", "its no deal contingency plans", "no matter"), "nothing more than", nor a
        headline the parser made the subject of the next paragraph's verb ("NO NEW
        INDICTMENTS" above "Barr notified")."""
        paragraph = self.paragraph[verb.i]
        return any(
            c.dep_ in NEGATED_PARTICIPANT_DEPS
            and self.paragraph[c.i] == paragraph
            and (_negative_pronoun(c) or _no_determiner(c))
            for c in verb.children
        )

    def _negated_verdict(self, verb: Token) -> bool:
        """ "found not guilty": the parser gives the negation to the predicate, and it denies
        the verdict; "called the allegation not true" still calls it something."""
        return self.lemma(verb) not in self.cues.naming_verbs and any(
            c.dep_ == "oprd" and has_negation(c) for c in verb.children
        )


def past_participle_modifier(verb: Token) -> bool:
    """A past participle that modifies a noun ("militiamen *armed* with machetes"), also where
    the tagger took it for a past tense ("West Africans *ordered* out of Nigeria"). Not a verb
    with a subject or an auxiliary, nor a past tense with an object, nor a verb with an object
    or an object predicate in a sentence with no verb at its root: the parser hung the
    sentence's own verb on a noun ("a grand jury report *named* 301 priests", "Trump *called*
    Putin on Tuesday"; "A man *called* John arrived" keeps its participle)."""
    if verb.dep_ != "acl" or verb.tag_ not in ("VBN", "VBD"):
        return False
    children = {c.dep_ for c in verb.children}
    if children & FINITE_VERB_DEPS:
        return False
    # An object predicate counts as an object: the parser that hangs a sentence's verb on its
    # subject reads the object as one ("Trump called Putin on Tuesday").
    objects = bool(children & (VERB_OBJECT_DEPS | {"oprd"}))
    if objects == (verb.tag_ == "VBD"):
        return not objects
    # Finding the sentence walks its tokens: only asked when the answer turns on it.
    return verb.sent.root.pos_ in VERB_POS


def relative_object(verb: Token) -> bool:
    """Whether a verb's relative clause leaves out its object, the noun it describes: its
    subject is no relative pronoun and no word stands in for a time or a place ("the attitude
    the government demonstrated"; not "students who demonstrated", "the day they
    demonstrated", "where they demonstrated", "the city they demonstrated in")."""
    return (
        verb.dep_ == "relcl"
        and verb.head.ent_type_ not in TIME_LABELS
        and any(c.dep_ == "nsubj" and c.tag_ not in RELATIVE_TAGS for c in verb.children)
        and not any(
            c.tag_ in QUESTION_TAGS
            or c.dep_ in ("dobj", "npadvmod")
            or (c.dep_ == "prep" and not any(c.children))
            for c in verb.children
        )
    )


def shares_auxiliaries(verb: Token) -> bool:
    """A coordinated verb without its own subject or auxiliary ("did not attack and kill")."""
    return (
        verb.dep_ == "conj"
        and verb.head.pos_ in VERB_POS
        and not any(c.dep_ in SUBJECT_DEPS or c.dep_ == "aux" for c in verb.children)
    )


def _between(token: Token) -> Token | None:
    """The first of the parties a "between" phrase of `token` names ("mediated between Hamas
    and Israel")."""
    return next(
        (prep_object(c) for c in token.children if c.dep_ == "prep" and c.lower_ == "between"), None
    )


def _owner(noun: Token) -> Token | None:
    """Whose a noun is: its possessor or noun modifier ("*the MKO's* plan", "*US* efforts"),
    or its "by" phrase ("efforts *by the US*")."""
    for child in noun.children:
        if child.dep_ in ("poss", "compound"):
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            return prep_object(child)
    return None


def particles(verb: Token, known: frozenset[str]) -> list[str]:
    """The verb's particles ("carry *out*"), with a bare adverb right after it that the parser
    did not call one but the lexicon knows as one ("the UN stepped *in*"), and the "out" of
    "out of" that it reads as a preposition ("pulled *out* of the deal"); not the first of a
    pair of adverbs ("abused *over* and over", "back and forth")."""
    return [
        child.lower_
        for child in verb.children
        if child.dep_ == "prt"
        or (
            child.dep_ == "advmod"
            and child.i == verb.i + 1
            and child.lower_ in known
            and not any(child.children)
            and not _paired_adverb(child)
        )
        or (child.i == verb.i + 1 and _out_of(child) is not None)
    ]


def _out_of(word: Token) -> Token | None:
    """The "of" of "out of" when the parser reads `word`, "out", as a preposition governing
    it; not in the idiom "out of hand" ("dismissed out of hand")."""
    if word.dep_ != "prep" or word.lower_ != "out":
        return None
    return next(
        (
            c
            for c in word.children
            if c.dep_ == "prep"
            and c.lower_ == "of"
            and not (c.i + 1 < len(c.doc) and c.doc[c.i + 1].lower_ == "hand")
        ),
        None,
    )


def _paired_adverb(adverb: Token) -> bool:
    """Whether an adverb is the first of a coordinated pair ("over and over", "back and
    forth"); not one before a coordinated verb ("fight back and win")."""
    doc = adverb.doc
    return (
        adverb.i + 2 < len(doc)
        and doc[adverb.i + 1].dep_ == "cc"
        and doc[adverb.i + 2].pos_ == "ADV"
    )


def lemmas(token: Token) -> frozenset[str]:
    """The lemmas a lexicon object may name: the head's, its noun modifiers', and its "of"
    object's ("10 days of war games")."""
    words = _own_lemmas(token)
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            words.extend(w for g in child.children if g.dep_ == "pobj" for w in _own_lemmas(g))
    return frozenset(words)


def _own_lemmas(token: Token) -> list[str]:
    return [token.lemma_.lower()] + [
        c.lemma_.lower() for c in token.children if c.dep_ in ("compound", "amod")
    ]


def object_predicate(verb: Token) -> Token | None:
    """What a verb names its object ("called the story *false*", "he was called a *liar*");
    without an object to name, an object predicate is a misparse ("called *Haig* three
    times").

    The object may also be a second predicate ("calls Trump *dangerous*", the parser reading
    both as predicates) or the noun a relative clause describes ("the man she called *scum
    bag*", "methods that critics have called *authoritarian*"); and the parser reads a quoted
    name as the object's apposition ("called Sarah and her daughter *"dirty Jews"*"), as a
    clause of its own ("calls these concessions *"bullying deadlines"*") or as part of the
    object's phrase (`_quoted_after`).
    """
    predicates = [c for c in verb.children if c.dep_ == "oprd"]
    objects = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
    if objects:
        if predicates:
            return predicates[0]
        quoted = next((a for o in objects for a in _quoted_appositions(o)), None)
        return quoted or next((q for o in objects if (q := _quoted_after(o)) is not None), None)
    if len(predicates) > 1:
        return predicates[-1]
    if predicates and _quoted_after(predicates[0]) is not None:
        # The object and its quoted name read as one predicate ("calling Viganò's account
        # "another daunting challenge"").
        return predicates[0]
    # A clause with a subject of its own that the parser hung on a noun as a participle is a
    # relative clause too ("methods that critics have called authoritarian").
    relative = verb.dep_ == "relcl" or (
        verb.dep_ == "acl" and any(c.dep_ == "nsubj" for c in verb.children)
    )
    if predicates and relative:
        return predicates[0]
    return None


# The first word of a name or a description: "called him *"a liar"*", not *"to* discuss".
NAMING_POS = frozenset({"NOUN", "PROPN", "ADJ", "DET", "NUM", "VERB", "X"})


def _quoted_after(noun: Token) -> Token | None:
    """The first word of a quotation that names a noun: opening right after its phrase, or
    inside it after a noun and before any verb, where the parser took the quotation into the
    phrase ("calling the accusations against the priest *"calumny"*", "calling Viganò's
    account *"another daunting challenge"*"); not a word the phrase itself quotes ("the
    "moderate" rebels")."""
    doc = noun.doc
    after = noun.right_edge.i + 1
    for token in doc[noun.left_edge.i + 1 : min(after + 1, len(doc) - 1)]:
        if token.pos_ in ("VERB", "AUX") and token.i > noun.i:
            return None
        named_before = token.i == after or doc[token.i - 1].pos_ in ("NOUN", "PROPN")
        if token.tag_ == "``" and named_before and doc[token.i + 1].pos_ in NAMING_POS:
            return doc[token.i + 1]
    return None


def _quoted_appositions(noun: Token) -> list[Token]:
    """Appositions in quotation marks of a noun or of the nouns conjoined with it."""
    nouns = [noun, *noun.conjuncts]
    return [
        a
        for n in nouns
        for a in n.children
        if a.dep_ == "appos" and any(g.tag_ == "``" for g in a.children)
    ]


def governing_prepositions(verb: Token) -> dict[str, frozenset[str]]:
    """Each preposition of a verb with the lemmas its object may name; one that only dates
    the clause ("called the leaders *on* Sunday") governs nothing, so "call on" does not
    match it."""
    found = {}
    for child in verb.children:
        if child.dep_ in CLAUSE_DEPS:
            # "call for Muslims to engage": the parser reads "for" as the clause's subordinator.
            if any(g.dep_ == "mark" and g.lower_ == "for" for g in child.children):
                found["for"] = frozenset({child.lemma_.lower()}).union(
                    *(lemmas(g) for g in child.children if g.dep_ in ("nsubj", "nsubjpass"))
                )
            continue
        if child.dep_ not in ("prep", "agent"):
            continue
        # "pulled out of the coalition": "of" is the preposition of "pull out".
        child = _out_of(child) or child
        objects = [g for g in child.children if g.dep_ == "pobj"]
        if _fronted(child, verb):
            continue
        if objects and all(g.ent_type_ in TIME_LABELS for g in objects):
            continue
        found[child.lower_] = frozenset().union(*(lemmas(g) for g in objects))
    return found


def noun_words(noun: Token | None, nouns: dict[str, LexiconRow]) -> list[Token]:
    """The event nouns of a noun phrase's head and compound modifiers, in text order."""
    if noun is None:
        return []
    words = [c for c in noun.children if c.dep_ == "compound" and c.lemma_.lower() in nouns]
    if noun.lemma_.lower() in nouns:
        words.append(noun)
    return words


def _next_conjunct(verb: Token) -> Token | None:
    return next(
        (c for c in verb.children if c.dep_ == "conj" and c.i > verb.i and c.pos_ in VERB_POS),
        None,
    )


def marked(clause: Token, marks: frozenset[str]) -> bool:
    """Whether a subordinate clause opens with one of `marks` ("unless the president agrees")."""
    return any(c.dep_ == "mark" and c.lower_ in marks for c in clause.children)


def has_aux(token: Token, words: frozenset[str]) -> bool:
    return any(c.dep_ == "aux" and c.lower_ in words for c in token.children)


def _modal_first(clause: Token, modals: frozenset[str]) -> bool:
    """Whether one of `modals` comes before the clause's subject ("Should the Government
    choose ...", "Must we ...?")."""
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and any(
        c.dep_ == "aux" and c.lower_ in modals and c.i < subject.i for c in clause.children
    )


def _negative_pronoun(noun: Token) -> bool:
    return noun.lower_ in NEGATIVE_PRONOUNS and not any(
        c.lower_ in ("more", "less", "but", "short", "other") for c in noun.children
    )


def _no_determiner(noun: Token) -> bool:
    no = next((c for c in noun.children if c.dep_ == "det" and c.lower_ == "no"), None)
    if no is None or noun.lower_ == "matter" or no.i + 1 >= len(noun.doc):
        return False
    following = noun.doc[no.i + 1]
    term = following.tag_ == "HYPH" or (
        following.dep_ == "compound" and following.lower_ in NO_TERMS
    )
    first = all(c.i >= no.i for c in noun.children if c.dep_ in ("det", "poss"))
    return first and not term


def _fronted(prep: Token, head: Token) -> bool:
    """Whether a prepositional phrase before its head is the clause's topic, which the head
    does not govern ("On Hezbollah: they call them terrorists" is no "call on"); a relative
    one is governed ("the talks with which ...")."""
    return prep.i < head.i and not any(
        g.dep_ == "pobj" and g.lower_ in RELATIVE_OBJECTS for g in prep.children
    )


def _without(verb: Token) -> bool:
    """Whether a verb is the gerund of "without" ("left without firing a shot")."""
    return verb.dep_ == "pcomp" and verb.head.lower_ == "without"


def has_negation(token: Token) -> bool:
    return any(
        (c.dep_ == "neg" or c.lower_ in NEGATIONS) and not _not_only(c) and not _or_not(c)
        for c in token.children
    )


def _or_not(negation: Token) -> bool:
    """ "May may resign first, or not", "whether or not he attacked": an alternative, no
    negation."""
    return negation.i > 0 and negation.lower_ == "not" and negation.nbor(-1).lower_ == "or"


def _not_only(negation: Token) -> bool:
    """ "Not only did Iran attack the ship, it seized the crew": the attack is asserted."""
    following = negation.nbor() if negation.i + 1 < len(negation.doc) else None
    return following is not None and following.lower_ == "only"
