"""Coverage-guided fuzzing of the input gate with atheris (libFuzzer); `make fuzz` runs it.

    .venv/bin/python scripts/fuzz_ingest.py [--workdir build/fuzz] [libFuzzer flags]

An input's first byte picks the name it arrives under (which decides between HTML, plain text,
gzip and WARC, as a file's name does) and whether `--raw-text` is on; the rest is the body.
`load_bytes` must yield only documents and one-line ingest errors, and every document must be
storable (no NUL, no lone surrogate). Anything else, an exception included, is a crash:
libFuzzer saves the input as `crash-<sha1>` in the working folder and stops. libFuzzer also
bounds each input's time and memory (`-timeout`, `-rss_limit_mb`; `make fuzz` sets 10 s and
2,048 MB) and reports a slow or bloated input the same way.

The corpus grows in `corpus/` of the work folder, seeded from its `seeds/`: the hostile pages of
`tests/hardening/hostile`, the ingest fixture, `examples/seed.txt` and a WARC archive holding
one of them, each written under the name it was made for. A crash file replays with
`.venv/bin/python scripts/fuzz_ingest.py crash-<sha1>`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import atheris

# trafilatura is pure Python and does most of the HTML work, so its branches guide the search too.
with atheris.instrument_imports(include=["newsledger", "trafilatura"]):
    from newsledger.errors import NewsledgerError
    from newsledger.ingest import load_bytes
    from newsledger.schema import Document, unstorable_strings

REPO = Path(__file__).resolve().parents[1]
NAMES = ("page.html", "page.txt", "page", "crawl.warc", "crawl.warc.gz", "page.html.gz", "-")
# Bit 7 of the first byte turns `--raw-text` on; the rest picks a name.
RAW_TEXT_BIT = 0x80


def check(data: bytes) -> None:
    """One input through `load_bytes`; an `AssertionError` or any other exception is a crash."""
    if not data:
        return
    name = NAMES[(data[0] & ~RAW_TEXT_BIT) % len(NAMES)]
    for item in load_bytes(data[1:], name=name, raw_text=bool(data[0] & RAW_TEXT_BIT)):
        if isinstance(item, Document):
            unstorable = unstorable_strings(item)
            assert not unstorable, f"cannot be stored: {unstorable[0]!r:.80}"
        else:
            assert isinstance(item, NewsledgerError), repr(item)
            assert item.message.strip() and "\n" not in item.message, repr(item.message)


def _warc(body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    header = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Date: 2016-03-01T10:00:00Z\r\n"
        b"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000001>\r\n"
        b"WARC-Target-URI: https://news.example/a\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(len(http)).encode() + b"\r\n\r\n"
    )
    return header + http + b"\r\n\r\n"


def write_seeds(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    pages = sorted((REPO / "tests" / "hardening" / "hostile").iterdir())
    pages.append(REPO / "tests" / "ingest" / "fixtures" / "article.html")
    seeds = {path.name: NAMES.index("page.html").to_bytes() + path.read_bytes() for path in pages}
    seeds["seed.txt"] = (
        NAMES.index("page.txt").to_bytes() + (REPO / "examples" / "seed.txt").read_bytes()
    )
    seeds["article.warc"] = NAMES.index("crawl.warc").to_bytes() + _warc(pages[-1].read_bytes())
    for name, data in seeds.items():
        (folder / name).write_bytes(data)


def main() -> None:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--workdir", type=Path, default=REPO / "build" / "fuzz")
    options, libfuzzer_arguments = parser.parse_known_args()
    seeds, corpus = options.workdir / "seeds", options.workdir / "corpus"
    write_seeds(seeds)
    corpus.mkdir(parents=True, exist_ok=True)
    replaying = any(Path(argument).is_file() for argument in libfuzzer_arguments)
    folders = [] if replaying else [str(corpus), str(seeds)]
    atheris.Setup([sys.argv[0], *libfuzzer_arguments, *folders], check)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
