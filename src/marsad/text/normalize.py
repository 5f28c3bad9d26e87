"""Arabic normalisation: one small pure function per transformation.

Two texts are never confused (STYLE.md, practice 3):

* :func:`display_text` keeps what the reader sees (diacritics, quotation styles,
  hamza forms) and only removes what is invisible or broken. Offsets of every
  analysis refer to it, so it runs *before* any offset is taken.
* :func:`match_key` folds spelling variation away for search, deduplication and
  gazetteer look-up. Its output is never shown and never indexed by offset.
"""

from __future__ import annotations

import re
import unicodedata

from marsad.text import chars

_DIACRITICS_RE = re.compile("[" + "".join(sorted(chars.DIACRITICS)) + "]")
_INVISIBLE_RE = re.compile("[" + "".join(sorted(chars.INVISIBLES)) + "]")
_SPACES_RE = re.compile("[" + "".join(sorted(chars.SPACES)) + "]")
_ALEF_TABLE = str.maketrans(chars.ALEF_FORMS)
_YA_TABLE = str.maketrans(chars.ALEF_MAQSURA)
_TEH_TABLE = str.maketrans(chars.TEH_MARBUTA)
_DIGIT_TABLE = str.maketrans(chars.DIGITS | chars.NUMBER_MARKS)
_QUOTE_TABLE = str.maketrans(chars.DOUBLE_QUOTES | chars.SINGLE_QUOTES)
# Arabic presentation forms A/B (less the phrase ligatures U+FDFA..FDFD) and full-width
# forms: the only ranges where NFKC is
# safe for Arabic news (elsewhere it rewrites ligatures such as U+FDFA into whole phrases).
_COMPAT_RE = re.compile("[\ufb50-\ufdcf\ufdf0-\ufdf9\ufe70-\ufefc\uff01-\uff5e]+")
_RUN_OF_SPACES_RE = re.compile(r"[ ]{2,}")
_SPACE_AROUND_NEWLINE_RE = re.compile(r" *\n *")
_MANY_NEWLINES_RE = re.compile(r"\n{3,}")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def nfkc_safe(text: str) -> str:
    """NFC everywhere; NFKC only on presentation forms and full-width characters."""
    text = unicodedata.normalize("NFC", text)
    return _COMPAT_RE.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def remove_invisibles(text: str) -> str:
    """Drop zero-width characters, bidi controls, BOMs, soft hyphens and C0 controls."""
    return _CONTROL_RE.sub("", _INVISIBLE_RE.sub("", text))


def normalize_spaces(text: str) -> str:
    """Fold exotic spaces to ' ', unify line ends, collapse runs; keep paragraph breaks."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = text.replace("\u2029", "\n\n").replace("\x85", "\n")
    text = _SPACES_RE.sub(" ", text)
    text = _RUN_OF_SPACES_RE.sub(" ", text)
    text = _SPACE_AROUND_NEWLINE_RE.sub("\n", text)
    return _MANY_NEWLINES_RE.sub("\n\n", text).strip()


def collapse_spaces(text: str) -> str:
    """All white space, newlines included, to single spaces."""
    return " ".join(text.split())


def remove_diacritics(text: str) -> str:
    return _DIACRITICS_RE.sub("", text)


def remove_tatweel(text: str) -> str:
    return text.replace(chars.TATWEEL, "")


def normalize_alef(text: str) -> str:
    """أ إ آ ٱ → ا"""
    return text.translate(_ALEF_TABLE)


def normalize_alef_maqsura(text: str) -> str:
    """ى → ي"""
    return text.translate(_YA_TABLE)


def normalize_teh_marbuta(text: str) -> str:
    """ة → ه"""
    return text.translate(_TEH_TABLE)


def normalize_digits(text: str) -> str:
    """Eastern Arabic and Persian digits (and Arabic decimal/thousands marks) → ASCII."""
    return text.translate(_DIGIT_TABLE)


def normalize_quotes(text: str) -> str:
    """Every double-quote style → '"', every single-quote style → "'"."""
    return text.translate(_QUOTE_TABLE)


def display_text(text: str) -> str:
    """The text a reader sees: safe compatibility folding, no invisibles, tidy spaces."""
    return normalize_spaces(remove_invisibles(nfkc_safe(text)))


def fold_letters(text: str) -> str:
    """The orthographic folding shared by every match key (no stemming, no case)."""
    text = remove_tatweel(remove_diacritics(text))
    text = normalize_alef_maqsura(normalize_alef(text))
    return normalize_teh_marbuta(text)


# match_key runs on every line of every page: the per-character steps above are fused into
# one translation table (same tables, same result; 3x faster, measured in bench_extract).
_MATCH_TABLE = str.maketrans(
    {c: None for c in chars.DIACRITICS | chars.INVISIBLES | {chars.TATWEEL}}
    | chars.ALEF_FORMS
    | chars.ALEF_MAQSURA
    | chars.TEH_MARBUTA
    | chars.DIGITS
    | chars.NUMBER_MARKS
    | chars.DOUBLE_QUOTES
    | chars.SINGLE_QUOTES
)


def match_key(text: str) -> str:
    """The comparison form of a text: folded letters, ASCII digits and quotes, one-spaced.

    Equal to ``collapse_spaces(normalize_quotes(normalize_digits(fold_letters(
    remove_invisibles(nfkc_safe(text))))).casefold())``; a test holds the two together."""
    text = _CONTROL_RE.sub("", nfkc_safe(text)).translate(_MATCH_TABLE)
    return " ".join(text.casefold().split())
