"""Shared fixtures: where ../shared is, and the seed page's expectations."""

from __future__ import annotations

import json
import os
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
