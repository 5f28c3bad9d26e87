"""Ingest: inputs → pipeline (worker processes) → the store (one writer, batched).

The main process reads records and skips those already processed (by record SHA-256);
worker processes extract, analyse and compute index terms for chunks of records; the main
process writes each chunk in one transaction, in input order. Because the store only ever
holds a prefix of the input sequence, a run killed at any point (even ``kill -9``) is
resumed by running it again: nothing is lost and nothing is stored twice.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from functools import cache

import marsad.formats  # noqa: F401  (registers every reader and extractor)
from marsad.errors import ConfigError, RejectedInput, StageError
from marsad.extract.documents import extract_record
from marsad.ingest.readers import read_inputs
from marsad.model import Document, RawRecord, Rejection, sha256_hex
from marsad.pipeline import Pipeline, build_pipeline
from marsad.store.base import AnalysedDocument, ProcessedInput, Store
from marsad.stories.features import compute_features
from marsad.stories.idf import default_idf
from marsad.text.analyzer import analyze
from marsad.text.normalize import match_key

#: Records per chunk sent to a worker and per transaction. 64 measured on 2,000 ANT
#: articles: 16 spends a tenth of the time on commits and process hand-offs, 256 holds
#: more in memory for no gain.
DEFAULT_BATCH_SIZE = 64
#: Chunks in flight per worker: enough to keep workers busy while the writer commits.
CHUNKS_IN_FLIGHT_PER_WORKER = 3
ANALYSES = ("entities", "quotes")


#: Repair warnings an ingest keeps for its report (a corpus of damaged files has many).
MAX_WARNINGS = 1000


@dataclass
class IngestStats:
    inputs: int = 0
    skipped: int = 0
    kept: int = 0
    copies: int = 0
    duplicates: int = 0
    rejected: int = 0
    seconds: float = 0.0
    run_id: int = 0
    failures: list[Rejection] = field(default_factory=list)
    #: (origin, warning) of inputs kept after a repair (bytes replaced), the first
    #: MAX_WARNINGS of them
    warnings: list[tuple[str, str]] = field(default_factory=list)

    def note_warnings(self, processed: Iterable[ProcessedInput]) -> None:
        for item in processed:
            for analysed in item.documents:
                for warning in analysed.doc.meta.get("warnings", ()):
                    if len(self.warnings) < MAX_WARNINGS:
                        self.warnings.append((analysed.doc.origin, str(warning)))

    @property
    def articles_per_second(self) -> float:
        return (self.kept + self.duplicates) / self.seconds if self.seconds else 0.0

    def counts(self) -> dict[str, int]:
        data = asdict(self)
        return {k: v for k, v in data.items() if isinstance(v, int) and k != "run_id"}


@dataclass(frozen=True)
class IngestOptions:
    fmt: str = "auto"
    workers: int | None = None
    batch_size: int = DEFAULT_BATCH_SIZE
    analyse: tuple[str, ...] | None = ANALYSES
    #: place articles in copy groups and stories as they are stored (else later, with
    #: ``marsad stories --rebuild``)
    stories: bool = True

    def worker_count(self) -> int:
        return self.workers if self.workers else (os.cpu_count() or 1)


def content_hash(text: str) -> str:
    """SHA-256 of the match key: the same article re-published with other diacritics,
    alef forms or spacing has the same hash."""
    return sha256_hex(match_key(text).encode("utf-8"))


def analyse_document(doc: Document, stories: bool = True) -> AnalysedDocument:
    """Index terms, content hash and story features (in the worker: the writer only places)."""
    title_terms, text_terms = analyze(doc.title or ""), analyze(doc.text)
    features = None
    if stories:
        features = compute_features(doc, default_idf(), title_terms, text_terms)
        features.to_bytes()  # packed here, in parallel; the writer stores the bytes
    return AnalysedDocument(
        doc, content_hash(doc.text), " ".join(title_terms), " ".join(text_terms), features
    )


@cache
def _pipeline(analyse: tuple[str, ...] | None) -> Pipeline | None:
    return build_pipeline(analyse) if analyse else None


def process_records(
    records: Sequence[RawRecord], analyse: tuple[str, ...] | None, stories: bool = True
) -> list[ProcessedInput]:
    """Extract, analyse and index-analyse a chunk (runs in a worker process)."""
    pipeline = _pipeline(analyse)
    out = []
    for record in records:
        try:
            docs = extract_record(record)
        except RejectedInput as exc:
            rejection = Rejection(exc.origin, exc.reason, exc.detail)
            out.append(ProcessedInput(record.sha256, record.origin, rejection=rejection))
            continue
        if pipeline is not None:
            try:
                docs = [pipeline(d) for d in docs]
            except StageError as exc:
                # Recorded as a failure but not as processed: a re-run retries the input.
                rejection = Rejection(record.origin, "internal_error", str(exc))
                out.append(ProcessedInput(None, record.origin, rejection=rejection))
                continue
        analysed = tuple(analyse_document(d, stories) for d in docs)
        out.append(ProcessedInput(record.sha256, record.origin, analysed))
    return out


def check_analyses(analyse: tuple[str, ...] | None) -> None:
    """Fail early, in the main process, when an analysis stage cannot be built."""
    try:
        _pipeline(analyse)
    except ModuleNotFoundError as exc:
        raise ConfigError(
            f"the analysis stages are not available ({exc}); ingest with --no-analysis"
        ) from exc


def ingest_paths(
    store: Store,
    paths: Sequence[str],
    options: IngestOptions = IngestOptions(),
    progress: Callable[[IngestStats], None] | None = None,
) -> IngestStats:
    """Ingest every input into ``store``; returns the counts of this run."""
    return ingest_records(store, read_inputs(paths, options.fmt), paths, options, progress)


def ingest_records(
    store: Store,
    records: Iterable[RawRecord | Rejection],
    label: Sequence[str],
    options: IngestOptions = IngestOptions(),
    progress: Callable[[IngestStats], None] | None = None,
) -> IngestStats:
    """Ingest records from any source (files, a feed poll); ``label`` names the run."""
    check_analyses(options.analyse)
    stats = IngestStats(run_id=store.begin_run(label))
    start = time.perf_counter()
    status = "interrupted"
    try:
        chunks = chunk_records(records, store.known_inputs(), stats, options)
        for processed in _run_chunks(chunks, options):
            result = store.write_batch(stats.run_id, processed, stories=options.stories)
            stats.kept += result.kept
            stats.copies += result.copies
            stats.duplicates += result.duplicates
            stats.rejected += result.rejected
            stats.skipped += result.skipped
            stats.failures.extend(p.rejection for p in processed if p.rejection is not None)
            stats.note_warnings(processed)
            stats.seconds = time.perf_counter() - start
            if progress is not None:
                progress(stats)
        status = "done"
    finally:
        stats.seconds = time.perf_counter() - start
        store.finish_run(stats.run_id, status, stats.counts())
    return stats


Chunk = tuple[list[RawRecord], list[ProcessedInput]]


def chunk_records(
    items: Iterable[RawRecord | Rejection],
    known: set[str],
    stats: IngestStats,
    options: IngestOptions,
) -> Iterator[Chunk]:
    """Records to process, in chunks, each with the reader's rejections met on the way."""
    records: list[RawRecord] = []
    rejected: list[ProcessedInput] = []
    for item in items:
        stats.inputs += 1
        if isinstance(item, Rejection):
            rejected.append(ProcessedInput(None, item.origin, rejection=item))
        elif item.sha256 in known:
            stats.skipped += 1
        else:
            known.add(item.sha256)  # the same record twice in one run is processed once
            records.append(item)
        if len(records) >= options.batch_size or len(rejected) >= options.batch_size:
            yield records, rejected
            records, rejected = [], []
    if records or rejected:
        yield records, rejected


def _run_chunks(chunks: Iterator[Chunk], options: IngestOptions) -> Iterator[list[ProcessedInput]]:
    workers = options.worker_count()
    if workers <= 1:
        for records, rejected in chunks:
            yield rejected + process_records(records, options.analyse, options.stories)
        return
    context = multiprocessing.get_context("spawn")
    pending: deque[tuple[Future[list[ProcessedInput]], list[ProcessedInput]]] = deque()
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        try:
            for records, rejected in chunks:
                future = pool.submit(process_records, records, options.analyse, options.stories)
                pending.append((future, rejected))
                while len(pending) >= workers * CHUNKS_IN_FLIGHT_PER_WORKER:
                    future, early = pending.popleft()
                    yield early + future.result()
            while pending:
                future, early = pending.popleft()
                yield early + future.result()
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise
