"""Republished copies: candidates from a band index, confirmed by exact similarity.

Candidates come from two kinds of posting keys, both in one :class:`BandIndex`:

* MinHash LSH bands of the whole text's shingles (Jaccard :data:`TEXT_LSH_JACCARD`);
* anchors: the text's :data:`ANCHORS` shingles with the smallest (mixed) hash values. A
  text republished inside a longer one (a trimmed copy, an item inside a roundup) has a
  low Jaccard with it but shares its smallest shingles with the longer text's smallest.

Every candidate is then confirmed by :class:`CopyRule` on the exact shingle sets. The
rule's numbers are business thresholds on the share of the shorter text found in the
longer one; ``docs/stories.md`` gives the calibration on the gold pairs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from marsad.errors import ConfigError
from marsad.stories.features import Features, days_apart
from marsad.stories.idf import IdfTable
from marsad.stories.minhash import LshParams, MinHasher, containment, jaccard
from marsad.stories.state import BandIndex, Entry, best_candidates, key64

#: Whole-text LSH threshold (Jaccard of 3-word shingles); datasketch derives 42 bands × 3
#: rows from it. 0.3 finds the edited and extended copies (43 of the 53 gold copy pairs;
#: their Jaccard goes down to 0.07, and the anchors find the rest) while unrelated articles
#: (Jaccard < 0.05) almost never collide.
TEXT_LSH_JACCARD = 0.3
#: Anchors per text. 24 find every gold copy pair, 16 miss one of 53: the shorter text's
#: anchors must rank among the longer one's, which can be 20 times longer.
ANCHORS = 24
#: A band or anchor shared by more articles than this is boilerplate ("رابط الخبر…", a
#: standing disclaimer) or a much-copied text; only its most recent holders are considered
#: (any member of a copy group leads to the group).
KEY_LIMIT = 50
#: Candidates confirmed per article, those sharing the most bands and anchors first: a copy
#: shares many, an article that only shares a boilerplate phrase one or two. Keeps the cost
#: per article flat as the store grows.
COPY_CANDIDATES = 20

#: Copies are published within this many days of each other; further apart, a shared
#: text is a recurring template (daily weather, a weekly market report) unless nearly
#: identical. 2 days: every gold copy pair is within 1.6 days (SaudiNewsNet crawl times),
#: while templates of other days are 1–30 days apart.
COPY_WINDOW_DAYS = 2.0
#: Jaccard above which two texts are copies at any distance in time.
NEAR_IDENTICAL_JACCARD = 0.8
#: Two outlets: at least this share of the shorter text's shingles is in the longer one…
CROSS_OUTLET_CONTAINMENT = 0.45
#: …and at least this share of its IDF-weighted vocabulary: a template with other names
#: and numbers (a congratulation cable to another country) shares its wording, not its facts.
CROSS_OUTLET_TERM_CONTAINMENT = 0.6
#: One outlet: its own updates and daily series reuse its wording, so a copy must share
#: more of the text, almost all of its facts, and at least half of the shorter text's
#: numbers (two releases of one template with new figures are not copies).
SAME_OUTLET_CONTAINMENT = 0.7
SAME_OUTLET_TERM_CONTAINMENT = 0.85
SAME_OUTLET_NUMBER_CONTAINMENT = 0.5
#: The shorter text needs this many shingles (about a dozen words): captions and
#: one-line items say too little to be called copies.
MIN_SHINGLES = 10


@dataclass(frozen=True)
class CopyRule:
    """When two articles are copies of one text (thresholds documented above)."""

    window_days: float = COPY_WINDOW_DAYS
    near_identical: float = NEAR_IDENTICAL_JACCARD
    cross_containment: float = CROSS_OUTLET_CONTAINMENT
    cross_terms: float = CROSS_OUTLET_TERM_CONTAINMENT
    same_containment: float = SAME_OUTLET_CONTAINMENT
    same_terms: float = SAME_OUTLET_TERM_CONTAINMENT
    same_numbers: float = SAME_OUTLET_NUMBER_CONTAINMENT
    min_shingles: int = MIN_SHINGLES

    def __post_init__(self) -> None:
        for name in (
            "near_identical",
            "cross_containment",
            "cross_terms",
            "same_containment",
            "same_terms",
            "same_numbers",
        ):
            value = getattr(self, name)
            if not 0.0 < value <= 1.0:
                raise ConfigError(f"CopyRule.{name} must be a share in (0, 1], not {value}")
        if self.window_days < 0:
            raise ConfigError(f"CopyRule.window_days must be >= 0, not {self.window_days}")
        if self.min_shingles < 1:
            raise ConfigError(f"CopyRule.min_shingles must be >= 1, not {self.min_shingles}")

    def is_copy(self, a: Features, b: Features, idf: IdfTable) -> bool:
        if min(len(a.shingles), len(b.shingles)) < self.min_shingles:
            return False
        apart = days_apart(a, b)
        if apart is not None and apart > self.window_days:
            return jaccard(a.shingles, b.shingles) >= self.near_identical
        same_outlet = bool(a.outlet) and a.outlet == b.outlet
        shared = containment(a.shingles, b.shingles)
        if shared < (self.same_containment if same_outlet else self.cross_containment):
            return False
        terms = term_containment(a.term_counts, b.term_counts, idf)
        if not same_outlet:
            return terms >= self.cross_terms
        return terms >= self.same_terms and number_containment(a, b) >= self.same_numbers


def number_containment(a: Features, b: Features) -> float:
    """Share of the shorter text's numbers found in the longer (1.0 when it has fewer than 2)."""
    if len(a.shingles) > len(b.shingles):
        a, b = b, a
    if len(a.numbers) < 2:
        return 1.0
    return len(a.numbers & b.numbers) / len(a.numbers)


def term_containment(a: Mapping[str, int], b: Mapping[str, int], idf: IdfTable) -> float:
    """IDF-weighted share of the smaller bag of terms found in the larger one."""
    if sum(a.values()) > sum(b.values()):
        a, b = b, a
    total = sum(idf.idf(t) * n for t, n in a.items())
    if not total:
        return 0.0
    found = sum(idf.idf(t) * min(n, b.get(t, 0)) for t, n in a.items())
    return found / total


class CopyFinder:
    """Posting keys for copy candidates, and the confirmation of candidates."""

    def __init__(
        self,
        idf: IdfTable,
        rule: CopyRule | None = None,
        lsh: LshParams | None = None,
        anchors: int = ANCHORS,
    ) -> None:
        if anchors < 1:
            raise ConfigError(f"anchors must be at least 1, not {anchors}")
        self.idf = idf
        self.rule = rule or CopyRule()
        self.hasher = MinHasher(lsh or LshParams.for_threshold(TEXT_LSH_JACCARD))
        self.anchors = anchors

    def keys(self, features: Features) -> CopyKeys:
        """The article's posting keys: LSH bands and anchors (none for a very short text)."""
        if len(features.shingles) < self.rule.min_shingles:
            return CopyKeys((), ())
        signature = self.hasher.signature(features.shingles)
        anchors = [key64("anchor", a) for a in anchors_of(features.shingles, self.anchors)]
        return CopyKeys(tuple(self.hasher.bands(signature, "text")), tuple(anchors))

    def candidates(self, index: BandIndex, keys: CopyKeys) -> list[int]:
        # Band and anchor keys are hashed with their kind, so they never collide: one
        # lookup counts both (one round trip to a database, not two).
        found = index.candidates(keys.all, limit_per_key=KEY_LIMIT)
        return best_candidates(found, COPY_CANDIDATES)

    def confirm(self, features: Features, entries: Iterable[Entry]) -> list[Entry]:
        """The candidates that are copies of the article, by ascending id."""
        found = [e for e in entries if self.rule.is_copy(features, e.features, self.idf)]
        return sorted(found, key=lambda e: e.article_id)


@dataclass(frozen=True)
class CopyKeys:
    bands: tuple[int, ...]
    anchors: tuple[int, ...]

    @property
    def all(self) -> tuple[int, ...]:
        return self.bands + self.anchors


def anchors_of(shingle_set: np.ndarray, k: int) -> list[int]:
    """The ``k`` shingles with the smallest mixed hash (a bottom-k sketch, fixed mixing)."""
    mixed = (shingle_set.astype(np.uint64) * np.uint64(_MIX)) & np.uint64(0xFFFFFFFF)
    return sorted(int(v) for v in shingle_set[np.argsort(mixed, kind="stable")[:k]])


#: Knuth's multiplicative constant: reorders CRC-32 values so that the smallest ones do not
#: follow CRC's linear structure.
_MIX = 0x9E3779B1
