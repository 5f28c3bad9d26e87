"""Stories as users ask for them (CLI, HTTP API, web): lists, one story, related articles.

A thin layer over the store's story reads (:mod:`marsad.store.story_store`) and the story
stages (:mod:`marsad.stories`): the store places every article at ingest; this module
only reads, except :func:`rebuild`.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from marsad.errors import ConfigError
from marsad.search_service import check_dates
from marsad.store.base import Store
from marsad.store.common import MAX_STORE_ID
from marsad.store.story_store import STORY_ORDERS, StoryArticle, StorySummary
from marsad.stories.chain import Chain, republication_chain
from marsad.stories.related import related_articles

#: Articles listed on one story at most (a story is a timeline, not an archive).
STORY_ARTICLES = 500
MAX_LIMIT = 1000


@dataclass(frozen=True)
class CopyGroup:
    """One text of a story and every outlet that ran it."""

    root: int
    articles: tuple[StoryArticle, ...]
    chain: Chain | None  # None for a text run once

    def to_json(self) -> dict[str, Any]:
        return {
            "root": self.root,
            "articles": [a.article_id for a in self.articles],
            "chain": self.chain.to_json() if self.chain else None,
        }


@dataclass(frozen=True)
class StoryDetail:
    id: int
    headline: str | None
    articles: tuple[StoryArticle, ...]  # earliest first
    groups: tuple[CopyGroup, ...]  # largest first

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "headline": self.headline,
            "size": len(self.articles),
            "outlets": sorted({a.outlet for a in self.articles if a.outlet}),
            "articles": [a.to_json() for a in self.articles],
            "copy_groups": [g.to_json() for g in self.groups],
        }


@dataclass(frozen=True)
class RelatedArticle:
    article: StoryArticle
    reason: str  # "story" (same story) or "topic" (same names and words)
    score: float

    def to_json(self) -> dict[str, Any]:
        return {**self.article.to_json(), "reason": self.reason, "score": round(self.score, 3)}


def check_limit(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise ConfigError(f"limit must be between 1 and {MAX_LIMIT}, not {limit}")


def list_stories(
    store: Store,
    since: str | None = None,
    until: str | None = None,
    *,
    min_size: int = 1,
    order: str = "recent",
    limit: int = 20,
    offset: int = 0,
) -> list[StorySummary]:
    """Stories seen between ``since`` and ``until``, most recent (or largest) first."""
    check_limit(limit)
    check_dates(since=since, until=until)
    if order not in STORY_ORDERS:
        raise ConfigError(f"order must be one of {', '.join(STORY_ORDERS)}, not {order!r}")
    if min_size < 1 or offset < 0:
        raise ConfigError("min_size must be at least 1 and offset at least 0")
    return store.stories(since, until, min_size=min_size, order=order, limit=limit, offset=offset)


def story(store: Store, story_id: int) -> StoryDetail | None:
    """A story's articles and its copy groups with their republication chains."""
    if not 0 < story_id <= MAX_STORE_ID:
        return None
    articles = store.story_articles(story_id, STORY_ARTICLES)
    if not articles:
        return None
    by_group: defaultdict[int, list[StoryArticle]] = defaultdict(list)
    for article in articles:
        by_group[article.duplicate_of or article.article_id].append(article)
    _, book = store.story_state()
    groups = []
    for root, members in by_group.items():
        chain = None
        if len(members) > 1:
            entries = book.get(a.article_id for a in members)
            chain = republication_chain(entries.values()) if entries else None
        groups.append(CopyGroup(root, tuple(members), chain))
    groups.sort(key=lambda g: (-len(g.articles), g.root))
    headline = next((a.title for a in articles if a.article_id == story_id), articles[0].title)
    return StoryDetail(story_id, headline, tuple(articles), tuple(groups))


def resolve(store: Store, ident: str) -> int | None:
    """A store id from a store id or a document id."""
    found = store.article(ident)
    return found[0] if found else None


def related(store: Store, article_id: int, limit: int = 10) -> list[RelatedArticle]:
    """The related articles of a stored article (اقرأ أيضاً): its story first, then the
    articles of the same week sharing its names and words."""
    check_limit(limit)
    index, book = store.story_state()
    found = related_articles(article_id, index, book, limit)
    if not found:
        return []
    briefs = {a.article_id: a for a in store.story_briefs([r.article_id for r in found])}
    return [
        RelatedArticle(briefs[r.article_id], r.reason, r.score)
        for r in found
        if r.article_id in briefs
    ]


def rebuild(store: Store) -> int:
    """Place every stored article again (see :meth:`Store.rebuild_stories`)."""
    return store.rebuild_stories()
