"""Inverse document frequencies of analyser terms, from a fixed table shipped with Marsad.

The table (``data/stories/idf.tsv.gz``, built by ``scripts/build_story_idf.py`` from the
ANT and SaudiNewsNet news corpora) is fixed rather than updated at ingest: an article's
term weights then never depend on what was ingested before it, and the store keeps no
counts. Terms absent from the table (seen in fewer than 3 of the 72,716 articles) are
treated as seen once: rare names are the most telling words of a story.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Mapping
from functools import cache
from importlib import resources

from marsad.errors import ConfigError, ModelError

_RESOURCE = "data/stories/idf.tsv.gz"


class IdfTable:
    """``idf(term) = ln(docs / df)``, with df = 1 for terms the table does not list."""

    def __init__(self, df: Mapping[str, int], docs: int) -> None:
        if docs < 1:
            raise ConfigError(f"an IDF table needs a positive document count, not {docs}")
        bad = [t for t, n in df.items() if not 1 <= n <= docs]
        if bad:
            raise ConfigError(f"document frequencies must be in 1..{docs}; bad terms: {bad[:3]}")
        self.docs = docs
        self._idf = {t: math.log(docs / n) for t, n in df.items()}
        self._unseen = math.log(docs)

    def idf(self, term: str) -> float:
        return self._idf.get(term, self._unseen)

    def weights(self, counts: Mapping[str, int]) -> dict[str, float]:
        """Sublinear TF-IDF weight ``(1 + ln tf) * idf`` of every term of a bag."""
        get, unseen, log = self._idf.get, self._unseen, math.log
        return {t: (1.0 + log(n)) * get(t, unseen) for t, n in counts.items()}

    def __len__(self) -> int:
        return len(self._idf)


@cache
def default_idf() -> IdfTable:
    """The shipped table, read once per process."""
    try:
        raw = resources.files("marsad").joinpath(_RESOURCE).read_bytes()
    except FileNotFoundError as exc:
        raise ModelError(f"the story IDF table {_RESOURCE} is missing; reinstall marsad") from exc
    lines = gzip.decompress(raw).decode("utf-8").splitlines()
    if not lines or not lines[0].startswith("#docs "):
        raise ModelError(f"{_RESOURCE} does not start with a '#docs N' line; rebuild it")
    docs = int(lines[0].split()[1])
    df = {}
    for line in lines[1:]:
        term, _, count = line.partition("\t")
        df[term] = int(count)
    return IdfTable(df, docs)
