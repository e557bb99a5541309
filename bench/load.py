"""Load on the reader: concurrent readers mixing article, entity and search pages, on loopback.

    .venv/bin/python bench/load.py --db STORE [--readers 50] [--seconds 60]

1. `newsledger serve --db STORE` starts on a free loopback port, as a user would start it.
2. Page addresses are drawn from the store itself, written as the reader's own links write
   them: documents, the entities mentioned most (whose pages are the heaviest), and searches
   of title words, alone, as phrases and with a filter (site, entity or a date range).
3. `--readers` readers (asyncio tasks, one connection each) each loop for `--seconds`: pick an
   article page (40%), an entity page (20%) or a search page (40%), fetch it, record the time
   from request to the last byte, and go again at once, without think time, so the figures are
   the server's latency under a steady queue of that many requests.
4. Any status other than 200, and any connection error or timeout (`--timeout`, 30 s), is an
   error.

Prints a Markdown table: requests, errors, p50 / p95 / p99 per page kind and overall, and the
requests per second; then each error's reason and address, on standard error. Build a large
store first, e.g. with `bench/store_speed.py --keep-sqlite`. The address is always 127.0.0.1:
this script never sends a request anywhere else.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlencode

import httpx
from sqlalchemy import func, select
from store_speed import most_mentioned  # beside this script in bench/

from newsledger.corpus import open_database
from newsledger.corpus.models import DocumentRow
from newsledger.web.rendering import urlpath

HOST = "127.0.0.1"
KINDS = ("article", "entity", "search")
WEIGHTS = (0.4, 0.2, 0.4)
SAMPLE = 2000
TOP_ENTITIES = 200


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def addresses(store: str, rng: random.Random) -> dict[str, list[str]]:
    """Pages of each kind, drawn from what the store holds."""
    with open_database(store, migrate=False) as database, database.reading() as session:
        count = session.scalar(select(func.count()).select_from(DocumentRow)) or 0
        if not count:
            raise SystemExit(f"load: the store {store} holds no documents")
        picks = sorted(rng.sample(range(1, count + 1), min(SAMPLE, count)))
        documents = session.execute(
            select(DocumentRow.id, DocumentRow.title, DocumentRow.site).where(
                DocumentRow.pk.in_(picks)
            )
        ).all()
        entities = most_mentioned(session, TOP_ENTITIES)
    words = [
        word
        for row in documents
        for word in (row.title or "").split()
        if word.isalpha() and len(word) > 3
    ]
    if not words:
        raise SystemExit(f"load: the store {store} has no titles to draw search words from")
    searches = []
    for _ in range(SAMPLE):
        roll = rng.random()
        params: dict[str, str] = {"q": rng.choice(words)}
        if roll < 0.25:
            start = rng.randrange(len(words) - 1)
            params["q"] = f'"{words[start]} {words[start + 1]}"'
        elif roll < 0.5:
            row = rng.choice(documents)
            if row.site:
                params["site"] = row.site
        elif roll < 0.75:
            params["entity"] = rng.choice(entities)
        else:
            year = rng.randrange(2010, 2020)
            params.update({"since": f"{year}-01-01", "until": f"{year}-12-31"})
        searches.append("/search?" + urlencode(params))
    return {
        "article": [f"/articles/{row.id}" for row in documents],
        "entity": [f"/entities/{urlpath(name)}" for name in entities],
        "search": searches,
    }


async def reader(
    client: httpx.AsyncClient,
    pages: dict[str, list[str]],
    deadline: float,
    rng: random.Random,
    timings: dict[str, list[float]],
    errors: dict[str, list[str]],
) -> None:
    while time.perf_counter() < deadline:
        kind = rng.choices(KINDS, WEIGHTS)[0]
        address = rng.choice(pages[kind])
        started = time.perf_counter()
        try:
            response = await client.get(address)
            failure = "" if response.status_code == 200 else f"status {response.status_code}"
        except httpx.HTTPError as exc:
            failure = type(exc).__name__
        if failure:
            errors[kind].append(f"{failure}: {address}")
        else:
            timings[kind].append(1000 * (time.perf_counter() - started))


async def run_load(
    base: str, pages: dict[str, list[str]], readers: int, seconds: float, timeout: float
) -> tuple[dict[str, list[float]], dict[str, list[str]], float]:
    timings: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    limits = httpx.Limits(max_connections=readers, max_keepalive_connections=readers)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=timeout) as client:
        started = time.perf_counter()
        deadline = started + seconds
        await asyncio.gather(
            *(
                reader(client, pages, deadline, random.Random(number), timings, errors)
                for number in range(readers)
            )
        )
        elapsed = time.perf_counter() - started
    return timings, errors, elapsed


def _wait_until_up(base: str, server: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"load: the reader exited with status {server.returncode}")
        try:
            if httpx.get(base + "/", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.5)
    raise SystemExit("load: the reader did not answer within a minute")


def _percentiles(values: list[float]) -> str:
    if len(values) < 2:
        return "–"
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return f"{cuts[49]:.0f} / {cuts[94]:.0f} / {cuts[98]:.0f}"


def table(timings: dict[str, list[float]], errors: dict[str, list[str]], elapsed: float) -> str:
    lines = [
        "| page | requests | errors | p50 / p95 / p99 (ms) |",
        "|---|---|---|---|",
    ]
    for kind in KINDS:
        lines.append(
            f"| {kind} | {len(timings[kind])} | {len(errors[kind])} |"
            f" {_percentiles(timings[kind])} |"
        )
    every = [value for values in timings.values() for value in values]
    failed = sum(len(reasons) for reasons in errors.values())
    lines.append(f"| all | {len(every)} | {failed} | {_percentiles(every)} |")
    lines.append("")
    lines.append(f"{len(every) / elapsed:.1f} requests/s over {elapsed:.0f} s")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", required=True, help="the store: a SQLite path or database URL")
    parser.add_argument("--readers", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--timeout", type=float, default=30)
    args = parser.parse_args()
    if "://" not in args.db and not Path(args.db).is_file():
        raise SystemExit(f"load: no store at {args.db}")
    pages = addresses(args.db, random.Random(5))
    port = _free_port()
    base = f"http://{HOST}:{port}"
    command = [sys.executable, "-m", "newsledger", "serve", "--db", args.db]
    server = subprocess.Popen(
        [*command, "--host", HOST, "--port", str(port)],
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        _wait_until_up(base, server)
        print(f"{args.readers} readers for {args.seconds:.0f} s against {args.db}", file=sys.stderr)
        timings, errors, elapsed = asyncio.run(
            run_load(base, pages, args.readers, args.seconds, args.timeout)
        )
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(table(timings, errors, elapsed))
    for reason in sorted(reason for reasons in errors.values() for reason in reasons):
        print(f"error: {reason}", file=sys.stderr)


if __name__ == "__main__":
    main()
