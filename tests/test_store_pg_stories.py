"""The story stages' state in PostgreSQL behaves as the in-memory and SQLite references."""

from __future__ import annotations

import psycopg
import pytest

from conftest import enabled_backends
from marsad.store.pg_story_state import PostgresBandIndex, PostgresBook, create_schema
from marsad.stories.engine import StoryEngine
from marsad.stories.state import Entry, MemoryBandIndex, MemoryBook
from stories_helpers import WIRE, doc, features
from test_stories_engine import OTHER, SECOND


@pytest.fixture
def conn(request, new_store, tmp_path):
    if "postgres" not in enabled_backends(request.config):
        pytest.skip("PostgreSQL is tested with $MARSAD_TEST_PG set or --backend postgres")
    with psycopg.connect(new_store("postgres", tmp_path), autocommit=True) as connection:
        create_schema(connection)
        yield connection


def test_store_pg_stories_postings_count_shared_keys_and_limit_to_recent(conn):
    index = PostgresBandIndex(conn)
    for article_id in (1, 2, 3):
        index.add(article_id, [10, 20] if article_id < 3 else [10])
    assert index.candidates([10, 20]) == {1: 2, 2: 2, 3: 1}
    assert index.candidates([10], limit_per_key=2) == {2: 1, 3: 1}
    assert index.candidates([99]) == {}
    assert index.candidates([-(2**63), 2**63 - 1]) == {}


def test_store_pg_stories_book_tracks_groups_and_stories(conn):
    book = PostgresBook(conn)
    f = features(doc("w", WIRE))
    book.put(Entry(1, f, None, 1))
    book.put(Entry(2, f, 1, 1))
    book.put(Entry(3, f, None, 3))
    book.put(Entry(3, f, 1, 1))
    assert book.members(1) == [2, 3]
    assert book.story_members(1) == [1, 2, 3]
    assert book.story_members(3) == []
    assert set(book.get([1, 3, 7])) == {1, 3}
    assert book.get([1])[1].features.to_bytes() == f.to_bytes()


def test_store_pg_stories_engine_agrees_with_memory(conn):
    texts = [WIRE, SECOND, OTHER, WIRE.replace("اليوم", "أمس")]
    expected, got = [], []
    memory = StoryEngine(MemoryBandIndex(), MemoryBook())
    stored = StoryEngine(PostgresBandIndex(conn), PostgresBook(conn))
    for i, text in enumerate(texts, 1):
        feats = features(doc(str(i), text, outlet=f"outlet{i}"))
        expected.append(memory.add(i, feats))
        got.append(stored.add(i, feats))
    assert got == expected
