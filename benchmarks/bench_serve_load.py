"""Load on `marsad serve`: concurrent searches over loopback while an ingest writes.

Usage: .venv/bin/python benchmarks/bench_serve_load.py --db STORE [--requests 6000]
           [--concurrency 32] [--workers 2] [--rate 200] [--ingest INPUT ...]
           [--ingest-analysis] [--seed 8]

Starts `marsad serve --db STORE --port 0 --workers N` (127.0.0.1) and, with --ingest, a
concurrent `marsad ingest --workers 1` of the inputs into the same store; waits until the
ingest has written, then sends a fixed number of GET /api/search requests (limit 10:
snippets, total, sources) from --concurrency keep-alive connections (a small asyncio
HTTP/1.1 client, so the client costs little CPU on a 2-core machine): as fast as answers
come back (closed loop: the server's saturation), or at --rate requests/s whatever the
answers (open loop). Queries: the 20 hand-written queries of bench_search.py and two-word
title queries (seeded). Prints requests/s, latency p50/p95/p99/max, errors (any status but
200, or a broken connection) and the articles the ingest stored during the measurement; it
checks the ingest was still running at the end.
Bounded: at most --requests requests and --timeout seconds, loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from bench_search import HAND_WRITTEN, title_queries
from common import percentiles

MARSAD = str(Path(sys.executable).with_name("marsad"))


def start_server(db: str, workers: int) -> tuple[subprocess.Popen[str], str]:
    proc = subprocess.Popen(
        [MARSAD, "serve", "--db", db, "--port", "0", "--workers", str(workers)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    for _ in range(3):
        line = proc.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if found:
            return proc, found.group(1)
    proc.kill()
    raise SystemExit("the server did not print its address")


def articles(db: str) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
        return int(conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0])


async def fetch(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, path: str
) -> tuple[int, int]:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".encode())
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))  # type: ignore[union-attr]
    body = await reader.readexactly(length)
    return status, len(body)


async def searcher(
    port: int, paths: list[str], plan: Plan, results: list[tuple[float, bool]]
) -> None:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        while (i := plan.take()) is not None:
            due = plan.due(i)
            if due > time.perf_counter():
                await asyncio.sleep(due - time.perf_counter())
            start = due if plan.rate else time.perf_counter()
            try:
                status, _ = await fetch(reader, writer, paths[i % len(paths)])
                ok = status == 200
            except (OSError, asyncio.IncompleteReadError, ValueError):
                ok = False
                writer.close()
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
            results.append(((time.perf_counter() - start) * 1000, ok))
    finally:
        writer.close()


class Plan:
    """Which request comes next and when. Without a rate, each searcher sends its next
    request as soon as the last one is answered (closed loop: the server's saturation).
    With a rate, request i is due at i / rate seconds and its latency counts from then,
    so time spent waiting for a free searcher counts too (no coordinated omission)."""

    def __init__(self, total: int, rate: float | None) -> None:
        self.total, self.rate, self.next = total, rate, 0
        self.start = time.perf_counter()

    def take(self) -> int | None:
        if self.next >= self.total:
            return None
        self.next += 1
        return self.next - 1

    def due(self, i: int) -> float:
        return self.start + i / self.rate if self.rate else 0.0


async def load(
    port: int, paths: list[str], total: int, concurrency: int, timeout: float,
    rate: float | None = None,
) -> tuple[list[tuple[float, bool]], float]:  # fmt: skip
    results: list[tuple[float, bool]] = []
    plan = Plan(total, rate)
    tasks = [searcher(port, paths, plan, results) for _ in range(concurrency)]
    await asyncio.wait_for(asyncio.gather(*tasks), timeout)
    return results, time.perf_counter() - plan.start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--requests", type=int, default=6000)
    parser.add_argument("--warmup", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1, help="marsad serve --workers")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument(
        "--rate", type=float, default=None, help="Requests per second offered (open loop)."
    )
    parser.add_argument("--seed", type=int, default=8)
    parser.add_argument("--timeout", type=float, default=300.0)
    parser.add_argument("--ingest", nargs="*", default=[], help="Inputs to ingest meanwhile.")
    parser.add_argument("--ingest-analysis", action="store_true", help="Entities and quotes too.")
    args = parser.parse_args()

    with sqlite3.connect(f"file:{args.db}?mode=ro", uri=True) as conn:
        queries = HAND_WRITTEN + [q for q, _ in title_queries(conn, args.queries, args.seed)]
    random.Random(args.seed).shuffle(queries)
    paths = [f"/api/search?q={quote(q)}&limit=10" for q in queries]
    print(f"store: {args.db}, {articles(args.db):,} articles; {len(paths)} distinct queries")

    server, port = start_server(args.db, args.workers)
    ingest = None
    try:
        asyncio.run(load(int(port), paths, args.warmup, args.concurrency, args.timeout))
        if args.ingest:
            cmd = [MARSAD, "ingest", "--db", args.db, "--workers", "1", "-q", *args.ingest]
            ingest = subprocess.Popen(cmd if args.ingest_analysis else [*cmd, "--no-analysis"])
            before = articles(args.db)
            while articles(args.db) == before and ingest.poll() is None:
                time.sleep(0.2)  # measure once the ingest is writing
        before = articles(args.db)
        results, seconds = asyncio.run(
            load(int(port), paths, args.requests, args.concurrency, args.timeout, args.rate)
        )
        after = articles(args.db)
        still_running = ingest is not None and ingest.poll() is None
    finally:
        if ingest is not None:
            ingest.terminate()
            ingest.wait()
        server.terminate()
        server.wait()

    latencies = [ms for ms, _ in results]
    errors = sum(1 for _, ok in results if not ok)
    p = percentiles(latencies)
    mode = f"offered {args.rate:g}/s" if args.rate else "closed loop"
    print(
        f"{len(results)} searches ({mode}), {args.concurrency} concurrent, in {seconds:.1f} s = "
        f"{len(results) / seconds:,.0f} searches/s; latency p50 {p['p50']:.1f} ms, "
        f"p95 {p['p95']:.1f} ms, p99 {p['p99']:.1f} ms, max {max(latencies):.1f} ms; "
        f"errors {errors}"
    )
    if args.ingest:
        print(
            f"ingest meanwhile: {after - before:,} articles stored during the measurement "
            f"({(after - before) / seconds:.0f}/s); still running at the end: {still_running}"
        )


if __name__ == "__main__":
    main()
