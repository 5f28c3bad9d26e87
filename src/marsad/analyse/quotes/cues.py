"""Lexicon tables of the quote extractor, as data: cues, complementisers, attribution phrases.

Every form is written as it appears in news text and folded once at import time with
:func:`fold` (no diacritics or tatweel, bare alef, ى → ي, ة → ه), the form tokens are looked
up in. Verbs list their third-person forms (past masculine, feminine, plural, dual, and
present), participles their masculine, feminine and plural accusative forms.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.text import chars

_DELETE = dict.fromkeys(map(ord, chars.DIACRITICS | {chars.TATWEEL}))
_FOLD_TABLE = str.maketrans(
    {**_DELETE, **{ord(k): v for k, v in (chars.ALEF_FORMS | chars.ALEF_MAQSURA).items()}}
    | {ord(k): v for k, v in chars.TEH_MARBUTA.items()}
)


def fold(text: str) -> str:
    """The look-up form of a word (a length-changing fold: never used for offsets)."""
    return text.translate(_FOLD_TABLE)


def words(text: str) -> frozenset[str]:
    """A lexicon table written as space-separated words, folded."""
    return frozenset(fold(w) for w in text.split())


@dataclass(frozen=True)
class Cue:
    """What a cue word is: its lemma, whether it is a participle, and its frame.

    ``preps`` are the prepositions the cue takes before its complementiser or noun phrase
    (``أشار إلى أن``); ``np`` says whether a bare noun phrase can be its content
    (``أعلن اعتزاله``, QUOTES.md "أعلن / حذر / دعا + a noun phrase").
    """

    lemma: str
    participle: bool = False
    preps: tuple[str, ...] = ()
    np: bool = False


# lemma: (third-person verb forms, participle stem, prepositions, takes a noun phrase)
_VERBS: dict[str, tuple[str, str, str, bool]] = {
    "قال": ("قال قالت قالوا قالا قالتا يقول تقول يقولون", "قائل", "", False),
    "أضاف": ("أضاف أضافت أضافوا أضافا يضيف تضيف يضيفون", "مضيف", "", False),
    "أكد": ("أكد أكدت أكدوا أكدا يؤكد تؤكد يؤكدون", "مؤكد", "على", True),
    "أوضح": ("أوضح أوضحت أوضحوا يوضح توضح", "موضح", "", False),
    "أشار": ("أشار أشارت أشاروا يشير تشير يشيرون", "مشير", "إلى", True),
    "اعتبر": ("اعتبر اعتبرت اعتبروا يعتبر تعتبر", "معتبر", "", True),
    "رأى": ("رأى رأت رأوا يرى ترى يرون", "", "", False),
    "شدد": ("شدد شددت شددوا يشدد تشدد", "مشدد", "على", True),
    "لفت": ("لفت لفتت لفتوا يلفت تلفت", "لافت", "إلى", False),
    "تابع": ("تابع تابعت تابعوا", "متابع", "", False),
    "أردف": ("أردف أردفت", "مردف", "", False),
    "استرسل": ("استرسل استرسلت", "مسترسل", "", False),
    "استطرد": ("استطرد استطردت", "مستطرد", "", False),
    "اختتم": ("اختتم اختتمت يختتم تختتم", "مختتم", "ب", False),
    "ذكر": ("ذكر ذكرت ذكروا", "", "", False),
    "أعلن": ("أعلن أعلنت أعلنوا يعلن تعلن", "معلن", "عن", True),
    "صرح": ("صرح صرحت صرحوا يصرح تصرح", "", "", False),
    "نفى": ("نفى نفت نفوا ينفي تنفي", "نافي", "", True),
    "حذر": ("حذر حذرت حذروا يحذر تحذر", "محذر", "من", True),
    "دعا": ("دعا دعت دعوا يدعو تدعو", "داعي", "إلى", True),
    "طالب": ("طالب طالبت طالبوا يطالب تطالب", "مطالب", "ب", True),
    "كتب": ("كتب كتبت", "", "", False),
    "غرد": ("غرد غردت", "", "", False),
    "كشف": ("كشف كشفت كشفوا", "كاشف", "عن", True),
    "أفاد": ("أفاد أفادت أفادوا يفيد", "", "", False),
    "بين": ("بينت", "مبين", "", False),
    "هدد": ("هدد هددت يهدد تهدد", "مهدد", "ب", True),
    "علق": ("علق علقت", "", "", False),
    "وصف": ("وصف وصفت وصفوا", "واصف", "", True),
    "لمح": ("لمح لمحت", "ملمح", "إلى", False),
    "شرح": ("شرح شرحت", "", "", False),
    "رجح": ("رجح رجحت يرجح", "مرجح", "", False),
    "توقع": ("توقع توقعت", "متوقع", "", False),
    "تعهد": ("تعهد تعهدت", "متعهد", "ب", False),
    "أبرز": ("أبرز أبرزت", "", "", False),
    "أورد": ("أورد أوردت", "", "", False),
    "أقر": ("أقر أقرت أقروا", "", "ب", False),
    "اعترف": ("اعترف اعترفت", "معترف", "ب", False),
    "زعم": ("زعم زعمت", "زاعم", "", False),
    "ادعى": ("ادعى ادعت", "مدعي", "", False),
    "نوه": ("نوه نوهت", "منوه", "إلى", False),
    "أبلغ": ("أبلغت أبلغ", "", "عن", True),
    "أصر": ("أصر أصرت يصر تصر", "", "على", False),
    "فسر": ("فسر فسرت", "", "", False),
    "تساءل": ("", "متسائل", "", False),
    "استدرك": ("استدرك", "مستدرك", "", False),
    "انتقد": ("", "منتقد", "", True),
    "استند": ("", "مستند", "إلى", False),
    "ردد": ("", "مردد", "", True),
    "اكتفى": ("", "مكتفي", "ب", False),
    "نقل": ("نقل نقلت نقلوا", "ناقل", "عن", False),
    "أظهر": ("أظهرت تظهر يظهر أظهر", "", "", False),
    "لاحظ": ("لاحظ لاحظت", "ملاحظ", "", False),
    "أكمل": ("أكمل أكملت", "", "", False),
    "أبان": ("أبان أبانت", "", "", False),
    "استنكر": ("استنكر استنكرت استنكروا يستنكر تستنكر", "مستنكر", "", True),
    "ناشد": ("ناشد ناشدت ناشدوا يناشد تناشد", "مناشد", "", False),
}
_PARTICIPLE_ENDINGS = ("ا", "ه", "ين")
#: The present-tense forms that are impersonal when a complementiser follows at once
#: (``يُذكر أن``, ``يقال إن``): QUOTES.md skips them.
IMPERSONAL = words("يذكر يقال قيل يعتقد يشار يرجح يتوقع يبدو")


def _build() -> dict[str, Cue]:
    table: dict[str, Cue] = {}
    for lemma, (forms, stem, preps, np) in _VERBS.items():
        prep_tuple = tuple(fold(p) for p in preps.split())
        for form in forms.split():
            table[fold(form)] = Cue(fold(lemma), False, prep_tuple, np)
        if stem:
            for ending in _PARTICIPLE_ENDINGS:
                table[fold(stem + ending)] = Cue(fold(lemma), True, prep_tuple, np)
    return table


CUES: dict[str, Cue] = _build()

#: Complementisers, with and without an attached pronoun or ب (QUOTES.md: the content
#: starts after the whole word).
_COMP_SUFFIXES = ("", "ه", "ها", "هم", "هما", "نا", "ني", "ي", "ك", "كم", "هن")
COMPLEMENTISERS = frozenset(
    fold(prefix + base + suffix)
    for base in ("أن", "إن")
    for prefix in ("", "ب")
    for suffix in _COMP_SUFFIXES
) | {fold("أنّ"), fold("إنّ")}

#: Attribution phrases that name a source without a verb of saying.
ATTRIBUTION = words("بحسب حسب حسبما وفقا وفق طبقا نقلا")
#: ``على لسان X``: the second word of a two-word attribution.
ATTRIBUTION_PAIRS = frozenset({(fold("على"), fold("لسان"))})
#: Words after an attribution word that make it a manner phrase, not a source
#: (``وفق تعبيره``, ``على حد وصفه``, ``حسب قوله``).
MANNER_NOUNS = frozenset(
    fold(w + s)
    for w in ("تعبير", "وصف", "قول", "رأي", "زعم", "تقدير", "كلام", "ادعاء")
    for s in ("ه", "ها", "هم", "هما")
)
#: Nouns that make ``وفق``/``حسب`` a rule, not a source (``وفق القانون``).
NON_SOURCE_NOUNS = words(
    "القانون القوانين الاتفاق الاتفاقية الدستور الخطة الجدول التوقيت المصادر "
    "التقديرات البيانات الأرقام الإحصاءات المعلومات الشروط المعايير القواعد النظام "
    "الأصول العادة التوقعات الحاجة الظروف متوسط المتوسط الأسعار قاعدة مبدأ المبدأ آلية "
    "صيغة الصيغة معايير أسس نظام قواعد مقتضيات شروط الترتيبات"
)
#: Sentence-initial words that do not start a subject (``وكان X قد قال``).
CLAUSE_OPENERS = words(
    "و ف كما ثم حيث إذ بينما فيما لكن لكنّ ولكن غير أن أما بدوره بدورها بدورهم "
    "من جهته جهتها جانبه جانبها وكان وكانت كان كانت قد وقد فقد لقد المقابل "
    "أيضا كذلك بعدما عندما حين حينما وحين لكنه لكنها لكنهم ولكنه ولكنها"
)
