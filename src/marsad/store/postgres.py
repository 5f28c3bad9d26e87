"""The PostgreSQL store: shared by many readers and writers, on several machines.

Same interface and behaviour as :class:`~marsad.store.sqlite.SQLiteStore`; what differs
is how concurrent writers are made safe. Every batch is one transaction that

1. *claims* its input records: ``INSERT INTO inputs … ON CONFLICT DO NOTHING`` (in
   sorted order, so claims never deadlock). A record another writer has claimed is
   skipped: its articles are written once, by the transaction that claimed it;
2. inserts each article unless one with its URL, or with its text from the same outlet,
   exists, and lets the URL constraint decide races (``ON CONFLICT DO NOTHING``);
3. upserts the sources and entities of the kept articles in sorted order, then their
   mentions, sources and quotations;
4. places the kept articles in copy groups and stories (:mod:`story_store`) under a
   transaction-scoped advisory lock: concurrent writers place their batches one at a
   time, each seeing the stories the others committed.

A deadlock or serialisation failure between writers rolls the batch back whole; it is
retried a few times. Search ranks over the stored ``search`` tsvector (pg_text.py).
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import errors as pg_errors
from psycopg_pool import ConnectionPool, PoolTimeout

from marsad.analyse.ner.canonical import entity_key
from marsad.errors import StoreError
from marsad.model import Document
from marsad.store import common, pg_migrations, pg_text, story_store
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
from marsad.store.pg_story_state import PostgresBandIndex, PostgresBook
from marsad.store.query import Query
from marsad.stories.state import ArticleBook, BandIndex, FeatureCache
from marsad.text.analyzer import analyze
from marsad.text.normalize import match_key

#: Connections per store object: one for the writer, a few for concurrent readers (the
#: HTTP API's threads); a process opens one store, so a cluster of N writers uses N × this.
POOL_MAX_SIZE = 4
#: Seconds to wait for the server (or a free pooled connection) before giving up.
CONNECT_TIMEOUT_S = 30
#: Attempts of a batch rolled back by a deadlock or serialisation failure between
#: concurrent writers; each waits a little longer (in seconds) before retrying.
WRITE_ATTEMPTS = 5
RETRY_BACKOFF_S = 0.05
#: pg_advisory_xact_lock key of story placement ("marsad" in ASCII, then 2).
STORY_LOCK = 0x6D61727361640002
#: Articles per page when streaming documents out (three child queries per page).
PAGE_SIZE = 500
#: NUL is the one character PostgreSQL text refuses (real corpora contain it); it is
#: replaced one for one, so that entity and quotation offsets stay valid.
NUL, NUL_REPLACEMENT = "\x00", "\ufffd"
_RETRYABLE = (pg_errors.DeadlockDetected, pg_errors.SerializationFailure)
_TABLES = (
    ("articles", "articles"),
    ("sources", "sources"),
    ("entities", "entities"),
    ("mentions", "mentions"),
    ("quotes", "quotes"),
    ("inputs", "inputs"),
    ("failures", "failures"),
    ("runs", "ingest_runs"),
)


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@")
    return urlunsplit(parts._replace(netloc=netloc))


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class PostgresStore(common.RunReads, story_store.StoryReads, Store):
    dialect = common.POSTGRES

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        self.url = url
        self._reader: psycopg.Connection[Any] | None = None
        self._features = FeatureCache()
        self._prepare(readonly)
        self.pool: ConnectionPool[psycopg.Connection[Any]] = ConnectionPool(
            url,
            min_size=1,
            max_size=POOL_MAX_SIZE,
            kwargs={"autocommit": True},
            open=False,
            name="marsad",
        )
        try:
            self.pool.open(wait=True, timeout=CONNECT_TIMEOUT_S)
        except PoolTimeout as exc:
            self.pool.close()
            raise StoreError(f"cannot connect to {redact(url)}: {exc}") from exc

    def _prepare(self, readonly: bool) -> None:
        """Connect once, with the server's own error message, and apply migrations."""
        try:
            conn = psycopg.connect(self.url, autocommit=True, connect_timeout=CONNECT_TIMEOUT_S)
        except psycopg.Error as exc:
            raise StoreError(f"cannot open the store {redact(self.url)}: {exc}") from exc
        try:
            if readonly and not pg_migrations.applied(conn):
                raise StoreError(
                    f"no store at {redact(self.url)}; run 'marsad ingest' first or pass --db"
                )
            pg_migrations.migrate(conn)
        except psycopg.Error as exc:
            raise StoreError(f"{redact(self.url)} is not a Marsad store: {exc}") from exc
        finally:
            conn.close()

    def close(self) -> None:
        if self._reader is not None:
            self.pool.putconn(self._reader)
            self._reader = None
        self.pool.close()

    @contextmanager
    def _conn(self) -> Iterator[psycopg.Connection[Any]]:
        try:
            with self.pool.connection(timeout=CONNECT_TIMEOUT_S) as conn:
                yield conn
        except PoolTimeout as exc:
            raise StoreError(f"no connection to {redact(self.url)}: {exc}") from exc

    # -- ingest ---------------------------------------------------------------------
    def begin_run(self, inputs: Sequence[str]) -> int:
        host = socket.gethostname()
        with self._conn() as conn, conn.transaction():
            self._mark_dead_runs(conn, host)
            row = conn.execute(
                "INSERT INTO ingest_runs (started_at, status, pid, host, inputs) "
                "VALUES (%s, 'running', %s, %s, %s) RETURNING id",
                (now(), os.getpid(), host, _clean(common.dumps(list(inputs)))),
            ).fetchone()
        assert row is not None
        return int(row[0])

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        with self._conn() as conn:
            conn.execute(
                "UPDATE ingest_runs SET finished_at = %s, status = %s, counts = %s WHERE id = %s",
                (now(), status, common.dumps(counts), run_id),
            )

    @staticmethod
    def _mark_dead_runs(conn: psycopg.Connection[Any], host: str) -> None:
        """Runs of this machine still 'running' whose process is gone were killed."""
        rows = conn.execute(
            "SELECT id, pid FROM ingest_runs WHERE status = 'running' AND host = %s", (host,)
        ).fetchall()
        dead = [run_id for run_id, pid in rows if not common.process_alive(pid)]
        if dead:
            conn.execute(
                "UPDATE ingest_runs SET status = 'interrupted' WHERE id = ANY(%s)", (dead,)
            )

    def known_inputs(self) -> set[str]:
        with self._conn() as conn:
            return {row[0] for row in conn.execute("SELECT record_sha256 FROM inputs")}

    def known_urls(self, urls: Sequence[str]) -> set[str]:
        if not urls:
            return set()
        with self._conn() as conn:
            rows = conn.execute(
                "SELECT url FROM articles WHERE url = ANY(%s)", ([_clean(u) for u in urls],)
            )
            return {row[0] for row in rows}

    def write_batch(
        self, run_id: int, inputs: Sequence[ProcessedInput], *, stories: bool = True
    ) -> BatchResult:
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with self._conn() as conn, conn.transaction():
                    writer = _BatchWriter(conn, run_id, self._features)
                    return writer.write(inputs, stories)
            except _RETRYABLE as exc:
                self._features.clear()
                if attempt == WRITE_ATTEMPTS:
                    raise StoreError(f"a batch failed {attempt} times: {exc}") from exc
                time.sleep(RETRY_BACKOFF_S * attempt)
            except psycopg.Error as exc:
                self._features.clear()
                raise StoreError(f"the store could not write a batch: {exc}") from exc
            except BaseException:
                self._features.clear()
                raise
        raise AssertionError("unreachable")  # pragma: no cover

    # -- stories ----------------------------------------------------------------------
    def story_state(self) -> tuple[BandIndex, ArticleBook]:
        """Readers over a pooled connection held for the store's life (autocommit)."""
        if self._reader is None:
            self._reader = self.pool.getconn(timeout=CONNECT_TIMEOUT_S)
        return PostgresBandIndex(self._reader), PostgresBook(self._reader, self._features)

    def rebuild_stories(self, batch_size: int = 500) -> int:
        with self._conn() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (STORY_LOCK,))
            self._features.clear()
            for statement in story_store.FORGET_STORIES:
                conn.execute(statement)
        rows = self._query("SELECT id, content_hash FROM articles ORDER BY id", ())
        for start in range(0, len(rows), batch_size):
            page = rows[start : start + batch_size]
            docs = dict(self._paged_documents([r[0] for r in page]))
            with self._conn() as conn, conn.transaction():
                conn.execute("SELECT pg_advisory_xact_lock(%s)", (STORY_LOCK,))
                links: dict[int, tuple[int | None, int]] = {}
                placer = _placer(conn, self._features, links)
                for article_id, content_hash in page:
                    features = story_store.features_of_stored(docs[article_id])
                    placer.place(article_id, features, _twin(conn, content_hash, article_id))
                _write_links(conn, links)
        return len(rows)

    def _paged_documents(self, ids: list[int]) -> list[tuple[int, Document]]:
        rows = self._query(
            f"SELECT {common.ARTICLE_COLUMNS} FROM articles WHERE id = ANY(%s) ORDER BY id",
            (ids,),
        )
        return list(zip((r[0] for r in rows), self._documents(rows), strict=True))

    # -- reading --------------------------------------------------------------------
    def search(self, query: Query, filters: SearchFilters, limit: int) -> list[SearchHit]:
        where, params = common.filter_sql(filters, common.POSTGRES)
        tsquery = pg_text.tsquery_literal(query)
        if tsquery is None:  # a clause without a letter or a number matches nothing
            return []
        # The id breaks ties: parallel plans return equal ranks in any order.
        sql = (
            "SELECT a.id, a.doc_id, a.title, a.published, a.url, a.text, "
            f"ts_rank('{pg_text.RANK_WEIGHTS}', a.search, %s::tsquery, "
            f"{pg_text.RANK_NORMALIZATION}) AS score "
            f"FROM articles a WHERE a.search @@ %s::tsquery {where} "
            "ORDER BY score DESC, a.id LIMIT %s"
        )
        rows = self._query(sql, (tsquery, tsquery, *params, limit))
        return [SearchHit(r[0], r[1], r[2], r[3], r[4], r[5], float(r[6])) for r in rows]

    def quotes(self, speaker: str | None, about: Query | None, limit: int) -> list[QuoteRow]:
        clauses: list[str] = []
        params: list[Any] = []
        if speaker:
            clauses.append(common.POSTGRES.contains("q.speaker_key"))
            params.append(common.POSTGRES.contains_value(speaker, speaker_key))
        if about is not None:
            tsquery = pg_text.tsquery_literal(about)
            if tsquery is None:
                return []
            clauses.append("q.search @@ %s::tsquery")
            params.append(tsquery)
        where = "WHERE " + " AND ".join(clauses) if clauses else ""
        sql = (
            "SELECT a.id, a.doc_id, a.title, a.published, q.speaker, q.kind, q.content, q.cue "
            f"FROM quotes q JOIN articles a ON a.id = q.article_id {where} "
            "ORDER BY a.published DESC NULLS LAST, a.id, q.position LIMIT %s"
        )
        return [QuoteRow(*row) for row in self._query(sql, (*params, limit))]

    def article(self, ident: str) -> tuple[int, Document] | None:
        select = f"SELECT {common.ARTICLE_COLUMNS} FROM articles WHERE"
        rows: list[Any] = []
        number = common.store_id(ident)
        if number is not None:
            rows = self._query(f"{select} id = %s", (number,))
        if not rows:  # a document id, numeric ones too (JSON Lines "id": 3)
            rows = self._query(f"{select} doc_id = %s ORDER BY id LIMIT 1", (_clean(ident),))
        if not rows:
            return None
        return rows[0][0], self._documents(rows)[0]

    def iter_documents(self, limit: int | None = None) -> Iterator[tuple[int, Document]]:
        last, left = 0, limit
        while left is None or left > 0:
            size = PAGE_SIZE if left is None else min(PAGE_SIZE, left)
            rows = self._query(
                f"SELECT {common.ARTICLE_COLUMNS} FROM articles WHERE id > %s ORDER BY id LIMIT %s",
                (last, size),
            )
            if not rows:
                return
            yield from zip((r[0] for r in rows), self._documents(rows), strict=True)
            last = rows[-1][0]
            left = None if left is None else left - len(rows)

    def _documents(self, rows: Sequence[Sequence[Any]]) -> list[Document]:
        ids = [r[0] for r in rows]
        children: list[dict[int, list[Any]]] = []
        for sql in (common.SOURCES_SQL, common.MENTIONS_SQL, common.QUOTES_SQL):
            by_article: dict[int, list[Any]] = {i: [] for i in ids}
            for child in self._query(sql.format(ids="= ANY(%s)"), (ids,)):
                by_article[child[0]].append(child[1:])
            children.append(by_article)
        return [common.document(r, *(c[r[0]] for c in children)) for r in rows]

    def stats(self) -> dict[str, Any]:
        with self._conn() as conn:
            counts = {
                name: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # type: ignore[index]
                for name, table in _TABLES
            }
            dates = conn.execute("SELECT MIN(published), MAX(published) FROM articles").fetchone()
            size = conn.execute(
                "SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c "
                "WHERE c.relkind = 'r' AND c.relnamespace = "
                "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())"
            ).fetchone()
            applied = pg_migrations.applied(conn)
        assert dates is not None and size is not None
        return {
            **counts,
            "first_published": dates[0],
            "last_published": dates[1],
            "database_bytes": int(size[0]),
            "path": redact(self.url),
            "migrations": applied,
        }

    # -- helpers --------------------------------------------------------------------
    def _query(self, sql: str, params: Sequence[Any]) -> list[Any]:
        try:
            with self._conn() as conn:
                return conn.execute(sql, params).fetchall()
        except psycopg.Error as exc:
            raise StoreError(f"the store could not run a query: {exc}") from exc


class _BatchWriter:
    """Writes one batch inside the caller's transaction (see the module docstring)."""

    def __init__(self, conn: psycopg.Connection[Any], run_id: int, features: FeatureCache) -> None:
        self.conn = conn
        self.run_id = run_id
        self.features = features
        self.result = BatchResult()
        self.kept: list[tuple[int, AnalysedDocument]] = []

    def write(self, inputs: Sequence[ProcessedInput], stories: bool = True) -> BatchResult:
        claimed = self._claim(inputs)
        mine = [i for i in inputs if i.record_sha256 is None or i.record_sha256 in claimed]
        self.result.skipped = len(inputs) - len(mine)
        # Pipelined: every statement is sent before the first result is read (one round
        # trip per batch, not per article); the server still runs them in order, so an
        # article meets the duplicates stored before it in the same batch.
        with self.conn.pipeline():
            pending = [(item, self._send_input(item)) for item in mine]
        received = [(self._receive_input(item, cursors), item) for item, cursors in pending]
        statuses = [(status, i.record_sha256) for status, i in received if i.record_sha256]
        self._write_children()
        if stories:
            self._place_stories()
        with self.conn.cursor() as cur:
            cur.executemany("UPDATE inputs SET status = %s WHERE record_sha256 = %s", statuses)
        return self.result

    def _claim(self, inputs: Sequence[ProcessedInput]) -> set[str]:
        origins = {i.record_sha256: i.origin for i in reversed(inputs) if i.record_sha256}
        if not origins:
            return set()
        shas = sorted(origins)
        rows = self.conn.execute(
            "INSERT INTO inputs (record_sha256, origin, status, run_id) "
            "SELECT s, o, 'claimed', %s FROM unnest(%s::text[], %s::text[]) AS t(s, o) "
            "ORDER BY s ON CONFLICT DO NOTHING RETURNING record_sha256",
            (self.run_id, shas, [_clean(origins[s]) for s in shas]),
        )
        return {row[0] for row in rows}

    def _send_input(self, item: ProcessedInput) -> list[psycopg.Cursor[Any]]:
        if item.rejection is not None:
            rej = item.rejection
            self.conn.execute(
                "INSERT INTO failures (run_id, origin, reason, detail) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT (origin, reason) DO UPDATE SET run_id = %s, detail = %s",
                _cleaned(
                    (self.run_id, rej.origin, rej.reason, rej.detail, self.run_id, rej.detail)
                ),
            )
            return []
        return [self._insert_article(analysed) for analysed in item.documents]

    def _receive_input(self, item: ProcessedInput, cursors: list[psycopg.Cursor[Any]]) -> str:
        if item.rejection is not None:
            self.result.rejected += 1
            return "rejected"
        kept = 0
        for analysed, cursor in zip(item.documents, cursors, strict=True):
            row = cursor.fetchone()
            if row is None:
                self.result.duplicates += 1
            else:
                self.kept.append((int(row[0]), analysed))
                kept += 1
        self.result.kept += kept
        return "kept" if kept else "duplicate"

    def _insert_article(self, analysed: AnalysedDocument) -> psycopg.Cursor[Any]:
        """Send the insert; its row is the new article's id, none when the article's URL, or
        its text from the same outlet, is already stored.

        The NOT EXISTS test avoids spending an id on the common duplicate; the URL
        constraint (ON CONFLICT) settles the race with a concurrent writer."""
        doc = analysed.doc
        outlet = story_store.outlet(analysed)
        search = pg_text.tsvector_literal(analysed.title_terms, analysed.text_terms)
        return self.conn.execute(
            "INSERT INTO articles (doc_id, url, content_hash, title, text, published, "
            "modified, role, lang, origin, record_sha256, position, provenance, meta, run_id, "
            "search, outlet) SELECT %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, "
            "%s, %s::tsvector, %s WHERE NOT EXISTS (SELECT 1 FROM articles WHERE url = %s "
            "OR (content_hash = %s AND outlet = %s)) ON CONFLICT DO NOTHING RETURNING id",
            _cleaned((
                doc.id, doc.url, analysed.content_hash, doc.title, doc.text, doc.published,
                doc.modified, doc.role, doc.lang, doc.origin, doc.record_sha256, doc.position,
                common.dumps(doc.provenance), common.dumps(doc.meta), self.run_id, search,
                outlet, doc.url, analysed.content_hash, outlet,
            )),
        )  # fmt: skip

    def _place_stories(self) -> None:
        if not self.kept:
            return
        self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (STORY_LOCK,))
        links: dict[int, tuple[int | None, int]] = {}
        placer = _placer(self.conn, self.features, links)
        for article_id, analysed in self.kept:
            placed = placer.place(
                article_id,
                story_store.features_of(analysed),
                _twin(self.conn, analysed.content_hash, article_id),
            )
            self.result.copies += placed.duplicate_of is not None
        _write_links(self.conn, links)

    def _write_children(self) -> None:
        if not self.kept:
            return
        source_ids = self._source_ids()
        entity_ids = self._entity_ids()
        sources, mentions, quotes = [], [], []
        for article_id, analysed in self.kept:
            doc = analysed.doc
            for pos, src in enumerate(doc.sources):
                sources.append(
                    (article_id, pos, source_ids[_clean(src.name)], src.role, src.evidence)
                )
            for pos, ent in enumerate(doc.entities):
                mentions.append((
                    article_id, pos, entity_ids[_entity_key(ent)], ent.start, ent.end,
                    ent.label, ent.text, ent.canonical, ent.role, ent.country,
                ))  # fmt: skip
            for pos, q in enumerate(doc.quotes):
                search = pg_text.plain_tsvector_literal(" ".join(analyze(q.content)))
                quotes.append((
                    article_id, pos, q.start, q.end, q.label, q.content, q.speaker,
                    speaker_key(q.speaker), q.speaker_type, q.speaker_mention, q.cue, q.via, search,
                ))  # fmt: skip
        with self.conn.cursor() as cur:
            cur.executemany(
                "INSERT INTO article_sources (article_id, position, source_id, role, evidence) "
                "VALUES (%s, %s, %s, %s, %s)",
                [_cleaned(r) for r in sources],
            )
            cur.executemany(
                'INSERT INTO mentions (article_id, position, entity_id, start, "end", label, '
                "text, canonical, role, country) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
                [_cleaned(r) for r in mentions],
            )
            cur.executemany(
                'INSERT INTO quotes (article_id, position, start, "end", kind, content, speaker, '
                "speaker_key, speaker_type, speaker_mention, cue, via, search) VALUES "
                "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::tsvector)",
                [_cleaned(r) for r in quotes],
            )

    def _source_ids(self) -> dict[str, int]:
        names = sorted({_clean(s.name) for _, a in self.kept for s in a.doc.sources})
        return self._upsert_keys(
            "INSERT INTO sources (name, key) SELECT n, k "
            "FROM unnest(%s::text[], %s::text[]) AS t(n, k) "
            "WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.name = t.n) "
            "ORDER BY n ON CONFLICT (name) DO NOTHING",
            "SELECT name, id FROM sources WHERE name = ANY(%s)",
            names,
            [[match_key(n) for n in names]],
        )

    def _entity_ids(self) -> dict[str, int]:
        first: dict[str, tuple[str, str]] = {}  # the first mention names the entity
        for _, analysed in self.kept:
            for ent in analysed.doc.entities:
                first.setdefault(_entity_key(ent), (_clean(ent.canonical or ent.text), ent.label))
        keys = sorted(first)
        return self._upsert_keys(
            "INSERT INTO entities (key, canonical, label) SELECT k, c, l "
            "FROM unnest(%s::text[], %s::text[], %s::text[]) AS t(k, c, l) "
            "WHERE NOT EXISTS (SELECT 1 FROM entities e WHERE e.key = t.k) "
            "ORDER BY k ON CONFLICT (key) DO NOTHING",
            "SELECT key, id FROM entities WHERE key = ANY(%s)",
            keys,
            [[first[k][0] for k in keys], [first[k][1] for k in keys]],
        )

    def _upsert_keys(
        self, insert: str, select: str, keys: list[str], columns: list[list[str]]
    ) -> dict[str, int]:
        if not keys:
            return {}
        self.conn.execute(insert, (keys, *columns))
        rows = self.conn.execute(select, (keys,))
        return {row[0]: int(row[1]) for row in rows}


def _placer(
    conn: psycopg.Connection[Any],
    features: FeatureCache,
    links: dict[int, tuple[int | None, int]],
) -> story_store.StoryPlacer:
    """A placer whose ``articles`` links are collected in ``links`` (the engine reads
    only its own tables), for :func:`_write_links` to write in one statement."""

    def set_links(article_id: int, duplicate_of: int | None, story: int) -> None:
        links[article_id] = (duplicate_of, story)

    return story_store.StoryPlacer(PostgresBandIndex(conn), PostgresBook(conn, features), set_links)


def _write_links(conn: psycopg.Connection[Any], links: dict[int, tuple[int | None, int]]) -> None:
    if not links:
        return
    ids = sorted(links)
    conn.execute(
        "UPDATE articles a SET duplicate_of = t.d, story_id = t.s "
        "FROM unnest(%s::bigint[], %s::bigint[], %s::bigint[]) AS t(i, d, s) WHERE a.id = t.i",
        (ids, [links[i][0] for i in ids], [links[i][1] for i in ids]),
    )


def _twin(conn: psycopg.Connection[Any], content_hash: str, article_id: int) -> int | None:
    """The first earlier article with the same text (another outlet's copy)."""
    row = conn.execute(story_store.TWIN_SQL.format(p="%s"), (content_hash, article_id)).fetchone()
    return int(row[0]) if row and row[0] is not None else None


def _entity_key(ent: Any) -> str:
    return _clean(ent.key or entity_key(ent.canonical or ent.text))


def _clean(value: str) -> str:
    return value.replace(NUL, NUL_REPLACEMENT)


def _cleaned(values: Sequence[Any]) -> tuple[Any, ...]:
    return tuple(_clean(v) if isinstance(v, str) else v for v in values)
