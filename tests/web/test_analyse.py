"""The analyse page and POST /api/analyse: a pasted text or an uploaded page read as the article
page, never as markup; limits on size and type; storing only for a logged-in user."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from newsledger.analyze import pipeline
from newsledger.analyze.pipeline import Analyzer
from newsledger.schema import SCHEMA_ID
from newsledger.web import WebSettings, create_app
from tests.web.conftest import SECRET, make_client
from tests.web.helpers import csrf, log_in

PAGE = b"""<!doctype html><html><head><title>Talks stall in Geneva</title>
<script>alert('head')</script></head><body onload="alert(2)">
<article><h1>Talks stall in Geneva</h1>
<p>The foreign ministry said on Monday that &ldquo;talks had stalled&rdquo;, and officials
denied that troops attacked the border post. &lt;script&gt;alert(1)&lt;/script&gt;</p>
<p><img src=x onerror="alert(3)">Rebels shelled the town of Idlib on Sunday, killing five
people, according to witnesses.</p>
</article></body></html>"""
TEXT = (
    "The foreign ministry said on Monday that “talks had stalled”, and officials denied that"
    " troops attacked the border post.\n\nRebels shelled the town on Sunday, witnesses said."
)


def upload(
    client: TestClient,
    *,
    text: str = "",
    file: tuple[str, bytes, str] | None = None,
    token: str | None = None,
) -> httpx.Response:
    """Post the analyse form as a browser does: every field, the file part even when empty."""
    form_token = csrf(client.get("/analyse").text) if token is None else token
    return client.post(
        "/analyse",
        data={"csrf_token": form_token, "text": text},
        files={"file": file or ("", b"", "application/octet-stream")},
        follow_redirects=False,
    )


def test_the_form(analysing_client: TestClient) -> None:
    html = analysing_client.get("/analyse").text
    assert 'enctype="multipart/form-data"' in html
    assert 'name="csrf_token"' in html and 'type="file"' in html
    assert "2.0 MiB" in html
    assert '<a href="/analyse">Analyse</a>' in analysing_client.get("/").text


def test_a_pasted_text_becomes_its_article_page(analysing_client: TestClient) -> None:
    response = upload(analysing_client, text=TEXT)
    assert response.status_code == 303, response.text
    location = response.headers["location"]
    document_id = location.rsplit("/", 1)[-1]
    html = analysing_client.get(location).text
    assert '<span class="st-cue">said</span>' in html
    assert 'class="ev-action">shell</td>' in html
    assert "not stored" in html and 'href="/login?next=' in html
    assert "analysis JSON" not in html and 'id="notes"' not in html
    assert f'action="/analyse/{document_id}"' in html  # the toggles' form stays on the preview
    assert analysing_client.get(f"/articles/{document_id}").status_code == 404


def test_an_uploaded_page_is_shown_as_text_never_markup(analysing_client: TestClient) -> None:
    response = upload(analysing_client, file=("geneva.html", PAGE, "text/html"))
    assert response.status_code == 303
    html = analysing_client.get(response.headers["location"]).text
    assert "<h1>Talks stall in Geneva</h1>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    for markup in ("alert('head')", "alert(2)", "alert(3)", "<img src=x", "<script>alert"):
        assert markup not in html
    assert '<span class="st-speaker">The foreign ministry</span>' in html


def test_a_logged_in_user_stores_it(analysing_client: TestClient) -> None:
    preview = upload(analysing_client, text=TEXT).headers["location"]
    document_id = preview.rsplit("/", 1)[-1]
    anonymous = analysing_client.post(
        f"{preview}/store", data={"csrf_token": csrf(analysing_client.get("/analyse").text)}
    )
    assert anonymous.status_code == 401
    log_in(analysing_client)
    html = analysing_client.get(preview).text
    assert analysing_client.post(f"{preview}/store", data={}).status_code == 403
    stored = analysing_client.post(
        f"{preview}/store", data={"csrf_token": csrf(html)}, follow_redirects=False
    )
    assert stored.status_code == 303
    assert stored.headers["location"] == f"/articles/{document_id}"
    article = analysing_client.get(f"/articles/{document_id}")
    assert article.status_code == 200 and 'id="notes"' in article.text
    assert analysing_client.get("/api/counts").json()["documents"] == 5


def test_what_the_form_refuses(analysing_client: TestClient) -> None:
    assert upload(analysing_client, text=TEXT, token="0" * 64).status_code == 403
    assert upload(analysing_client, text="   ").status_code == 400
    both = upload(analysing_client, text=TEXT, file=("a.txt", TEXT.encode(), "text/plain"))
    assert both.status_code == 400 and "not both" in both.text
    image = upload(analysing_client, file=("a.png", b"\x89PNG\r\n\x1a\n", "image/png"))
    assert image.status_code == 415 and "text/html" in image.text
    # A PNG that calls itself text is caught by the loader, which looks at the bytes.
    lying = upload(
        analysing_client, file=("a.txt", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "text/plain")
    )
    assert lying.status_code == 415
    missing = analysing_client.get("/analyse/0123456789abcdef")
    assert missing.status_code == 404 and "analyse it again" in missing.text


@pytest.fixture
def small_client(store_path: Path, analyzer: Analyzer) -> Iterator[TestClient]:
    yield from make_client(store_path, analyzer=analyzer, max_upload_bytes=4000)


def test_uploads_over_the_limit_are_refused(small_client: TestClient) -> None:
    big = upload(small_client, file=("big.txt", b"word " * 1000, "text/plain"))
    assert big.status_code == 413
    assert big.headers["content-type"].startswith("text/html")
    assert "the upload is over the limit of 4000 bytes" in big.text
    assert upload(small_client, file=("ok.txt", TEXT.encode(), "text/plain")).status_code == 303
    api = small_client.post(
        "/api/analyse", content=b"word " * 1000, headers={"content-type": "text/plain"}
    )
    assert api.status_code == 413 and api.json()["status"] == 413
    chunked = small_client.post(
        "/api/analyse",
        content=iter([b"word " * 500, b"word " * 500]),
        headers={"content-type": "text/plain"},
    )
    assert chunked.status_code == 413 and "4000 bytes" in chunked.json()["error"]


def test_the_api_analyses_without_storing(analysing_client: TestClient) -> None:
    response = analysing_client.post(
        "/api/analyse", content=PAGE, headers={"content-type": "text/html; charset=utf-8"}
    )
    assert response.status_code == 200
    analysis = response.json()
    assert analysis["schema"] == SCHEMA_ID
    assert analysis["document"]["title"] == "Talks stall in Geneva"
    assert {s["speaker"]["text"] for s in analysis["statements"]} >= {"The foreign ministry"}
    assert analysing_client.get(f"/api/documents/{analysis['document']['id']}").status_code == 404
    wrong = analysing_client.post(
        "/api/analyse", content=b"{}", headers={"content-type": "application/json"}
    )
    assert wrong.status_code == 415 and wrong.json()["ok"] is False
    empty = analysing_client.post(
        "/api/analyse", content=b"", headers={"content-type": "text/plain"}
    )
    assert empty.status_code == 400


def test_the_analyzer_is_built_once_and_only_when_needed(
    store_path: Path, analyzer: Analyzer, monkeypatch: pytest.MonkeyPatch
) -> None:
    built: list[Analyzer] = []

    def build() -> Analyzer:
        built.append(analyzer)
        return analyzer

    monkeypatch.setattr(pipeline, "Analyzer", build)
    with TestClient(create_app(WebSettings(db=str(store_path), secret_key=SECRET))) as client:
        assert client.get("/analyse").status_code == 200
        assert built == []
        for text in (TEXT, "Officials said the border was closed on Friday."):
            response = client.post(
                "/api/analyse", content=text.encode(), headers={"content-type": "text/plain"}
            )
            assert response.status_code == 200
        assert len(built) == 1
