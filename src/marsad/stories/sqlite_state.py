"""A reference SQLite implementation of :class:`BandIndex` and :class:`ArticleBook`.

For the store to adopt as a named migration (its schema is :data:`SCHEMA`) or to use as is
beside its own tables. It never commits: the caller owns the transaction, so an article,
its postings and its story state are written together (one transaction per batch).

``story_articles.duplicate_of`` and ``story`` mirror ``articles.duplicate_of`` and
``articles.story_id``; the features are :meth:`Features.to_bytes`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence

from marsad.stories.state import Entry, FeatureCache, row

SCHEMA = """
CREATE TABLE IF NOT EXISTS story_postings (
    key INTEGER NOT NULL,
    article_id INTEGER NOT NULL,
    PRIMARY KEY (key, article_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS story_articles (
    article_id INTEGER PRIMARY KEY,
    duplicate_of INTEGER,
    story INTEGER NOT NULL,
    seen TEXT,
    features BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS story_articles_duplicate_of ON story_articles(duplicate_of);
CREATE INDEX IF NOT EXISTS story_articles_story ON story_articles(story);
"""
#: SQLite's default limit on bound parameters is 999 in old builds: query in chunks.
_CHUNK = 500
_KEYS_PER_UNION = 200
_PER_KEY = (
    "SELECT * FROM (SELECT article_id FROM story_postings WHERE key = ? "
    "ORDER BY article_id DESC LIMIT ?)"
)


def create_schema(conn: sqlite3.Connection) -> None:
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)


class SQLiteBandIndex:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def add(self, article_id: int, bands: Sequence[int]) -> None:
        self.conn.executemany(
            "INSERT INTO story_postings (key, article_id) VALUES (?, ?)",
            [(key, article_id) for key in dict.fromkeys(bands)],
        )

    def candidates(self, bands: Sequence[int], limit_per_key: int | None = None) -> dict[int, int]:
        found: dict[int, int] = {}
        keys = list(dict.fromkeys(bands))
        if limit_per_key is None:
            for start in range(0, len(keys), _CHUNK):
                chunk = keys[start : start + _CHUNK]
                rows = self.conn.execute(
                    "SELECT article_id, COUNT(*) FROM story_postings WHERE key IN "
                    f"({','.join('?' * len(chunk))}) GROUP BY article_id",
                    chunk,
                )
                for article_id, shared in rows:
                    found[article_id] = found.get(article_id, 0) + shared
            return found
        # One statement per chunk of keys: a UNION ALL of per-key LIMIT queries, each read
        # from the (key, article_id) index (SQLite allows 500 compound terms), counted in
        # SQL so that Python sees one row per article rather than one per posting.
        for start in range(0, len(keys), _KEYS_PER_UNION):
            chunk = keys[start : start + _KEYS_PER_UNION]
            union = " UNION ALL ".join([_PER_KEY] * len(chunk))
            sql = f"SELECT article_id, COUNT(*) FROM ({union}) GROUP BY article_id"
            params = [v for key in chunk for v in (key, limit_per_key)]
            for article_id, shared in self.conn.execute(sql, params):
                found[article_id] = found.get(article_id, 0) + shared
        return found


class SQLiteBook:
    def __init__(self, conn: sqlite3.Connection, cache: FeatureCache | None = None) -> None:
        self.conn = conn
        self.cache = cache if cache is not None else FeatureCache()

    def get(self, ids: Iterable[int]) -> dict[int, Entry]:
        wanted = list(dict.fromkeys(ids))
        out: dict[int, Entry] = {}
        for start in range(0, len(wanted), _CHUNK):
            chunk = wanted[start : start + _CHUNK]
            rows = self.conn.execute(
                "SELECT article_id, duplicate_of, story, features FROM story_articles "
                f"WHERE article_id IN ({','.join('?' * len(chunk))})",
                chunk,
            )
            for article_id, duplicate_of, story, blob in rows:
                features = self.cache.decode(article_id, blob)
                out[article_id] = Entry(article_id, features, duplicate_of, story)
        return out

    def put(self, entry: Entry) -> None:
        self.cache.put(entry.article_id, entry.features)
        self.conn.execute(
            "INSERT INTO story_articles (article_id, duplicate_of, story, seen, features) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT(article_id) DO UPDATE SET "
            "duplicate_of = excluded.duplicate_of, story = excluded.story, "
            "seen = excluded.seen, features = excluded.features",
            row(entry),
        )

    def link(self, article_id: int, duplicate_of: int | None, story: int) -> None:
        self.conn.execute(
            "UPDATE story_articles SET duplicate_of = ?, story = ? WHERE article_id = ?",
            (duplicate_of, story, article_id),
        )

    def members(self, root: int) -> list[int]:
        rows = self.conn.execute(
            "SELECT article_id FROM story_articles WHERE duplicate_of = ? ORDER BY article_id",
            (root,),
        )
        return [r[0] for r in rows]

    def story_members(self, story: int) -> list[int]:
        rows = self.conn.execute(
            "SELECT article_id FROM story_articles WHERE story = ? ORDER BY article_id", (story,)
        )
        return [r[0] for r in rows]
