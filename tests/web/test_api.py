"""The JSON API under /api/: the store's results, the contract, and one error shape."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from fastapi.testclient import TestClient

from newsledger.schema import SCHEMA_ID
from newsledger.web.errors import error_body
from tests.web.articles import quoted_article
from tests.web.conftest import make_client


def test_counts(client: TestClient) -> None:
    counts = client.get("/api/counts").json()
    assert counts["documents"] == 4
    assert counts["statements"] > 0 and counts["events"] > 0


def test_search_with_words_filters_and_facets(client: TestClient, seed_id: str) -> None:
    found = client.get("/api/documents", params={"q": "Camp Ashraf"}).json()
    assert [hit["document"]["id"] for hit in found["hits"]] == [seed_id]
    assert {"site", "section", "entity", "technique"} <= set(found["facets"])
    by_site = client.get("/api/documents", params={"site": "example.com"}).json()
    assert [hit["document"]["title"] for hit in by_site["hits"]] == ["MKO rally in Paris"]
    by_alias = client.get("/api/documents", params={"entity": "PMOI", "limit": 10}).json()
    assert by_alias["total"] == 2


def test_control_characters_in_the_words_are_dropped(client: TestClient) -> None:
    # FTS5 fails on a NUL ("unterminated string"); the reader drops control characters first.
    found = client.get("/api/documents", params={"q": "\x00Saturday\x07"})
    assert found.status_code == 200
    assert [hit["document"]["title"] for hit in found.json()["hits"]] == ["MKO rally in Paris"]
    assert client.get("/search", params={"q": "\x00"}).status_code == 200


def test_a_document_is_the_analysis_contract(client: TestClient, seed_id: str) -> None:
    analysis = client.get(f"/api/documents/{seed_id}").json()
    assert analysis["schema"] == SCHEMA_ID
    assert analysis["document"]["id"] == seed_id
    assert analysis["document"]["section"] == ["Iraq"]
    quoted = client.get(f"/api/documents/{quoted_article().document.id}").json()
    assert quoted == json.loads(quoted_article().to_json())


def test_entities_by_any_name(client: TestClient) -> None:
    page = client.get("/api/entities/MKO").json()
    assert page["entity"]["name"] == "Mojahedin-e Khalq Organization"
    assert "PMOI" in page["aliases"]
    assert {label["site"] for label in page["labels"]} >= {"example.com"}
    baghdad = client.get("/api/entities/Baghdad").json()
    quoted = quoted_article().document.id
    by = [(s["document"]["id"], s["statement_id"]) for s in baghdad["statements_by"]]
    assert (quoted, "s1") in by


def test_disputes_and_related(client: TestClient, seed_id: str) -> None:
    disputes = client.get("/api/disputes", params={"entity": "Ashraf Residents Committee"})
    [dispute] = disputes.json()
    assert dispute["claim"] == "“the camp will close by December”"
    assert [d["statement"]["speaker"] for d in dispute["denied_by"]] == ["The committee"]
    related = client.get(f"/api/documents/{seed_id}/related").json()
    assert "MKO rally in Paris" in [r["document"]["title"] for r in related]


def test_notes_of_an_article_start_empty(client: TestClient, seed_id: str) -> None:
    assert client.get(f"/api/documents/{seed_id}/notes").json() == []


def test_every_error_has_one_shape(client: TestClient) -> None:
    missing = client.get("/api/documents/0000000000000000")
    assert missing.status_code == 404
    assert missing.json() == error_body(404, "no document with id '0000000000000000' in the store")
    assert client.get("/api/documents/0000000000000000/notes").status_code == 404
    assert client.get("/api/entities/Nobody%20At%20All").json()["status"] == 404
    invalid = client.get("/api/documents", params={"limit": 0})
    assert invalid.status_code == 422
    assert set(invalid.json()) == {"ok", "status", "error"}
    assert "limit" in invalid.json()["error"]
    bad_date = client.get("/api/documents", params={"since": "April"})
    assert bad_date.status_code == 422 and "since" in bad_date.json()["error"]
    no_route = client.get("/api/nothing-here")
    assert no_route.json() == error_body(404, "Not Found")


def test_openapi_and_its_page(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    assert {"/api/documents", "/api/documents/{document_id}", "/api/counts"} <= set(schema["paths"])
    # Pages are not part of the API.
    assert not any(not path.startswith("/api/") for path in schema["paths"])
    docs = client.get("/api/docs")
    assert docs.status_code == 200
    assert "/api/entities/{name}" in docs.text
    assert "cdn" not in docs.text.lower()


def test_a_failing_store_answers_503(store_path: Path) -> None:
    for client in make_client(store_path):
        with sqlite3.connect(store_path) as connection:
            connection.execute("ALTER TABLE documents RENAME TO documents_gone")
        answer = client.get("/api/counts")
        assert answer.status_code == 503
        assert "the store failed: no such table: documents" in answer.json()["error"]
        assert "SELECT" not in answer.json()["error"]
        assert str(store_path) not in answer.json()["error"]
