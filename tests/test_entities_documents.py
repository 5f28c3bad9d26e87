"""Document-level entity scoring (marsad.analyse.ner.documents) on hand-made cases."""

from __future__ import annotations

import pytest

from marsad.analyse.ner.documents import names_match, score_documents
from marsad.model import EntitySpan


def _ent(label: str, name: str) -> EntitySpan:
    return EntitySpan(0, len(name), label, text=name, canonical=name)


@pytest.mark.parametrize(
    ("gold", "found", "strict", "lenient"),
    [
        ("دونالد ترامب", "دونالد ترامب", True, True),
        ("الأمم المتحدة", "الامم المتحده", True, True),  # the seed folding
        ("دونالد ترامب", "ترامب", False, True),  # a whole-word suffix
        ("الأمم المتحدة", "منظمة الأمم المتحدة", False, True),
        ("ترامب", "ترام", False, False),  # not a whole word
        ("غزة", "غزة هاشم", False, True),
    ],
)
def test_names_match(gold, found, strict, lenient):
    assert names_match(gold, found) is strict
    assert names_match(gold, found, lenient=True) is lenient


def test_score_documents_counts_types_and_one_match_per_name():
    gold = {"PERS": ["سمير حداد", "ليلى نور"], "ORG": ["الأمم المتحدة"], "LOC": ["غزة"]}
    found = [
        _ent("PERS", "سمير حداد"),
        _ent("PERS", "حداد"),  # the same person, a shorter name: an extra, not a second hit
        _ent("ORG", "الأمم المتحدة"),
        _ent("LOC", "رفح"),
        _ent("MISC", "كأس العالم"),  # not scored
    ]
    scores, errors = score_documents([("a1", gold, found)])
    assert (scores["PERS"].true_pos, scores["PERS"].predicted, scores["PERS"].gold) == (1, 2, 2)
    assert (scores["LOC"].true_pos, scores["LOC"].predicted, scores["LOC"].gold) == (0, 1, 1)
    assert (scores["micro"].true_pos, scores["micro"].predicted, scores["micro"].gold) == (2, 4, 4)
    assert ("a1", "PERS", "ليلى نور") in errors.missed
    assert ("a1", "LOC", "رفح") in errors.extra
    lenient, _ = score_documents([("a1", gold, found)], lenient=True)
    assert lenient["PERS"].true_pos == 1  # حداد cannot also take ليلى نور
