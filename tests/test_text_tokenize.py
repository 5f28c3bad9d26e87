from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from marsad.text.tokenize import iter_words, split_sentences, tokenize


def test_tokenize_offsets_point_into_text():
    text = "قال وزيرُ الدفاع: «لن نتراجع» عن 3.5% من الخطة."
    for tok in tokenize(text):
        assert text[tok.start : tok.end] == tok.text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("ترجمته عربي21 أمس", ["ترجمته", "عربي21", "أمس"]),
        ("النمو بلغ 3.5% فقط", ["النمو", "بلغ", "3.5%", "فقط"]),
        ("الأمـــن مَرْصَد", ["الأمـــن", "مَرْصَد"]),
        ("#مجلس_الأمن", ["مجلس", "الأمن"]),
    ],
)
def test_tokenize_words(text, words):
    assert [t.text for t in iter_words(text)] == words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("جملة أولى. جملة ثانية", ["جملة أولى.", "جملة ثانية"]),
        ("هل انتهى؟ نعم! ربما… لا", ["هل انتهى؟", "نعم!", "ربما…", "لا"]),
        ("التوتر.. هل تقف المنطقة", ["التوتر..", "هل تقف المنطقة"]),
        ("أولاً؛ ثانياً", ["أولاً؛", "ثانياً"]),
        ("بلغ 3.5 مليون. انتهى", ["بلغ 3.5 مليون.", "انتهى"]),
        ("فقرة\nفقرة أخرى", ["فقرة", "فقرة أخرى"]),
        ('قال: "انتهى." ثم غادر', ['قال: "انتهى."', "ثم غادر"]),
        ("عاد د. أحمد إلى بيته.", ["عاد د. أحمد إلى بيته."]),
    ],
)
def test_tokenize_split_sentences(text, expected):
    assert [text[s.start : s.end] for s in split_sentences(text)] == expected


@given(st.text(max_size=400))
def test_tokenize_sentences_are_ordered_and_inside_text(text):
    last = 0
    for s in split_sentences(text):
        assert last <= s.start < s.end <= len(text)
        assert text[s.start : s.end].strip() == text[s.start : s.end]
        last = s.end
