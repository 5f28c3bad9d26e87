"""``POST /api/ingest``: the request body through the ingest service into the store.

The body is read with a byte limit (a client that lies about Content-Length, or sends a
chunked body, is cut off at the limit), written to a private temporary file and ingested
by :func:`marsad.ingest_service.ingest_paths` in this process, like one file given to
``marsad ingest``: the same readers, format detection, pipeline, duplicates and run record.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fastapi import FastAPI, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse

from marsad import ingest_service
from marsad.model import sha256_hex
from marsad.store.base import Store


def body_too_large(limit: int) -> str:
    return f"the request body is over the limit of {limit:,} bytes; send it in smaller parts"


async def read_body(request: Request, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPException(413, body_too_large(limit))
        chunks.append(chunk)
    body = b"".join(chunks)
    if not body:
        raise HTTPException(400, "the request body is empty: send a page, a feed, a WARC or JSONL")
    return body


async def ingest_body(app: FastAPI, body: bytes, fmt: str) -> JSONResponse:
    def run() -> JSONResponse:
        with app.state.pool.writer() as store:
            if store is None:
                raise HTTPException(409, "another ingest is running; retry when it is done")
            return JSONResponse(ingest_bytes(store, body, fmt, app.state.analyse))

    return await run_in_threadpool(run)


def ingest_bytes(
    store: Store, body: bytes, fmt: str, analyse: tuple[str, ...] | None
) -> dict[str, object]:
    """Ingest one body as one input; returns the run's counts and rejections."""
    options = ingest_service.IngestOptions(fmt=fmt, workers=1, analyse=analyse)
    with tempfile.TemporaryDirectory(prefix="marsad-api-") as tmp:
        path = Path(tmp) / f"api-{sha256_hex(body)[:16]}"
        path.write_bytes(body)
        stats = ingest_service.ingest_paths(store, [str(path)], options)
    return {
        "run": stats.run_id,
        **stats.counts(),
        "seconds": round(stats.seconds, 3),
        "failures": [f.to_json() for f in stats.failures],
    }
