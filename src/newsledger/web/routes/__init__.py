"""One router per resource: `api_*` answer JSON under /api/, `pages_*` answer HTML."""

from fastapi import APIRouter

from newsledger.web.routes import (
    api_analyse,
    api_corpus,
    api_disputes,
    api_documents,
    api_entities,
    api_notes,
    pages_analyse,
    pages_articles,
    pages_auth,
    pages_disputes,
    pages_docs,
    pages_entities,
    pages_home,
    pages_search,
)

ROUTERS: tuple[APIRouter, ...] = (
    api_corpus.router,
    api_documents.router,
    api_entities.router,
    api_disputes.router,
    api_notes.router,
    api_analyse.router,
    pages_docs.router,
    pages_home.router,
    pages_search.router,
    pages_articles.router,
    pages_entities.router,
    pages_disputes.router,
    pages_analyse.router,
    pages_auth.router,
)
