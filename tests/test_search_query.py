"""User query syntax → safe FTS5 expressions; hostile input gives QueryError, never SQL."""

from __future__ import annotations

import pytest

from marsad.errors import QueryError
from marsad.store.query import MAX_QUERY_CHARS, parse_query
from marsad.text.analyzer import term


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("رفح", '"رفح"'),
        ("وزير الدفاع", '"وزير" AND "دفاع"'),
        ('"الرهائن الإسرائيليين"', f'"{term("الرهائن")} {term("الإسرائيليين")}"'),
        ("رفح -غزة", '"رفح" NOT "غزه"'),
        ("امريك*", '"امريك" *'),
        ("#مجلس_الأمن", f'"مجلس {term("الأمن")}"'),
        ("في رفح", '"رفح"'),  # a stopword is dropped when other words remain
        ("في", '"في"'),  # ... and kept when it is the whole query
        ("ﻏﺰﺓ", '"غزه"'),  # presentation forms, as pasted from old PDFs, fold as stored
    ],
)
def test_query_parses_to_fts5(query, expected):
    assert parse_query(query).to_fts5() == expected


@pytest.mark.parametrize(
    "query",
    ["NEAR(رفح غزة", '"رفح', "رفح OR 1=1; DROP TABLE articles; --", "title:رفح", "رفح^ (غزة"],
)
def test_query_operators_are_plain_words(query):
    expr = parse_query(query).to_fts5()
    for chunk in expr.replace(" AND ", "\0").replace(" NOT ", "\0").split("\0"):
        assert chunk.startswith('"') and chunk.rstrip(" *").endswith('"')


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "nothing to search"),
        ("ًٌٍَُّ", "nothing to search"),
        ('"" ** --', "nothing to search"),
        ("-رفح", "not only -exclusions"),
        ("رفح " * 2000, "characters long"),
        (" ".join(f"كلمة{i}" for i in range(40)), "at most"),
    ],
)
def test_query_refuses_with_a_clear_message(query, message):
    with pytest.raises(QueryError, match=message):
        parse_query(query)


def test_query_limit_is_documented_in_the_error():
    with pytest.raises(QueryError, match=str(MAX_QUERY_CHARS)):
        parse_query("ب" * (MAX_QUERY_CHARS + 1))
