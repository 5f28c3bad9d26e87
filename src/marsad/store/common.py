"""What every SQL backend shares: search filters, article rows → Documents, the digest.

The rules live here once and each backend supplies its dialect (placeholder, substring
test), so that SQLite and PostgreSQL filter, rebuild and compare articles the same way.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from marsad.analyse.ner.canonical import entity_key
from marsad.errors import QueryError
from marsad.model import Document, EntitySpan, QuoteSpan, Source
from marsad.store.base import EntityRow, RunSummary, SearchFilters
from marsad.store.keys import speaker_key
from marsad.text.normalize import match_key

#: Columns of ``articles`` that rebuild a Document, in the order :func:`document` reads.
ARTICLE_COLUMNS = (
    "id, doc_id, url, title, text, published, modified, role, lang, origin, "
    "record_sha256, position, provenance, meta"
)
#: Child rows of articles, each with the article id first (``{ids}`` is the id test).
SOURCES_SQL = (
    "SELECT x.article_id, s.name, x.role, x.evidence FROM article_sources x "
    "JOIN sources s ON s.id = x.source_id WHERE x.article_id {ids} "
    "ORDER BY x.article_id, x.position"
)
MENTIONS_SQL = (
    'SELECT m.article_id, m.start, m."end", m.label, m.text, m.canonical, e.key, m.role, '
    "m.country FROM mentions m JOIN entities e ON e.id = m.entity_id "
    "WHERE m.article_id {ids} ORDER BY m.article_id, m.position"
)
QUOTES_SQL = (
    'SELECT article_id, start, "end", kind, content, speaker, speaker_type, speaker_mention, '
    "cue, via FROM quotes WHERE article_id {ids} ORDER BY article_id, position"
)


@dataclass(frozen=True)
class Dialect:
    """How a backend writes a bound parameter and a test that a match key holds the
    filter's words as whole words (``الرياض`` is in ``امير الرياض``, not in ``الرياضيه``)."""

    param: str
    #: SQL of the test on ``{column}``
    contains_sql: str
    #: True when the bound value is a regular expression rather than `` words ``
    regex: bool = False

    def contains(self, column: str) -> str:
        return self.contains_sql.format(column=column, param=self.param)

    def contains_value(self, text: str, key_of: Callable[[str], str] = match_key) -> str:
        """The bound value for :meth:`contains`: ``text`` folded as the column was."""
        key = key_of(text)
        if not key:  # an empty key is contained in every value: the filter would keep all
            raise QueryError(f"{text!r} has no letters or digits to match")
        if self.regex:
            return f"(^| ){re.escape(key)}( |$)"
        return f" {key} "


#: Keys are words joined by single spaces: padded with spaces, a whole-word test is a
#: substring test.
SQLITE = Dialect("?", "instr(' ' || {column} || ' ', {param}) > 0")
#: A regular expression rather than the padded substring: pg_trgm's GIN indexes serve it.
POSTGRES = Dialect("%s", "{column} ~ {param}", regex=True)


def filter_sql(filters: SearchFilters, dialect: Dialect) -> tuple[str, list[Any]]:
    """``AND …`` clauses on ``articles a`` for the filters, and their parameters."""
    p = dialect.param
    sql: list[str] = []
    params: list[Any] = []
    if filters.since:
        sql.append(f"AND a.published >= {p}")
        params.append(filters.since)
    if filters.until:  # '~' sorts after every ISO suffix: --until 2024-03-27 keeps that day
        sql.append(f"AND a.published <= {p}")
        params.append(filters.until + "~")
    if filters.story is not None:
        sql.append(f"AND a.story_id = {p}")
        params.append(filters.story)
    if filters.speaker:
        sql.append(
            "AND EXISTS (SELECT 1 FROM quotes q WHERE q.article_id = a.id "
            f"AND {dialect.contains('q.speaker_key')})"
        )
        params.append(dialect.contains_value(filters.speaker, speaker_key))
    if filters.entity:
        sql.append(
            "AND EXISTS (SELECT 1 FROM mentions m JOIN entities e ON e.id = m.entity_id "
            f"WHERE m.article_id = a.id AND {dialect.contains('e.key')})"
        )
        # Entity keys are stored variant-folded (ترامب/ترمب, غالانت → غلنت): fold the same way.
        params.append(dialect.contains_value(filters.entity, entity_key))
    if filters.source:
        sql.append(
            "AND EXISTS (SELECT 1 FROM article_sources x JOIN sources s ON s.id = x.source_id "
            f"WHERE x.article_id = a.id AND {dialect.contains('s.key')})"
        )
        params.append(dialect.contains_value(filters.source))
    return " ".join(sql), params


def document(
    row: Sequence[Any],
    sources: Iterable[Sequence[Any]],
    mentions: Iterable[Sequence[Any]],
    quotes: Iterable[Sequence[Any]],
) -> Document:
    """A Document from its ``ARTICLE_COLUMNS`` row and its child rows (article id dropped)."""
    doc = Document(
        id=row[1], url=row[2], title=row[3], text=row[4], published=row[5],
        modified=row[6], role=row[7], lang=row[8], origin=row[9], record_sha256=row[10],
        position=row[11], provenance=json.loads(row[12]), meta=json.loads(row[13]),
    )  # fmt: skip
    doc.sources = [Source(name, role, evidence) for name, role, evidence in sources]
    doc.entities = [
        EntitySpan(r[0], r[1], r[2], text=r[3], canonical=r[4], key=r[5], role=r[6], country=r[7])
        for r in mentions
    ]
    doc.quotes = [
        QuoteSpan(r[0], r[1], r[2], content=r[3], speaker=r[4], speaker_type=r[5],
                  speaker_mention=r[6], cue=r[7], via=r[8])
        for r in quotes
    ]  # fmt: skip
    return doc


def content_digest(documents: Iterable[Document]) -> str:
    """SHA-256 over the sorted SHA-256 of each article's JSON: independent of store ids and
    of the order articles were written in (concurrent writers interleave their ids)."""
    hashes = sorted(
        hashlib.sha256(
            json.dumps(doc.to_json(), ensure_ascii=False, sort_keys=True).encode("utf-8")
        ).hexdigest()
        for doc in documents
    )
    digest = hashlib.sha256()
    for value in hashes:
        digest.update(value.encode("ascii"))
    return digest.hexdigest()


#: Store ids are SQLite and PostgreSQL BIGINTs.
MAX_STORE_ID = 2**63 - 1


def store_id(ident: str) -> int | None:
    """The store id an article reference names, or None when it cannot be one (a
    document id). ASCII digits only: ``str.isdigit`` also accepts ``²`` and ``٣``."""
    if ident.isascii() and ident.isdigit() and int(ident) <= MAX_STORE_ID:
        return int(ident)
    return None


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def process_alive(pid: int | None) -> bool:
    """Whether a process of this machine runs (an ingest run whose process is gone was
    killed)."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class RunReads:
    """``runs``, ``failures``, ``content_digest`` and ``entities``: the same SQL on both
    backends.

    A backend mixes this in before :class:`~marsad.store.base.Store` and provides
    ``dialect``, ``_query(sql, params)`` and ``iter_documents()``."""

    dialect: Dialect

    if TYPE_CHECKING:  # provided by the backend

        def _query(self, sql: str, params: Sequence[Any]) -> list[Any]: ...

        def iter_documents(self, limit: int | None = None) -> Iterator[tuple[int, Document]]: ...

    def runs(self, limit: int) -> list[RunSummary]:
        rows = self._query(
            "SELECT id, started_at, finished_at, status, counts FROM ingest_runs "
            f"ORDER BY id DESC LIMIT {self.dialect.param}",
            (limit,),
        )
        return [RunSummary(r[0], r[1], r[2], r[3], json.loads(r[4])) for r in rows]

    def failures(self, limit: int) -> list[dict[str, Any]]:
        rows = self._query(
            "SELECT origin, reason, detail, run_id FROM failures "
            f"ORDER BY id LIMIT {self.dialect.param}",
            (limit,),
        )
        return [{"origin": r[0], "reason": r[1], "detail": r[2], "run": r[3]} for r in rows]

    def content_digest(self) -> str:
        return content_digest(doc for _, doc in self.iter_documents())

    def entities(self, label: str | None, limit: int) -> list[EntityRow]:
        p = self.dialect.param
        where = f"WHERE e.label = {p}" if label else ""
        sql = (
            "SELECT e.key, e.canonical, e.label, COUNT(DISTINCT m.article_id), COUNT(*) "
            f"FROM entities e JOIN mentions m ON m.entity_id = e.id {where} "
            f"GROUP BY e.id ORDER BY 4 DESC, 5 DESC, e.key LIMIT {p}"
        )
        params = (label, limit) if label else (limit,)
        return [EntityRow(*row) for row in self._query(sql, params)]
