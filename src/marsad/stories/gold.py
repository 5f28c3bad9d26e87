"""The stories gold set: labelled article pairs, and the articles they point to.

A gold file (``tests/gold/pairs_dev.jsonl``) holds one pair per line::

    {"a": {"corpus": "saudinewsnet", "id": "snn-…"}, "b": {…}, "label": "copy", "note": "…"}

``label`` is ``copy`` (the same text republished, possibly trimmed, retitled or lightly
edited), ``same_story`` (the same event, written independently) or ``different``; the
gold sets also keep ``stratum`` (how the pair was drawn) and ``annotators`` (two
independent labels; ``label`` is adjudicated where they differ). Only ids are kept in the
repository; the articles are read from the shared corpora and go through the same
extraction as at ingest.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import marsad.formats  # noqa: F401  (registers the JSON Lines extractor)
from marsad.errors import ConfigError, RejectedInput
from marsad.extract.documents import extract_record
from marsad.model import Document, RawRecord, sha256_hex

LABELS = ("copy", "same_story", "different")
_ID_RE = re.compile(rb'"id":\s*"([^"]+)"')

ArticleKey = tuple[str, str]  # (corpus, article id)


@dataclass(frozen=True)
class GoldPair:
    a: ArticleKey
    b: ArticleKey
    label: str
    note: str = ""


def read_pairs(path: Path) -> list[GoldPair]:
    """Read a gold file; a malformed line stops with its line number."""
    pairs = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            pair = GoldPair(
                (row["a"]["corpus"], row["a"]["id"]),
                (row["b"]["corpus"], row["b"]["id"]),
                row["label"],
                row.get("note", ""),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}:{number}: not a gold pair ({exc})") from exc
        if pair.label not in LABELS:
            raise ConfigError(f"{path}:{number}: label must be one of {LABELS}, not {pair.label!r}")
        pairs.append(pair)
    return pairs


def load_articles(news_dir: Path, keys: Iterable[ArticleKey]) -> dict[ArticleKey, Document]:
    """Extract the wanted articles from ``news_dir/<corpus>.jsonl.gz``, in corpus order.

    An article whose record is rejected (an empty text) is left out. The record's crawl
    time (``date_extracted``) is kept in ``meta`` so that undated articles have a time."""
    wanted: dict[str, set[str]] = defaultdict(set)
    for corpus, ident in keys:
        wanted[corpus].add(ident)
    out: dict[ArticleKey, Document] = {}
    for corpus in sorted(wanted):
        path = news_dir / f"{corpus}.jsonl.gz"
        if not path.is_file():
            raise ConfigError(
                f"corpus {corpus!r} not found at {path}; set MARSAD_SHARED to the shared folder"
            )
        with gzip.open(path, "rb") as fh:
            for number, line in enumerate(fh, 1):
                match = _ID_RE.search(line, 0, 200)
                if not match or match.group(1).decode() not in wanted[corpus]:
                    continue
                doc = extract_record_line(json.loads(line), f"{path}:{number}", line)
                if doc is not None:
                    out[(corpus, doc.id)] = doc
    return out


def extract_record_line(fields: dict[str, object], origin: str, line: bytes) -> Document | None:
    """One JSON Lines record through extraction, as at ingest (None when rejected)."""
    record = RawRecord(
        origin=origin,
        format="jsonl",
        sha256=sha256_hex(line.rstrip(b"\r\n")),
        encoding="utf-8",
        text=str(fields.get("text") or ""),
        url=str(fields["url"]) if fields.get("url") else None,
        record_id=str(fields["id"]),
        fields=fields,
    )
    try:
        doc = extract_record(record)[0]
    except RejectedInput:
        return None
    crawled = fields.get("date_extracted")
    if isinstance(crawled, str):
        doc.meta.setdefault("date_extracted", crawled)
    return doc
