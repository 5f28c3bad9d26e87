"""HTML pages → raw records (reader ``html``): a file, a folder of pages, a WARC record.

The reader only decodes: the page's own declaration (``<meta charset>``) or the HTTP
``Content-Type`` charset is a hint that the bytes overrule (see marsad.ingest.decode).
Extraction (main text, title, dates) happens in marsad.extract.html.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import IO

from marsad.ingest.decode import charset_from_content_type, declared_charset, decode_bytes
from marsad.ingest.readers import ReadResult, read_whole, register_reader
from marsad.model import RawRecord, sha256_hex


def html_record(
    data: bytes,
    origin: str,
    *,
    url: str | None = None,
    headers: Mapping[str, str] | None = None,
    fields: dict[str, object] | None = None,
) -> RawRecord:
    """Decode one page; raises RejectedInput (empty, binary, undecodable)."""
    content_type = (headers or {}).get("content-type")
    declared = charset_from_content_type(content_type) or declared_charset(data)
    decoded = decode_bytes(data, origin, declared)
    extra: dict[str, object] = dict(fields or {})
    if headers:
        extra["http_headers"] = dict(headers)
    if declared:
        extra["declared_charset"] = declared
    return RawRecord(
        origin=origin,
        format="html",
        sha256=sha256_hex(data),
        encoding=decoded.encoding,
        text=decoded.text,
        url=url,
        fields=extra,
        notes=decoded.notes,
    )


@register_reader("html")
def read_html(stream: IO[bytes], origin: str, size: int) -> Iterator[ReadResult]:
    """One page per file; its URL comes from the page (canonical link) or ``--url``."""
    yield html_record(read_whole(stream, origin), origin)
