"""The word lexicon learned from unlabeled news: counts, word classes, embedding signs.

Built by ``scripts/build_clusters.py``. A header line ``#word count c64 … emb`` names the
tab-separated columns; then one line per folded word form: its corpus count, its class at
each k-means granularity (``c<k>`` columns), and its binarised embedding (``emb``: the
dimensions far above or below zero, as ``3+,17-``).
"""

from __future__ import annotations

import gzip
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.errors import ModelError
from marsad.text.normalize import fold_letters

_DIGITS_RE = re.compile(r"\d")


def lexicon_form(token: str) -> str:
    """The look-up form of a token: folded letters, lower case, every digit as 0."""
    return _DIGITS_RE.sub("0", fold_letters(token).casefold())


@dataclass(frozen=True)
class Lexicon:
    """Rows kept as read (``word`` → the rest of its line) and parsed on look-up: the
    feature extractor caches per word type, and loading stays fast (about 0.1 s)."""

    rows: dict[str, list[str] | str]
    class_columns: tuple[int, ...]
    sign_column: int

    def _cells(self, form: str) -> list[str] | None:
        row = self.rows.get(form)
        if isinstance(row, str):
            row = self.rows[form] = row.split("\t")
        return row

    def count(self, form: str) -> int:
        cells = self._cells(form)
        return int(cells[0]) if cells else 0

    def classes(self, form: str) -> tuple[str, ...]:
        cells = self._cells(form)
        return tuple(cells[k] for k in self.class_columns if k < len(cells)) if cells else ()

    def signs(self, form: str) -> list[str]:
        """The binarised embedding of a form (``["3+", "17-"]``), empty when unknown."""
        cells = self._cells(form)
        if not cells or self.sign_column < 0 or self.sign_column >= len(cells):
            return []
        return cells[self.sign_column].split(",") if cells[self.sign_column] else []


def parse_lexicon(lines: list[str]) -> Lexicon:
    """A lexicon from its lines; columns are counted after the word (count is column 0)."""
    header = lines[0].lstrip("#").split("\t")[1:] if lines and lines[0].startswith("#") else []
    if not header:
        width = len(lines[0].split("\t")) - 1 if lines else 1
        header = ["count", *(f"c{k}" for k in range(1, width))]
    class_columns = tuple(
        k for k, name in enumerate(header) if name[:1] == "c" and name[1:].isdigit()
    )
    sign_column = header.index("emb") if "emb" in header else -1
    rows: dict[str, list[str] | str] = {}
    for line in lines:
        if line.startswith("#"):
            continue
        word, _, rest = line.rstrip("\n").partition("\t")
        if rest:
            rows[word] = rest
    return Lexicon(rows, class_columns, sign_column)


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shipped lexicon (read once per process)."""
    path = resources.files("marsad") / "data" / "ner" / "lexicon.tsv.gz"
    try:
        with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
            return parse_lexicon(handle.read().splitlines())
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot read the NER lexicon {path}: {exc}; reinstall marsad") from exc
