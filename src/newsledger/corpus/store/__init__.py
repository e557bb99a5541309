"""Every query of the store, as keyword-only functions that take a session.

Writes are in `write`; reads by purpose in `fulltext`, `pages`, `documents` and `export`. Callers
open a `corpus.database.Database` and pass `database.transaction()` or `database.reading()`
sessions.
"""

from newsledger.corpus.store.common import FACETS, entities_named
from newsledger.corpus.store.documents import (
    counts,
    iter_analyses,
    load_analysis,
    related_documents,
)
from newsledger.corpus.store.export import COLUMNS, EXPORT_KINDS, ExportKind, export_rows
from newsledger.corpus.store.fulltext import facet_counts, fts5_query, search
from newsledger.corpus.store.linking import Linker
from newsledger.corpus.store.pages import disputes, entity_page
from newsledger.corpus.store.write import (
    SaveReport,
    delete_documents,
    save_analyses,
    stored_ids,
)

__all__ = [
    "COLUMNS",
    "EXPORT_KINDS",
    "FACETS",
    "ExportKind",
    "Linker",
    "SaveReport",
    "counts",
    "delete_documents",
    "disputes",
    "entities_named",
    "entity_page",
    "export_rows",
    "facet_counts",
    "fts5_query",
    "iter_analyses",
    "load_analysis",
    "related_documents",
    "save_analyses",
    "search",
    "stored_ids",
]
