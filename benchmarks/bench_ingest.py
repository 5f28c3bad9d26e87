"""Ingest throughput into a fresh store, with peak memory and database size.

Usage: .venv/bin/python benchmarks/bench_ingest.py [--db PATH] [--workers N]
           [--no-analysis] [--limit N] [PATH ...]

Default inputs: every corpus in ../shared/data/news (≈ 72k articles). --limit N writes the
first N records of each corpus to a temporary JSON Lines file first (for quick runs).
Peak memory is the largest resident set of this process and of any one worker.
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from common import news_inputs
from marsad.ingest_service import ANALYSES, IngestOptions, IngestStats, ingest_paths
from marsad.store.sqlite import SQLiteStore


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("paths", nargs="*")
    parser.add_argument("--db", default=None, help="store to create (default: a temp file)")
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--no-analysis", action="store_true")
    parser.add_argument("--limit", type=int, default=None, help="records per corpus")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db or Path(tmp) / "bench.db")
        if db.exists():
            raise SystemExit(f"{db} exists: the benchmark needs a fresh store")
        paths = args.paths or news_inputs(args.limit, Path(tmp))
        options = IngestOptions(
            workers=args.workers or None, analyse=None if args.no_analysis else ANALYSES
        )
        last = [time.perf_counter()]

        def progress(s: IngestStats) -> None:
            if time.perf_counter() - last[0] > 30:
                last[0] = time.perf_counter()
                print(f"  {s.kept} kept, {s.duplicates} dup, {s.seconds:.0f} s", flush=True)

        with SQLiteStore(db) as store:
            stats = ingest_paths(store, paths, options, progress)
            size = os.path.getsize(db)
        peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        peak_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(
            f"ingest ({'no analysis' if args.no_analysis else 'entities+quotes'}, "
            f"{options.worker_count()} workers): {stats.inputs} inputs, {stats.kept} kept, "
            f"{stats.duplicates} duplicates, {stats.rejected} rejected in {stats.seconds:.0f} s "
            f"= {stats.articles_per_second:.0f} articles/s; peak RSS writer {peak_self:.0f} MB, "
            f"largest worker {peak_child:.0f} MB; database {size / 2**20:.0f} MB"
        )


if __name__ == "__main__":
    main()
