"""Bad input gets a clear, typed rejection naming the input; the rest of the batch goes on."""

from __future__ import annotations

import bz2
import gzip
import json
import lzma
import os
import threading
import zipfile
from pathlib import Path

import pytest

from marsad import service
from marsad.ingest.decode import decode_bytes
from marsad.ingest.readers import MAX_PAGE_BYTES, detect_format
from marsad.model import Document, Rejection

ARABIC = "أعلنت وزارة الصحة اليوم عن خطة جديدة لتطوير المستشفيات في المدن الكبرى.\n" * 5


def run(paths: list[Path]) -> tuple[list[Document], list[Rejection]]:
    results = list(service.extract_paths([str(p) for p in paths], analyse=None))
    return (
        [r for r in results if isinstance(r, Document)],
        [r for r in results if isinstance(r, Rejection)],
    )


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text("عنوان الخبر\n" + ARABIC, "utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t", "empty"),
        ("binary.bin", bytes(range(256)) * 40, "binary"),
        (
            "english.txt",
            b"The ministry announced a new plan for hospitals today.\n" * 5,
            "not_arabic",
        ),
        ("latin1.txt", "Le ministère a annoncé un plan.".encode("latin-1") * 10, "not_arabic"),
    ],
)
def test_ingest_bad_input_is_rejected_and_batch_goes_on(tmp_path, good, name, content, reason):
    bad = tmp_path / name
    bad.write_bytes(content)
    docs, rejections = run([bad, good])
    assert [(r.origin, r.reason) for r in rejections] == [(str(bad), reason)]
    assert len(docs) == 1 and docs[0].origin == str(good)


def test_ingest_oversized_page_is_rejected_with_the_limit(tmp_path, good):
    big = tmp_path / "big.txt"
    line = ARABIC.encode("utf-8")
    with big.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    assert big.stat().st_size > MAX_PAGE_BYTES
    docs, rejections = run([big, good])
    assert rejections[0].reason == "too_large" and "MB" in rejections[0].detail
    assert len(docs) == 1


def test_ingest_missing_file_is_reported(tmp_path, good):
    docs, rejections = run([tmp_path / "nope.txt", good])
    assert rejections[0].reason == "not_found"
    assert len(docs) == 1


@pytest.mark.parametrize("encoding", ["windows-1256", "utf-16", "utf-8-sig", "iso-8859-6"])
def test_ingest_legacy_and_unicode_encodings_decode(tmp_path, encoding):
    text = "عنوان الخبر\n" + ARABIC
    if encoding == "iso-8859-6":
        text = text.replace("،", ",")
    path = tmp_path / f"page-{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    docs, rejections = run([path])
    assert not rejections
    assert docs[0].title == "عنوان الخبر"
    assert "وزارة الصحة" in docs[0].text


def test_ingest_invalid_utf8_bytes_are_replaced_with_a_warning(tmp_path):
    data = ("عنوان\n" + ARABIC).encode("utf-8")
    data = data[:40] + b"\xff\xfe\xc3" + data[40:]
    decoded = decode_bytes(data, "x")
    assert decoded.encoding == "utf-8"
    assert decoded.notes and "invalid UTF-8" in decoded.notes[0]
    path = tmp_path / "damaged.txt"
    path.write_bytes(data)
    docs, rejections = run([path])
    assert not rejections
    assert docs[0].meta["warnings"] == list(decoded.notes)


def test_ingest_jsonl_bad_lines_name_their_line_number(tmp_path):
    path = tmp_path / "records.jsonl"
    lines = [
        json.dumps({"id": "a1", "title": "خبر", "text": ARABIC}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "a2", "title": "بلا نص"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "a3", "body": ARABIC, "date_published": "2025-05-19T10:00:00Z"}),
    ]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    docs, rejections = run([path])
    assert [d.id for d in docs] == ["a1", "a3"]
    assert [(r.origin, r.reason) for r in rejections] == [
        (f"{path}:2", "malformed"),
        (f"{path}:3", "empty"),
        (f"{path}:4", "malformed"),
    ]


@pytest.mark.parametrize("first", ['{"id": "x", "body": "cut', "null", "[1, 2, 3]"])
def test_ingest_jsonl_with_a_bad_first_line_is_still_jsonl(tmp_path, first):
    path = tmp_path / "records.jsonl"
    good = [json.dumps({"id": f"g{i}", "text": ARABIC}, ensure_ascii=False) for i in (1, 2)]
    path.write_text("\n".join([first, *good]) + "\n", "utf-8")
    docs, rejections = run([path])
    assert [d.id for d in docs] == ["g1", "g2"]  # not one "text" page of raw JSON
    assert [(r.origin, r.reason) for r in rejections] == [(f"{path}:1", "malformed")]


def test_ingest_jsonl_lone_surrogates_are_replaced_not_fatal(tmp_path):
    path = tmp_path / "records.jsonl"
    rows = [{"id": "s1", "title": "عنوان\udc80", "text": ARABIC + "\ud800"}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")  # \udc80 escapes
    document = tmp_path / "article.json"  # the same, as an indented JSON document
    document.write_text(json.dumps(rows[0], indent=2), "utf-8")
    docs, rejections = run([path, document])
    assert not rejections and len(docs) == 2
    for doc in docs:
        assert "\ufffd" in doc.title and doc.text.encode("utf-8")
        assert any("surrogate" in w for w in doc.meta["warnings"])


def test_ingest_jsonl_fields_of_the_wrong_type_are_named(tmp_path):
    path = tmp_path / "records.jsonl"
    rows = [
        {"id": {"x": 1}, "url": ["https://a.example/1"], "text": ARABIC},
        {"id": "t2", "text": 12345},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), "utf-8")
    (doc,), (rejection,) = run([path])
    assert doc.url is None and not doc.id.startswith("{")  # not "['https://…']" or "{'x': 1}"
    assert {w.split(":")[0] for w in doc.meta["warnings"]} == {"url ignored", "id ignored"}
    assert (rejection.reason, rejection.detail) == ("malformed", "the text is not a string (int)")


def test_ingest_json_documents_are_articles_or_clear_rejections(tmp_path):
    article = {"id": "j1", "title": "خبر", "text": ARABIC}
    one = tmp_path / "article.json"
    one.write_text(json.dumps(article, ensure_ascii=False, indent=2), "utf-8")
    many = tmp_path / "articles.json"
    items = [article | {"id": "j2"}, "not an object", article | {"id": "j3"}]
    many.write_text(json.dumps(items, ensure_ascii=False, indent=2), "utf-8")
    meta = tmp_path / "metadata.json"  # indented JSON that is not an article
    meta.write_text(json.dumps({"about": "the expected output", "articles": []}, indent=2))
    docs, rejections = run([one, many, meta])
    assert [d.id for d in docs] == ["j1", "j2", "j3"]
    assert [(r.origin, r.reason) for r in rejections] == [
        (f"{many}[1]", "malformed"),
        (str(meta), "empty"),
    ]


@pytest.mark.parametrize(("suffix", "compress"), [(".bz2", bz2.compress), (".xz", lzma.compress)])
def test_ingest_bzip2_and_xz_are_unwrapped_like_gzip(tmp_path, suffix, compress):
    path = tmp_path / f"records.jsonl{suffix}"
    path.write_bytes(compress(json.dumps({"id": "c1", "text": ARABIC}).encode() + b"\n"))
    docs, rejections = run([path])
    assert not rejections and [d.id for d in docs] == ["c1"]


def test_ingest_zip_is_named_unsupported_not_binary(tmp_path):
    path = tmp_path / "pages.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.txt", ARABIC)
    _, (rejection,) = run([path])
    assert rejection.reason == "unsupported" and "unpack" in rejection.detail


def test_ingest_gzip_is_unwrapped(tmp_path):
    path = tmp_path / "records.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": ARABIC}, ensure_ascii=False) + "\n")
    docs, rejections = run([path])
    assert not rejections and docs[0].id == "g1"


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (b'{"id": 1, "text": "x"}\n', "jsonl"),
        (b'{\n  "id": 1,\n  "text": "x"\n}\n', "json"),
        (b'[\n  {"id": 1, "text": "x"}\n]', "json"),
        (b"WARC/1.0\r\n", "warc"),
        (b'<?xml version="1.0"?><rss version="2.0">', "feed"),
        (b"<!DOCTYPE html><html lang='ar'>", "html"),
        ("عنوان\nنص".encode(), "text"),
    ],
)
def test_ingest_detect_format_from_content(head, fmt):
    assert detect_format(head) == fmt


def test_ingest_reads_a_named_pipe_like_stdin(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    writer = threading.Thread(target=lambda: fifo.write_text(f"عنوان الخبر\n{ARABIC}", "utf-8"))
    writer.start()
    docs, rejections = run([fifo])
    writer.join(timeout=10)
    assert not rejections and len(docs) == 1 and docs[0].title == "عنوان الخبر"
