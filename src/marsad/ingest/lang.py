"""Is this Arabic? Arabic vs. other Arabic-script languages vs. everything else.

Three cheap signals:

1. the share of Arabic-block letters among letters (below MIN_ARABIC_SHARE: ``other``);
2. the share of letters that only Persian, Urdu, Kurdish, Pashto use (پ چ ژ گ ٹ ے ڕ ښ …);
   ی ک ھ ہ are left out of this count because Arabic typed on a Persian keyboard uses them
   for ي ك ه (ANT has such articles), so they are folded to their Arabic forms instead;
3. function words: Persian/Urdu/Kurdish/Pashto ones (است، را، از، کے، ہے، لە، په …) against
   Arabic ones (في، من، على، إلى، أن، التي …).

Calibrated on 16,000 Arabic articles (ANT, SaudiNewsNet, Jawhara FM, Al Jazeera), the
Persian page of ../shared/data/html and the BBC Urdu feed of ../shared/data/feeds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.ingest.decode import arabic_share, letters_of
from marsad.text.chars import NON_ARABIC_SCRIPT_LETTERS

#: Minimum share of Arabic-block letters for a text to be Arabic at all. Arabic news that
#: quotes English names stays above 0.8 (ANT, SaudiNewsNet); 0.5 leaves room for mixed pages.
MIN_ARABIC_SHARE = 0.5
#: Letters Persian keyboards put in Arabic text; folded to the Arabic letter, never evidence.
KEYBOARD_VARIANTS = {"ی": "ي", "ک": "ك", "ھ": "ه", "ہ": "ه", "ۀ": "ة"}
#: Letters no standard Arabic word uses.
FOREIGN_LETTERS = frozenset(NON_ARABIC_SCRIPT_LETTERS) - frozenset(KEYBOARD_VARIANTS)
_FOREIGN_LETTER_RE = re.compile("[" + "".join(sorted(FOREIGN_LETTERS)) + "]")
#: Share of FOREIGN_LETTERS above which the text is another Arabic-script language. The
#: highest share in the 16,000 Arabic articles is 0.49 % (names such as گوگل، بوتشيتينو with
#: چ); the Persian page has 1.9 %, Urdu feed items 6-20 %. 1 % sits between them.
MAX_FOREIGN_LETTER_SHARE = 0.01
#: Share of foreign function words (among words) that marks another language, when it also
#: exceeds the share of Arabic function words. Arabic articles: at most 0.02 %; the Persian
#: page 11 %; Urdu feed items 21-31 %.
MIN_FOREIGN_FUNCTION_SHARE = 0.03
#: Arabic function words; they make 5-15 % of the words of an Arabic article, 0-4 % of a
#: Persian or Urdu one (من and که-like homographs).
ARABIC_FUNCTION_WORDS = frozenset(
    [
        "في",
        "من",
        "على",
        "إلى",
        "الى",
        "عن",
        "أن",
        "ان",
        "إن",
        "التي",
        "الذي",
        "هذا",
        "هذه",
        "مع",
        "كان",
        "قد",
        "أو",
        "بين",
        "بعد",
        "وفي",
    ]
)
#: Function words of Persian, Urdu, Kurdish (Sorani) and Pashto that are not Arabic tokens
#: (او، له، ان، هم، من are Arabic too and left out). They catch Persian typed with Arabic
#: letters only (older sites type ي/ك for ی/ک), which the letter count misses.
FOREIGN_FUNCTION_WORDS = frozenset(
    [
        # Persian (مي، آن، شد، اند، كرد are left out: Arabic names and words, seen in ANT)
        "است",
        "این",
        "اين",
        "که",
        "را",
        "برای",
        "براي",
        "از",
        "می",
        "می\u200cشود",
        "هستند",
        "کرد",
        "نیز",
        "نيز",
        "های",
        "خواهد",
        # Urdu
        "اور",
        "کے",
        "کی",
        "ہے",
        "میں",
        "سے",
        "نے",
        "کو",
        "یہ",
        "وہ",
        "تھا",
        "گیا",
        "کہ",
        # Kurdish (Sorani)
        "لە",
        "بۆ",
        "ئەو",
        "کە",
        "دەکات",
        # Pashto
        "په",
        "چې",
        "کې",
        "دې",
    ]
)
#: Below this many letters a verdict is not trustworthy: accept, the other checks decide.
MIN_LETTERS = 20


_FOLD = str.maketrans(KEYBOARD_VARIANTS)


@dataclass(frozen=True)
class LanguageVerdict:
    lang: str  # "ar", "fa-ur" (another Arabic-script language) or "other"
    arabic_share: float
    foreign_share: float  # share of FOREIGN_LETTERS among letters


def detect_language(text: str) -> LanguageVerdict:
    sample = text[:20000]
    letters = letters_of(sample)
    share = arabic_share(sample, letters)
    if len(letters) < MIN_LETTERS:
        return LanguageVerdict("ar" if share >= MIN_ARABIC_SHARE else "other", share, 0.0)
    foreign = len(_FOREIGN_LETTER_RE.findall(letters)) / len(letters)
    if share < MIN_ARABIC_SHARE:
        return LanguageVerdict("other", share, foreign)
    words = sample.split()
    foreign_words = sum(w in FOREIGN_FUNCTION_WORDS for w in words) / len(words)
    arabic_words = sum(w in ARABIC_FUNCTION_WORDS for w in sample.translate(_FOLD).split())
    if foreign > MAX_FOREIGN_LETTER_SHARE or (
        foreign_words >= MIN_FOREIGN_FUNCTION_SHARE and foreign_words > arabic_words / len(words)
    ):
        return LanguageVerdict("fa-ur", share, foreign)
    return LanguageVerdict("ar", share, foreign)


def is_arabic(text: str) -> bool:
    return detect_language(text).lang == "ar"
