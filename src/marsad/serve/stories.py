"""Stories and related articles as the web layer sees them: one small adapter.

The stories stage (``marsad.stories``) is being built separately. Until it offers service
functions, :class:`StoreColumnStories` reads what the store already has room for: the
``articles.story_id`` column reserved by the first migration. While no article has a
story, the story list is empty with a message saying why, a story id is a 404, and the
related articles of a page (اقرأ أيضاً) are the articles whose title or text share the most
words with its title (``method: "title"``). To connect the stories stage, implement
:class:`StoryBackend` over its functions and pass it to ``create_app(stories=...)``.
"""

from __future__ import annotations

from typing import Protocol

from marsad.model import Document
from marsad.serve import queries
from marsad.store.base import Store

#: Articles listed in one story at most (a story page is a timeline, not an archive).
STORY_ARTICLES = 200
NO_STORIES = (
    "No stories have been computed for this store yet: stories appear here once the "
    "stories stage has grouped its articles."
)


class StoryBackend(Protocol):
    def status(self, store: Store) -> str:
        """A sentence for users: where stories come from, or why there are none."""

    def stories(self, store: Store, limit: int, offset: int) -> list[dict[str, object]]:
        """Story summaries, most recent news first: id, title, articles, last_published."""

    def story(
        self, store: Store, story_id: int
    ) -> tuple[str | None, list[queries.ArticleBrief]] | None:
        """A story's title and articles (oldest first), or None when there is none."""

    def story_of(self, store: Store, article_id: int) -> int | None: ...

    def related(
        self, store: Store, article_id: int, doc: Document, limit: int
    ) -> tuple[list[queries.ArticleBrief], str]:
        """Articles to read next and the method that found them (``story`` or ``title``)."""


class StoreColumnStories:
    """Stories as recorded in ``articles.story_id``; related articles by title words."""

    def status(self, store: Store) -> str:
        if queries.story_ids(store, 1, 0):
            return "Stories are the groups recorded by the stories stage."
        return NO_STORIES

    def stories(self, store: Store, limit: int, offset: int) -> list[dict[str, object]]:
        out: list[dict[str, object]] = []
        for story_id, count, last in queries.story_ids(store, limit, offset):
            first = queries.briefs(store, queries.story_article_ids(store, story_id, 1))
            title = first[0].title if first else None
            out.append({"id": story_id, "title": title, "articles": count, "last_published": last})
        return out

    def story(
        self, store: Store, story_id: int
    ) -> tuple[str | None, list[queries.ArticleBrief]] | None:
        ids = queries.story_article_ids(store, story_id, STORY_ARTICLES)
        if not ids:
            return None
        articles = queries.briefs(store, ids)
        return articles[0].title, articles

    def story_of(self, store: Store, article_id: int) -> int | None:
        return queries.story_of(store, article_id)

    def related(
        self, store: Store, article_id: int, doc: Document, limit: int
    ) -> tuple[list[queries.ArticleBrief], str]:
        story_id = queries.story_of(store, article_id)
        if story_id is not None:
            ids = [
                i for i in queries.story_article_ids(store, story_id, limit + 1) if i != article_id
            ]
            if ids:
                return queries.briefs(store, ids[:limit]), "story"
        ids = queries.similar_titles(store, article_id, doc.title or "", limit)
        return queries.briefs(store, ids), "title"
