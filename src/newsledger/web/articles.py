"""The article page's context, built from a stored analysis and what the store links to it."""

from __future__ import annotations

from newsledger.corpus.results import Related
from newsledger.corpus.store.accounts import Note, NoteTarget
from newsledger.schema import Analysis, Arg
from newsledger.web.contexts import (
    ArticlePage,
    Bar,
    EntityItem,
    EventItem,
    NoteTargetOption,
    StatementItem,
)
from newsledger.web.highlight import legend, segments

SOURCING_ROWS = (
    ("named", "Named sources"),
    ("anonymous", "Anonymous sources"),
    ("unattributed", "Unattributed"),
    ("author_assertions", "Author's assertions"),
)
BAR_HEIGHT = 22


def article_page(
    analysis: Analysis,
    *,
    related: list[Related],
    notes: list[Note],
    threshold: float,
    shown: list[str] | None,
    note_target: str,
    max_note_chars: int,
    preview: bool = False,
) -> ArticlePage:
    """`shown`: the techniques the reader left on (None: all of them); `preview`: the analysis
    of an upload, not stored."""
    names = {entity.id: entity.name for entity in analysis.entities}
    labels: dict[str, list[tuple[str, int]]] = {}
    for label in analysis.framing.labels:
        labels.setdefault(label.entity, []).append((label.text, label.count))
    techniques = legend(analysis, threshold)
    statements = [
        StatementItem(
            id=s.id,
            speaker=s.speaker.text,
            speaker_entity=names.get(s.speaker.entity) if s.speaker.entity else None,
            kind=s.speaker.kind,
            cue=s.cue.text,
            content=s.content.text,
            direct=s.direct,
            hedged=s.hedged,
            relations=[(r.type, r.statement) for r in s.relations],
        )
        for s in analysis.statements
    ]
    events = [
        EventItem(
            id=e.id,
            actor=e.actor.text if e.actor else None,
            actor_entity=_entity_name(e.actor, names),
            action=e.action.lemma,
            target=e.target.text if e.target else None,
            target_entity=_entity_name(e.target, names),
            category=e.category,
            modality=e.modality,
            negated=e.negated,
            when=(e.when.value or e.when.text) if e.when else None,
        )
        for e in analysis.events
    ]
    entities = sorted(
        (
            EntityItem(
                id=e.id,
                name=e.name,
                type=e.type,
                mentions=len(e.mentions),
                aliases=[alias for alias in e.aliases if alias != e.name],
                labels=labels.get(e.id, []),
            )
            for e in analysis.entities
        ),
        key=lambda item: (-item.mentions, item.name),
    )
    targets = [NoteTargetOption(value="article", label="the article")]
    targets += [
        NoteTargetOption(value=s.id, label=f"statement {s.id}: {_short(s.content)}")
        for s in statements
    ]
    targets += [
        NoteTargetOption(value=e.id, label=f"event {e.id}: {e.actor or '?'} {e.action}")
        for e in events
    ]
    valid = {option.value for option in targets}
    return ArticlePage(
        document=analysis.document,
        paragraphs=segments(analysis),
        legend=techniques,
        shown=[t.technique for t in techniques] if shown is None else shown,
        threshold=threshold,
        statements=statements,
        events=events,
        entities=entities,
        sourcing=analysis.framing.sourcing,
        sourcing_bars=_bars(analysis),
        related=related,
        notes=notes,
        note_targets=targets,
        note_target=note_target if note_target in valid else "article",
        max_note_chars=max_note_chars,
        preview=preview,
    )


def note_target_kind(analysis: Analysis, target: str) -> tuple[NoteTarget, str] | None:
    """(`article`|`statement`|`event`, local id) for a note form's target, None if unknown."""
    if target == "article":
        return "article", ""
    if any(s.id == target for s in analysis.statements):
        return "statement", target
    if any(e.id == target for e in analysis.events):
        return "event", target
    return None


def _entity_name(arg: Arg | None, names: dict[str, str]) -> str | None:
    return names.get(arg.entity) if arg is not None and arg.entity else None


def _short(text: str, chars: int = 60) -> str:
    return text if len(text) <= chars else text[: chars - 1].rstrip() + "…"


def _bars(analysis: Analysis) -> list[Bar]:
    sourcing = analysis.framing.sourcing
    values = [(label, int(getattr(sourcing, field))) for field, label in SOURCING_ROWS]
    most = max((value for _, value in values), default=0) or 1
    return [
        Bar(label=label, value=value, width=round(100 * value / most, 1), y=index * BAR_HEIGHT)
        for index, (label, value) in enumerate(values)
    ]
