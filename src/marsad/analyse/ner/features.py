"""CRF features of a sentence of tokens.

Everything that depends on one token only (its forms, affixes, word classes, list
memberships) is computed once per distinct token and kept in a per-extractor cache;
a sentence then only glues its tokens' feature lists with their neighbours'. This is what
makes tagging fast enough on one core (see benchmarks/bench_ner.py).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from marsad.analyse.ner.clitics import best_split, splits, without_article
from marsad.analyse.ner.gazetteers import Countries, Gazetteer, parse_lines
from marsad.analyse.ner.lexicon import Lexicon, lexicon_form

#: Neighbour offsets whose token features are copied (prefixed) into a token's features;
#: the outer ones lend only their word, coarse class and trigger class.
WINDOW = (-3, -2, -1, 1, 2, 3)
OUTER = frozenset({-3, 3})
#: How far back a trigger word still announces a name: "وزير الخارجية الأميركي X" puts the
#: title three tokens before the name; four covers one more modifier.
TRIGGER_REACH = 4
_QUOTE_MARKS = frozenset('"“”«»„')
_CLASS = tuple(f"c{k}=" for k in range(10))
_OFFSET = {d: f"{d}:" for d in WINDOW}
_PAD = {d: f"{d}:pad" for d in WINDOW}
_LATIN_RE = re.compile("[A-Za-z]")
_ARABIC_RE = re.compile("[\u0621-\u064a]")
_ALNUM_RE = re.compile(r"[^\W_]")
#: Cache size bound, in distinct tokens; a 100,000-word text has about 25,000. An entry
#: holds ~80 feature strings (~4.5 KB): at 200,000 an ingest worker grew to 1.1 GB on the
#: full news corpora (benchmarks/RESULTS.md); 50,000 keeps it near 0.3 GB, and the frequent
#: words that matter for speed are re-cached at once after the cache is cleared.
CACHE_LIMIT = 50_000


@dataclass(frozen=True)
class TokenFeatures:
    """Features of one token type: its own, and those it lends to each neighbour."""

    own: tuple[str, ...]
    as_neighbour: dict[int, tuple[str, ...]]
    first_forms: tuple[str, ...]
    form: str
    stem: str
    trigger: str | None
    quote: bool
    prefix: str


@lru_cache(maxsize=1)
def load_triggers() -> dict[str, str]:
    """Trigger word (lexicon form) -> class (title, org, loc, say, outlet)."""
    path = resources.files("marsad") / "data" / "ner" / "triggers.tsv"
    out: dict[str, str] = {}
    for cells in parse_lines(path.read_text(encoding="utf-8").splitlines()):
        word, _, cls = cells[0].partition("\t")
        out.setdefault(lexicon_form(word), cls.strip())
    return out


def _shape(token: str) -> str:
    if token.isdigit():
        return "digit"
    if _LATIN_RE.search(token):
        return "latin"
    if _ARABIC_RE.search(token):
        return "arabic" if token.isalpha() else "armix"
    return "other" if _ALNUM_RE.search(token) else "punct"


def _freq_bucket(count: int) -> str:
    """Half the base-2 order of magnitude of a count, capped at 8 (0 for unseen words)."""
    return str(min((count + 1).bit_length() - 1, 16) // 2)


def _trigger_before(infos: Sequence[TokenFeatures], i: int) -> str | None:
    """The trigger class of the word just before an opening quotation mark at ``i``."""
    for j in (i - 1, i - 2):
        if j >= 0 and infos[j].trigger:
            return infos[j].trigger
    return None


class FeatureExtractor:
    """Turns sentences into CRF feature lists; reusable, caches per token type."""

    def __init__(
        self,
        lexicon: Lexicon,
        gazetteer: Gazetteer,
        countries: Countries,
        triggers: dict[str, str],
        keep: frozenset[str] | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.countries = countries
        self.triggers = triggers
        #: when set, only these features are produced (those a model has weights for):
        #: the others cost time in the CRF and change nothing.
        self.keep = keep
        self._neighbour_keep = (
            {d: frozenset(f[len(f"{d}:") :] for f in keep if f.startswith(f"{d}:")) for d in WINDOW}
            if keep is not None
            else None
        )
        self._cache: dict[str, TokenFeatures] = {}

    def restricted_to(self, keep: frozenset[str]) -> FeatureExtractor:
        """The same extractor producing only the features in ``keep``."""
        return FeatureExtractor(self.lexicon, self.gazetteer, self.countries, self.triggers, keep)

    def _kept(self, features: list[str]) -> tuple[str, ...]:
        keep = self.keep
        return tuple(features) if keep is None else tuple(keep.intersection(features))

    def token(self, token: str) -> TokenFeatures:
        found = self._cache.get(token)
        if found is None:
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            found = self._cache[token] = self._compute(token)
        return found

    def _compute(self, token: str) -> TokenFeatures:
        lex = self.lexicon
        form = lexicon_form(token)
        readings = splits(form)
        prefix, stem = best_split(form, lex.count, readings)
        bare = without_article(stem)
        classes = lex.classes(form)
        stem_classes = lex.classes(stem) if stem != form else classes
        trigger = self.triggers.get(stem) or self.triggers.get(form)
        shape = "sh=" + _shape(token)
        definite = stem.startswith("ال")
        own = [
            "b",
            "w=" + form,
            "st=" + stem,
            "na=" + bare,
            "pre=" + prefix,
            shape,
            "fq=" + _freq_bucket(lex.count(form)),
            "sfq=" + _freq_bucket(lex.count(stem)),
            "len=" + str(min(len(bare), 10)),
            "p1=" + bare[:1],
            "p2=" + bare[:2],
            "p3=" + bare[:3],
            "s1=" + form[-1:],
            "s2=" + form[-2:],
            "s3=" + form[-3:],
            "s4=" + form[-4:],
        ]
        own += ["g3=" + bare[k : k + 3] for k in range(1, len(bare) - 3)]
        if definite:
            own.append("al")
        class_features = [_CLASS[k] + cls for k, cls in enumerate(stem_classes)]
        own += class_features if stem == form else [_CLASS[k] + c for k, c in enumerate(classes)]
        own += ["s" + f for f in class_features]
        own += ["e=" + sign for sign in lex.signs(stem)]
        gaz: set[str] = set()
        categories = self.gazetteer.categories
        for _, reading in readings:
            gaz.update(categories(reading))
            gaz.update(categories(without_article(reading)))
        listed = ["g1=" + c for c in sorted(gaz)] if gaz else []
        nat = self.countries.nationality(stem) is not None
        neighbour = ["w=" + stem, shape, *class_features]
        outer = ["w=" + stem, *class_features[1:2]]
        if trigger:
            own.append("tr=" + trigger)
            neighbour.append("tr=" + trigger)
            outer.append("tr=" + trigger)
        own += listed
        if nat:
            own.append("nat")
            neighbour.append("nat")
        if definite:
            neighbour.append("al")
        neighbour += listed
        as_neighbour = {}
        for d in WINDOW:
            lent = outer if d in OUTER else neighbour
            head = _OFFSET[d]
            kept = self._neighbour_keep[d] if self._neighbour_keep is not None else None
            as_neighbour[d] = tuple(head + f for f in lent if kept is None or f in kept)
        first_forms = tuple(dict.fromkeys(reading for _, reading in readings))
        quote = token in _QUOTE_MARKS
        return TokenFeatures(
            self._kept(own), as_neighbour, first_forms, form, stem, trigger, quote, prefix
        )

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """One feature list per token."""
        infos = [self.token(t) for t in tokens]
        triggers = [info.trigger for info in infos]
        keep = self.keep
        n = len(infos)
        out: list[list[str]] = []
        inside_quotes = False
        quote_trigger: str | None = None
        for i, info in enumerate(infos):
            feats = list(info.own)
            for d in WINDOW:
                j = i + d
                if 0 <= j < n:
                    feats += infos[j].as_neighbour[d]
                else:
                    feats.append(_PAD[d])
            prev = infos[i - 1].stem if i else "<s>"
            nxt = infos[i + 1].stem if i + 1 < n else "</s>"
            local = ["bi-=" + prev + "|" + info.stem, "bi+=" + info.stem + "|" + nxt]
            reach = triggers[max(0, i - TRIGGER_REACH) : i]
            if any(reach):
                local += ["ltr=" + t for t in set(reach) if t]
            if inside_quotes:
                local.append("inq")
                if quote_trigger:
                    local.append("qtr=" + quote_trigger)
            if info.quote:
                inside_quotes = not inside_quotes
                quote_trigger = _trigger_before(infos, i) if inside_quotes else None
            feats += local if keep is None else [f for f in local if f in keep]
            out.append(feats)
        forms = [info.form for info in infos]
        for m in self.gazetteer.matches([info.first_forms for info in infos], forms):
            if m.end - m.start < 2:
                continue
            begin, inside = "gB=" + m.category, "gI=" + m.category
            if keep is None or begin in keep:
                out[m.start].append(begin)
            if keep is None or inside in keep:
                for k in range(m.start + 1, m.end):
                    out[k].append(inside)
        return out
