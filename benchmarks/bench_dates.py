"""Parses per second of marsad.extract.dates on real date strings.

Runs over: the corpus table (tests/data/dates_table.tsv); a sample of ``published_raw``
values (RFC 822 pubDates) from ANT multisource; date expressions that ``find_date`` finds
in lines of Jawhara FM (Maghrebi months) and Al Jazeera (dual names) texts; and, for
contrast, dateparser alone on the table. Data: ANT corpus (Chouigui et al.), Al Jazeera
2026 sample, from ../shared/data (or $MARSAD_SHARED/data).

    .venv/bin/python benchmarks/bench_dates.py [--sample 5000] [--articles 1500]
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta, timezone
from functools import partial
from pathlib import Path

import dateparser

from marsad.extract.dates import ParsedDate, find_date, parse_date

REPO = Path(__file__).resolve().parent.parent
TABLE = REPO / "tests" / "data" / "dates_table.tsv"
#: The reference of the table's relative forms (see the table's header).
TABLE_REFERENCE = datetime(2018, 5, 15, 10, 30, tzinfo=timezone(timedelta(hours=4)))
#: Fixed seed, so every run samples the same published_raw values.
SEED = 20240327
#: Repeats of the table: ~120 rows x 50 is ~6,000 parses, enough for a stable rate.
TABLE_REPEATS = 50
#: dateparser alone is ~1 ms a call: one pass over the table is enough to show the gap.
DATEPARSER_REPEATS = 1


def shared_data() -> Path:
    env = os.environ.get("MARSAD_SHARED")
    return (Path(env) if env else REPO.parent / "shared") / "data"


def table_strings() -> list[str]:
    lines = TABLE.read_text("utf-8").splitlines()
    return [line.split("\t")[0] for line in lines if line and not line.startswith("#")]


def records(path: Path) -> Iterator[dict[str, object]]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            yield json.loads(line)


def published_sample(data: Path, size: int) -> list[str]:
    values = [str(r["published_raw"]) for r in records(data / "news" / "ant_multisource.jsonl.gz")]
    return random.Random(SEED).sample(values, min(size, len(values)))


def text_lines(data: Path, articles: int) -> list[str]:
    """Lines of Jawhara FM texts (the first ``articles``) and of every Al Jazeera body."""
    lines: list[str] = []
    for name, field, limit in (
        ("ant_jawharafm.jsonl.gz", "text", articles),
        ("aljazeera_2026.jsonl.gz", "body", None),
    ):
        for i, record in enumerate(records(data / "news" / name)):
            if limit is not None and i >= limit:
                break
            lines += [line for line in str(record.get(field) or "").splitlines() if line.strip()]
    return lines


def rate(
    name: str, strings: list[str], parse: Callable[[str], ParsedDate | None], repeats: int = 1
) -> list[ParsedDate]:
    """Time ``parse`` over ``strings`` and print one result line."""
    for text in strings[:50]:  # warm up: regex compilation, dateparser's language data
        parse(text)
    start = time.perf_counter()
    for _ in range(repeats):
        found = [parsed for text in strings if (parsed := parse(text)) is not None]
    elapsed = time.perf_counter() - start
    calls = len(strings) * repeats
    fast = sum(p.method != "dateparser" for p in found)
    print(
        f"{name:<44} {len(strings):>7} {len(found):>7} {calls / elapsed:>11,.0f} "
        f"{fast / max(len(found), 1):>9.1%}"
    )
    return found


def dateparser_alone(text: str) -> ParsedDate | None:
    settings = {"REQUIRE_PARTS": ["day", "month", "year"], "PARSERS": ["absolute-time"]}
    moment = dateparser.parse(text, languages=["ar", "en"], settings=settings)
    return ParsedDate(moment.isoformat(), text, True, method="dateparser") if moment else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sample", type=int, default=5000, help="published_raw values to parse")
    parser.add_argument("--articles", type=int, default=1500, help="Jawhara FM articles to scan")
    args = parser.parse_args()
    data = shared_data()

    print(f"{'strings':<44} {'count':>7} {'dates':>7} {'parses/s':>11} {'fast path':>9}")
    table = table_strings()
    parse_table = partial(parse_date, reference=TABLE_REFERENCE)
    found = rate("table, every row: parse_date", table, parse_table, TABLE_REPEATS)
    fast = [p.raw for p in found if p.method != "dateparser"]
    rate("table, rows with a date: parse_date", fast, parse_table, TABLE_REPEATS)
    rate(
        "ant_multisource published_raw: parse_date", published_sample(data, args.sample), parse_date
    )
    lines = text_lines(data, args.articles)
    found = rate("jawharafm + aljazeera lines: find_date", lines, find_date)
    raws = [p.raw for p in found]
    rate("dates found in those lines: parse_date", raws, parse_date, TABLE_REPEATS // 5)
    rate(
        "table: dateparser alone (for contrast)",
        table_strings(),
        dateparser_alone,
        DATEPARSER_REPEATS,
    )


if __name__ == "__main__":
    main()
