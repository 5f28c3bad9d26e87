from __future__ import annotations

import pytest

from marsad.extract.agencies import agency_name
from marsad.extract.sources import (
    add_source_lines,
    find_byline_sources,
    find_text_sources,
    split_credit,
)
from marsad.model import Document


def sources(doc: Document) -> set[tuple[str, str]]:
    return {(s.name, s.role) for s in doc.sources}


@pytest.mark.parametrize(
    ("credit", "canonical"),
    [
        ("أ ف ب", "فرانس برس"),
        ("أ.ف.ب", "فرانس برس"),
        ("(رويترز)", "رويترز"),
        ("د ب أ", "د ب أ"),
        ("واس", "واس"),
        ("وكالة الأناضول", "الأناضول"),
        ("AFP", "فرانس برس"),
        ("الجزيرة", None),
    ],
)
def test_sources_agency_names(credit, canonical):
    assert agency_name(credit) == canonical


def test_sources_split_credit_line():
    assert split_credit("الجزيرة + وكالات") == ["الجزيرة", "وكالات"]
    assert split_credit("رويترز، أ ف ب") == ["رويترز", "أ ف ب"]


def test_sources_last_of_several_source_lines_is_the_publisher():
    doc = Document("d", "نص")
    add_source_lines(doc, ["الجزيرة + وكالات", "موقع الناشر"])
    assert sources(doc) == {
        ("الجزيرة", "origin"),
        ("وكالات", "origin"),
        ("موقع الناشر", "publisher"),
    }


def test_sources_single_source_line_is_the_origin():
    doc = Document("d", "نص")
    add_source_lines(doc, ["رويترز"])
    assert sources(doc) == {("رويترز", "origin")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("القاهرة (رويترز) - قال مسؤول إن الوفد وصل.", {("رويترز", "agency")}),
        ("(CNN)-- أعلنت الشركة عن منتج جديد.", {("CNN", "origin")}),
        ("واس - الرياض أعلنت الوزارة عن خطة.", {("واس", "agency")}),
        ("أعلنت الوزارة عن خطة جديدة. (أ ف ب)", {("فرانس برس", "agency")}),
        (
            'نشرت صحيفة "هآرتس" العبرية تقريرا قالت فيه إن الحكومة تدرس الخطة.',
            {("هآرتس", "origin")},
        ),
        ('وقال التقرير الذي ترجمته "عربي21" إن الأزمة تتفاقم.', {("عربي21", "translator")}),
        ("القاهرة (خاص) - عقد الاجتماع.", set()),
        ("قالت الوزارة إن الاجتماع عقد في (الرياض) أمس.", set()),
    ],
)
def test_sources_found_in_text(text, expected):
    doc = Document("d", text)
    find_text_sources(doc)
    assert sources(doc) == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("واس - الرياض", {("واس", "agency")}),
        ("لندن: «الشرق الأوسط»", {("الشرق الأوسط", "publisher")}),
        ("القاهرة - أحمد الريدي", set()),
    ],
)
def test_sources_bylines(byline, expected):
    doc = Document("d", "نص")
    find_byline_sources(doc, byline)
    assert sources(doc) == expected
