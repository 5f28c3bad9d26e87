"""Is this Arabic? Arabic vs. other Arabic-script languages vs. everything else.

Two signals, both cheap: the share of Arabic-block letters among letters, and the share
of letters that only Persian, Urdu, Kurdish or Pashto use (پ چ ژ گ ک ی ے …). Function
words confirm the call for short texts.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.ingest.decode import arabic_share
from marsad.text.chars import NON_ARABIC_SCRIPT_LETTERS

#: Minimum share of Arabic-block letters for a text to be Arabic at all. Arabic news that
#: quotes English names stays above 0.8 (ANT, SaudiNewsNet); 0.5 leaves room for mixed pages.
MIN_ARABIC_SHARE = 0.5
#: Share of Persian/Urdu-only letters above which the text is another Arabic-script language.
#: Arabic news has ~0 (a borrowed name such as گوگل is rare); Persian runs at 3-5 % of letters
#: (ی alone is ~4 %), Urdu higher. 0.5 % separates them with a wide margin.
MAX_FOREIGN_LETTER_SHARE = 0.005
#: Function words that are frequent in Persian/Urdu and absent from Arabic.
FOREIGN_FUNCTION_WORDS = frozenset(
    [
        "است",
        "این",
        "آن",
        "که",
        "را",
        "برای",
        "می\u200cشود",
        "هستند",
        "کرد",
        "شده",
        "اور",
        "کے",
        "کی",
        "ہے",
        "میں",
        "سے",
        "نے",
        "کو",
    ]
)
#: Below this many letters a verdict is not trustworthy: accept, the other checks decide.
MIN_LETTERS = 20


@dataclass(frozen=True)
class LanguageVerdict:
    lang: str  # "ar", "fa-ur" (another Arabic-script language) or "other"
    arabic_share: float
    foreign_share: float


def detect_language(text: str) -> LanguageVerdict:
    sample = text[:20000]
    letters = [c for c in sample if c.isalpha()]
    share = arabic_share(sample)
    if len(letters) < MIN_LETTERS:
        return LanguageVerdict("ar" if share >= MIN_ARABIC_SHARE else "other", share, 0.0)
    foreign = sum(c in NON_ARABIC_SCRIPT_LETTERS for c in letters) / len(letters)
    if share < MIN_ARABIC_SHARE:
        return LanguageVerdict("other", share, foreign)
    words = sample.split()
    function_hits = sum(w in FOREIGN_FUNCTION_WORDS for w in words)
    if foreign > MAX_FOREIGN_LETTER_SHARE or function_hits > max(3, len(words) // 50):
        return LanguageVerdict("fa-ur", share, foreign)
    return LanguageVerdict("ar", share, foreign)


def is_arabic(text: str) -> bool:
    return detect_language(text).lang == "ar"
