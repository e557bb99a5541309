"""Analyse documents: one spaCy pass per document, then each stage reads the parsed Doc."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice

from spacy.tokens import Doc

from newsledger.analyze.aliases import load_alias_table
from newsledger.analyze.attribution import find_statements, sourcing_profile
from newsledger.analyze.attribution_cues import load_attribution_cues
from newsledger.analyze.attribution_model import load_attribution_tagger
from newsledger.analyze.entities import EntityFinder, EntityIndex
from newsledger.analyze.events import find_events
from newsledger.analyze.events_lexicon import load_event_lexicon
from newsledger.analyze.framing import find_labels, find_techniques
from newsledger.analyze.framing_model import load_tagger
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
        self.technique_tagger = load_tagger(threads=1)
        # The technique tagger runs in ONNX Runtime, which releases the GIL: `analyze_stream`
        # runs it for a batch on this thread while spaCy parses the batch on the main one.
        self._framing_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="framing")
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
        """
        iterator = iter(items)
        while batch := list(islice(iterator, self.settings.batch_size)):
            documents = [item for item in batch if isinstance(item, Document)]
            techniques = iter(
                [self._framing_pool.submit(self._techniques, item.text) for item in documents]
            )
            parsed = iter(self.nlp.pipe(document.text for document in documents))
            for item in batch:
                if isinstance(item, NewsledgerError):
                    yield item
                    continue
                started = time.perf_counter()
                doc = next(parsed)
                self.timings["spacy"] += time.perf_counter() - started
                pending = next(techniques)
                result: Analysis | NewsledgerError
                try:
                    result = self._analyze_parsed(item, doc, pending)
                except Exception as exc:
                    # A stage's bug on one strange document must not cost the rest of the batch,
                    # and the person running the batch gets its reason, not a traceback.
                    result = AnalysisError(
                        f"analysis failed: {type(exc).__name__}: {exc}", source=item.url or item.id
                    )
                yield result

    def _techniques(self, text: str) -> list[TechniqueSpan]:
        started = time.perf_counter()
        spans = find_techniques(text, self.technique_tagger, self.settings.technique_threshold)
        # Mostly spent beside spaCy in `analyze_stream`, so not a share of the wall time.
        self.timings["technique tagger (parallel)"] += time.perf_counter() - started
        return spans

    def _analyze_parsed(
        self,
        document: Document,
        doc: Doc,
        techniques: Future[list[TechniqueSpan]] | None = None,
    ) -> Analysis:
        started = time.perf_counter()
        entities = self.entity_finder(doc)
        self.timings["entities"] += time.perf_counter() - started
        started = time.perf_counter()
        statements = find_statements(
            doc, EntityIndex(entities), self.attribution_cues, self.attribution_tagger
        )
        sourcing = sourcing_profile(doc, statements)
        self.timings["attribution"] += time.perf_counter() - started
        started = time.perf_counter()
        events = find_events(doc, entities, statements, document.published, self.event_lexicon)
        self.timings["events"] += time.perf_counter() - started
        started = time.perf_counter()
        framing = Framing(
            # Time waited here, not the tagger's own time, when it ran beside spaCy.
            techniques=(
                techniques.result() if techniques is not None else self._techniques(document.text)
            ),
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
