"""Inputs → raw records, streamed: paths, folders, globs, stdin; any supported format.

``read_inputs`` yields :class:`~marsad.model.RawRecord` for every usable record and
:class:`~marsad.model.Rejection` for every unusable one, so a bad file or line never stops
the batch. Formats are detected from content (``detect_format``), not only file names;
gzip is unwrapped wherever it appears. Each format's reader is registered in READERS.
"""

from __future__ import annotations

import bz2
import glob
import gzip
import io
import json
import lzma
import re
import sys
import zlib
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from marsad.errors import RejectedInput
from marsad.ingest.decode import decode_bytes, sniff_utf16
from marsad.model import RawRecord, Rejection, sha256_hex

#: Largest single-document input (a text or HTML page) read whole. The longest real news
#: page in ../shared/data is under 1 MB; 20 MB leaves room for pages with inline data while
#: refusing log files and dumps passed by mistake. Container formats stream and are not capped.
MAX_PAGE_BYTES = 20 * 1024 * 1024
#: Largest single JSON Lines record.
MAX_RECORD_BYTES = 20 * 1024 * 1024
SNIFF_BYTES = 4096
FORMATS = ("auto", "text", "jsonl", "json", "html", "feed", "warc", "tar")

ReadResult = RawRecord | Rejection
#: Turns a record that only links to its article (a feed item) into the fetched page.
LinkFollower = Callable[[RawRecord], ReadResult]
Reader = Callable[[IO[bytes], str, int], Iterator[ReadResult]]
READERS: dict[str, Reader] = {}


def register_reader(fmt: str) -> Callable[[Reader], Reader]:
    def deco(func: Reader) -> Reader:
        READERS[fmt] = func
        return func

    return deco


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files under folders (sorted, hidden files skipped), glob patterns, ``-`` for stdin."""
    for raw in paths:
        if raw == "-":
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not any(
                    p.startswith(".") for p in child.parts[len(path.parts) :]
                ):
                    yield str(child)
        elif not path.exists() and glob.has_magic(raw):
            yield from sorted(glob.glob(raw, recursive=True))
        else:
            yield raw


def detect_format(head: bytes) -> str:
    """Guess the format from the first bytes of (decompressed) content."""
    if head.startswith((b"WARC/", b"filedesc://")):
        return "warc"
    if head[257:262] == b"ustar":
        return "tar"
    text = _sniff_text(head)
    stripped = text.lstrip("\ufeff \t\r\n").lower()
    if stripped[:1] in ("{", "[") or _mostly_json_lines(stripped):
        first = stripped.split("\n", 1)[0].rstrip()
        if first in ("{", "[") or (first.startswith("[") and _is_json_array(stripped)):
            return "json"  # an indented document, or an array of articles
        # JSON Lines, even when a line (the first) is broken: the reader rejects that line
        # by number, where reading the file as a text page would store raw JSON as one
        return "jsonl"
    if stripped.startswith("<"):
        window = stripped[:2048]
        if any(tag in window for tag in ("<rss", "<feed", "<rdf:rdf", "<channel")):
            return "feed"
        if any(
            tag in window for tag in ("<html", "<!doctype html", "<head", "<body", "<div", "<p")
        ):
            return "html"
        if window.startswith("<?xml"):
            return "feed"
    elif not stripped.startswith("{") and any(
        tag in stripped[:1024] for tag in ("<html", "<!doctype html")
    ):
        return "html"  # a page with junk (a stray header, text) before its markup
    return "text"


def read_inputs(
    paths: Iterable[str], fmt: str = "auto", *, follow_links: LinkFollower | None = None
) -> Iterator[ReadResult]:
    """Stream records from every path; never raises for a bad input, yields a Rejection.

    ``follow_links`` (``--fetch``) replaces each feed item that has a link by the page the
    link points to; without it nothing is fetched."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    for origin in expand_paths(paths):
        try:
            for item in _read_one(origin, fmt):
                if follow_links is not None and isinstance(item, RawRecord) and _links_out(item):
                    item = follow_links(item)
                yield item
        except RejectedInput as exc:
            yield Rejection(exc.origin, exc.reason, exc.detail)
        except EOFError as exc:  # a gzip stream cut short
            yield Rejection(origin, "truncated", str(exc))
        except zlib.error as exc:
            yield Rejection(origin, "malformed", f"corrupt compressed data: {exc}")
        except OSError as exc:
            reason = "not_found" if isinstance(exc, FileNotFoundError) else "malformed"
            yield Rejection(origin, reason, exc.strerror or str(exc))


def _links_out(record: RawRecord) -> bool:
    """A record that only points to its article (a feed item with a link)."""
    return record.format == "feed-item" and bool(record.url)


def _read_one(origin: str, fmt: str) -> Iterator[ReadResult]:
    if origin == "-":
        stream: IO[bytes] = sys.stdin.buffer
        size = -1
        yield from _dispatch(_unwrap_gzip(stream), "<stdin>", fmt, size)
        return
    path = Path(origin)
    if path.exists() and not path.is_file() and not path.is_dir():
        # a pipe (<(cmd), a named FIFO) or a device: read as a stream, like stdin
        with path.open("rb") as pipe:
            yield from _dispatch(_unwrap_gzip(pipe), origin, fmt, -1)
        return
    if not path.is_file():
        raise RejectedInput(origin, "not_found", "no such file")
    with path.open("rb") as raw:
        size = path.stat().st_size
        if size == 0:
            raise RejectedInput(origin, "empty", "0 bytes")
        yield from _dispatch(_unwrap_gzip(raw), origin, fmt, size)


def _unwrap_gzip(stream: IO[bytes]) -> IO[bytes]:
    """The stream decompressed when it is gzip (``.gz``), bzip2 (``.bz2``) or xz (``.xz``)."""
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(stream)  # type: ignore[type-var]
    magic = buffered.peek(6)[:6]
    if magic[:2] == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=buffered)  # type: ignore[return-value]
    if magic[:3] == b"BZh":
        return bz2.BZ2File(buffered)
    if magic == b"\xfd7zXZ\x00":
        return lzma.LZMAFile(buffered)
    return buffered


def dispatch(stream: IO[bytes], origin: str, fmt: str, size: int) -> Iterator[ReadResult]:
    """Read one (possibly gzipped) stream: containers such as tar call this for members."""
    yield from _dispatch(_unwrap_gzip(stream), origin, fmt, size)


def _dispatch(stream: IO[bytes], origin: str, fmt: str, size: int) -> Iterator[ReadResult]:
    head = _peek(stream)
    if head.startswith((b"PK\x03\x04", b"7z\xbc\xaf", b"Rar!")):
        raise RejectedInput(origin, "unsupported", "a zip/7z/rar archive: unpack it first")
    utf16 = _utf16_codec(head)
    if utf16 is not None:  # every reader splits and sniffs bytes as ASCII-compatible text
        stream = _as_utf8(stream, utf16, origin)
        head = _peek(stream)
    if fmt == "auto":
        fmt = detect_format(head)
    reader = READERS.get(fmt)
    if reader is None:
        raise RejectedInput(origin, "unsupported", f"no reader for format {fmt!r} in this build")
    yield from reader(stream, origin, size)


def _utf16_codec(head: bytes) -> str | None:
    """``utf-16`` with a byte-order mark, else the decoder's BOM-less test (on at least 64
    bytes: a few bytes say nothing)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    return sniff_utf16(head) if len(head) >= 64 else None


def _as_utf8(stream: IO[bytes], codec: str, origin: str) -> IO[bytes]:
    """The UTF-16 input re-encoded as UTF-8 (read whole: UTF-16 files are small and rare)."""
    data = read_whole(stream, origin, 2 * MAX_PAGE_BYTES)
    text = data.decode(codec, errors="replace").lstrip("\ufeff")
    return io.BufferedReader(io.BytesIO(text.encode("utf-8")))


def _peek(stream: IO[bytes]) -> bytes:
    peek = getattr(stream, "peek", None)  # buffered files and the decompressors have it
    return peek(SNIFF_BYTES)[:SNIFF_BYTES] if peek is not None else b""


def _mostly_json_lines(text: str) -> bool:
    """Most of the first complete lines are JSON objects (a file whose first line is junk)."""
    lines = [ln.strip() for ln in text.split("\n")[:-1] if ln.strip()][:10]
    objects = sum(ln.startswith("{") and ln.endswith("}") for ln in lines)
    return len(lines) >= 2 and objects > len(lines) / 2


def _is_json_array(text: str) -> bool:
    """An array of articles rather than a JSON Lines file whose line is an array."""
    try:
        json.loads(text)
        return True
    except ValueError:  # cut by the sniffing window, or JSON Lines: a line ends the array
        return not _mostly_json_lines(text)


def _sniff_text(head: bytes) -> str:
    for enc in ("utf-8-sig", "utf-16"):
        if enc == "utf-16" and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        try:
            return head.decode(enc, errors="replace")  # a lost byte must not hide what it was
        except UnicodeDecodeError:
            continue
    return head.decode("latin-1")


def read_whole(stream: IO[bytes], origin: str, limit: int = MAX_PAGE_BYTES) -> bytes:
    """Read a single-document input, refusing more than ``limit`` bytes."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise RejectedInput(
            origin, "too_large", f"more than {limit // (1024 * 1024)} MB; split the input"
        )
    return data


@register_reader("text")
def read_text(stream: IO[bytes], origin: str, size: int) -> Iterator[ReadResult]:
    """A plain-text page (one page per file; the page may hold several articles)."""
    data = read_whole(stream, origin)
    text, encoding, notes = decode_bytes(data, origin)
    yield RawRecord(origin, "text", sha256_hex(data), encoding, text, notes=notes)


#: JSON Lines keys, in precedence order, for each field Marsad reads.
JSONL_KEYS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "maintext"),
    "title": ("title", "headline"),
    "published": (
        "published",
        "date_published",
        "datePublished",
        "date",
        "pubDate",
        "published_raw",
    ),
    "modified": ("date_modified", "modified", "dateModified"),
    "url": ("url", "link"),
    "source": ("source", "outlet", "site"),
    "author": ("author", "byline"),
    "id": ("id", "article_id", "_id"),
}


@register_reader("jsonl")
def read_jsonl(stream: IO[bytes], origin: str, size: int) -> Iterator[ReadResult]:
    """JSON Lines, one article per line; a bad line is rejected with its line number."""
    for lineno, line in enumerate(_bounded_lines(stream), start=1):
        where = f"{origin}:{lineno}"
        if isinstance(line, Rejection):
            yield Rejection(where, line.reason, line.detail)
            continue
        if not line.strip():
            continue
        try:
            text, encoding, _ = decode_bytes(line, where)
            obj = json.loads(text)
        except RejectedInput as exc:
            yield Rejection(where, exc.reason, exc.detail)
            continue
        except ValueError as exc:
            yield Rejection(where, "malformed", f"invalid JSON: {exc}")
            continue
        if not isinstance(obj, dict):
            yield Rejection(where, "malformed", "a JSON Lines record must be an object")
            continue
        yield _jsonl_record(obj, where, line, encoding)


@register_reader("json")
def read_json(stream: IO[bytes], origin: str, size: int) -> Iterator[ReadResult]:
    """One JSON document: an article object, or an array of them (each read as a JSON
    Lines record, with its index as its place)."""
    data = read_whole(stream, origin)
    text, encoding, _ = decode_bytes(data, origin)
    try:
        doc = json.loads(text)
    except ValueError as exc:
        yield Rejection(origin, "malformed", f"invalid JSON: {exc}")
        return
    items = doc if isinstance(doc, list) else [doc]
    for index, obj in enumerate(items):
        where = f"{origin}[{index}]" if isinstance(doc, list) else origin
        if not isinstance(obj, dict):
            yield Rejection(where, "malformed", "an article must be a JSON object")
            continue
        # ASCII escapes: the bytes hashed for the input's identity (a lone surrogate, which
        # UTF-8 cannot encode, stays an escape here and is replaced by _jsonl_record)
        line = json.dumps(obj, sort_keys=True).encode("ascii")
        yield _jsonl_record(obj, where, line, encoding)


def _bounded_lines(stream: IO[bytes]) -> Iterator[bytes | Rejection]:
    while True:
        line = stream.readline(MAX_RECORD_BYTES + 1)
        if not line:
            return
        if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
            while line and not line.endswith(b"\n"):  # skip the rest of the giant line
                line = stream.readline(MAX_RECORD_BYTES)
            yield Rejection("", "too_large", f"record over {MAX_RECORD_BYTES // (1024 * 1024)} MB")
            continue
        yield line


def pick(obj: dict[str, Any], field: str) -> Any:
    for key in JSONL_KEYS[field]:
        value = obj.get(key)
        if value not in (None, ""):
            return value
    return None


_SURROGATE_RE = re.compile("[\ud800-\udfff]")
#: A surrogate can only come from a ``\\uD800``–``\\uDFFF`` escape in the JSON bytes: only
#: records that hold one are walked.
_SURROGATE_ESCAPE_RE = re.compile(rb"\\u[dD][89abcdefABCDEF]")


def _without_surrogates(value: Any) -> tuple[Any, int]:
    """``value`` with lone surrogates (``"\\udc80"`` escapes: not characters, unstorable as
    UTF-8) replaced by U+FFFD, and how many there were."""
    if isinstance(value, str):
        return _SURROGATE_RE.subn("\ufffd", value)
    if isinstance(value, dict):
        pairs = [(k, _without_surrogates(v)) for k, v in value.items()]
        return {k: v for k, (v, _) in pairs}, sum(n for _, (_, n) in pairs)
    if isinstance(value, list):
        items = [_without_surrogates(v) for v in value]
        return [v for v, _ in items], sum(n for _, n in items)
    return value, 0


def _jsonl_record(obj: dict[str, Any], where: str, line: bytes, encoding: str) -> ReadResult:
    obj, surrogates = _without_surrogates(obj) if _SURROGATE_ESCAPE_RE.search(line) else (obj, 0)
    notes = (f"{surrogates} lone surrogate escape(s) replaced with U+FFFD",) if surrogates else ()
    text = pick(obj, "text")
    if text is not None and not isinstance(text, str):
        return Rejection(where, "malformed", f"the text is not a string ({type(text).__name__})")
    if not isinstance(text, str) or not text.strip():
        keys = "/".join(JSONL_KEYS["text"])
        return Rejection(where, "empty", f"no text in any of the keys {keys}")
    record_id = pick(obj, "id")
    url = pick(obj, "url")
    if url is not None and not isinstance(url, str):
        notes = (*notes, f"url ignored: not a string ({type(url).__name__})")
        url = None
    if record_id is not None and not isinstance(record_id, str | int):
        notes = (*notes, f"id ignored: not a string or number ({type(record_id).__name__})")
        record_id = None
    return RawRecord(
        origin=where,
        format="jsonl",
        sha256=sha256_hex(line.rstrip(b"\r\n")),
        encoding=encoding,
        text=text,
        url=str(url) if url is not None else None,
        record_id=str(record_id) if record_id is not None else None,
        fields=obj,
        notes=notes,
    )
