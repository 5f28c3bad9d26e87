"""The service layer: what the CLI, the HTTP API and the web app all call.

Functions here take plain values and return model objects; they never print and never
exit. Front ends translate :class:`~marsad.model.Rejection` and errors into their terms.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import marsad.formats  # noqa: F401  (registers every reader and extractor)
from marsad.errors import RejectedInput, StageError
from marsad.extract.documents import extract_record
from marsad.ingest.fetch import Fetcher
from marsad.ingest.readers import read_inputs
from marsad.model import Document, RawRecord, Rejection
from marsad.pipeline import Pipeline, build_pipeline

ExtractResult = Document | Rejection


def extract_records(
    records: Iterable[RawRecord | Rejection], pipeline: Pipeline | None = None
) -> Iterator[ExtractResult]:
    """Records → documents (analysed when a pipeline is given); rejections pass through."""
    for record in records:
        if isinstance(record, Rejection):
            yield record
            continue
        try:
            docs = extract_record(record)
        except RejectedInput as exc:
            yield Rejection(exc.origin, exc.reason, exc.detail)
            continue
        for doc in docs:
            if pipeline is None:
                yield doc
                continue
            try:
                yield pipeline(doc)
            except StageError as exc:
                yield Rejection(record.origin, "internal_error", str(exc))


def extract_paths(
    paths: Sequence[str],
    fmt: str = "auto",
    *,
    url: str | None = None,
    analyse: Iterable[str] | None = ("entities", "quotes"),
    fetch: bool = False,
    fetcher: Fetcher | None = None,
) -> Iterator[ExtractResult]:
    """Read, extract and analyse every input; stream documents and rejections.

    With ``fetch`` (or a ``fetcher``), each feed item's link is fetched and the page is
    extracted instead of the item's own text; nothing is fetched otherwise."""
    pipeline = build_pipeline(analyse) if analyse else None
    if fetch and fetcher is None:
        with Fetcher() as own:
            yield from extract_paths(paths, fmt, url=url, analyse=analyse, fetcher=own)
        return
    follow = fetcher.follow if fetcher is not None else None
    records = read_inputs(paths, fmt, follow_links=follow)
    if url is not None:
        records = (_with_url(r, url) for r in records)
    yield from extract_records(records, pipeline)


def extract_text(text: str, *, url: str | None = None, fmt: str = "text") -> list[Document]:
    """Convenience for the Python API: one page given as a string."""
    from marsad.model import sha256_hex

    data = text.encode("utf-8")
    record = RawRecord("<string>", fmt, sha256_hex(data), "utf-8", text, url=url)
    pipeline = build_pipeline()
    return [pipeline(d) for d in extract_record(record)]


def _with_url(record: RawRecord | Rejection, url: str) -> RawRecord | Rejection:
    if isinstance(record, Rejection) or record.url:
        return record
    from dataclasses import replace

    return replace(record, url=url)
