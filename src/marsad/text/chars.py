"""Character tables, as data (the model: CAMeL Tools' normalisation tables)."""

from __future__ import annotations

#: Harakat, tanwin, shadda, sukun, superscript alef, Quranic annotation marks.
DIACRITICS = frozenset(
    [chr(c) for c in range(0x064B, 0x0660)]
    + ["\u0670"]
    + [chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06DD, 0x06DE, 0x06E5, 0x06E6)]
    + ["\u08f0", "\u08f1", "\u08f2"]
)
TATWEEL = "\u0640"

#: Hamza-carrying and wasla alef forms, folded to bare alef in match keys.
ALEF_FORMS = {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا"}
ALEF_MAQSURA = {"ى": "ي"}
TEH_MARBUTA = {"ة": "ه"}

#: Eastern Arabic (U+0660..) and Persian/Urdu (U+06F0..) digits.
DIGITS = {chr(0x0660 + i): str(i) for i in range(10)} | {chr(0x06F0 + i): str(i) for i in range(10)}
#: Arabic decimal and thousands separators, and the Arabic percent sign.
NUMBER_MARKS = {"\u066b": ".", "\u066c": ",", "\u066a": "%"}

#: Every double-quotation style seen in Arabic news, folded to ASCII '"' in match keys.
DOUBLE_QUOTES = {
    "“": '"',
    "”": '"',
    "„": '"',
    "‟": '"',
    "«": '"',
    "»": '"',
    "″": '"',
    "〝": '"',
    "〞": '"',
    "＂": '"',
}
SINGLE_QUOTES = {"‘": "'", "’": "'", "‚": "'", "‛": "'", "‹": "'", "›": "'"}
#: Opening mark -> closing mark, for quote detection.
QUOTE_PAIRS = {'"': '"', "“": "”", "«": "»", "„": "“", "”": "“", "‘": "’", "'": "'"}

#: Zero-width and bidi controls that scraping leaves in text; never visible, never meaningful
#: for Arabic (ZWNJ is meaningful in Persian, but Persian is rejected before this runs).
INVISIBLES = frozenset(
    ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad", "\u061c"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
#: Horizontal spaces folded to one ASCII space (newlines are kept: they carry structure).
SPACES = frozenset(
    [
        "\u00a0",
        "\u2007",
        "\u202f",
        "\u3000",
        "\t",
        "\u2009",
        "\u200a",
        "\u2002",
        "\u2003",
        "\u2004",
        "\u2005",
        "\u2006",
        "\u2008",
        "\u205f",
        "\u1680",
        "\x0b",
        "\x0c",
    ]
)

#: Arabic letters proper (U+0621..U+064A), used to tell Arabic text from other scripts.
ARABIC_LETTER_RANGE = ("\u0621", "\u064a")
#: Letters used by Persian, Urdu, Kurdish, Pashto, Sindhi but not by standard Arabic.
NON_ARABIC_SCRIPT_LETTERS = frozenset("پچژگکیےۀہھٹڈڑںۓێەڕڵۆڤټځڅډړږښګڼۍې")
