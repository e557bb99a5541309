"""Events on PLOVER's gold records (dev half): category precision/recall/F1 and full matches.

Usage: `.venv/bin/python eval/plover.py [--data ../shared/data/plover] [--write]`

`gsr-dev.json` holds 161 sentences from the CAMEO manual, each coded with one event: a
category, source actors and (mostly) target actors, under PLOVER 0.5b1, whose DEMAND,
DISAPPROVE, FIGHT and INVESTIGATE are REQUEST, ACCUSE, ASSAULT and ACCUSE in PLOVER v2. Each
sentence's text goes through `Analyzer` as a document of its own (raw text, no publication
date). The gold is only measured here: nothing in the lexicon or the rules comes from it.

Scoring, fixed before the first run:

- Predictions are the sentence's events that PLOVER would record: with a category, not
  negated (PLOVER leaves negated events out; a refusal, "will not accept", is coded as a
  negated REJECT and counts), and not intended, since PLOVER codes an
  intention on the verb that expresses it ("threatened to attack" is THREATEN, not ASSAULT);
  an intended event the event stage recoded as a pledge (AGREE, CONCEDE) is that pledge and
  counts, and since the third round so is one it recoded as a threat (THREATEN: a pledged
  coercion, as the event stage files it; the first two rounds left those out, against this
  rule's own reading). The manual's two rules on context apply per sentence: no MOBILIZE beside an
  ASSAULT, no REQUEST beside a PROTEST (its topic). (The first run counted intended events
  and applied neither rule: F1 0.505, full match 0.230.)
- Category: per sentence, the set of distinct predicted categories against the gold's one.
  Micro-averaged: a gold category among the predicted ones is a true positive, each other
  predicted category a false positive, a missed gold category a false negative. The gold codes
  one event per sentence, so a second, genuine event in the sentence counts against precision.
- Full match: the share of all sentences where one predicted event has the gold category, an
  actor whose text overlaps a gold source's `actorText`, and a target whose text overlaps a
  gold target's (when the gold has no target, any target or none will do). Texts overlap when
  one contains the other, case-insensitively. A participant's text is its phrase or, since
  the second round, the name of the entity it was resolved to (`Arg.entity`: "it" in "Syria
  says it will not accept" is Syria); the phrase-only count is reported beside it.
- Halves: the records whose id's SHA-256 is odd (72) are held out, fixed before the second
  round of error analysis; `--errors` prints only the other half's (89) misses, and rules were
  tuned on those. Both halves and all 161 are reported.

`--write` puts the tables, with this command, under "Events (PLOVER gold, dev half)" in
`docs/quality.md`, replacing that section and keeping the others.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import textwrap
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from newsledger.analyze.pipeline import Analyzer
from newsledger.schema import Arg, Document, Event, document_id

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data" / "plover"
QUALITY = REPO / "docs" / "quality.md"
SECTION = "## Events (PLOVER gold, dev half)"
COMMAND = ".venv/bin/python eval/plover.py --write"
# PLOVER 0.5b1 names that v2 renamed or merged.
PLEDGE_CATEGORIES = frozenset({"AGREE", "CONCEDE", "THREATEN"})
V2_NAMES = {
    "DEMAND": "REQUEST",
    "DISAPPROVE": "ACCUSE",
    "FIGHT": "ASSAULT",
    "INVESTIGATE": "ACCUSE",
}


@dataclass(frozen=True)
class Gold:
    id: str
    text: str
    category: str
    sources: tuple[str, ...]
    targets: tuple[str, ...]


def read_gold(path: Path) -> list[Gold]:
    records = json.loads(path.read_text(encoding="utf-8"))
    return [
        Gold(
            id=record["id"],
            text=record["text"],
            category=V2_NAMES.get(record["event"], record["event"]),
            sources=_actor_texts(record.get("source")),
            targets=_actor_texts(record.get("target")),
        )
        for record in records
    ]


def held_out(gold: Gold) -> bool:
    """The fixed held-out half: records whose id's SHA-256 is odd (72 of 161). It was set
    aside before any error analysis; rules were tuned on the other half (89) only."""
    return int(hashlib.sha256(gold.id.encode("utf-8")).hexdigest(), 16) % 2 == 1


def _actor_texts(actors: object) -> tuple[str, ...]:
    """The actor texts of a gold source or target list (some records hold a bare string)."""
    if not isinstance(actors, list):
        return ()
    return tuple(a["actorText"] for a in actors if isinstance(a, dict) and a.get("actorText"))


def coded(event: Event) -> bool:
    """Whether PLOVER would record the event: it has a category, happened, and is no mere
    intention (PLOVER codes the pledge, threat or order that expresses one). A refusal, coded
    as a negated REJECT, happened; an intention the event stage recoded as a pledge (AGREE,
    CONCEDE) or a threat (THREATEN) is that pledge or threat."""
    if event.category is None:
        return False
    if event.category == "REJECT":
        return True
    return not event.negated and (
        event.modality != "intended" or event.category in PLEDGE_CATEGORIES
    )


def plover_view(events: list[Event]) -> list[Event]:
    """The manual's rules on what else a sentence's events code: a MOBILIZE in the context of
    an ASSAULT is not coded, nor is the REQUEST that is the topic of a PROTEST."""
    categories = {event.category for event in events}
    dropped = {"MOBILIZE"} if "ASSAULT" in categories else set()
    if "PROTEST" in categories:
        dropped.add("REQUEST")
    return [event for event in events if event.category not in dropped]


ARTICLES = frozenset({"a", "an", "the"})


def _words(text: str) -> str:
    """A phrase as compared: lower case, single spaces, without a leading article (the gold's
    actor texts leave it out: 'newspaper based in Christian east Beirut')."""
    words = text.lower().split()
    return " ".join(words[1:] if words and words[0] in ARTICLES else words)


def overlaps(predicted: str, gold: str) -> bool:
    a, b = _words(predicted), _words(gold)
    return bool(a and b) and (a in b or b in a)


def _texts(arg: Arg | None, names: dict[str, str]) -> list[str]:
    """What a participant can be matched on: its phrase, and the name of the entity it was
    resolved to ("it" in "Syria says it will not accept" is Syria)."""
    if arg is None:
        return []
    return [arg.text] + ([names[arg.entity]] if arg.entity in names else [])


def full_match(gold: Gold, events: list[Event], names: dict[str, str] | None = None) -> bool:
    names = names or {}
    for event in events:
        if event.category != gold.category:
            continue
        actors = _texts(event.actor, names)
        # A participant the gold leaves empty is not scored, the source as the target.
        if gold.sources and not any(overlaps(a, source) for a in actors for source in gold.sources):
            continue
        if not gold.targets:
            return True
        targets = _texts(event.target, names)
        if any(overlaps(t, target) for t in targets for target in gold.targets):
            return True
    return False


@dataclass
class Scores:
    true_positives: Counter[str]
    false_positives: Counter[str]
    false_negatives: Counter[str]
    full: int
    sentences: int
    # Full matches on the participants' phrases alone, without their entities' names.
    full_text: int = 0
    # False positives in sentences whose gold category was found too: second events.
    beside_hits: int = 0

    def prf(self, category: str | None = None) -> tuple[float, float, float]:
        def total(counter: Counter[str]) -> int:
            return counter[category] if category else sum(counter.values())

        tp, fp, fn = (
            total(self.true_positives),
            total(self.false_positives),
            total(self.false_negatives),
        )
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return precision, recall, f1


@dataclass
class Prediction:
    events: list[Event]
    # Entity id -> name, to match a participant by the entity it was resolved to.
    names: dict[str, str]


def predict(golds: list[Gold], analyzer: Analyzer) -> list[Prediction]:
    """Each sentence's events as PLOVER would record them."""
    found = []
    for gold in golds:
        analysis = analyzer.analyze(Document(id=document_id(gold.text), text=gold.text))
        found.append(
            Prediction(
                plover_view([event for event in analysis.events if coded(event)]),
                {entity.id: entity.name for entity in analysis.entities},
            )
        )
    return found


def evaluate(golds: list[Gold], predictions: list[Prediction]) -> Scores:
    scores = Scores(Counter(), Counter(), Counter(), 0, len(golds))
    for gold, prediction in zip(golds, predictions, strict=True):
        events = prediction.events
        predicted = {event.category for event in events if event.category is not None}
        if gold.category in predicted:
            scores.true_positives[gold.category] += 1
        else:
            scores.false_negatives[gold.category] += 1
        for category in predicted - {gold.category}:
            scores.false_positives[category] += 1
            scores.beside_hits += gold.category in predicted
        scores.full += full_match(gold, events, prediction.names)
        scores.full_text += full_match(gold, events)
    return scores


def errors(golds: list[Gold], predictions: list[Prediction]) -> str:
    """The tuning half's sentences that miss a point, with gold and predictions (never the
    held-out half's)."""
    lines = []
    for gold, prediction in zip(golds, predictions, strict=True):
        events = prediction.events
        if held_out(gold):
            continue
        predicted = {event.category for event in events}
        if predicted == {gold.category} and full_match(gold, events, prediction.names):
            continue
        lines.append(f"\n{gold.id}: {gold.text}")
        lines.append(f"  gold {gold.category}: {gold.sources} -> {gold.targets}")
        for event in events:
            actor = event.actor.text if event.actor else None
            target = event.target.text if event.target else None
            lines.append(
                f"  pred {event.category} {event.action.lemma!r} {event.modality}: "
                f"{actor!r} -> {target!r}"
            )
    return "\n".join(lines)


def _row(name: str, scores: Scores) -> str:
    precision, recall, f1 = scores.prf()
    return (
        f"| {name} | {scores.sentences} | {precision:.3f} | {recall:.3f} | **{f1:.3f}** | "
        f"**{scores.full / scores.sentences:.3f}** ({scores.full}) | "
        f"{scores.full_text / scores.sentences:.3f} ({scores.full_text}) |"
    )


def report(scores: Scores, tune: Scores, held: Scores) -> str:
    lines = [
        "| sentences | n | category P | category R | category F1 | full match | "
        "full match, phrases only |",
        "|---|---|---|---|---|---|---|",
        _row("all", scores),
        _row("tuning half", tune),
        _row("held-out half", held),
        "",
        f"{sum(scores.false_positives.values())} false positives (all sentences), "
        f"{scores.beside_hits} of them in sentences whose gold category was also found\n"
        "(an event the gold does not code).",
        "",
        "| category (all) | gold | P | R | F1 |",
        "|---|---|---|---|---|",
    ]
    gold_counts = scores.true_positives + scores.false_negatives
    categories = sorted(set(gold_counts) | set(scores.false_positives))
    for category in categories:
        p, r, f = scores.prf(category)
        lines.append(f"| {category} | {gold_counts[category]} | {p:.2f} | {r:.2f} | {f:.2f} |")
    return "\n".join(lines)


def write_section(table: str) -> None:
    about = (
        "`newsledger analyze` on each of the 161 sentences of `../shared/data/plover/"
        "gsr-dev.json` (the CAMEO manual's examples coded in PLOVER 0.5b1, categories mapped "
        "to v2), scored as the docstring of `eval/plover.py` fixes: category micro-P/R/F1 over "
        "the distinct categories of the events PLOVER would record in each sentence (with a "
        "category, not negated, not a mere intention), and the share of sentences where one "
        "event has the gold category, an actor overlapping a gold source and a target "
        "overlapping a gold target (each only where the gold names one; phrases compared in "
        "lower case without a leading article, which no gold phrase has). Goal from the events"
        " issue: F1 ≥ 0.75, full match ≥ 0.60. "
        "The held-out half (ids whose SHA-256 is odd) was not looked at in the second and "
        "third rounds of tuning (the first round, before the split, saw all 161)."
    )
    notes = (
        "Not met. Three rounds of error analysis. The first (all 161 sentences, before the "
        "split; F1 0.505 and full match 0.230 on its first run, 0.567 and 0.366 after it) added"
        " curated rows and rules that each follow the manual or CAMEO (urge, sue and resign as "
        "the manual files them; a reporting verb with 'must' is a demand; pledges and refusals "
        "recoded; no MOBILIZE beside an ASSAULT, no REQUEST beside a PROTEST). The second "
        "looked only at the tuning half: a participle describing a noun, a subjectless purpose "
        "clause and an event noun in a circumstantial phrase are no events; a direct object "
        "that names no actor gives way to the actor it is done to (PLOVER's recipient); what a "
        "THREATEN verb governs is no pledge of its own; CAMEO's bare 030 intent verbs (decide, "
        "prepare, plan, ensure ...) no longer mean AGREE without a cooperative complement; "
        "mediate, negotiate and arbitrate are CONSULT as the manual and CAMEO 045 file them; "
        "and participants also match through their entity's name. The third (eighth session, "
        "tuning half only; before it F1 0.610: 0.640 on the tuning half, 0.570 held out): what "
        "a condition states ('unless the president agrees to step down', with its conjuncts and"
        " infinitives) and what a REQUEST verb's clause demands ('demanded that Hamas "
        "renounce') are intended and pledge nothing; a pledge on condition that the other side "
        "complies ('will withdraw ... unless') is a threat (CAMEO's ultimatums); the manual's "
        "SANCTION mode withdraw (observers, peacekeepers, aid) and its CONCEDE for lifting "
        "curfews and states of emergency, where CAMEO2PLOVER says RETREAT, and its PROTEST mode"
        " obstruct for blocked bridges, highways, streets and borders (CAMEO 144 has roads and "
        "traffic) became curated rows; and the scoring now counts an intention the event stage "
        "recoded as THREATEN, as it counted those recoded as AGREE or CONCEDE (the rules alone:"
        " F1 0.617; with the scoring: 0.627; with the rows: 0.644). The held-out half moved "
        "from 0.570 to 0.575: the rules are general, but the tuning half's gain mostly did not "
        "carry over. Nothing is copied from the gold. What remains: the gold codes one event a "
        "sentence, so a second genuine event is a false positive; PLOVER v2 differs from the "
        "0.5b1 gold ('is willing to withdraw' is CONCEDE in v2); CAMEO's bare-verb codes are "
        "broad (claim, swear and argue are ACCUSE; lead, issue and institute COOPERATE), where "
        "PETRARCH also requires a target actor; and gold recipients are often a country named "
        "only as a place ('demonstrated in Serbia'). Tried in the thirteenth session and not "
        "kept: for a coded act on a thing that names no actor, the country a prepositional "
        "phrase of the thing or of the verb names as its recipient ('evacuate settlements in "
        "the Gaza Strip', 'withdraw inspectors from Iraq'). Full match rose from 0.447 to 0.478"
        " (tuning half 40 to 44 sentences, held-out half 32 to 33, none lost; 0.472 without "
        "'from' among the verb's prepositions) and held-out F1 fell from 0.575 to 0.571 (one "
        "more event beside the gold's); but on the first 120 PTC articles (the variant without"
        " 'from') it changed or added 14 events, about half of them wrongly ('remove fugitives "
        "from the United States' aimed at the United States, 'celebrating in Las Vegas' a new "
        "SUPPORT event), so for news it would be no better. Kept in the fourteenth session, "
        "from reading events on news rather than from the gold (whose figures it leaves as they "
        "were): a preposition whose object is only a date or time governs nothing, so 'called "
        "the leaders on Sunday' is no longer 'call on' (REQUEST) aimed at Sunday, nor 'gave a "
        "speech in February' 'give in' (CONCEDE); and a naming verb with an object predicate "
        "counts only through a row naming that predicate ('called him a liar' is ACCUSE, as "
        "CAMEO has it; 'called the story false' no CONSULT). On the first 150 PTC training "
        "articles (a /tmp script listing every event, old and new code) 36 of 6,186 events "
        "changed: 20 naming 'call's and 4 'left X vulnerable/dead' lost CONSULT, 3 dated 'give "
        "in's and one wrong 'look' (ACCUSE) went, 'calling them liars' became ACCUSE, 'set free' "
        "RETREAT, four 'found guilty' COERCE (CAMEO's conviction), and 'was found dead' became "
        "an ASSAULT with no actor, the one change for the worse. Then: releasing records, "
        "emails, photos or footage is sharing information (COOPERATE), as CAMEO 064 files "
        "'release documents' and PLOVER's COOPERATE covers 'sharing of ... significant "
        "information', not RETREAT, which CAMEO's bare 'release' (of people) gave them (curated "
        "rows; 'the release of the memo' now follows the verb's row for its 'of' object); and a "
        "refused cooperation is a REJECT, as a refused retreat was (the manual's REJECT mode "
        "assist). On the same 150 articles 35 more events changed: 15 record releases from "
        "RETREAT to COOPERATE and 4 pledged ones from CONCEDE to AGREE, one 'release the "
        "reports' uncoded (CAMEO's row), 8 refusals to release or grant now REJECT, and 7 "
        "negated COOPERATE events that were wrong before ('had never handled a firearm') wrong "
        "now as REJECT. Last, an actor as direct object is the target even where the verb's "
        "row names a preposition, and a meeting at a place is CONSULT (CAMEO's 'meet at', filed "
        "under 036, the intent to meet, made it AGREE): 7 more events changed, 6 meetings and "
        "'put all hospitals on high alert' aimed at the hospitals, all for the better. And the "
        "manual's three categories that 'require recipient' (COOPERATE, AID, SANCTION) are "
        "given only where the target is an actor: category F1 0.644 before and after (P 0.587 "
        "to 0.591, R 0.714 to 0.708), held-out half 0.575 to 0.583, tuning half 0.696 to 0.690, "
        "full match unchanged; on the 150 PTC articles 206 events lost one of the three, and "
        "of 30 drawn at random 26 were wrong ('served as an example', 'led to criticism', "
        "'took refuge', 'bought ammunition', and the record releases above, shared with no one "
        "named), 2 right ('helped him buy his house': 'him' counts as no actor; 'the Iran deal "
        "and sanctions') and 2 either way ('the summit was called off', 'paid $51,000 by FBI "
        "officials'). Counting 'him', 'them' and the other object "
        "pronouns as actors was tried with it and not kept: 106 more events, most of them "
        "uncoded ('laugh', 'horrify'), and F1 0.642. Two of CAMEO's broadest bare verbs now "
        "count only through their patterns (curated rows): 'die' (190: every death an "
        "ASSAULT; 'died in the attack', 'in custody' and the like stay) and 'leave' (040: "
        "leaving the country, a job or the room a CONSULT). Figures unchanged; on the 150 PTC "
        "articles 86 events changed (43 'leave' and 42 'die' lost their category or went), "
        "and none of 24 drawn at random was a genuine assault or meeting. Last, 'claim', "
        "'argue', 'contend' and 'swear', which CAMEO files as disapproval (110), count only "
        "through a pattern when they assert a clause ('claimed that the shooter checked in' is "
        "a statement, whose content is coded on its own): F1 0.644 to 0.646 (tuning half 0.690 "
        "to 0.693, held-out half unchanged); on the 150 PTC articles 49 ACCUSE events went (47 "
        "'claim', 2 'contend'), none of 20 drawn at random an accusation. And bare 'engage' "
        "(190, ASSAULT), 'join' and 'learn' (040, CONSULT) count only through their patterns, "
        "and 'fire' done to a person is a dismissal, an attack only through a pattern ('fire "
        "at', 'fire rockets'): F1 0.646 to 0.650 (tuning half 0.693 to 0.700); on the 150 PTC "
        "articles 68 events lost their category (26 'join', 18 'engage', 2 of them gone, 18 "
        "'learn', 6 dismissals), none of 25 drawn at random a genuine assault or meeting. Nor "
        "is coming to a close, an end, a conclusion, to light or to power a visit (CAMEO's "
        "'come to', 040): 5 events went. A negated concession, retreat or cooperation is a "
        "rejection only when someone refuses it: 'was not authorized to discuss' and 'to avoid "
        "being extradited' are no REJECT (7 PTC events, figures unchanged). Fifteenth "
        "session, read on the 461 PTC articles (all their events before and after each change,"
        " a /tmp script), the figures above unchanged by each: spaCy now reads a curly "
        "apostrophe as a straight one ('it’s' was a main verb lemmatised '’', 'they’re' one "
        "lemmatised '’re'), which removed 340 copula events ('’' 238, '’re' 44, '’m' 35, "
        "'’s' 20 ...) and changed the participants of others; of 30 changed events read, 19 "
        "were better ('who killed President Kennedy', 'Paddock' as the one who assaulted, "
        "possessive phrases whole: 'ICE’s critical mission'), 4 worse, 7 neither. 'Defend' is"
        " SUPPORT, as CAMEO files defending a decision, a comment or a right (052, defend "
        "verbally), not the military protection (074, AID) of its bare verb: 68 events, 13 of"
        " 14 read were verbal. The lexicon builder missed four CAMEO block headers whose code "
        "runs into their dashes ('[120]---'), so their verbs took the block before: delay, "
        "prevent, obstruct, postpone and 15 more are now CAMEO's 120 (REJECT) instead of "
        "ACCUSE (82 events). And bare 'express' (110), 'study' (090), 'expose' (050), 'deal "
        "with' (050) and the verbs of feeling that CAMEO's DISTURB block files as dissent "
        "(bother, upset, disturb, irritate ...) count only through their patterns: about 136 "
        "events lost ACCUSE, SUPPORT or PROTEST; of 52 read, 4 were accusations ('expressed "
        "contempt') and one arguably a protest. Bare 'break' (190), 'serve' (060), 'catch' "
        "and 'pull' (171) likewise, with curated rows for breaking a ceasefire or truce "
        "(CAMEO 196, ASSAULT) and catching a suspect, fugitive or gunman (COERCE): 141 events "
        "lost ASSAULT, COERCE or COOPERATE ('served on its board', 'the story broke', 'caught "
        "on video', 'pulled the trigger'); of 24 read, none was right as coded. Last, a "
        "clause whose subject is 'it' with a 'to' phrase ('when it comes to immigration', 'it "
        "comes down to', 'it came to our attention') names a topic, no visit: 30 events went,"
        " each such an idiom. Sixteenth session, read the same way, the figures above "
        "unchanged by each: naming that the parser does not show as an object and its "
        "predicate is no phone call ('calls Trump \"dangerous\"' read as two predicates, 'the"
        ' man she called "scum bag"\', a quoted apposition), a lone predicate is matched as '
        "the object it mostly is ('called his bluff', with curated rows for 'call one's bluff'"
        " and 'call into question'), and a 'for' the parser reads as a subordinator still "
        "makes 'call for' (REQUEST): 19 events changed, each read and each right (11 namings "
        "lost CONSULT, 6 calls for became REQUEST, CAMEO's own 'plead guilty' and 'find "
        "guilty' now match, 'found not guilty' is negated). Bare 'lead' (060, COOPERATE) and "
        "'vote' (030, AGREE) count only through their patterns (the manual files elections as"
        " a context): 143 events lost their category, none of 24 'lead' events read "
        "cooperation. Removal from a list is CAMEO's 'remove restrictions' (081, CONCEDE; the "
        "bundled example's delisting of the MKO was an expulsion), from a post, position, "
        "board or ministry its 'remove from office' (160, SANCTION): 8 events. CAMEO's 'give "
        "in' (080, CONCEDE) is the particle; the builder had also made it a preposition, so "
        "'gave a speech in Singapore' was a concession: 26 events lost CONCEDE (one arguably "
        "one: 'given a sop to Cardinal Burke'), 2 refusals to give in became REJECT. Asking a "
        "question is no request (CAMEO's bare 'ask', 020): a clause opening with a wh-word, "
        "'whether', 'if' or an inverted auxiliary, a '?' or 'about' after the verb, unless it "
        "asks someone to do something: 79 'ask' events lost REQUEST, 29 of 30 read were "
        "questions. Bare 'pass' (080, CONCEDE) counts only through its patterns (bills, "
        "resolutions, tests; none of 34 read a concession), and passing sanctions is a "
        "SANCTION: 47 events. Tried and "
        "dropped: object pronouns ('him', 'them') as actors added 415 events, most of them no"
        " political event ('helped him buy his house', 'no one pays me'), and moved F1 to "
        "0.648. Seventeenth session, back on the tuning half's misses (`--errors`), each change "
        "read on the 461 PTC articles as before: F1 0.650 to 0.678 (tuning half 0.700 to "
        "0.746, held-out half 0.583 to 0.587), full match 0.447 to 0.516 (tuning half 40 to 51 "
        "sentences, held-out half 32 both times). The builder read CAMEO's five verb lines "
        "ending in 'in' (give, step, listen, lock, tie in) as a preposition, so 'stepped in the"
        " mud' matched 'step in' and 'the UN stepped in' did not; they are particles now, and so"
        " is an adverb right after the verb that the lexicon knows as one ('fought back', "
        "'walked away'): 61 PTC events changed, nearly all only in their action's lemma ('fight"
        " back'), 'tying immigrants in the host country' lost COOPERATE and 'Britain just walks"
        " out' became CONSULT (CAMEO's 'walk out', 040). Ending sanctions is a yield (PLOVER's "
        "'ending sanctions, easing curfews'), so the sanctions a verb lifts, eases or removes "
        "make no SANCTION event of their own (curated: remove, end, drop and scrap sanctions, "
        "as CAMEO's lift and ease them, 085): F1 0.653, one PTC event went ('stop jihadist "
        "attacks'). A material act (ASSAULT, COERCE, PROTEST, MOBILIZE, CONCEDE, RETREAT) on a "
        "thing is done to the country or city mention it is done in ('bombed facilities inside "
        "Syria'); the thirteenth session's broader version (every coded category, any place, "
        "'from') changed 22 PTC events, about half wrongly ('called me in Melbourne', "
        "'celebrating in Las Vegas' a new SUPPORT), this one 8 targets and one event, one "
        "doubtful ('released cables' in Venezuela): full match 0.453. A coded act on what an "
        "actor did, said or asked is done to that actor ('rejected calls by Belarus's rulers',"
        " 'denied a request from the special counsel', 'met the demands of the strikers'; 'by'"
        " for any object, 'from' and 'of' for a demand, call or warning), and accepting, "
        "meeting or granting demands is CONCEDE (CAMEO 083): full match 0.472, F1 0.659; 18 PTC"
        " targets changed and 10 coded events were added, the doubtful ones 'faced pressure "
        "from' (a REQUEST aimed at the one who pressed) and 'intensified the demand of the "
        "people' (COOPERATE). An event noun's 'of' object that names no actor gives way to its "
        "recipient, as a verb's object does ('a suspension of air links with Serbia', 'the "
        "investigation of charges against the mayor'), and announce and declare are light "
        "verbs ('Italy announced a suspension' is Italy's): full match 0.484, F1 0.663; 5 PTC "
        "targets changed, each right. Violating or flouting a law, ban, rule, order, sanctions"
        " or a treaty is REJECT, as CAMEO codes defying them (128): F1 0.667, 5 PTC events. An "
        "infinitive right after a verb of commitment that the parser reads as a purpose clause"
        " ('have sworn to fight') is the pledge it completes, and 'swear' with it counts only "
        "through a pattern: F1 0.672. A light verb's row counts only for its event noun ('"
        "launched a mediation effort' is a mediation, CONSULT, not CAMEO's 'launch effort', an "
        "appeal): F1 0.678. Neither of the last two changed a PTC event. Tried and dropped: "
        "'open' as a light verb ('re-opening the withdrawal agreement' became a RETREAT), and "
        "LOC mentions as places ('withheld video of him in Mandalay Bay', 'arrested 145 "
        "criminal aliens in South and Central Texas': 4 PTC targets, each worse). Then a "
        "withdrawal (withdraw, withhold, pull, recall, evacuate) is done to the country "
        "withdrawn from, even where its object names an actor ('withdraw its peacekeeping force"
        " from Chad'; for all of RETREAT and SANCTION it also made 'expelled 15 Cuban diplomats "
        "from the US' aimed at the US): full match 0.497, 4 PTC targets changed, each right. "
        "And a protest with no target is aimed at the country or city it is held in "
        "('demonstrated in Serbia'): full match 0.503, no PTC event changed. Last, the agent of"
        " the object's participle is the target as its 'by' agent is ('denounced the abuses "
        "committed by McCarrick', 'an investigation into crimes committed by Croat forces'), "
        "and neither counts for the categories that require a recipient ('released a photograph"
        " taken by the spacecraft' is no cooperation with it): full match 0.509; on PTC 11 "
        "events changed, 2 were added (a doubtful SUPPORT for 'resolve the crisis caused by' "
        "and CONCEDE for 'undoing the damage done by') and 2 COOPERATE went. And a country or "
        "city inside a place noun counts ('rioted at a jail in northern Israel'): full match "
        "0.516, no PTC event changed. Eighteenth session, from reading a random sample of 40 "
        "coded PTC events (some 15 of them wrong, most of those done by no one: 'a development "
        "allowed Tehran to', 'economic conditions that guarantee'): outside material conflict "
        "a subject that names a thing leaves the event uncoded. A thing is a pronoun that "
        "stands for one ('this', 'that', a relative pronoun whose noun is one) or a common "
        "noun listed as one or ending in -tion, -ment, -ity and the like ('the license', 'the "
        "investigation'), with no name in its phrase; nouns nothing marks stay someone ('the "
        "emir'). A first version that took every common noun outside the agent list for a "
        "thing cost F1 0.004 and full matches ('The Red Cross operating in Iraq') and dropped "
        "real actors ('advisers', 'the emir'). With it, agent nouns are looked up before the "
        "entity type ('Ivory Coast rebels' act, though Ivory Coast is a place), the written "
        "form too ('media', lemmatised 'medium'), and 48 nouns of people and bodies joined "
        "the agents (adviser, aide, team, committee, commission, opposition, pope ...). F1 "
        "0.678 before and after (one false positive, 'that would reward the regime', went; "
        "one genuine second event, 'they also opposed the deployment', came), full match "
        "unchanged; on the 461 PTC articles 151 events lost their category and 130 gained "
        "one: of 30 losses drawn at random 26 were done by no one ('the indictment alleges', "
        "'that money will help'), 2 by someone through a parse error; of 20 gains, 12 right "
        "('the pope twice declined to accept', 'the committee agreed to a hearing'), 4 wrong "
        "('calling us rapists' as CONSULT) and 4 either way. Declining to comment ('declined "
        "to comment', 'refused to say how', 'not authorized to speak publicly') is no event, "
        "as CAMEO files it (012, a public statement) whatever the governing verb's row says, "
        "unless the refusal is to talk with someone ('refused to discuss it with the envoy' "
        "stays a REJECT): figures unchanged, 20 PTC events went, each such a formula. The "
        "manual's CONCEDE takes expressions of regret or remorse ('apologized', 'issued an "
        "apology', 'expressed regret'), which CAMEO2PLOVER's 055 made SUPPORT, and a withdrawn"
        " or dropped demand (curated rows): figures unchanged; on PTC 16 apologies moved from "
        "SUPPORT (one AGREE) to CONCEDE, 2 "
        "negated ones became REJECT, wrongly ('Hasn't the Pope already apologised?'), and 11 "
        "apologies named as nouns were added. And a date the tagger found that is a participant "
        "('May and the E.U. kicked the can', 'enable May's vision', 'spent the day') or a "
        "length or age that describes someone or something ('a 16-year veteran', 'a 22-month "
        "investigation', 'my 3-year-old') dates no event, though the date an event noun "
        "belongs to does ('Tuesday's summit'): on PTC 185 events' times changed, 161 gone and "
        "24 moved ('a 32-year-old man was arrested Jan. 7' now dated Jan. 7); of 30 read, "
        "about 25 were better, the rest lost a real date ('Friday's' before a thing). Last, "
        "from a PTC event read wrong ('MGM Resorts issued a statement' as ACCUSE): the lexicon"
        " builder took a braced compound of CAMEO's for its head alone, so 'ISSUE * {DEFIANT "
        "STATEMENT} [114]' tied with 'ISSUE * STATEMENT [010]' and, a category beating none, "
        "won. A compound's other words now count as extra words, as a pattern's do: 80 rows "
        "changed ('launch attack' and 'deliver attack' were ACCUSE, now ASSAULT; 'stage raid' "
        "MOBILIZE and 'intensify offensive' SUPPORT, now ASSAULT; 'find evidence' CONCEDE, "
        "now ACCUSE, CAMEO's investigation; 'sign agreement' COOPERATE, now SUPPORT, CAMEO's "
        "057), and asking forgiveness is an apology (CONCEDE, curated). F1 0.678 to 0.682, "
        "full match 0.516 to 0.522; the tuning half unchanged, the held-out half 0.587 to "
        "0.596 and 32 to 33 full matches. On PTC 41 events changed their category: 16 "
        "statements issued lost ACCUSE, 4 attacks launched became ASSAULT, 6 messages sent "
        "CONSULT instead of THREATEN, 6 findings of evidence ACCUSE. And a CAMEO pattern whose "
        "comment names a verb of another block came from that verb and is its alone ('- * "
        "VISIT [042] # CONCLUDE' under CANCEL had made suspending, halting or ending a visit "
        "a visit; 'CONCEIVE/DESIGN * SOLDIER' MOBILIZE), where PETRARCH2 gives a pattern to "
        "every verb of its block; a form a verb line lists (FIND {FOUND}) names that verb. The "
        "lexicon went from 13,627 rows to 11,898; figures unchanged; on PTC 17 events changed "
        "their category, 8 for the better ('ended his trip' no SANCTION, 'boosting border "
        "screening measures' no MOBILIZE, 'set up military bases' MOBILIZE), 5 for the worse "
        "('engage in new wars' ACCUSE twice, 'building a Navy' no longer MOBILIZE, 'setting up "
        "committees' AGREE), 4 either way. Last, CAMEO's 325 patterns with a word before the "
        "verb, its subject ('- SOLDIER * [0874] # SURRENDER', '- &MILITARY * [0874]', '- "
        "PROSECUTOR * [173]'), which the rows could not hold, are rows with a subject noun now"
        " (those with more words before the verb still left out), matched on an active verb's"
        " subject: soldiers surrendering retreat, a suspect surrendering concedes. 5,796 "
        "subject rows (synsets expanded); F1 0.682 to 0.686 (tuning half 0.746 to 0.756: "
        "peacekeeping troops arriving are RETREAT, as the gold has it; held-out half 0.596 to"
        " 0.592, one more false positive), full match unchanged; on PTC 11 events changed "
        "their category, 6 for the better ('Virus Kills Two People' no ASSAULT, inspectors "
        "visiting sites ACCUSE, CAMEO's inspection; 'violence erupted' ASSAULT), 3 for the "
        "worse ('a drone that fell into Iran's hands' twice ASSAULT, troops arriving at the "
        "border AID), 2 either way. Nineteenth session, from the tuning half's false "
        "positives, each change read on the 461 PTC articles: a noun's modifier the tagger "
        "took for a past tense, with no subject, object or auxiliary ('West Africans ordered "
        "out of Nigeria'), is a participle that describes the noun, no order by them; a verb "
        "the parser hung on a noun keeps its voice when it has a subject or an auxiliary ('the "
        "fact that Julian has met Manafort': Julian meets, where he was the target) or, with "
        "an object, when the sentence has no verb at its root ('a grand jury report named 301 "
        "priests'); and an event noun measured or staged by a listed noun ('despite hours of "
        "negotiations', 'at the end of the summit') is the setting the outer noun is, as "
        "'after the negotiations' is (a first version that climbed through any noun also "
        "dropped contents: 'the announcement of a US troop withdrawal'). F1 0.686 to 0.691 "
        "(tuning half 0.756 to 0.764, held-out half 0.592 to 0.596), full match unchanged; on "
        "PTC 53 events went (30 settings such as 'the night of the massacre', the rest "
        "participles or parse errors), 7 came and 33 got their actor back. An adjective that "
        "modifies a noun names no participant ('a military offensive' had 'military', an "
        "agent noun, for its target; 6 PTC events had 'criminal' from 'criminal charges'); "
        "figures unchanged. An event noun with no other participant takes the parties a "
        "'between' phrase names, the first as actor ('clashes between police and protesters',"
        " the example's 'a visit between the group's members and their families'), and a "
        "coded verb with no other target is done to both ('mediated between Hamas and "
        "Israel'); making 'between' a target preposition everywhere had also moved the "
        "targets of 'denied any collusion between' and 'a hard border between': dropped. "
        "Figures unchanged; on PTC 5 events gained both parties, all right. A placing verb "
        "with an event noun under 'under' is that noun's act, done to its object ('placed "
        "the mayor under arrest', 'has been put under investigation'): figures unchanged, one"
        " PTC arrest got its participants. Last, a present participle on a document noun "
        "(statement, declaration, letter, resolution, bill ...) whose issuer is known (its "
        "owner, the subject of an issuing verb such as issue, pass or send, the agent of one "
        "in the passive) is the issuer's act, where a participle that describes a noun is "
        "none ('the ministry issued a statement condemning the attack'; 'received a letter "
        "demanding' names no issuer): F1 unchanged, full match 0.522 to 0.528 (85; tuning "
        "half 51 to 52, 'issued a declaration demanding that the Turkish government'); on "
        "PTC 15 events came, 12 right ('Rep. Davis' office issued a statement disavowing "
        "Farrakhan'), 3 wrong ('text messages relating to' as COOPERATE). Twentieth session, "
        "tuning half only, each change read on the 461 PTC articles as before. Two scoring "
        "fixes first: the one gold sentence with no source could never match (an actor was "
        "required to overlap a source), and none of the gold's 324 phrases has a leading "
        "article where ours keep it ('A newspaper' against 'newspaper based in Christian east"
        " Beirut'): full match 0.528 to 0.540, F1 unchanged. Then the rules: a mobilization's "
        "recipient is whom it is directed against, not the forces moved (the manual's "
        "MOBILIZE; 'mobilized army reservists for a war against Iraq'), and a verb with a "
        "clause of its own shares no object with the next verb ('refused to deploy "
        "peacekeepers and urged its citizens'; that one's full match had come through a wrong"
        " 'its'); a free participle is done by its main clause's subject or a passive one's "
        "agent ('rioted, setting fire to their mattresses'; 251 PTC events came in with an "
        "actor and about 240 others got one, never from a copula's subject; one tuning false"
        " positive is a genuine second event, 'urging the counterpart to sign'); "
        "armed groups surrendering retreat as CAMEO's armies do "
        "(curated subject rows, the manual's RETREAT: disarming, ending conflicts); joint "
        "exercises and mutual acts cooperate with the parties as one actor and no recipient "
        "(the manual's MOBILIZE ambiguity and its reciprocal actors; 'French and Egyptian "
        "warships launched war games'); opening an investigation is investigating, and "
        "inquiries and probes are investigations (78 PTC events, most named by a noun alone);"
        " a threat is aimed at whoever its 'unless' clause asks to comply ('threatened to "
        "launch an offensive unless Baghdad accepted'); and each conjunct of a reported "
        "future is intended ('would prohibit all aid ... and would deny entry', both now "
        "THREATEN, which costs SANCTION-0015, coded SANCTION by the gold). F1 0.691 to 0.699 "
        "(tuning half 0.764 to 0.774, held-out half 0.596 to 0.600), full match 0.528 to 0.559"
        " (85 to 90; tuning half 0.584 to 0.640, held-out half unchanged at 0.458): the "
        "tuning half now meets both goals, the held-out half, which decides, does not. Two "
        "more, read on PTC alone (figures unchanged): only a verb with nothing after it but "
        "the coordination shares the next verb's object ('apologized for his remarks, held "
        "private meetings' had the meetings as target; 79 PTC events changed, nearly all a "
        "wrong target gone), and a noun the parser made the subject of a gerund subject is "
        "the actor ('The Red Cross operating in Iraq said'). And a negated agreement, "
        "concession, retreat or cooperation is a refusal only when its actor refuses it: not "
        "when a passive or object-controlling governor carries the negation ('teachers are "
        "not allowed to arm themselves', 'was not supposed to sell weapons'; 3 PTC events, "
        "all three such). Twenty-first session, read on PTC alone (category and full-match "
        "figures unchanged, phrase-only full match 82 to 83): a participant's phrase widens "
        "to whole words, since the tokenizer splits words at hyphens and the parse can leave "
        "a piece out ('al-Thani', 'Fazl-ur-Rehman', 'anti-Semitism'; 75 of 31,252 PTC "
        "participant phrases changed, all to the whole word); and a refusal is one REJECT: "
        "an act a refusing verb governs keeps its own category, negated ('refused to release"
        " the video' had a second REJECT for the release; 18 PTC events, all such pairs). "
        "And senses CAMEO's bare verb misses code nothing: 'demonstrate' and 'submit' are "
        "their events only without an object or a clause (people who demonstrated in "
        "Belgrade protest, a video that demonstrates the racism shows it; who submits to a "
        "ruler yields, who submitted his report hands it in; every PTC 'demonstrate' with an "
        "object was PROTEST), and bare 'dominate', 'ruin' (CAMEO 190) and 'issue' (060) are "
        "curated as none ('dominated headlines', 'ruined his good name', 'issued an alert'; "
        "89 PTC events, nearly all wrong before). Naming through a quotation the parser made a"
        " clause ('calls these concessions \u201cbullying deadlines\u201d') or through a "
        "relative clause it hung on the noun as a participle ('methods that critics have "
        "called authoritarian') is no call (3 PTC events). Last, a sentence with no verb at "
        "its root whose participle has an object predicate is that participle's ('Trump "
        "called Putin on Tuesday' had no event): no PTC event changed, and DISAPPROVE-0011's "
        "'called Thursday on Arabs to unite' is now a REQUEST beside the gold's disapproval,"
        " a false positive that lowers the tuning half's F1 from 0.774 to 0.770; kept, since "
        "the call is there and wire ledes parse so. Twenty-second session, read on PTC alone "
        "(every figure above unchanged by each change): a place an act is done in stays its "
        "place when it is also the target ('attacked a police station in Kirkuk': target and "
        "place Kirkuk; 4 PTC events); a relative pronoun participant is written as its noun "
        "('Soros, whom he criticizes' had the target 'whom'; 139 PTC events, nearly all from "
        "who, which or that to the noun); the fire opened and the shots or rounds fired name "
        "the act, so the target is whom they are fired at ('opened fire on the concert "
        "crowd'; about 30 PTC events). Violence done to an idea is a figure of speech: an "
        "object from a new list of ideas, qualities, rights and causes, or a thing noun, "
        "leaves a bare ASSAULT row uncoded ('destroy his reputation', 'fight crime', 'kill "
        "the deal'), and a verb with a sense of criticism codes ACCUSE ('attacked the "
        "credibility of the victims', as CAMEO's own 'attack the decision'): 33 PTC events "
        "recoded and 23 dropped, each read, all figures of speech (one dropped, 'those ... "
        "attacking our rights', would be an ACCUSE had its actor been known). A quoted name "
        "the parser "
        "took into the object's phrase still names ('calling Vigano's account \u201canother "
        "daunting challenge\u201d' was a phone call; 4 PTC events). And a participant that is"
        " none negates the event ('committed no crime', 'nobody was killed', 'no one attacked"
        " the convoy' were recorded as events that happened), though terms with 'no' in them"
        " ('no-deal', 'a no confidence vote', 'no matter', 'nothing more than', 'none other "
        "than') do not, nor a headline the parser made the next paragraph's subject; such a "
        "negation refuses nothing ('offered no evidence' stays a negated offer, no REJECT): "
        "58 PTC events newly negated. "
        "Twenty-third session, read on PTC (every figure above unchanged by each change but the "
        "gerund rule): CAMEO senses news seldom means are uncoded (curated rows): provoking "
        "criticism was the provoker's PROTEST (10 PTC events), crying an ACCUSE (12), heading an "
        "office or heading somewhere a cooperation, pledge or visit (20), struggling to survive "
        "an ASSAULT (9), crossing a border AID (3), sparking a crisis or conflict an ACCUSE; an "
        "adjective complement matches a row's object, so CAMEO's own 'plead guilty' applies (18 "
        "guilty pleas were REQUESTs; 5 events gained by 'remain committed', 'remain skeptical', "
        "'cannot remain neutral'). A warning is a threat only when it names coercion: a material "
        "act someone does in its clause ('warned the United States that they would attack Las "
        "Vegas'), a reprisal ('warned of a crushing response') or a party told not to act; 82 of "
        "89 THREATEN warnings stated a danger and are uncoded. An arrival is a visit only to a "
        "party, a country or city, or a meeting (about 40 uncoded: 'police arrived on the 32nd "
        "floor'). The subject of a verb of undergoing is the target ('May faced pressure from "
        "the pro-Brexit wing', 'came under fire from the State Department', 'received death "
        "threats' had it as actor; 51 events). A protest at a named actor's place is aimed at it "
        "('gathered outside the MKO's camp in Iraq'), and the 'from' phrase of an event noun "
        "someone says, asks or gives names its actor ('criticism from at least one member'; 7). "
        "'hoped' is no 'hop' nor 'hated' a 'hat' (43 events), and a gerund under a noun is done "
        "by the noun's owner ('their role in helping Saddam Hussein'; 35 actors gained). That "
        "last rule costs the held-out half two false positives (F1 0.600 to 0.592, an AGREE and "
        "a MOBILIZE; the tuning half unchanged): events in such a gerund clause that now have an "
        "actor, and so are coded; kept for the PTC actors, and those two sentences not read, so "
        "that the half stays unseen. Later, unchanged figures: family members of a group are its "
        "kin, not its members (the bundled example's relatives protested at 'their own' camp); "
        "an adjective after a participant's noun is left out of its phrase and says whose the "
        "noun is no more than a relative clause does ('the Iraqi security forces responsible'; "
        "'bombed a bus full of Jewish tourists' was aimed at 'full of Jewish tourists'; 65 "
        "phrases, 2 targets); a warning issued is a threat only when coercive, as a warning verb "
        "(7 PTC events uncoded: six advisories, and the administration's 'harshest warnings to "
        "foreign governments', a threat the rule misses); trips, taking part, taking measures "
        "and news conferences are uncoded (21); a past participle from the light verbs lends an "
        "event noun its agent and target ('the sanctions imposed on him by Pope Benedict'; not "
        "'threats obtained by CBS News'; 11 events). In all, 188 of the 19,552 PTC events at the "
        "session's start were dropped, 53 added and 272 changed; the span invariant holds on all "
        "142,176 spans of the final analyses. "
        "Twenty-fourth session, read on PTC (every figure above unchanged by each change): an "
        "inquiry's or a sanction's possessor conducts it ('Mueller's investigation', 'our "
        "sanctions' had the possessor as target) and a country named before an inquiry is its "
        "subject ('the Russia investigation' had Russia investigating; 90 events changed, one "
        "wrongly); a phrase before its verb is the clause's topic ('On Hezbollah: they call "
        "them terrorists' was CAMEO's 'call on'; 37 targets and 7 categories) and 'not only' "
        "negates nothing (28); a gerund after the object of an accusing or preventing verb is "
        "the object's act ('accused Israel of attacking the ship' made Iran the attacker), and "
        "'refrained from' negates; a future no actor pledges is a forecast, not a threat or an "
        "agreement ('Kushner will be indicted', 'will probably attack'; 42); a 'threat' with no"
        " actor is a danger, unless a death or bomb threat (72 uncoded); remove, capture and "
        "exclude coerce people, not posts or camera footage (20); a state or organisation "
        "leaving an organisation withdraws from it, PLOVER's SANCTION (37, 'Britain leaves the "
        "EU'), not recoded as a threat when future; kin and common person nouns ('Her husband "
        "threatened her', 'officers') are actors (110 events gained, 21 coded); diseases and "
        "disasters attack no one ('the plague strikes the country', 31); curated rows for "
        "colluding, conspiring and partnering with (cooperation, 19), sitting down with (a "
        "meeting), standing with (support, 11), subpoenas (an inquiry's act, 11), and none for "
        "meeting rules or standards, a bare 'match' or 'strike as'; a decline in numbers "
        "refuses nothing ('the working-age population declined'; 4). Tried and not kept: an "
        "ability modal as no refusal ('cannot offer canonical proof'): of 26 PTC events it "
        "changed, more were refusals ('we cannot give in to extortion', 'I cannot agree to "
        "that') than inabilities. In all, of the 19,417 PTC events at the session's start 34 "
        "were dropped, 135 added and 473 changed; the span invariant holds on all 142,530 spans "
        "of the final analyses (at 2dc2fae). "
        "Twenty-fifth session, read on PTC (every figure above the same at its start and "
        "end): "
        "criticism and condemnation 'of' someone disapprove of them ('criticisms of "
        "Farrakhan' had him criticising); a date as possessor dates an event noun and a "
        "place before a meeting hosts it ('Tuesday's summit', 'the Singapore summit' had "
        "Tuesday and Singapore meeting); a passive 'is expected to', an act or a thing as "
        "actor, and a future a verb of opinion reports are forecasts, not pledges ('is "
        "expected to meet' was AGREE, 'predicted Mueller would indict Kushner' a THREATEN); "
        "a modal with a perfect demands nothing ('must have carried out the assaults'); 'or "
        "not' negates nothing; 'release' and 'compromise' need a person or no object ('if it "
        "is not released'); fighting 'to' do something strives, unless by force or for a "
        "place; pieces of hyphenated words, brackets and a press release that 'said' are no "
        "events or participants; person nouns the agent dictionary lacks (aliens, fugitives, "
        "hostages) are actors; pushing 'to' do something strives as fighting does ('pushed "
        "to get out the vote'); curated rows for blasting and calling out (criticism), "
        "backing down (a concession), and none for meeting resistance, blowing over, hanging "
        "on, kicking the can, cracking, verifying, abstaining, competing, fighting charges, "
        "hitting a number, getting out the vote, finding out and clearing the way. Not kept: "
        "'warning' and 'alert' as thing nouns ('released an unprecedented warning' was a "
        "RETREAT) also uncoded 'the health alert advised citizens'; a relative clause's noun "
        "as the object of 'submit' also took 'who' for one. The push rule reads 'fought all "
        "my life to advance the cause' as a fight again, the parser taking 'all my life' for "
        "an object. One part was taken back: opinions on what someone should do "
        "('I think the president should resign') were read as no demand in the session's "
        "first two commits, whose evaluation showed the held-out half losing a REQUEST the "
        "gold codes that way (F1 0.592 to 0.583, full match 0.458 to 0.444); so the held-out "
        "half informed that one decision. In all, of the 19,518 "
        "PTC events at the session's start 70 were dropped, 31 added and 141 changed; the span "
        "invariant holds on all 142,378 spans of the final analyses (at 7a94698). "
        "Twenty-sixth session, read on PTC (every figure above the same at its start and "
        "end): a participle coordinated with a passive verb is passive too, and the agent "
        "the parser hangs on the last conjunct acts for all ('the village was looted and "
        "burned by the rebels' had the village burning; 64 events changed, nearly all "
        "participants put right); a verb of force that introduces a quotation is a retort, "
        "ACCUSE ('Cox shot back: ...', 'Erdogan exploded: ...'); a question that opens with "
        "an auxiliary or a question word pledges nothing ('Will they support a clash?'); "
        "'appeared to' and 'seem to' plan nothing (were 'intended'); a passive subject "
        "raised to its governor is what a person verb acts on ('the footage is presumed to "
        "have been captured'); an assertion verb in a relative clause without an object, "
        "and affirm and recognize with a clause, accuse or support no one ('an incident she "
        "claimed happened'); what the speaker says they must do is no demand ('I must say, "
        "...'); a life, attention, imagination and a mood are abstract ('destroyed his "
        "life'); curated rows for pushing back (a rejection), negotiating with (a "
        "consultation, not CAMEO's support), reaching out (a contact, not an appeal), "
        "applying for and applying pressure (requests), and none for seizing on, whipping "
        "up, corrupting, conforming, exploring, relating to, pulling out all the stops, "
        "fighting an election, closing up shop, calling the shots or attention, a bare "
        "'apply' and capturing on video. Not kept: naming nouns compounded with a "
        "participant, rather than its whole phrase, as what makes it no thing ('the CIA's "
        "secret records' are a thing) also made 'a plurality of Americans' and 'the majority "
        "of Londoners' things and their opposition uncoded; 'appear in court' and 'call to "
        "account' rows (CAMEO codes the first as legal action, the second did not match). In "
        "all, of the 19,479 PTC events at the session's start 18 were dropped, 23 added and "
        "205 changed; the span invariant holds on all 142,411 spans of the final analyses "
        "(at 64f5a0c; c70c6b3 only marks question sentences once, the same events on 80 "
        "articles). "
        "Twenty-seventh session, read on PTC; at its start F1 0.693, full match 0.559, "
        "tuning half 0.770 / 0.640, held-out half 0.592 / 0.458, at its end the table's "
        "figures. The builder of the lexicon dropped a CAMEO pattern whose category equals "
        "its bare verb's, but the analyser drops the bare rows of verbs that are no event by "
        "themselves, so 'took control of the city' and 'took him into custody' matched "
        "nothing; their coded patterns are now kept. The parser reads 'pulled out of the "
        "deal' as two prepositions: 'out' is now the verb's particle ('pull out', 'back out', "
        "'walk out of talks'), and what one pulls out of the target. Object pronouns (him, "
        "them, us ...) are actors ('took him into custody' had custody for target). Rules: "
        "recognizing counts only done to a party or to someone's service; introducing only "
        "done to someone; pushing a narrative or a policy demands nothing; agreeing that "
        "something is so, conceding and establishing that it is, are opinions or assertions; "
        "'is opposed to' is a stance; who uses weapons to crush people crushes them; a "
        "gerund under 'without' did not happen; a modal before its subject makes a condition, "
        "no demand; a bare act of force coordinated with a passive ('tortured and beheaded') "
        "is passive; a person before a killing is its victim ('the JFK assassination'); a "
        "scathing attack is criticism; a threat faced with no issuer is a danger; a relative "
        "clause whose noun is its object makes 'demonstrate' transitive. Curated rows: none "
        "for govern, rule, campaign, go to, go by, go through, legislate, tempt, impact, "
        "orchestrate, constitute, control, promulgate, handle, risk, ring, fill out, kick in, "
        "take place, ask questions, get out, throw out, walk out (but of talks a protest), "
        "fight for, hang on or over, blow the cover, sign a decree, explode into; approve of "
        "is support, pull out a retreat, dismissing a plea a rejection. Not kept: taking the "
        "object of an infinitive's governor for its actor only when it is someone ('used her "
        "message to urge'), taken back unmeasured because the thing a law or a deal lets act "
        "does so ('allows the sanctions to expire'); 'use' became a subject-control verb "
        "instead. In all, of the 19,484 PTC events at "
        "the session's start 68 were dropped, 465 added (most uncoded, done to someone a "
        "pronoun names) and 386 changed; the span invariant holds on all 143,836 spans of the "
        "final analyses (at e20582b). "
        "Twenty-eighth session, read on PTC (seeds 26120821-26120834); the table's figures "
        "did not move from its start. Participants: a verb of force always done to someone "
        "with a subject and neither auxiliary nor object is a headline's passive ('Three "
        "people killed and 12 wounded', 'women abducted, virgins ravished', 'X sentenced to 20 "
        "years'); a threat's 'of' phrase names who threatens only when it is a party ('threats "
        "of nuclear war' no longer has a war for actor); the time an act takes does not do it "
        "('it takes years to deport them'), nor a day before the verb that the 'called on' "
        "rule took for whom one calls on ('On Monday, they began floating'), nor a thing one "
        "relies on ('doubled down on the scare tactics to push MPs'); pushing or forcing "
        "someone into an act makes them its actor; a relative clause without its object is "
        "done to its noun when that is someone ('the man the police arrested'); a time of day "
        "is no target ('attacked at dawn'). Senses: a bare 'claim' asserts, no accusation (23 "
        "PTC events), and 'hint' is an assertion verb; charging a sum, being billed as, "
        "offering thoughts, inserting, forcing a bill through Parliament, beating the war "
        "drums and 'rag' (the lemmatiser's 'raging') are no events; travelling is a visit "
        "only to a party or a capital, approaching and extracting are done to someone, who "
        "obtains assurances is given them; fighting crime or behaviour is no fight. Tried and "
        "narrowed: taking any noun that is no thing for a relative clause's object also made "
        "'the extent they cooperated' and 'a list of officials' targets (188 changed events "
        "in one run); only someone counts now. In all, of the 19,881 PTC events at the "
        "session's start 30 were dropped, 15 added and 112 changed (19,866, 8,033 coded); the span "
        "invariant holds on all 143,814 spans of the final analyses (at adfb5f7)."
    )
    body = (
        f"{SECTION}\n\n```sh\n{COMMAND}\n```\n\n{textwrap.fill(about, 96)}\n\n{table}\n\n"
        f"{textwrap.fill(notes, 96)}\n"
    )
    text = QUALITY.read_text(encoding="utf-8") if QUALITY.exists() else "# Quality\n"
    if SECTION in text:
        before, _, rest = text.partition(SECTION)
        following = rest.find("\n## ")
        after = rest[following + 1 :] if following >= 0 else ""
        text = before + body + ("\n" + after if after else "")
    else:
        text = text.rstrip("\n") + "\n\n" + body
    QUALITY.write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--write", action="store_true", help=f"update {QUALITY.name}")
    parser.add_argument(
        "--errors", action="store_true", help="print the tuning half's misses and extras"
    )
    args = parser.parse_args(argv)
    gold_file = args.data / "gsr-dev.json"
    if not gold_file.is_file():
        print(f"plover: {gold_file} not found (it lives in ../shared/data)", file=sys.stderr)
        return 2
    golds = read_gold(gold_file)
    started = time.perf_counter()
    predictions = predict(golds, Analyzer())
    parts = {
        half: [(g, p) for g, p in zip(golds, predictions, strict=True) if held_out(g) == half]
        for half in (False, True)
    }
    tune, held = (
        evaluate([g for g, _ in parts[half]], [p for _, p in parts[half]]) for half in (False, True)
    )
    table = report(evaluate(golds, predictions), tune, held)
    if args.errors:
        print(errors(golds, predictions))
    print(table)
    print(f"\n{len(golds)} sentences in {time.perf_counter() - started:.1f} s")
    if args.write:
        write_section(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
