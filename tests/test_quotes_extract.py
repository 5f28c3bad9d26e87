"""Quote extraction on hand-made sentences: one behaviour per case (QUOTES.md)."""

from __future__ import annotations

import pytest

from marsad.analyse.quotes import QuoteStage, extract_quotes
from marsad.model import Document, EntitySpan, QuoteSpan


def _only(text: str) -> QuoteSpan:
    quotes = extract_quotes(text)
    assert len(quotes) == 1, [q.content for q in quotes]
    return quotes[0]


@pytest.mark.parametrize(
    ("text", "speaker", "stype", "content", "kind"),
    [
        (
            "وقال وزير الخارجية الفرنسي جان دوبون إن الحوار هو الطريق الوحيد.",
            "جان دوبون",
            "PERS",
            "الحوار هو الطريق الوحيد",
            "indirect",
        ),
        (
            "وقال مسؤول رفيع في الوزارة إن المفاوضات ستستأنف الأسبوع المقبل.",
            "مسؤول رفيع في الوزارة",
            "ANON",
            "المفاوضات ستستأنف الأسبوع المقبل",
            "indirect",
        ),
        (
            "وقالت الشرطة إن التحقيق ما زال جاريا.",
            "الشرطة",
            "ORG",
            "التحقيق ما زال جاريا",
            "indirect",
        ),
        (
            'وأكد المتحدث باسم الوزارة كريم سالم أن الوضع "تحت السيطرة تماما" في المدينة.',
            "كريم سالم",
            "PERS",
            'الوضع "تحت السيطرة تماما" في المدينة',
            "mixed",
        ),
        (
            "وقالت المديرة هالة يوسف: «لن نغلق أي مدرسة هذا العام».",
            "هالة يوسف",
            "PERS",
            "لن نغلق أي مدرسة هذا العام",
            "direct",
        ),
        (
            "وأعلنت الحكومة حالة الطوارئ في البلاد.",
            "الحكومة",
            "ORG",
            "حالة الطوارئ في البلاد",
            "indirect",
        ),
        (
            "ارتفعت أسعار الخبز بنسبة عشرة في المئة، بحسب مصدر في وزارة التجارة.",
            "مصدر في وزارة التجارة",
            "ANON",
            "ارتفعت أسعار الخبز بنسبة عشرة في المئة",
            "indirect",
        ),
        (
            "وتشير بيانات شركة نوفا إلى أن المبيعات تراجعت في الربع الأول.",
            "نوفا",
            "ORG",
            "المبيعات تراجعت في الربع الأول",
            "indirect",
        ),
    ],
)
def test_extract_speaker_content_kind(text, speaker, stype, content, kind):
    quote = _only(text)
    assert (quote.speaker, quote.speaker_type, quote.content, quote.label) == (
        speaker,
        stype,
        content,
        kind,
    )
    assert text[quote.start : quote.end] == quote.content


def test_extract_one_quote_per_cue_with_participles():
    text = "قالت الوزيرة سلمى حداد إن الميزانية جاهزة، مضيفة أن التصويت سيجري غدا، معتبرة أن الخلاف انتهى."
    quotes = extract_quotes(text)
    assert [q.cue for q in quotes] == ["قالت", "مضيفة", "معتبرة"]
    assert [q.content for q in quotes] == ["الميزانية جاهزة", "التصويت سيجري غدا", "الخلاف انتهى"]
    assert {q.speaker for q in quotes} == {"سلمى حداد"}
    assert [q.speaker_mention for q in quotes] == ["الوزيرة سلمى حداد", "", ""]


@pytest.mark.parametrize(
    "follow",
    [
        "وأضاف أن الحل السياسي ممكن.",
        "وتابع: «الحل السياسي ممكن».",
        "وأردف قائلا إن الحل السياسي ممكن.",
    ],
)
def test_extract_implicit_speaker_is_the_previous_one(follow):
    text = "وقال النائب سمير خليل إن الجلسة تأجلت. " + follow
    quotes = extract_quotes(text)
    assert len(quotes) == 2
    assert quotes[1].speaker == "سمير خليل"
    assert quotes[1].speaker_mention == ""


def test_extract_title_and_surname_resolve_to_the_full_name():
    text = (
        "التقى وزير الدفاع الإيطالي ماركو بيانكي نظيره في روما. "
        "وقال وزير الدفاع الإيطالي إن التعاون مستمر. "
        "وأكد بيانكي أن التدريبات ستبدأ قريبا."
    )
    quotes = extract_quotes(text)
    assert [(q.speaker, q.speaker_mention) for q in quotes] == [
        ("ماركو بيانكي", "وزير الدفاع الإيطالي"),
        ("ماركو بيانكي", "بيانكي"),
    ]


def test_extract_report_resolves_to_its_outlet_and_speaker_after_quote():
    text = (
        'نشرت صحيفة "الأفق" المحلية تقريرا مطولا عن الأزمة. '
        '"الحكومة تواجه أزمة ثقة غير مسبوقة" أورد التقرير نفسه.'
    )
    quote = _only(text)
    assert (quote.speaker, quote.speaker_type, quote.label) == ("الأفق", "ORG", "direct")
    assert quote.speaker_mention == "التقرير نفسه"


@pytest.mark.parametrize(
    ("text", "speaker", "via"),
    [
        (
            "ونقلت وكالة رويترز عن مصدر دبلوماسي قوله إن الاتفاق بات وشيكا.",
            "مصدر دبلوماسي",
            "وكالة رويترز",
        ),
        (
            "وقال الوزير سامي عادل إن الحدود ستفتح غدا، وفق ما نقلت إذاعة الصباح عنه.",
            "سامي عادل",
            "إذاعة الصباح",
        ),
        (
            "وقال مصدر أمني لوكالة الأنباء الرسمية إن الهجوم أحبط.",
            "مصدر أمني",
            "وكالة الأنباء الرسمية",
        ),
    ],
)
def test_extract_medium_is_kept_as_via(text, speaker, via):
    quote = _only(text)
    assert (quote.speaker, quote.via) == (speaker, via)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وقال سامي عادل ونادر فهمي إن الاتفاق قريب.", "سامي عادل ونادر فهمي"),
        ("وقالت الشرطة والجيش إن الوضع هادئ.", "الشرطة والجيش"),
    ],
)
def test_extract_several_speakers_for_one_cue_are_joined(text, speaker):
    assert _only(text).speaker == speaker


@pytest.mark.parametrize(
    "text",
    [
        "ويُذكر أن المدينة شهدت احتجاجات واسعة.",
        "وقيل إن المصنع أغلق أبوابه.",
        "وتشير البيانات إلى أن المبيعات تراجعت.",
        "وقال الوزير.",
        "وصل الوفد إلى العاصمة مساء أمس.",
    ],
)
def test_extract_no_quote(text):
    assert extract_quotes(text) == []


def test_extract_uses_entity_roles_for_title_only_mentions():
    text = "استقبل نادر فهمي الوفد في القاهرة. وقال وزير المالية إن العجز تراجع."
    quote = _only(text)
    assert (quote.speaker, quote.speaker_type) == ("وزير المالية", "ANON")  # unnamed office
    start = text.index("نادر")
    known = EntitySpan(
        start, start + 9, "PERS", text="نادر فهمي", canonical="نادر فهمي", role="وزير المالية"
    )
    assert extract_quotes(text, [known])[0].speaker == "نادر فهمي"


@pytest.mark.parametrize(
    ("text", "name", "speaker", "stype"),
    [
        (
            "وقال مصدر قريب من سمير حداد إن الاتفاق لم يوقع بعد.",
            "سمير حداد",
            "مصدر قريب من سمير حداد",
            "ANON",
        ),
        ("وأعلن مكتب سمير حداد أن الزيارة أرجئت.", "سمير حداد", "مكتب سمير حداد", "ORG"),
    ],
)
def test_extract_a_name_inside_a_source_or_an_office_is_not_the_speaker(text, name, speaker, stype):
    start = text.index(name)
    person = EntitySpan(start, start + len(name), "PERS", text=name, canonical=name)
    (quote,) = extract_quotes(text, [person])
    assert (quote.speaker, quote.speaker_type) == (speaker, stype)


def test_extract_stage_fills_document_quotes():
    doc = QuoteStage()(Document(id="d", text="وقالت الشرطة إن الطريق أغلق."))
    assert [q.speaker for q in doc.quotes] == ["الشرطة"]
    assert QuoteStage.name == "quotes"
    assert doc.to_json()["quotes"][0]["kind"] == "indirect"


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        # an adverb ends the title; the name comes from the apposition
        (
            "وأعلن رئيس الوزراء الكندي المنتخب حديثاً، جون سميث، الثلاثاء، أنه قد يبقى في منصبه.",
            "جون سميث",
            "قد يبقى في منصبه",
        ),
        # a relative clause between the subject and its verb
        (
            "وكان سميث، الذي حقق حزبه فوزاً كبيراً على منافسيه، قد ذكر، الاثنين، أن الضرائب ستنخفض.",
            "سميث",
            "الضرائب ستنخفض",
        ),
        # one quoted word naming a company inside the speaker phrase is no quotation
        (
            'وقال خبير اقتصادي في شركة الاستثمار "نوفا"، جيمس كارتر، إن الدولار سيضعف.',
            "جيمس كارتر",
            "الدولار سيضعف",
        ),
        # spelled-out Latin letters: إن after سي/بي is the letter N
        ("وقالت شبكة سي إن إن إن الرئيس سيزور المنطقة.", "سي إن إن", "الرئيس سيزور المنطقة"),
        (
            "وذكرت قناة بي إن سبورتس أن المباراة ستبث مباشرة.",
            "بي إن سبورتس",
            "المباراة ستبث مباشرة",
        ),
        # a nationality before a name, a title after it
        (
            "وكان البرتغالي جواو مارتينيز مدرب الفريق صرح مؤخرا أن اللاعب يحتاج إلى الراحة.",
            "جواو مارتينيز",
            "اللاعب يحتاج إلى الراحة",
        ),
    ],
)
def test_extract_speaker_phrase_shapes(text, speaker, content):
    quote = _only(text)
    assert (quote.speaker, quote.content) == (speaker, content)


def test_extract_definite_org_noun_refers_to_the_organisation_named_before():
    text = (
        "أعلنت وزارة الخارجية الإيطالية أن الطائرة أقلعت صباحا. وقالت الوزارة إن المساعدات ستوزع غدا. "
        "ذكرت صحيفة إل باييس الإسبانية أن المدرب سيرحل. وأضافت الصحيفة الإسبانية أن البحث بدأ."
    )
    speakers = [(q.speaker, q.speaker_mention) for q in extract_quotes(text)]
    assert speakers[1] == ("وزارة الخارجية الإيطالية", "الوزارة")
    assert speakers[3] == ("إل باييس", "الصحيفة الإسبانية")


def test_extract_org_noun_without_antecedent_is_not_another_organisation():
    # الشرطة spoke before, but الوزارة is not the police; a name with its own adjectives
    # (المنظمة البحرية الدولية) is not an anaphor of another organisation either
    text = (
        "وقالت الشرطة إن التحقيق جار. وقالت الوزارة إن القرار نهائي. "
        "وأفادت منظمة السلامة البحرية البريطانية بوقوع حوادث. "
        "وأكدت المنظمة البحرية الدولية أن الملاحة آمنة."
    )
    speakers = {q.speaker_mention: q.speaker for q in extract_quotes(text)}
    assert speakers["الوزارة"] == "الوزارة"
    assert speakers["المنظمة البحرية الدولية"] == "المنظمة البحرية الدولية"


def test_extract_relative_aside_with_its_own_commas():
    text = (
        "وكان سميث، الذي هزم حزبه رئيس الوزراء السابق، مارك لوبيز، في الانتخابات، "
        "قد ذكر، الثلاثاء، أن الحكومة ستخفض الضرائب."
    )
    assert _only(text).speaker == "سميث"


def test_extract_editor_title_takes_the_name_after_it():
    text = 'وقالت محررة صفحة الرأي في الصحيفة سارة نور في بداية المقالة: "تلقينا المقال متأخرا".'
    start = text.index("سارة نور")
    person = EntitySpan(start, start + 8, "PERS", text="سارة نور", canonical="سارة نور")
    (quote,) = extract_quotes(text, [person])
    assert quote.speaker == "سارة نور"


def test_extract_author_noun_refers_to_the_person_the_article_is_about():
    text = (
        "نشرت الصحيفة آخر مقال للصحفي كمال ياسين. وتناول ياسين في مقاله حرية التعبير. "
        "وكتب ياسين المقال قبل سفره. وأشار الكاتب إلى أن الرقابة تزداد."
    )
    people, at = [], 0
    for mention in ("كمال ياسين", "ياسين", "ياسين"):
        at = text.index(mention, at)
        people.append(
            EntitySpan(at, at + len(mention), "PERS", text=mention, canonical="كمال ياسين")
        )
        at += len(mention)
    assert _only(text).speaker == "الكاتب"  # without entities: no one to refer to
    (quote,) = extract_quotes(text, people)
    assert (quote.speaker, quote.speaker_mention) == ("كمال ياسين", "الكاتب")
    (quote,) = extract_quotes(text, people[:2])  # mentioned twice only: too little evidence
    assert quote.speaker == "الكاتب"


def test_extract_letter_n_after_a_prefixed_letter():
    text = 'ونقلت القناة على لسان أحمد سالم، الرئيس التنفيذي لبي إن سبورتس، قوله: "نحن سعداء".'
    quote = _only(text)
    assert (quote.speaker, quote.content) == ("أحمد سالم", "نحن سعداء")


def test_extract_definite_head_refers_to_a_definite_organisation_named_before():
    text = "أصدر المركز الوطني للأرصاد نشرة جديدة. وقال المركز إن الإعصار يبتعد عن السواحل."
    quote = _only(text)
    assert (quote.speaker, quote.speaker_mention) == ("المركز الوطني للأرصاد", "المركز")


def test_extract_definite_anonymous_source_refers_to_its_first_mention():
    text = "وأفادت مصادر عسكرية بمقتل العشرات. وقالت المصادر، إن القوات اقتحمت المواقع."
    quote = _only(text)
    assert (quote.speaker, quote.speaker_type, quote.speaker_mention) == (
        "مصادر عسكرية",
        "ANON",
        "المصادر",
    )
    assert quote.content == "القوات اقتحمت المواقع"


def test_extract_speech_noun_object_is_not_part_of_the_speaker():
    text = 'وأضاف الوزير سالم حداد في مقاله الأخير: "نحن نعاني من الفقر".'
    assert _only(text).speaker == "سالم حداد"
    text = 'ويختتم سالم حداد مقالته: "نحن نعاني من الفقر".'
    assert _only(text).speaker == "سالم حداد"


@pytest.mark.parametrize(
    ("text", "speaker", "content"),
    [
        (
            "وقال أمين عام الغرفة عبدالله الزهراني إن الصادرات ارتفعت.",
            "عبدالله الزهراني",
            "الصادرات ارتفعت",
        ),
        (
            "وذكرت وزارة الآثار المصرية، الأحد، أن البعثة اكتشفت مقبرة.",
            "وزارة الآثار المصرية",
            "البعثة اكتشفت مقبرة",
        ),
        (
            "وانخفضت الأسعار بنسبة كبيرة، وفقا لما نقلته وكالة أنباء الأناضول.",
            "أنباء الأناضول",
            "وانخفضت الأسعار بنسبة كبيرة",
        ),
        ("وقال الوزير الشهر الماضي إن المشروع سيكتمل.", "الوزير", "المشروع سيكتمل"),
        ("وحذر الوزير هذا الأسبوع من موجة حر جديدة.", "الوزير", "موجة حر جديدة"),
        ("واستنكر الاتحاد الهجوم على المدنيين.", "الاتحاد", "الهجوم على المدنيين"),
    ],
)
def test_extract_titles_adjuncts_and_attributions(text, speaker, content):
    quote = _only(text)
    assert (quote.speaker, quote.content) == (speaker, content)


def test_extract_relayed_clause_with_its_own_cue_is_not_the_relay_s_quote():
    # the clause has its cue (أعلنت); «وفق ما نقلته» only names who relayed it
    text = "وكانت الشركة أعلنت تخفيض إنتاجها بنحو مليون برميل، وفق ما نقلته وكالة بلومبيرغ."
    assert [q.speaker for q in extract_quotes(text)] == ["الشركة"]


def test_extract_a_two_word_person_entity_is_the_whole_name():
    text = (
        "تقدمت الممثلة سارة دانيلز بدعوى قضائية ضد محاميه. وقالت دانيلز في مقابلة إنها لن تتراجع."
    )
    start = text.index("سارة دانيلز")
    person = EntitySpan(start, start + 11, "PERS", text="سارة دانيلز", canonical="سارة دانيلز")
    (quote,) = extract_quotes(text, [person])
    assert quote.speaker == "سارة دانيلز"
    (quote,) = extract_quotes(text)  # without entities the name stops at بدعوى
    assert quote.speaker == "سارة دانيلز"
