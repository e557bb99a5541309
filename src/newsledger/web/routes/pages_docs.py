"""GET /api/docs: the API's OpenAPI description as a page, from this app, with no CDN."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import HTMLResponse

from newsledger.web.contexts import ApiDocsPage, Endpoint
from newsledger.web.deps import ChromeDep
from newsledger.web.rendering import render

router = APIRouter(include_in_schema=False)
METHODS = ("get", "post", "put", "patch", "delete")


@router.get("/api/docs")
def api_docs(request: Request, chrome: ChromeDep) -> HTMLResponse:
    schema: dict[str, Any] = request.app.openapi()
    endpoints = []
    for path, operations in schema.get("paths", {}).items():
        for method in METHODS:
            operation = operations.get(method)
            if operation is None:
                continue
            content = operation.get("responses", {}).get("200", {}).get("content", {})
            response = content.get("application/json", {}).get("schema", {})
            endpoints.append(
                Endpoint(
                    method=method.upper(),
                    path=path,
                    summary=operation.get("summary", ""),
                    parameters=[
                        (p["name"], p["in"], bool(p.get("required")))
                        for p in operation.get("parameters", [])
                    ],
                    response=_schema_name(response),
                )
            )
    info = schema.get("info", {})
    page = ApiDocsPage(
        title=info.get("title", ""), version=info.get("version", ""), endpoints=endpoints
    )
    return render("api_docs.html", chrome, page)


def _schema_name(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if schema.get("type") == "array":
        return f"list of {_schema_name(schema.get('items', {}))}"
    if schema.get("type") == "object":
        return "object"
    return str(schema.get("type", ""))
