"""Ingest on a Dask LocalCluster: the same store (articles, copy groups and stories) as a
single-process ingest; a failing partition is retried, or reported and recovered by
running the ingest again."""

from __future__ import annotations

import gzip
import itertools
import sys
from pathlib import Path

import cloudpickle
import pytest

from conftest import enabled_backends
from marsad.distributed import (
    LOCAL,
    PARTITION_RETRIES,
    check_location,
    ingest_distributed,
    local_cluster,
)
from marsad.errors import ConfigError
from marsad.ingest_service import IngestOptions, ingest_paths, process_records
from marsad.store.open import open_store
from store_helpers import ARTICLES, SAME_TEXT, SAME_URL, write_jsonl

RECORDS = 120
#: Small partitions, so that the input makes several and they finish out of order.
OPTIONS = IngestOptions(workers=2, batch_size=16, analyse=None)
cloudpickle.register_pickle_by_value(sys.modules[__name__])  # workers cannot import tests/


class FailingProcess:
    """``process_records``, but the partition holding ``origin`` raises ``times`` times."""

    def __init__(self, origin: str, folder: Path, times: int) -> None:
        self.origin, self.folder, self.times = origin, folder, times

    def __call__(self, records, analyse, stories=True):
        if any(self.origin in r.origin for r in records):
            failures = len(list(self.folder.glob("failed-*")))
            if failures < self.times:
                (self.folder / f"failed-{failures}").touch()
                raise RuntimeError("injected failure")
        return process_records(records, analyse, stories)


@pytest.fixture(scope="module")
def inputs(shared_dir, tmp_path_factory):
    folder = tmp_path_factory.mktemp("dask")
    ant = folder / "ant.jsonl"
    with gzip.open(shared_dir / "data/news/ant_multisource.jsonl.gz", "rt", encoding="utf-8") as fh:
        ant.write_text("".join(itertools.islice(fh, RECORDS)), "utf-8")
    hand = write_jsonl(folder / "hand.jsonl", [*ARTICLES, SAME_TEXT, SAME_URL])
    (folder / "empty.txt").write_bytes(b"")
    return [str(p) for p in (hand, ant, folder / "empty.txt")]


@pytest.fixture(scope="module")
def reference(inputs, tmp_path_factory):
    with open_store(str(tmp_path_factory.mktemp("ref") / "ref.db")) as store:
        stats = ingest_paths(store, inputs, IngestOptions(workers=1, analyse=None))
        return store.content_digest(), stats, store.story_digest()


@pytest.fixture(scope="module")
def cluster():
    """One LocalCluster for the module, reached by its address like a remote one."""
    with local_cluster(2) as local:
        yield local.scheduler_address


def _scheduler(request, backend: str) -> str:
    """SQLite cannot be shared with a remote cluster: it gets a local cluster of its own."""
    return request.getfixturevalue("cluster") if backend == "postgres" else LOCAL


@pytest.fixture
def any_store(request, new_store, tmp_path):
    """(store, scheduler) for tests of the distributed logic rather than of a backend:
    PostgreSQL on the module's cluster when enabled (quicker), else SQLite."""
    backend = "postgres" if "postgres" in enabled_backends(request.config) else "sqlite"
    return new_store(backend, tmp_path), _scheduler(request, backend)


def test_distributed_ingest_equals_a_single_process_ingest(
    request, inputs, reference, store_url, backend
):
    digest, single, stories = reference
    scheduler = _scheduler(request, backend)
    with open_store(store_url) as store:
        stats = ingest_distributed(store, store_url, inputs, scheduler, OPTIONS)
        assert store.content_digest() == digest
        # The same copy groups and stories: partitions are written in input order.
        assert store.story_digest() == stories
        assert store.unplaced() == 0
        again = ingest_distributed(store, store_url, inputs, scheduler, OPTIONS)
    assert (stats.kept, stats.duplicates, stats.rejected) == (
        single.kept,
        single.duplicates,
        single.rejected,
    )
    assert stats.partitions > 4 and not stats.failed_partitions
    assert (again.kept, again.skipped) == (0, single.inputs - single.rejected)


def test_distributed_failed_partition_is_retried(inputs, reference, any_store, tmp_path):
    url, scheduler = any_store
    flaky = FailingProcess("ant.jsonl:40", tmp_path, times=PARTITION_RETRIES)
    with open_store(url) as store:
        stats = ingest_distributed(store, url, inputs, scheduler, OPTIONS, process=flaky)
        assert not stats.failed_partitions
        assert store.content_digest() == reference[0]


def test_distributed_failed_partition_is_reported_then_recovered(
    inputs, reference, any_store, tmp_path
):
    url, scheduler = any_store
    broken = FailingProcess("ant.jsonl:40", tmp_path, times=PARTITION_RETRIES + 1)
    with open_store(url) as store:
        stats = ingest_distributed(store, url, inputs, scheduler, OPTIONS, process=broken)
        (failed,) = stats.failed_partitions
        assert "injected failure" in failed.error and failed.records == OPTIONS.batch_size
        assert store.runs(1)[0].status == "incomplete"
        again = ingest_distributed(store, url, inputs, scheduler, OPTIONS)
        assert again.kept == failed.records and store.content_digest() == reference[0]


def test_distributed_refuses_sqlite_with_a_remote_scheduler(tmp_path):
    with pytest.raises(ConfigError, match="postgresql://"):
        check_location(str(tmp_path / "m.db"), "tcp://10.0.0.1:8786")


def test_distributed_cli_refuses_sqlite_with_a_remote_scheduler(tmp_path, inputs):
    from typer.testing import CliRunner

    from marsad.cli import app

    args = ["ingest", "--db", str(tmp_path / "m.db"), "--scheduler", "tcp://127.0.0.1:9"]
    result = CliRunner().invoke(app, [*args, *inputs])
    assert result.exit_code == 1 and "postgresql://" in result.stderr
