from __future__ import annotations

import pytest

from marsad.extract.page import read_page, repair_glued_labels

BODY = "\n".join(["هذه فقرة من متن الخبر تتحدث عن موضوع ما بتفصيل كاف للقارئ."] * 6)


def test_page_repairs_labels_glued_by_scraping():
    assert repair_glued_labels("وكالاتالمصدر: صحيفة") == "وكالات\nالمصدر: صحيفة"
    assert repair_glued_labels("نهاية الخبر.إقرأ أيضاً:") == "نهاية الخبر.\nإقرأ أيضاً:"


def test_page_leaves_ordinary_words_alone():
    text = "قال المصدر إن الوفد وصل"
    assert repair_glued_labels(text) == text


@pytest.mark.parametrize(
    "marker",
    [
        "إقرأ أيضاً:",
        "اقرأ أيضا",
        "اقرأ ايضاً :",
        "اقرأ المزيد",
        "مواضيع ذات صلة",
        "شاهد أيضا:",
        "أخبار ذات صلة",
        "طالع أيضا",
        "قد يهمك أيضا",
    ],
)
def test_page_splits_at_read_also_markers(marker):
    page = f"عنوان الخبر الأول\n{BODY}\n{marker}\nعنوان الخبر الثاني\n{BODY}"
    segments = read_page(page)
    assert [s.role for s in segments] == ["main", "related"]
    assert segments[0].title == "عنوان الخبر الأول"
    assert segments[1].title == "عنوان الخبر الثاني"
    assert marker.split()[0] not in segments[0].body


def test_page_keeps_short_related_lists_as_titles():
    page = f"عنوان\n{BODY}\nاقرأ أيضا:\nعنوان مرتبط أول\nعنوان مرتبط ثان"
    segments = read_page(page)
    assert len(segments) == 1
    assert segments[0].related_titles == ["عنوان مرتبط أول", "عنوان مرتبط ثان"]


LEAD = "قال المتحدث باسم الوزارة إن الاجتماع بحث الملفات العالقة بين البلدين."
REST = "وتابع المتحدث أن الجانبين اتفقا على مواصلة المشاورات خلال الأسابيع المقبلة."


@pytest.mark.parametrize("marker", ["قد يهمك/\xa0", "قد يهمك| ", "اقرأ أيضا: "])
def test_one_article_keeps_going_after_an_inline_teaser(marker):
    text = f"{LEAD}\n{marker}عنوان خبر آخر عن موضوع مختلف\n{REST}\n{BODY}"
    (seg,) = read_page(text, has_title=False, one_article=True)
    assert seg.related_titles == ["عنوان خبر آخر عن موضوع مختلف"]
    assert seg.body == f"{LEAD}\n{REST}\n{BODY}"


def test_one_article_takes_the_headlines_after_a_bare_marker():
    text = f"{LEAD}\nاقرأ أيضاً:\nعنوان مرتبط أول\nعنوان مرتبط ثان\n{REST}\n{BODY}"
    (seg,) = read_page(text, has_title=False, one_article=True)
    assert seg.related_titles == ["عنوان مرتبط أول", "عنوان مرتبط ثان"]
    assert seg.body == f"{LEAD}\n{REST}\n{BODY}"


def test_a_page_still_splits_where_one_article_does_not():
    text = f"{LEAD}\n{BODY}\nقد يهمك/ عنوان الخبر الثاني\n{BODY}"
    assert [s.role for s in read_page(text, has_title=False)] == ["main", "related"]
    assert len(read_page(text, has_title=False, one_article=True)) == 1


def test_page_takes_labels_out_of_the_body():
    page = (
        f"عنوان الخبر\nتاريخ النشر: 26 آذار 2024\nبقلم: أحمد علي\n{BODY}\n"
        "آخر تحديث: 27 آذار 2024\nالمصدر: وكالات"
    )
    (seg,) = read_page(page)
    assert seg.date_text == "26 آذار 2024"
    assert seg.modified_text == "27 آذار 2024"
    assert seg.bylines == [("بقلم", "أحمد علي")]
    assert seg.source_lines == ["وكالات"]
    assert seg.body == BODY


def test_page_without_title_line():
    page = "هذه فقرة طويلة جدا " * 10 + "."
    (seg,) = read_page(page)
    assert seg.title is None
    assert seg.body.startswith("هذه فقرة")


def test_page_no_title_mode_for_records():
    (seg,) = read_page(f"سطر قصير\n{BODY}", has_title=False)
    assert seg.title is None
    assert seg.body.startswith("سطر قصير")


@pytest.mark.parametrize(
    ("lead", "place"),
    [
        ("الولايات المتحدة – انطلقت المباحثات أمس.", "الولايات المتحدة"),
        ("القاهرة (رويترز) - قال مسؤول إن الوفد وصل.", "القاهرة"),
        ("واشنطن -- أعلن البيت الأبيض خطة جديدة.", "واشنطن"),
        ("قال الوزير إن الخطة - كما وصفها - ناجحة.", None),
        ("أعلنت الوزارة عن خطة جديدة.", None),
    ],
)
def test_page_records_leading_dateline(lead, place):
    (seg,) = read_page(f"عنوان\n{lead}\n{BODY}")
    assert seg.dateline == place
    assert seg.body.startswith(lead)
