"""Analysing what a reader pastes or uploads: the input read as `ingest` reads a file, the
analysis kept a while for its preview, and stored only when a logged-in user asks.

The spaCy analyzer takes seconds to load and most readers never analyse, so it is built at the
first analysis and then shared: one per app, one analysis at a time (spaCy's pipeline is not
safe to share between threads, and the lock bounds what a flood of uploads can cost).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import TYPE_CHECKING

from newsledger.config import Settings
from newsledger.corpus.database import Database
from newsledger.corpus.store import Linker, save_analyses
from newsledger.ingest.loader import load_bytes
from newsledger.schema import Analysis, Document
from newsledger.web.errors import BadRequest, UnsupportedMediaType

if TYPE_CHECKING:
    from newsledger.analyze.pipeline import Analyzer

# The media types an upload may have, and the name that makes the loader read each as such.
ACCEPTED = {"text/html": "upload.html", "text/plain": "upload.txt"}
# The loader's limits as `ingest` has them; the reader's own upload limit is checked first.
LOADER_SETTINGS = Settings()
# Analyses kept for their preview page, newest last; each may hold a megabyte of text.
PREVIEWS = 16


def media_type(content_type: str | None) -> str:
    """`text/html` of `text/html; charset=utf-8`, lower case; '' for none."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def read_input(data: bytes, *, content_type: str | None) -> Document:
    """The one article in an upload of HTML or plain text, its page chrome removed."""
    media = media_type(content_type)
    name = ACCEPTED.get(media)
    if name is None:
        shown = media or "no media type"
        raise UnsupportedMediaType(
            f"upload HTML (text/html) or plain text (text/plain), not {shown}"
        )
    items = list(load_bytes(data, name=name, settings=LOADER_SETTINGS))
    errors = [item for item in items if not isinstance(item, Document)]
    if errors:
        raise errors[0]
    documents = [item for item in items if isinstance(item, Document)]
    if len(documents) != 1:
        raise BadRequest(f"upload one article at a time, not an archive of {len(documents)}")
    return documents[0]


class Analyses:
    """The app's analyzer, built on first use, and the analyses it made lately."""

    def __init__(self, analyzer: Analyzer | None = None) -> None:
        self._analyzer = analyzer
        self._linker: Linker | None = None
        self._recent: OrderedDict[str, Analysis] = OrderedDict()
        self._lock = threading.Lock()

    def analyse(self, document: Document) -> Analysis:
        """Analyse `document` and keep the analysis for `recent`."""
        with self._lock:
            if self._analyzer is None:
                # Imported here: spaCy is imported and loaded only by the first analysis.
                from newsledger.analyze.pipeline import Analyzer

                self._analyzer = Analyzer()
            analysis = self._analyzer.analyze(document)
            self._recent[document.id] = analysis
            self._recent.move_to_end(document.id)
            while len(self._recent) > PREVIEWS:
                self._recent.popitem(last=False)
        return analysis

    def recent(self, document_id: str) -> Analysis | None:
        with self._lock:
            return self._recent.get(document_id)

    def store(self, database: Database, analysis: Analysis) -> None:
        """Store `analysis`, linked to the corpus; one already stored is left as it is."""
        with self._lock:
            if self._linker is None:
                self._linker = Linker()
            with database.transaction() as session:
                save_analyses(session=session, analyses=[analysis], linker=self._linker)
