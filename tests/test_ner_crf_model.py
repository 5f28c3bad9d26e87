"""The CRF read from its CRFsuite file decodes as pycrfsuite's own tagger does."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest

from marsad.analyse.ner.conll import read_tagged
from marsad.analyse.ner.crf_model import LinearChain, read_model
from marsad.analyse.ner.tagger import MODEL_TRAIN90, build_extractor, model_dir, model_file
from marsad.errors import ModelError

LABELS = ("O", "B-PERS", "I-PERS", "B-LOC", "I-LOC")
NAMES = [f"f{k}" for k in range(12)]


def _random_sequence(rng: random.Random, names: list[str]) -> list[list[str]]:
    return [rng.choices(names, k=rng.randint(0, 5)) for _ in range(rng.randint(1, 9))]


@pytest.fixture(scope="module")
def toy_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small CRF trained on random data: dense weights, every label pair."""
    rng = random.Random(7)
    trainer = pycrfsuite.Trainer(verbose=False)
    for _ in range(200):
        items = _random_sequence(rng, NAMES)
        trainer.append(items, [rng.choice(LABELS) for _ in items])
    trainer.set_params({"c2": 0.01, "max_iterations": 30, "feature.possible_transitions": True})
    path = tmp_path_factory.mktemp("crf") / "toy.crfsuite"
    trainer.train(str(path))
    return path


def _pycrfsuite_tags(path: Path, sequences: list[list[list[str]]]) -> list[list[str]]:
    crf = pycrfsuite.Tagger()
    crf.open(str(path))
    return [crf.tag(items) for items in sequences]


def test_crf_model_weights_match_the_model_dump(toy_model: Path) -> None:
    model = read_model(toy_model)
    crf = pycrfsuite.Tagger()
    crf.open(str(toy_model))
    info = crf.info()
    assert list(model.labels) == crf.labels()
    labels = {label: k for k, label in enumerate(model.labels)}
    # the dump prints six decimals
    for (name, label), weight in info.state_features.items():
        assert model.state[model.attributes[name], labels[label]] == pytest.approx(weight, abs=1e-6)
    for (source, target), weight in info.transitions.items():
        assert model.transitions[labels[source], labels[target]] == pytest.approx(weight, abs=1e-6)


def test_crf_model_decodes_as_pycrfsuite(toy_model: Path) -> None:
    rng = random.Random(11)
    # repeated names count twice in CRFsuite; "zz" is a name the model never saw
    sequences = [_random_sequence(rng, [*NAMES, "zz"]) for _ in range(300)]
    model = read_model(toy_model)
    decoded = model.decode([model.scores(items) for items in sequences])
    assert decoded == _pycrfsuite_tags(toy_model, sequences)


def test_crf_model_scores_count_repeats_and_skip_unknown_names(toy_model: Path) -> None:
    model = read_model(toy_model)
    a, b = model.attributes["f1"], model.attributes["f2"]
    got = model.scores([[], ["f1", "f1", "zz", "f2"], ["zz"]])
    assert np.array_equal(got[0], np.zeros(len(model.labels)))
    assert np.allclose(got[1], 2 * model.state[a] + model.state[b])
    assert np.array_equal(got[2], np.zeros(len(model.labels)))
    assert model.scores([]).shape == (0, len(model.labels))


def test_crf_model_decodes_empty_and_uneven_sequences(toy_model: Path) -> None:
    model = read_model(toy_model)
    rng = np.random.default_rng(3)
    emissions = [rng.normal(size=(n, len(model.labels))) for n in (0, 5, 1, 0, 12)]
    decoded = model.decode(emissions)
    assert [len(tags) for tags in decoded] == [0, 5, 1, 0, 12]
    alone = [model.decode([e])[0] for e in emissions]
    assert decoded == alone


def test_crf_model_shipped_tagger_matches_pycrfsuite_on_dev10(shared_dir: Path) -> None:
    """The shipped train90 model, scored per word type, gives pycrfsuite's tags."""
    path = model_file(model_dir(), MODEL_TRAIN90)
    model = read_model(path)
    scoring = build_extractor().scoring(model)
    naming = build_extractor()
    sentences = [tokens for tokens, _ in read_tagged(shared_dir / "data/anercorp/dev10.txt")]
    ours = model.decode([scores for _, scores in scoring.emissions(sentences)])
    theirs = _pycrfsuite_tags(path, [naming.sentence(tokens) for tokens in sentences])
    assert ours == theirs


@pytest.mark.parametrize("content", [b"", b"not a model", b"lCRF" + bytes(60)])
def test_crf_model_unreadable_file_is_a_model_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "bad.crfsuite"
    path.write_bytes(content)
    with pytest.raises(ModelError, match="cannot read the NER model"):
        read_model(path)


def test_crf_model_is_a_plain_linear_chain(toy_model: Path) -> None:
    model = read_model(toy_model)
    assert isinstance(model, LinearChain)
    n = len(model.labels)
    assert model.transitions.shape == (n, n)
    assert model.state.shape == (len(model.attributes) + 1, n)
    assert not model.state[-1].any()
