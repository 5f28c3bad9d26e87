"""Entities of one text: tagger, rules, roles, canonical forms and keys, as spans."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.analyse.ner.canonical import entity_key, link_people, mention_bounds, name_split
from marsad.analyse.ner.gazetteers import (
    LABEL_OF_PREFIX,
    Gazetteer,
    curated,
    load_countries,
    load_gazetteer,
)
from marsad.analyse.ner.mentions import Mention, Tok, document_tokens, tagger_mentions
from marsad.analyse.ner.roles import RoleFinder
from marsad.analyse.ner.rules import RuleLayer, complete_place_lists, merge, split_person_tails
from marsad.analyse.ner.tagger import Tagger, load_tagger
from marsad.model import EntitySpan


@dataclass
class EntityFinder:
    """Finds the entities of texts; build one with :func:`load_finder`."""

    tagger: Tagger
    gazetteer: Gazetteer
    rules: RuleLayer
    roles: RoleFinder

    def mentions(self, text: str) -> tuple[list[Tok], list[Mention]]:
        toks = document_tokens(text, self.tagger.extractor)
        tagged = tagger_mentions(toks, self.tagger)
        mentions = merge(tagged, self.rules.find(toks))
        split_person_tails(toks, mentions, self.gazetteer)
        self.relabel_listed(text, toks, mentions)
        complete_place_lists(toks, mentions)  # after relabelling: listed places are LOC
        self.roles.attach(toks, mentions)
        return toks, mentions

    def relabel_listed(self, text: str, toks: list[Tok], mentions: list[Mention]) -> None:
        """A tagged name found in one hand-written list only takes that list's label.

        One-word outlet names are left out: many are also common words or places
        (الحياة، الوطن، المدينة); rule 3 labels them where a media word or quotation marks
        show they are outlets.
        """
        for m in mentions:
            if m.source != "crf":
                continue
            words = mention_bounds(text, toks, m)[2].split()
            labels = {
                LABEL_OF_PREFIX[c.split("_", 1)[0]]
                for c in self.gazetteer.lookup(words)
                if curated(c) and not (c == "org_outlet_hand" and len(words) == 1)
            }
            if len(labels) == 1:
                m.label = labels.pop()

    def spans(self, text: str) -> list[EntitySpan]:
        toks, mentions = self.mentions(text)
        entity_forms = {toks[k].form for m in mentions for k in range(m.first, m.last)}
        names: dict[int, str] = {}
        bounds: dict[int, tuple[int, int]] = {}
        for m in mentions:
            split = name_split(toks[m.first], entity_forms, self.gazetteer.longest_from)
            start, end, name = mention_bounds(text, toks, m, split)
            names[id(m)], bounds[id(m)] = name, (start, end)
        link_people(names, mentions)
        for m in mentions:
            if m.label != "PERS":
                m.canonical = names[id(m)]
        titled = self.roles.titled_mentions(toks, mentions)
        for m in titled:
            start, end, _ = mention_bounds(text, toks, m)
            bounds[id(m)] = (start, end)
        out: list[EntitySpan] = []
        for m in sorted([*mentions, *titled], key=lambda m: bounds[id(m)]):
            start, end = bounds[id(m)]
            if not m.canonical:
                continue
            out.append(
                EntitySpan(
                    start,
                    end,
                    m.label,
                    text=text[start:end],
                    canonical=m.canonical,
                    key=self.key(m.canonical, m.label),
                    role=m.role,
                    country=m.country,
                )
            )
        return out

    def key(self, canonical: str, label: str) -> str:
        """The match key, from the list's canonical form when the name is listed."""
        for category, listed in self.gazetteer.lookup(canonical.split()).items():
            if LABEL_OF_PREFIX[category.split("_", 1)[0]] == label and curated(category):
                return entity_key(listed)
        return entity_key(canonical)


@lru_cache(maxsize=2)
def load_finder(model: str | None = None) -> EntityFinder:
    """The entity finder over a shipped model (loaded once per process)."""
    tagger = load_tagger(model) if model else load_tagger()
    gazetteer, countries = load_gazetteer(), load_countries()
    return EntityFinder(tagger, gazetteer, RuleLayer(gazetteer, countries), RoleFinder(countries))
