"""Encodings, declared charsets, mojibake, language verdicts and archives/format detection."""

from __future__ import annotations

import gzip
import io
import json
import tarfile
from pathlib import Path

import pytest

import marsad.formats  # noqa: F401
from marsad.errors import RejectedInput
from marsad.ingest.decode import (
    charset_from_content_type,
    declared_charset,
    decode_bytes,
    repair_mojibake,
)
from marsad.ingest.lang import detect_language
from marsad.ingest.readers import detect_format, read_inputs
from marsad.model import RawRecord, Rejection

ARABIC = "أعلنت وزارة الصحة اليوم عن خطة جديدة لتطوير المستشفيات في المدن الكبرى"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARABIC.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + ARABIC.encode("utf-8"), "utf-8-sig"),
        (ARABIC.encode("utf-16"), "utf-16"),
        (ARABIC.encode("utf-16-le"), "utf-16-le"),
        (ARABIC.encode("utf-16-be"), "utf-16-be"),
        (ARABIC.encode("windows-1256"), "windows-1256"),
        (ARABIC.encode("iso-8859-6"), "iso-8859-6"),
    ],
)
def test_ingest_encoding_is_detected(data, encoding):
    decoded = decode_bytes(data, "x")
    assert decoded.text == ARABIC and decoded.encoding == encoding


def test_ingest_encoding_bytes_win_over_a_lying_declaration():
    page = f'<html><head><meta charset="utf-8"></head><body>{ARABIC}</body></html>'
    data = page.encode("windows-1256")
    assert declared_charset(data) == "utf-8"
    assert ARABIC in decode_bytes(data, "x", declared_charset(data)).text
    latin = page.replace("utf-8", "iso-8859-1").encode("utf-8")
    assert ARABIC in decode_bytes(latin, "x", declared_charset(latin)).text


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b'<?xml version="1.0" encoding="windows-1256"?><rss>', "cp1256"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-6">', "iso8859-6"),
        (b"<meta charset=utf-8>", "utf-8"),
        (b"<meta charset=klingon>", None),
        (b"<html><body>no declaration</body></html>", None),
    ],
)
def test_ingest_declared_charset(head, expected):
    assert declared_charset(head) == expected


def test_ingest_charset_from_content_type():
    assert charset_from_content_type('text/html; charset="windows-1256"') == "cp1256"
    assert charset_from_content_type("text/html") is None


def _misread(data: bytes, codec: str) -> str:
    """Decode byte by byte as a browser would: cp1252's five holes fall back to latin-1."""
    return "".join(bytes([b]).decode(codec, errors="ignore") or chr(b) for b in data)


@pytest.mark.parametrize("codec", ["cp1252", "latin-1", "cp1256"])
def test_ingest_mojibake_is_repaired(codec):
    broken = _misread(ARABIC.encode("utf-8"), codec)
    assert repair_mojibake(broken) == ARABIC
    decoded = decode_bytes(broken.encode("utf-8"), "x")
    assert decoded.text == ARABIC and "mojibake" in decoded.notes[-1]


def test_ingest_mojibake_repair_leaves_real_arabic_alone():
    text = "ضغط، ظل الطقس حارا. " + ARABIC
    assert repair_mojibake(text) == text


def test_ingest_anc_cp1256_corpus_decodes_without_replacement_characters(shared_dir):
    """The whole tarball through the tar reader: 2,910 windows-1256 articles."""
    archive = shared_dir / "data" / "encoding" / "anc_cp1256_raw.tar.gz"
    records = list(read_inputs([str(archive)]))
    texts = [r for r in records if isinstance(r, RawRecord)]
    assert len(texts) == 2910 and not [r for r in records if isinstance(r, Rejection)]
    assert not [r.origin for r in texts if "\ufffd" in r.text]
    assert sum(r.encoding == "windows-1256" for r in texts) >= 2880


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (ARABIC + " وقال الوزير إن الخطة تشمل بناء مستشفيات جديدة.", "ar"),
        # Arabic typed on a Persian keyboard (ی ک ھ): still Arabic
        ("فی کرة القدم ھناك أمسیات یدونھا التاریخ وتحتفظ بھا الجغرافیا ویعتبرھا الجمھور", "ar"),
        ("این یک متن فارسی است که برای آزمایش نوشته شده و از آن استفاده می شود", "fa-ur"),
        ("اين يك متن فارسي است كه براي آزمايش نوشته شده و از آن استفاده مي شود", "fa-ur"),
        ("پاکستان کے لیے امریکی امداد کی بہار و خزاں اور اس کے اثرات پر ایک رپورٹ", "fa-ur"),
        ("ئەمە دەقێکی کوردییە بۆ تاقیکردنەوە لە سیستەمەکەدا نووسراوە", "fa-ur"),
        ("دا د پښتو ژبې یوه ازمایښتي متن دی چې په سیستم کې لیکل شوی", "fa-ur"),
        ("The ministry announced a new plan for hospitals in large cities today.", "other"),
    ],
)
def test_ingest_language_verdict(text, lang):
    assert detect_language(text).lang == lang


def _tar(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buffer.getvalue()


def test_ingest_tar_members_are_read_with_their_own_format(tmp_path):
    page = f"<!doctype html><html><body><p>{ARABIC}</p></body></html>".encode()
    data = _tar(
        {
            "a/page.html": page,
            "a/notes.txt.gz": gzip.compress(ARABIC.encode("windows-1256")),
            "a/.hidden.txt": b"x",
            "a/empty.txt": b"",
        }
    )
    path = tmp_path / "bundle.tar.gz"
    path.write_bytes(gzip.compress(data))
    results = list(read_inputs([str(path)]))
    kinds = [
        (r.origin.split("#")[1], r.format if isinstance(r, RawRecord) else r.reason)
        for r in results
    ]
    assert kinds == [("a/page.html", "html"), ("a/notes.txt.gz", "text"), ("a/empty.txt", "empty")]


@pytest.mark.parametrize(
    ("head", "fmt"),
    [
        (_tar({"x.txt": b"abc"})[:4096], "tar"),
        (b"HTTP junk\n<!DOCTYPE html><html>", "html"),
        (b'<?xml version="1.0"?>\n<rdf:RDF xmlns:rdf="x">', "feed"),
        (b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"filedesc://crawl.arc 0.0.0.0 20200101000000 text/plain 76", "warc"),
    ],
)
def test_ingest_detect_more_formats_from_content(head, fmt):
    assert detect_format(head) == fmt


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
@pytest.mark.parametrize(
    ("name", "content", "records"),
    [
        ("page.html", f"<!DOCTYPE html><html lang='ar'><body><h1>عنوان</h1><p>{ARABIC}.</p>"
         f"<p>{ARABIC}.</p></body></html>", 1),
        ("feed.xml", '<?xml version="1.0" encoding="UTF-16"?><rss version="2.0"><channel>'
         f"<title>موقع</title><item><title>خبر</title><description>{ARABIC}</description></item>"
         f"<item><title>خبر آخر</title><description>{ARABIC}.</description></item>"
         "</channel></rss>", 2),
        ("records.jsonl", "".join(
            json.dumps({"id": f"u{i}", "text": ARABIC}, ensure_ascii=False) + "\n" for i in (1, 2)
        ), 2),
    ],
)  # fmt: skip
def test_ingest_utf16_markup_and_records_are_read_as_their_format(
    tmp_path, codec, name, content, records
):
    path = tmp_path / name
    path.write_bytes(content.encode(codec))
    results = list(read_inputs([str(path)]))
    assert all(isinstance(r, RawRecord) for r in results), results
    assert len(results) == records  # not one text page of raw markup
    assert {r.format for r in results} == {"html": {"html"}, "xml": {"feed-item"}}.get(
        name.rsplit(".", 1)[1], {"jsonl"}
    )
    assert "عنوان" in results[0].text or ARABIC in results[0].text


def test_ingest_stray_nul_bytes_are_removed_with_a_warning():
    data = "\n".join([ARABIC] * 20).encode("utf-8").replace(b"\n", b"\x00\n", 5)
    decoded = decode_bytes(data, "nul.txt")
    assert "\x00" not in decoded.text and decoded.notes == ("5 NUL byte(s) removed",)
    with pytest.raises(RejectedInput, match="binary"):  # random bytes stay binary
        decode_bytes(bytes(range(256)) * 4 + data, "mixed.bin")


def test_ingest_truncated_gzip_is_a_typed_rejection(tmp_path):
    path = tmp_path / "cut.txt.gz"
    path.write_bytes(gzip.compress((ARABIC + "\n").encode() * 2000)[:300])
    (result,) = list(read_inputs([str(path)]))
    assert isinstance(result, Rejection) and result.reason == "truncated"


def test_ingest_glob_and_folder_inputs(tmp_path):
    for name in ("a.txt", "b.txt"):
        Path(tmp_path / name).write_text(ARABIC, "utf-8")
    assert len(list(read_inputs([str(tmp_path / "*.txt")]))) == 2
    assert len(list(read_inputs([str(tmp_path)]))) == 2
