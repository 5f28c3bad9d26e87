"""Word tables for the date parser, as data (month names, weekdays, units, zones).

Spellings are written as newspapers print them; :mod:`marsad.extract.dates` folds every
key (أ/إ/آ → ا، ى → ي، ة → ه, no diacritics or tatweel) before use, so one spelling per
folded form is enough. Every name here was seen in ``../shared/data`` or is the standard
spelling listed by the issue (the Moroccan forms, absent from the corpora).
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

#: Gregorian month names by family. The first name of each month in a family is the one
#: that family prints most often (the tests render dates with every name).
GREGORIAN_MONTH_FAMILIES: Final = MappingProxyType(
    {
        # Egypt, the Gulf, most pan-Arab outlets (as the first half of a dual name too).
        "egyptian_gulf": {
            "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ابريل": 4, "إبريل": 4,
            "مايو": 5, "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8,
            "اغسطس": 8, "سبتمبر": 9, "أكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
        },
        # Syria, Lebanon, Jordan, Palestine, Iraq (Syriac names).
        "levantine": {
            "كانون الثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5, "حزيران": 6,
            "تموز": 7, "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين الثاني": 11,
            "كانون الأول": 12,
        },
        # Tunisia and Algeria (French-derived).
        "maghrebi": {
            "جانفي": 1, "فيفري": 2, "مارس": 3, "أفريل": 4, "ماي": 5, "جوان": 6,
            "جويلية": 7, "أوت": 8, "سبتمبر": 9, "أكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
        },
        # Morocco (Latin/Spanish-derived).
        "moroccan": {
            "يناير": 1, "ينير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "ماي": 5,
            "يونيو": 6, "يوليوز": 7, "غشت": 8, "شتنبر": 9, "أكتوبر": 10, "نونبر": 11,
            "دجنبر": 12,
        },
        # RFC 822 pubDates and English datelines; matched case-insensitively.
        "english": {
            "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
            "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
            "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
            "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
        },
    }
)  # fmt: skip

#: Umm al-Qura month names, with the variants Saudi outlets print (ذو/ذي، الآخر/الثاني).
HIJRI_MONTHS: Final = MappingProxyType(
    {
        "محرم": 1, "صفر": 2, "ربيع الأول": 3, "ربيع أول": 3, "ربيع الآخر": 4,
        "ربيع الثاني": 4, "ربيع ثاني": 4, "جمادى الأولى": 5, "جمادى الأول": 5,
        "جمادى الآخرة": 6, "جمادى الثانية": 6, "جمادى الآخر": 6, "رجب": 7, "شعبان": 8,
        "رمضان": 9, "شوال": 10, "ذو القعدة": 11, "ذي القعدة": 11, "ذا القعدة": 11,
        "ذو الحجة": 12, "ذي الحجة": 12, "ذا الحجة": 12,
    }
)  # fmt: skip

#: Weekday names → Python's ``date.weekday()`` (Monday = 0).
WEEKDAYS: Final = MappingProxyType(
    {
        "الاثنين": 0, "الإثنين": 0, "الثلاثاء": 1, "الأربعاء": 2, "الخميس": 3,
        "الجمعة": 4, "السبت": 5, "الأحد": 6,
        "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2,
        "wed": 2, "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4,
        "saturday": 5, "sat": 5, "sunday": 6, "sun": 6,
    }
)  # fmt: skip

#: Words after a year that name its calendar ("2018 م", "1436 هـ", "1445 للهجرة").
ERA_WORDS: Final = MappingProxyType(
    {"م": "gregorian", "ميلادي": "gregorian", "ميلادية": "gregorian",
     "هـ": "hijri", "ه": "hijri", "هجري": "hijri", "هجرية": "hijri", "للهجرة": "hijri"}
)  # fmt: skip

#: Words after a clock time: True for the afternoon half of a 12-hour clock.
AM_PM_WORDS: Final = MappingProxyType(
    {"am": False, "a.m.": False, "ص": False, "صباحا": False, "صباحاً": False,
     "pm": True, "p.m.": True, "م": True, "مساء": True, "مساءً": True, "مساءا": True,
     "ظهرا": True, "ظهراً": True, "عصرا": True, "عصراً": True}
)  # fmt: skip

#: Named time zones → minutes east of UTC. RFC 822 names, and the Arabic phrases for
#: Greenwich and Mecca time (Saudi Arabia keeps +03:00 all year, without summer time).
ZONE_OFFSETS: Final = MappingProxyType(
    {"z": 0, "ut": 0, "utc": 0, "gmt": 0, "est": -300, "edt": -240, "cst": -360,
     "cdt": -300, "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
     "بتوقيت غرينتش": 0, "بتوقيت جرينتش": 0, "بتوقيت غرينيتش": 0, "ت.غ": 0, "ت غ": 0,
     "بتوقيت مكة المكرمة": 180, "بتوقيت مكة": 180, "بتوقيت السعودية": 180}
)  # fmt: skip

#: Units of "منذ/قبل N …" and "N … ago" → (timedelta keyword, count implied by the word).
#: Singular and dual words carry their count (منذ ساعة = 1, قبل يومين = 2); a plural with
#: no number (قبل أيام، منذ ساعات) is vague, so its count is None and it is not resolved.
RELATIVE_UNITS: Final = MappingProxyType(
    {
        "دقيقة": ("minutes", 1), "دقائق": ("minutes", None), "دقيقتين": ("minutes", 2),
        "دقيقتان": ("minutes", 2), "ساعة": ("hours", 1), "ساعات": ("hours", None),
        "ساعتين": ("hours", 2), "ساعتان": ("hours", 2), "يوم": ("days", 1),
        "أيام": ("days", None), "يوما": ("days", None), "يوماً": ("days", None),
        "يومين": ("days", 2), "يومان": ("days", 2), "أسبوع": ("weeks", 1),
        "أسابيع": ("weeks", None), "أسبوعين": ("weeks", 2), "أسبوعان": ("weeks", 2),
        "minute": ("minutes", 1), "minutes": ("minutes", None), "hour": ("hours", 1),
        "hours": ("hours", None), "day": ("days", 1), "days": ("days", None),
        "week": ("weeks", 1), "weeks": ("weeks", None),
    }
)  # fmt: skip

#: Day words → days before the reference (أمس الأول: the day before yesterday).
DAY_WORDS: Final = MappingProxyType(
    {"اليوم": 0, "today": 0, "أمس": 1, "البارحة": 1, "yesterday": 1, "أمس الأول": 2}
)

#: Labels that introduce a date on a page; what follows one is handed to dateparser when
#: the grammar finds no date in a line. Generic words ("التاريخ", "date") are left out:
#: in prose they precede everything but a date.
DATE_LABELS: Final = (
    "تاريخ النشر", "نشر بتاريخ", "نشر في", "تم النشر", "آخر تحديث", "تاريخ التحديث",
    "بتاريخ", "published on", "published", "last updated", "updated on", "updated",
    "posted on", "posted",
)  # fmt: skip
