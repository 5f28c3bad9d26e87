"""The storage interface the service layer talks to (SQLite today, PostgreSQL to follow).

A backend receives documents already analysed (index terms from
:mod:`marsad.text.analyzer`, content hash) and parsed queries (:mod:`marsad.store.query`),
so the same tests can run against every backend. Every write method is one transaction.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from marsad.model import Document, Rejection
from marsad.store.query import Query


@dataclass(frozen=True)
class AnalysedDocument:
    """A document ready to store: its index terms and its content hash."""

    doc: Document
    content_hash: str
    title_terms: str
    text_terms: str


@dataclass(frozen=True)
class ProcessedInput:
    """What became of one input record: documents, or the reason it was rejected.

    ``record_sha256`` is None for inputs rejected before a record existed (a missing file);
    those are recorded as failures but not remembered as processed."""

    record_sha256: str | None
    origin: str
    documents: tuple[AnalysedDocument, ...] = ()
    rejection: Rejection | None = None


@dataclass
class BatchResult:
    kept: int = 0
    duplicates: int = 0
    rejected: int = 0
    #: records another writer processed first (concurrent writers to a shared store)
    skipped: int = 0


@dataclass(frozen=True)
class SearchFilters:
    """Narrow a search; text filters compare match keys, so spelling variants agree."""

    speaker: str | None = None
    entity: str | None = None
    source: str | None = None
    since: str | None = None
    until: str | None = None


@dataclass(frozen=True)
class SearchHit:
    article_id: int
    doc_id: str
    title: str | None
    published: str | None
    url: str | None
    text: str
    score: float


@dataclass(frozen=True)
class QuoteRow:
    article_id: int
    doc_id: str
    title: str | None
    published: str | None
    speaker: str
    kind: str
    content: str
    cue: str


@dataclass(frozen=True)
class EntityRow:
    key: str
    canonical: str
    label: str
    articles: int
    mentions: int


@dataclass
class RunSummary:
    id: int
    started_at: str
    finished_at: str | None
    status: str
    counts: dict[str, int] = field(default_factory=dict)


class Store(ABC):
    """One database of articles; use as a context manager so the connection is closed."""

    # -- ingest -------------------------------------------------------------------------
    @abstractmethod
    def begin_run(self, inputs: Sequence[str]) -> int:
        """Record the start of an ingest run; returns its id."""

    @abstractmethod
    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None: ...

    @abstractmethod
    def known_inputs(self) -> set[str]:
        """SHA-256 of every input record already processed (kept, duplicate or rejected)."""

    @abstractmethod
    def known_urls(self, urls: Sequence[str]) -> set[str]:
        """The URLs among ``urls`` that a stored article already has."""

    @abstractmethod
    def write_batch(self, run_id: int, inputs: Sequence[ProcessedInput]) -> BatchResult:
        """Store a batch in one transaction; an article whose URL or content hash is
        already stored is counted as a duplicate, not stored."""

    # -- reading ------------------------------------------------------------------------
    @abstractmethod
    def search(self, query: Query, filters: SearchFilters, limit: int) -> list[SearchHit]: ...

    @abstractmethod
    def quotes(self, speaker: str | None, about: Query | None, limit: int) -> list[QuoteRow]: ...

    @abstractmethod
    def entities(self, label: str | None, limit: int) -> list[EntityRow]: ...

    @abstractmethod
    def article(self, ident: str) -> tuple[int, Document] | None:
        """An article by its store id (a number) or its document id."""

    @abstractmethod
    def iter_documents(self, limit: int | None = None) -> Iterator[tuple[int, Document]]: ...

    @abstractmethod
    def stats(self) -> dict[str, Any]: ...

    @abstractmethod
    def runs(self, limit: int) -> list[RunSummary]: ...

    @abstractmethod
    def failures(self, limit: int) -> list[dict[str, Any]]: ...

    @abstractmethod
    def content_digest(self) -> str:
        """SHA-256 over every stored article, entity mention and quote, in a canonical
        order and without run ids or times: equal digests mean equal contents."""

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
