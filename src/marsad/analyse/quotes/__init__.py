"""Who said what: quote extraction and attribution (../shared/QUOTES.md), as a stage.

``QuoteStage`` reads ``text`` (and ``entities`` when an earlier stage filled them: entity
spans give names, their roles link title-only mentions to people) and writes ``quotes``:
one :class:`~marsad.model.QuoteSpan` per cue, its offsets delimiting the content.
docs/quotes.md describes the cascade and how it is evaluated.
"""

from __future__ import annotations

from marsad.analyse.quotes.extract import extract_quotes
from marsad.model import Document


class QuoteStage:
    """Finds the quotes of a document, using ``doc.entities`` when they are there."""

    name = "quotes"
    requires = frozenset({"text"})
    provides = frozenset({"quotes"})

    def __call__(self, doc: Document) -> Document:
        doc.quotes = extract_quotes(doc.text, doc.entities)
        return doc


__all__ = ["QuoteStage", "extract_quotes"]
