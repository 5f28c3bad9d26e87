from __future__ import annotations

from datetime import UTC, datetime

import pytest

from marsad.errors import ConfigError
from marsad.stories.features import article_time, fingerprint_words, outlet_of, parse_time
from marsad.stories.idf import IdfTable, default_idf
from stories_helpers import doc


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2018-02-18T21:35:43+04:00", datetime(2018, 2, 18, 17, 35, 43, tzinfo=UTC)),
        ("2015-07-21 02:51:32", datetime(2015, 7, 21, 2, 51, 32, tzinfo=UTC)),
        ("2024-03-27", datetime(2024, 3, 27, 12, tzinfo=UTC)),
        ("أمس", None),
    ],
)
def test_features_parse_time(value, expected):
    assert parse_time(value) == expected


def test_features_time_falls_back_to_crawl_time():
    d = doc("a", "نص", published=None)
    assert article_time(d) == (None, False)
    d.meta["date_extracted"] = "2015-07-21 02:51:32"
    assert article_time(d) == (datetime(2015, 7, 21, 2, 51, 32, tzinfo=UTC), False)


def test_features_fingerprint_words_drop_volatile_words():
    words = fingerprint_words("استقبل صاحب السمو الملكي أمير المنطقة اليوم في مكتبه")
    assert words == ["استقبل", "امير", "المنطقه", "مكتبه"]


@pytest.mark.parametrize(
    ("slug", "outlet"), [("was", "واس"), ("عكاظ", "عكاظ"), ("أ ف ب", "فرانس برس")]
)
def test_features_outlet_names_agency_feeds(slug, outlet):
    assert outlet_of(doc("a", "نص", outlet=slug)) == outlet


def test_features_idf_table():
    idf = default_idf()
    assert idf.idf("بريده") > idf.idf("قال")
    assert idf.idf("كلمةلاتوجد") == max(idf.idf("قال"), idf.idf("كلمةلاتوجد"))
    with pytest.raises(ConfigError):
        IdfTable({"a": 5}, 3)
