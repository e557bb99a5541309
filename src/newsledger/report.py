"""A Markdown report of one analysis, for a person to read (`analyze --format markdown`)."""

from __future__ import annotations

from collections import Counter

from newsledger.schema import Analysis, Arg, Entity


def _cell(text: str) -> str:
    """Table cells stay on one line and cannot close the cell early."""
    return " ".join(text.split()).replace("|", "\\|")


def _quote(text: str, limit: int = 160) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _arg(arg: Arg | None, names: dict[str, str]) -> str:
    if arg is None:
        return "—"
    if arg.entity and names.get(arg.entity) and names[arg.entity] != arg.text:
        return f"{arg.text} ({names[arg.entity]})"
    return arg.text


def _entity_rows(entities: list[Entity]) -> list[str]:
    rows = ["| Entity | Type | Aliases | Mentions |", "|---|---|---|---|"]
    for entity in sorted(entities, key=lambda item: -len(item.mentions)):
        aliases = ", ".join(entity.aliases) or "—"
        rows.append(
            f"| {_cell(entity.name)} | {entity.type} | {_cell(aliases)} | {len(entity.mentions)} |"
        )
    return rows


def render_markdown(analysis: Analysis) -> str:
    document = analysis.document
    names = {entity.id: entity.name for entity in analysis.entities}
    lines = [f"# {document.title or 'Untitled document'}", ""]
    if document.subtitle:
        lines += [f"*{document.subtitle}*", ""]
    facts = [
        ("Section", " › ".join(document.section)),
        ("Site", document.site or ""),
        ("URL", document.url or ""),
        ("Published", document.published or ""),
        ("Document id", document.id),
        ("Words", str(len(document.text.split()))),
        ("Page chrome removed", "; ".join(_quote(item, 60) for item in document.removed)),
    ]
    lines += [f"- **{label}**: {value}" for label, value in facts if value] + [""]

    lines += ["## Entities", ""]
    lines += _entity_rows(analysis.entities) if analysis.entities else ["No entities found."]

    lines += ["", "## Statements", ""]
    if not analysis.statements:
        lines.append("No statements found.")
    for statement in analysis.statements:
        speaker = statement.speaker
        who = speaker.text or "(unattributed)"
        if speaker.entity in names and names[speaker.entity] != who:
            who = f"{who} ({names[speaker.entity]})"
        flags = [speaker.kind] + [
            flag for flag, on in (("direct", statement.direct), ("hedged", statement.hedged)) if on
        ]
        flags += [f"{relation.type} {relation.statement}" for relation in statement.relations]
        lines.append(
            f"- **{statement.id}** {_cell(who)} — *{_quote(statement.cue.text, 40)}* — "
            f"“{_quote(statement.content.text)}” [{', '.join(flags)}]"
        )

    lines += ["", "## Events", ""]
    if not analysis.events:
        lines.append("No events found.")
    for event in analysis.events:
        verb = ("not " if event.negated else "") + event.action.lemma
        details = [event.category or "uncategorised", event.modality]
        if event.when:
            details.append(f"when: {event.when.value or event.when.text}")
        if event.where:
            details.append(f"where: {event.where.text}")
        details += [f"{quantity.text}" for quantity in event.quantities]
        lines.append(
            f"- **{event.id}** {_arg(event.actor, names)} → *{verb}* → "
            f"{_arg(event.target, names)} [{'; '.join(details)}]"
        )

    framing = analysis.framing
    lines += ["", "## Labels", ""]
    if not framing.labels:
        lines.append("No labels found.")
    labels_by_entity: dict[str, list[str]] = {}
    for label in framing.labels:
        labels_by_entity.setdefault(label.entity, []).append(f"“{label.text}” ×{label.count}")
    for entity_id, labels in labels_by_entity.items():
        lines.append(f"- **{names.get(entity_id, entity_id)}**: {', '.join(labels)}")

    lines += ["", "## Propaganda techniques", ""]
    if not framing.techniques:
        lines.append("No technique spans found.")
    for technique, count in Counter(item.technique for item in framing.techniques).most_common():
        examples = [
            f"“{_quote(item.span.text, 60)}”"
            for item in framing.techniques
            if item.technique == technique
        ][:3]
        lines.append(f"- **{technique}** ×{count}: {', '.join(examples)}")

    sourcing = framing.sourcing
    lines += [
        "",
        "## Sourcing",
        "",
        f"{sourcing.statements} statements: {sourcing.named} named, {sourcing.anonymous} "
        f"anonymous, {sourcing.unattributed} unattributed, {sourcing.hedged} hedged; "
        f"{sourcing.author_assertions} author assertions.",
        "",
    ]
    return "\n".join(lines)
