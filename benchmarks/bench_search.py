"""Search latency and quality: Marsad's analyser vs plain FTS5 unicode61 on raw text.

Usage: .venv/bin/python benchmarks/bench_search.py --db STORE [--queries 200] [--seed 6]
           [--weights 1,2,4,8]

Queries: 200 two-word queries cut from titles (seeded sample; two consecutive words that
are not stopwords), whose source article is known, plus 20 hand-written ones. For each
system it prints latency p50/p95/p99 (top 10, with snippets for Marsad), how often the
source article is in the top 10, and how many articles the hand-written queries find.
The plain baseline is built in a temporary database from the store's titles and texts.
--weights re-ranks the title queries with bm25(title weight, 1) for each weight given.
"""

from __future__ import annotations

import argparse
import itertools
import random
import sqlite3
import tempfile
import time
from pathlib import Path

from common import percentiles
from marsad import search_service
from marsad.errors import QueryError
from marsad.store.query import STOPWORDS, parse_query
from marsad.store.sqlite import SQLiteStore
from marsad.text.analyzer import term
from marsad.text.tokenize import iter_words

HAND_WRITTEN = [
    "رفح", "الرهائن الإسرائيليين", "وزير الدفاع الامريكي", "وزير الدفاع الأمريكى",
    "ترمب", "ترامب كوريا الشمالية", "الأميركيين", "بغداد", "وزارة الخارجية",
    "مجلس الأمن", '"الأمم المتحدة"', "اللاجئين السوريين", "أسعار النفط", "كأس العالم",
    "الانتخابات الرئاسية", "فلسطين", "بوتين", "الاتحاد الأوروبي", "الرياض", "صحف*",
]  # fmt: skip


def title_queries(conn: sqlite3.Connection, n: int, seed: int) -> list[tuple[str, int]]:
    rows = conn.execute("SELECT id, title FROM articles WHERE title IS NOT NULL").fetchall()
    rng = random.Random(seed)
    out: list[tuple[str, int]] = []
    while len(out) < n:
        article_id, title = rng.choice(rows)
        words = [t.text for t in iter_words(title) if len(t.text) > 2]
        pairs = [(a, b) for a, b in itertools.pairwise(words)]
        pairs = [p for p in pairs if term(p[0]) not in STOPWORDS and term(p[1]) not in STOPWORDS]
        if pairs:
            out.append((" ".join(rng.choice(pairs)), article_id))
    return out


def build_plain(conn: sqlite3.Connection, path: Path) -> sqlite3.Connection:
    plain = sqlite3.connect(path)
    plain.execute(
        "CREATE VIRTUAL TABLE plain USING fts5(title, text, content='', "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    rows = conn.execute("SELECT id, coalesce(title, ''), text FROM articles")
    plain.executemany("INSERT INTO plain (rowid, title, text) VALUES (?, ?, ?)", rows)
    plain.commit()
    return plain


def plain_search(plain: sqlite3.Connection, query: str) -> list[int]:
    words = [w.text.replace('"', "") for w in iter_words(query.replace("*", ""))]
    expr = " AND ".join(f'"{w}"' for w in words if w)
    if not expr:
        return []
    sql = "SELECT rowid FROM plain WHERE plain MATCH ? ORDER BY bm25(plain, 4.0, 1.0) LIMIT 10"
    return [r[0] for r in plain.execute(sql, (expr,))]


def count_plain(plain: sqlite3.Connection, query: str) -> int:
    words = [w.text for w in iter_words(query.replace("*", ""))]
    expr = " AND ".join(f'"{w}"' for w in words)
    return plain.execute("SELECT count(*) FROM plain WHERE plain MATCH ?", (expr,)).fetchone()[0]


def count_marsad(store: SQLiteStore, query: str) -> int:
    expr = parse_query(query).to_fts5()
    sql = "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH ?"
    return int(store.conn.execute(sql, (expr,)).fetchone()[0])


def timed_marsad(store: SQLiteStore, query: str) -> tuple[list[int], float]:
    start = time.perf_counter()
    try:
        results = search_service.search(store, query, limit=10)
    except QueryError:
        results = []
    return [r.hit.article_id for r in results], (time.perf_counter() - start) * 1000


def weight_table(store: SQLiteStore, queries: list[tuple[str, int]], weights: list[float]) -> None:
    for w in weights:
        hits = 0
        for query, source in queries:
            sql = (
                "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ? "
                f"ORDER BY bm25(articles_fts, {w}, 1.0) LIMIT 10"
            )
            ids = [r[0] for r in store.conn.execute(sql, (parse_query(query).to_fts5(),))]
            hits += source in ids
        print(f"  title weight {w:g}: source article in top 10 for {hits / len(queries):.1%}")


def report(name: str, latencies: list[float], hits: int, total: int) -> None:
    p = percentiles(latencies)
    print(
        f"{name}: p50 {p['p50']:.2f} ms, p95 {p['p95']:.2f} ms, p99 {p['p99']:.2f} ms; "
        f"source article in top 10 for {hits / total:.1%} of {total} title queries"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", required=True)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument("--weights", default="")
    args = parser.parse_args()
    with SQLiteStore(args.db, readonly=True) as store, tempfile.TemporaryDirectory() as tmp:
        queries = title_queries(store.conn, args.queries, args.seed)
        articles = store.stats()["articles"]
        sizes = store.conn.execute(
            "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'articles_fts%'"
        ).fetchone()
        print(f"store: {articles} articles; FTS index {sizes[0] / 2**20:.1f} MB")
        for query, _ in queries[:20]:  # warm the page cache and the analyser
            timed_marsad(store, query)
        marsad_lat, marsad_hits = [], 0
        for query, source in queries:
            ids, ms = timed_marsad(store, query)
            marsad_lat.append(ms)
            marsad_hits += source in ids
        hand_lat = [timed_marsad(store, q)[1] for q in HAND_WRITTEN]
        plain = build_plain(store.conn, Path(tmp) / "plain.db")
        try:
            plain_size = Path(tmp, "plain.db").stat().st_size
            plain_lat, plain_hits = [], 0
            for query, source in queries:
                start = time.perf_counter()
                ids = plain_search(plain, query)
                plain_lat.append((time.perf_counter() - start) * 1000)
                plain_hits += source in ids
            report(
                "marsad (analyser, top 10 + snippets)",
                marsad_lat + hand_lat,
                marsad_hits,
                len(queries),
            )
            report(
                "plain FTS5 unicode61 on raw text (top 10, no snippets)",
                plain_lat,
                plain_hits,
                len(queries),
            )
            print(f"plain index {plain_size / 2**20:.1f} MB")
            print("hand-written queries: articles found (marsad / plain)")
            for q in HAND_WRITTEN:
                print(f"  {q}: {count_marsad(store, q)} / {count_plain(plain, q)}")
        finally:
            plain.close()
        if args.weights:
            weight_table(store, queries, [float(w) for w in args.weights.split(",")])


if __name__ == "__main__":
    main()
