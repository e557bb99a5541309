"""newsledger: a sourced ledger of who did and said what to whom, from news articles."""

from newsledger.schema import SCHEMA_ID, Analysis, Document

__all__ = ["SCHEMA_ID", "Analysis", "Document"]
__version__ = "0.1.0"
