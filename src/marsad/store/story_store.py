"""The stories side of a SQL store: placing articles as they are written, and story reads.

Writing: every article a batch keeps is placed by the :class:`~marsad.stories.StoryEngine`
in the batch's own transaction, in input order, over the store's ``story_postings`` and
``story_articles`` tables; ``articles.duplicate_of`` and ``articles.story_id`` are set from
its answer (and re-pointed for earlier copies when an older copy arrives late). A batch
that rolls back takes its story state with it, so a re-run places the same articles again
exactly once.

Reading: story lists, a story's articles, the links of any article and a digest of the
grouping, with the same SQL on SQLite and PostgreSQL (the backend supplies ``dialect``
and ``_query``).
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from marsad.errors import ConfigError
from marsad.model import Document
from marsad.store.base import AnalysedDocument
from marsad.stories.engine import Assignment, StoryEngine
from marsad.stories.features import Features, compute_features, outlet_of
from marsad.stories.idf import default_idf
from marsad.stories.state import ArticleBook, BandIndex

if TYPE_CHECKING:
    from marsad.store.common import Dialect

#: ids per ``IN`` list when reading many stories at once.
_PAGE = 500

Update = Callable[[int, int | None, int], None]


def features_of(analysed: AnalysedDocument) -> Features:
    """The story features computed by the ingest worker, else computed now."""
    if analysed.features is not None:
        return analysed.features
    return compute_features(
        analysed.doc,
        default_idf(),
        analysed.title_terms.split(),
        analysed.text_terms.split(),
    )


def outlet(analysed: AnalysedDocument) -> str:
    """The outlet that ran the article ('' when the source chain names none)."""
    return analysed.features.outlet if analysed.features is not None else outlet_of(analysed.doc)


def features_of_stored(doc: Document) -> Features:
    """Story features of a stored article (``rebuild_stories``): analysed again."""
    return compute_features(doc, default_idf())


#: The first earlier article with the same text (another outlet's copy): the ``exact_of``
#: of :meth:`StoryPlacer.place` (``{p}`` is the backend's placeholder).
TWIN_SQL = "SELECT MIN(id) FROM articles WHERE content_hash = {p} AND id < {p}"

#: What ``rebuild_stories`` forgets before placing every article again.
FORGET_STORIES = (
    "DELETE FROM story_postings",
    "DELETE FROM story_articles",
    "UPDATE articles SET duplicate_of = NULL, story_id = NULL",
)


class StoryPlacer:
    """Places articles, one by one in store order, inside the caller's transaction."""

    def __init__(self, index: BandIndex, book: ArticleBook, update: Update) -> None:
        self.engine = StoryEngine(index, book)
        self.update = update

    def place(self, article_id: int, features: Features, exact_of: int | None = None) -> Assignment:
        """``exact_of``: an earlier article with the same text (content hash)."""
        assignment = self.engine.add(article_id, features, exact_of)
        self.update(assignment.article_id, assignment.duplicate_of, assignment.story)
        for changed in assignment.changed:
            self.update(*changed)
        return assignment


@dataclass(frozen=True)
class StorySummary:
    """One story as ``marsad stories`` lists it."""

    id: int
    headline: str | None
    size: int  # articles, copies included
    texts: int  # copy groups: the distinct texts
    outlets: tuple[tuple[str, int], ...]  # (outlet, articles), most articles first
    first_seen: str | None
    last_seen: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "headline": self.headline,
            "size": self.size,
            "texts": self.texts,
            "outlets": [{"outlet": o, "articles": n} for o, n in self.outlets],
            "first_seen": self.first_seen,
            "last_seen": self.last_seen,
        }


@dataclass(frozen=True)
class StoryArticle:
    """An article of a story, as a story page lists it."""

    article_id: int
    doc_id: str
    title: str | None
    url: str | None
    seen: str | None
    outlet: str
    duplicate_of: int | None

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article_id,
            "id": self.doc_id,
            "title": self.title,
            "url": self.url,
            "seen": self.seen,
            "outlet": self.outlet,
            "duplicate_of": self.duplicate_of,
        }


#: Sort orders of :meth:`StoryReads.stories`.
STORY_ORDERS = {
    "recent": "MAX(seen) IS NULL, MAX(seen) DESC, story DESC",
    "size": "COUNT(*) DESC, MAX(seen) IS NULL, MAX(seen) DESC, story DESC",
}


class StoryReads:
    """Story queries shared by the SQL backends (mixed in before ``Store``)."""

    dialect: Dialect

    if TYPE_CHECKING:  # provided by the backend

        def _query(self, sql: str, params: Sequence[Any]) -> list[Any]: ...

    def stories(
        self,
        since: str | None = None,
        until: str | None = None,
        *,
        min_size: int = 1,
        order: str = "recent",
        limit: int = 20,
        offset: int = 0,
    ) -> list[StorySummary]:
        """Stories active between ``since`` and ``until`` (ISO dates, inclusive)."""
        if order not in STORY_ORDERS:
            raise ConfigError(f"order must be one of {', '.join(STORY_ORDERS)}, not {order!r}")
        p = self.dialect.param
        having: list[str] = [f"COUNT(*) >= {p}"]
        params: list[Any] = [min_size]
        if since:
            having.append(f"MAX(seen) >= {p}")
            params.append(since)
        if until:  # '~' sorts after every ISO suffix: --until 2015-07-21 keeps that day
            having.append(f"MIN(seen) <= {p}")
            params.append(until + "~")
        rows = self._query(
            "SELECT story, COUNT(*), COUNT(DISTINCT COALESCE(duplicate_of, article_id)), "
            f"MIN(seen), MAX(seen) FROM story_articles GROUP BY story "
            f"HAVING {' AND '.join(having)} ORDER BY {STORY_ORDERS[order]} "
            f"LIMIT {p} OFFSET {p}",
            (*params, limit, offset),
        )
        ids = [int(r[0]) for r in rows]
        titles = dict(self._in("SELECT id, title FROM articles WHERE {ids}", "id", ids))
        outlets: defaultdict[int, Counter[str]] = defaultdict(Counter)
        for story, name, count in self._in(
            "SELECT s.story, a.outlet, COUNT(*) FROM story_articles s "
            "JOIN articles a ON a.id = s.article_id WHERE {ids} GROUP BY s.story, a.outlet",
            "s.story",
            ids,
        ):
            outlets[int(story)][name] += int(count)
        return [
            StorySummary(
                int(r[0]),
                titles.get(r[0]),
                int(r[1]),
                int(r[2]),
                tuple(sorted(outlets[int(r[0])].items(), key=lambda kv: (-kv[1], kv[0]))),
                r[3],
                r[4],
            )
            for r in rows
        ]

    def story_articles(self, story: int, limit: int = 1000) -> list[StoryArticle]:
        """A story's articles, earliest first (undated last), at most ``limit``."""
        p = self.dialect.param
        rows = self._query(
            "SELECT a.id, a.doc_id, a.title, a.url, s.seen, a.outlet, s.duplicate_of "
            "FROM story_articles s JOIN articles a ON a.id = s.article_id "
            f"WHERE s.story = {p} ORDER BY s.seen IS NULL, s.seen, a.id LIMIT {p}",
            (story, limit),
        )
        return [StoryArticle(*r) for r in rows]

    def story_briefs(self, ids: Sequence[int]) -> list[StoryArticle]:
        """The articles with these ids (in that order) as story pages list them."""
        rows = self._in(
            "SELECT a.id, a.doc_id, a.title, a.url, s.seen, a.outlet, "
            "a.duplicate_of FROM articles a LEFT JOIN story_articles s ON s.article_id = a.id "
            "WHERE {ids}",
            "a.id",
            ids,
        )
        found = {int(r[0]): StoryArticle(*r) for r in rows}
        return [found[i] for i in ids if i in found]

    def story_links(self, ids: Sequence[int]) -> dict[int, tuple[int | None, int | None]]:
        """``(duplicate_of, story)`` of each article (``story`` None before placement)."""
        rows = self._in("SELECT id, duplicate_of, story_id FROM articles WHERE {ids}", "id", ids)
        return {int(r[0]): (r[1], r[2]) for r in rows}

    def unplaced(self) -> int:
        """Articles that have no story yet (stored before the stories stage existed)."""
        row = self._query("SELECT COUNT(*) FROM articles WHERE story_id IS NULL", ())
        return int(row[0][0])

    def story_digest(self) -> str:
        """SHA-256 of the grouping, independent of store ids: each article (record and
        position) with the article it duplicates and the article that opened its story.
        Equal on two stores that grouped the same articles the same way."""
        rows = self._query(
            "SELECT a.record_sha256, a.position, d.record_sha256, d.position, "
            "s.record_sha256, s.position FROM articles a "
            "LEFT JOIN articles d ON d.id = a.duplicate_of "
            "LEFT JOIN articles s ON s.id = a.story_id",
            (),
        )
        digest = hashlib.sha256()
        for row in sorted(tuple("" if v is None else str(v) for v in r) for r in rows):
            digest.update("\x1f".join(row).encode("utf-8") + b"\n")
        return digest.hexdigest()

    def _in(self, sql: str, column: str, ids: Iterable[int]) -> list[Any]:
        """Run ``sql`` whose ``{ids}`` is a membership test of ``column``, page by page."""
        wanted = list(dict.fromkeys(ids))
        out: list[Any] = []
        for start in range(0, len(wanted), _PAGE):
            page = wanted[start : start + _PAGE]
            if self.dialect.param == "?":
                test = f"{column} IN ({','.join('?' * len(page))})"
                out.extend(self._query(sql.format(ids=test), page))
            else:
                out.extend(self._query(sql.format(ids=f"{column} = ANY(%s)"), (page,)))
        return out
