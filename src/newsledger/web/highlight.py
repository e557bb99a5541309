"""The article body as typed segments: the text cut at every span edge, each piece with its marks.

Templates render each segment's `text` escaped, inside elements whose classes and titles come
from the marks; no HTML from the source ever reaches the page. Spans overlap freely (a quote
inside a quote, an event inside a statement, several techniques on one word), so the cut is a
sweep over all span edges and paragraph breaks, and a segment lists every span covering it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

from newsledger.schema import Analysis, Span

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")
# Colour classes in the stylesheet (`tech-0` ... `tech-13`): one per PTC technique at most.
TECHNIQUE_COLOURS = 14


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class StatementMark(Frozen):
    statement: str
    role: str  # speaker, cue or content


class EventMark(Frozen):
    event: str
    role: str  # actor, action or target


class TechniqueMark(Frozen):
    technique: str
    score: float


class Segment(Frozen):
    text: str
    start: int
    statements: list[StatementMark] = []
    events: list[EventMark] = []
    techniques: list[TechniqueMark] = []
    entity: str | None = None  # the canonical name a mention links to
    title: str = ""  # what a hover shows: each statement's and event's explanation

    @property
    def marked(self) -> bool:
        return bool(self.statements or self.events or self.techniques)

    @property
    def classes(self) -> str:
        names = [f"st-{m.role}" for m in self.statements]
        names += [f"ev-{m.role}" for m in self.events]
        return " ".join(sorted(set(names)))

    @property
    def statement_ids(self) -> str:
        """The statements covering the segment, innermost first, space-separated."""
        return " ".join(dict.fromkeys(mark.statement for mark in self.statements))

    @property
    def technique_data(self) -> str:
        """`Name:score` pairs, space-separated, that the page's script filters on."""
        return " ".join(f"{m.technique}:{m.score:.2f}" for m in self.techniques)


class Paragraph(Frozen):
    segments: list[Segment]


class LegendEntry(Frozen):
    technique: str
    label: str
    colour: int
    count: int
    shown: int  # spans at or above the threshold


@dataclass
class _Active:
    statements: dict[tuple[str, str], int] = field(default_factory=dict)
    events: dict[tuple[str, str], int] = field(default_factory=dict)
    techniques: dict[tuple[str, float], int] = field(default_factory=dict)
    entities: dict[str, int] = field(default_factory=dict)


def technique_label(name: str) -> str:
    """`Appeal_to_fear-prejudice` -> `Appeal to fear/prejudice`."""
    return name.replace("_", " ").replace("-", "/")


def legend(analysis: Analysis, threshold: float) -> list[LegendEntry]:
    """The techniques of an article, commonest first, each with its colour class number."""
    counts: dict[str, list[float]] = {}
    for span in analysis.framing.techniques:
        counts.setdefault(span.technique, []).append(span.score)
    ordered = sorted(counts, key=lambda name: (-len(counts[name]), name))
    return [
        LegendEntry(
            technique=name,
            label=technique_label(name),
            colour=index % TECHNIQUE_COLOURS,
            count=len(counts[name]),
            shown=sum(score >= threshold for score in counts[name]),
        )
        for index, name in enumerate(ordered)
    ]


def statement_title(analysis: Analysis, statement_id: str) -> str:
    statement = next(s for s in analysis.statements if s.id == statement_id)
    speaker = statement.speaker
    who = speaker.text or "no speaker"
    parts = [
        f"Statement {statement.id}: {who} ({speaker.kind})",
        f"cue “{statement.cue.text}”",
        "direct quote" if statement.direct else "indirect",
        "hedged" if statement.hedged else "not hedged",
    ]
    parts += [f"{relation.type} {relation.statement}" for relation in statement.relations]
    return "; ".join(parts)


def event_title(analysis: Analysis, event_id: str) -> str:
    event = next(e for e in analysis.events if e.id == event_id)
    actor = event.actor.text if event.actor else "?"
    target = f" → {event.target.text}" if event.target else ""
    parts = [
        f"Event {event.id}: {actor} — {event.action.lemma}{target}",
        event.category or "uncategorised",
        event.modality,
    ]
    if event.negated:
        parts.append("negated")
    if event.when is not None:
        parts.append(f"when: {event.when.value or event.when.text}")
    return "; ".join(parts)


def _edges(analysis: Analysis) -> Iterable[tuple[Span, str, object]]:
    """Every span to mark, with the kind of mark and its key."""
    for statement in analysis.statements:
        if statement.speaker.span is not None:
            yield statement.speaker.span, "statement", (statement.id, "speaker")
        yield statement.cue, "statement", (statement.id, "cue")
        yield statement.content, "statement", (statement.id, "content")
    for event in analysis.events:
        if event.actor is not None and event.actor.span is not None:
            yield event.actor.span, "event", (event.id, "actor")
        yield event.action.span, "event", (event.id, "action")
        if event.target is not None and event.target.span is not None:
            yield event.target.span, "event", (event.id, "target")
    for technique in analysis.framing.techniques:
        yield technique.span, "technique", (technique.technique, technique.score)
    for entity in analysis.entities:
        for mention in entity.mentions:
            yield mention, "entity", entity.name


def _paragraph_ranges(text: str) -> list[tuple[int, int]]:
    ranges: list[tuple[int, int]] = []
    start = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        ranges.append((start, match.start()))
        start = match.end()
    ranges.append((start, len(text)))
    return [(a, b) for a, b in ranges if text[a:b].strip()]


def segments(analysis: Analysis) -> list[Paragraph]:
    """The body cut into paragraphs of segments, each segment with every mark covering it."""
    text = analysis.document.text
    opening: dict[int, list[tuple[str, object]]] = {}
    closing: dict[int, list[tuple[str, object]]] = {}
    for span, kind, key in _edges(analysis):
        if span.end <= span.start or span.end > len(text):
            continue
        opening.setdefault(span.start, []).append((kind, key))
        closing.setdefault(span.end, []).append((kind, key))
    paragraphs = _paragraph_ranges(text)
    cuts = sorted({*opening, *closing, *(edge for pair in paragraphs for edge in pair)})
    # Statements nest (a quote reported inside a quote): list the innermost first.
    extent = {
        s.id: max(s.content.end, s.cue.end) - min(s.content.start, s.cue.start)
        for s in analysis.statements
    }
    active = _Active()
    titles: dict[tuple[str, str], str] = {}
    pieces: list[Segment] = []
    for index, position in enumerate(cuts):
        for kind, key in closing.get(position, ()):
            _count(active, kind, key, -1)
        for kind, key in opening.get(position, ()):
            _count(active, kind, key, +1)
        if index + 1 == len(cuts):
            break
        end = cuts[index + 1]
        pieces.append(_segment(analysis, text[position:end], position, active, titles, extent))
    starts = [piece.start for piece in pieces]
    return [
        Paragraph(segments=pieces[bisect_left(starts, start) : bisect_left(starts, end)])
        for start, end in paragraphs
    ]


def _count(active: _Active, kind: str, key: object, step: int) -> None:
    table: dict[object, int] = getattr(active, kind + "s" if kind != "entity" else "entities")
    table[key] = table.get(key, 0) + step
    if table[key] <= 0:
        del table[key]


def _segment(
    analysis: Analysis,
    text: str,
    start: int,
    active: _Active,
    titles: dict[tuple[str, str], str],
    extent: dict[str, int],
) -> Segment:
    ordered = sorted(active.statements, key=lambda key: (extent.get(key[0], 0), key))
    statements = [StatementMark(statement=s, role=r) for s, r in ordered]
    events = [EventMark(event=e, role=r) for e, r in sorted(active.events)]
    best: dict[str, float] = {}
    for name, score in active.techniques:
        best[name] = max(score, best.get(name, 0.0))
    techniques = [TechniqueMark(technique=n, score=s) for n, s in sorted(best.items())]
    lines = []
    for mark in statements:
        key = ("s", mark.statement)
        if key not in titles:
            titles[key] = statement_title(analysis, mark.statement)
        lines.append(f"[{mark.role}] {titles[key]}")
    for event_mark in events:
        key = ("v", event_mark.event)
        if key not in titles:
            titles[key] = event_title(analysis, event_mark.event)
        lines.append(f"[{event_mark.role}] {titles[key]}")
    lines += [f"{technique_label(m.technique)} ({m.score:.2f})" for m in techniques]
    entity = min(active.entities) if active.entities else None
    return Segment(
        text=text,
        start=start,
        statements=statements,
        events=events,
        techniques=techniques,
        entity=entity,
        title="\n".join(dict.fromkeys(lines)),
    )
