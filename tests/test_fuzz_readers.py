"""Fuzzing every reader: random, truncated and mutated bytes give records or typed rejections.

Each input goes through the whole public path (file → format detection → reader →
extractor); the only outcomes allowed are RawRecords/Documents and Rejections (or
RejectedInput from an extractor). Any other exception is a bug.
"""

from __future__ import annotations

import gzip
import io
import tarfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

import marsad.formats  # noqa: F401
from marsad.errors import RejectedInput
from marsad.extract.documents import extract_record
from marsad.ingest.readers import FORMATS, READERS, read_inputs
from marsad.model import RawRecord, Rejection

#: Examples per property; each runs detection, a reader and an extractor (~5-30 ms).
EXAMPLES = 150
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
MAGICS = [
    b"",
    b"WARC/1.0\r\n",
    b"filedesc://x.arc 0.0.0.0 20200101000000 text/plain 10\n",
    b"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><item>",
    b"<feed xmlns='http://www.w3.org/2005/Atom'><entry>",
    b"<!DOCTYPE html><html><head><meta charset='windows-1256'>",
    b'{"text": "',
    b"\x1f\x8b\x08\x00",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
]


def _warc(page: bytes) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        "https://example.com/",
        "response",
        payload=io.BytesIO(page),
        length=len(page),
        http_headers=http,
    )
    writer.write_record(record)
    return buffer.getvalue()


def _tar(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        info = tarfile.TarInfo("page.html")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


@pytest.fixture(scope="module")
def seeds(shared_dir: Path) -> list[bytes]:
    data = shared_dir / "data"
    page = (data / "html" / "htmldate_mediacloud_1784190729.html").read_bytes()[:30000]
    feed = (data / "feeds" / "CNN_sport_2018-05-14_2018-05-20.rss.xml").read_bytes()[:20000]
    atom = (data / "feeds" / "skynews_all_2018-05-14_2018-05-20.atom.xml").read_bytes()[:8000]
    jsonl = b'{"id": "1", "title": "\xd8\xae\xd8\xa8\xd8\xb1", "text": "\xd9\x86\xd8\xb5"}\n'
    small = (data / "html" / "goose3_test_cnn_arabic.html").read_bytes()
    return [page, feed, atom, jsonl, _warc(small), gzip.compress(_warc(small)), _tar(small)]


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz")


def _run(workdir: Path, data: bytes, fmt: str = "auto") -> None:
    path = workdir / "input.bin"
    path.write_bytes(data)
    for result in read_inputs([str(path)], fmt):
        assert isinstance(result, RawRecord | Rejection), result
        if isinstance(result, RawRecord):
            try:
                docs = extract_record(result)
            except RejectedInput:
                continue
            assert all(d.text for d in docs)


@FUZZ
@given(magic=st.sampled_from(MAGICS), tail=st.binary(max_size=3000))
def test_fuzz_random_bytes_behind_every_format_magic(workdir, magic, tail):
    _run(workdir, magic + tail)


@FUZZ
@given(
    index=st.integers(min_value=0, max_value=6),
    cut=st.integers(min_value=0, max_value=2**20),
    flips=st.lists(st.tuples(st.integers(0, 2**20), st.integers(0, 255)), max_size=12),
)
def test_fuzz_truncated_and_mutated_real_inputs(workdir, seeds, index, cut, flips):
    seed = seeds[index % len(seeds)]
    mutated = bytearray(seed[: cut % (len(seed) + 1)])
    for position, value in flips:
        if mutated:
            mutated[position % len(mutated)] = value
    _run(workdir, bytes(mutated))


@FUZZ
@given(fmt=st.sampled_from([f for f in FORMATS if f != "auto"]), data=st.binary(max_size=2000))
def test_fuzz_every_reader_forced_on_random_bytes(workdir, fmt, data):
    assert fmt in READERS
    _run(workdir, data, fmt)
