"""A PostgreSQL server for the tests: $MARSAD_TEST_PG, or a throwaway cluster.

Each store gets its own schema in the server's database (``search_path`` set in the URL),
which is far quicker than a database per test; pg_trgm is installed once in ``public``.
"""

from __future__ import annotations

import itertools
import os
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import psycopg

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "pg_test_cluster.sh"
_SCHEMAS = itertools.count(1)


@contextmanager
def server(url: str | None) -> Iterator[str]:
    """``url`` as it is, or (None) a cluster started for the session and removed after."""
    if url:
        prepare(url)
        yield url
        return
    folder = tempfile.mkdtemp(prefix="marsad-pg-")
    os.chmod(folder, 0o755)  # the postgres user runs the server (initdb refuses root)
    cluster = str(Path(folder) / "cluster")
    try:
        started = subprocess.run(
            ["bash", str(SCRIPT), "start", cluster], check=True, capture_output=True, text=True
        )
        url = started.stdout.strip().splitlines()[-1]
        prepare(url)
        yield url
    finally:
        subprocess.run(["bash", str(SCRIPT), "stop", cluster], check=False)
        os.rmdir(folder)


def prepare(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public")


def new_store_url(url: str, label: str = "t") -> str:
    """The URL of a new, empty schema of the server."""
    schema = f"{label}_{os.getpid()}_{next(_SCHEMAS)}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    joiner = "&" if "?" in url else "?"
    return f"{url}{joiner}options={quote(f'-c search_path={schema},public')}"
