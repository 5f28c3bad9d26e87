"""What the story stages remember of an article, computed once per article.

:func:`compute_features` is pure (no index, no store), so ingest can run it in its worker
processes next to the search analyser. :meth:`Features.to_bytes` gives a compact form for a
store to keep beside the article.

Two views of the text:

* **fingerprints** for copies: 3-word shingles of the match key without the words outlets
  change when they republish a text (date words, honorifics, the commonest particles),
  and the numbers the text gives;
* **terms** for stories: the search analyser's stems with their counts, weighed by IDF.
"""

from __future__ import annotations

import heapq
import json
import math
import struct
import sys
import zlib
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache

import numpy as np

from marsad.extract.agencies import agency_name
from marsad.model import Document
from marsad.stories.idf import IdfTable
from marsad.stories.minhash import match_words, shingles
from marsad.text.normalize import match_key

#: Terms kept per article for story similarity (highest TF-IDF first). 40 covers the names,
#: places and event words of a news story; more adds cost, not recall.
TOP_TERMS = 40
#: The title's terms count this many times: a headline names the event.
TITLE_WEIGHT = 2
#: Analyser terms that make the lead's vector (about the first 50 words).
LEAD_TERMS = 40
#: Keys under which a record may carry its crawl time (the SaudiNewsNet ``date_extracted``):
#: the article's time when it has no publication date.
CRAWL_TIME_KEYS = ("crawled", "date_extracted", "fetched_at")

#: Words outlets change when they republish a wire text: relative dates and weekdays,
#: honorifics, and particles that edits add or drop. They are left out of the shingles.
VOLATILE_WORDS = frozenset(
    match_key(w)
    for w in [
        "اليوم",
        "أمس",
        "البارحة",
        "الأول",
        "غدا",
        "غداً",
        "مساء",
        "صباح",
        "ظهر",
        "الليلة",
        "الماضي",
        "الماضية",
        "المقبل",
        "المقبلة",
        "القادم",
        "القادمة",
        "الحالي",
        "يوم",
        "السبت",
        "الأحد",
        "الاثنين",
        "الإثنين",
        "الثلاثاء",
        "الأربعاء",
        "الخميس",
        "الجمعة",
        "صاحب",
        "السمو",
        "الملكي",
        "سمو",
        "سموه",
        "معالي",
        "فخامة",
        "جلالة",
        "جلالته",
        "فخامته",
        "معاليه",
        "الأستاذ",
        "الشيخ",
        "الدكتور",
        "المهندس",
        "حفظه",
        "رعاه",
        "يحفظه",
        "الله",
        "آل",
        "سعود",
        "و",
        "في",
        "من",
        "على",
        "إلى",
        "الى",
        "عن",
        "أن",
        "إن",
        "قد",
        "كما",
        "التي",
        "الذي",
        "الذين",
        "هذا",
        "هذه",
        "ذلك",
        "تلك",
        "مع",
        "بين",
        "بعد",
        "قبل",
        "حيث",
        "عند",
        "كل",
        "أو",
        "ثم",
        "لا",
        "لم",
        "لن",
        "ما",
        "هو",
        "هي",
        "وقد",
        "وكان",
        "كان",
    ]
)


@dataclass(frozen=True)
class Features:
    """Fingerprints and terms of one article (see the module docstring)."""

    shingles: np.ndarray
    numbers: frozenset[str]
    term_counts: Mapping[str, int]
    terms: dict[str, float]
    title_terms: dict[str, float]
    lead_terms: dict[str, float]
    entities: frozenset[str]
    when: datetime | None
    dated: bool
    title: str
    outlet: str
    agencies: tuple[str, ...] = ()
    origins: tuple[str, ...] = ()

    @property
    def day(self) -> int | None:
        return self.when.date().toordinal() if self.when else None

    def to_bytes(self) -> bytes:
        """``FORMAT``, then the head (zlib JSON), the term counts (zlib JSON, decoded only
        when a copy is confirmed) and the shingles (little-endian uint32).

        Computed once and kept on the instance (it is immutable): the ingest workers call
        it, so the bytes travel to the writer with the features and are not packed there."""
        cached: bytes | None = self.__dict__.get("_bytes")
        if cached is None:
            cached = self._encode()
            object.__setattr__(self, "_bytes", cached)
        return cached

    def _encode(self) -> bytes:
        head = {
            "numbers": sorted(self.numbers),
            "terms": self.terms,
            "title_terms": self.title_terms,
            "lead_terms": self.lead_terms,
            "entities": sorted(self.entities),
            "when": self.when.isoformat() if self.when else None,
            "dated": self.dated,
            "title": self.title,
            "outlet": self.outlet,
            "agencies": list(self.agencies),
            "origins": list(self.origins),
        }
        blob = _zjson(head)
        counts = (
            self.term_counts.blob
            if isinstance(self.term_counts, LazyCounts) and self.term_counts.blob
            else _zjson(dict(self.term_counts))
        )
        return b"".join(
            [
                FORMAT,
                struct.pack("<II", len(blob), len(counts)),
                blob,
                counts,
                self.shingles.astype("<u4").tobytes(),
            ]
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> Features:
        if data[:1] != FORMAT:
            raise ValueError(f"story features of an unknown format {data[:1]!r}")
        size, counts_size = struct.unpack_from("<II", data, 1)
        start = 1 + 8
        head = json.loads(zlib.decompress(data[start : start + size]).decode("utf-8"))
        counts = data[start + size : start + size + counts_size]
        features = cls(
            shingles=np.frombuffer(data[start + size + counts_size :], dtype="<u4").astype(
                np.uint32
            ),
            numbers=frozenset(head["numbers"]),
            term_counts=LazyCounts(counts),
            terms=head["terms"],
            title_terms=head["title_terms"],
            lead_terms=head["lead_terms"],
            entities=frozenset(head["entities"]),
            when=datetime.fromisoformat(head["when"]) if head["when"] else None,
            dated=head["dated"],
            title=head["title"],
            outlet=head["outlet"],
            agencies=tuple(head["agencies"]),
            origins=tuple(head["origins"]),
        )
        object.__setattr__(features, "_bytes", bytes(data))
        return features


#: First byte of :meth:`Features.to_bytes`: a store refuses features of another format
#: (``marsad stories --rebuild`` writes them again).
FORMAT = b"\x02"


def _zjson(value: object) -> bytes:
    return zlib.compress(json.dumps(value, ensure_ascii=False).encode("utf-8"))


class LazyCounts(Mapping[str, int]):
    """Term counts read from storage and decoded on first use: only the copy rule needs
    them, for the few candidates that share fingerprints, while every story candidate is
    read (decoding them all was most of the cost of reading an entry)."""

    __slots__ = ("_counts", "blob")

    def __init__(self, blob: bytes) -> None:
        self.blob = blob
        self._counts: dict[str, int] | None = None

    def _data(self) -> dict[str, int]:
        if self._counts is None:
            self._counts = json.loads(zlib.decompress(self.blob).decode("utf-8"))
        return self._counts

    def __getitem__(self, term: str) -> int:
        return self._data()[term]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())


def compute_features(
    doc: Document,
    idf: IdfTable,
    title_terms: Sequence[str] | None = None,
    text_terms: Sequence[str] | None = None,
) -> Features:
    """Features of a document; pass the search analyser's terms when ingest has them."""
    if title_terms is None or text_terms is None:
        from marsad.text.analyzer import analyze

        title_terms = analyze(doc.title or "")
        text_terms = analyze(doc.text)
    words = fingerprint_words(doc.text)
    when, dated = article_time(doc)
    counts = Counter(map(sys.intern, text_terms))  # interned: one copy of a term in memory
    return Features(
        shingles=shingles(words),
        numbers=frozenset(w for w in words if w[0].isdigit()),
        term_counts=dict(counts),
        terms=weigh_terms(title_terms, counts, idf),
        title_terms=weigh_terms((), Counter(title_terms), idf),
        lead_terms=weigh_terms((), Counter(text_terms[:LEAD_TERMS]), idf),
        entities=frozenset(e.key for e in doc.entities if e.key),
        when=when,
        dated=dated,
        title=doc.title or "",
        outlet=outlet_of(doc),
        agencies=tuple(dict.fromkeys(s.name for s in doc.sources if s.role == "agency")),
        origins=tuple(dict.fromkeys(s.name for s in doc.sources if s.role == "origin")),
    )


def fingerprint_words(text: str) -> list[str]:
    """The match-key words of a text, less the volatile ones."""
    volatile = VOLATILE_WORDS
    return [w for w in match_words(text) if w not in volatile]


def weigh_terms(
    title_terms: Sequence[str], text_counts: Counter[str], idf: IdfTable, top: int = TOP_TERMS
) -> dict[str, float]:
    """The ``top`` terms by TF-IDF (sublinear tf), L2-normalised, rounded for storage."""
    counts = Counter(text_counts)
    for term in title_terms:
        counts[term] += TITLE_WEIGHT
    weights = idf.weights(counts)
    best = heapq.nsmallest(top, weights.items(), key=lambda kv: (-kv[1], kv[0]))
    norm = math.sqrt(sum(w * w for _, w in best)) or 1.0
    return {t: round(w / norm, 4) for t, w in best if w > 0}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two normalised term vectors: over the shared terms only (the key-set
    intersection runs in C; most pairs share a few of their 40 terms), summed exactly
    with ``fsum`` so that the result does not depend on the set's order."""
    return math.fsum(a[t] * b[t] for t in a.keys() & b.keys())


def article_time(doc: Document) -> tuple[datetime | None, bool]:
    """Publication time (UTC), else the record's crawl time; ``dated`` says which."""
    if doc.published:
        parsed = parse_time(doc.published)
        if parsed:
            return parsed, True
    for key in CRAWL_TIME_KEYS:
        value = doc.meta.get(key)
        if isinstance(value, str):
            parsed = parse_time(value)
            if parsed:
                return parsed, False
    return None, False


def parse_time(value: str) -> datetime | None:
    """ISO-8601 date or date-time → aware UTC datetime (a date alone is its noon UTC)."""
    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            day = date.fromisoformat(value[:10])
        except ValueError:
            return None
        return datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    if len(value) == 10:
        return parsed.replace(hour=12, tzinfo=UTC)
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def outlet_of(doc: Document) -> str:
    """The outlet that published this copy: the first ``publisher`` of the source chain."""
    for source in doc.sources:
        if source.role == "publisher":
            return _outlet_key(source.name)
    return ""


#: Corpus slugs of wire agencies' own feeds, until ``extract.agencies.OUTLET_SLUGS`` lists
#: them (SaudiNewsNet names the SPA feed ``was``).
_AGENCY_FEEDS = {"was": "واس"}


@cache
def _outlet_key(name: str) -> str:
    """An outlet that is a wire agency (the SPA's own feed) is named as the agency."""
    return _AGENCY_FEEDS.get(name) or agency_name(name) or name


def days_apart(a: Features, b: Features) -> float | None:
    if a.when is None or b.when is None:
        return None
    return abs(a.when - b.when) / timedelta(days=1)
