"""CRF features of a sentence of tokens.

Everything that depends on one token only (its forms, affixes, word classes, list
memberships) is computed once per distinct token and kept in a per-extractor cache; the
rest (bigrams, triggers in reach, quotation marks, multi-token list matches) depends on
the sentence (:meth:`FeatureExtractor.context`). Training takes the features as names
(:meth:`FeatureExtractor.sentence`); tagging takes them as state scores: an extractor
given the model's weights (:meth:`FeatureExtractor.scoring`) sums each type's weights once
and keeps only those sums (:meth:`FeatureExtractor.emissions`). This is what makes tagging
fast enough on one core (see benchmarks/bench_ner.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from marsad.analyse.ner.clitics import best_split, splits, without_article
from marsad.analyse.ner.crf_model import Array, LinearChain
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
#: of a naming extractor holds ~80 feature strings (~4.5 KB): at 200,000 an ingest worker
#: grew to 1.1 GB on the full news corpora (benchmarks/RESULTS.md); 50,000 keeps it near
#: 0.3 GB. A scoring extractor's entries keep 7 × 9 floats instead of the strings (peak RSS
#: of bench_extract.py --analyse fell from 383 to 192 MB). The frequent words that matter
#: for speed are re-cached at once after the cache is cleared.
CACHE_LIMIT = 50_000


@dataclass(frozen=True)
class TokenFeatures:
    """Features of one token type: its own, and those it lends to each neighbour.

    A scoring extractor keeps their state scores instead of their names: ``scores`` row 0
    for ``own``, row k for what it lends to the neighbour at ``WINDOW[k - 1]``.
    """

    own: tuple[str, ...]
    as_neighbour: dict[int, tuple[str, ...]]
    first_forms: tuple[str, ...]
    form: str
    stem: str
    trigger: str | None
    quote: bool
    prefix: str
    scores: Array | None = None


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
        model: LinearChain | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.gazetteer = gazetteer
        self.countries = countries
        self.triggers = triggers
        #: when set, token types keep their state scores under this model, not their names
        self.model = model
        self._pad_scores = model.scores([[_PAD[d]] for d in WINDOW]) if model is not None else None
        self._cache: dict[str, TokenFeatures] = {}

    def scoring(self, model: LinearChain) -> FeatureExtractor:
        """The same extractor scoring its features with ``model`` (see :meth:`emissions`)."""
        return FeatureExtractor(self.lexicon, self.gazetteer, self.countries, self.triggers, model)

    def token(self, token: str) -> TokenFeatures:
        found = self._cache.get(token)
        if found is None:
            if len(self._cache) >= CACHE_LIMIT:
                self._cache.clear()
            found = self._cache[token] = self._scored([self._compute(token)])[0]
        return found

    def prepare(self, tokens: Iterable[str]) -> None:
        """Enter the token types not yet cached, scored together: a document's new words
        cost one scoring call, not one each (the call's overhead was a fifth of the cost
        of a new word on a cold cache). The scores are the same sums as one by one."""
        new = [t for t in dict.fromkeys(tokens) if t not in self._cache]
        if not new:
            return
        if len(self._cache) + len(new) > CACHE_LIMIT:
            self._cache.clear()
        for token, info in zip(new, self._scored([self._compute(t) for t in new]), strict=True):
            self._cache[token] = info

    def _scored(self, infos: list[TokenFeatures]) -> list[TokenFeatures]:
        """A scoring extractor keeps each type's state scores instead of its names."""
        if self.model is None:
            return infos
        rows = len(WINDOW) + 1
        scores = self.model.scores(
            [bag for info in infos for bag in (info.own, *info.as_neighbour.values())]
        )
        return [
            TokenFeatures(
                (), {}, info.first_forms, info.form, info.stem, info.trigger, info.quote,
                info.prefix, scores[k * rows : (k + 1) * rows].copy(),
            )
            for k, info in enumerate(infos)
        ]  # fmt: skip

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
        as_neighbour = {
            d: tuple([_OFFSET[d] + f for f in (outer if d in OUTER else neighbour)]) for d in WINDOW
        }
        first_forms = tuple(dict.fromkeys(reading for _, reading in readings))
        quote = token in _QUOTE_MARKS
        return TokenFeatures(
            tuple(own), as_neighbour, first_forms, form, stem, trigger, quote, prefix
        )

    def sentence(self, tokens: Sequence[str]) -> list[list[str]]:
        """One feature list per token (a naming extractor only)."""
        if self.model is not None:
            raise ValueError("a scoring extractor keeps no feature names: use build_extractor()")
        infos = [self.token(t) for t in tokens]
        n = len(infos)
        out: list[list[str]] = []
        for i, (info, local) in enumerate(zip(infos, self.context(infos), strict=True)):
            feats = list(info.own)
            for d in WINDOW:
                j = i + d
                if 0 <= j < n:
                    feats += infos[j].as_neighbour[d]
                else:
                    feats.append(_PAD[d])
            out.append(feats + local)
        return out

    def emissions(
        self, sentences: Sequence[Sequence[str]]
    ) -> list[tuple[list[TokenFeatures], Array]]:
        """Each sentence's token types and (tokens, labels) state scores (a scoring
        extractor only): row i is the model's score of :meth:`sentence`'s list i.

        The sentences are scored together, a few numpy operations per document rather
        than per sentence.
        """
        model, pad_scores = self.model, self._pad_scores
        if model is None or pad_scores is None:
            raise ValueError("a naming extractor has no weights: use Tagger.extractor")
        self.prepare(t for tokens in sentences for t in tokens)
        infos = [[self.token(t) for t in tokens] for tokens in sentences]
        flat = [info for sentence in infos for info in sentence]
        n = len(flat)
        if not n:
            return [(sentence, np.zeros((0, len(model.labels)))) for sentence in infos]
        sentence_of = np.repeat(np.arange(len(infos)), [len(s) for s in infos])
        types = np.concatenate([info.scores for info in flat]).reshape(n, len(WINDOW) + 1, -1)
        out = types[:, 0].copy()
        positions = np.arange(n)
        for k, d in enumerate(WINDOW):
            # token i gets row k + 1 of token i + d when it is in the same sentence
            source = np.clip(positions + d, 0, n - 1)
            inside = sentence_of[source] == sentence_of
            inside[positions + d != source] = False
            out += np.where(inside[:, None], types[source, k + 1], pad_scores[k])
        out += model.scores([local for sentence in infos for local in self.context(sentence)])
        bounds = np.cumsum([len(s) for s in infos])[:-1]
        return list(zip(infos, np.split(out, bounds), strict=True))

    def context(self, infos: Sequence[TokenFeatures]) -> list[list[str]]:
        """The features of each token that depend on its sentence, not on its type alone."""
        triggers = [info.trigger for info in infos]
        stems = ["<s>", *(info.stem for info in infos), "</s>"]
        out: list[list[str]] = []
        inside_quotes = False
        quote_trigger: str | None = None
        last_trigger = -TRIGGER_REACH - 1
        for i, info in enumerate(infos):
            stem = stems[i + 1]
            local = ["bi-=" + stems[i] + "|" + stem, "bi+=" + stem + "|" + stems[i + 2]]
            if i - last_trigger <= TRIGGER_REACH:
                reach = triggers[max(0, i - TRIGGER_REACH) : i]
                local += ["ltr=" + t for t in set(reach) if t]
            if info.trigger:
                last_trigger = i
            if inside_quotes:
                local.append("inq")
                if quote_trigger:
                    local.append("qtr=" + quote_trigger)
            if info.quote:
                inside_quotes = not inside_quotes
                quote_trigger = _trigger_before(infos, i) if inside_quotes else None
            out.append(local)
        forms = [info.form for info in infos]
        first_forms = [info.first_forms for info in infos]
        for m in self.gazetteer.matches(first_forms, forms, min_tokens=2):
            out[m.start].append("gB=" + m.category)
            for k in range(m.start + 1, m.end):
                out[k].append("gI=" + m.category)
        return out
