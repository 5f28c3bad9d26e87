"""HTML extraction cost against trafilatura alone, and flat memory on a large WARC.

Usage:
    .venv/bin/python benchmarks/bench_html.py [--rounds N]
    .venv/bin/python benchmarks/bench_html.py --warc-gb 1 [--read-only]

Timing: every page of ../shared/data/html goes through the whole Marsad HTML path (file →
format detection → decoding → parse → structured data → trafilatura main text → Arabic
clean-up → title/date cascades → language check), as ``marsad extract --no-analysis`` runs
it, and through ``trafilatura.extract`` alone (default settings, same bytes, same URL).
Both are warmed up once, then timed over ``--rounds`` passes; the script fails (exit 1)
when Marsad takes more than MAX_RATIO times trafilatura's time.

Memory: ``--warc-gb`` writes an uncompressed WARC of that size under /tmp by repeating the
pages (unique URLs), streams it through reader and extractor, samples the resident set
every 500 records and prints the peak; flat memory means the last samples match the first.
The file is deleted afterwards.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import statistics
import sys
import time
from pathlib import Path

import trafilatura
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from common import peak_rss_mb, shared_dir
from marsad import service
from marsad.errors import RejectedInput
from marsad.extract.documents import extract_record
from marsad.ingest.readers import read_inputs
from marsad.model import RawRecord

#: Marsad's whole HTML path may cost at most this multiple of trafilatura's own time
#: (issue 3): parsing once and skipping trafilatura's metadata pass pays for the cascades.
MAX_RATIO = 1.5
SAMPLE_EVERY = 500


def pages() -> list[tuple[Path, str]]:
    folder = shared_dir() / "data" / "html"
    gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text("utf-8").splitlines()]
    return [(folder / g["file"], g["url"]) for g in gold]


def time_marsad(items: list[tuple[Path, str]], rounds: int) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for path, url in items:
            list(service.extract_paths([str(path)], url=url, analyse=None))
    return time.perf_counter() - start


def time_trafilatura(items: list[tuple[Path, str]], rounds: int, metadata: bool) -> float:
    start = time.perf_counter()
    for _ in range(rounds):
        for path, url in items:
            trafilatura.extract(path.read_bytes(), url=url, with_metadata=metadata)
    return time.perf_counter() - start


def compare(rounds: int) -> bool:
    """Rounds alternate between the two so that machine load hits both alike; the verdict
    uses the median round (robust to a busy machine), totals are printed too."""
    items = pages()
    time_marsad(items, 1), time_trafilatura(items, 1, False)  # warm-up: imports, caches
    marsad: list[float] = []
    plain: list[float] = []
    for _ in range(rounds):
        marsad.append(time_marsad(items, 1))
        plain.append(time_trafilatura(items, 1, metadata=False))
    with_meta = time_trafilatura(items, rounds, metadata=True)
    n = rounds * len(items)
    print(f"{len(items)} pages × {rounds} rounds = {n} extractions per engine")
    for name, total in (
        ("marsad extract (HTML path, no analysis)", sum(marsad)),
        ("trafilatura.extract (default settings)", sum(plain)),
        ("trafilatura.extract (with_metadata=True)", with_meta),
    ):
        print(f"{name:42s} {total:6.2f} s  ({1000 * total / n:5.1f} ms/page)")
    ratio = statistics.median(marsad) / statistics.median(plain)
    print(f"ratio marsad / trafilatura (median round): {ratio:.2f} (limit {MAX_RATIO})")
    return ratio <= MAX_RATIO


def current_rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def write_warc(path: Path, gigabytes: float) -> int:
    items = [(p.read_bytes(), url) for p, url in pages()]
    target, records = int(gigabytes * 2**30), 0
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], "HTTP/1.1")
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        while out.tell() < target:
            for body, url in items:
                record = writer.create_warc_record(
                    f"{url}?copy={records}",
                    "response",
                    payload=io.BytesIO(body),
                    length=len(body),
                    http_headers=http,
                )
                writer.write_record(record)
                records += 1
    return records


def stream_warc(gigabytes: float, read_only: bool) -> None:
    path = Path("/tmp") / f"marsad_bench_{gigabytes:g}gb.warc"
    start = time.perf_counter()
    written = write_warc(path, gigabytes)
    print(
        f"wrote {path} ({path.stat().st_size / 2**30:.2f} GB, {written} records) "
        f"in {time.perf_counter() - start:.0f} s"
    )
    samples: list[float] = []
    count = docs = rejected = 0
    start = time.perf_counter()
    try:
        for record in read_inputs([str(path)]):
            count += 1
            if isinstance(record, RawRecord) and not read_only:
                try:
                    docs += len(extract_record(record))
                except RejectedInput:
                    rejected += 1
            if count % SAMPLE_EVERY == 0:
                samples.append(current_rss_mb())
    finally:
        path.unlink()
    seconds = time.perf_counter() - start
    mode = "read only" if read_only else f"read + extract, {docs} articles, {rejected} rejected"
    print(
        f"streamed {count} records ({mode}) in {seconds:.0f} s = {count / seconds:,.0f} records/s"
    )
    if samples:
        print(
            f"RSS first sample {samples[0]:.0f} MB, last {samples[-1]:.0f} MB, "
            f"max {max(samples):.0f} MB; peak RSS {peak_rss_mb():.0f} MB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=20, help="timed passes over the pages")
    parser.add_argument("--warc-gb", type=float, default=0, help="also stream a WARC this big")
    parser.add_argument("--read-only", action="store_true", help="WARC: read, do not extract")
    args = parser.parse_args()
    ok = compare(args.rounds)
    if args.warc_gb:
        stream_warc(args.warc_gb, args.read_only)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
