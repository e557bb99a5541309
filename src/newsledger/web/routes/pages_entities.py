"""GET /entities/{name}: one actor across the corpus, by any of its names."""

from __future__ import annotations

from fastapi import APIRouter, Depends
from starlette.responses import HTMLResponse

from newsledger.corpus import store
from newsledger.corpus.results import EntityPage
from newsledger.web.contexts import EntityContext, LabelSpan, day_position, parse_day
from newsledger.web.deps import ChromeDep, SessionDep, require_reader
from newsledger.web.rendering import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_reader)])
ROW_HEIGHT = 20


@router.get("/entities/{name:path}")
def entity(session: SessionDep, chrome: ChromeDep, name: str) -> HTMLResponse:
    page = store.entity_page(session=session, name=name)
    return render("entity.html", chrome, entity_context(page))


def entity_context(page: EntityPage) -> EntityContext:
    """The page with its labels placed on a time axis (first to last article using each)."""
    days = [
        d for label in page.labels for d in (parse_day(label.first), parse_day(label.last)) if d
    ]
    start, end = (min(days), max(days)) if days else (None, None)
    spans = []
    for index, label in enumerate(page.labels):
        x = width = 0.0
        if start is not None and end is not None and label.first and label.last:
            x = day_position(label.first, start, end)
            width = max(day_position(label.last, start, end) - x, 1.0)
        spans.append(
            LabelSpan(
                site=label.site or "(unknown site)",
                label=label.label,
                count=label.count,
                first=label.first,
                last=label.last,
                x=x,
                width=width,
                y=index * ROW_HEIGHT,
            )
        )
    return EntityContext(
        page=page,
        label_spans=spans,
        chart_start=start.isoformat() if start else None,
        chart_end=end.isoformat() if end else None,
        chart_height=max(len(spans), 1) * ROW_HEIGHT,
    )
