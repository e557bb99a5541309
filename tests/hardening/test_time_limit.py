"""The per-document time limit: a document whose analysis runs past `max_analysis_seconds`
becomes a one-line error, and the documents after it are analysed as usual."""

from __future__ import annotations

import signal
import threading
import time
from pathlib import Path

import pytest

import newsledger.analyze.pipeline as pipeline
from newsledger.analyze.pipeline import Analyzer, _Overtime, _time_limit
from newsledger.cli import main
from newsledger.config import Settings
from newsledger.errors import AnalysisError
from newsledger.schema import Analysis, Document

SLOW_MARK = "stalls the event coder"


@pytest.fixture
def slow_events(monkeypatch: pytest.MonkeyPatch) -> None:
    """Events take ten seconds on any document that carries `SLOW_MARK`."""
    find_events = pipeline.find_events

    def stalling(doc, *args, **kwargs):  # type: ignore[no-untyped-def]
        if SLOW_MARK in doc.text:
            time.sleep(10)
        return find_events(doc, *args, **kwargs)

    monkeypatch.setattr(pipeline, "find_events", stalling)


def test_a_document_past_the_limit_is_an_error_and_the_next_one_is_analysed(
    slow_events: None,
) -> None:
    analyzer = Analyzer(Settings(max_analysis_seconds=0.5))
    documents = [
        Document(id="slow", text=f"The minister said the talks had stalled. It {SLOW_MARK}."),
        Document(id="quick", text="The minister said on Monday that the talks had stalled."),
    ]
    started = time.perf_counter()
    slow, quick = analyzer.analyze_stream(documents)
    assert time.perf_counter() - started < 8
    assert isinstance(slow, AnalysisError)
    assert str(slow) == "slow: the analysis took over 0.5 s (max_analysis_seconds)"
    assert isinstance(quick, Analysis) and quick.statements


def test_the_cli_reports_it_in_one_line_and_exits_non_zero(
    slow_events: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "newsledger.toml"
    config.write_text("[newsledger]\nmax_analysis_seconds = 0.5\n", encoding="utf-8")
    page = tmp_path / "slow.txt"
    page.write_text(f"The minister said the talks had stalled. It {SLOW_MARK}.\n", "utf-8")
    code = main(["analyze", "--config", str(config), str(page)])
    err = capsys.readouterr().err
    assert code != 0
    (line,) = err.strip().splitlines()
    assert line.startswith("newsledger: ")
    assert line.endswith(": the analysis took over 0.5 s (max_analysis_seconds)")


def test_the_alarm_is_cleared_after_the_block() -> None:
    with _time_limit(5):
        pass
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is signal.SIG_DFL


def test_outside_the_main_thread_no_limit_is_set() -> None:
    outcome: list[str] = []

    def work() -> None:
        with _time_limit(0.05):
            time.sleep(0.2)
        outcome.append("finished")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == ["finished"]


def test_an_alarm_the_program_set_itself_is_left_alone() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.3)
        with _time_limit(0.05):
            time.sleep(0.1)
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
        time.sleep(0.4)
        assert fired == [signal.SIGALRM]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def test_the_limit_interrupts_the_block() -> None:
    with pytest.raises(_Overtime), _time_limit(0.05):
        time.sleep(2)
