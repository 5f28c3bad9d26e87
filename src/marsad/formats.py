"""Imports every input format so that its reader and extractor are registered.

A format is a reader (``marsad.ingest.readers.register_reader``: bytes → RawRecords) and
an extractor (``marsad.extract.documents.register_extractor``: RawRecord → Documents).
Add a format by writing both and importing its modules here.
"""

from __future__ import annotations

from marsad.extract import documents as _text_and_jsonl_extractors  # noqa: F401
from marsad.extract import feed as _feed_item_extractor  # noqa: F401
from marsad.extract import html as _html_extractor  # noqa: F401
from marsad.ingest import archive as _tar_reader  # noqa: F401
from marsad.ingest import feeds as _feed_reader  # noqa: F401
from marsad.ingest import html as _html_reader  # noqa: F401
from marsad.ingest import readers as _text_and_jsonl_readers  # noqa: F401
from marsad.ingest import warc as _warc_reader  # noqa: F401
