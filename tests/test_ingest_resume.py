"""Gate: an ingest killed with SIGKILL at random points, then re-run, equals a clean run."""

from __future__ import annotations

import gzip
import itertools
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time

import psycopg
import pytest

from marsad.store.open import open_store

RECORDS = 400
#: Seeded so that a failure can be replayed; each kill lands once the store holds a random
#: 20–80 % of the articles of a clean run (watched, not timed, so that it falls mid-ingest
#: however loaded the machine is).
KILL_SEED = 6
KILLS = 3
_MAIN = "from marsad.cli import main; main()"


def _ingest_cmd(db, paths, workers):
    return [sys.executable, "-c", _MAIN, "ingest", "--db", str(db), "--quiet", "--no-analysis",
            "--workers", str(workers), "--batch-size", "16", *map(str, paths)]  # fmt: skip


@pytest.fixture(scope="module")
def inputs(shared_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("resume")
    ant = folder / "ant.jsonl"
    with gzip.open(shared_dir / "data/news/ant_multisource.jsonl.gz", "rt", encoding="utf-8") as fh:
        ant.write_text("".join(itertools.islice(fh, RECORDS)), "utf-8")
    return [shared_dir / "seed/000_df90e072d6e6857f.txt", ant]


def _exists(db: str) -> bool:
    """A SQLite file is created by the first run; a PostgreSQL schema exists beforehand."""
    return db.startswith("postgresql://") or os.path.exists(db)


def _count(db: str) -> int:
    """Articles stored so far, read without opening a Store (no migrations, no locks)."""
    try:
        if db.startswith("postgresql://"):
            with psycopg.connect(db) as conn:
                row = conn.execute("SELECT count(*) FROM articles").fetchone()
        else:
            conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
            try:
                row = conn.execute("SELECT count(*) FROM articles").fetchone()
            finally:
                conn.close()
    except (sqlite3.Error, psycopg.Error):
        return 0  # not created yet
    return int(row[0]) if row else 0


def _digest(db) -> tuple[str, int]:
    with open_store(db) as store:
        return store.content_digest(), store.stats()["articles"]


@pytest.mark.parametrize("workers", [1, 2])
def test_ingest_resume_after_sigkill_equals_a_clean_run(
    inputs, tmp_path, workers, backend, new_store
):
    clean = new_store(backend, tmp_path)
    subprocess.run(_ingest_cmd(clean, inputs, workers), check=True, timeout=300)
    total = _digest(clean)[1]
    killed = new_store(backend, tmp_path)
    rng = random.Random(KILL_SEED + workers)
    partial = []
    for _ in range(KILLS):
        target = max(rng.uniform(0.2, 0.8) * total, (partial[-1] + 1) if partial else 1)
        proc = subprocess.Popen(_ingest_cmd(killed, inputs, workers), start_new_session=True)
        while proc.poll() is None and _count(killed) < target:
            time.sleep(0.01)
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        partial.append(_digest(killed)[1] if _exists(killed) else 0)
    subprocess.run(_ingest_cmd(killed, inputs, workers), check=True, timeout=300)
    assert _digest(killed) == _digest(clean)
    assert min(partial) < _digest(clean)[1], f"no kill landed before the end: {partial}"
    print(f"articles after each kill: {partial}")
    with open_store(killed) as store:
        statuses = [run.status for run in store.runs(10)]
    assert statuses[0] == "done"
