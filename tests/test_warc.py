"""WARC: archives built here from ../shared/data/html, with junk, non-HTML and cut records."""

from __future__ import annotations

import io
from collections import Counter
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import marsad.formats  # noqa: F401
from marsad import service
from marsad.ingest.readers import read_inputs
from marsad.model import Document, RawRecord, Rejection


def _http(status: str, content_type: str) -> StatusAndHeaders:
    return StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")


def _record(writer: WARCWriter, url: str, kind: str, payload: bytes, **kwargs: object) -> None:
    """Write one record; the explicit length keeps warcio from spooling to a temp file."""
    record = writer.create_warc_record(
        url, kind, payload=io.BytesIO(payload), length=len(payload), **kwargs
    )
    writer.write_record(record)


def build_warc(path: Path, pages: list[Path], *, gz: bool, cut_last: bool = False) -> Path:
    """warcinfo, request+response per page, then junk: 404, image, binary, metadata, revisit,
    a page served as windows-1256 and (optionally) a last response cut in half."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gz)
    writer.write_record(writer.create_warcinfo_record(path.name, {"software": "marsad tests"}))
    for page in pages:
        url = f"https://example.com/{page.stem}"
        _record(writer, url, "request", b"GET / HTTP/1.1\r\nHost: example.com\r\n\r\n")
        http = _http("200 OK", "text/html; charset=utf-8")
        _record(writer, url, "response", page.read_bytes(), http_headers=http)
    junk = [
        ("response", b"<html>not found</html>", _http("404 Not Found", "text/html"), None),
        ("response", b"\x89PNG\r\n\x1a\n" + bytes(200), _http("200 OK", "image/png"), None),
        ("resource", bytes(range(256)) * 8, None, "application/octet-stream"),
        ("metadata", b"via: test\r\n", None, "application/warc-fields"),
        ("response", b"<html><body>" + bytes(range(256)) * 2, _http("200 OK", "text/html"), None),
    ]
    for i, (kind, payload, http, warc_type) in enumerate(junk):
        kwargs = {"http_headers": http} if http else {"warc_content_type": warc_type}
        _record(writer, f"https://example.com/junk{i}", kind, payload, **kwargs)
    cp1256 = (
        "<html><head><meta charset='utf-8'></head><body><h1>عنوان الخبر</h1><p>"
        + "أعلنت وزارة الصحة اليوم عن خطة جديدة لتطوير المستشفيات في المدن الكبرى. " * 10
        + "</p></body></html>"
    ).encode("windows-1256")  # the page lies (utf-8); the HTTP header tells the truth
    http = _http("200 OK", "text/html; charset=windows-1256")
    _record(writer, "https://example.com/cp1256", "response", cp1256, http_headers=http)
    data = buffer.getvalue()
    if cut_last:
        last = pages[0].read_bytes()
        http = _http("200 OK", "text/html")
        tail = io.BytesIO()
        tail_writer = WARCWriter(tail, gzip=gz)
        _record(tail_writer, "https://example.com/cut", "response", last, http_headers=http)
        data += tail.getvalue()[: len(tail.getvalue()) // 2]
    path.write_bytes(data)
    return path


@pytest.fixture(scope="module")
def pages(shared_dir: Path) -> list[Path]:
    return sorted((shared_dir / "data" / "html").glob("*.html"))


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_streams_with_counted_kept_and_skipped_records(tmp_path, pages, gz):
    name = "crawl.warc.gz" if gz else "crawl.warc"
    path = build_warc(tmp_path / name, pages, gz=gz, cut_last=True)
    results = list(read_inputs([str(path)]))
    kept = [r for r in results if isinstance(r, RawRecord)]
    skipped = Counter(r.reason for r in results if isinstance(r, Rejection))
    assert len(kept) == len(pages) + 1  # the pages and the cp1256 page
    assert all(r.format == "html" and r.url for r in kept)
    assert skipped == {"http_status": 1, "not_html": 2, "binary": 1, "truncated": 1}
    cp1256 = next(r for r in kept if r.url == "https://example.com/cp1256")
    assert cp1256.encoding == "windows-1256" and "وزارة الصحة" in cp1256.text
    assert cp1256.fields["http_headers"]["content-type"].endswith("windows-1256")


def test_warc_pages_extract_like_the_files(tmp_path, pages):
    path = build_warc(tmp_path / "crawl.warc.gz", pages, gz=True)
    docs = [r for r in service.extract_paths([str(path)], analyse=None) if isinstance(r, Document)]
    by_url = {d.url: d for d in docs}
    youm7 = by_url["https://example.com/htmldate_mediacloud_1691196862"]
    assert youm7.published and youm7.published.startswith("2020-08-24")
    assert "https://example.com/persian_1523806243" not in by_url  # not Arabic
    assert len(docs) == len(pages)  # the 5 Arabic pages and the cp1256 page


def test_warc_garbage_is_one_typed_rejection(tmp_path):
    path = tmp_path / "junk.warc"
    path.write_bytes(b"WARC/1.0\r\nthis is not a header block\r\n\r\n" + bytes(range(256)))
    results = list(read_inputs([str(path)]))
    assert results and all(isinstance(r, Rejection) for r in results)


def test_warc_record_without_content_length_is_named_not_swallowed(tmp_path, pages):
    whole = build_warc(tmp_path / "whole.warc", pages, gz=False).read_bytes()
    starts = [i for i in range(len(whole)) if whole.startswith(b"WARC/1.0\r\n", i)]
    third = whole[starts[2] : starts[3]]  # the first page's response
    assert b"\r\nContent-Length:" in third
    broken = tmp_path / "nolength.warc"
    broken.write_bytes(
        whole[: starts[2]] + third.replace(b"Content-Length:", b"Content-Lenxth:", 1)
        + whole[starts[3] :]
    )  # fmt: skip
    results = list(read_inputs([str(broken)]))
    rejection = results[-1]
    assert isinstance(rejection, Rejection) and rejection.reason == "malformed"
    assert rejection.origin.endswith("#record3") and "Content-Length" in rejection.detail
    assert f"byte {starts[2]}" in rejection.detail
