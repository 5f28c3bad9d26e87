from __future__ import annotations

import pytest

from marsad.analyse.ner.clitics import best_split, splits, without_article

COUNTS = {"واشنطن": 5000, "بواشنطن": 300, "غزه": 3000, "الامم": 900, "وزير": 9000, "زير": 10}


@pytest.mark.parametrize(
    ("form", "expected"),
    [
        ("بواشنطن", ("ب", "واشنطن")),
        ("واشنطن", ("", "واشنطن")),
        ("وغزه", ("و", "غزه")),
        ("للامم", ("ل", "الامم")),
        ("وزير", ("", "وزير")),
        ("مجهول", ("", "مجهول")),
    ],
)
def test_clitics_best_split_uses_frequency(form: str, expected: tuple[str, str]) -> None:
    assert best_split(form, lambda w: COUNTS.get(w, 0)) == expected


def test_clitics_splits_lists_the_whole_form_first() -> None:
    readings = splits("وبالبيت")
    assert readings[0] == ("", "وبالبيت")
    assert ("وب", "البيت") in readings


@pytest.mark.parametrize(("stem", "bare"), [("الامم", "امم"), ("ال", "ال"), ("غزه", "غزه")])
def test_clitics_without_article(stem: str, bare: str) -> None:
    assert without_article(stem) == bare
