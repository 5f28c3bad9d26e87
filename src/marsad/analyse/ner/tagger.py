"""The shipped CRF tagger: load once, tag token sequences in IOB2.

The CRF tags each sentence from its own features; then the document-consistency step
(:mod:`marsad.analyse.ner.consistency`) spreads each name's label to its other occurrences
in nearby sentences.
"""

from __future__ import annotations

import gzip
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pycrfsuite

from marsad.analyse.ner.conll import repair_iob2
from marsad.analyse.ner.consistency import propagate
from marsad.analyse.ner.features import FeatureExtractor, load_triggers
from marsad.analyse.ner.gazetteers import load_countries, load_gazetteer
from marsad.analyse.ner.lexicon import load_lexicon
from marsad.errors import ModelError

#: The model trained on all of ANERcorp train (shipped for use) and the one trained on
#: train90 only (shipped for the dev10 quality gate); see docs/ner_model_card.md.
MODEL_FULL = "ner_full"
MODEL_TRAIN90 = "ner_train90"
#: Sentences longer than this are tagged in windows: the CRF's cost is linear, but a
#: "sentence" of 100,000 tokens (a text without full stops) would hold a huge lattice.
#: 300 is ten times ANERcorp's mean sentence length (31 tokens).
MAX_SENTENCE_TOKENS = 300


def build_extractor() -> FeatureExtractor:
    """A feature extractor over the shipped lexicon, lists and trigger words."""
    return FeatureExtractor(load_lexicon(), load_gazetteer(), load_countries(), load_triggers())


def model_file(folder: Path, name: str) -> Path:
    return folder / f"{name}.crfsuite"


def _open(path: Path) -> pycrfsuite.Tagger:
    crf = pycrfsuite.Tagger()
    try:
        crf.open(str(path))
    except (OSError, ValueError) as exc:
        raise ModelError(f"cannot open the NER model {path}: {exc}; reinstall marsad") from exc
    return crf


def attributes(crf: pycrfsuite.Tagger) -> set[str]:
    """The features a model has weights for (parsing the model dump: ~0.3 s)."""
    return {attribute for attribute, _ in crf.info().state_features}


def attributes_file(path: Path) -> Path:
    return path.with_suffix(".attributes.gz")


def write_attributes(path: Path) -> None:
    """Save a model's feature names beside it, stamped with the model's size."""
    names = sorted(attributes(_open(path)))
    header = f"# features of {path.name}, {path.stat().st_size} bytes\n"
    with gzip.GzipFile(attributes_file(path), "wb", mtime=0) as raw:
        raw.write((header + "\n".join(names) + "\n").encode("utf-8"))


def _known_attributes(path: Path, crf: pycrfsuite.Tagger) -> frozenset[str]:
    """The model's feature names: from the file beside it when it matches the model."""
    saved = attributes_file(path)
    if saved.is_file():
        lines = gzip.decompress(saved.read_bytes()).decode("utf-8").splitlines()
        if lines and lines[0] == f"# features of {path.name}, {path.stat().st_size} bytes":
            return frozenset(lines[1:])
    return frozenset(attributes(crf))


class Tagger:
    """A CRF model with its feature extractor."""

    def __init__(self, path: Path, extractor: FeatureExtractor) -> None:
        self._crf = _open(path)
        self.extractor = extractor.restricted_to(_known_attributes(path, self._crf))

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """IOB2 tags (B-/I- PERS, ORG, LOC, MISC, or O), one per token."""
        return self.tag_sentences([tokens])[0]

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tags of consecutive sentences (one document, or a stretch of a corpus)."""
        chunks: list[Sequence[str]] = []
        owner: list[int] = []
        for k, sentence in enumerate(sentences):
            for start in range(0, len(sentence), MAX_SENTENCE_TOKENS):
                chunks.append(sentence[start : start + MAX_SENTENCE_TOKENS])
                owner.append(k)
        tags = [repair_iob2(self._crf.tag(self.extractor.sentence(c))) for c in chunks]
        stems = [[self.extractor.token(t).stem for t in chunk] for chunk in chunks]
        tags = propagate(stems, tags)
        out: list[list[str]] = [[] for _ in sentences]
        for k, chunk_tags in zip(owner, tags, strict=True):
            out[k] += chunk_tags
        return [repair_iob2(t) for t in out]


def model_dir() -> Path:
    return Path(str(resources.files("marsad") / "data" / "ner"))


@lru_cache(maxsize=2)
def load_tagger(name: str = MODEL_FULL) -> Tagger:
    """A shipped tagger (loaded once per process and model)."""
    path = model_file(model_dir(), name)
    if not path.is_file():
        raise ModelError(f"the NER model {path.name} is missing from {path.parent}")
    return Tagger(path, build_extractor())
