"""GET /: recent articles by section and by site, the search box, what the store holds."""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter, Depends
from starlette.responses import HTMLResponse

from newsledger.corpus import store
from newsledger.corpus.results import DocumentRef
from newsledger.web.contexts import ArticleGroup, HomePage
from newsledger.web.deps import ChromeDep, SessionDep, require_reader
from newsledger.web.rendering import render

router = APIRouter(include_in_schema=False, dependencies=[Depends(require_reader)])
RECENT = 60


@router.get("/")
def home(session: SessionDep, chrome: ChromeDep) -> HTMLResponse:
    recent = [
        hit.document for hit in store.search(session=session, limit=RECENT, facets=False).hits
    ]
    page = HomePage(
        counts=store.counts(session=session),
        sections=_groups(recent, lambda d: " › ".join(d.section) or "(no section)"),
        sites=_groups(recent, lambda d: d.site or "(unknown site)"),
        recent=recent[:10],
    )
    return render("home.html", chrome, page)


def _groups(documents: list[DocumentRef], key: Callable[[DocumentRef], str]) -> list[ArticleGroup]:
    grouped: dict[str, list[DocumentRef]] = {}
    for document in documents:
        grouped.setdefault(key(document), []).append(document)
    ordered = sorted(grouped.items(), key=lambda item: (-len(item[1]), item[0]))
    return [ArticleGroup(name=name, documents=docs) for name, docs in ordered]
