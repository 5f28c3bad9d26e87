from __future__ import annotations

import pytest

from marsad.analyse.ner.tagger import MAX_SENTENCE_TOKENS, MODEL_TRAIN90, load_tagger


def test_tagger_tags_a_plain_sentence() -> None:
    tokens = ["وصل", "الوفد", "إلى", "القاهرة", "قادما", "من", "بيروت", "."]
    tags = load_tagger().tag(tokens)
    assert tags[3] == "B-LOC"
    assert tags[6] == "B-LOC"


def test_tagger_one_tag_per_token_for_long_sentences() -> None:
    tokens = ["قال", "الرئيس", "ماكرون", "في", "باريس"] * (3 * MAX_SENTENCE_TOKENS)
    tags = load_tagger().tag(tokens)
    assert len(tags) == len(tokens)
    assert tags[-1] == "B-LOC"


@pytest.mark.parametrize(
    "tokens",
    [[], ["\u200b"], ["hello", "world"], ["٪", "☃", "𝔸", "ـــ", "\x00", "🙂"], ["ً"]],
)
def test_tagger_odd_tokens(tokens: list[str]) -> None:
    tags = load_tagger().tag(tokens)
    assert len(tags) == len(tokens)
    assert all(t == "O" or t[:2] in ("B-", "I-") for t in tags)


def test_tagger_models_load_once() -> None:
    assert load_tagger() is load_tagger()
    assert load_tagger(MODEL_TRAIN90) is not load_tagger()
