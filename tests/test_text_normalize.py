from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.text import normalize as n


@pytest.mark.parametrize(
    ("func", "raw", "expected"),
    [
        (n.remove_diacritics, "مَرْصَدٌ", "مرصد"),
        (n.remove_diacritics, "الرَّئِيسُ", "الرئيس"),
        (n.remove_tatweel, "الأمـــــن", "الأمن"),
        (n.normalize_alef, "أحمد إلى آخر ٱلله", "احمد الى اخر الله"),
        (n.normalize_alef_maqsura, "مستشفى على", "مستشفي علي"),
        (n.normalize_teh_marbuta, "مدينة الرياضة", "مدينه الرياضه"),
        (n.normalize_digits, "١٥ رمضان ١٤٤٥", "15 رمضان 1445"),
        (n.normalize_digits, "۲۰۲۴", "2024"),
        (n.normalize_digits, "٣٫٥٪", "3.5%"),
        (n.normalize_quotes, "«نعم» “لا” „ربما‟", '"نعم" "لا" "ربما"'),
        (n.remove_invisibles, "غزة\u200f\u200b و\u202bرفح\u202c\ufeff", "غزة ورفح"),
        (n.normalize_spaces, "أ\u00a0\u00a0ب\r\n\r\n\r\nج  ", "أ ب\n\nج"),
        (n.nfkc_safe, "\ufefb\ufe8e", "لاا"),  # presentation forms → letters
        (n.nfkc_safe, "\ufdfa", "\ufdfa"),  # the ṣallā ligature is left alone
    ],
)
def test_normalize_function(func, raw, expected):
    assert func(raw) == expected


def test_normalize_display_text_keeps_diacritics_and_quote_styles():
    text = "قالَ: “حتى عودة”  «الرهائن»\u200f"
    assert n.display_text(text) == "قالَ: “حتى عودة” «الرهائن»"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("وزير الدفاع الأميركي", "وزير الدفاع الاميركى"),
        ("إسرائيل", "اسرائيل"),
        ("مَدِينَةُ رَفَح", "مدينه رفح"),
        ("٢٧ آذار ٢٠٢٤", "27 اذار 2024"),
        ("«غزة»", '"غزه"'),
    ],
)
def test_normalize_match_key_folds_variants(a, b):
    assert n.match_key(a) == n.match_key(b)


def test_normalize_match_key_keeps_distinct_words_apart():
    assert n.match_key("قال") != n.match_key("قالت")


@given(st.text(max_size=300))
def test_normalize_match_key_is_idempotent(text):
    key = n.match_key(text)
    assert n.match_key(key) == key


@given(st.text(max_size=300))
def test_normalize_display_text_is_idempotent(text):
    once = n.display_text(text)
    assert n.display_text(once) == once


@given(st.text(max_size=300))
def test_normalize_match_key_equals_the_composed_steps(text):
    composed = n.collapse_spaces(
        n.normalize_quotes(
            n.normalize_digits(n.fold_letters(n.remove_invisibles(n.nfkc_safe(text))))
        ).casefold()
    )
    assert n.match_key(text) == composed
