"""Canonical forms of source names: organisations, anonymous descriptions, title keys.

QUOTES.md: the speaker is "the fullest form in the article", outlets by their name
(``صحيفة معاريف`` → معاريف), anonymous sources by their description.
"""

from __future__ import annotations

from marsad.analyse.quotes import heads
from marsad.analyse.quotes.cues import fold, words
from marsad.analyse.quotes.phrases import Phrase, has_al, is_adjective, strip_al
from marsad.analyse.quotes.text import TextView, Token

#: Dual forms of titles folded to the singular for title look-up (وزيري الدفاع → وزير).
_TITLE_SINGULAR = {fold("وزيري"): fold("وزير"), fold("وزيرا"): fold("وزير")}
#: Words that end an anonymous description: ``مسؤول … (من) دون كشف هويته``.
_UNNAMED_TAIL = words("دون طلب فضل رفض شريطة")
_MIN = fold("من")


def title_key(view: TextView, lo: int, hi: int) -> tuple[str, ...]:
    """Folded title words without article, feminine ending or dual (وزيرة → وزير)."""
    out = []
    for tok in view.tokens[lo:hi]:
        if not tok.is_word or tok.key in heads.SAME_WORDS:
            continue
        word = strip_al(tok.key)
        word = _TITLE_SINGULAR.get(word, word)
        out.append(word[:-1] if word.endswith("ه") and len(word) > 3 else word)
    return tuple(out)


def anon_description(mention: str) -> str:
    """An anonymous source as described, without ``نفسه`` or ``من دون كشف هويته``."""
    kept = [w for w in mention.split() if fold(w) not in heads.SAME_WORDS]
    for k, word in enumerate(kept):
        if k and fold(word) in _UNNAMED_TAIL:
            kept = kept[: k - 1] if fold(kept[k - 1]) == _MIN else kept[:k]
            break
    return " ".join(kept).strip("،,:-– ")


def clean_marks(text: str) -> str:
    """Without quotation marks, hashtags or underscores (``#الاتحاد_الأوروبي``)."""
    for mark in '"«»“”#':
        text = text.replace(mark, "")
    return " ".join(text.replace("_", " ").split())


def org_name(view: TextView, phrase: Phrase) -> str:
    """The canonical name of an organisation phrase.

    A media word before a proper name is dropped with the adjectives after it (``صحيفة
    "معاريف" العبرية`` → معاريف, ``شركة "كبلر"`` → كبلر); parentheses are dropped; other
    names stay whole, the fullest form (``وزارة الدفاع الإماراتية``).
    """
    toks = view.tokens[phrase.lo : phrase.hi]
    kept = [t for k, t in enumerate(toks) if t.is_word and k not in _in_parens(toks)]
    kept = [t for t in kept if t.key not in heads.SAME_WORDS]
    if not kept:
        return clean_marks(view.text[toks[0].start : toks[-1].end])
    first = strip_al(kept[0].key)
    quoted = len(toks) > 1 and toks[1].text in '"«“”'  # صحيفة "الأفق"
    if first in heads.OUTLET_PREFIXES and len(kept) > 1 and (quoted or not has_al(kept[1].key)):
        kept = kept[1:]
        if first in heads.MEDIA_PREFIXES:
            while len(kept) > 1 and has_al(kept[-1].key) and is_adjective(kept[-1]):
                kept = kept[:-1]
        else:
            kept = kept[: _company_words(kept)]
    return clean_marks(view.text[kept[0].start : kept[-1].end])


def _company_words(toks: list[Token]) -> int:
    """How many words after شركة are the company's name: up to a descriptive word with the
    article (``وود ماكينزي الاستشارية`` → 2); a nisba stays (``آرامكو السعودية``)."""
    n = 1
    while n < len(toks) and toks[n].key not in heads.FUNCTION_WORDS:
        key = toks[n].key
        if has_al(key) and not key.endswith(("يه", "ي")) and not key.startswith("لل"):
            break
        n += 1
    return n


def _in_parens(toks: list[Token]) -> set[int]:
    inside: set[int] = set()
    depth = 0
    for k, tok in enumerate(toks):
        if tok.text == "(":
            depth += 1
        elif tok.text == ")":
            depth = max(0, depth - 1)
        elif depth:
            inside.add(k)
    return inside
