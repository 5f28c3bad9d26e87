"""The shipped CRF tagger: load once, tag token sequences in IOB2.

The CRF (trained by python-crfsuite, decoded by :mod:`marsad.analyse.ner.crf_model`) tags
each sentence from its own features; then the document-consistency step
(:mod:`marsad.analyse.ner.consistency`) spreads each name's label to its other occurrences
in nearby sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path

from marsad.analyse.ner.conll import repair_iob2
from marsad.analyse.ner.consistency import propagate
from marsad.analyse.ner.crf_model import read_model
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
#: Sentences scored together: a document's (~10 on ANT) at once, a long CoNLL file in
#: bounded memory (a token's scores take 7 × 9 floats: 256 sentences of ANERcorp's mean
#: length hold 4 MB, of the longest allowed 39 MB).
SCORE_BATCH = 256


def build_extractor() -> FeatureExtractor:
    """A feature extractor over the shipped lexicon, lists and trigger words."""
    return FeatureExtractor(load_lexicon(), load_gazetteer(), load_countries(), load_triggers())


def model_file(folder: Path, name: str) -> Path:
    return folder / f"{name}.crfsuite"


class Tagger:
    """A CRF model with its feature extractor."""

    def __init__(self, path: Path, extractor: FeatureExtractor) -> None:
        self.model = read_model(path)
        self.extractor = extractor.scoring(self.model)

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
        stems: list[list[str]] = []
        tags: list[list[str]] = []
        for start in range(0, len(chunks), SCORE_BATCH):
            scored = self.extractor.emissions(chunks[start : start + SCORE_BATCH])
            tags += [repair_iob2(t) for t in self.model.decode([e for _, e in scored])]
            stems += [[info.stem for info in infos] for infos, _ in scored]
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
