"""Process and Spark parallelism on one machine, side by side in one run.

    .venv/bin/python bench/scale_speed.py [--articles DIR] [--shards 8] [--json]

The articles (default: the 371 PTC training articles) are wrapped as HTML pages into
`--shards` WARC archives in a temporary folder; the same archives then go through, each in a
fresh process:

- `newsledger analyze --jobs 1` held to one core (`taskset`), then free, and `--jobs 2`
  (output to /dev/null);
- `newsledger spark run --master local[1]` held to one core, and `local[2]` (Parquet to a
  temporary folder).

Reported: wall seconds (process start to exit, so start-up is included alike), documents
per second, the ratios the scale issue asks for, and peak memory: for `analyze`, the largest
resident set of the command and its workers (`wait4`'s rusage); for Spark, the largest Python
worker's (the job's `peak_worker_mb` accumulator; the JVM is not counted).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from install import install_kind, warn_if_training_install

REPO = Path(__file__).resolve().parents[1]
DEFAULT_ARTICLES = REPO.parent / "shared/data/ptc/train-articles"
CLI = [sys.executable, "-m", "newsledger"]
ONE_CORE = ["taskset", "--cpu-list", "0"]
# A day of CC-NEWS, for the sizing note: the order of magnitude the scale issue names
# ("hundreds of thousands of articles a day").
ARTICLES_A_DAY = 300_000


def page(text: str) -> bytes:
    title, _, body = text.strip().partition("\n")
    paragraphs = "".join(
        f"<p>{html.escape(line)}</p>" for line in body.splitlines() if line.strip()
    )
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
        f"</head><body><article><h1>{html.escape(title)}</h1>{paragraphs}</article></body></html>"
    ).encode()


def record(uri: str, payload: bytes) -> bytes:
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + payload
    header = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\n"
        f"WARC-Date: 2019-06-20T10:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, uri)}>\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(block)}\r\n\r\n"
    )
    return header.encode() + block + b"\r\n\r\n"


def build_shards(articles: list[Path], shards: int, folder: Path) -> list[Path]:
    paths = []
    for number in range(shards):
        chunk = articles[number::shards]
        path = folder / f"shard-{number:02d}.warc"
        path.write_bytes(
            b"".join(
                record(f"https://example.org/{p.stem}", page(p.read_text("utf-8"))) for p in chunk
            )
        )
        paths.append(path)
    return paths


def timed(command: list[str], stdout: int | None = None) -> tuple[float, int, str]:
    """Wall seconds, peak RSS in MB of the command and its descendants, and its stdout."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command,
        stdout=stdout if stdout is not None else subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        cwd=REPO,
    )
    out = process.stdout.read() if process.stdout is not None else b""
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"failed: {' '.join(command)}")
    return seconds, usage.ru_maxrss // 1024, out.decode()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--shards", type=int, default=8)
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    args = parser.parse_args()
    warn_if_training_install()
    articles = sorted(args.articles.glob("*.txt"))
    if not articles:
        raise SystemExit(f"no articles in {args.articles}")
    results: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        shards = build_shards(articles, args.shards, folder)
        # `--jobs 1` already keeps two cores busy (the technique tagger runs on a thread beside
        # spaCy), so it is also measured held to one core, the baseline a worker count scales.
        runs = {
            "analyze --jobs 1, one core": [*ONE_CORE, *CLI, "analyze", "--jobs", "1"],
            "analyze --jobs 1": [*CLI, "analyze", "--jobs", "1"],
            "analyze --jobs 2": [*CLI, "analyze", "--jobs", "2"],
        }
        for name, command in runs.items():
            with open(os.devnull, "wb") as sink:
                seconds, peak, _ = timed([*command, *map(str, shards)], sink.fileno())
            results[name] = {"seconds": seconds, "peak_mb": peak}
            print(f"{name}: {seconds:.1f} s, peak {peak} MB", file=sys.stderr)
        listing = folder / "archives.txt"
        listing.write_text("".join(f"{path}\n" for path in shards), encoding="utf-8")
        for cores in (1, 2):
            output = folder / f"out-{cores}"
            seconds, _, out = timed(
                [
                    *(ONE_CORE if cores == 1 else []),
                    *CLI,
                    "spark",
                    "run",
                    "--input",
                    str(listing),
                    "--output",
                    str(output),
                    "--master",
                    f"local[{cores}]",
                    "--json",
                ]
            )
            report = json.loads(out)
            if report["records"] != len(articles):
                raise SystemExit(f"spark analysed {report['records']} of {len(articles)}")
            name = "spark local[1], one core" if cores == 1 else "spark local[2]"
            results[name] = {
                "seconds": seconds,
                "peak_mb": report["peak_worker_mb"],
                "job_seconds": report["seconds"],
            }
            print(f"{name}: {seconds:.1f} s", file=sys.stderr)
    for row in results.values():
        row["documents_per_s"] = len(articles) / row["seconds"]
    ratios = {
        "analyze --jobs 2 / --jobs 1": results["analyze --jobs 2"]["documents_per_s"]
        / results["analyze --jobs 1"]["documents_per_s"],
        "analyze --jobs 2 / --jobs 1 on one core": results["analyze --jobs 2"]["documents_per_s"]
        / results["analyze --jobs 1, one core"]["documents_per_s"],
        "spark local[2] / local[1] on one core": results["spark local[2]"]["documents_per_s"]
        / results["spark local[1], one core"]["documents_per_s"],
        "spark local[1] / analyze --jobs 1, both on one core": results["spark local[1], one core"][
            "documents_per_s"
        ]
        / results["analyze --jobs 1, one core"]["documents_per_s"],
    }
    per_core = results["analyze --jobs 1, one core"]["documents_per_s"]
    summary = {
        "machine": f"{os.cpu_count()} cores, Python {platform.python_version()}, {install_kind()}",
        "documents": len(articles),
        "shards": args.shards,
        "results": results,
        "ratios": ratios,
        "documents_per_core_s": per_core,
        "cores_for_a_day_in_a_day": ARTICLES_A_DAY / (per_core * 86_400),
        "cores_for_a_day_in_an_hour": ARTICLES_A_DAY / (per_core * 3_600),
    }
    if args.json:
        print(json.dumps(summary, indent=1))
        return 0
    print(f"{len(articles)} documents in {args.shards} WARC shards; {summary['machine']}\n")
    print("| run | seconds | documents/s | peak memory (MB) |\n|---|---|---|---|")
    for name, row in results.items():
        print(
            f"| {name} | {row['seconds']:.1f} | {row['documents_per_s']:.2f} | {row['peak_mb']} |"
        )
    print()
    for name, value in ratios.items():
        print(f"- {name}: {value:.2f}×")
    print(
        f"- per core: {per_core:.2f} documents/s; {ARTICLES_A_DAY:,} articles a day need "
        f"{summary['cores_for_a_day_in_a_day']:.1f} cores to keep up, "
        f"{summary['cores_for_a_day_in_an_hour']:.0f} to do a day in an hour"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
