from __future__ import annotations

import numpy as np
import pytest

from marsad.analyse.ner.crf_model import LinearChain
from marsad.analyse.ner.features import FeatureExtractor
from marsad.analyse.ner.gazetteers import Countries, Country, Gazetteer
from marsad.analyse.ner.lexicon import lexicon_form, parse_lexicon


@pytest.fixture
def extractor() -> FeatureExtractor:
    lexicon = parse_lexicon(
        [
            "#word\tcount\tc64\tc256\temb",
            "واشنطن\t500\t3\t17\t1+,4-",
            "غزه\t400\t3\t18\t",
            "الرئيس\t900\t5\t40\t2+",
        ]
    )
    gazetteer = Gazetteer()
    gazetteer.add("loc_hand", ["البيت الأبيض"])
    gazetteer.add("loc_country", ["الولايات المتحدة", "أميركا"])
    us = Country("الولايات المتحدة", ("أميركي",), ("واشنطن",))
    countries = Countries(by_adjective={lexicon_form("أميركي"): us})
    return FeatureExtractor(lexicon, gazetteer, countries, {"الرئيس": "title"})


def test_features_lexicon_header_names_columns() -> None:
    lexicon = parse_lexicon(["#word\tcount\tc64\temb", "غزه\t7\t3\t1+,2-"])
    assert lexicon.count("غزه") == 7
    assert lexicon.classes("غزه") == ("3",)
    assert lexicon.signs("غزه") == ["1+", "2-"]
    assert lexicon.signs("مجهول") == []


@pytest.mark.parametrize(
    ("token", "form"), [("إسرائيلَ", "اسرائيل"), ("مكّة", "مكه"), ("٢٠٢٤", "0000")]
)
def test_features_lexicon_form_folds(token: str, form: str) -> None:
    assert lexicon_form(token) == form


def test_features_clitic_stripped_word_gets_the_stems_classes(extractor: FeatureExtractor) -> None:
    feats = extractor.sentence(["بواشنطن"])[0]
    assert "st=واشنطن" in feats
    assert "pre=ب" in feats
    assert "sc1=17" in feats
    assert "e=1+" in feats


def test_features_neighbours_triggers_and_lists(extractor: FeatureExtractor) -> None:
    feats = extractor.sentence(["قال", "الرئيس", "الأميركي", "جو", "في", "البيت", "الأبيض"])
    assert "-2:tr=title" in feats[3]
    assert "-1:nat" in feats[3]
    assert "ltr=title" in feats[3]
    assert "gB=loc_hand" in feats[5]
    assert "gI=loc_hand" in feats[6]


def test_features_quotes_mark_the_inside(extractor: FeatureExtractor) -> None:
    feats = extractor.sentence(["صحيفة", "«", "الغد", "»", "اليوم"])
    assert "inq" in feats[2]
    assert "inq" not in feats[4]


def _chain_over(names: set[str]) -> LinearChain:
    """A model with random weights for every name in ``names`` but one."""
    known = sorted(names)[1:]
    rng = np.random.default_rng(5)
    state = np.vstack([rng.normal(size=(len(known), 3)), np.zeros((1, 3))])
    return LinearChain(
        ("O", "B-LOC", "I-LOC"), {n: k for k, n in enumerate(known)}, state, np.zeros((3, 3))
    )


@pytest.mark.parametrize(
    "sentences",
    [
        [["قال", "الرئيس", "الأميركي", "جو", "في", "البيت", "الأبيض"]],
        [["صحيفة", "«", "الغد", "»"], [], ["غزة"], ["بواشنطن", "و", "غزة", "اليوم", "."]],
    ],
)
def test_features_scoring_extractor_scores_what_sentence_names(
    extractor: FeatureExtractor, sentences: list[list[str]]
) -> None:
    named = [extractor.sentence(tokens) for tokens in sentences]
    chain = _chain_over({name for lists in named for feats in lists for name in feats})
    scored = extractor.scoring(chain).emissions(sentences)
    for lists, (infos, scores) in zip(named, scored, strict=True):
        assert len(infos) == len(lists)
        assert np.allclose(scores, chain.scores(lists))


def test_features_prepared_types_score_as_one_by_one(extractor: FeatureExtractor) -> None:
    """A batch of new word types (``prepare``) gets exactly the scores of ``token``."""
    words = ["قال", "الرئيس", "الأميركي", "جو", "في", "البيت", "الأبيض", "غزة", "قال"]
    named = extractor.sentence(words)
    chain = _chain_over({name for feats in named for name in feats})
    one_by_one, batched = extractor.scoring(chain), extractor.scoring(chain)
    batched.prepare(words)
    for word in words:
        a, b = one_by_one.token(word).scores, batched.token(word).scores
        assert a is not None and b is not None and np.array_equal(a, b)


def test_features_scoring_extractor_keeps_no_names(extractor: FeatureExtractor) -> None:
    scoring = extractor.scoring(_chain_over({"b", "w=غزه"}))
    assert scoring.token("غزة").own == ()
    with pytest.raises(ValueError, match="no feature names"):
        scoring.sentence(["غزة"])
    with pytest.raises(ValueError, match="no weights"):
        extractor.emissions([["غزة"]])


def test_features_gazetteer_matches_filter_by_length_and_start() -> None:
    gazetteer = Gazetteer()
    gazetteer.add("loc_hand", ["البيت الأبيض"])
    gazetteer.add("loc_city", ["غزة"])
    forms = [lexicon_form(w) for w in ["غزة", "البيت", "الأبيض", "غزة"]]
    first = [(f,) for f in forms]
    every = gazetteer.matches(first, forms)
    assert [(m.start, m.end) for m in every] == [(0, 1), (1, 3), (3, 4)]
    assert gazetteer.matches(first, forms, min_tokens=2) == [
        m for m in every if m.end - m.start > 1
    ]
    assert gazetteer.matches(first, forms, starts=[1, 3]) == every[1:]


@pytest.mark.parametrize("token", ["", "\u200b", "𝔸𝔹", "ـــ", "\x00", "A.B.C", "😀", "١٢٣٤٥٦٧٨٩"])
def test_features_odd_tokens_do_not_fail(extractor: FeatureExtractor, token: str) -> None:
    assert extractor.sentence([token, "غزة"])[0]
