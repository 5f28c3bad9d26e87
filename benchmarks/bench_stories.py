"""Cost of copies and stories at ingest, and the SPA wire groups of SaudiNewsNet.

Usage::

    .venv/bin/python benchmarks/bench_stories.py scale [--limit 70000] [--seed 0] [--store sqlite]
    .venv/bin/python benchmarks/bench_stories.py growth [--prefill 0 10000 20000 40000 60000]
    .venv/bin/python benchmarks/bench_stories.py spa [--top 15]

``scale``: every news corpus, records in a seeded random order (so that every prefix has
the same mix of outlets and dates and gets denser as it grows), through extraction and the
search analyser (what ingest does without the analysis stages) and then the story stage
(features + engine). Per-article cost of the story stage is reported per segment
(0–10k, 10k–20k, 20k–40k, 40k–70k articles): flat means linear growth. ``--store sqlite``
runs the engine over the SQLite store's tables (a temporary file, one transaction per 64
articles, as ingest writes), ``memory`` over dictionaries. Times are CPU
times of this process (``time.process_time``), so that other jobs on a shared machine do
not inflate them.

``growth``: the same articles placed into SQLite stores of growing size (see
:func:`growth`): flat per-article time means the cost grows linearly with the store.

``spa``: all of SaudiNewsNet in file order (its crawl order), the copy groups that contain
an article of the SPA's own feed (source ``was``), and the largest copy groups with their
outlets and probable original — what ``marsad stories`` shows once the store has them.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import sqlite3
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path

from common import peak_rss_mb, shared_dir
from marsad.model import Document
from marsad.store.sqlite import CACHE_KIB
from marsad.stories import sqlite_state
from marsad.stories.chain import republication_chain
from marsad.stories.engine import StoryEngine
from marsad.stories.features import Features, compute_features
from marsad.stories.gold import extract_record_line
from marsad.stories.idf import default_idf
from marsad.stories.state import MemoryBandIndex, MemoryBook
from marsad.text.analyzer import analyze

CHECKPOINTS = (10_000, 20_000, 40_000, 70_000)


def records(names: list[str]) -> Iterator[tuple[str, bytes]]:
    for name in names:
        path = shared_dir() / "data" / "news" / name
        with gzip.open(path, "rb") as fh:
            for number, line in enumerate(fh, 1):
                yield f"{path}:{number}", line


def extracted(lines: list[tuple[str, bytes]]) -> Iterator[tuple[Document, float]]:
    """Documents with the CPU time extraction and the search analyser took for each."""
    for origin, line in lines:
        start = time.process_time()
        doc = extract_record_line(json.loads(line), origin, line)
        if doc is None:
            continue
        terms = (analyze(doc.title or ""), analyze(doc.text))
        doc.meta["_terms"] = terms
        yield doc, time.process_time() - start


def scale(limit: int, seed: int, store: str, order: str) -> None:
    names = sorted(p.name for p in (shared_dir() / "data" / "news").glob("*.jsonl.gz"))
    lines = list(records(names))
    if order == "shuffled":
        random.Random(seed).shuffle(lines)
    idf = default_idf()
    conn = None
    if store == "sqlite":
        conn = _story_db(f"{tempfile.mkdtemp(prefix='bench-stories-')}/stories.db")
        engine = StoryEngine(sqlite_state.SQLiteBandIndex(conn), sqlite_state.SQLiteBook(conn), idf)
    else:
        engine = StoryEngine(MemoryBandIndex(), MemoryBook(), idf)
    base = story = 0.0
    segment_start, segment_story = 0, 0.0
    copies = 0
    rows = []
    for count, (doc, took) in enumerate(extracted(lines[: int(limit * 1.05)]), 1):
        base += took
        title_terms, text_terms = doc.meta.pop("_terms")
        start = time.process_time()
        features = compute_features(doc, idf, title_terms, text_terms)
        copies += engine.add(count, features).duplicate_of is not None
        if conn is not None and count % 64 == 0:
            conn.execute("COMMIT")
            conn.execute("BEGIN")
        spent = time.process_time() - start
        story += spent
        segment_story += spent
        if count in CHECKPOINTS or count == limit:
            rows.append((segment_start, count, segment_story, story, base, copies))
            print(
                f"{count:>6} articles: story stage {story:7.1f} s total, "
                f"{1000 * segment_story / (count - segment_start):.2f} ms/article in "
                f"{segment_start}–{count}; extraction+analyser {base:7.1f} s; "
                f"{copies} copies; peak RSS {peak_rss_mb():.0f} MB",
                flush=True,
            )
            segment_start, segment_story = count, 0.0
        if count >= limit:
            break
    print("\n| articles | story stage | per article (segment) | extraction + analyser | ratio |")
    print("|---|---|---|---|---|")
    for first, last, seg, total, base_total, _ in rows:
        print(
            f"| {last:,} | {total:.1f} s | {1000 * seg / (last - first):.2f} ms ({first:,}–{last:,}) "
            f"| {base_total:.1f} s | {total / base_total:.0%} |"
        )


def growth(prefills: tuple[int, ...], probe_days: int, context_days: int) -> None:
    """Cost of placing the same articles into stores of growing size.

    The probe is SaudiNewsNet's last ``probe_days`` days, placed after its ``context_days``
    days before them (their story window), into a store first filled with N other
    articles: the other corpora and SaudiNewsNet's older days, in corpus order, whose days
    are outside the probe's window. The probe's work (its candidates and the days around
    it) is then the same at every N; only the store's size changes. Flat per-article time
    across N means that placing an article does not slow down as the store grows, so the
    total cost grows linearly with the number of articles.
    """
    idf = default_idf()
    names = sorted(p.name for p in (shared_dir() / "data" / "news").glob("*.jsonl.gz"))
    blobs: list[tuple[str, int | None, bytes]] = []
    for name in names:
        for doc, _ in extracted(list(records([name]))):
            title_terms, text_terms = doc.meta.pop("_terms")
            features = compute_features(doc, idf, title_terms, text_terms)
            blobs.append((name.split(".")[0], features.day, features.to_bytes()))
    snn_days = [day for corpus, day, _ in blobs if corpus == "saudinewsnet" and day is not None]
    last = max(snn_days)
    probe_from, context_from = last - probe_days + 1, last - probe_days - context_days + 1

    def part(corpus: str, day: int | None) -> str:
        if corpus != "saudinewsnet" or day is None or day < context_from - 1:
            return "filler"
        return "probe" if day >= probe_from else "context" if day >= context_from else "gap"

    parts: defaultdict[str, list[bytes]] = defaultdict(list)
    for corpus, day, blob in blobs:
        parts[part(corpus, day)].append(blob)
    filler, context, probe = parts["filler"], parts["context"], parts["probe"]
    print(
        f"{len(blobs)} articles: filler {len(filler)}, context {len(context)}, probe "
        f"{len(probe)} (days {probe_from}-{last}), left out {len(parts['gap'])}",
        flush=True,
    )
    folder = tempfile.mkdtemp(prefix="bench-growth-")
    conn = _story_db(f"{folder}/fill.db")
    engine = StoryEngine(sqlite_state.SQLiteBandIndex(conn), sqlite_state.SQLiteBook(conn), idf)
    filled = 0
    print(
        "\n| store size N | placing the probe, per article | context, per article | probe copies |"
    )
    print("|---|---|---|---|")
    for target in prefills:
        target = min(target, len(filler))
        for blob in filler[filled:target]:
            filled += 1
            engine.add(filled, Features.from_bytes(blob))
            if filled % 64 == 0:
                conn.execute("COMMIT")
                conn.execute("BEGIN")
        conn.execute("COMMIT")
        trial = _story_db(f"{folder}/trial.db", fresh=True)
        trial.execute("COMMIT")
        conn.backup(trial)
        trial.execute("BEGIN")
        conn.execute("BEGIN")
        placer = StoryEngine(
            sqlite_state.SQLiteBandIndex(trial), sqlite_state.SQLiteBook(trial), idf
        )
        spent, copies, next_id = {}, 0, filled
        for name, batch in (("context", context), ("probe", probe)):
            took = 0.0
            for number, blob in enumerate(batch, 1):
                next_id += 1
                features = Features.from_bytes(blob)
                start = time.process_time()
                found = placer.add(next_id, features)
                if number % 64 == 0:
                    trial.execute("COMMIT")
                    trial.execute("BEGIN")
                took += time.process_time() - start
                copies += name == "probe" and found.duplicate_of is not None
            spent[name] = 1000 * took / len(batch)
        trial.execute("COMMIT")
        trial.close()
        print(
            f"| {filled:,} | {spent['probe']:.2f} ms | {spent['context']:.2f} ms | {copies} |",
            flush=True,
        )
    print(f"peak RSS {peak_rss_mb():.0f} MB")


def _story_db(path: str, fresh: bool = False) -> sqlite3.Connection:
    """The story tables in a SQLite file set up as the store does, a transaction open."""
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(path + suffix).unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")  # as the store
    sqlite_state.create_schema(conn)
    conn.execute("BEGIN")
    return conn


def spa(top: int) -> None:
    idf = default_idf()
    book = MemoryBook()
    engine = StoryEngine(MemoryBandIndex(), book, idf)
    ids: dict[int, str] = {}
    start = time.perf_counter()
    count = 0
    for count, (doc, _) in enumerate(extracted(list(records(["saudinewsnet.jsonl.gz"]))), 1):
        title_terms, text_terms = doc.meta.pop("_terms")
        engine.add(count, compute_features(doc, idf, title_terms, text_terms))
        ids[count] = doc.id
    groups: defaultdict[int, list[int]] = defaultdict(list)
    for entry in book:
        groups[entry.duplicate_of or entry.article_id].append(entry.article_id)
    entries = book.get(ids)
    spa_groups = [g for g in groups.values() if any(entries[i].features.outlet == "واس" for i in g)]
    spa_articles = sum(1 for e in entries.values() if e.features.outlet == "واس")
    stories = Counter(e.story for e in entries.values())
    print(
        f"SaudiNewsNet: {count} articles in {time.perf_counter() - start:.0f} s; "
        f"{sum(len(g) for g in groups.values() if len(g) > 1)} in {sum(len(g) > 1 for g in groups.values())} "
        f"copy groups; {len(stories)} stories ({sum(n > 1 for n in stories.values())} with 2+ articles)"
    )
    print(
        f"SPA feed: {spa_articles} articles; {sum(len(g) > 1 for g in spa_groups)} of their "
        f"{len(spa_groups)} groups have republications "
        f"({sum(len(g) - 1 for g in spa_groups)} republications)"
    )
    print("\n| group size | outlets | probable original | first title |")
    print("|---|---|---|---|")
    for group in sorted(groups.values(), key=lambda g: (-len(g), min(g)))[:top]:
        chain = republication_chain(entries[i] for i in group)
        outlets = Counter(o for o, _ in chain.outlets)
        first = entries[chain.original_article].features.title[:60]
        listed = ", ".join(f"{o} ×{n}" if n > 1 else o for o, n in outlets.most_common())
        print(f"| {len(group)} | {listed} | {chain.original_source} ({chain.evidence}) | {first} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="mode", required=True)
    sc = sub.add_parser("scale")
    sc.add_argument("--limit", type=int, default=CHECKPOINTS[-1])
    sc.add_argument("--seed", type=int, default=0)
    sc.add_argument("--store", choices=("memory", "sqlite"), default="memory")
    sc.add_argument(
        "--order",
        choices=("shuffled", "corpus"),
        default="shuffled",
        help="shuffled (every prefix the same mix) or corpus (files in name order, each in "
        "its own order: what `marsad ingest ../shared/data/news/` does)",
    )
    gr = sub.add_parser("growth")
    gr.add_argument("--prefill", type=int, nargs="+", default=[0, 10_000, 20_000, 40_000, 60_000])
    gr.add_argument("--probe-days", type=int, default=2)
    gr.add_argument("--context-days", type=int, default=3)
    sp = sub.add_parser("spa")
    sp.add_argument("--top", type=int, default=15)
    args = parser.parse_args()
    if args.mode == "scale":
        scale(args.limit, args.seed, args.store, args.order)
    elif args.mode == "growth":
        growth(tuple(args.prefill), args.probe_days, args.context_days)
    else:
        spa(args.top)


if __name__ == "__main__":
    main()
