"""The republication chain of a copy group: who ran the text, and where it came from.

A group's members are its copies (:mod:`marsad.stories.engine`). Each member's source
chain (:mod:`marsad.extract.sources`) may credit a wire agency (``واس - الرياض``,
``(رويترز)``) or another origin (``المصدر: …``); an outlet may itself be an agency's own
feed (SaudiNewsNet's ``was``). The probable original is, strongest signal first:

1. the earliest member published by an agency's own feed;
2. the agency (or origin) credited by the most members — the wire text itself is often not
   in the corpus, only its republications;
3. the earliest member (the engine's ``duplicate_of`` root).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from marsad.extract.agencies import AGENCIES
from marsad.stories.engine import earliest_first
from marsad.stories.state import Entry

_AGENCY_NAMES = frozenset(AGENCIES)


@dataclass(frozen=True)
class Chain:
    """The outlets that ran one text and its probable original."""

    original_article: int
    original_source: str
    evidence: str
    agencies: tuple[str, ...]
    origins: tuple[str, ...]
    outlets: tuple[tuple[str, int], ...]  # (outlet, article id), earliest first

    def to_json(self) -> dict[str, object]:
        return {
            "original_article": self.original_article,
            "original_source": self.original_source,
            "evidence": self.evidence,
            "agencies": list(self.agencies),
            "origins": list(self.origins),
            "outlets": [{"outlet": o, "article": a} for o, a in self.outlets],
        }


def republication_chain(group: Iterable[Entry]) -> Chain:
    """The chain of one copy group (any order; at least one member)."""
    members = sorted(group, key=earliest_first)
    if not members:
        raise ValueError("a republication chain needs at least one article")
    outlets = tuple((m.features.outlet or "?", m.article_id) for m in members)
    agencies = Counter(a for m in members for a in dict.fromkeys(m.features.agencies))
    origins = Counter(o for m in members for o in dict.fromkeys(m.features.origins))
    feeds = [m for m in members if m.features.outlet in _AGENCY_NAMES]
    for m in feeds:
        agencies[m.features.outlet] += 1
    ranked_agencies = tuple(a for a, _ in sorted(agencies.items(), key=lambda kv: (-kv[1], kv[0])))
    ranked_origins = tuple(o for o, _ in sorted(origins.items(), key=lambda kv: (-kv[1], kv[0])))
    first = members[0]
    if feeds:
        source, original = feeds[0].features.outlet, feeds[0].article_id
        evidence = f"published by the agency's own feed ({source})"
    elif ranked_agencies or ranked_origins:
        credited = agencies if ranked_agencies else origins
        source = (ranked_agencies or ranked_origins)[0]
        original = first.article_id
        evidence = f"credited by {credited[source]} of {len(members)} copies"
    else:
        source, original = first.features.outlet or "?", first.article_id
        evidence = "earliest copy"
    return Chain(original, source, evidence, ranked_agencies, ranked_origins, outlets)
