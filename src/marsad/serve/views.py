"""What the API and the web pages show, built once from the service layer.

The API serialises these objects to JSON and the pages render them with templates; neither
talks to the store directly, so a page and its API endpoint always agree (STYLE.md,
practice 6). Errors are :mod:`marsad.errors` exceptions and :class:`NotFound`; the front
ends translate them into statuses.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from typing import Any

from marsad import search_service
from marsad.errors import MarsadError, QueryError
from marsad.model import Document
from marsad.serve import queries
from marsad.serve.stories import StoryBackend
from marsad.store.base import QuoteRow, RunSummary, SearchFilters, Store
from marsad.store.query import parse_query

_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
#: The deepest result a search pages to: past it, narrow the search with filters.
MAX_OFFSET = 1_000
#: Results per page, at most (the API's ``limit``).
MAX_PAGE = 100
#: Related articles shown under an article (اقرأ أيضاً).
RELATED_LIMIT = 6
#: Quotations listed on a person's page.
PERSON_QUOTES = 200


class NotFound(MarsadError):
    """The article, story or person asked for is not in the store."""


@dataclass(frozen=True)
class Hit:
    article_id: int
    doc_id: str
    title: str | None
    published: str | None
    url: str | None
    sources: list[dict[str, str]]
    snippet: str
    highlights: tuple[tuple[int, int], ...]
    score: float

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.article_id,
            "doc_id": self.doc_id,
            "title": self.title,
            "published": self.published,
            "url": self.url,
            "sources": self.sources,
            "snippet": self.snippet,
            "highlights": [list(h) for h in self.highlights],
            "score": round(self.score, 4),
        }

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet cut into (text, highlighted) runs, for a template to mark up."""
        return cut(self.snippet, self.highlights)


@dataclass(frozen=True)
class SearchPage:
    query: str
    filters: SearchFilters
    total: int
    limit: int
    offset: int
    hits: list[Hit]
    facets: queries.Facets | None = None

    def to_json(self) -> dict[str, Any]:
        return {"total": self.total, "hits": [h.to_json() for h in self.hits]}


def check_page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_PAGE:
        raise QueryError(f"limit must be between 1 and {MAX_PAGE}, not {limit}")
    if not 0 <= offset <= MAX_OFFSET:
        raise QueryError(
            f"offset must be between 0 and {MAX_OFFSET}, not {offset}; narrow the search "
            "with speaker, entity, source, since or until instead"
        )


def search(
    store: Store,
    text: str,
    filters: SearchFilters,
    limit: int = 10,
    offset: int = 0,
    *,
    with_facets: bool = False,
) -> SearchPage:
    """One page of ranked hits, the number of matches, and (for the web page) facets."""
    check_page(limit, offset)
    check_dates(filters)
    results = search_service.search(store, text, filters, limit + offset)[offset:]
    query = parse_query(text)
    if offset == 0 and len(results) < limit:  # everything is on this page: nothing to count
        total = len(results)
    else:
        total = queries.count_matches(store, query, filters)
    chains = queries.sources_of(store, [r.hit.article_id for r in results])
    hits = [
        Hit(
            r.hit.article_id, r.hit.doc_id, r.hit.title, r.hit.published, r.hit.url,
            chains[r.hit.article_id], r.snippet.text, r.snippet.highlights, r.hit.score,
        )
        for r in results
    ]  # fmt: skip
    found = queries.facets(store, query, filters) if with_facets else None
    return SearchPage(text, filters, total, limit, offset, hits, found)


def check_dates(filters: SearchFilters) -> None:
    for name in ("since", "until"):
        value = getattr(filters, name)
        if value is not None and not _DATE_RE.match(value):
            raise QueryError(f"{name} takes a date such as 2024-03-27, not {value!r}")


def cut(text: str, spans: tuple[tuple[int, int], ...]) -> list[tuple[str, bool]]:
    parts: list[tuple[str, bool]] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos:
            continue
        if start > pos:
            parts.append((text[pos:start], False))
        parts.append((text[start:end], True))
        pos = end
    if pos < len(text):
        parts.append((text[pos:], False))
    return parts


# -- one article -----------------------------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A stretch of the article text with the entity and quotation that cover it."""

    text: str
    entity: int | None = None  # index into doc.entities
    quote: int | None = None  # index into doc.quotes: the innermost one covering it
    #: the quotations whose first segment this is (their link targets ``#qN``); a nested
    #: quotation (a quoted phrase inside a reported statement) starts inside another's
    anchors: tuple[int, ...] = ()


@dataclass(frozen=True)
class ArticleView:
    store_id: int
    doc: Document
    related: list[queries.ArticleBrief]
    related_method: str
    story_id: int | None

    def to_json(self) -> dict[str, Any]:
        return {"store_id": self.store_id, **self.doc.to_json(), "story_id": self.story_id}

    def segments(self) -> list[Segment]:
        return segments(self.doc)


def find_article(store: Store, ident: str) -> tuple[int, Document]:
    found = store.article(ident)
    if found is None:
        raise NotFound(f"no article {ident!r} in the store")
    return found


def article(store: Store, stories: StoryBackend, ident: str) -> ArticleView:
    store_id, doc = find_article(store, ident)
    related, method = stories.related(store, store_id, doc, RELATED_LIMIT)
    return ArticleView(store_id, doc, related, method, stories.story_of(store, store_id))


def related(
    store: Store, stories: StoryBackend, ident: str, limit: int = RELATED_LIMIT
) -> dict[str, Any]:
    check_page(limit, 0)
    store_id, doc = find_article(store, ident)
    found, method = stories.related(store, store_id, doc, limit)
    return {"id": store_id, "method": method, "related": [b.to_json() for b in found]}


def segments(doc: Document) -> list[Segment]:
    """The text cut at every entity and quotation edge. Entities never overlap each other
    (the entity stage resolves overlaps); quotations may nest, and a stretch shows the
    innermost one."""
    cuts = {0, len(doc.text)}
    for span in (*doc.entities, *doc.quotes):
        cuts.update((min(span.start, len(doc.text)), min(span.end, len(doc.text))))
    edges = sorted(cuts)
    out: list[Segment] = []
    opened: set[int] = set()
    for start, end in itertools.pairwise(edges):
        if start == end:
            continue
        entity = next(
            (i for i, e in enumerate(doc.entities) if e.start <= start and end <= e.end), None
        )
        covering = [i for i, q in enumerate(doc.quotes) if q.start <= start and end <= q.end]
        quote = max(covering, key=lambda i: (doc.quotes[i].start, -doc.quotes[i].end), default=None)
        anchors = tuple(i for i in covering if i not in opened)
        opened.update(anchors)
        out.append(Segment(doc.text[start:end], entity, quote, anchors))
    return out


# -- people ----------------------------------------------------------------------------


@dataclass(frozen=True)
class PersonView:
    name: str
    entities: list[tuple[str, str, int]]
    per_day: list[tuple[str, int]]
    quotes: list[QuoteRow]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "entities": [
                {"canonical": c, "label": la, "articles": n} for c, la, n in self.entities
            ],
            "mentions_per_day": [{"day": d, "articles": n} for d, n in self.per_day],
            "quotes": [q.__dict__ for q in self.quotes],
        }


def person(store: Store, name: str) -> PersonView:
    name = name.strip()
    if not name or len(name) > 200:
        raise QueryError("a person's name must have 1 to 200 characters")
    rows = search_service.quotes(store, speaker=name, limit=PERSON_QUOTES)
    per_day = queries.mentions_per_day(store, name)
    names = queries.entity_names(store, name)
    if not rows and not per_day and not names:
        raise NotFound(f"no one called {name!r} is quoted or mentioned in the store")
    rows.sort(key=lambda q: (q.published or "", q.article_id))
    return PersonView(name, names, per_day, rows)


# -- stories ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StoryView:
    story_id: int
    title: str | None
    articles: list[queries.ArticleBrief]
    outlets: list[str] = field(default_factory=list)
    #: texts run by several outlets: root, title, outlets, original, evidence
    chains: list[dict[str, object]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.story_id,
            "title": self.title,
            "outlets": self.outlets,
            "articles": [a.to_json() for a in self.articles],
            "republished": self.chains,
        }


def story(store: Store, stories: StoryBackend, story_id: int) -> StoryView:
    found = stories.story(store, story_id)
    if found is None:
        raise NotFound(f"no story {story_id} in the store. {stories.status(store)}")
    outlets = list(dict.fromkeys(s["name"] for a in found.articles for s in a.sources))
    return StoryView(story_id, found.title, found.articles, outlets, found.chains)


# -- ingest status ---------------------------------------------------------------------


@dataclass(frozen=True)
class IngestStatus:
    stats: dict[str, Any]
    runs: list[RunSummary]
    failures: list[dict[str, Any]]
    writes_enabled: bool

    def to_json(self) -> dict[str, Any]:
        stats = {k: v for k, v in self.stats.items() if k != "path"}
        return {
            "stats": stats,
            "runs": [r.__dict__ for r in self.runs],
            "failures": self.failures,
            "writes_enabled": self.writes_enabled,
        }


def ingest_status(store: Store, writes_enabled: bool, limit: int = 20) -> IngestStatus:
    return IngestStatus(store.stats(), store.runs(limit), store.failures(limit), writes_enabled)
