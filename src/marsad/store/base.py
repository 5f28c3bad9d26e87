"""The storage interface the service layer talks to (SQLite today, PostgreSQL to follow).

A backend receives documents already analysed (index terms from
:mod:`marsad.text.analyzer`, content hash) and parsed queries (:mod:`marsad.store.query`),
so the same tests can run against every backend. Every write method is one transaction.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from marsad.model import Document, Rejection
from marsad.store.query import Query
from marsad.stories.features import Features
from marsad.stories.state import ArticleBook, BandIndex

if TYPE_CHECKING:
    from marsad.store.story_store import StoryArticle, StorySummary


@dataclass(frozen=True)
class AnalysedDocument:
    """A document ready to store: its index terms, its content hash and its story features
    (computed by the ingest worker; the store computes them when they are missing)."""

    doc: Document
    content_hash: str
    title_terms: str
    text_terms: str
    features: Features | None = None


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
    #: kept articles that copy an earlier one (``duplicate_of`` set): republications
    copies: int = 0
    #: articles not stored: their URL, or their text from the same outlet, is stored
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
    story: int | None = None


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
    def write_batch(
        self, run_id: int, inputs: Sequence[ProcessedInput], *, stories: bool = True
    ) -> BatchResult:
        """Store a batch in one transaction and place each kept article in its copy group
        and story (not with ``stories=False``: ``rebuild_stories`` places them later). An article whose URL is already stored, or whose text (content hash)
        is stored from the same outlet, is counted as a duplicate, not stored; the same
        text from another outlet is stored as a copy (``duplicate_of``)."""

    # -- stories --------------------------------------------------------------------------
    @abstractmethod
    def story_state(self) -> tuple[BandIndex, ArticleBook]:
        """The story postings and book, for reading (related articles, chains)."""

    @abstractmethod
    def rebuild_stories(self, batch_size: int = 500) -> int:
        """Forget every story and place every stored article again, in store order (after
        a change of the story rules, or for articles stored before stories existed);
        returns the number of articles placed."""

    @abstractmethod
    def stories(
        self,
        since: str | None = None,
        until: str | None = None,
        *,
        min_size: int = 1,
        order: str = "recent",
        limit: int = 20,
        offset: int = 0,
    ) -> list[StorySummary]: ...

    @abstractmethod
    def story_articles(self, story: int, limit: int = 1000) -> list[StoryArticle]: ...

    @abstractmethod
    def story_briefs(self, ids: Sequence[int]) -> list[StoryArticle]:
        """The articles with these ids, in that order, as story pages list them."""

    @abstractmethod
    def story_links(self, ids: Sequence[int]) -> dict[int, tuple[int | None, int | None]]:
        """``(duplicate_of, story)`` of each of the articles."""

    @abstractmethod
    def unplaced(self) -> int:
        """Articles without a story (stored before stories existed)."""

    @abstractmethod
    def story_digest(self) -> str:
        """A digest of the copy groups and stories, independent of store ids."""

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
