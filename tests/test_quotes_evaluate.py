"""The matching rule of the seed README, as the quote evaluation applies it."""

from __future__ import annotations

import pytest

from marsad.analyse.quotes.evaluate import overlap, score_all, speakers_agree, speakers_nest
from marsad.model import QuoteSpan


def _q(content: str, speaker: str) -> QuoteSpan:
    return QuoteSpan(0, len(content), "indirect", content=content, speaker=speaker)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("لويد أوستن", "لويد اوستن", True),
        ("وزارة الدفاع", "وزاره الدفاع", True),
        ("إيران وروسيا", "روسيا وإيران", True),
        ("لويد أوستن", "أوستن", False),
    ],
)
def test_evaluate_speakers_agree_after_folding(a, b, same):
    assert speakers_agree(a, b) is same


def test_evaluate_overlap_counts_gold_words():
    assert overlap("الحوار هو الطريق الوحيد", "إن الحوار هو الطريق") == 0.75
    assert overlap("الحوار هو الطريق الوحيد", "شيء آخر") == 0.0


def test_evaluate_each_gold_quote_matches_once():
    gold = [_q("الحوار هو الطريق الوحيد", "جان دوبون")]
    found = [_q("الحوار هو الطريق الوحيد", "جان دوبون"), _q("الحوار هو الطريق", "جان دوبون")]
    score = score_all([("a", gold, found)])
    assert (score.matched, score.precision, score.recall) == (1, 0.5, 1.0)


def test_evaluate_wrong_speaker_counts_against_accuracy_not_content():
    gold = [_q("الحوار هو الطريق الوحيد", "جان دوبون")]
    found = [_q("الحوار هو الطريق الوحيد", "مسؤول فرنسي")]
    score = score_all([("a", gold, found)])
    assert (score.matched, score.content_matched, score.speaker_accuracy) == (0, 1, 0.0)


@pytest.mark.parametrize(
    ("a", "b", "nested"),
    [
        ("منظمة هيومن رايتس ووتش", "هيومن رايتس ووتش", True),
        ("أوستن", "لويد اوستن", True),
        ("لويد أوستن", "لويد أوستن", True),
        ("لندي وليامز", "ندي وليامز", False),  # a letter lost is another name
        ("أنور قرقاش", "الوزير الإماراتي", False),
        ("رايتس", "", False),
    ],
)
def test_evaluate_speakers_nest_when_one_form_runs_inside_the_other(a, b, nested):
    assert speakers_nest(a, b) is nested


def test_evaluate_lenient_speaker_accuracy_accepts_another_form_of_the_name():
    gold = [_q("الحوار هو الطريق الوحيد", "جان دوبون"), _q("لا حل عسكريا للأزمة", "جان دوبون")]
    found = [_q("الحوار هو الطريق الوحيد", "دوبون"), _q("لا حل عسكريا للأزمة", "مسؤول فرنسي")]
    score = score_all([("a", gold, found)])
    assert (score.matched, score.speaker_accuracy, score.speaker_accuracy_lenient) == (0, 0.0, 0.5)
