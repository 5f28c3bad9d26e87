from __future__ import annotations

import numpy as np
import pytest

from marsad.stories.engine import StoryEngine
from marsad.stories.features import Features
from marsad.stories.state import MemoryBandIndex, MemoryBook
from stories_helpers import WIRE, doc, features

SECOND = (
    "قال مدير الجامعة في حديث للصحيفة إن الكليات الثلاث الجديدة في جامعة القصيم ستبدأ "
    "استقبال الطلاب المقبولين الأسبوع المقبل، مبينا أن أمير منطقة القصيم اطلع خلال استقباله "
    "وفد الجامعة في بريدة على خطة القبول وعلى الاتفاقية مع وزارة الصحة لتدريب طلاب التمريض."
)
OTHER = (
    "أعلنت الهيئة العامة للرياضة تأجيل انطلاق الدوري الممتاز أسبوعا واحدا بسبب ارتباط "
    "المنتخب الوطني بمباراتين وديتين في الخارج، وأوضحت أن جدول المباريات المعدل سينشر "
    "على موقعها الإلكتروني خلال يومين بعد التشاور مع الأندية المشاركة في المسابقة."
)


def engine() -> tuple[StoryEngine, MemoryBook]:
    book = MemoryBook()
    return StoryEngine(MemoryBandIndex(), book), book


def test_engine_copy_points_to_earliest_by_publication_date():
    eng, book = engine()
    late = eng.add(1, features(doc("late", WIRE, published="2015-08-04T09:00:00+03:00")))
    early = eng.add(2, features(doc("early", WIRE, published="2015-08-03T09:00:00+03:00")))
    assert late.duplicate_of is None
    assert early.duplicate_of is None
    assert early.changed == ((1, 2, late.story),)
    assert book.get([1])[1].duplicate_of == 2
    assert early.story == late.story


def test_engine_undated_copies_follow_ingest_order():
    eng, _ = engine()
    eng.add(1, features(doc("a", WIRE, published=None)))
    second = eng.add(2, features(doc("b", WIRE, published=None, outlet="عكاظ")))
    assert (second.duplicate_of, second.copies) == (1, (1,))


def test_engine_independent_report_joins_the_story_not_the_copies():
    eng, _ = engine()
    wire = eng.add(1, features(doc("wire", WIRE, "أمير القصيم يستقبل رئيس الجامعة")))
    report = eng.add(2, features(doc("report", SECOND, "جامعة القصيم تفتتح ثلاث كليات")))
    other = eng.add(3, features(doc("other", OTHER, "تأجيل انطلاق الدوري أسبوعا")))
    assert report.duplicate_of is None
    assert report.story == wire.story == 1
    assert other.story == 3


@pytest.mark.parametrize("published", ["2015-08-10T09:00:00+03:00", "2015-09-03T09:00:00+03:00"])
def test_engine_story_ends_with_its_window(published):
    eng, _ = engine()
    eng.add(1, features(doc("wire", WIRE, "أمير القصيم يستقبل رئيس الجامعة")))
    later = eng.add(2, features(doc("later", SECOND, "جامعة القصيم", published=published)))
    assert later.story == 2


def test_engine_is_deterministic():
    runs = []
    for _ in range(2):
        eng, _ = engine()
        texts = (WIRE, SECOND, OTHER, WIRE.replace("اليوم", "أمس"))
        runs.append([eng.add(i, features(doc(str(i), t))) for i, t in enumerate(texts, 1)])
    assert runs[0] == runs[1]


def test_engine_features_round_trip():
    original = features(doc("w", WIRE, "عنوان", entities=("بريده",), agency="واس"))
    again = Features.from_bytes(original.to_bytes())
    assert np.array_equal(again.shingles, original.shingles)
    assert again.__dict__.keys() == original.__dict__.keys()
    for name in original.__dict__:
        if name != "shingles":
            assert getattr(again, name) == getattr(original, name), name


def test_engine_public_api_is_exported():
    import marsad.stories as stories

    for name in stories.__all__:
        assert getattr(stories, name) is not None
