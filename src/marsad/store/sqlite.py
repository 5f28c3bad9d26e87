"""The SQLite store: one file, zero set-up, WAL so that readers never block the writer."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from marsad.analyse.ner.canonical import entity_key
from marsad.errors import StoreError
from marsad.model import Document, EntitySpan, QuoteSpan
from marsad.store import common, migrations, story_store
from marsad.store.base import (
    AnalysedDocument,
    BatchResult,
    ProcessedInput,
    QuoteRow,
    SearchFilters,
    SearchHit,
    Store,
)
from marsad.store.keys import speaker_key
from marsad.store.query import Query
from marsad.stories.sqlite_state import SQLiteBandIndex, SQLiteBook
from marsad.stories.state import ArticleBook, BandIndex, FeatureCache
from marsad.text.normalize import match_key

#: SQLite's page cache per connection, in KiB (its default is 2 MiB). The story postings
#: are about 100 keys per article, read by key at every ingest: at 20k articles they
#: outgrow 2 MiB and the per-article cost of placing kept rising with the store
#: (benchmarks/bench_stories.py scale --store sqlite); 64 MiB holds the hot part.
CACHE_KIB = 65_536
#: How long a writer waits for another writer's transaction before giving up.
BUSY_TIMEOUT_MS = 30_000
_ARTICLE_COLUMNS = (
    "id, doc_id, url, title, text, published, modified, role, lang, origin, "
    "record_sha256, position, provenance, meta"
)


#: Bound parameters per statement: SQLite's default SQLITE_MAX_VARIABLE_NUMBER is 32766
#: since 3.32, 999 before; 500 is safe everywhere.
_SQLITE_MAX_PARAMS = 500


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteStore(common.RunReads, story_store.StoryReads, Store):
    dialect = common.SQLITE

    def __init__(self, path: str | Path, *, readonly: bool = False) -> None:
        self.path = str(path)
        self._features = FeatureCache()
        if readonly and not Path(self.path).exists():
            raise StoreError(f"no store at {self.path}; run 'marsad ingest' first or pass --db")
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open the store {self.path}: {exc}") from exc
        try:
            self.conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self.conn.execute("PRAGMA journal_mode = WAL")
            self.conn.execute("PRAGMA synchronous = NORMAL")
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            migrations.migrate(self.conn)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"{self.path} is not a Marsad store: {exc}") from exc

    def close(self) -> None:
        self.conn.close()

    # -- ingest ---------------------------------------------------------------------
    def begin_run(self, inputs: Sequence[str]) -> int:
        with self._transaction():
            self._mark_dead_runs()
            cur = self.conn.execute(
                "INSERT INTO ingest_runs (started_at, status, pid, inputs) VALUES (?, ?, ?, ?)",
                (now(), "running", os.getpid(), json.dumps(list(inputs), ensure_ascii=False)),
            )
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        with self._transaction():
            self.conn.execute(
                "UPDATE ingest_runs SET finished_at = ?, status = ?, counts = ? WHERE id = ?",
                (now(), status, json.dumps(counts), run_id),
            )

    def _mark_dead_runs(self) -> None:
        """Runs still 'running' whose process is gone were killed: say so."""
        rows = self.conn.execute("SELECT id, pid FROM ingest_runs WHERE status = 'running'")
        for run_id, pid in rows.fetchall():
            if not common.process_alive(pid):
                self.conn.execute(
                    "UPDATE ingest_runs SET status = 'interrupted' WHERE id = ?", (run_id,)
                )

    def known_inputs(self) -> set[str]:
        return {row[0] for row in self.conn.execute("SELECT record_sha256 FROM inputs")}

    def known_urls(self, urls: Sequence[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(urls), _SQLITE_MAX_PARAMS):
            chunk = list(urls[start : start + _SQLITE_MAX_PARAMS])
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(f"SELECT url FROM articles WHERE url IN ({marks})", chunk)
            found.update(row[0] for row in rows)
        return found

    def write_batch(
        self, run_id: int, inputs: Sequence[ProcessedInput], *, stories: bool = True
    ) -> BatchResult:
        result = BatchResult()
        with self._transaction():
            placer = self._placer() if stories else None
            for item in inputs:
                status = self._write_input(run_id, item, result, placer)
                if item.record_sha256 is not None:
                    self.conn.execute(
                        "INSERT OR IGNORE INTO inputs (record_sha256, origin, status, run_id) "
                        "VALUES (?, ?, ?, ?)",
                        (item.record_sha256, item.origin, status, run_id),
                    )
        return result

    def _write_input(
        self,
        run_id: int,
        item: ProcessedInput,
        result: BatchResult,
        placer: story_store.StoryPlacer | None,
    ) -> str:
        if item.rejection is not None:
            rej = item.rejection
            self.conn.execute(
                "INSERT INTO failures (run_id, origin, reason, detail) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (origin, reason) DO UPDATE SET run_id = ?, detail = ?",
                (run_id, rej.origin, rej.reason, rej.detail, run_id, rej.detail),
            )
            result.rejected += 1
            return "rejected"
        kept = 0
        for analysed in item.documents:
            outlet = story_store.outlet(analysed)
            if self._is_duplicate(analysed, outlet):
                result.duplicates += 1
                continue
            article_id = self._insert_article(run_id, analysed, outlet)
            kept += 1
            if placer is None:
                continue
            placed = placer.place(
                article_id,
                story_store.features_of(analysed),
                self._twin(analysed.content_hash, article_id),
            )
            result.copies += placed.duplicate_of is not None
        result.kept += kept
        return "kept" if kept else "duplicate"

    def _is_duplicate(self, analysed: AnalysedDocument, outlet: str) -> bool:
        """The URL is stored, or the same text from the same outlet (the same article)."""
        row = self.conn.execute(
            "SELECT 1 FROM articles WHERE (url IS NOT NULL AND url = ?) "
            "OR (content_hash = ? AND outlet = ?)",
            (analysed.doc.url, analysed.content_hash, outlet),
        ).fetchone()
        return row is not None

    def _twin(self, content_hash: str, article_id: int) -> int | None:
        """The first earlier article with the same text (another outlet's copy)."""
        row = self.conn.execute(
            story_store.TWIN_SQL.format(p="?"), (content_hash, article_id)
        ).fetchone()
        return int(row[0]) if row and row[0] is not None else None

    def _insert_article(self, run_id: int, analysed: AnalysedDocument, outlet: str) -> int:
        doc = analysed.doc
        cur = self.conn.execute(
            "INSERT INTO articles (doc_id, url, content_hash, title, text, published, modified, "
            "role, lang, origin, record_sha256, position, provenance, meta, run_id, outlet) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc.id, doc.url, analysed.content_hash, doc.title, doc.text, doc.published,
                doc.modified, doc.role, doc.lang, doc.origin, doc.record_sha256, doc.position,
                _dumps(doc.provenance), _dumps(doc.meta), run_id, outlet,
            ),
        )  # fmt: skip
        article_id = int(cur.lastrowid or 0)
        self.conn.execute(
            "INSERT INTO articles_fts (rowid, title, text) VALUES (?, ?, ?)",
            (article_id, analysed.title_terms, analysed.text_terms),
        )
        for pos, src in enumerate(doc.sources):
            self.conn.execute(
                "INSERT INTO article_sources (article_id, position, source_id, role, evidence) "
                "VALUES (?, ?, ?, ?, ?)",
                (article_id, pos, self._source_id(src.name), src.role, src.evidence),
            )
        for pos, ent in enumerate(doc.entities):
            self.conn.execute(
                "INSERT INTO mentions (article_id, position, entity_id, start, \"end\", label, "
                "text, canonical, role, country) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article_id, pos, self._entity_id(ent), ent.start, ent.end, ent.label,
                    ent.text, ent.canonical, ent.role, ent.country,
                ),
            )  # fmt: skip
        for pos, quote in enumerate(doc.quotes):
            self._insert_quote(article_id, pos, quote)
        return article_id

    # -- stories ----------------------------------------------------------------------
    def _placer(self) -> story_store.StoryPlacer:
        return story_store.StoryPlacer(
            SQLiteBandIndex(self.conn), SQLiteBook(self.conn, self._features), self._set_links
        )

    def _set_links(self, article_id: int, duplicate_of: int | None, story: int) -> None:
        self.conn.execute(
            "UPDATE articles SET duplicate_of = ?, story_id = ? WHERE id = ?",
            (duplicate_of, story, article_id),
        )

    def story_state(self) -> tuple[BandIndex, ArticleBook]:
        return SQLiteBandIndex(self.conn), SQLiteBook(self.conn, self._features)

    def rebuild_stories(self, batch_size: int = 500) -> int:
        with self._transaction():
            self._features.clear()
            for statement in story_store.FORGET_STORIES:
                self.conn.execute(statement)
        rows = self.conn.execute("SELECT id, content_hash FROM articles ORDER BY id").fetchall()
        for start in range(0, len(rows), batch_size):
            with self._transaction():
                placer = self._placer()
                for article_id, content_hash in rows[start : start + batch_size]:
                    found = self.article(str(article_id))
                    assert found is not None
                    features = story_store.features_of_stored(found[1])
                    placer.place(article_id, features, self._twin(content_hash, article_id))
        return len(rows)

    def _insert_quote(self, article_id: int | None, pos: int, q: QuoteSpan) -> None:
        from marsad.text.analyzer import analyze

        cur = self.conn.execute(
            "INSERT INTO quotes (article_id, position, start, \"end\", kind, content, speaker, "
            "speaker_key, speaker_type, speaker_mention, cue, via) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                article_id, pos, q.start, q.end, q.label, q.content, q.speaker,
                speaker_key(q.speaker), q.speaker_type, q.speaker_mention, q.cue, q.via,
            ),
        )  # fmt: skip
        self.conn.execute(
            "INSERT INTO quotes_fts (rowid, content) VALUES (?, ?)",
            (cur.lastrowid, " ".join(analyze(q.content))),
        )

    def _source_id(self, name: str) -> int:
        row = self.conn.execute("SELECT id FROM sources WHERE name = ?", (name,)).fetchone()
        if row:
            return int(row[0])
        cur = self.conn.execute(
            "INSERT INTO sources (name, key) VALUES (?, ?)", (name, match_key(name))
        )
        return int(cur.lastrowid or 0)

    def _entity_id(self, ent: EntitySpan) -> int:
        key = ent.key or entity_key(ent.canonical or ent.text)
        row = self.conn.execute("SELECT id FROM entities WHERE key = ?", (key,)).fetchone()
        if row:
            return int(row[0])
        cur = self.conn.execute(
            "INSERT INTO entities (key, canonical, label) VALUES (?, ?, ?)",
            (key, ent.canonical or ent.text, ent.label),
        )
        return int(cur.lastrowid or 0)

    # -- reading --------------------------------------------------------------------
    def search(self, query: Query, filters: SearchFilters, limit: int) -> list[SearchHit]:
        where, params = _filter_sql(filters)
        sql = (
            "SELECT a.id, a.doc_id, a.title, a.published, a.url, a.text, f.rank "
            "FROM articles_fts f JOIN articles a ON a.id = f.rowid "
            f"WHERE articles_fts MATCH ? {where} ORDER BY f.rank LIMIT ?"
        )
        rows = self._query(sql, (query.to_fts5(), *params, limit))
        return [SearchHit(r[0], r[1], r[2], r[3], r[4], r[5], -float(r[6])) for r in rows]

    def quotes(self, speaker: str | None, about: Query | None, limit: int) -> list[QuoteRow]:
        clauses, params = [], []
        if speaker:
            clauses.append(common.SQLITE.contains("q.speaker_key"))
            params.append(common.SQLITE.contains_value(speaker, speaker_key))
        if about is not None:
            clauses.append("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)")
            params.append(about.to_fts5())
        where = "WHERE " + " AND ".join(clauses) if clauses else ""
        sql = (
            "SELECT a.id, a.doc_id, a.title, a.published, q.speaker, q.kind, q.content, q.cue "
            f"FROM quotes q JOIN articles a ON a.id = q.article_id {where} "
            "ORDER BY a.published DESC, a.id, q.position LIMIT ?"
        )
        return [QuoteRow(*row) for row in self._query(sql, (*params, limit))]

    def article(self, ident: str) -> tuple[int, Document] | None:
        number = common.store_id(ident)
        column = "doc_id" if number is None else "id"
        rows = self._query(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE {column} = ? ORDER BY id LIMIT 1",
            (ident if number is None else number,),
        )
        if not rows and number is not None:  # a numeric document id (JSON Lines "id": 3)
            rows = self._query(
                f"SELECT {_ARTICLE_COLUMNS} FROM articles WHERE doc_id = ? ORDER BY id LIMIT 1",
                (ident,),
            )
        return (rows[0][0], self._document(rows[0])) if rows else None

    def iter_documents(self, limit: int | None = None) -> Iterator[tuple[int, Document]]:
        sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles ORDER BY id LIMIT ?"
        for row in self.conn.execute(sql, (-1 if limit is None else limit,)):
            yield row[0], self._document(row)

    def _document(self, row: Sequence[Any]) -> Document:
        ids = "= ?"
        children = [
            [r[1:] for r in self.conn.execute(sql.format(ids=ids), (row[0],))]
            for sql in (common.SOURCES_SQL, common.MENTIONS_SQL, common.QUOTES_SQL)
        ]
        return common.document(row, *children)

    def stats(self) -> dict[str, Any]:
        counts = {
            name: self.conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
            for name, table in (
                ("articles", "articles"),
                ("sources", "sources"),
                ("entities", "entities"),
                ("mentions", "mentions"),
                ("quotes", "quotes"),
                ("inputs", "inputs"),
                ("failures", "failures"),
                ("runs", "ingest_runs"),
            )
        }
        page_size = self.conn.execute("PRAGMA page_size").fetchone()[0]
        pages = self.conn.execute("PRAGMA page_count").fetchone()[0]
        dates = self.conn.execute("SELECT MIN(published), MAX(published) FROM articles").fetchone()
        return {
            **counts,
            "first_published": dates[0],
            "last_published": dates[1],
            "database_bytes": page_size * pages,
            "path": self.path,
            "migrations": migrations.applied(self.conn),
        }

    # -- helpers --------------------------------------------------------------------
    def _query(self, sql: str, params: Sequence[Any]) -> list[Any]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            raise StoreError(f"the store could not run a query: {exc}") from exc

    def _transaction(self) -> _Transaction:
        return _Transaction(self.conn, self._features.clear)


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception (KeyboardInterrupt too);
    ``on_rollback`` drops what was cached from the rolled-back writes."""

    def __init__(self, conn: sqlite3.Connection, on_rollback: Callable[[], None]) -> None:
        self.conn = conn
        self.on_rollback = on_rollback

    def __enter__(self) -> None:
        self.conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        if exc_type is None:
            self.conn.execute("COMMIT")
        else:
            self.conn.execute("ROLLBACK")
            self.on_rollback()


def _filter_sql(filters: SearchFilters) -> tuple[str, list[Any]]:
    return common.filter_sql(filters, common.SQLITE)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)
