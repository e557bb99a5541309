"""Templates: Jinja2 with autoescaping on for every template, whatever its name."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.responses import HTMLResponse

from newsledger.corpus.results import SearchFilters
from newsledger.web.contexts import Chrome, Context


def urlpath(value: str) -> str:
    """A name as one path segment: every reserved character escaped, slashes included, and each
    run of whitespace one space, since a route's path never matches a line break (a name the
    entity stage read across one) and a name's lookup ignores how its words are spaced."""
    return quote(" ".join(value.split()), safe="")


def search_url(filters: SearchFilters | None = None, query: str = "", **changes: Any) -> str:
    """`/search?...` with `filters` and `query`, some changed (None drops one)."""
    values: dict[str, Any] = {"q": query}
    if filters is not None:
        values.update(filters.model_dump())
    values.update(changes)
    return "/search?" + urlencode({k: v for k, v in values.items() if v not in (None, "")})


def http_url(value: str | None) -> str | None:
    """A link the source gave, if it is http(s): never `javascript:` or `data:`."""
    if value and urlsplit(value).scheme.lower() in ("http", "https"):
        return value
    return None


@functools.cache
def environment() -> Environment:
    folder = resources.files("newsledger").joinpath("web/templates")
    env = Environment(
        loader=FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["urlpath"] = urlpath
    env.filters["http_url"] = http_url
    env.globals["search_url"] = search_url
    return env


def render(template: str, chrome: Chrome, page: Context, status: int = 200) -> HTMLResponse:
    html = environment().get_template(template).render(chrome=chrome, page=page)
    return HTMLResponse(html, status_code=status, headers={"cache-control": "no-store"})
