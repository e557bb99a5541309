"""The corpus: a store of analysed articles, linked across articles, searchable.

Open a store with `open_database`, write with `store.save_analyses` inside
`Database.transaction()`, and read with the other functions of `corpus.store`.
"""

from newsledger.corpus.database import Database, database_url, default_path, open_database
from newsledger.corpus.exchange import ExportFormat, read_analyses, write_analyses, write_rows
from newsledger.corpus.results import SearchFilters

__all__ = [
    "Database",
    "ExportFormat",
    "SearchFilters",
    "database_url",
    "default_path",
    "open_database",
    "read_analyses",
    "write_analyses",
    "write_rows",
]
