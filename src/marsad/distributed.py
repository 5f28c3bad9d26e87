"""Ingest on a Dask cluster: ``marsad ingest --scheduler tcp://HOST:8786`` (or ``local``).

The client reads the inputs and cuts them into partitions of records (files, WARC
records, JSON Lines lines: whatever :func:`~marsad.ingest.readers.read_inputs` yields),
skipping the records the store already holds, exactly as a single-process ingest does.
The workers run the same :func:`~marsad.ingest_service.process_records` (extraction,
entities, quotations, index terms) on partitions in parallel, and write each partition
to the shared store themselves, one transaction per partition, through the
:class:`~marsad.store.base.Store` interface (each worker opens the store once, in a
worker plugin).

Writes are committed in input order: partition *k* is written once it is processed and
partition *k − 1* is committed, by the worker that holds it. Extraction, the costly part,
runs out of order and in parallel; the store sees the batches of a single-process run in
the same order, so it keeps the same copy of every duplicate and assigns the same stories
however the partitions finish. A partition whose processing fails is retried
(``PARTITION_RETRIES``); one that still fails is reported and not marked as processed, so
that running the same command again processes it: nothing is lost.

A SQLite store lives on one machine's disk: it works with ``--scheduler local`` (one
writer at a time, as ever) and is refused for a remote scheduler.
"""

from __future__ import annotations

import time
import uuid
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from distributed.diagnostics.plugin import WorkerPlugin

from marsad.errors import ConfigError
from marsad.ingest.readers import read_inputs
from marsad.ingest_service import (
    IngestOptions,
    IngestStats,
    check_analyses,
    chunk_records,
    process_records,
)
from marsad.model import RawRecord, Rejection
from marsad.store.base import BatchResult, ProcessedInput, Store
from marsad.store.open import is_postgres_url, open_store

#: ``--scheduler local``: a LocalCluster of --workers processes on this machine.
LOCAL = "local"
#: Extra attempts of a failed partition task (a lost worker, a transient store error).
PARTITION_RETRIES = 2
#: Partitions submitted ahead per worker: enough to keep every worker busy while one
#: partition is written, few enough to bound the records held in memory.
PARTITIONS_IN_FLIGHT_PER_WORKER = 4
#: Seconds to reach a remote scheduler before giving up.
CONNECT_TIMEOUT_S = 30

ProcessFn = Callable[[Sequence[RawRecord], tuple[str, ...] | None, bool], list[ProcessedInput]]


@dataclass(frozen=True)
class PartitionFailure:
    """A partition that still failed after its retries; its records stay unprocessed."""

    index: int
    records: int
    first_origin: str
    last_origin: str
    error: str


@dataclass
class DistributedStats(IngestStats):
    workers: int = 0
    partitions: int = 0
    failed_partitions: list[PartitionFailure] = field(default_factory=list)


@dataclass
class _Partition:
    index: int
    records: list[RawRecord]
    rejected: list[ProcessedInput]
    future: Any  # distributed.Future | None


def check_location(location: str, scheduler: str) -> None:
    if scheduler != LOCAL and not is_postgres_url(location):
        raise ConfigError(
            f"a cluster's workers cannot share the SQLite file {location}: "
            "use a postgresql:// store with --scheduler, or --scheduler local"
        )


def ingest_distributed(
    store: Store,
    location: str,
    paths: Sequence[str],
    scheduler: str,
    options: IngestOptions,
    progress: Callable[[IngestStats], None] | None = None,
    process: ProcessFn = process_records,
) -> DistributedStats:
    """Ingest ``paths`` on a Dask cluster into the store at ``location`` (``store`` is the
    client's own handle on it, for the run's bookkeeping). ``process`` is injectable so
    that tests can make partitions fail."""
    check_location(location, scheduler)
    check_analyses(options.analyse)
    with _client(scheduler, options) as client:
        plugin = _StorePlugin(location)
        client.register_plugin(plugin, name=plugin.name)
        try:
            return _Run(client, store, plugin.name, options, process, progress).run(paths)
        finally:
            client.unregister_worker_plugin(plugin.name)


class _Run:
    def __init__(
        self,
        client: Any,
        store: Store,
        plugin: str,
        options: IngestOptions,
        process: ProcessFn,
        progress: Callable[[IngestStats], None] | None,
    ) -> None:
        self.client = client
        self.store = store
        self.plugin = plugin
        self.options = options
        self.process = process
        self.progress = progress
        self.stats = DistributedStats()
        self.started = time.perf_counter()

    def run(self, paths: Sequence[str]) -> DistributedStats:
        stats = self.stats
        stats.workers = len(self.client.scheduler_info()["workers"])
        # Every worker builds the analysis stages now: one that cannot fails the run at
        # once, and loading the models is not counted as ingest time.
        self.client.run(check_analyses, self.options.analyse)
        self.started = time.perf_counter()
        stats.run_id = self.store.begin_run(paths)
        status = "interrupted"
        try:
            records = read_inputs(paths, self.options.fmt)
            chunks = chunk_records(records, self.store.known_inputs(), stats, self.options)
            pending: deque[_Partition] = deque()
            in_flight = max(stats.workers, 1) * PARTITIONS_IN_FLIGHT_PER_WORKER
            for index, (batch, rejected) in enumerate(chunks):
                pending.append(_Partition(index, batch, rejected, self._submit(batch)))
                stats.partitions += 1
                while len(pending) >= in_flight:
                    self._write(pending.popleft())
            while pending:
                self._write(pending.popleft())
            status = "incomplete" if stats.failed_partitions else "done"
        finally:
            stats.seconds = time.perf_counter() - self.started
            self.store.finish_run(stats.run_id, status, stats.counts())
        return stats

    def _submit(self, records: list[RawRecord]) -> Any:
        if not records:
            return None
        return self.client.submit(
            self.process,
            records,
            self.options.analyse,
            self.options.stories,
            retries=PARTITION_RETRIES,
            pure=False,
        )

    def _write(self, part: _Partition) -> None:
        """Write one partition from the worker that holds it, after the previous one."""
        from distributed import wait

        processed = part.future
        if processed is not None:
            wait([processed])
            if processed.status != "finished":
                self._failed(part, processed.exception())
                processed = None
        if processed is None and not part.rejected:
            return
        written = self.client.submit(
            _write_partition,
            self.plugin,
            self.stats.run_id,
            part.rejected,
            processed if processed is not None else [],
            self.options.stories,
            retries=PARTITION_RETRIES,
            pure=False,
        )
        result, rejections = written.result()
        part.future = None  # the processed records can leave the worker's memory
        stats = self.stats
        stats.kept += result.kept
        stats.copies += result.copies
        stats.duplicates += result.duplicates
        stats.rejected += result.rejected
        stats.skipped += result.skipped
        stats.failures.extend(rejections)
        stats.seconds = time.perf_counter() - self.started
        if self.progress is not None:
            self.progress(stats)

    def _failed(self, part: _Partition, error: BaseException | None) -> None:
        self.stats.failed_partitions.append(
            PartitionFailure(
                part.index,
                len(part.records),
                part.records[0].origin,
                part.records[-1].origin,
                f"{type(error).__name__}: {error}",
            )
        )


def _write_partition(
    plugin: str,
    run_id: int,
    rejected: list[ProcessedInput],
    processed: list[ProcessedInput],
    stories: bool = True,
) -> tuple[BatchResult, list[Rejection]]:
    """A worker task: one transaction for the partition, through the worker's store."""
    from distributed import get_worker

    store: Store = get_worker().plugins[plugin].store  # type: ignore[attr-defined]
    items = rejected + processed
    result = store.write_batch(run_id, items, stories=stories)
    return result, [p.rejection for p in items if p.rejection is not None]


class _StorePlugin(WorkerPlugin):
    """Opens the store once per worker (setup) and closes it when the worker stops."""

    def __init__(self, location: str) -> None:
        self.location = location
        self.name = f"marsad-store-{uuid.uuid4().hex[:12]}"
        self.store: Store | None = None

    def setup(self, worker: Any) -> None:
        self.store = open_store(self.location)

    def teardown(self, worker: Any) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None


def local_cluster(workers: int) -> Any:
    """A LocalCluster of single-threaded worker processes on 127.0.0.1, no dashboard.

    The scheduler's HTTP server (health checks) still starts without a dashboard, on port
    8787 by default: it gets a free port instead, so that two clusters never collide."""
    from distributed import LocalCluster

    return LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
        scheduler_kwargs={"dashboard_address": "127.0.0.1:0"},
    )


@contextmanager
def _client(scheduler: str, options: IngestOptions) -> Iterator[Any]:
    from distributed import Client

    if scheduler == LOCAL:
        with local_cluster(options.worker_count()) as cluster, Client(cluster) as client:
            yield client
        return
    try:
        client = Client(scheduler, timeout=CONNECT_TIMEOUT_S)
    except OSError as exc:
        raise ConfigError(f"cannot reach the Dask scheduler {scheduler}: {exc}") from exc
    with client:
        yield client
