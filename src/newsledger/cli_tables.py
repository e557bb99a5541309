"""Rich renderings for the commands: what a person sees on a terminal.

Pure functions from query results to renderables, which `cli_corpus` prints, and the progress
bar that `analyze` and `ingest` share.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, RenderableType
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from newsledger.corpus.results import (
    Dispute,
    DocumentRef,
    EntityPage,
    FacetValue,
    Related,
    SearchResults,
    StatementView,
)

CONTENT_CHARS = 160


def progress_bar(console: Console, *, shown: bool) -> Progress:
    """Inputs done out of all and the time taken, on `console`; gone once done."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not shown,
    )


def _short(text: str | None, limit: int = CONTENT_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _day(document: DocumentRef) -> str:
    return (document.published or "")[:10]


def _title(document: DocumentRef) -> str:
    return _short(document.title or document.id, 80)


def search_tables(results: SearchResults) -> list[RenderableType]:
    shown = f"{len(results.hits)} of {results.total}" if results.hits else "none"
    if results.ranked < results.total:
        shown += f", the best of the newest {results.ranked}"
    hits = Table(title=f"{results.total} documents match ({shown} shown)", title_justify="left")
    for column in ("date", "site", "title", "id"):
        hits.add_column(column, no_wrap=column in ("date", "id"))
    for hit in results.hits:
        heading = Text(_title(hit.document), style="bold")
        heading.append("\n" + _short(hit.snippet), style="dim")
        hits.add_row(_day(hit.document), hit.document.site or "", heading, hit.document.id)
    renderables: list[RenderableType] = [hits]
    facets = [(name, values) for name, values in results.facets.items() if values]
    if facets:
        title = "facets"
        if results.facets_counted < results.total:
            title += f" (counted on the newest {results.facets_counted} of the matches)"
        grid = Table(title=title, title_justify="left", show_header=True)
        for name, _ in facets:
            grid.add_column(name)
        depth = max(len(values) for _, values in facets)
        for index in range(depth):
            grid.add_row(*(_facet(values, index) for _, values in facets))
        renderables.append(grid)
    return renderables


def _facet(values: Sequence[FacetValue], index: int) -> str:
    return (
        f"{_short(values[index].value, 30)} ({values[index].count})" if index < len(values) else ""
    )


def _statements(title: str, statements: Sequence[StatementView]) -> Table:
    table = Table(title=title, title_justify="left")
    for column in ("date", "site", "speaker", "said", "claim"):
        table.add_column(column, no_wrap=column in ("date", "claim"))
    for item in statements:
        said = f"{item.cue}: {_short(item.content)}"
        speaker = item.speaker_entity or item.speaker or f"({item.kind})"
        claim = f"#{item.claim_id}" + (" denies" if item.stance == "denies" else "")
        table.add_row(_day(item.document), item.document.site or "", speaker, said, claim)
    return table


def entity_tables(page: EntityPage) -> list[RenderableType]:
    entity = page.entity
    heading = Text(f"{entity.name}", style="bold")
    heading.append(f"  {entity.type}, in {entity.documents} documents")
    if page.aliases:
        heading.append("\nalso: " + ", ".join(page.aliases), style="dim")
    if page.others:
        others = ", ".join(f"{o.name} ({o.type}, {o.documents} documents)" for o in page.others)
        heading.append(f"\nother entities with this name: {others}", style="dim")
    sites = Table(title="documents by site", title_justify="left")
    sites.add_column("site")
    sites.add_column("documents", justify="right")
    for value in page.sites:
        sites.add_row(value.value, str(value.count))
    labels = Table(title="labels by site", title_justify="left")
    for column in ("site", "label", "count", "first", "last"):
        labels.add_column(column, justify="right" if column == "count" else "left")
    for label in page.labels:
        labels.add_row(
            label.site or "", label.label, str(label.count), label.first or "", label.last or ""
        )
    timeline = Table(title="event timeline", title_justify="left")
    for column in ("when", "actor", "action", "target", "category", "site", "incident"):
        timeline.add_column(column)
    for event in page.timeline:
        action = ("not " if event.negated else "") + event.action
        incident = f"#{event.incident_id}" if event.incident_id else ""
        timeline.add_row(
            event.when or _day(event.document),
            event.actor or "",
            action,
            event.target or "",
            event.category or "",
            event.document.site or "",
            incident,
        )
    return [
        heading,
        sites,
        labels,
        _statements("statements by", page.statements_by),
        _statements("statements about", page.statements_about),
        timeline,
    ]


def disputes_table(disputes: Sequence[Dispute]) -> Table:
    table = Table(title=f"{len(disputes)} disputed claims", title_justify="left", show_lines=True)
    for column in ("claim", "asserted by", "denied by"):
        table.add_column(column)
    for dispute in disputes:
        asserted = "\n".join(_who(s) for s in dispute.asserted_by)
        denied = "\n".join(
            _who(d.statement)
            + (f": {_short(d.statement.content, 60)}" if d.reason == "denies" else "")
            for d in dispute.denied_by
        )
        table.add_row(f"#{dispute.claim_id} {_short(dispute.claim)}", asserted, denied)
    return table


def _who(statement: StatementView) -> str:
    speaker = statement.speaker_entity or statement.speaker or statement.kind
    return f"{speaker} ({statement.document.site or '?'}, {_day(statement.document) or '?'})"


def related_table(related: Sequence[Related]) -> Table:
    table = Table(title=f"{len(related)} related documents", title_justify="left")
    for column in ("score", "date", "site", "title", "shared", "id"):
        table.add_column(column, no_wrap=column in ("score", "date", "id"))
    for item in related:
        shared = ", ".join(item.shared_entities)
        if item.shared_claims:
            shared += f"; {item.shared_claims} claims"
        if item.shared_incidents:
            shared += f"; {item.shared_incidents} events"
        table.add_row(
            f"{item.score:.2f}",
            _day(item.document),
            item.document.site or "",
            _title(item.document),
            _short(shared, 80),
            item.document.id,
        )
    return table
