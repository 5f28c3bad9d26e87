"""PostgreSQL only: migrations mirror SQLite's, tsvector/tsquery literals, NUL bytes,
and concurrent writers that neither lose nor duplicate an article."""

from __future__ import annotations

import dataclasses
import gzip
import itertools
import subprocess
import sys
import threading

import psycopg
import pytest

from conftest import enabled_backends
from marsad.model import Document
from marsad.store import migrations, pg_migrations
from marsad.store.base import ProcessedInput
from marsad.store.open import open_store
from marsad.store.pg_text import lexeme, tsquery_literal, tsvector_literal
from marsad.store.query import parse_query
from store_helpers import ARTICLES, SAME_TEXT, SAME_URL, processed, quoted_document, write_jsonl

_MAIN = "from marsad.cli import main; main()"
#: ANT records per input file of the concurrent ingest test (three files).
ANT_PER_FILE = 80


@pytest.fixture
def pg_url(request, new_store, tmp_path):
    if "postgres" not in enabled_backends(request.config):
        pytest.skip("PostgreSQL is tested with $MARSAD_TEST_PG set or --backend postgres")
    return new_store("postgres", tmp_path)


def _doc(i: int, **fields) -> Document:
    record = {**ARTICLES[i % len(ARTICLES)], **fields}
    return Document(
        id=record["id"],
        text=record["text"],
        title=record.get("title"),
        url=record["url"],
        published=record["published"],
        record_sha256=f"{i:064d}",
        origin="test",
    )


def test_store_postgres_migrations_have_the_names_of_sqlite_migrations():
    assert [n for n, _ in pg_migrations.MIGRATIONS] == [n for n, _ in migrations.MIGRATIONS]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("رفح", "'رفح'"),
        ('"وزير الدفاع"', "('وزير' <-> 'دفاع')"),
        ("امريك* -غزة", "'امريك':* & !'غزه'"),
        ("1.100", "('1' <-> '100')"),  # split as FTS5 splits it
        ('رفح -"٪"', "'رفح'"),  # an exclusion without a token excludes nothing
    ],
)
def test_store_postgres_tsquery_literal(query, expected):
    assert tsquery_literal(parse_query(query)) == expected


def test_store_postgres_lexemes_are_quoted():
    assert lexeme("it's\\") == "'it''s\\\\'"


def test_store_postgres_tsvector_weights_title_and_separates_it_from_the_text():
    assert tsvector_literal("a b", "b c") == "'a':1A 'b':2A,4 'c':5"


def test_store_postgres_records_named_migrations_once(pg_url):
    for _ in range(2):
        open_store(pg_url).close()
    with open_store(pg_url) as store:
        assert store.stats()["migrations"] == [name for name, _ in pg_migrations.MIGRATIONS]


def test_store_postgres_concurrent_first_opens_migrate_once(pg_url):
    errors: list[BaseException] = []

    def open_close() -> None:
        try:
            open_store(pg_url).close()
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=open_close) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_store_postgres_nul_bytes_and_null_titles_are_stored_and_searchable(pg_url):
    doc = _doc(0, title=None, text=ARTICLES[0]["text"] + "\x00 رفح")
    with open_store(pg_url) as store:
        result = store.write_batch(store.begin_run(["t"]), [processed(doc)])
        (hit,) = store.search(parse_query("رفح"), filters=_no_filters(), limit=5)
    assert result.kept == 1 and hit.title is None and "\x00" not in hit.text
    assert len(hit.text) == len(doc.text)  # replaced one for one: offsets stay valid


def _quoted(i: int) -> Document:
    """Hand-made articles that differ (text, URL, record) but share an entity and a source."""
    doc = quoted_document(f"q{i}", f"https://example.org/q{i}")
    return dataclasses.replace(doc, text=f"{doc.text} {i}", record_sha256=f"{i:064x}")


def _no_filters():
    from marsad.store.base import SearchFilters

    return SearchFilters()


def test_store_postgres_a_record_another_writer_stored_is_skipped(pg_url):
    batch = [processed(_doc(i)) for i in range(3)] + [processed(quoted_document())]
    with open_store(pg_url) as first, open_store(pg_url) as second:
        one = first.write_batch(first.begin_run(["a"]), batch)
        two = second.write_batch(second.begin_run(["b"]), batch)
        assert (one.kept, two.kept, two.skipped) == (4, 0, 4)
        assert first.stats()["articles"] == 4


def test_store_postgres_concurrent_batches_neither_lose_nor_duplicate(pg_url):
    """Eight writers, each the same 24 articles (with a source, an entity and a quotation)
    in another order, in batches of 6: every article, entity, source and quotation is
    stored once, every input claimed once (deadlocks are retried)."""
    docs = [_quoted(i) for i in range(24)]
    items = [processed(d) for d in docs]
    errors: list[BaseException] = []

    def write(order: list[ProcessedInput]) -> None:
        try:
            with open_store(pg_url) as store:
                run = store.begin_run(["t"])
                for start in range(0, len(order), 6):
                    store.write_batch(run, order[start : start + 6])
        except BaseException as exc:  # reported below
            errors.append(exc)

    orders = [items[k:] + items[:k] if k % 2 else items[::-1] for k in range(8)]
    threads = [threading.Thread(target=write, args=(o,)) for o in orders]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with open_store(pg_url) as store:
        stats = store.stats()
    counts = ("articles", "inputs", "quotes", "mentions", "entities", "sources")
    assert [stats[k] for k in counts] == [24, 24, 24, 24, 1, 1]


@pytest.fixture
def overlapping(shared_dir, tmp_path):
    """Two overlapping sets of files (both hold the seed page, hand-made duplicates and
    the second of three ANT files) and their union. The overlap is the same files: an
    article's origin names its file, so one record read from two files is two origins."""
    with gzip.open(shared_dir / "data/news/ant_multisource.jsonl.gz", "rt", encoding="utf-8") as fh:
        lines = list(itertools.islice(fh, 3 * ANT_PER_FILE))
    ant = [tmp_path / f"ant_{i}.jsonl" for i in range(3)]
    for i, path in enumerate(ant):
        path.write_text("".join(lines[ANT_PER_FILE * i : ANT_PER_FILE * (i + 1)]), "utf-8")
    common = [shared_dir / "seed/000_df90e072d6e6857f.txt"]
    common.append(write_jsonl(tmp_path / "hand.jsonl", [*ARTICLES, SAME_TEXT, SAME_URL]))
    return [*common, ant[0], ant[1]], [*common, ant[1], ant[2]], [*common, *ant]


def _documents(store) -> dict[tuple[str, int], dict]:
    """Every article's JSON by (record, position): a failure names the articles that differ."""
    return {(d.record_sha256, d.position): d.to_json() for _, d in store.iter_documents()}


def _ingest(db: str, paths) -> list[str]:
    """Extraction only: the analyses are deterministic, but their concurrent writes are the
    subject of the test above, and without them the three runs take seconds, not a minute."""
    return [sys.executable, "-c", _MAIN, "ingest", "--db", db, "--quiet", "--workers", "1",
            "--batch-size", "8", "--no-analysis", *map(str, paths)]  # fmt: skip


def test_store_postgres_two_concurrent_ingests_equal_one(pg_url, overlapping, new_store, tmp_path):
    """Two ``marsad ingest`` processes at once over overlapping inputs give the store one
    process gives over their union."""
    one_set, other_set, union = overlapping
    procs = [subprocess.Popen(_ingest(pg_url, paths)) for paths in (one_set, other_set)]
    assert [p.wait(timeout=600) for p in procs] == [0, 0]
    alone = new_store("postgres", tmp_path)
    subprocess.run(_ingest(alone, union), check=True, timeout=600)
    with open_store(pg_url) as both, open_store(alone) as single:
        assert _documents(both) == _documents(single)
        # Every article is placed in a story. Concurrent writers place their batches in
        # commit order, so the grouping may differ from one process's input order; the
        # Dask path, which commits in input order, gives the same (test_distributed.py).
        assert both.unplaced() == 0 and single.unplaced() == 0
        counts = ("articles", "entities", "mentions", "quotes", "sources", "inputs", "failures")
        assert [both.stats()[k] for k in counts] == [single.stats()[k] for k in counts]
        runs = both.runs(2)
    assert [r.status for r in runs] == ["done", "done"]
    assert all(r.counts["kept"] > 0 for r in runs), "one process did all the work"
    with psycopg.connect(pg_url) as conn:  # every input record was claimed exactly once
        row = conn.execute("SELECT count(*), count(DISTINCT record_sha256) FROM inputs")
        total, distinct = row.fetchone() or (0, 0)
    assert total == distinct
