"""News agencies and outlets: canonical name → spellings (as match keys are derived).

Used for the source chain (roles ``agency`` vs ``origin``) and, later, as a gazetteer.
"""

from __future__ import annotations

from marsad.text.normalize import match_key

#: Wire agencies. The canonical name is the form Arab outlets print most in credits.
AGENCIES: dict[str, tuple[str, ...]] = {
    "رويترز": ("رويترز", "رويتر", "reuters"),
    "فرانس برس": (
        "أ ف ب",
        "أ.ف.ب",
        "ا ف ب",
        "أف ب",
        "فرانس برس",
        "فرانس بريس",
        "الفرنسية",
        "وكالة الصحافة الفرنسية",
        "afp",
    ),
    "أسوشيتد برس": (
        "أ ب",
        "أ.ب",
        "أسوشيتد برس",
        "اسوشيتد برس",
        "أسوشييتد برس",
        "أسوشيتدبرس",
        "ap",
        "associated press",
    ),
    "د ب أ": ("د ب أ", "د.ب.أ", "الألمانية", "الوكالة الألمانية", "dpa"),
    "واس": ("واس", "وكالة الأنباء السعودية"),
    "وات": ("وات", "وكالة تونس إفريقيا للأنباء", "وكالة تونس أفريقيا للأنباء"),
    "الأناضول": ("الأناضول", "وكالة الأناضول", "aa"),
    "قنا": ("قنا", "وكالة الأنباء القطرية"),
    "وام": ("وام", "وكالة أنباء الإمارات"),
    "كونا": ("كونا", "وكالة الأنباء الكويتية"),
    "بنا": ("بنا", "وكالة أنباء البحرين"),
    "العمانية": ("العمانية", "وكالة الأنباء العمانية"),
    "سانا": ("سانا", "الوكالة العربية السورية للأنباء"),
    "إرنا": ("إرنا", "ارنا", "وكالة الجمهورية الإسلامية للأنباء"),
    "شينخوا": ("شينخوا", "xinhua"),
    "يو بي آي": ("يو بي آي", "يونايتد برس", "upi"),
    "سبوتنيك": ("سبوتنيك", "sputnik"),
    "تاس": ("تاس", "tass"),
    "وفا": ("وفا", "وكالة الأنباء الفلسطينية"),
    "معا": ("معا", "وكالة معا"),
    "ومع": ("ومع", "وكالة المغرب العربي للأنباء"),
    "واج": ("واج", "وكالة الأنباء الجزائرية"),
    "سبأ": ("سبأ", "وكالة سبأ"),
    "بترا": ("بترا", "وكالة الأنباء الأردنية"),
    "أ ش أ": ("أ ش أ", "أ.ش.أ", "وكالة أنباء الشرق الأوسط"),
    "واع": ("واع", "وكالة الأنباء العراقية"),
    "وكالات": ("وكالات", "وكالات الأنباء", "وكالات أنباء"),
}

#: Outlet slugs used by corpora and crawlers → the outlet's Arabic name.
OUTLET_SLUGS: dict[str, str] = {
    "alarabia": "العربية",
    "alarabiya": "العربية",
    "aljazeera": "الجزيرة",
    "bbc": "بي بي سي عربي",
    "cnn": "سي إن إن بالعربية",
    "france24": "فرانس 24",
    "skynews": "سكاي نيوز عربية",
    "aawsat": "الشرق الأوسط",
    "alriyadh": "الرياض",
    "okaz": "عكاظ",
    "alyaum": "اليوم",
    "aleqtisadiya": "الاقتصادية",
    "alwatan": "الوطن",
    "almadina": "المدينة",
    "sabq": "سبق",
    "alweeam": "الوئام",
    "ajel": "عاجل",
    "almarsd": "المرصد",
    "arriyadiyah": "الرياضية",
    "alsharq": "الشرق",
    "was": "واس",
    "aljazirah": "الجزيرة السعودية",
    "arreyadi": "الرياضي",
    "jazirah": "الجزيرة السعودية",
    "jawhara fm": "جوهرة أف أم",
}

_AGENCY_KEYS: dict[str, str] = {
    match_key(v): canonical
    for canonical, variants in AGENCIES.items()
    for v in (canonical, *variants)
}


def agency_name(text: str) -> str | None:
    """The canonical agency for a credit string (``أ.ف.ب`` → ``فرانس برس``), else None."""
    key = match_key(text).strip(" ()-–—.,،«»\"'")
    return _AGENCY_KEYS.get(key)


#: Other names of an outlet (its feed titles, its Latin name) → the name the slugs give, so
#: that one outlet has one name whatever the input (``--source``, story outlets, counts).
OUTLET_ALIASES: dict[str, str] = {
    "CNN بالعربية": "سي إن إن بالعربية",
    "CNN Arabic": "سي إن إن بالعربية",
    "BBC عربي": "بي بي سي عربي",
    "BBC Arabic": "بي بي سي عربي",
    "العربية.نت": "العربية",
    "Al Arabiya": "العربية",
    "Sky News Arabia": "سكاي نيوز عربية",
    "France 24": "فرانس 24",
    "Al Jazeera": "الجزيرة",
    "الجزيرة نت": "الجزيرة",
}
_OUTLET_ALIAS_KEYS = {match_key(alias): name for alias, name in OUTLET_ALIASES.items()}


def outlet_name(name: str) -> str:
    """The outlet's one name for a corpus slug (``cnn``) or another name (``CNN بالعربية``)."""
    name = name.strip()
    return OUTLET_SLUGS.get(name.casefold()) or _OUTLET_ALIAS_KEYS.get(match_key(name), name)
