"""Read queries the web layer needs beyond the :class:`~marsad.store.base.Store` interface.

Counts, facets, sources of a page of hits, mentions per day and title-similar articles
(stories come from the store's own story reads), on SQLite and PostgreSQL. They are kept
here, apart from the store, so that the store's interface does not grow for one front
end. The SQL is written once with ``?`` placeholders and the backend's dialect; only the
full-text match differs (:func:`_match`: FTS5 on SQLite, the stored ``tsvector`` on
PostgreSQL, ranked as each backend's ``search`` ranks).

Every value typed by a user reaches SQL as a bound parameter; search filters use the
store's own ``filter_sql`` so a facet count and a search agree on what matches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from marsad.errors import ConfigError
from marsad.store import common, pg_text
from marsad.store.base import SearchFilters, Store
from marsad.store.postgres import PostgresStore
from marsad.store.query import STOPWORDS, Query
from marsad.store.sqlite import SQLiteStore
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


def _backend(store: Store) -> SQLiteStore | PostgresStore:
    if not isinstance(store, SQLiteStore | PostgresStore):
        raise ConfigError(f"the web layer cannot read a {type(store).__name__}")
    return store


def _postgres(store: Store) -> bool:
    return isinstance(store, PostgresStore)


def _rows(store: Store, sql: str, params: Sequence[Any]) -> list[Any]:
    """Run SQL written with ``?`` placeholders on the store's backend."""
    backend = _backend(store)
    if backend.dialect.param != "?":
        sql = sql.replace("?", backend.dialect.param)
    return backend._query(sql, params)


@dataclass(frozen=True)
class _Match:
    """A full-text match on ``articles a``: the FROM clause, the test, its parameters and
    the ranking (with its own parameters), as the backend's ``search`` ranks."""

    source: str
    test: str
    params: tuple[Any, ...]
    rank: str
    rank_params: tuple[Any, ...] = ()


def _match(store: Store, query: Query) -> _Match | None:
    if _postgres(store):
        literal = pg_text.tsquery_literal(query)
        return None if literal is None else _ts_match(literal)
    return _Match(
        "articles_fts f JOIN articles a ON a.id = f.rowid",
        "articles_fts MATCH ?",
        (query.to_fts5(),),
        "f.rank",
    )


def _ts_match(literal: str) -> _Match:
    rank = (
        f"ts_rank('{pg_text.RANK_WEIGHTS}', a.search, ?::tsquery, "
        f"{pg_text.RANK_NORMALIZATION}) DESC, a.id"
    )
    return _Match("articles a", "a.search @@ ?::tsquery", (literal,), rank, (literal,))


def _filters(store: Store, filters: SearchFilters) -> tuple[str, list[Any]]:
    """The search filters' SQL (in ``?`` form) and parameters."""
    dialect = _backend(store).dialect
    where, params = common.filter_sql(filters, dialect)
    return where.replace(dialect.param, "?"), params


def count_matches(store: Store, query: Query, filters: SearchFilters) -> int:
    """How many articles a search matches (the hits' ``total``)."""
    match = _match(store, query)
    if match is None:
        return 0
    where, params = _filters(store, filters)
    sql = f"SELECT COUNT(*) FROM {match.source} WHERE {match.test} {where}"
    return int(_rows(store, sql, (*match.params, *params))[0][0])


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
    match = _match(store, query)
    if match is None:
        return Facets([], [], [], [])
    where, params = _filters(store, filters)
    top = (
        f"SELECT a.id FROM {match.source} WHERE {match.test} {where} "
        f"ORDER BY {match.rank} LIMIT {FACET_HITS}"
    )
    ids = [row[0] for row in _rows(store, top, (*match.params, *params, *match.rank_params))]
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
        # (value, count[, key]): sources and days filter on the value itself
        return [FacetValue(str(r[0]), int(r[1]), str(r[2] if len(r) > 2 else r[0])) for r in rows]

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
    keys = entity_keys(name)
    contains, patterns = _contains_either(store, "e.key", keys)
    for test, params in (("e.key IN (?, ?)", keys), (contains, patterns)):
        rows = _rows(
            store,
            "SELECT substr(a.published, 1, 10) AS day, COUNT(DISTINCT a.id) FROM mentions m "
            "JOIN entities e ON e.id = m.entity_id JOIN articles a ON a.id = m.article_id "
            f"WHERE {test} AND a.published IS NOT NULL GROUP BY day ORDER BY day",
            params,
        )
        if rows:
            break
    return [(str(day), int(count)) for day, count in rows]


def _contains_either(store: Store, column: str, keys: Sequence[str]) -> tuple[str, list[str]]:
    """SQL testing that ``column`` contains one of the (already folded) keys."""
    dialect = _backend(store).dialect
    test = dialect.contains(column).replace(dialect.param, "?")
    return "(" + " OR ".join([test] * len(keys)) + ")", [
        dialect.contains_value(k, key_of=str) for k in keys
    ]


def entity_names(store: Store, name: str, limit: int = 5) -> list[tuple[str, str, int]]:
    """(canonical, label, articles) of the entities a person-page name matches."""
    contains, patterns = _contains_either(store, "e.key", entity_keys(name))
    rows = _rows(
        store,
        "SELECT e.canonical, e.label, COUNT(DISTINCT m.article_id) FROM entities e "
        f"JOIN mentions m ON m.entity_id = e.id WHERE {contains} "
        "GROUP BY e.id ORDER BY 3 DESC, e.canonical LIMIT ?",
        (*patterns, limit),
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
    if _postgres(store):
        match = _ts_match(" | ".join(pg_text.lexeme(t) for t in terms))
    else:
        expr = " OR ".join('"' + t.replace('"', '""') + '"' for t in terms)
        match = _Match("articles_fts f JOIN articles a ON a.id = f.rowid",
                       "articles_fts MATCH ?", (expr,), "f.rank")  # fmt: skip
    rows = _rows(
        store,
        f"SELECT a.id FROM {match.source} WHERE {match.test} AND a.id != ? "
        f"ORDER BY {match.rank} LIMIT ?",
        (*match.params, article_id, *match.rank_params, limit),
    )
    return [int(r[0]) for r in rows]
