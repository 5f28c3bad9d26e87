"""Read queries the web layer needs beyond the :class:`~marsad.store.base.Store` interface.

Counts, facets, sources of a page of hits, mentions per day and title-similar articles
(stories come from the store's own story reads). They are SQLite-specific (the only backend today) and kept here,
apart from the store, so that the store's interface does not grow for one front end; when
a PostgreSQL backend arrives they move into ``Store`` with a test on each backend.

Every value typed by a user reaches SQL as a bound parameter; search filters use the
store's own ``_filter_sql`` so a facet count and a search agree on what matches.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from marsad.errors import ConfigError, StoreError
from marsad.store.base import SearchFilters, Store
from marsad.store.query import STOPWORDS, Query
from marsad.store.sqlite import SQLiteStore, _filter_sql
from marsad.text.analyzer import analyze
from marsad.text.normalize import match_key

#: Facets are counted over the best-ranked hits, not every match: a common word matches
#: thousands of articles and counting their entities took 40-80 ms, the top 200 take ~3 ms
#: and are what a reader of the first pages sees.
FACET_HITS = 200
#: Values shown per facet.
FACET_VALUES = 8
#: Title words used to find related articles: the first ones carry the event (who, where).
RELATED_TITLE_TERMS = 8


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int
    #: what a filter on this value sends: the entity key for people and places (the entity
    #: stage's keys fold more than ``match_key``, so the displayed name may not match them)
    key: str = ""


@dataclass(frozen=True)
class Facets:
    sources: list[FacetValue]
    people: list[FacetValue]
    places: list[FacetValue]
    days: list[FacetValue]


@dataclass(frozen=True)
class ArticleBrief:
    """An article in a list: enough for a link, a date and its outlets."""

    article_id: int
    doc_id: str
    title: str | None
    published: str | None
    sources: list[dict[str, str]]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.article_id,
            "doc_id": self.doc_id,
            "title": self.title,
            "published": self.published,
            "sources": self.sources,
        }


def sqlite_of(store: Store) -> sqlite3.Connection:
    if not isinstance(store, SQLiteStore):
        raise ConfigError("the web layer needs the SQLite store for counts and facets")
    return store.conn


def _rows(store: Store, sql: str, params: Sequence[Any]) -> list[Any]:
    try:
        return sqlite_of(store).execute(sql, params).fetchall()
    except sqlite3.OperationalError as exc:
        raise StoreError(f"the store could not run a query: {exc}") from exc


def count_matches(store: Store, query: Query, filters: SearchFilters) -> int:
    """How many articles a search matches (the hits' ``total``)."""
    where, params = _filter_sql(filters)
    if where:
        sql = (
            "SELECT COUNT(*) FROM articles_fts f JOIN articles a ON a.id = f.rowid "
            f"WHERE articles_fts MATCH ? {where}"
        )
    else:
        sql = "SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH ?"
    return int(_rows(store, sql, (query.to_fts5(), *params))[0][0])


def sources_of(store: Store, article_ids: Sequence[int]) -> dict[int, list[dict[str, str]]]:
    """The source chain (name, role) of each article, in chain order."""
    found: dict[int, list[dict[str, str]]] = {i: [] for i in article_ids}
    if not article_ids:
        return found
    marks = ",".join("?" * len(article_ids))
    sql = (
        "SELECT x.article_id, s.name, x.role FROM article_sources x "
        f"JOIN sources s ON s.id = x.source_id WHERE x.article_id IN ({marks}) "
        "ORDER BY x.article_id, x.position"
    )
    for article_id, name, role in _rows(store, sql, list(article_ids)):
        found[article_id].append({"name": name, "role": role})
    return found


def facets(store: Store, query: Query, filters: SearchFilters) -> Facets:
    """Sources, people, places and days among the best :data:`FACET_HITS` hits."""
    where, params = _filter_sql(filters)
    top = (
        "SELECT a.id FROM articles_fts f JOIN articles a ON a.id = f.rowid "
        f"WHERE articles_fts MATCH ? {where} ORDER BY f.rank LIMIT {FACET_HITS}"
    )
    ids = [row[0] for row in _rows(store, top, (query.to_fts5(), *params))]
    if not ids:
        return Facets([], [], [], [])
    marks = ",".join("?" * len(ids))
    sources = _rows(
        store,
        "SELECT s.name, COUNT(DISTINCT x.article_id) FROM article_sources x "
        f"JOIN sources s ON s.id = x.source_id WHERE x.article_id IN ({marks}) "
        f"GROUP BY s.id ORDER BY 2 DESC, s.name LIMIT {FACET_VALUES}",
        ids,
    )
    people, places = (
        _rows(
            store,
            "SELECT e.canonical, COUNT(DISTINCT m.article_id), e.key FROM mentions m "
            f"JOIN entities e ON e.id = m.entity_id WHERE m.article_id IN ({marks}) "
            f"AND e.label = ? GROUP BY e.id ORDER BY 2 DESC, e.canonical LIMIT {FACET_VALUES}",
            (*ids, label),
        )
        for label in ("PERS", "LOC")
    )
    days = _rows(
        store,
        "SELECT substr(published, 1, 10) AS day, COUNT(*) FROM articles "
        f"WHERE id IN ({marks}) AND published IS NOT NULL "
        f"GROUP BY day ORDER BY 2 DESC, day DESC LIMIT {FACET_VALUES}",
        ids,
    )

    def values(rows: list[Any]) -> list[FacetValue]:
        return [FacetValue(str(r[0]), int(r[1]), str(r[-1])) for r in rows]

    return Facets(values(sources), values(people), values(places), values(days))


def entity_keys(name: str) -> tuple[str, str]:
    """The keys a name may have in the entities table: its match key (what ``--entity``
    compares) and the entity stage's own key, which also folds transliteration variants
    (غالانت → غلنت); the second is the first when the entity stage is not installed."""
    try:
        from marsad.analyse.ner.canonical import entity_key
    except ModuleNotFoundError:
        return match_key(name), match_key(name)
    return match_key(name), entity_key(name)


def mentions_per_day(store: Store, name: str) -> list[tuple[str, int]]:
    """(day, articles mentioning the entity that day), oldest first; dated articles only.

    The entity whose key is the name's key when there is one (ترامب, not also ميلانيا
    ترامب); else, like ``--entity``, every entity whose key contains one of the name's."""
    for test in ("e.key IN (?, ?)", "(instr(e.key, ?) > 0 OR instr(e.key, ?) > 0)"):
        rows = _rows(
            store,
            "SELECT substr(a.published, 1, 10) AS day, COUNT(DISTINCT a.id) FROM mentions m "
            "JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.id = m.article_id "
            f"WHERE {test} AND a.published IS NOT NULL GROUP BY day ORDER BY day",
            entity_keys(name),
        )
        if rows:
            break
    return [(str(day), int(count)) for day, count in rows]


def entity_names(store: Store, name: str, limit: int = 5) -> list[tuple[str, str, int]]:
    """(canonical, label, articles) of the entities a person-page name matches."""
    rows = _rows(
        store,
        "SELECT e.canonical, e.label, COUNT(DISTINCT m.article_id) FROM entities e "
        "JOIN mentions m ON m.entity_id = e.id "
        "WHERE instr(e.key, ?) > 0 OR instr(e.key, ?) > 0 "
        "GROUP BY e.id ORDER BY 3 DESC LIMIT ?",
        (*entity_keys(name), limit),
    )
    return [(str(r[0]), str(r[1]), int(r[2])) for r in rows]


def briefs(store: Store, article_ids: Sequence[int]) -> list[ArticleBrief]:
    """Articles in the order of ``article_ids`` (missing ids are skipped)."""
    if not article_ids:
        return []
    marks = ",".join("?" * len(article_ids))
    rows = _rows(
        store,
        f"SELECT id, doc_id, title, published FROM articles WHERE id IN ({marks})",
        list(article_ids),
    )
    by_id = {r[0]: r for r in rows}
    chains = sources_of(store, list(by_id))
    return [
        ArticleBrief(i, by_id[i][1], by_id[i][2], by_id[i][3], chains[i])
        for i in article_ids
        if i in by_id
    ]


# -- related articles when no story links them ---------------------------------------


def similar_titles(store: Store, article_id: int, title: str, limit: int) -> list[int]:
    """Articles whose title or text shares the most words with ``title`` (BM25), itself
    excluded: the related articles when no story links them."""
    terms = [t for t in dict.fromkeys(analyze(title)) if t not in STOPWORDS]
    terms = terms[:RELATED_TITLE_TERMS]
    if not terms:
        return []
    expr = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
    rows = _rows(
        store,
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? AND rowid != ? "
        "ORDER BY rank LIMIT ?",
        (expr, article_id, limit),
    )
    return [int(r[0]) for r in rows]
