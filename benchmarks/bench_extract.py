"""Extraction throughput (before entity and quote analysis) on real corpora.

Usage: .venv/bin/python benchmarks/bench_extract.py [--ant N] [--analyse]

Writes the 70 Al Jazeera articles and the first N ANT articles as JSON Lines, then runs
the same path as ``marsad extract --format auto`` (reader → extractor [→ analysis]) and
prints articles/s, per-record latency percentiles and peak memory. Single process, one core.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from common import read_jsonl_gz, report, report_cpu, shared_dir
from marsad import service
from marsad.extract.documents import extract_record
from marsad.ingest.readers import read_inputs
from marsad.model import RawRecord
from marsad.pipeline import build_pipeline


def write_corpus(folder: Path, ant: int) -> list[Path]:
    paths = []
    for name, limit in (("aljazeera_2026.jsonl.gz", None), ("ant_multisource.jsonl.gz", ant)):
        path = folder / name.replace(".gz", "")
        with path.open("w", encoding="utf-8") as fh:
            for obj in read_jsonl_gz(name, limit):
                fh.write(json.dumps(obj, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ant", type=int, default=1000, help="ANT articles to include")
    parser.add_argument("--analyse", action="store_true", help="also run entities and quotes")
    args = parser.parse_args()
    pipeline = build_pipeline() if args.analyse else None
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_corpus(Path(tmp), args.ant)
        seed = shared_dir() / "seed" / "000_df90e072d6e6857f.txt"
        records = [
            r for r in read_inputs([*map(str, paths), str(seed)]) if isinstance(r, RawRecord)
        ]
        latencies: list[float] = []
        articles = 0
        start, cpu = time.perf_counter(), time.process_time()
        for record in records:
            t0 = time.perf_counter()
            docs = extract_record(record)
            if pipeline is not None:
                docs = [pipeline(d) for d in docs]
            latencies.append((time.perf_counter() - t0) * 1000)
            articles += len(docs)
        elapsed = time.perf_counter() - start
        label = "extract+analyse" if args.analyse else "extract"
        report(f"{label} (records in memory)", articles, elapsed, latencies)
        report_cpu(f"{label} (records in memory)", articles, time.process_time() - cpu)
        start, cpu = time.perf_counter(), time.process_time()
        analyse = ("entities", "quotes") if args.analyse else None
        n = sum(1 for _ in service.extract_paths([*map(str, paths)], analyse=analyse))
        report(f"{label} end to end (read+decode+extract)", n, time.perf_counter() - start, [])
        report_cpu(f"{label} end to end (read+decode+extract)", n, time.process_time() - cpu)


if __name__ == "__main__":
    main()
