from __future__ import annotations

import pytest

from marsad.analyse.ner.conll import Row, read_rows, repair_iob2, score, sentences, spans


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["O", "B-PERS", "I-PERS", "O"], [(1, 3, "PERS")]),
        (["B-LOC", "B-LOC"], [(0, 1, "LOC"), (1, 2, "LOC")]),
        (["B-ORG", "I-ORG", "I-ORG"], [(0, 3, "ORG")]),
        (["B-ORG", "I-LOC"], [(0, 1, "ORG"), (1, 2, "LOC")]),
        (["I-MISC", "O"], [(0, 1, "MISC")]),
        ([], []),
    ],
)
def test_conll_spans(tags: list[str], expected: list[tuple[int, int, str]]) -> None:
    assert spans(tags) == expected


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["I-PERS", "I-PERS"], ["B-PERS", "I-PERS"]),
        (["B-ORG", "I-LOC"], ["B-ORG", "B-LOC"]),
        (["O", "I-LOC", "O"], ["O", "B-LOC", "O"]),
        (["B-LOC", "I-LOC"], ["B-LOC", "I-LOC"]),
    ],
)
def test_conll_repair_iob2(tags: list[str], expected: list[str]) -> None:
    assert repair_iob2(tags) == expected


def test_conll_score_exact_spans() -> None:
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"]]
    predicted = [["B-PERS", "O", "O", "B-LOC"]]
    scores = score(gold, predicted)
    assert scores["LOC"].f1 == 1.0
    assert scores["PERS"].true_pos == 0
    assert scores["micro"].precision == 0.5
    assert scores["micro"].recall == 0.5


def test_conll_score_empty_is_zero_not_error() -> None:
    scores = score([["O"]], [["O"]])
    assert scores["micro"].f1 == 0.0


def test_conll_read_rows_keeps_breaks_and_first_column() -> None:
    rows = list(read_rows(["غزة B-LOC x\n", "\n", "   \n", "في\n"]))
    assert rows == [Row("غزة", ("B-LOC", "x")), Row(None), Row(None), Row("في")]
    assert [[r.token for r in s] for s in sentences(rows)] == [["غزة"], ["في"]]
