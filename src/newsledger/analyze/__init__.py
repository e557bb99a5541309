"""Analysis: one spaCy pass per document, then entities, attribution, events and framing."""
