"""Shared fixtures: where ../shared is, and the seed page's expectations."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent


def shared_path() -> Path:
    """The shared data folder: $MARSAD_SHARED, else ../shared beside the checkout."""
    env = os.environ.get("MARSAD_SHARED")
    return Path(env) if env else REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    path = shared_path()
    if not (path / "seed").is_dir():
        pytest.fail(f"shared data not found at {path}; set MARSAD_SHARED")
    return path


@pytest.fixture(scope="session")
def seed_page(shared_dir: Path) -> Path:
    return shared_dir / "seed" / "000_df90e072d6e6857f.txt"


@pytest.fixture(scope="session")
def seed_expected(shared_dir: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((shared_dir / "seed" / "expected.json").read_text("utf-8"))
    return data


# -- store backends ------------------------------------------------------------------------
# Store, search and ingest tests take a ``backend`` (or ``store_url``) fixture and run once
# per backend: SQLite always; PostgreSQL when $MARSAD_TEST_PG names a server (.ci/run starts
# one) or with --backend postgres (the tests then start a throwaway cluster themselves).
BACKENDS = ("sqlite", "postgres")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--backend",
        action="append",
        choices=BACKENDS,
        help="store backend to test (repeatable); default: sqlite, and postgres when "
        "$MARSAD_TEST_PG is set",
    )


def enabled_backends(config: pytest.Config) -> list[str]:
    chosen = config.getoption("--backend")
    if chosen:
        return [b for b in BACKENDS if b in chosen]
    return list(BACKENDS) if os.environ.get("MARSAD_TEST_PG") else ["sqlite"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", enabled_backends(metafunc.config), scope="module")


@pytest.fixture(scope="session")
def new_store() -> Iterator[Callable[[str, Path], str]]:
    """``new_store(backend, folder)`` → where a new, empty store lives (a path or a URL).

    The PostgreSQL server is reached (or started) on the first PostgreSQL store only."""
    import pg

    servers: list[str] = []
    with contextlib.ExitStack() as stack:

        def make(backend: str, folder: Path) -> str:
            if backend == "sqlite":
                return str(folder / f"m{next(_STORES)}.db")
            if not servers:
                servers.append(stack.enter_context(pg.server(os.environ.get("MARSAD_TEST_PG"))))
            return pg.new_store_url(servers[0])

        yield make


_STORES = itertools.count(1)


@pytest.fixture
def store_url(backend: str, new_store: Callable[[str, Path], str], tmp_path: Path) -> str:
    return new_store(backend, tmp_path)
