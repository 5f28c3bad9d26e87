from __future__ import annotations

import numpy as np
import pytest

from marsad.errors import ConfigError
from marsad.stories.minhash import (
    LshParams,
    MinHasher,
    containment,
    jaccard,
    match_words,
    shingles,
)

TEXT = "أعلنت وزارة الصحة اليوم تسجيل حالات جديدة في منطقة الرياض وتماثل حالتين للشفاء"


def test_minhash_match_words_fold_spelling():
    assert match_words("أعلنت وزارةُ الصحة ٣ حالات") == ["اعلنت", "وزاره", "الصحه", "3", "حالات"]


def test_minhash_shingles_are_sorted_unique_and_deterministic():
    words = match_words(TEXT)
    first, again = shingles(words), shingles(list(words))
    assert np.array_equal(first, again)
    assert list(first) == sorted(set(first.tolist()))
    assert len(first) == len(words) - 2


@pytest.mark.parametrize(("words", "count"), [([], 0), (["واحد"], 1), (["واحد", "اثنان"], 1)])
def test_minhash_shingles_of_short_texts(words, count):
    assert len(shingles(words)) == count


def test_minhash_exact_similarities():
    a = shingles(match_words(TEXT))
    b = shingles(match_words(TEXT + " وقالت الوزارة إن الوضع مستقر"))
    assert jaccard(a, a) == 1.0
    assert containment(a, b) == 1.0
    assert 0.5 < jaccard(a, b) < 1.0


@pytest.mark.parametrize(("threshold", "rows_at_least"), [(0.3, 2), (0.8, 8)])
def test_minhash_lsh_params_derived_from_threshold(threshold, rows_at_least):
    params = LshParams.for_threshold(threshold)
    assert params.bands * params.rows <= params.num_perm
    assert params.rows >= rows_at_least


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"threshold": 0.0}, "threshold"),
        ({"threshold": 1.5}, "threshold"),
        ({"threshold": 0.5, "num_perm": 1}, "num_perm"),
        ({"threshold": 0.5, "weights": (0.9, 0.9)}, "weights"),
    ],
)
def test_minhash_lsh_params_validate(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        LshParams.for_threshold(**kwargs)


def test_minhash_signature_estimates_jaccard():
    hasher = MinHasher(LshParams.for_threshold(0.5))
    a = shingles(match_words(TEXT * 3 + " نهاية أولى"))
    b = shingles(match_words(TEXT * 3 + " خاتمة ثانية مختلفة"))
    sa, sb = hasher.signature(a), hasher.signature(b)
    estimate = float(np.mean(sa == sb))
    assert abs(estimate - jaccard(a, b)) < 0.15


def test_minhash_bands_are_deterministic_and_named():
    hasher = MinHasher(LshParams.for_threshold(0.5))
    sig = hasher.signature(shingles(match_words(TEXT)))
    again = MinHasher(LshParams.for_threshold(0.5)).signature(shingles(match_words(TEXT)))
    assert hasher.bands(sig, "text") == hasher.bands(again, "text")
    assert not set(hasher.bands(sig, "text")) & set(hasher.bands(sig, "lead"))
    assert len(hasher.bands(sig, "text")) == hasher.params.bands


def test_minhash_seed_validated():
    with pytest.raises(ConfigError, match="seed"):
        MinHasher(LshParams.for_threshold(0.5), seed=-1)
