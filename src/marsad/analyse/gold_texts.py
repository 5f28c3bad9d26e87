"""Texts of the gold sets: read from the shared corpora by article id, never stored.

A gold line (quotes, entities) names an article by ``corpus``, ``article_id`` and
``text_field`` and keeps the sha256 of the display text it was annotated against. Texts
are read from the shared data folder at evaluation time: ``$MARSAD_SHARED`` when set, else
``<repo>/../shared``. :func:`compare_key` is the seed README's comparison form of names.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from marsad.errors import ConfigError, InputError
from marsad.text.normalize import display_text, fold_letters

#: Corpus name -> file under ``<shared>/data/news``.
CORPORA: dict[str, str] = {
    "aljazeera_2026": "aljazeera_2026.jsonl.gz",
    "ant_multisource": "ant_multisource.jsonl.gz",
    "saudinewsnet": "saudinewsnet.jsonl.gz",
    "ant_jawharafm": "ant_jawharafm.jsonl.gz",
}


def shared_dir() -> Path:
    """The shared data folder: ``$MARSAD_SHARED``, else the repository's ``../shared``."""
    env = os.environ.get("MARSAD_SHARED")
    if env:
        return Path(env)
    repo_root = Path(__file__).resolve().parents[3]
    return repo_root.parent / "shared"


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def compare_key(text: str) -> str:
    """The seed README comparison form: folded letters, one space."""
    return re.sub(r"\s+", " ", fold_letters(text)).strip()


def load_texts(
    corpus: str, ids: Iterable[str], text_field: str, shared: Path | None = None
) -> dict[str, str]:
    """Display texts of the articles ``ids`` in ``corpus`` (one pass over the file)."""
    if corpus not in CORPORA:
        raise ConfigError(f"unknown corpus {corpus!r}; expected one of {sorted(CORPORA)}")
    path = (shared or shared_dir()) / "data" / "news" / CORPORA[corpus]
    if not path.exists():
        raise ConfigError(f"{path} not found; set MARSAD_SHARED to the shared data folder")
    wanted = set(ids)
    found: dict[str, str] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            record = json.loads(line)
            key = str(record.get("id"))
            if key in wanted:
                found[key] = display_text(str(record.get(text_field) or ""))
                if len(found) == len(wanted):
                    break
    missing = wanted - set(found)
    if missing:
        raise InputError(f"{corpus}: articles not found: {sorted(missing)}")
    return found


#: What every gold article line (entities, quotes) holds besides its labels.
GOLD_KEYS = ("corpus", "article_id", "text_field", "text_sha256")


def read_gold_rows(path: Path, labels: str) -> list[dict[str, Any]]:
    """The JSON lines of a gold file of articles; a line that is not one (bad JSON, a
    missing key, no ``labels`` list) stops with its line number."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read the gold file {path}: {exc}") from exc
    rows = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            raise ConfigError(f"{path}:{number}: not a JSON line ({exc})") from exc
        missing = [k for k in (*GOLD_KEYS, labels) if not isinstance(row, dict) or k not in row]
        if missing:
            raise ConfigError(
                f"{path}:{number}: not a gold article line (missing {', '.join(missing)})"
            )
        rows.append(row)
    return rows


def checked_texts(
    rows: Iterable[Mapping[str, Any]], shared: Path | None = None, hint: str = ""
) -> list[str]:
    """The text of each gold row, in order, checked against its ``text_sha256``."""
    rows = list(rows)
    groups: dict[tuple[str, str], list[str]] = {}
    for row in rows:
        groups.setdefault((row["corpus"], row["text_field"]), []).append(str(row["article_id"]))
    texts: dict[tuple[str, str], str] = {}
    for (corpus, text_field), ids in groups.items():
        for key, text in load_texts(corpus, ids, text_field, shared).items():
            texts[(corpus, key)] = text
    out = []
    for row in rows:
        text = texts[(row["corpus"], str(row["article_id"]))]
        if sha256_text(text) != row["text_sha256"]:
            raise InputError(
                f"{row['corpus']}#{row['article_id']}: the text changed since it was annotated "
                f"(sha256 differs){hint}"
            )
        out.append(text)
    return out
