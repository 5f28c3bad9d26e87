"""The entity stage on hand-made sentences: spans, clitics, roles, links, keys."""

from __future__ import annotations

import pytest

from marsad.analyse.entities import EntityStage
from marsad.model import Document, EntitySpan


def entities(text: str) -> list[EntitySpan]:
    return EntityStage()(Document(id="t", text=text)).entities


def found(text: str) -> set[tuple[str, str]]:
    return {(e.label, e.canonical) for e in entities(text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "وصل الوفد بعد ظهر أمس إلى القاهرة قادما من بيروت.",
            {("LOC", "القاهرة"), ("LOC", "بيروت")},
        ),
        ("أعلنت وزارة الصحة عن حالات جديدة.", {("ORG", "وزارة الصحة")}),
        ("اجتمع مجلس الأمن الدولي أمس.", {("ORG", "مجلس الأمن الدولي")}),
        ("قال الجيش الإسرائيلي إن الهجوم انتهى.", {("ORG", "الجيش الإسرائيلي")}),
        ('ذكرت صحيفة "الغد" الأردنية أن الطريق أغلق.', {("ORG", "الغد")}),
    ],
)
def test_entities_found(text: str, expected: set[tuple[str, str]]) -> None:
    assert expected <= found(text)


def test_entities_clitic_is_outside_the_span() -> None:
    text = "وصل الوفد إلى بيروت ثم توجه الرئيس بعدها لبيروت وغادرها."
    spans = [e for e in entities(text) if e.canonical == "بيروت"]
    assert len(spans) == 2
    assert all(e.text == "بيروت" == text[e.start : e.end] for e in spans)


def test_entities_nested_organisations_are_both_kept() -> None:
    text = "قالت إذاعة الجيش الإسرائيلي إن الجيش الإسرائيلي أنهى التدريب."
    names = [e.canonical for e in entities(text) if e.label == "ORG"]
    assert "إذاعة الجيش الإسرائيلي" in names
    assert names.count("الجيش الإسرائيلي") == 2


def test_entities_title_gives_role_and_country() -> None:
    text = "قال وزير الخارجية الفرنسي جان إيف لودريان إن بلاده تدعم الحل."
    person = next(e for e in entities(text) if e.label == "PERS")
    assert person.canonical == "جان إيف لودريان"
    assert person.role == "وزير الخارجية"
    assert person.country == "فرنسا"


def test_entities_surname_and_title_link_to_the_full_name() -> None:
    text = (
        "التقى الرئيس المصري عبد الفتاح السيسي وفدا من البنك الدولي. "
        "وقال الرئيس المصري إن الإصلاحات مستمرة، وأكد السيسي أن الدعم باق."
    )
    people = [e for e in entities(text) if e.label == "PERS"]
    assert {e.canonical for e in people} == {"عبد الفتاح السيسي"}
    assert {e.text for e in people} == {"عبد الفتاح السيسي", "الرئيس المصري", "السيسي"}
    assert len({e.key for e in people}) == 1


def test_entities_nationality_adjective_is_not_an_entity() -> None:
    text = "قال المسؤول الأميركي إن الوفد الإسرائيلي وصل."
    assert not [e for e in entities(text) if e.text in ("الأميركي", "الإسرائيلي")]


@pytest.mark.parametrize(("a", "b"), [("ترامب", "ترمب"), ("نتنياهو", "نتانياهو")])
def test_entities_variant_spellings_share_a_key(a: str, b: str) -> None:
    key_a = {e.key for e in entities(f"وقال الرئيس {a} إن الاتفاق قريب.") if e.label == "PERS"}
    key_b = {e.key for e in entities(f"وقال الرئيس {b} إن الاتفاق قريب.") if e.label == "PERS"}
    assert key_a and key_a == key_b


@pytest.mark.parametrize(
    "text",
    [
        "",
        "This text has no Arabic at all: Paris, London and Barack Obama.",
        "٪٪ ☃ \u200b ﷺ 𝔸 ــــ ؟؟ ... \x00 \ud7ff «» ((( ]]]",
        "ـــ ً ٍ ٌ",
    ],
)
def test_entities_odd_input_is_handled(text: str) -> None:
    for e in entities(text):
        assert text[e.start : e.end] == e.text


def test_entities_long_input_is_not_truncated() -> None:
    sentence = "وقال وزير الخارجية الفرنسي جان إيف لودريان في باريس إن بلاده تدعم الحل "
    text = sentence * 7_700  # over 100,000 words, no full stop at all
    spans = entities(text)
    assert len(text.split()) >= 100_000
    assert spans[-1].end > len(text) - len(sentence)
    assert sum(e.canonical == "باريس" for e in spans) >= 7_000


def test_entities_org_phrase_stops_before_a_relational_participle():
    assert ("ORG", "مجلس الأمن") in found("وقال مجلس الأمن التابع للأمم المتحدة إنه سيجتمع.")


def _tail_case(text: str, org: str) -> list[tuple[str, str]]:
    from marsad.analyse.ner.mentions import Mention, document_tokens
    from marsad.analyse.ner.pipeline import load_finder
    from marsad.analyse.ner.rules import split_person_tails

    finder = load_finder()
    toks = document_tokens(text, finder.tagger.extractor)
    words = [t.text for t in toks]
    first = words.index(org.split()[0])
    mentions = [Mention(first, first + len(org.split()), "ORG")]  # as the tagger may read it
    split_person_tails(toks, mentions, finder.gazetteer)
    return [(m.label, " ".join(words[m.first : m.last])) for m in mentions]


def test_entities_person_name_is_cut_off_an_organisation():
    text = "وقال مدرب فريق هجر أحمد الناظري إن الفريق جاهز للموسم."
    assert _tail_case(text, "هجر أحمد الناظري") == [("ORG", "هجر"), ("PERS", "أحمد الناظري")]


def test_entities_body_named_after_a_person_stays_whole():
    text = "أقيم الحفل في جامعة الأميرة نورة بنت عبدالرحمن بالرياض."
    org = "جامعة الأميرة نورة بنت عبدالرحمن"
    assert _tail_case(text, org) == [("ORG", org)]


@pytest.mark.parametrize(
    ("text", "org"),
    [
        ("وفاز منتخب مصر على منافسه في المباراة.", "منتخب مصر"),
        ("وقالت شرطة كولومبوس إن التحقيق جار.", "شرطة كولومبوس"),
        ("وأعلنت جامعة القاهرة عن منح جديدة.", "جامعة القاهرة"),
        ("وأكدت البعثة الروسية أن الوفد وصل.", "البعثة الروسية"),
    ],
)
def test_entities_body_of_a_place_is_one_organisation(text, org):
    orgs = {e.canonical for e in entities(text) if e.label == "ORG"}
    assert org in orgs
    assert not any(o != org and o in org for o in orgs)  # not the place as a second body


def test_entities_a_bracketed_list_of_places_is_completed():
    text = "أقيمت الفعاليات في ست مناطق (الرياض , جدة , الطائف , القصيم , حائل , الباحة) أمس."
    places = {e.canonical for e in entities(text) if e.label == "LOC"}
    assert {"الرياض", "جدة", "القصيم", "حائل", "الباحة"} <= places


def test_entities_commas_in_prose_do_not_make_places():
    text = "زار الوفد الرياض، وجدة، والتقى مسؤولين، ثم عاد إلى بلاده، مساء أمس."
    places = {e.canonical for e in entities(text) if e.label == "LOC"}
    assert not places & {"مسؤولين", "مساء أمس", "ثم عاد إلى بلاده"}
