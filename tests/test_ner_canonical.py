from __future__ import annotations

import pytest

from marsad.analyse.ner.canonical import (
    clean_name,
    entity_key,
    mention_bounds,
    name_split,
    offset_after_letters,
)
from marsad.analyse.ner.mentions import Mention, Tok


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("ترامب", "ترمب"),
        ("الأميركي", "الأمريكي"),
        ("نتنياهو", "نتانياهو"),
        ("إسرائيل", "اسرائيل"),
        ("دونالد ترامب", "دونالد ترمب"),
        ("مكّة", "مكه"),
    ],
)
def test_canonical_key_folds_spelling_variants(a: str, b: str) -> None:
    assert entity_key(a) == entity_key(b)


@pytest.mark.parametrize(("a", "b"), [("حامد", "حمد"), ("محمد", "محمود"), ("الأمن", "المن")])
def test_canonical_key_keeps_distinct_names_apart(a: str, b: str) -> None:
    assert entity_key(a) != entity_key(b)


@pytest.mark.parametrize(
    ("mention", "name"),
    [('"عربي21"', "عربي21"), ("«الأهرام»", "الأهرام"), ("  تل   أبيب ", "تل أبيب")],
)
def test_canonical_clean_name(mention: str, name: str) -> None:
    assert clean_name(mention) == name


@pytest.mark.parametrize(
    ("text", "n", "index"), [("وغزة", 1, 1), ("وَغزة", 1, 2), ("بـواشنطن", 1, 2)]
)
def test_canonical_offset_after_letters_skips_marks(text: str, n: int, index: int) -> None:
    assert offset_after_letters(text, n) == index


def _tok(form: str, prefix: str = "", stem: str | None = None) -> Tok:
    return Tok(form, 0, len(form), form, stem or form, prefix, 0, None)


@pytest.mark.parametrize(
    ("tok", "entity_forms", "listed", "expected"),
    [
        (_tok("وغالانت"), {"غالانت"}, set(), ("و", "غالانت")),  # seen alone in the document
        (_tok("وليد", "ول", "يد"), set(), set(), ("", "وليد")),  # stem too short for a name
        (_tok("بواشنطن", "ب", "واشنطن"), set(), set(), ("ب", "واشنطن")),  # corpus frequency
        (_tok("كمال", "ك", "مال"), set(), {"كمال"}, ("", "كمال")),  # a listed name
    ],
)
def test_canonical_name_split(
    tok: Tok, entity_forms: set[str], listed: set[str], expected: tuple[str, str]
) -> None:
    assert name_split(tok, entity_forms, listed) == expected


def test_canonical_mention_bounds_cut_clitics_and_fused_article() -> None:
    text = "ووزارة للأمم"
    toks = [
        Tok("ووزارة", 0, 6, "ووزاره", "وزاره", "و", 0, None),
        Tok("للأمم", 7, 12, "للامم", "الامم", "ل", 0, None),
    ]
    assert mention_bounds(text, toks, Mention(0, 1, "ORG")) == (1, 6, "وزارة")
    assert mention_bounds(text, toks, Mention(1, 2, "ORG")) == (7, 12, "الأمم")
