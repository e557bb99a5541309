"""Analyse documents: one spaCy pass per document, then each stage reads the parsed Doc."""

from __future__ import annotations

import signal
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from itertools import islice
from types import FrameType

from spacy.tokens import Doc

from newsledger.analyze.aliases import load_alias_table
from newsledger.analyze.attribution import find_statements, sourcing_profile
from newsledger.analyze.attribution_cues import load_attribution_cues
from newsledger.analyze.attribution_model import load_attribution_tagger
from newsledger.analyze.entities import EntityFinder, EntityIndex
from newsledger.analyze.events import find_events
from newsledger.analyze.events_lexicon import load_event_lexicon
from newsledger.analyze.framing import find_labels, find_techniques
from newsledger.analyze.framing_model import Encoded, load_encoder
from newsledger.analyze.nlp import load_nlp
from newsledger.config import Settings
from newsledger.errors import AnalysisError, NewsledgerError
from newsledger.schema import Analysis, Document, Framing, TechniqueSpan


class Analyzer:
    """Holds the pipeline and every stage's resources, built once and reused for each document."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()
        self.nlp = load_nlp(self.settings.max_text_chars)
        self.entity_finder = EntityFinder(load_alias_table())
        self.attribution_cues = load_attribution_cues()
        self.attribution_tagger = load_attribution_tagger()
        self.encoder = load_encoder(threads=1)
        # The document encoder runs in ONNX Runtime, which releases the GIL: `analyze_stream`
        # runs it for a batch on this thread while spaCy parses the batch on the main one.
        self._encoder_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="encoder")
        self.event_lexicon = load_event_lexicon()
        # Cumulative seconds per stage, for `bench/analyze_speed.py`'s breakdown.
        self.timings: dict[str, float] = defaultdict(float)

    def analyze(self, document: Document) -> Analysis:
        return self._analyze_parsed(document, self.nlp(document.text))

    def analyze_many(self, documents: Iterable[Document]) -> Iterator[Analysis]:
        for item in self.analyze_stream(documents):
            if isinstance(item, NewsledgerError):
                raise item
            yield item

    def analyze_stream(
        self, items: Iterable[Document | NewsledgerError]
    ) -> Iterator[Analysis | NewsledgerError]:
        """Analyse documents in batches through `nlp.pipe`; errors pass through in their place.

        The output keeps the input order, so a batch's failures are reported where they arose.
        The next batch is read, and queued for the encoder, before this one is parsed: the
        encoder is the slower of the two threads, and so it never waits for the main one.
        """
        iterator = iter(items)
        batch = list(islice(iterator, self.settings.batch_size))
        queued = self._queue_encodings(batch)
        while batch:
            upcoming = list(islice(iterator, self.settings.batch_size))
            upcoming_queued = self._queue_encodings(upcoming)
            documents = [item for item in batch if isinstance(item, Document)]
            encodings = iter(queued)
            parsed = iter(self.nlp.pipe(document.text for document in documents))
            for item in batch:
                if isinstance(item, NewsledgerError):
                    yield item
                    continue
                started = time.perf_counter()
                doc = next(parsed)
                self.timings["spacy"] += time.perf_counter() - started
                pending = next(encodings)
                result: Analysis | NewsledgerError
                try:
                    result = self._analyze_parsed(item, doc, pending)
                except AnalysisError as exc:
                    result = exc
                except Exception as exc:
                    # A stage's bug on one strange document must not cost the rest of the batch,
                    # and the person running the batch gets its reason, not a traceback.
                    result = AnalysisError(
                        f"analysis failed: {type(exc).__name__}: {exc}", source=item.url or item.id
                    )
                yield result
            batch, queued = upcoming, upcoming_queued

    def _queue_encodings(
        self, batch: list[Document | NewsledgerError]
    ) -> list[Future[tuple[Encoded, list[TechniqueSpan]]]]:
        return [
            self._encoder_pool.submit(self._encode, item.text)
            for item in batch
            if isinstance(item, Document)
        ]

    def _encode(self, text: str) -> tuple[Encoded, list[TechniqueSpan]]:
        """The encoder's pass over `text` and the technique spans it gives."""
        started = time.perf_counter()
        encoded = self.encoder.encode(text)
        spans = find_techniques(text, self.encoder, encoded, self.settings.technique_threshold)
        # Mostly spent beside spaCy in `analyze_stream`, so not a share of the wall time.
        self.timings["encoder (parallel)"] += time.perf_counter() - started
        return encoded, spans

    def _analyze_parsed(
        self,
        document: Document,
        doc: Doc,
        encoding: Future[tuple[Encoded, list[TechniqueSpan]]] | None = None,
    ) -> Analysis:
        """The stages after parsing, within `max_analysis_seconds` (spaCy's own time is bounded
        by `max_text_chars`); past it, an `AnalysisError` that names the limit."""
        limit = self.settings.max_analysis_seconds
        try:
            with _time_limit(limit):
                return self._stages(document, doc, encoding)
        except _Overtime:
            raise AnalysisError(
                f"the analysis took over {limit:g} s (max_analysis_seconds)",
                source=document.url or document.id,
            ) from None

    def _stages(
        self,
        document: Document,
        doc: Doc,
        encoding: Future[tuple[Encoded, list[TechniqueSpan]]] | None,
    ) -> Analysis:
        started = time.perf_counter()
        # Time waited here, not the encoder's own time, when it ran beside spaCy.
        encoded, techniques = (
            encoding.result() if encoding is not None else self._encode(document.text)
        )
        self.timings["encoder"] += time.perf_counter() - started
        started = time.perf_counter()
        entities = self.entity_finder(doc)
        self.timings["entities"] += time.perf_counter() - started
        started = time.perf_counter()
        statements = find_statements(
            doc, EntityIndex(entities), self.attribution_cues, self.attribution_tagger, encoded
        )
        sourcing = sourcing_profile(doc, statements)
        self.timings["attribution"] += time.perf_counter() - started
        started = time.perf_counter()
        events = find_events(doc, entities, statements, document.published, self.event_lexicon)
        self.timings["events"] += time.perf_counter() - started
        started = time.perf_counter()
        framing = Framing(
            techniques=techniques,
            labels=find_labels(doc, entities),
            sourcing=sourcing,
        )
        self.timings["framing"] += time.perf_counter() - started
        return Analysis(
            document=document,
            entities=entities,
            statements=statements,
            events=events,
            framing=framing,
        )


class _Overtime(BaseException):
    """Raised by the alarm's handler wherever a document's analysis is when its time is up; not
    an `Exception`, so that no stage's own `except Exception` can swallow it."""


@contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """An alarm that interrupts the block after `seconds`. Only the main thread receives
    signals, and a program that set the alarm itself (pytest-timeout, say) keeps it: in either
    case the block runs without a limit."""
    in_main_thread = threading.current_thread() is threading.main_thread()
    if (
        not in_main_thread
        or not hasattr(signal, "setitimer")
        or signal.getsignal(signal.SIGALRM) is not signal.SIG_DFL
        or signal.getitimer(signal.ITIMER_REAL)[0] > 0
    ):
        yield
        return

    def expire(signum: int, frame: FrameType | None) -> None:
        raise _Overtime

    signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
