"""Name lists: ANERgazet and hand-built lists of countries, cities, outlets, bodies, people.

The lists are features for the tagger (a match tells the CRF "this is a known place") and a
source of canonical forms; they never label a span on their own. Files live in
``marsad/data/ner/gazetteers/``, one per category, named ``<type>_<source>.txt`` (``loc_city``,
``org_outlet`` …). A line is ``canonical|variant|variant``; ``#`` starts a comment.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from marsad.analyse.ner.lexicon import lexicon_form
from marsad.errors import ModelError

#: Longest entry matched, in tokens (longer entries are ignored: none is that long).
MAX_ENTRY_TOKENS = 6
LABEL_OF_PREFIX = {"pers": "PERS", "org": "ORG", "loc": "LOC", "misc": "MISC"}
#: Lists written or checked by hand: trusted for labels and canonical forms (ANERgazet and
#: the CLDR lists are only features: they mix first names, places and clubs).
CURATED = ("loc_country", "loc_capital")


def curated(category: str) -> bool:
    return category.endswith("_hand") or category in CURATED


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    category: str
    canonical: str

    @property
    def label(self) -> str:
        return LABEL_OF_PREFIX[self.category.split("_", 1)[0]]


@dataclass
class Gazetteer:
    """Entries keyed by the tuple of their tokens' lexicon forms."""

    entries: dict[tuple[str, ...], dict[str, str]] = field(default_factory=dict)
    longest_from: dict[str, int] = field(default_factory=dict)

    def add(self, category: str, names: Sequence[str]) -> None:
        """One entry: ``names[0]`` is the canonical form, the rest its variants."""
        for name in names:
            key = tuple(lexicon_form(t) for t in name.split())
            if not key or len(key) > MAX_ENTRY_TOKENS:
                continue
            self.entries.setdefault(key, {}).setdefault(category, names[0])
            self.longest_from[key[0]] = max(self.longest_from.get(key[0], 0), len(key))

    def lookup(self, words: Sequence[str]) -> dict[str, str]:
        """Categories (with canonical names) of the exact name ``words``."""
        return self.entries.get(tuple(lexicon_form(w) for w in words), {})

    def categories(self, form: str) -> dict[str, str]:
        """Categories of a one-token entry given by its lexicon form."""
        return self.entries.get((form,), {})

    def matches(
        self,
        first_forms: Sequence[Sequence[str]],
        forms: Sequence[str],
        min_tokens: int = 1,
        starts: Iterable[int] | None = None,
    ) -> list[Match]:
        """Every entry of at least ``min_tokens`` tokens found in a sentence, starting at
        one of ``starts`` (default: anywhere).

        ``forms[i]`` is token i's lexicon form; ``first_forms[i]`` the forms it can have
        when it starts a name (the form and its clitic-stripped readings).
        """
        n = len(forms)
        get = self.longest_from.get
        positions = range(n) if starts is None else starts
        # most tokens begin no entry that long: find the candidates first
        candidates = [
            (i, first, longest)
            for i in positions
            for first in first_forms[i]
            if (longest := min(get(first, 0), n - i)) >= min_tokens
        ]
        out: list[Match] = []
        for i, first, longest in candidates:
            for length in range(longest, min_tokens - 1, -1):
                found = self.entries.get((first, *forms[i + 1 : i + length]))
                if found:
                    out.extend(Match(i, i + length, c, name) for c, name in found.items())
        return out


def parse_lines(lines: Iterable[str]) -> Iterable[list[str]]:
    for line in lines:
        line = line.split("#", 1)[0].strip()
        if line:
            yield [part.strip() for part in line.split("|") if part.strip()]


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Every shipped list (read once per process)."""
    folder = resources.files("marsad") / "data" / "ner" / "gazetteers"
    gazetteer = Gazetteer()
    try:
        files = sorted((f for f in folder.iterdir() if f.name.endswith(".txt")), key=str)
        for path in files:
            category = path.name.removesuffix(".txt")
            if category.split("_", 1)[0] not in LABEL_OF_PREFIX:
                continue
            for names in parse_lines(path.read_text(encoding="utf-8").splitlines()):
                gazetteer.add(category, names)
        countries_path = resources.files("marsad") / "data" / "ner" / "countries.tsv"
        for country in parse_countries(countries_path.read_text(encoding="utf-8").splitlines()):
            gazetteer.add("loc_country", [country.name, *country.variants])
            for capital in country.capitals:
                gazetteer.add("loc_capital", [capital])
    except OSError as exc:
        raise ModelError(f"cannot read the NER gazetteers in {folder}: {exc}") from exc
    return gazetteer


#: Endings of a nationality adjective beyond its masculine singular (folded forms):
#: feminine ـية, plurals ـيون/ـيين, dual ـيان/ـيين and feminine duals.
_ADJECTIVE_ENDINGS = ("يتين", "يتان", "يون", "يين", "يان", "يه")


@dataclass(frozen=True)
class Country:
    name: str
    adjectives: tuple[str, ...]
    capitals: tuple[str, ...]
    variants: tuple[str, ...] = ()


@dataclass
class Countries:
    """Countries by nationality adjective (lexicon form of the masculine singular)."""

    by_adjective: dict[str, Country] = field(default_factory=dict)
    by_name: dict[str, Country] = field(default_factory=dict)

    def nationality(self, stem: str) -> Country | None:
        """The country of a nationality adjective (``الأميركية`` → الولايات المتحدة)."""
        bare = stem[2:] if stem.startswith("ال") else stem
        found = self.by_adjective.get(bare)
        if found is None:
            for ending in _ADJECTIVE_ENDINGS:
                if bare.endswith(ending):
                    found = self.by_adjective.get(bare[: -len(ending)] + "ي")
                    if found:
                        break
        return found


def parse_countries(lines: Iterable[str]) -> list[Country]:
    out = []
    for line in lines:
        if not line.strip() or line.startswith("#"):
            continue
        cells = [*line.rstrip("\n").split("\t"), "", ""]
        names = [n for n in cells[0].split("|") if n]
        out.append(
            Country(
                names[0],
                tuple(a for a in cells[1].split("|") if a),
                tuple(c for c in cells[2].split("|") if c),
                tuple(names[1:]),
            )
        )
    return out


@lru_cache(maxsize=1)
def load_countries() -> Countries:
    path = resources.files("marsad") / "data" / "ner" / "countries.tsv"
    countries = Countries()
    for country in parse_countries(path.read_text(encoding="utf-8").splitlines()):
        for adjective in country.adjectives:
            countries.by_adjective[lexicon_form(adjective)] = country
        for name in (country.name, *country.variants):
            countries.by_name[lexicon_form(name)] = country
    return countries
