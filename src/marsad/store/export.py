"""Export the store: JSON Lines (``Document.to_json``), CSV or Parquet (flat columns)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import Any, TextIO

from marsad.errors import ConfigError
from marsad.store.base import Store

FORMATS = ("jsonl", "csv", "parquet")
#: Flat columns for CSV and Parquet; nested layers (sources, entities, quotes, meta) are
#: JSON strings in their own columns, so every row has the same schema.
FLAT_COLUMNS = (
    "store_id", "id", "role", "title", "published", "modified", "url", "lang", "text",
    "origin", "record_sha256", "position", "sources", "entities", "quotes", "provenance",
    "meta",
)  # fmt: skip
_NESTED = ("sources", "entities", "quotes", "provenance", "meta")


def flat_rows(store: Store, limit: int | None) -> Iterator[dict[str, Any]]:
    for store_id, doc in store.iter_documents(limit):
        data = doc.to_json()
        row = {"store_id": store_id, **data}
        for key in _NESTED:
            row[key] = json.dumps(data[key], ensure_ascii=False)
        yield row


def export_text(store: Store, fmt: str, out: TextIO, limit: int | None = None) -> int:
    """Write JSON Lines or CSV to ``out``; returns the number of articles."""
    count = 0
    if fmt == "jsonl":
        for _, doc in store.iter_documents(limit):
            out.write(json.dumps(doc.to_json(), ensure_ascii=False) + "\n")
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
        [
            (name, pa.int64() if name in ("store_id", "position") else pa.string())
            for name in FLAT_COLUMNS
        ]
    )
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), path)
    return len(rows)
