from __future__ import annotations

import pytest

from marsad.errors import ConfigError
from marsad.stories.engine import StoryEngine
from marsad.stories.related import related_articles
from marsad.stories.state import MemoryBandIndex, MemoryBook
from stories_helpers import WIRE, doc, features
from test_stories_engine import OTHER, SECOND

BACKGROUND = (
    "أقرت جامعة القصيم الشهر الماضي خطة للتوسع في كليات العلوم الصحية في بريدة، تشمل "
    "برامج جديدة للتمريض والمختبرات الطبية، بعد دراسة أعدتها الجامعة مع وزارة الصحة عن "
    "حاجة مستشفيات منطقة القصيم إلى الكوادر الصحية السعودية في الأعوام المقبلة."
)


@pytest.fixture
def placed():
    book, index = MemoryBook(), MemoryBandIndex()
    eng = StoryEngine(index, book)
    articles = [
        (1, doc("wire", WIRE, "أمير القصيم يستقبل رئيس الجامعة")),
        (2, doc("copy", WIRE.replace("اليوم", "أمس"), "أمير القصيم يطلع", outlet="عكاظ")),
        (3, doc("report", SECOND, "جامعة القصيم تفتتح ثلاث كليات", outlet="اليوم")),
        (4, doc("other", OTHER, "تأجيل انطلاق الدوري أسبوعا")),
        (5, doc("bg", BACKGROUND, "خطة للتوسع في كليات جامعة القصيم", "2015-07-29T09:00:00+03:00")),
    ]
    for article_id, d in articles:
        eng.add(article_id, features(d))
    return index, book


def test_related_same_story_first_then_topic(placed):
    index, book = placed
    found = related_articles(1, index, book)
    assert [(r.article_id, r.reason) for r in found][:2] == [(3, "story"), (5, "topic")]
    assert 2 not in [r.article_id for r in found]  # its own copy is not "related"
    assert 4 not in [r.article_id for r in found]


def test_related_unknown_article_and_limit(placed):
    index, book = placed
    assert related_articles(99, index, book) == []
    assert len(related_articles(1, index, book, limit=1)) == 1
    with pytest.raises(ConfigError):
        related_articles(1, index, book, limit=0)
