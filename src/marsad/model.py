"""Marsad's data model: one raw record per input, one :class:`Document` per article.

Analyses are spans: character offsets into ``Document.text`` plus a label and
attributes, never copies of the text (STYLE.md, practice 1). ``to_json`` gives the
one JSON form used by every output (CLI, export, API); the README documents it.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Role = Literal["main", "related"]
SourceRole = Literal["origin", "agency", "publisher", "translator"]
SOURCE_ROLES: tuple[str, ...] = ("origin", "agency", "publisher", "translator")


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class RawRecord:
    """One input as it arrived: where from, what bytes, how decoded.

    ``origin`` is a path, URL or ``path#record`` for a record inside a container
    (a JSONL line, a WARC record, a feed item). ``fields`` carries structured
    metadata that came with the record (JSONL keys, feed item fields, HTTP headers).
    """

    origin: str
    format: str
    sha256: str
    encoding: str
    text: str
    url: str | None = None
    record_id: str | None = None
    fields: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    #: What was repaired on the way in (e.g. invalid bytes replaced); shown as warnings.
    notes: tuple[str, ...] = ()


@dataclass
class Span:
    """A labelled stretch ``text[start:end]`` of a document."""

    start: int
    end: int
    label: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span offsets {self.start}..{self.end}")


@dataclass
class EntitySpan(Span):
    text: str = ""
    canonical: str = ""
    key: str = ""
    role: str | None = None
    country: str | None = None


@dataclass
class QuoteSpan(Span):
    """A quotation: ``start``/``end`` delimit its content; ``label`` is its kind."""

    content: str = ""
    speaker: str = ""
    speaker_type: str = ""
    speaker_mention: str = ""
    cue: str = ""
    via: str | None = None


@dataclass
class Source:
    """One link of the source chain: who wrote, carried, published or translated it."""

    name: str
    role: str
    evidence: str = ""

    def __post_init__(self) -> None:
        if self.role not in SOURCE_ROLES:
            raise ValueError(f"source role must be one of {SOURCE_ROLES}, not {self.role!r}")


@dataclass
class Document:
    """One article. ``text`` is the display text all offsets refer to."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    modified: str | None = None
    role: Role = "main"
    lang: str = "ar"
    sources: list[Source] = field(default_factory=list)
    entities: list[EntitySpan] = field(default_factory=list)
    quotes: list[QuoteSpan] = field(default_factory=list)
    origin: str = ""
    record_sha256: str = ""
    position: int = 0
    #: which signal gave each metadata field, e.g. {"published": "date_line"}
    provenance: dict[str, str] = field(default_factory=dict)
    meta: dict[str, Any] = field(default_factory=dict)

    def add_source(self, name: str, role: str, evidence: str = "") -> None:
        """Add a source unless the same name with the same role is already there."""
        if any(s.name == name and s.role == role for s in self.sources):
            return
        self.sources.append(Source(name, role, evidence))

    def to_json(self) -> dict[str, Any]:
        """The one JSON form of an article (documented in the README)."""
        return {
            "id": self.id,
            "role": self.role,
            "title": self.title,
            "published": self.published,
            "modified": self.modified,
            "url": self.url,
            "lang": self.lang,
            "text": self.text,
            "sources": [asdict(s) for s in self.sources],
            "entities": [_span_json(e) for e in self.entities],
            "quotes": [_span_json(q) for q in self.quotes],
            "origin": self.origin,
            "record_sha256": self.record_sha256,
            "position": self.position,
            "provenance": dict(self.provenance),
            "meta": dict(self.meta),
        }


def _span_json(span: Span) -> dict[str, Any]:
    data = asdict(span)
    if isinstance(span, QuoteSpan):
        data["kind"] = data.pop("label")
    return {k: v for k, v in data.items() if v is not None}


@dataclass(frozen=True)
class Rejection:
    """An input (or part of one) that was not turned into articles, and why."""

    origin: str
    reason: str
    detail: str = ""

    def to_json(self) -> dict[str, str]:
        return {"origin": self.origin, "reason": self.reason, "detail": self.detail}
