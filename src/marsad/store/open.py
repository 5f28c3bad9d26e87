"""Choose the backend from where the store is: a ``postgresql://`` URL or a SQLite file."""

from __future__ import annotations

from marsad.store.base import Store

POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(location: str) -> bool:
    return location.startswith(POSTGRES_SCHEMES)


def open_store(location: str, *, must_exist: bool = False) -> Store:
    """PostgreSQL for ``postgresql://…`` (or ``postgres://…``), else a SQLite file path.

    ``must_exist`` refuses to create a store (readers say: run ``marsad ingest`` first)."""
    if is_postgres_url(location):
        from marsad.store.postgres import PostgresStore

        return PostgresStore(location, readonly=must_exist)
    from marsad.store.sqlite import SQLiteStore

    return SQLiteStore(location, readonly=must_exist)
