"""The Arabic search analyser: the same word in every spelling gives the same term."""

from __future__ import annotations

import pytest

from marsad.text.analyzer import analyze, prefix_term, stem, strip_clitics, term


@pytest.mark.parametrize(
    ("words", "why"),
    [
        (
            ["الأمريكي", "الأميركي", "الامريكي", "الأمريكى", "أمريكا", "وأمريكا", "وامريكا"],
            "variants",
        ),
        (["ترامب", "ترمب", "وترامب"], "variant table on stems"),
        (["وزير", "الوزير", "والوزير", "ووزير", "بوزير"], "و of وزير belongs to the word"),
        (["بغداد", "وبغداد", "ببغداد"], "ب of بغداد belongs to the word"),
        (["الرئيس", "والرئيس", "للرئيس", "بالرئيس"], "article with proclitics"),
        (["رفح", "برفح", "ورفح"], "one-letter proclitic"),
        (["الإسرائيلي", "الإسرائيليين", "إسرائيليون"], "nisba plural"),
        (["الحكومة", "حكومة", "والحكومة"], "teh marbuta folded after stemming"),
        (["مُؤْتَمَر", "مؤتمر", "مؤتمـــر"], "diacritics and tatweel"),
    ],
)
def test_analyzer_folds_forms_of_one_word(words, why):
    terms = {term(w) for w in words}
    assert len(terms) == 1, f"{why}: {dict(zip(words, map(term, words), strict=True))}"


@pytest.mark.parametrize(
    ("word", "expected"),
    [("وزير", "وزير"), ("بغداد", "بغداد"), ("وقال", "قال"), ("والأمريكي", "أمريكي")],
)
def test_analyzer_strips_only_clitics_that_are_not_part_of_the_word(word, expected):
    assert strip_clitics(word) == expected


def test_analyzer_stem_keeps_a_first_letter_snowball_would_strip():
    assert stem("وزير") == "وزير"  # Snowball alone: زير


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#مجلس_الأمن", [term("مجلس"), term("الأمن")]),
        ("ًٌٍَُ", []),
        ("COVID-19 Trump", ["covid", "19", "trump"]),
        ("١٢٣ قتيلا", ["123", term("قتيلا")]),
    ],
)
def test_analyzer_analyze_splits_and_folds(text, expected):
    assert analyze(text) == expected


def test_analyzer_different_words_stay_apart():
    assert len({term(w) for w in ("وزير", "زير", "بغداد", "غداد")}) == 4


def test_analyzer_prefix_term_is_not_stemmed():
    assert prefix_term("الأمريك") == "امريك"
