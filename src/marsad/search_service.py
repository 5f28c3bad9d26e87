"""Service functions over the store: open it, search, list quotes and entities, export.

Front ends (CLI, later the HTTP API) call these and translate errors into their terms.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from marsad.errors import QueryError
from marsad.store.base import QuoteRow, SearchFilters, SearchHit, Store
from marsad.store.open import open_store as open_location
from marsad.store.query import parse_query
from marsad.store.snippet import Snippet, make_snippet

DEFAULT_DB = "marsad.db"
#: The most results one listing returns; pages beyond are what --since/--until are for.
MAX_LIMIT = 10_000
#: A date or a prefix of one (2024, 2024-03, 2024-03-27, 2024-03-27T10:00); ASCII digits, as
#: stored.
_DATE_RE = re.compile(r"^([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})(?:[T ][0-9:+\-.Z]*)?)?)?$")


def store_path(path: str | None = None) -> str:
    """--db, else $MARSAD_DB, else ./marsad.db: a SQLite file or a postgresql:// URL."""
    return path or os.environ.get("MARSAD_DB") or DEFAULT_DB


def open_store(path: str | None = None, *, must_exist: bool = False) -> Store:
    return open_location(store_path(path), must_exist=must_exist)


@dataclass(frozen=True)
class SearchResult:
    hit: SearchHit
    snippet: Snippet

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.hit.article_id,
            "doc_id": self.hit.doc_id,
            "title": self.hit.title,
            "published": self.hit.published,
            "url": self.hit.url,
            "score": round(self.hit.score, 4),
            "snippet": self.snippet.text,
            "highlights": [list(h) for h in self.snippet.highlights],
        }


def search(
    store: Store, text: str, filters: SearchFilters | None = None, limit: int = 10
) -> list[SearchResult]:
    """Ranked articles for a query, with highlighted snippets of their display text."""
    filters = filters or SearchFilters()
    check_limit(limit)
    check_dates(since=filters.since, until=filters.until)
    query = parse_query(text)
    hits = store.search(query, filters, limit)
    return [
        SearchResult(hit, make_snippet(hit.text, query.positive_terms, query.prefixes))
        for hit in hits
    ]


def check_dates(**values: str | None) -> None:
    """Refuse a ``--since``/``--until`` value that is not a real date (or a prefix of one):
    it would be compared as a string and silently match the wrong articles."""
    for name, value in values.items():
        if value is None:
            continue
        match = _DATE_RE.match(value)
        try:
            if match is None:
                raise ValueError
            year, month, day = (int(part) if part else 1 for part in match.groups())
            date(year, month, day)
        except ValueError:
            raise QueryError(f"--{name} takes a date such as 2024-03-27, not {value!r}") from None


def quotes(
    store: Store, speaker: str | None = None, about: str | None = None, limit: int = 50
) -> list[QuoteRow]:
    check_limit(limit)
    return store.quotes(speaker, parse_query(about) if about else None, limit)


def check_limit(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise QueryError(f"--limit must be between 1 and {MAX_LIMIT}, not {limit}")
