from __future__ import annotations

import pytest

from marsad.errors import ConfigError
from marsad.stories.dedup import CopyFinder, CopyRule, anchors_of, term_containment
from marsad.stories.idf import default_idf
from marsad.stories.state import MemoryBandIndex
from stories_helpers import WIRE, doc, features

ROUNDUP_LEAD = (
    "عقد مجلس إدارة الغرفة التجارية بالمنطقة اجتماعه الدوري أمس برئاسة رئيس المجلس، وناقش "
    "خطة المعارض التجارية للربع المقبل وموازنة الأنشطة التدريبية للشباب والشابات. "
)
# The same kind of event elsewhere, told in the same formula. (A template whose sentences
# differ only by a name, such as a congratulation cable to another country, is still taken
# for a copy: gold pair 13, the one false copy on the gold set.)
TEMPLATE = (
    "استقبل أمير منطقة حائل في مكتبه بمدينة حائل اليوم مدير جامعة حائل ووكلاء الجامعة، "
    "واستمع إلى شرح عن استعداداتها لبدء الفصل الدراسي الأول وعن مشروع المستشفى الجامعي. "
    "وبين مدير الجامعة أن الطاقة الاستيعابية للمستشفى تبلغ ستمائة سرير، وأن العمل فيه "
    "سينتهي مطلع العام المقبل بتكلفة تتجاوز مليار ريال. "
    "وأكد أمير المنطقة دعمه لبرامج الجامعة وحرصه على متابعة مشروعاتها الإنشائية في "
    "المدينة الجامعية."
)
GOLD_UP = (
    "ارتفعت أسعار الذهب في التعاملات الآسيوية اليوم الثلاثاء 1.2 بالمئة إلى 1095 دولارا "
    "للأوقية مع تراجع الدولار أمام سلة من العملات الرئيسية قبل صدور بيانات الوظائف الأمريكية، "
    "وصعدت الفضة 0.8 بالمئة إلى 14.9 دولار للأوقية بينما استقر البلاتين عند 985 دولارا."
)
GOLD_DOWN = (
    "انخفضت أسعار الذهب في التعاملات الآسيوية اليوم الأربعاء 0.9 بالمئة إلى 1081 دولارا "
    "للأوقية مع صعود الدولار أمام سلة من العملات الرئيسية بعد صدور بيانات الوظائف الأمريكية، "
    "ونزلت الفضة 1.1 بالمئة إلى 14.6 دولار للأوقية بينما تراجع البلاتين إلى 972 دولارا."
)


def edited(text: str) -> str:
    """What an outlet does to a wire text: date words and honorifics change."""
    return text.replace("اليوم", "أمس").replace("استقبل أمير", "استقبل صاحب السمو الملكي أمير")


def is_copy(a, b) -> bool:
    return CopyRule().is_copy(features(a), features(b), default_idf())


@pytest.mark.parametrize(
    ("other", "expected"),
    [
        (doc("retitled", edited(WIRE), "أمير القصيم يطلع على خطط الجامعة", outlet="عكاظ"), True),
        (doc("trimmed", WIRE.split(". ")[0] + ". " + WIRE.split(". ")[1], outlet="اليوم"), True),
        (doc("roundup", ROUNDUP_LEAD + edited(WIRE), outlet="الجزيرة"), True),
        (doc("template", TEMPLATE, outlet="عكاظ"), False),
        (doc("caption", "أمير القصيم خلال استقباله رئيس الجامعة", outlet="اليوم"), False),
    ],
    ids=lambda v: v.id if hasattr(v, "id") else str(v),
)
def test_dedup_copy_rule_on_republications(other, expected):
    wire = doc("wire", WIRE, outlet="واس")
    assert is_copy(wire, other) is expected
    assert is_copy(other, wire) is expected


def test_dedup_opposite_market_reports_are_not_copies():
    up = doc("up", GOLD_UP, "الذهب يرتفع مع تراجع الدولار", "2015-08-04T08:00:00+03:00", "سبق")
    down = doc("down", GOLD_DOWN, "انخفاض الذهب مع صعود الدولار", "2015-08-05T08:00:00+03:00")
    assert not is_copy(up, down)


@pytest.mark.parametrize(
    ("text", "expected"), [(edited(WIRE), True), (WIRE.split(". ")[0] + ".", False)]
)
def test_dedup_far_apart_only_near_identical(text, expected):
    first = doc("first", WIRE, published="2015-07-01")
    later = doc("later", text, published="2015-07-20", outlet="عكاظ")
    assert is_copy(first, later) is expected


def test_dedup_same_outlet_new_figures_are_not_copies():
    first = doc("first", WIRE, outlet="سبق")
    retold = doc("retold", WIRE.replace("بلغ", "وصل إلى"), outlet="سبق")
    assert is_copy(first, retold)
    tomorrow = GOLD_UP
    for old, new in (("1.2", "0.4"), ("1095", "1102"), ("0.8", "0.3"), ("14.9", "15.1")):
        tomorrow = tomorrow.replace(old, new)
    assert not is_copy(doc("a", GOLD_UP, outlet="سبق"), doc("b", tomorrow, outlet="سبق"))


def test_dedup_finder_finds_a_copy_inside_a_longer_roundup():
    finder = CopyFinder(default_idf())
    index = MemoryBandIndex()
    short = features(doc("wire", WIRE, outlet="واس"))
    index.add(1, finder.keys(short).all)
    long = features(doc("roundup", (ROUNDUP_LEAD * 6) + edited(WIRE), outlet="الجزيرة"))
    assert 1 in finder.candidates(index, finder.keys(long))


def test_dedup_short_texts_get_no_keys():
    finder = CopyFinder(default_idf())
    assert finder.keys(features(doc("c", "صورة من الحفل"))).all == ()


def test_dedup_anchors_are_the_smallest_mixed_hashes():
    shingle_set = features(doc("w", WIRE)).shingles
    assert anchors_of(shingle_set, 4) == anchors_of(shingle_set.copy(), 4)
    assert set(anchors_of(shingle_set, 4)) <= set(anchors_of(shingle_set, 8))


def test_dedup_term_containment_weighs_rare_terms():
    idf = default_idf()
    common = {"قال": 2, "اليوم": 1}
    assert term_containment(common, {"قال": 2, "اليوم": 1, "بريدة": 1}, idf) == 1.0
    with_name = {"قال": 2, "بريدة": 1}
    assert term_containment(with_name, {"قال": 2, "حائل": 1}, idf) < 0.5


@pytest.mark.parametrize(
    ("field", "value"),
    [("cross_containment", 0.0), ("same_terms", 1.5), ("window_days", -1), ("min_shingles", 0)],
)
def test_dedup_copy_rule_validates(field, value):
    with pytest.raises(ConfigError, match=field):
        CopyRule(**{field: value})
