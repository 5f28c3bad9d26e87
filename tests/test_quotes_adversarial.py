"""Hostile text: the extractor returns sensible spans, never an error, in bounded time."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.analyse.quotes import extract_quotes
from marsad.model import QuoteSpan


def _check_spans(text: str, quotes: list[QuoteSpan]) -> None:
    for quote in quotes:
        assert 0 <= quote.start <= quote.end <= len(text)
        assert text[quote.start : quote.end] == quote.content
        assert quote.label in ("direct", "indirect", "mixed")
        assert quote.speaker_type in ("PERS", "ORG", "ANON")


@pytest.mark.parametrize(
    "text",
    [
        'قال الوزير إن "الوضع صعب. وأضاف أن الحل قريب.',
        'وقال الوزير: «لن نتراجع. ثم قال المتحدث " إن الأمر انتهى».',
        "”قال الوزير إن الوضع صعب“ و“أضاف",
        '""""""',
        "وقال:",
        "قال",
        "",
        "،،، : : «» “” ..",
        "وأضاف: \n\n",
    ],
)
def test_adversarial_unbalanced_marks_and_empty_cues(text):
    _check_spans(text, extract_quotes(text))


def test_adversarial_cue_without_content_gives_nothing():
    assert extract_quotes("وقال الوزير.") == []
    assert extract_quotes("وأضاف:") == []


def test_adversarial_five_thousand_word_quote():
    body = " ".join(["كلمة"] * 5000)
    text = f'وقال الرئيس سعيد ناصر: "{body}". وأضاف أن الجلسة انتهت.'
    started = time.perf_counter()
    quotes = extract_quotes(text)
    assert time.perf_counter() - started < 2.0
    _check_spans(text, quotes)
    assert quotes[0].label == "direct"
    assert len(quotes[0].content.split()) == 5000
    assert [q.speaker for q in quotes] == ["سعيد ناصر", "سعيد ناصر"]


def test_adversarial_nested_quotes_are_one_quote():
    text = 'وقال المحلل سامي رضا: "أخبرني الوزير أمس «لن نستسلم أبدا» ثم غادر القاعة".'
    quotes = extract_quotes(text)
    _check_spans(text, quotes)
    assert len(quotes) == 1
    assert "«لن نستسلم أبدا»" in quotes[0].content


def test_adversarial_poetry_lines_with_colons():
    text = (
        "وأنشد الشاعر قائلا:\n"
        "يا ليل الصب متى غده: أقيام الساعة موعده\n"
        "رقد السمار فأرقه: أسف للبين يردده\n"
        "وقال الناقد علي حسن إن القصيدة خالدة."
    )
    quotes = extract_quotes(text)
    _check_spans(text, quotes)
    assert quotes[-1].speaker == "علي حسن"
    assert quotes[-1].content == "القصيدة خالدة"


_WORDS = [
    "قال",
    "وأضاف",
    "إن",
    "أن",
    "الوزير",
    "مسؤول",
    "بحسب",
    "مضيفا",
    ":",
    "،",
    ".",
    '"',
    "«",
    "»",
    "“",
    "”",
    "\n",
    "-",
    "(",
    ")",
    "الشرطة",
    "وفقا",
    "لـ",
    "#",
    "التقرير",
    "نفسه",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), max_size=60))
def test_adversarial_random_token_soup(words):
    text = " ".join(words)
    _check_spans(text, extract_quotes(text))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_adversarial_random_unicode(text):
    _check_spans(text, extract_quotes(text))


@pytest.mark.parametrize("odd", ["ـــ", "\u0640\u064e\u0640", "ـ"])
def test_quotes_adversarial_words_that_fold_to_nothing(odd):
    """Tokens of only tatweel or marks (seen in ANT Jawhara FM) must not break the rules."""
    text = f"وقال الوزير {odd} إن الخطة ستنفذ قريبا، مضيفا أن {odd} التمويل متوفر."
    quotes = extract_quotes(text)
    assert quotes and all(0 <= q.start < q.end <= len(text) for q in quotes)
