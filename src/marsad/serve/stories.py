"""Stories and related articles as the web layer sees them: one small adapter.

:class:`StoryBackend` is what the app calls; :class:`EngineStories`, the default, reads
the stories the store records at ingest (:mod:`marsad.stories_service`). Articles stored
before stories existed have none until ``marsad stories --rebuild``: meanwhile the status
says so and their related articles (اقرأ أيضاً) are those whose title or text share the
most words with their title (``method: "title"``). Another implementation can be passed
to ``create_app(stories=...)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from marsad import stories_service
from marsad.model import Document
from marsad.serve import queries
from marsad.store.base import Store

#: A story needs this many articles to be listed: one article alone is not yet a story.
LISTED_MIN_SIZE = 2
GROUPED = (
    "Stories group the copies of a text and the articles on one event within three days, "
    "as they are ingested."
)


@dataclass(frozen=True)
class StoryPage:
    """What a story page shows: its title, its articles (oldest first) and its texts run
    by several outlets (root, title, outlets, original, evidence)."""

    title: str | None
    articles: list[queries.ArticleBrief]
    chains: list[dict[str, object]]


class StoryBackend(Protocol):
    def status(self, store: Store) -> str:
        """A sentence for users: where stories come from, or why there are none."""

    def stories(self, store: Store, limit: int, offset: int) -> list[dict[str, object]]:
        """Story summaries, most recent news first: id, title, articles, outlets, times."""

    def story(self, store: Store, story_id: int) -> StoryPage | None:
        """A story's title, articles (oldest first) and republished texts, or None."""

    def story_of(self, store: Store, article_id: int) -> int | None: ...

    def related(
        self, store: Store, article_id: int, doc: Document, limit: int
    ) -> tuple[list[queries.ArticleBrief], str]:
        """Articles to read next and the method that found them (``story``, ``topic`` or
        ``title``)."""


class EngineStories:
    """The stories recorded at ingest by the story engine."""

    def status(self, store: Store) -> str:
        unplaced = store.unplaced()
        if unplaced:
            return (
                f"{unplaced} articles have no story (stored with --no-stories or before "
                "stories existed): "
                "run 'marsad stories --rebuild' to place them."
            )
        return GROUPED

    def stories(self, store: Store, limit: int, offset: int) -> list[dict[str, object]]:
        found = stories_service.list_stories(
            store, min_size=LISTED_MIN_SIZE, limit=limit, offset=offset
        )
        return [
            {
                "id": s.id,
                "title": s.headline,
                "articles": s.size,
                "texts": s.texts,
                "outlets": [o for o, _ in s.outlets if o],
                "first_seen": s.first_seen,
                "last_seen": s.last_seen,
            }
            for s in found
        ]

    def story(self, store: Store, story_id: int) -> StoryPage | None:
        found = stories_service.story(store, story_id)
        if found is None:
            return None
        titles = {a.article_id: a.title for a in found.articles}
        chains: list[dict[str, object]] = [
            {
                "root": group.root,
                "title": titles.get(group.root),
                "outlets": list(dict.fromkeys(o for o, _ in group.chain.outlets)),
                "original": group.chain.original_source,
                "evidence": group.chain.evidence,
            }
            for group in found.groups
            if group.chain is not None
        ]
        articles = queries.briefs(store, [a.article_id for a in found.articles])
        return StoryPage(found.headline, articles, chains)

    def story_of(self, store: Store, article_id: int) -> int | None:
        return store.story_links([article_id]).get(article_id, (None, None))[1]

    def related(
        self, store: Store, article_id: int, doc: Document, limit: int
    ) -> tuple[list[queries.ArticleBrief], str]:
        if self.story_of(store, article_id) is not None:
            found = stories_service.related(store, article_id, limit)
            if found:
                method = "story" if found[0].reason == "story" else "topic"
                return queries.briefs(store, [r.article.article_id for r in found]), method
        return queries.briefs(store, title_related(store, article_id, doc, limit)), "title"


def title_related(store: Store, article_id: int, doc: Document, limit: int) -> list[int]:
    """The articles sharing most of ``doc``'s title words, copies of its own text left out
    (they are not "related"): what to read next when no story links the article."""
    ids = queries.similar_titles(store, article_id, doc.title or "", limit + RELATED_SLACK)
    links = store.story_links([article_id, *ids])
    own = _group(article_id, links)
    return [i for i in ids if _group(i, links) != own][:limit]


#: Extra title matches fetched so that dropping copies of the article still fills the list.
RELATED_SLACK = 10


def _group(article_id: int, links: dict[int, tuple[int | None, int | None]]) -> int:
    duplicate_of = links.get(article_id, (None, None))[0]
    return duplicate_of if duplicate_of is not None else article_id
