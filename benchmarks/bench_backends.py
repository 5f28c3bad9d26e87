"""SQLite against PostgreSQL, one process against Dask: search agreement, latency, speed-up.

Usage (a PostgreSQL server: scripts/pg_test_cluster.sh start DIR prints a URL):

  .venv/bin/python benchmarks/bench_backends.py search --sqlite STORE.db --pg URL [--copy]
      The queries of bench_search.py (200 two-word title queries, seed 6, and the 20
      hand-written ones), top 10 with snippets on each backend: latency p50/p95/p99, the
      overlap of the two top-10 lists, and whether both find the same number of articles.
      --copy first fills the PostgreSQL store from the SQLite store's articles (analysed
      again, so its tsvector holds the same terms as SQLite's FTS5 index).

  .venv/bin/python benchmarks/bench_backends.py dask --pg URL [--limit 400] [--workers 1,2]
      [--no-analysis]
      Ingest the first --limit records of each news corpus with a Dask LocalCluster of
      1, 2… workers (fresh PostgreSQL schema each), against a single-process ingest:
      time, speed-up, and whether the stores are equal.

  .venv/bin/python benchmarks/bench_backends.py equivalence --pg URL [--workers 2]
      [--no-analysis] [--limit N]
      The whole of ../shared/data/news (or --limit records per corpus): a single-process
      ingest and a Dask LocalCluster ingest into two schemas; compares the content digests,
      the kept/duplicate/rejected counts and every article's id, content hash, story and
      duplicate_of.
"""

from __future__ import annotations

import argparse
import hashlib
import tempfile
import time
import uuid
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import quote

import psycopg

from bench_search import HAND_WRITTEN, title_queries
from common import news_inputs, percentiles
from marsad import search_service
from marsad.distributed import LOCAL, ingest_distributed
from marsad.errors import QueryError
from marsad.ingest_service import ANALYSES, IngestOptions, IngestStats, analyse_document
from marsad.ingest_service import ingest_paths as ingest_single
from marsad.store.base import ProcessedInput, Store
from marsad.store.open import open_store
from marsad.store.pg_text import tsquery_literal
from marsad.store.postgres import PostgresStore
from marsad.store.query import parse_query
from marsad.store.sqlite import SQLiteStore

TOP = 10
COPY_BATCH = 500


# -- search ---------------------------------------------------------------------------------
def copy_store(source: SQLiteStore, target: Store) -> int:
    """Every article of ``source`` into ``target``, analysed again, one record per input."""
    run = target.begin_run([f"copy of {source.path}"])
    batch: list[ProcessedInput] = []
    copied = 0
    for _, doc in source.iter_documents():
        analysed = analyse_document(doc)
        if batch and batch[-1].record_sha256 == doc.record_sha256:
            last = batch[-1]
            batch[-1] = ProcessedInput(last.record_sha256, last.origin, (*last.documents, analysed))
        else:
            batch.append(ProcessedInput(doc.record_sha256, doc.origin, (analysed,)))
        copied += 1
        if len(batch) >= COPY_BATCH:
            target.write_batch(run, batch[:-1])
            batch = batch[-1:]
    target.write_batch(run, batch)
    target.finish_run(run, "done", {"kept": copied})
    return copied


def _key(hit: search_service.SearchResult) -> str:
    return f"{hit.hit.doc_id}|{hit.hit.url}|{hit.hit.title}"


def _timed_search(store: Store, query: str) -> tuple[list[str], float]:
    start = time.perf_counter()
    try:
        results = search_service.search(store, query, limit=TOP)
    except QueryError:
        results = []
    return [_key(r) for r in results], (time.perf_counter() - start) * 1000


def _source_key(store: SQLiteStore, article_id: int) -> str:
    found = store.article(str(article_id))
    assert found is not None
    doc = found[1]
    return f"{doc.id}|{doc.url}|{doc.title}"


def _count_pg(store: PostgresStore, query: str) -> int:
    tsquery = tsquery_literal(parse_query(query))
    if tsquery is None:
        return 0
    with store.pool.connection() as conn:
        row = conn.execute(
            "SELECT count(*) FROM articles WHERE search @@ %s::tsquery", (tsquery,)
        ).fetchone()
    return int(row[0]) if row else 0


def _count_sqlite(store: SQLiteStore, query: str) -> int:
    sql = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
    return int(store.conn.execute(sql, (parse_query(query).to_fts5(),)).fetchone()[0])


def bench_search(args: argparse.Namespace) -> None:
    with SQLiteStore(args.sqlite, readonly=True) as lite, PostgresStore(args.pg) as pg:
        if args.copy:
            started = time.perf_counter()
            copied = copy_store(lite, pg)
            print(f"copied {copied} articles in {time.perf_counter() - started:.0f} s")
        print(f"SQLite {lite.stats()['articles']} articles, PostgreSQL {pg.stats()['articles']}")
        titled = title_queries(lite.conn, args.queries, args.seed)
        sources = {q: _source_key(lite, article_id) for q, article_id in titled}
        queries = [q for q, _ in titled] + HAND_WRITTEN
        for query in queries[:20]:  # warm caches and the analyser on both
            _timed_search(lite, query)
            _timed_search(pg, query)
        overlaps, top1, same_count = [], 0, 0
        found = {"sqlite": 0, "postgres": 0}
        latency: dict[str, list[float]] = {"sqlite": [], "postgres": []}
        for query in queries:
            a, ms_a = _timed_search(lite, query)
            b, ms_b = _timed_search(pg, query)
            latency["sqlite"].append(ms_a)
            latency["postgres"].append(ms_b)
            if query in sources:
                found["sqlite"] += sources[query] in a
                found["postgres"] += sources[query] in b
            if a or b:
                overlaps.append(len(set(a) & set(b)) / max(len(a), len(b)))
                top1 += bool(a and b and a[0] == b[0])
            same_count += _count_sqlite(lite, query) == _count_pg(pg, query)
        for name, samples in latency.items():
            p = percentiles(samples)
            print(
                f"{name}: p50 {p['p50']:.2f} ms, p95 {p['p95']:.2f} ms, p99 {p['p99']:.2f} ms "
                f"({len(samples)} queries, top {TOP} with snippets); source article in top "
                f"{TOP} for {found[name] / len(sources):.1%} of {len(sources)} title queries"
            )
        mean = sum(overlaps) / len(overlaps)
        print(
            f"top-{TOP} overlap: mean {mean:.1%}, identical sets {sum(o == 1 for o in overlaps)}"
            f"/{len(overlaps)}; same first result {top1}/{len(overlaps)}; "
            f"same number of matching articles {same_count}/{len(queries)}"
        )
        sizes = _pg_sizes(pg)
        print("PostgreSQL sizes: " + ", ".join(f"{k} {v / 2**20:.0f} MB" for k, v in sizes))


def _pg_sizes(store: PostgresStore) -> list[tuple[str, int]]:
    names = ("articles", "articles_search", "quotes_search", "entities_key_trgm", "inputs")
    with store.pool.connection() as conn:
        return [
            (n, int(conn.execute("SELECT pg_total_relation_size(%s)", (n,)).fetchone()[0]))  # type: ignore[index]
            for n in names
        ]


# -- dask -----------------------------------------------------------------------------------
def _schema_url(base: str, conn: psycopg.Connection, label: str) -> str:
    schema = f"bench_{label}_{uuid.uuid4().hex[:8]}"
    conn.execute(f'CREATE SCHEMA "{schema}"')
    joiner = "&" if "?" in base else "?"
    return f"{base}{joiner}options={quote(f'-c search_path={schema},public')}"


def _article_rows_digest(url: str) -> str:
    """Every article's id, content hash, story and duplicate_of: equal stores, equal rows."""
    digest = hashlib.sha256()
    with psycopg.connect(url) as conn:
        for row in conn.execute(
            "SELECT id, content_hash, story_id, duplicate_of FROM articles ORDER BY id"
        ):
            digest.update(repr(tuple(row)).encode())
    return digest.hexdigest()


def _run(
    url: str, paths: Sequence[str], options: IngestOptions, workers: int | None
) -> tuple[IngestStats, float, str, str]:
    """(stats, wall seconds, content and story digests, article rows digest); ``workers`` None runs the
    single-process ingest, else a Dask LocalCluster of that many workers."""
    started = time.perf_counter()
    with open_store(url) as store:
        if workers is None:
            stats = ingest_single(store, paths, options)
        else:
            cluster_options = IngestOptions(
                options.fmt, workers, options.batch_size, options.analyse, options.stories
            )
            stats = ingest_distributed(store, url, paths, LOCAL, cluster_options)
        wall = time.perf_counter() - started
        digest = store.content_digest()
        digest += " " + store.story_digest()
    return stats, wall, digest, _article_rows_digest(url)


def _describe(name: str, stats: IngestStats, wall: float) -> str:
    return (
        f"{name}: {stats.kept} kept ({stats.copies} copies), {stats.duplicates} duplicates, "
        f"{stats.rejected} rejected; "
        f"ingest {stats.seconds:.1f} s ({stats.articles_per_second:.1f} articles/s), "
        f"wall with cluster start {wall:.1f} s"
    )


def bench_dask(args: argparse.Namespace) -> None:
    analyse = None if args.no_analysis else ANALYSES
    with tempfile.TemporaryDirectory() as tmp, psycopg.connect(args.pg, autocommit=True) as conn:
        paths = news_inputs(args.limit, Path(tmp))
        base = IngestOptions(workers=1, analyse=analyse)
        single = _run(_schema_url(args.pg, conn, "single"), paths, base, None)
        print(_describe("single process, 1 pipeline worker", single[0], single[1]), flush=True)
        first: float | None = None
        for n in [int(w) for w in args.workers.split(",")]:
            result = _run(_schema_url(args.pg, conn, f"dask{n}"), paths, base, n)
            first = first or result[0].seconds
            same = result[2:] == single[2:]
            print(
                _describe(f"dask, {n} worker(s)", result[0], result[1])
                + f"; speed-up {first / result[0].seconds:.2f}×; same store: {same}",
                flush=True,
            )


def bench_equivalence(args: argparse.Namespace) -> None:
    analyse = None if args.no_analysis else ANALYSES
    with tempfile.TemporaryDirectory() as tmp, psycopg.connect(args.pg, autocommit=True) as conn:
        paths = news_inputs(args.limit, Path(tmp))
        options = IngestOptions(workers=args.workers, analyse=analyse)
        single = _run(_schema_url(args.pg, conn, "single"), paths, options, None)
        print(
            _describe(f"single process, {args.workers} pipeline workers", *single[:2]), flush=True
        )
        dask = _run(_schema_url(args.pg, conn, "dask"), paths, options, args.workers)
        print(_describe(f"dask LocalCluster, {args.workers} workers", *dask[:2]), flush=True)
        counts = [(s.kept, s.copies, s.duplicates, s.rejected) for s in (single[0], dask[0])]
        print(
            f"same counts: {counts[0] == counts[1]}; same content and story digests: "
            f"{single[2] == dask[2]}; "
            f"same ids, content hashes, stories and duplicate_of: {single[3] == dask[3]}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    search = sub.add_parser("search")
    search.add_argument("--sqlite", required=True)
    search.add_argument("--pg", required=True)
    search.add_argument("--copy", action="store_true")
    search.add_argument("--queries", type=int, default=200)
    search.add_argument("--seed", type=int, default=6)
    dask = sub.add_parser("dask")
    dask.add_argument("--pg", required=True)
    dask.add_argument("--limit", type=int, default=400)
    dask.add_argument("--workers", default="1,2")
    dask.add_argument("--no-analysis", action="store_true")
    equivalence = sub.add_parser("equivalence")
    equivalence.add_argument("--pg", required=True)
    equivalence.add_argument("--workers", type=int, default=2)
    equivalence.add_argument("--limit", type=int, default=None)
    equivalence.add_argument("--no-analysis", action="store_true")
    args = parser.parse_args()
    {"search": bench_search, "dask": bench_dask, "equivalence": bench_equivalence}[args.command](
        args
    )


if __name__ == "__main__":
    main()
