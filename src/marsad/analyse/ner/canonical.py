"""Canonical forms and match keys of entity mentions.

* The **canonical** form is what a reader sees: the fullest form of the name in the article,
  as written, without clitics or quotation marks (``وغالانت`` → ``يوآف غالانت``).
* The **key** is the match key that makes one entity one key across articles: the canonical
  form (or the list canonical form when the name is in a gazetteer) with letters folded
  (:func:`marsad.text.normalize.match_key`) and transliteration variants folded
  (ترامب/ترمب, أميركي/أمريكي, نتنياهو/نتانياهو).
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence

from marsad.analyse.ner.clitics import splits
from marsad.analyse.ner.mentions import Mention, Tok
from marsad.text.normalize import match_key

#: Rewrites of frequent transliteration variants, applied to folded text (regex → text).
#: Each pair was seen in the news corpus as two spellings of one name.
_VARIANT_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), repl)
    for pattern, repl in (
        (r"امريك", "اميرك"),  # أمريكا / أميركا, أمريكي / أميركي
        (r"گ", "ج"),
        (r"ڤ", "ف"),
        (r"پ", "ب"),
        (r"چ", "تش"),
    )
)
#: Words (without the article) at least this long lose their inner alefs in the key: long (mostly foreign)
#: names are written with and without a long vowel (ترامب/ترمب, غالانت/غلانت), while short
#: Arabic names differ by one (حامد/حمد). 5 is the shortest length where the corpus showed
#: more variant pairs than distinct-name pairs.
MIN_LENGTH_FOR_ALEF_FOLDING = 5
#: Shortest name left after cutting proclitics from a name's first word.
MIN_NAME_STEM = 3
_PUNCTUATION_RE = re.compile(r"^[^\w]+|[^\w]+$")
_QUOTES_RE = re.compile("[\"“”«»„'‘’]")


def entity_key(name: str) -> str:
    """The cross-document match key of an entity name."""
    words = []
    for word in match_key(name).split():
        for pattern, repl in _VARIANT_RULES:
            word = pattern.sub(repl, word)
        article = "ال" if word.startswith("ال") and len(word) > 4 else ""
        word = word[len(article) :]
        if len(word) >= MIN_LENGTH_FOR_ALEF_FOLDING:
            word = word[0] + word[1:-1].replace("ا", "") + word[-1]
        words.append(article + word)
    return " ".join(words)


def clean_name(text: str) -> str:
    """A mention as a name: no quotation marks, no edge punctuation, one space between words."""
    text = _QUOTES_RE.sub(" ", text)
    return " ".join(_PUNCTUATION_RE.sub("", w) for w in text.split() if _PUNCTUATION_RE.sub("", w))


_MARKS = frozenset(chr(c) for c in range(0x064B, 0x0660)) | {"\u0670", "\u0640"}


def offset_after_letters(text: str, n: int) -> int:
    """Index in ``text`` just past its first ``n`` letters (diacritics and tatweel skipped)."""
    seen = 0
    for i, ch in enumerate(text):
        if seen == n and ch not in _MARKS:
            return i
        if ch not in _MARKS:
            seen += 1
    return len(text)


def name_split(tok: Tok, entity_forms: Container[str], listed: Container[str]) -> tuple[str, str]:
    """The (proclitics, stem) reading of a name's first word.

    The token's corpus-frequency split (``Tok.prefix``) is right for words but not always
    for names (``وليد`` is not و + ل + يد; an unseen ``وغالانت`` has no frequency). So: a
    reading whose stem is a word of another mention in the document wins (``غالانت``);
    a word that begins a listed name is kept whole; otherwise the frequency split, when it
    leaves at least MIN_NAME_STEM letters.
    """
    readings = [(p, s) for p, s in splits(tok.form)[1:] if len(s) >= MIN_NAME_STEM]
    seen = [(p, s) for p, s in readings if s in entity_forms]
    if seen:
        return max(seen, key=lambda r: len(r[1]))
    if tok.form in listed or len(tok.stem) < MIN_NAME_STEM:
        return "", tok.form
    return tok.prefix, tok.stem


def mention_bounds(
    text: str, toks: Sequence[Tok], m: Mention, split: tuple[str, str] | None = None
) -> tuple[int, int, str]:
    """Character span of a mention without its first word's proclitics, and its name.

    ``split`` is the first word's (proclitics, stem) reading (default: the token's own,
    see :func:`name_split`).
    ``للأمم المتحدة`` keeps its first letters in the span (the article is fused with the
    preposition) and is named ``الأمم المتحدة``.
    """
    first = toks[m.first]
    start, end = first.start, toks[m.last - 1].end
    prefix, stem = split or (first.prefix, first.stem)
    first_word = first.text
    if prefix:
        cut = offset_after_letters(first.text, len(prefix))
        if stem != first.form[len(prefix) :]:  # ل + ال written لل
            first_word = "ا" + first.text[cut:]
        else:
            start += cut
            first_word = first.text[cut:]
    return start, end, clean_name(first_word + text[first.end : end])


def link_people(names: dict[int, str], mentions: Sequence[Mention]) -> None:
    """Canonical forms of person mentions: the fullest name in the document they end.

    ``أوستن`` → ``لويد أوستن`` when that name occurs. When two full names end the same way,
    the one last seen before the mention wins (else the first one after it). A one-word
    mention that another label got (a headline's ``أوستن``) but that ends a person's full
    name in the document becomes a person first. ``names`` maps ``id(mention)`` to its
    cleaned name.
    """
    keys = {id(m): tuple(entity_key(names[id(m)]).split()) for m in mentions}
    #: proper suffix of a full name → the full names' mentions, in text order
    by_suffix: dict[tuple[str, ...], list[Mention]] = {}
    for m in mentions:
        words = keys[id(m)]
        if m.label == "PERS" and len(words) > 1:
            for k in range(1, len(words)):
                by_suffix.setdefault(words[k:], []).append(m)
    for m in mentions:
        one_word = len(keys[id(m)]) == 1
        if m.label != "PERS" and m.source == "crf" and one_word and keys[id(m)] in by_suffix:
            m.label = "PERS"
    for m in mentions:
        if m.label != "PERS" or m.refers_to is not None:
            continue
        best = _fullest(by_suffix.get(keys[id(m)], []), m, keys)
        m.canonical = names[id(best)] if best is not None else names[id(m)]
        if best is not None and not m.role:
            m.role, m.country = best.role, best.country


def _fullest(
    candidates: list[Mention], m: Mention, keys: dict[int, tuple[str, ...]]
) -> Mention | None:
    if not candidates:
        return None
    longest = max(len(keys[id(c)]) for c in candidates)
    full = [c for c in candidates if len(keys[id(c)]) == longest]
    before = [c for c in full if c.first < m.first]
    return before[-1] if before else full[0]
