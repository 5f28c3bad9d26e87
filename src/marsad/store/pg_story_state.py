"""PostgreSQL's :class:`~marsad.stories.state.BandIndex` and ``ArticleBook``: the story
stages' postings (LSH bands, sentence and term-day keys) and per-article state, beside the
articles in the shared store.

The same tables and behaviour as :mod:`marsad.stories.sqlite_state` (the reference,
tested side by side in tests/test_store_pg_stories.py). Like it, it never commits: the
caller's transaction writes an article, its postings and its story state together. When
the store adopts the story tables as a named migration, :data:`SCHEMA` is PostgreSQL's
side of it. Keys are signed 64-bit integers (BIGINT).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

import psycopg

from marsad.stories.state import Entry, FeatureCache, row

SCHEMA = """
CREATE TABLE IF NOT EXISTS story_postings (
    key BIGINT NOT NULL,
    article_id BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS story_postings_key ON story_postings(key, article_id);
CREATE TABLE IF NOT EXISTS story_articles (
    article_id BIGINT PRIMARY KEY,
    duplicate_of BIGINT,
    story BIGINT NOT NULL,
    seen TEXT COLLATE "C",
    features BYTEA NOT NULL
);
CREATE INDEX IF NOT EXISTS story_articles_duplicate_of ON story_articles(duplicate_of);
CREATE INDEX IF NOT EXISTS story_articles_story ON story_articles(story);
"""


def create_schema(conn: psycopg.Connection[Any]) -> None:
    conn.execute(SCHEMA)


class PostgresBandIndex:
    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn

    def add(self, article_id: int, bands: Sequence[int]) -> None:
        """One statement for all of an article's keys (about a hundred)."""
        self.conn.execute(
            "INSERT INTO story_postings (key, article_id) "
            "SELECT k, %s FROM unnest(%s::bigint[]) AS t(k)",
            (article_id, list(dict.fromkeys(bands))),
        )

    def candidates(self, bands: Sequence[int], limit_per_key: int | None = None) -> dict[int, int]:
        """Articles sharing keys with ``bands``, with how many they share; one query."""
        keys = list(dict.fromkeys(bands))
        if not keys:
            return {}
        if limit_per_key is None:
            rows = self.conn.execute(
                "SELECT article_id, COUNT(*) FROM story_postings WHERE key = ANY(%s) "
                "GROUP BY article_id",
                (keys,),
            )
        else:  # the most recent articles of each key, read from the (key, article_id) index
            rows = self.conn.execute(
                "SELECT p.article_id, COUNT(*) FROM unnest(%s::bigint[]) AS k(key) "
                "CROSS JOIN LATERAL (SELECT article_id FROM story_postings s "
                "WHERE s.key = k.key ORDER BY article_id DESC LIMIT %s) p "
                "GROUP BY p.article_id",
                (keys, limit_per_key),
            )
        return {int(article_id): int(shared) for article_id, shared in rows}


class PostgresBook:
    def __init__(self, conn: psycopg.Connection[Any], cache: FeatureCache | None = None) -> None:
        self.conn = conn
        self.cache = cache if cache is not None else FeatureCache()

    def get(self, ids: Iterable[int]) -> dict[int, Entry]:
        wanted = list(dict.fromkeys(ids))
        if not wanted:
            return {}
        rows = self.conn.execute(
            "SELECT article_id, duplicate_of, story, features FROM story_articles "
            "WHERE article_id = ANY(%s)",
            (wanted,),
        )
        return {
            int(r[0]): Entry(int(r[0]), self.cache.decode(int(r[0]), bytes(r[3])), r[1], int(r[2]))
            for r in rows
        }

    def put(self, entry: Entry) -> None:
        self.cache.put(entry.article_id, entry.features)
        self.conn.execute(
            "INSERT INTO story_articles (article_id, duplicate_of, story, seen, features) "
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (article_id) DO UPDATE SET "
            "duplicate_of = excluded.duplicate_of, story = excluded.story, "
            "seen = excluded.seen, features = excluded.features",
            row(entry),
        )

    def link(self, article_id: int, duplicate_of: int | None, story: int) -> None:
        self.conn.execute(
            "UPDATE story_articles SET duplicate_of = %s, story = %s WHERE article_id = %s",
            (duplicate_of, story, article_id),
        )

    def members(self, root: int) -> list[int]:
        rows = self.conn.execute(
            "SELECT article_id FROM story_articles WHERE duplicate_of = %s ORDER BY article_id",
            (root,),
        )
        return [int(r[0]) for r in rows]

    def story_members(self, story: int) -> list[int]:
        rows = self.conn.execute(
            "SELECT article_id FROM story_articles WHERE story = %s ORDER BY article_id",
            (story,),
        )
        return [int(r[0]) for r in rows]
