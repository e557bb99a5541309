"""Hypothesis strategies for the inputs a hostile or broken source can hand the loader.

Text is built from news words (so that spaCy finds entities and the attribution stage finds
statements to place) mixed with the characters that break offset arithmetic: zero-width
characters, bidi overrides, combining marks, lone surrogates, NUL, and the characters
`str.splitlines` takes for line breaks that a browser or `\\n`-splitting code does not.
"""

from __future__ import annotations

import gzip
import html

from hypothesis import strategies as st

from tests.ingest.conftest import article_html, gzip_members, warc_record, warcinfo_record

_WORDS = (
    "The",
    "minister",
    "said",
    "told",
    "reporters",
    "on",
    "Monday",
    "that",
    "Iran",
    "Iraq",
    "France",
    "MKO",
    "PMOI",
    "Mojahedin-e",
    "Khalq",
    "Camp",
    "Ashraf",
    "the",
    "government",
    "denied",
    "accused",
    "attacked",
    "talks",
    "had",
    "stalled",
    "according",
    "to",
    "officials",
    "\u201c",
    "\u201d",
    '"',
    ",",
    ".",
    "Home »",
    "Share this",
    "Related posts",
)
_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
# Line breaks to `str.splitlines` but not to `str.split("\n")`.
_ODD_BREAKS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_SEPARATORS = (" ", " ", " ", "\n", "\n\n", "\t", "\u00a0", "\u3000", "\r\n")

hostile_chars = st.one_of(
    st.sampled_from(_ZERO_WIDTH + _BIDI + _ODD_BREAKS + "\x00"),
    st.characters(categories=["Mn", "Me"]),  # combining marks, alone or stacked
    st.characters(categories=["Cs"]),  # lone surrogates
    st.characters(codec="utf-8"),
)


@st.composite
def hostile_text(draw: st.DrawFn, *, max_words: int = 40) -> str:
    """News words with hostile characters inside and between them."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, max_words))):
        word = draw(st.sampled_from(_WORDS))
        if draw(st.booleans()):
            cut = draw(st.integers(0, len(word)))
            noise = draw(st.text(hostile_chars, min_size=1, max_size=3))
            word = word[:cut] + noise + word[cut:]
        parts.append(word)
        parts.append(draw(st.sampled_from(_SEPARATORS)))
    return "".join(parts)


def encode(text: str, codec: str) -> bytes:
    """`text` in `codec`; lone surrogates go through as the bytes a broken encoder writes."""
    if codec == "utf-8":
        return text.encode("utf-8", "surrogatepass")
    if codec.startswith("utf-16"):
        return text.encode(codec, "surrogatepass")
    return text.encode(codec, "replace")


codecs = st.sampled_from(["utf-8", "utf-16", "utf-16-le", "cp1252", "koi8-r", "shift_jis"])

# What a page may claim to be written in: web encodings, labels no codec has, and the names of
# Python's own codecs, which no browser knows (escapes, transforms, UTF-7).
charset_labels = st.sampled_from(
    [
        "utf-8",
        "iso-8859-1",
        "windows-1251",
        "shift_jis",
        "utf-16",
        "bogus-charset",
        "x-user-defined",
        "utf-7",
        "unicode_escape",
        "raw_unicode_escape",
        "punycode",
        "idna",
        "undefined",
        "base64",
        "hex",
        "zlib",
        "rot13",
    ]
)

_TAGS = (
    "p",
    "div",
    "span",
    "article",
    "main",
    "section",
    "h1",
    "h2",
    "b",
    "i",
    "a",
    "ul",
    "li",
    "table",
    "tr",
    "td",
    "nav",
    "header",
    "footer",
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "math",
    "mtext",
    "foreignObject",
    "textarea",
    "title",
    "select",
    "option",
    "xmp",
    "plaintext",
)
_VOID_TAGS = ("br", "img", "meta", "link", "input", "hr", "base")
_ATTRIBUTES = (
    "class",
    "id",
    "href",
    "src",
    "style",
    "onerror",
    "onload",
    "charset",
    "http-equiv",
    "content",
    "itemprop",
    "itemtype",
    "aria-label",
    "xlink:href",
    "property",
    "name",
)
_ATTRIBUTE_VALUES = st.one_of(
    st.sampled_from(
        [
            "javascript:window.pwned=1",
            "breadcrumb",
            "subtitle",
            "https://schema.org/BreadcrumbList",
            "refresh",
            "0;url=http://evil.example/",
            "og:site_name",
            "alternativeHeadline",
        ]
    ),
    charset_labels,
    hostile_text(max_words=4),
)


@st.composite
def _attributes(draw: st.DrawFn) -> str:
    names = draw(st.lists(st.sampled_from(_ATTRIBUTES), max_size=3, unique=True))
    rendered = []
    for name in names:
        value = draw(_ATTRIBUTE_VALUES)
        quote = draw(st.sampled_from(['"', "'", ""]))
        if quote:
            value = value.replace(quote, "")
        else:
            value = "".join(value.split()).replace(">", "") or "x"
        rendered.append(f" {name}={quote}{value}{quote}")
    return "".join(rendered)


_text_node = hostile_text(max_words=12).map(lambda text: html.escape(text, quote=False))
_raw_markup = st.sampled_from(
    [
        "<!-- a comment -->",
        "<![CDATA[ x ]]>",
        "</p>",
        "</div></div></div>",
        "<",
        "&",
        "&amp;lt;script&amp;gt;",
        "&lt;script&gt;window.pwned=1&lt;/script&gt;",
        "&#0;",
        "&#x202e;",
        "&#xd800;",
        "&nbsp;",
        "&lol;",
        "<?xml version='1.0'?>",
    ]
)


def _element(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    @st.composite
    def build(draw: st.DrawFn) -> str:
        tag = draw(st.sampled_from(_TAGS))
        inner = "".join(draw(st.lists(children, max_size=4)))
        closed = draw(st.integers(0, 9)) > 0  # now and then left open, as real pages do
        return f"<{tag}{draw(_attributes())}>{inner}{f'</{tag}>' if closed else ''}"

    return build()


_void = st.builds(
    lambda tag, attributes: f"<{tag}{attributes}>", st.sampled_from(_VOID_TAGS), _attributes()
)
markup = st.recursive(st.one_of(_text_node, _raw_markup, _void), _element, max_leaves=30)


@st.composite
def html_pages(draw: st.DrawFn) -> str:
    """A page of random markup, often around an article long enough for trafilatura to keep.

    The page declares a charset (in `<meta>` or an XML declaration) that may not be the one it
    is encoded in, or not one at all.
    """
    body = "".join(draw(st.lists(markup, max_size=6)))
    label = draw(charset_labels)
    charset = draw(st.sampled_from(["", f"<meta charset='{label}'>"]))
    if draw(st.booleans()):
        page = article_html(draw(_text_node), draw(_text_node), extra_head=draw(markup))
        return page.replace("<meta charset='utf-8'>", charset).replace(
            "</article>", body + "</article>"
        )
    doctype = draw(
        st.sampled_from(["", "<!DOCTYPE html>", f"<?xml version='1.0' encoding='{label}'?>"])
    )
    return f"{doctype}<html><head>{charset}{draw(markup)}</head><body>{body}</body></html>"


_STATUSES = ("200 OK", "200 OK", "200 OK", "404 Not Found", "301 Moved", "200", "abc", "")
_CONTENT_TYPES = st.one_of(
    st.sampled_from(["text/html", "application/xhtml+xml", "image/png", ""]),
    charset_labels.map(lambda label: f"text/html; charset={label}"),
)
_HTTP_EXTRAS = (
    "",
    "Content-Encoding: gzip\r\n",
    "Content-Encoding: deflate\r\n",
    "Content-Encoding: br\r\n",
    "Transfer-Encoding: chunked\r\n",
    "X-Garbage\r\n",
)


@st.composite
def _payload(draw: st.DrawFn, extra: str) -> bytes:
    """A page (three times in four, so that archives often hold a document) or random bytes."""
    if draw(st.integers(0, 3)):
        data = encode(draw(html_pages()), draw(codecs))
    else:
        data = draw(st.binary(max_size=200))
    if "gzip" in extra and draw(st.booleans()):
        data = gzip.compress(data)
    if "chunked" in extra and draw(st.booleans()):
        data = b"%x\r\n%b\r\n0\r\n\r\n" % (len(data), data)
    return data


@st.composite
def _record(draw: st.DrawFn) -> bytes:
    extra = draw(st.sampled_from(_HTTP_EXTRAS))
    payload = draw(_payload(extra))
    declared = draw(st.one_of(st.none(), st.integers(0, len(payload) + 300)))
    return warc_record(
        draw(st.sampled_from(["https://news.example/a", "http://x/\u202e", "not a uri", ""])),
        payload,
        status=draw(st.sampled_from(_STATUSES)),
        content_type=draw(_CONTENT_TYPES),
        http_extra=extra,
        record_type=draw(st.sampled_from(["response", "response", "request", "resource"])),
        date=draw(st.sampled_from(["2011-06-20T10:00:00Z", "yesterday", ""])),
        declared_length=declared,
    )


@st.composite
def warc_archives(draw: st.DrawFn) -> bytes:
    """Records from the ingest tests' builders, some lying, then gzipped, cut or flipped."""
    records = draw(st.lists(st.one_of(_record(), st.just(warcinfo_record())), max_size=4))
    data = gzip_members(*records) if draw(st.booleans()) else b"".join(records)
    damage = draw(st.sampled_from(["none", "none", "none", "cut", "flip"]))
    if damage != "none" and data:
        at = draw(st.integers(0, len(data) - 1))
        data = (
            data[:at] if damage == "cut" else data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1 :]
        )
    return data
