"""Export the store: JSON Lines (``Document.to_json``), CSV or Parquet (flat columns).

Every row also carries the article's store id (``store_id``), the store id of the
earliest copy of its text (``duplicate_of``, null for an original) and its ``story`` (the
store id of the article that opened the story; null before ``marsad stories --rebuild``
for articles stored before stories existed)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, TextIO

from marsad.errors import ConfigError
from marsad.model import Document
from marsad.store.base import Store

FORMATS = ("jsonl", "csv", "parquet")
#: Flat columns for CSV and Parquet; nested layers (sources, entities, quotes, meta) are
#: JSON strings in their own columns, so every row has the same schema.
FLAT_COLUMNS = (
    "store_id", "duplicate_of", "story", "id", "role", "title", "published", "modified", "url", "lang", "text",
    "origin", "record_sha256", "position", "sources", "entities", "quotes", "provenance",
    "meta",
)  # fmt: skip
_INTEGERS = ("store_id", "duplicate_of", "story", "position")
_NESTED = ("sources", "entities", "quotes", "provenance", "meta")


#: Articles whose story links are read in one query.
_LINK_PAGE = 500


def linked_rows(store: Store, limit: int | None) -> Iterator[dict[str, Any]]:
    """``Document.to_json`` of every article, with its store id and story links first."""
    page: list[tuple[int, Document]] = []

    def flush() -> Iterator[dict[str, Any]]:
        links = store.story_links([i for i, _ in page])
        for store_id, doc in page:
            duplicate_of, story = links.get(store_id, (None, None))
            yield {
                "store_id": store_id,
                "duplicate_of": duplicate_of,
                "story": story,
                **doc.to_json(),
            }
        page.clear()

    for item in store.iter_documents(limit):
        page.append(item)
        if len(page) >= _LINK_PAGE:
            yield from flush()
    yield from flush()


def flat_rows(store: Store, limit: int | None) -> Iterator[dict[str, Any]]:
    for row in linked_rows(store, limit):
        for key in _NESTED:
            row[key] = json.dumps(row[key], ensure_ascii=False)
        yield row


def export_text(store: Store, fmt: str, out: TextIO, limit: int | None = None) -> int:
    """Write JSON Lines or CSV to ``out``; returns the number of articles."""
    count = 0
    if fmt == "jsonl":
        for row in linked_rows(store, limit):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    elif fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=FLAT_COLUMNS)
        writer.writeheader()
        for row in flat_rows(store, limit):
            writer.writerow(row)
            count += 1
    else:
        raise ConfigError(f"format {fmt!r} is not text; choose one of {', '.join(FORMATS)}")
    return count


def export_parquet(store: Store, path: str, limit: int | None = None) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ModuleNotFoundError as exc:  # pragma: no cover - pyarrow is a dependency
        raise ConfigError("Parquet export needs pyarrow: pip install pyarrow") from exc
    rows = list(flat_rows(store, limit))
    schema = pa.schema(
        [(name, pa.int64() if name in _INTEGERS else pa.string()) for name in FLAT_COLUMNS]
    )
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return len(rows)
