"""HTML extraction: the gold pages of ../shared/data/html and hand-made pages per signal."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

import marsad.formats  # noqa: F401
from marsad import service
from marsad.errors import RejectedInput
from marsad.extract.documents import extract_record
from marsad.extract.html_clean import clean_body, is_boilerplate
from marsad.extract.html_meta import strip_site_name
from marsad.ingest.html import html_record
from marsad.model import Document, Rejection
from marsad.text.normalize import match_key

TABLE = Path(__file__).parent / "data" / "html_pages.tsv"
BODY = (
    "أعلنت وزارة الصحة اليوم عن خطة جديدة لتطوير المستشفيات في المدن الكبرى خلال العام المقبل. " * 4
)


def _rows() -> list[dict[str, str]]:
    lines = [ln for ln in TABLE.read_text("utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t"))


@pytest.fixture(scope="module")
def gold(shared_dir: Path) -> dict[str, dict[str, Any]]:
    path = shared_dir / "data" / "html" / "gold.jsonl"
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return {row["file"]: row for row in rows}


@pytest.fixture(scope="module")
def extracted(shared_dir: Path) -> dict[str, Document | Rejection]:
    """Every page of the folder through the public service, as `marsad extract` runs it."""
    folder = shared_dir / "data" / "html"
    results = service.extract_paths([str(p) for p in sorted(folder.glob("*.html"))], analyse=None)
    return {Path(r.origin).name: r for r in results}


def test_extract_html_table_covers_every_page(shared_dir, gold):
    pages = {p.name for p in (shared_dir / "data" / "html").glob("*.html")}
    assert {row["file"] for row in _rows()} == pages == set(gold)


@pytest.mark.parametrize("row", _rows(), ids=lambda r: r["file"])
def test_extract_html_gold_page(row, gold, extracted):
    result = extracted[row["file"]]
    if row["outcome"] != "kept":
        assert isinstance(result, Rejection) and result.reason == row["outcome"]
        return
    assert isinstance(result, Document), result
    expected = gold[row["file"]]
    if expected.get("gold_date"):
        assert row["published"] == expected["gold_date"]
    assert result.published is not None and result.published[:10] == row["published"]
    assert result.provenance["published"] == row["signal"]
    assert result.modified is not None and result.modified[:10] == row["modified"]
    assert result.title
    if row["title"] == "gold":
        assert match_key(result.title) == match_key(expected["gold_title"])
    for name in result.meta.get("site_name", ""), "اليوم السابع", "CNNArabic":
        assert not name or not result.title.endswith(name)
    if row["text"] == "gold-equal":
        assert match_key(result.text) == match_key(expected["gold_text"])
    elif row["text"] == "gold-prefix":
        assert match_key(result.text).startswith(match_key(expected["gold_text"]))
    assert result.url == expected["url"] or result.provenance["url"] == "canonical"


def test_extract_html_cnn_date_comes_from_the_url_and_update_line_is_modified(extracted):
    doc = extracted["newspaper4k_arabic_article.html"]
    assert isinstance(doc, Document)
    assert doc.provenance["published"] == "url"
    assert doc.provenance["modified"] == "visible-text:updated"
    assert "CNN بالعربية" not in doc.text  # the comment-policy footer is gone


def test_extract_html_persian_page_is_rejected(extracted):
    result = extracted["persian_1523806243.html"]
    assert isinstance(result, Rejection) and result.reason == "not_arabic"


def _page(head: str = "", body: str = "", url: str | None = None) -> Document:
    html = f"<html lang='ar'><head>{head}</head><body>{body}</body></html>"
    record = html_record(html.encode("utf-8"), "<test>", url=url)
    return extract_record(record)[0]


def _article(pre: str = "", post: str = "", h1: str = "عنوان الخبر التجريبي") -> str:
    return f"{pre}<article><h1>{h1}</h1>{post}<p>{BODY}</p><p>{BODY}</p></article>"


@pytest.mark.parametrize(
    ("head", "body", "url", "published", "signal"),
    [
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2021-03-04T10:00:00+03:00"}</script>'
            '<meta property="article:published_time" content="2021-03-05T10:00:00Z">',
            _article(),
            None,
            "2021-03-04T10:00:00+03:00",
            "json-ld:datePublished",
        ),
        (
            '<meta property="article:published_time" content="2021-03-05T10:00:00Z">',
            _article(post="<time datetime='2021-03-06'>6</time>"),
            None,
            "2021-03-05T10:00:00+00:00",
            "meta:article:published_time",
        ),
        (
            "",
            _article(post="<time datetime='2021-03-06'>٦ مارس</time>"),
            None,
            "2021-03-06",
            "time:datetime",
        ),
        (
            "",
            _article(post="<div>نشر في ١٢ رمضان ١٤٤٥ هـ</div>"),
            None,
            "2024-03-22",
            "visible-text",
        ),
        ("", _article(post="<div>19 مايو/أيار 2025</div>"), None, "2025-05-19", "visible-text"),
        ("", _article(), "https://example.com/news/2019/07/09/slug", "2019-07-09", "url"),
        # the "today" banner above the headline is not the article's date
        ("", _article(pre="<div>اليوم: الأحد 5 يناير 2025</div>"), None, None, None),
    ],
)
def test_extract_html_date_cascade(head, body, url, published, signal):
    doc = _page(head, body, url)
    assert doc.published == published
    assert doc.provenance.get("published") == signal


def test_extract_html_update_line_gives_modified_not_published():
    doc = _page(body=_article(post="<div>نشر في: 3 فبراير 2022 - آخر تحديث: 5 فبراير 2022</div>"))
    assert (doc.published, doc.modified) == ("2022-02-03", "2022-02-05")
    assert doc.provenance["modified"] == "visible-text:updated"


def test_extract_html_title_prefers_structured_data_and_drops_the_site_name():
    head = (
        '<meta property="og:site_name" content="صدى البلد">'
        '<meta property="og:title" content="الحكومة تعلن خطة جديدة - قناة صدى البلد">'
        "<title>عنوان آخر | صدى البلد</title>"
    )
    doc = _page(head, _article(h1="عنوان من الصفحة"))
    assert doc.title == "الحكومة تعلن خطة جديدة"
    assert doc.provenance["title"] == "meta:og:title"


@pytest.mark.parametrize(
    ("title", "sites", "expected"),
    [
        ("المدينة نيوز - ارتفاع أسعار النفط عالميا", [], "ارتفاع أسعار النفط عالميا"),
        ("ارتفاع أسعار النفط عالميا - قناة صدى البلد", ["صدى البلد"], "ارتفاع أسعار النفط عالميا"),
        ("ارتفاع أسعار النفط عالميا | CNNArabic.com", [], "ارتفاع أسعار النفط عالميا"),
        ("وزير الري يشهد توقيع عقد - اليوم السابع", ["اليوم السابع"], "وزير الري يشهد توقيع عقد"),
        ("السيسي - ماكرون: قمة في باريس", [], "السيسي - ماكرون: قمة في باريس"),
    ],
)
def test_extract_html_strip_site_name(title, sites, expected):
    assert strip_site_name(title, sites) == expected


def test_extract_html_clean_body_cuts_read_also_runs_boilerplate_and_captions():
    text = "\n".join(
        [
            "الفقرة الأولى من الخبر عن الاقتصاد.",
            "اقرأ أيضاً: عنوان خبر آخر عن النفط",
            "الفقرة الثانية من الخبر. اقرأ المزيد: عنوان ثالث",
            "مواضيع ذات صلة",
            "عنوان مرتبط أول",
            "عنوان مرتبط ثان",
            "الفقرة الثالثة من الخبر وهي طويلة بما يكفي لتكون نصا عاديا من متن الخبر.",
            "شارك",
            "فيسبوك تويتر واتساب",
            "تابعونا على تويتر",
            "صورة أرشيفية للوزير",
            "كتب: أحمد علي",
        ]
    )
    cleaned = clean_body(text, ["صورة أرشيفية للوزير"], [])
    assert cleaned.body.split("\n") == [
        "الفقرة الأولى من الخبر عن الاقتصاد.",
        "الفقرة الثانية من الخبر.",
        "الفقرة الثالثة من الخبر وهي طويلة بما يكفي لتكون نصا عاديا من متن الخبر.",
    ]
    assert cleaned.related_titles == [
        "عنوان خبر آخر عن النفط",
        "عنوان ثالث",
        "عنوان مرتبط أول",
        "عنوان مرتبط ثان",
    ]
    assert cleaned.captions == ["صورة أرشيفية للوزير"]
    assert cleaned.bylines == ["كتب: أحمد علي"]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("طباعة", True),
        ("أضف تعليق", True),
        ("اضغط هنا لمتابعة آخر الأخبار", True),
        ("المزيد من التفاصيل ستعلن لاحقا في مؤتمر صحفي يعقده الوزير غدا", False),
        ("قال الوزير إن الحكومة ستشارك في المؤتمر", False),
    ],
)
def test_extract_html_boilerplate_lines(line, expected):
    assert is_boilerplate(match_key(line)) is expected


def test_extract_html_not_html_at_all_is_a_typed_rejection():
    record = html_record(b"<html><body></body></html>", "<empty>")
    with pytest.raises(RejectedInput) as info:
        extract_record(record)
    assert info.value.reason in ("no_article", "malformed")
