"""Near-duplicate fingerprints: word shingles of the match key, MinHash, LSH bands.

The user states the business threshold as a Jaccard similarity; datasketch derives the
number of bands and rows from it (:class:`LshParams`). Every result is deterministic: the
shingle hash is CRC-32 and the MinHash permutations come from a fixed seed.

A band is one signed 64-bit integer (the index's name, the band's number and its rows,
hashed), so bands of several signatures share one posting table
(:class:`marsad.stories.state.BandIndex`).
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np

from marsad.errors import ConfigError
from marsad.text.normalize import match_key

#: Words per shingle. Three is the usual size for news near-duplicates: two-word shingles
#: are shared by unrelated articles on one topic (Jaccard 0.05–0.10 between independent
#: reports of one event in SaudiNewsNet), four-word ones turn every light edit of a wire
#: story (a changed date word, a dropped honorific) into four lost shingles.
SHINGLE_WORDS = 3
#: MinHash permutations. 128 estimates a Jaccard of 0.5 within ±0.09 (two standard errors);
#: the estimate only selects candidates, an exact similarity confirms every link.
NUM_PERM = 128
#: datasketch's permutation seed: fixed, so signatures and bands are the same in every run.
SEED = 1
#: (false-positive weight, false-negative weight) for datasketch's choice of bands and rows.
#: A missed candidate is a missed copy, an extra one costs one exact comparison: weigh
#: misses three times more.
LSH_WEIGHTS = (0.25, 0.75)

_WORD_RE = re.compile(r"\w+")
_SIGNATURE_DTYPE = np.uint32


def match_words(text: str) -> list[str]:
    """The words (and numbers) of the text's match key."""
    return _WORD_RE.findall(match_key(text))


def shingles(words: Sequence[str], size: int = SHINGLE_WORDS) -> np.ndarray:
    """Sorted unique 32-bit hashes of the ``size``-word shingles (one for a shorter text).

    Each word is hashed once (CRC-32); a shingle's hash combines its words' hashes with
    fixed odd multipliers, so shingling is a few vectorised operations per text."""
    if not words:
        return np.zeros(0, dtype=_SIGNATURE_DTYPE)
    hashed = np.fromiter(
        (zlib.crc32(w.encode("utf-8")) for w in words), dtype=np.uint64, count=len(words)
    )
    count = max(len(words) - size + 1, 1)
    combined = np.zeros(count, dtype=np.uint64)
    for offset, multiplier in enumerate(_SHINGLE_MULTIPLIERS[:size]):
        part = hashed[offset : offset + count]
        combined[: len(part)] += part * np.uint64(multiplier)
    mixed = _fmix64(combined) & np.uint64(0xFFFFFFFF)
    return np.unique(mixed.astype(_SIGNATURE_DTYPE))


#: Odd multipliers that make a shingle's hash depend on word order.
_SHINGLE_MULTIPLIERS = (
    0x9E3779B97F4A7C15,
    0xC2B2AE3D27D4EB4F,
    0x165667B19E3779F9,
    0x27D4EB2F165667C5,
)


def _fmix64(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 64-bit finaliser on an array (wrapping arithmetic)."""
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xFF51AFD7ED558CCD)
    values = values ^ (values >> np.uint64(33))
    values = values * np.uint64(0xC4CEB9FE1A85EC53)
    return values ^ (values >> np.uint64(33))


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """Exact Jaccard similarity of two shingle sets (sorted unique arrays)."""
    inter = _intersection(a, b)
    union = len(a) + len(b) - inter
    return inter / union if union else 0.0


def containment(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the smaller set found in the larger: 1.0 for a trimmed copy."""
    small = min(len(a), len(b))
    return _intersection(a, b) / small if small else 0.0


def _intersection(a: np.ndarray, b: np.ndarray) -> int:
    return int(np.intersect1d(a, b, assume_unique=True).size)


@dataclass(frozen=True)
class LshParams:
    """A Jaccard threshold and the bands × rows that datasketch derives for it."""

    threshold: float
    num_perm: int
    bands: int
    rows: int

    @classmethod
    def for_threshold(
        cls,
        threshold: float,
        num_perm: int = NUM_PERM,
        weights: tuple[float, float] = LSH_WEIGHTS,
    ) -> LshParams:
        if not 0.0 < threshold < 1.0:
            raise ConfigError(
                f"LSH threshold must be a Jaccard similarity in (0, 1), not {threshold}"
            )
        if num_perm < 2:
            raise ConfigError(f"num_perm must be at least 2, not {num_perm}")
        if len(weights) != 2 or min(weights) < 0 or abs(sum(weights) - 1.0) > 1e-9:
            raise ConfigError(
                f"LSH weights must be two non-negative numbers summing to 1, not {weights}"
            )
        bands, rows = _derive(threshold, num_perm, weights)
        return cls(threshold, num_perm, bands, rows)


@cache
def _derive(threshold: float, num_perm: int, weights: tuple[float, float]) -> tuple[int, int]:
    """datasketch's optimal (bands, rows): minimises weighted false positives and negatives."""
    from datasketch import MinHashLSH  # here: datasketch imports scipy (0.3 s), and opening
    # a store imports this module without hashing anything

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm, weights=weights)
    return int(lsh.b), int(lsh.r)


class MinHasher:
    """Signatures and LSH bands for shingle sets, for one :class:`LshParams`."""

    def __init__(self, params: LshParams, seed: int = SEED) -> None:
        if seed < 0:
            raise ConfigError(f"MinHash seed must be a non-negative integer, not {seed}")
        from datasketch import MinHash  # imported when first needed (see _derive)

        self.params = params
        self.seed = seed
        self._minhash = MinHash
        self._permutations = MinHash(num_perm=params.num_perm, seed=seed).permutations
        rng = np.random.RandomState(seed)
        self._row_multipliers = (
            rng.randint(1, 2**62, size=params.rows, dtype=np.int64).astype(np.uint64) * 2 + 1
        )

    def signature(self, shingle_set: np.ndarray) -> np.ndarray:
        """The MinHash signature (``num_perm`` uint32 values) of a shingle set."""
        mh = self._minhash(
            num_perm=self.params.num_perm,
            seed=self.seed,
            hashfunc=_identity,
            permutations=self._permutations,
            scheme="affine32",
        )
        mh.update_batch(shingle_set.tolist())
        return np.asarray(mh.hashvalues, dtype=_SIGNATURE_DTYPE)

    def bands(self, signature: np.ndarray, name: str) -> list[int]:
        """One signed 64-bit key per band; ``name`` keeps several signatures apart."""
        bands, rows = self.params.bands, self.params.rows
        matrix = signature[: bands * rows].astype(np.uint64).reshape(bands, rows)
        keys = (matrix * self._row_multipliers).sum(axis=1, dtype=np.uint64)
        keys = keys + np.arange(bands, dtype=np.uint64) * np.uint64(_BAND_STEP)
        keys = _fmix64(keys ^ np.uint64(_name_hash(name)))
        return [int(k) for k in keys.view(np.int64)]


#: Spreads band numbers apart before mixing.
_BAND_STEP = 0x9E3779B97F4A7C15


@cache
def _name_hash(name: str) -> int:
    return int.from_bytes(hashlib.blake2b(name.encode("utf-8"), digest_size=8).digest(), "little")


def _identity(value: int) -> int:
    """Shingles are already 32-bit hashes: datasketch only has to permute them."""
    return value
