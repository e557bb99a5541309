"""End-to-end tests of `newsledger analyze` as a person or a script runs it."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from newsledger.cli import main
from newsledger.schema import SCHEMA_ID

from .conftest import REPO, SEED
from .ingest.conftest import article_html, warc_record, warcinfo_record

PTC_LIKE = "Brexit talks stall again\n\nThe minister said on Monday that talks had stalled.\n"


def run_cli(
    capsys: pytest.CaptureFixture[str], *args: str, stdin: bytes | None = None
) -> tuple[int, str, str]:
    if stdin is not None:
        sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
    try:
        code = main(list(args))
    finally:
        sys.stdin = sys.__stdin__
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_one_path_prints_one_json_object(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "analyze", str(SEED))
    assert code == 0, err
    analysis = json.loads(out)
    assert analysis["schema"] == SCHEMA_ID
    assert analysis["document"]["section"] == ["Iraq"]
    assert analysis["document"]["text"].startswith("The Iraqi government summoned")
    assert "You may also like" in " ".join(analysis["document"]["removed"])
    assert {"statements", "events", "framing"} <= analysis.keys()


def test_several_paths_print_json_lines_in_the_order_given(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    second = tmp_path / "a.txt"
    second.write_text(PTC_LIKE, encoding="utf-8")
    code, out, err = run_cli(capsys, "analyze", str(SEED), str(second))
    assert code == 0, err
    lines = out.splitlines()
    assert len(lines) == 2
    titles = [json.loads(line)["document"]["title"] for line in lines]
    assert titles[1] == "Brexit talks stall again"
    assert "MKO" in titles[0]


def test_a_directory_is_read_in_name_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for name, title in (("b.txt", "Second title here"), ("a.txt", "First title here")):
        (tmp_path / name).write_text(f"{title}\n\nSomebody said something today.\n", "utf-8")
    code, out, _ = run_cli(capsys, "analyze", str(tmp_path))
    assert code == 0
    titles = [json.loads(line)["document"]["title"] for line in out.splitlines()]
    assert titles == ["First title here", "Second title here"]


def test_jobs_give_the_same_output_in_the_same_order(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    for number in range(10):
        (tmp_path / f"{number:02d}.txt").write_text(
            f"Title number {number}\n\nThe minister said on Monday that talk {number} stalled.\n",
            encoding="utf-8",
        )
    (tmp_path / "05b.txt").write_bytes(b"")
    one = run_cli(capsys, "analyze", str(tmp_path))
    two = run_cli(capsys, "analyze", "--jobs", "2", str(tmp_path))
    assert one[0] == two[0] == 1  # the empty file failed, the rest did not
    assert one[1] == two[1] and len(two[1].splitlines()) == 10
    assert "05b.txt: the file is empty" in two[2] and len(two[2].strip().splitlines()) == 1


def test_raw_text_keeps_the_file_as_the_body(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "article.txt"
    path.write_text(PTC_LIKE, encoding="utf-8")
    code, out, _ = run_cli(capsys, "analyze", "--raw-text", str(path))
    assert code == 0
    document = json.loads(out)["document"]
    assert document["text"] == PTC_LIKE
    assert document["title"] is None and document["removed"] == []


def test_markdown_report_is_readable(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "analyze", "--format", "markdown", str(SEED))
    assert code == 0
    assert out.startswith("# Iraq – France relations strained over MKO terrorists event in Paris")
    assert "## Entities" in out and "Mojahedin-e Khalq Organization" in out
    assert "PMOI" in out
    for heading in ("## Statements", "## Events", "## Labels", "## Sourcing"):
        assert heading in out


def test_stdin_is_read_with_a_dash(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "analyze", "-", stdin=PTC_LIKE.encode())
    assert code == 0
    assert json.loads(out)["document"]["title"] == "Brexit talks stall again"


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), "binary")],
    ids=["empty", "binary"],
)
def test_bad_input_gives_one_line_and_exit_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, content: bytes, reason: str
) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    code, out, err = run_cli(capsys, "analyze", str(path))
    assert code == 2
    assert out == ""
    assert len(err.strip().splitlines()) == 1
    assert str(path) in err and reason in err.lower()


def test_missing_path_is_reported(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run_cli(capsys, "analyze", str(tmp_path / "nowhere.html"))
    assert (code, out) == (2, "")
    assert "nowhere.html" in err and "Traceback" not in err


def test_a_bad_input_in_a_batch_does_not_stop_the_others(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(PTC_LIKE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    code, out, err = run_cli(capsys, "analyze", str(empty), str(good))
    assert code == 1
    assert [json.loads(line)["document"]["title"] for line in out.splitlines()] == [
        "Brexit talks stall again"
    ]
    assert "empty.txt" in err


def test_unknown_option_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "analyze", "--no-such-option", str(SEED))
    assert code == 2
    assert err.startswith("newsledger: ") and "Traceback" not in err


def test_the_installed_command_and_python_m_both_work() -> None:
    for command in (
        [str(Path(sys.executable).parent / "newsledger"), "analyze", str(SEED)],
        [sys.executable, "-m", "newsledger", "analyze", str(SEED)],
    ):
        result = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout)["document"]["section"] == ["Iraq"]


def test_one_archive_is_spread_over_the_jobs_with_the_same_output(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    records = [warcinfo_record()]
    for number in range(12):
        page = article_html(f"Assembly vote {number}", f"close road number {number}")
        records.append(warc_record(f"https://example.org/{number}", page.encode()))
        if number == 6:
            records.append(warc_record("https://example.org/empty", b""))
    archive = tmp_path / "crawl.warc"
    archive.write_bytes(b"".join(records))
    page = tmp_path / "after.txt"
    page.write_text(PTC_LIKE, encoding="utf-8")
    one = run_cli(capsys, "analyze", str(archive), str(page))
    two = run_cli(capsys, "analyze", "--jobs", "2", str(archive), str(page))
    assert one[0] == two[0] == 1  # the empty record failed, the rest did not
    titles = [json.loads(line)["document"]["title"] for line in two[1].splitlines()]
    assert titles == [*(f"Assembly vote {n}" for n in range(12)), "Brexit talks stall again"]
    assert one[1] == two[1]
    assert one[2] == two[2] and "crawl.warc#record-9" in two[2]


@pytest.mark.parametrize(("stop", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_stopping_the_jobs_leaves_no_traceback(
    tmp_path: Path, stop: signal.Signals, code: int
) -> None:
    # A session of its own: Ctrl-C reaches the whole process group, as from a terminal.
    running = _busy_jobs(tmp_path, start_new_session=True)
    if stop == signal.SIGINT:
        os.killpg(running.pid, stop)
    else:
        running.send_signal(stop)
    _, err = running.communicate(timeout=60)
    assert running.returncode == code
    assert b"Traceback" not in err, err.decode()


def test_a_worker_killed_mid_run_is_one_line_not_a_hang(tmp_path: Path) -> None:
    running = _busy_jobs(tmp_path)
    os.kill(_workers_of(running.pid)[0], signal.SIGKILL)  # as the out-of-memory killer would
    _, err = running.communicate(timeout=60)
    assert running.returncode == 2
    assert err.decode().strip().endswith("lower batch_size in the --config file")
    assert b"a worker process died" in err and b"Traceback" not in err


def test_workers_end_quietly_when_their_parent_is_killed(tmp_path: Path) -> None:
    running = _busy_jobs(tmp_path)
    assert running.stderr is not None
    workers = _workers_of(running.pid)
    assert workers
    running.kill()
    running.wait(timeout=10)
    # The workers hold the pipe's other end: it closes when the last of them has ended.
    err = running.stderr.read()
    assert not [pid for pid in workers if _alive(pid)]
    assert b"Traceback" not in err, err.decode()


def _busy_jobs(folder: Path, *, start_new_session: bool = False) -> subprocess.Popen[bytes]:
    """`analyze --jobs 2` on 40 articles written into `folder`, once its first result is out
    (the workers are busy)."""
    for number in range(40):
        (folder / f"{number:02d}.txt").write_text(
            f"Title number {number}\n\n" + "The minister said on Monday that talks stalled. " * 60,
            encoding="utf-8",
        )
    command = [sys.executable, "-m", "newsledger", "analyze", "--jobs", "2", str(folder)]
    running = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=start_new_session,
    )
    assert running.stdout is not None
    running.stdout.readline()
    return running


def _alive(pid: int) -> bool:
    """Whether a process runs: not gone, and not a zombie that its new parent has not reaped."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()[0]
    except OSError:
        return False
    return state != "Z"


def _workers_of(parent: int) -> list[int]:
    """The pool workers among `parent`'s child processes, read from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent_field = int(stat.read_text().rpartition(")")[2].split()[1])
            command = (stat.parent / "cmdline").read_bytes()
        except (OSError, ValueError):
            continue  # a process that ended meanwhile
        if parent_field == parent and b"spawn_main" in command:
            found.append(int(stat.parent.name))
    return found
