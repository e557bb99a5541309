"""The hostile pages: small ones kept in `hostile/`, large ones built here at run time.

Each kept page opens with a comment saying what it tries. The large ones are not kept because
the repository takes no file over 1 MB; they are written to a temporary folder instead.
"""

from __future__ import annotations

from pathlib import Path

from tests.ingest.conftest import article_html, warc_record

KEPT = Path(__file__).parent / "hostile"
PAYLOAD = "window.pwned=1"
NESTING = 10_000
HUGE_BYTES = 50 * 1024 * 1024
GIANT_ATTRIBUTE_BYTES = 2 * 1024 * 1024


def _page(title: str, *, head: str = "", inside: str = "") -> str:
    return article_html(title, "fund the bridge", extra_head=head).replace(
        "<article>", f"<article>{inside}"
    )


def deep_nesting() -> bytes:
    """The article inside 10,000 open `<div>`s, then 10,000 unclosed `<b>`s after it."""
    opened = "<div>" * NESTING
    closed = "</div>" * NESTING
    body = _page(
        "Assembly funds the deep bridge", inside=f"{opened}<p>Deep in the page.</p>{closed}"
    )
    return (body.replace("</body>", "<b>" * NESTING + "</body>")).encode()


def giant_attributes() -> bytes:
    """A 2 MB attribute that hides a tag break, and a 2 MB description in the head."""
    filler = "A" * GIANT_ATTRIBUTE_BYTES
    escaped = f"&quot;&gt;&lt;script&gt;{PAYLOAD}&lt;/script&gt;"
    head = f'<meta name="description" content="{filler}{escaped}">'
    inside = f'<p title="{filler}{escaped}" data-x={filler}>The hall was full.</p>'
    return _page("Assembly funds the wide bridge", head=head, inside=inside).encode()


def huge_page() -> bytes:
    """A 50 MB page of repeated paragraphs: five times the default size limit."""
    paragraph = b"<p>The assembly voted again, and the vote was counted again by hand.</p>\n"
    count = HUGE_BYTES // len(paragraph) + 1
    return (
        _page("Assembly funds the long bridge")
        .encode()
        .replace(b"<article>", b"<article>" + paragraph * count)
    )


def lying_archive() -> bytes:
    """A WARC whose HTTP headers declare charsets that are not the page's, or no encoding."""
    body = _page(f"Assembly funds the archived bridge &lt;script&gt;{PAYLOAD}&lt;/script&gt;")
    cp1252 = body.replace("the bridge,", "the caf\u00e9 \u201cbridge\u201d,").encode("cp1252")
    return b"".join(
        [
            warc_record(
                "https://news.example/base64", cp1252, content_type="text/html; charset=base64"
            ),
            warc_record(
                "https://news.example/koi8", body.encode(), content_type="text/html; charset=koi8-r"
            ),
            warc_record(
                f"javascript:{PAYLOAD}", cp1252, content_type="text/html; charset=unicode_escape"
            ),
        ]
    )


BUILT = {
    "deep-nesting.html": deep_nesting,
    "giant-attributes.html": giant_attributes,
    "huge-page.html": huge_page,
    "lying-headers.warc": lying_archive,
}


def hostile_inputs(folder: Path) -> dict[str, Path]:
    """Every hostile input by name: the kept pages, and the built ones written to `folder`."""
    paths = {path.name: path for path in sorted(KEPT.iterdir())}
    for name, build in BUILT.items():
        path = folder / name
        path.write_bytes(build())
        paths[name] = path
    return paths
