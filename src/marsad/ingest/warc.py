"""WARC and ARC web archives → one raw HTML record per captured page (reader ``warc``).

Records are streamed with warcio, one at a time, so memory stays flat however large the
archive (benchmarks/bench_html.py --warc-gb). What happens to each record:

* ``response`` and ``resource`` records holding HTML → a RawRecord of format ``html``
  with the target URI, the WARC date and the HTTP headers in ``fields``; the HTTP
  ``Content-Type`` charset is the decoding hint;
* such records with another status than 200 → rejected ``http_status``; with another
  media type (image, script, PDF …) → ``not_html``; bigger than the page limit →
  ``too_large``; cut short → ``truncated`` (and the archive ends there);
* ``revisit`` records → ``duplicate`` (the page was captured before, unchanged);
* ``warcinfo``, ``request`` and ``metadata`` records carry no page and are passed over
  without a rejection (every response has its request: reporting them is noise).
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Iterator
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from marsad.errors import RejectedInput
from marsad.ingest.html import html_record
from marsad.ingest.readers import MAX_PAGE_BYTES, ReadResult, register_reader
from marsad.model import Rejection

HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Media types that may hold HTML that a careless server mislabelled; their content is
#: sniffed. Anything else (images, scripts, JSON, PDF) is skipped unread.
SNIFFED_TYPES = ("", "text/plain", "application/octet-stream", "unk", "no-type")
CONTENT_RECORDS = ("response", "resource")
_SNIFF = (b"<!doctype html", b"<html", b"<head", b"<body")


@register_reader("warc")
def read_warc(stream: IO[bytes], origin: str, size: int) -> Iterator[ReadResult]:
    archive = ArchiveIterator(_compressed_source(stream), arc2warc=True)
    records = iter(archive)
    position = yielded = 0
    while True:
        position += 1  # the record being read, for rejections raised while reading it
        where = f"{origin}#record{position}"
        try:
            record = next(records, None)
            if record is None:
                if not yielded:
                    yield Rejection(
                        origin, "empty", f"{position - 1} record(s), no page among them"
                    )
                return
            length = (record.rec_headers.get_header("Content-Length") or "").strip()
            if str(record.format).startswith("warc") and not length.isdigit():
                # the length is how a reader finds the next record: without it warcio reads
                # to the end of the file as this record's body, losing every later record
                detail = (
                    f"no valid Content-Length ({length or 'missing'}) in the record at byte "
                    f"{archive.get_record_offset()}; the records after it cannot be read"
                )
                yield Rejection(where, "malformed", detail)
                return
            if record.rec_type == "revisit":
                result: ReadResult | None = Rejection(
                    where, "duplicate", "WARC revisit record (unchanged capture)"
                )
            else:
                result = (
                    _content_record(record, where) if record.rec_type in CONTENT_RECORDS else None
                )
        except (ArchiveLoadFailed, EOFError, zlib.error) as exc:
            yield Rejection(where, "truncated", f"archive unreadable from here on: {exc}")
            return
        except Exception as exc:
            # warcio's parsers raise whatever a corrupt header trips (AttributeError,
            # IndexError, StatusAndHeadersParserException …): the record is malformed and
            # the stream position unknown, so the archive ends here with a typed rejection.
            detail = f"corrupt record ({type(exc).__name__}: {exc}); archive read up to here"
            yield Rejection(where, "malformed", detail)
            return
        if result is not None:
            yielded += 1
            yield result


def _compressed_source(stream: IO[bytes]) -> IO[bytes]:
    """Give warcio the ``.warc.gz`` bytes themselves when the file allows it.

    warcio inflates one gzip member (one record) at a time, so a record cut short at the
    end of a crawl costs only that record; a whole-stream gzip reader reads ahead and fails
    on the cut member while still serving the complete record before it."""
    raw = getattr(stream, "fileobj", None)
    if isinstance(stream, gzip.GzipFile) and raw is not None and raw.seekable():
        raw.seek(0)
        return raw
    return stream


def _content_record(record: Any, where: str) -> ReadResult:
    url = record.rec_headers.get_header("WARC-Target-URI")
    headers: dict[str, str] = {}
    if record.http_headers is not None and record.rec_type == "response":
        status = record.http_headers.get_statuscode() or ""
        if status != "200":
            return Rejection(where, "http_status", f"HTTP {status or '?'} for {url}")
        headers = {k.lower(): v for k, v in record.http_headers.headers}
        content_type = headers.get("content-type", "")
    else:
        content_type = record.rec_headers.get_header("Content-Type") or ""
    mime = content_type.split(";")[0].strip().lower()
    if mime not in HTML_TYPES and mime not in SNIFFED_TYPES:
        return Rejection(where, "not_html", f"{mime} at {url}")
    content = record.content_stream()
    data = content.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        return Rejection(where, "too_large", f"over {MAX_PAGE_BYTES // (1024 * 1024)} MB: {url}")
    if _cut_short(record):
        return Rejection(where, "truncated", f"record ends before its declared length: {url}")
    if mime not in HTML_TYPES and not data[:1024].lstrip().lower().startswith(_SNIFF):
        return Rejection(where, "not_html", f"{mime or 'no media type'}, not HTML, at {url}")
    fields = {
        "warc_date": record.rec_headers.get_header("WARC-Date"),
        "warc_record_id": record.rec_headers.get_header("WARC-Record-ID"),
    }
    try:
        return html_record(data, where, url=url, headers=headers, fields=fields)
    except RejectedInput as exc:
        return Rejection(exc.origin, exc.reason, exc.detail)


def _cut_short(record: Any) -> bool:
    """The archive ended inside this record: bytes still owed by its length limit."""
    limit = getattr(record.raw_stream, "limit", 0)
    return isinstance(limit, int) and limit > 0
