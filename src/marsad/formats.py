"""Imports every input format so that its reader and extractor are registered.

A format is a reader (``marsad.ingest.readers.register_reader``: bytes → RawRecords) and
an extractor (``marsad.extract.documents.register_extractor``: RawRecord → Documents).
Add a format by writing both and importing its modules here.
"""

from __future__ import annotations

from marsad.extract import documents as _text_and_jsonl_extractors  # noqa: F401
from marsad.ingest import readers as _text_and_jsonl_readers  # noqa: F401
