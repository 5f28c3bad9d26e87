from __future__ import annotations

import pytest

from marsad.analyse.ner.consistency import CONTEXT_SENTENCES, propagate


def test_consistency_spreads_a_label_to_untagged_occurrences() -> None:
    stems = [["قال", "الرئيس", "ماكرون", "امس"], ["ووصل", "ماكرون", "الي", "باريس"]]
    tags = [["O", "O", "B-PERS", "O"], ["O", "O", "O", "B-LOC"]]
    assert propagate(stems, tags)[1] == ["O", "B-PERS", "O", "B-LOC"]


def test_consistency_takes_the_majority_label_and_multiword_names() -> None:
    stems = [["نيو", "جيرسي"], ["نيو", "جيرسي"], ["نيو", "جيرسي"], ["في", "نيو", "جيرسي"]]
    tags = [["B-LOC", "I-LOC"], ["B-LOC", "I-LOC"], ["B-ORG", "I-ORG"], ["O", "O", "O"]]
    assert propagate(stems, tags)[3] == ["O", "B-LOC", "I-LOC"]


@pytest.mark.parametrize(
    ("stems", "tags"),
    [
        ([["في", "غزه"], ["في", "غزه"]], [["B-LOC", "O"], ["O", "O"]]),  # too short
        ([["بيت", "لحم"], ["بيت", "لحم"]], [["B-LOC", "I-LOC"], ["B-ORG", "O"]]),  # touches
    ],
)
def test_consistency_leaves_short_and_adjacent_words(
    stems: list[list[str]], tags: list[list[str]]
) -> None:
    assert propagate(stems, tags)[1] == tags[1]


@pytest.mark.parametrize(
    ("gap", "expected"), [(CONTEXT_SENTENCES - 1, "B-PERS"), (CONTEXT_SENTENCES, "O")]
)
def test_consistency_stays_within_the_window(gap: int, expected: str) -> None:
    stems = [["ماكرون"], *[["كلام"]] * gap, ["ماكرون"]]
    tags = [["B-PERS"], *[["O"]] * gap, ["O"]]
    assert propagate(stems, tags)[-1] == [expected]
