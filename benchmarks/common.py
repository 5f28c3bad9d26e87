"""Helpers shared by the benchmark scripts: data location, samples, timing, memory."""

from __future__ import annotations

import gzip
import itertools
import json
import os
import resource
import statistics
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def shared_dir() -> Path:
    env = os.environ.get("MARSAD_SHARED")
    return Path(env) if env else REPO.parent / "shared"


def read_jsonl_gz(name: str, limit: int | None = None) -> Iterator[dict[str, Any]]:
    with gzip.open(shared_dir() / "data" / "news" / name, "rt", encoding="utf-8") as fh:
        for line in itertools.islice(fh, limit):
            yield json.loads(line)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def percentiles(samples_ms: list[float]) -> dict[str, float]:
    if not samples_ms:
        return {"p50": 0.0, "p95": 0.0, "p99": 0.0}
    qs = (
        statistics.quantiles(samples_ms, n=100, method="inclusive")
        if len(samples_ms) > 1
        else [samples_ms[0]] * 99
    )
    return {"p50": qs[49], "p95": qs[94], "p99": qs[98]}


def timed(func: Callable[[], Any]) -> tuple[Any, float]:
    start = time.perf_counter()
    result = func()
    return result, (time.perf_counter() - start) * 1000


def report_cpu(title: str, count: int, cpu_seconds: float, unit: str = "articles") -> None:
    """Throughput per CPU-second of this process: what one core does, whatever the load."""
    print(f"{title}: {count / cpu_seconds:,.0f} {unit} per CPU-second ({cpu_seconds:.2f} CPU-s)")


def report(
    title: str, count: int, seconds: float, latencies_ms: list[float], unit: str = "articles"
) -> None:
    line = f"{title}: {count} {unit} in {seconds:.2f} s = {count / seconds:,.0f} {unit}/s; "
    if latencies_ms:
        p = percentiles(latencies_ms)
        line += f"latency p50 {p['p50']:.2f} ms, p95 {p['p95']:.2f} ms, p99 {p['p99']:.2f} ms; "
    print(line + f"peak RSS {peak_rss_mb():.0f} MB")


def news_inputs(limit: int | None, folder: Path) -> list[str]:
    """Every corpus of ../shared/data/news; with ``limit``, its first N records written to
    a JSON Lines file in ``folder`` (for quick runs)."""
    corpora = sorted((shared_dir() / "data" / "news").glob("*.jsonl.gz"))
    if limit is None:
        return [str(p) for p in corpora]
    out = []
    for path in corpora:
        target = folder / path.name.replace(".gz", "")
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            target.write_text("".join(itertools.islice(fh, limit)), "utf-8")
        out.append(str(target))
    return out
