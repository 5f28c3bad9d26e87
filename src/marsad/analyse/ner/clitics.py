"""Proclitics of Arabic news tokens (و ف ب ل ك and their combinations).

ANERcorp and running text keep clitics attached (``وفي``, ``بواشنطن``, ``للأمم``). A split
is only a candidate: ``واشنطن`` and ``بايدن`` begin with clitic letters too. The lexicon
counts from unlabeled news decide which split is the word: a stripped form wins when it is
clearly more frequent than the whole token.
"""

from __future__ import annotations

from collections.abc import Callable

_CONJUNCTIONS = ("", "و", "ف")
_PREPOSITIONS = ("", "ب", "ل", "ك")
#: Shortest stem left after a split (one-letter stems are never names).
MIN_STEM = 2
#: A split is taken when the stem is this many times more frequent than the whole token.
#: 2 keeps واشنطن/وزير/فلسطين/كارولاينا whole and splits بواشنطن/وغزة/لإسرائيل/بمجلس/للأمم
#: (checked by hand on these and the seed page's tokens). It fails on some names (وليد →
#: ول + يد), so names get a second look in canonical.name_split.
STRIP_RATIO = 2.0


def splits(form: str) -> list[tuple[str, str]]:
    """Every (proclitics, stem) reading of a folded form, the unsplit one first.

    ``لل`` + noun is the preposition ل with the article ال (``للامم`` → ``الامم``).
    """
    out = [("", form)]
    for conj in _CONJUNCTIONS:
        for prep in _PREPOSITIONS:
            prefix = conj + prep
            if not prefix or not form.startswith(prefix):
                continue
            stem = form[len(prefix) :]
            if prep == "ل" and stem.startswith("ل") and len(stem) > MIN_STEM:
                out.append((prefix, "ا" + stem))
            if len(stem) >= MIN_STEM:
                out.append((prefix, stem))
    return out


def best_split(
    form: str, count: Callable[[str], int], readings: list[tuple[str, str]] | None = None
) -> tuple[str, str]:
    """The most likely (proclitics, stem) reading by corpus frequency.

    ``readings`` are the form's :func:`splits`, when the caller already has them.
    """
    best_prefix, best_stem = "", form
    threshold = STRIP_RATIO * count(form)
    best_count = 0
    for prefix, stem in (readings or splits(form))[1:]:
        c = count(stem)
        if c > threshold and c > best_count:
            best_prefix, best_stem, best_count = prefix, stem, c
    return best_prefix, best_stem


def without_article(stem: str) -> str:
    """The stem without the definite article ال (kept when too little would remain)."""
    return stem[2:] if stem.startswith("ال") and len(stem) > 3 else stem
