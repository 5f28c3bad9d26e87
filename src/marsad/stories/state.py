"""Where the story stages keep what they know between articles.

Two small interfaces, each with an in-memory implementation here (tests, evaluation,
benchmarks); the SQLite store implements the same methods over its own tables so that
the index survives restarts and grows one article at a time:

* :class:`BandIndex` — postings ``key → article ids``. One index holds every kind of key
  (LSH bands of the text and the lead, sentence hashes, term-day keys): each key is a
  signed 64-bit integer with its kind hashed in, so a store needs one
  ``(key, article_id)`` table with an index on ``key``.
* :class:`ArticleBook` — per article: its :class:`~marsad.stories.features.Features`, its
  ``duplicate_of`` (the earliest copy, or None) and its ``story`` id.
"""

from __future__ import annotations

import hashlib
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol

from marsad.stories.features import Features


class BandIndex(Protocol):
    """Postings from 64-bit keys to article ids."""

    def add(self, article_id: int, bands: Sequence[int]) -> None:
        """Record that the article has these keys."""

    def candidates(self, bands: Sequence[int], limit_per_key: int | None = None) -> dict[int, int]:
        """Articles with at least one of the keys, and how many of the keys each has;
        ``limit_per_key`` keeps, per key, only the most recently added articles (it bounds
        the cost of very common keys). In SQL: ``SELECT article_id, COUNT(*) … WHERE key
        IN (…) GROUP BY article_id``."""


@dataclass(frozen=True)
class Entry:
    """What the book holds for one article."""

    article_id: int
    features: Features
    duplicate_of: int | None
    story: int


class ArticleBook(Protocol):
    """Per-article story state, read and written one article at a time."""

    def get(self, ids: Iterable[int]) -> dict[int, Entry]:
        """The entries of the ids that are in the book."""

    def put(self, entry: Entry) -> None:
        """Add an article, or replace its entry."""

    def link(self, article_id: int, duplicate_of: int | None, story: int) -> None:
        """Change a stored article's ``duplicate_of`` and ``story`` (not its features)."""

    def members(self, root: int) -> list[int]:
        """Articles whose ``duplicate_of`` is ``root`` (not ``root`` itself), ascending."""

    def story_members(self, story: int) -> list[int]:
        """Articles of a story, ascending."""


#: Decoded features kept by a store's book. Decoding a stored entry (zlib + JSON) was
#: two thirds of the SQLite engine's time; the candidates of an article are mostly the
#: recent articles, so 8,192 entries (about 40 MB on SaudiNewsNet) serve most reads:
#: measured on the first 3,000 SaudiNewsNet articles (benchmarks/RESULTS.md).
FEATURE_CACHE_SIZE = 8192


class FeatureCache:
    """Least-recently-used decoded :class:`Features` by article id, shared by a store's
    books across batches. A store clears it when a transaction rolls back (ids may then
    be given again to other articles)."""

    def __init__(self, size: int = FEATURE_CACHE_SIZE) -> None:
        self.size = size
        self._items: OrderedDict[int, Features] = OrderedDict()

    def get(self, article_id: int) -> Features | None:
        found = self._items.get(article_id)
        if found is not None:
            self._items.move_to_end(article_id)
        return found

    def put(self, article_id: int, features: Features) -> None:
        self._items[article_id] = features
        self._items.move_to_end(article_id)
        if len(self._items) > self.size:
            self._items.popitem(last=False)

    def decode(self, article_id: int, blob: bytes) -> Features:
        found = self.get(article_id)
        if found is None:
            found = Features.from_bytes(blob)
            self.put(article_id, found)
        return found

    def clear(self) -> None:
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


def row(entry: Entry) -> tuple[int, int | None, int, str | None, bytes]:
    """A book entry as the store's ``story_articles`` row: ``seen`` (the article's time,
    ISO-8601 UTC) is kept beside the features so that story lists need not decode them
    (the outlet is ``articles.outlet``)."""
    when = entry.features.when
    seen = when.isoformat(timespec="seconds") if when else None
    return (
        entry.article_id,
        entry.duplicate_of,
        entry.story,
        seen,
        entry.features.to_bytes(),
    )


def best_candidates(found: dict[int, int], limit: int, min_shared: int = 1) -> list[int]:
    """The ``limit`` candidates sharing the most keys (at least ``min_shared``), most
    recent (highest id) first among equals: bounds the work per article."""
    ranked = sorted((k for k in found.items() if k[1] >= min_shared), key=lambda k: (-k[1], -k[0]))
    return [article_id for article_id, _ in ranked[:limit]]


def key64(kind: str, *parts: object) -> int:
    """A signed 64-bit posting key for a kind of key and its parts (deterministic)."""
    text = "\x1f".join([kind, *map(str, parts)]).encode("utf-8")
    return int.from_bytes(hashlib.blake2b(text, digest_size=8).digest(), "little", signed=True)


def combine64(key: int, number: int) -> int:
    """A key for (key, number) without hashing text: splitmix64 of their combination.

    Used for term-day keys, where one term's key is combined with every day of a window."""
    z = (key + (number + 1) * 0x9E3779B97F4A7C15) & _MASK64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK64
    z ^= z >> 31
    return z - (1 << 64) if z >= 1 << 63 else z


_MASK64 = (1 << 64) - 1


class MemoryBandIndex:
    """A :class:`BandIndex` in a dictionary."""

    def __init__(self) -> None:
        self._postings: defaultdict[int, list[int]] = defaultdict(list)

    def add(self, article_id: int, bands: Sequence[int]) -> None:
        for band in dict.fromkeys(bands):
            self._postings[band].append(article_id)

    def candidates(self, bands: Sequence[int], limit_per_key: int | None = None) -> dict[int, int]:
        found: Counter[int] = Counter()
        for band in dict.fromkeys(bands):
            ids = self._postings.get(band)
            if ids:
                found.update(ids if limit_per_key is None else ids[-limit_per_key:])
        return dict(found)

    def __len__(self) -> int:
        return sum(len(ids) for ids in self._postings.values())


class MemoryBook:
    """An :class:`ArticleBook` in dictionaries."""

    def __init__(self) -> None:
        self._entries: dict[int, Entry] = {}
        self._copies: defaultdict[int, set[int]] = defaultdict(set)
        self._stories: defaultdict[int, set[int]] = defaultdict(set)

    def get(self, ids: Iterable[int]) -> dict[int, Entry]:
        return {i: self._entries[i] for i in ids if i in self._entries}

    def put(self, entry: Entry) -> None:
        old = self._entries.get(entry.article_id)
        if old is not None:
            if old.duplicate_of is not None:
                self._copies[old.duplicate_of].discard(old.article_id)
            self._stories[old.story].discard(old.article_id)
        self._entries[entry.article_id] = entry
        if entry.duplicate_of is not None:
            self._copies[entry.duplicate_of].add(entry.article_id)
        self._stories[entry.story].add(entry.article_id)

    def link(self, article_id: int, duplicate_of: int | None, story: int) -> None:
        self.put(Entry(article_id, self._entries[article_id].features, duplicate_of, story))

    def members(self, root: int) -> list[int]:
        return sorted(self._copies.get(root, ()))

    def story_members(self, story: int) -> list[int]:
        return sorted(self._stories.get(story, ()))

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries.values())
