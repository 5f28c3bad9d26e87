from __future__ import annotations

import sqlite3

import pytest

from marsad.stories.engine import StoryEngine
from marsad.stories.sqlite_state import SQLiteBandIndex, SQLiteBook, create_schema
from marsad.stories.state import Entry, MemoryBandIndex, MemoryBook, best_candidates, combine64
from stories_helpers import WIRE, doc, features
from test_stories_engine import OTHER, SECOND


def memory():
    return MemoryBandIndex(), MemoryBook()


def sqlite(path=":memory:"):
    conn = sqlite3.connect(path)
    create_schema(conn)
    return SQLiteBandIndex(conn), SQLiteBook(conn)


@pytest.mark.parametrize("make", [memory, sqlite])
def test_state_postings_count_shared_keys_and_limit_to_recent(make):
    index, _ = make()
    for article_id in (1, 2, 3):
        index.add(article_id, [10, 20] if article_id < 3 else [10])
    assert index.candidates([10, 20]) == {1: 2, 2: 2, 3: 1}
    assert index.candidates([10], limit_per_key=2) == {2: 1, 3: 1}
    assert index.candidates([99]) == {}


@pytest.mark.parametrize("make", [memory, sqlite])
def test_state_book_tracks_groups_and_stories(make):
    _, book = make()
    f = features(doc("w", WIRE))
    book.put(Entry(1, f, None, 1))
    book.put(Entry(2, f, 1, 1))
    book.put(Entry(3, f, None, 3))
    book.put(Entry(3, f, 1, 1))
    assert book.members(1) == [2, 3]
    assert book.story_members(1) == [1, 2, 3]
    assert book.story_members(3) == []
    assert set(book.get([1, 3, 7])) == {1, 3}


def test_state_sqlite_survives_a_restart(tmp_path):
    path = tmp_path / "stories.db"
    texts = [WIRE, SECOND, OTHER, WIRE.replace("اليوم", "أمس")]
    expected = []
    index, book = memory()
    engine = StoryEngine(index, book)
    for i, text in enumerate(texts, 1):
        expected.append(engine.add(i, features(doc(str(i), text, outlet=f"outlet{i}"))))
    got = []
    for i, text in enumerate(texts, 1):  # a new connection per article: a restart each time
        conn = sqlite3.connect(path)
        create_schema(conn)
        engine = StoryEngine(SQLiteBandIndex(conn), SQLiteBook(conn))
        got.append(engine.add(i, features(doc(str(i), text, outlet=f"outlet{i}"))))
        conn.commit()
        conn.close()
    assert got == expected


def test_state_best_candidates_and_keys():
    assert best_candidates({1: 1, 2: 3, 3: 3, 4: 2}, 2) == [3, 2]
    assert best_candidates({1: 1, 2: 3}, 5, min_shared=2) == [2]
    assert combine64(5, 1) == combine64(5, 1) != combine64(5, 2)
    assert -(2**63) <= combine64(2**63 - 1, 10**6) < 2**63
