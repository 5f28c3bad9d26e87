"""Highlighted snippets on the display text, for index terms found by a query.

The index holds terms, not the display text, so the snippet is found here, without
tokenizing the whole article (that alone took 5 ms per article): candidate words are
located with one regular expression over a length-preserving fold of the text, so offsets
stay those of the display text, then confirmed by the analyser itself.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from marsad.text.analyzer import prefix_term, term, variant_table

#: Characters in a snippet: about two lines of a terminal, like a search engine's result.
SNIPPET_CHARS = 220
#: Characters kept before the first highlighted word, for context.
LEAD_CHARS = 50
ELLIPSIS = "…"
# Letter folds that keep the length (one character for one): enough to find a stem's
# letters in the surface word; the analyser confirms every candidate.
# (str.replace per letter: a translate table on a 3 KB article took 1.4 ms, this 0.05 ms)
_FOLDS = tuple(zip("أإآٱىةئؤ", "اااايهيو", strict=True))
_WORD_CHAR = r"(?:[^\W_]|[\u0640\u064b-\u065f\u0670])"
_WORD_TAIL_RE = re.compile(_WORD_CHAR + "*")
#: Windows tried for the snippet: one per hit, for the first hits only (the choice is
#: quadratic in hits; a common word can occur a hundred times in a long article).
MAX_ANCHORS = 24


@dataclass(frozen=True)
class Snippet:
    text: str
    #: (start, end) offsets of highlighted words in ``text``
    highlights: tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    term: str


def make_snippet(text: str, terms: Iterable[str], prefixes: Iterable[str] = ()) -> Snippet:
    hits = _hits(text, frozenset(terms), frozenset(prefixes))
    begin = _best_start(hits, text)
    end = _word_boundary_before(text, begin + SNIPPET_CHARS)
    lead = ELLIPSIS + " " if begin > 0 else ""
    tail = " " + ELLIPSIS if end < len(text) else ""
    shift = len(lead) - begin
    highlights = tuple(
        (h.start + shift, h.end + shift) for h in hits if begin <= h.start and h.end <= end
    )
    return Snippet(lead + text[begin:end].replace("\n", " ") + tail, highlights)


def _hits(text: str, terms: frozenset[str], prefixes: frozenset[str]) -> list[_Hit]:
    """Every word of ``text`` whose term is searched for, in order."""
    probes = _probes(terms | prefixes)
    if not probes:
        return []
    pattern = re.compile("|".join(re.escape(p) for p in sorted(probes, key=len, reverse=True)))
    folded = text
    for letter, replacement in _FOLDS:
        folded = folded.replace(letter, replacement)
    hits: list[_Hit] = []
    last_end = -1
    for match in pattern.finditer(folded.casefold() if folded.isascii() else folded):
        if match.start() < last_end:
            continue
        start = match.start()
        while start > 0 and _is_word_char(text[start - 1]):
            start -= 1
        end = _WORD_TAIL_RE.match(text, match.start()).end()  # type: ignore[union-attr]
        last_end = end
        word = text[start:end]
        found = term(word)
        if found in terms or any(prefix_term(word).startswith(p) for p in prefixes):
            hits.append(_Hit(start, end, found))
    return hits


def _probes(terms: frozenset[str]) -> set[str]:
    """Letters to look for: each term and every variant stem folded onto it; a final ه
    of a term is often ة in the text, so it is left out of the probe."""
    probes = {t for t in terms if t}
    probes |= {variant for variant, canonical in variant_table().items() if canonical in terms}
    return {p[:-1] if p.endswith("ه") and len(p) > 2 else p for p in probes}


def _best_start(hits: list[_Hit], text: str) -> int:
    """Start of the window holding the most distinct terms (earliest on ties)."""
    best_start, best_score = 0, (0, 0)
    for hit in hits[:MAX_ANCHORS]:
        start = max(0, hit.start - LEAD_CHARS)
        inside = [h.term for h in hits if start <= h.start and h.end <= start + SNIPPET_CHARS]
        score = (len(set(inside)), len(inside))
        if score > best_score:
            best_start, best_score = start, score
    return _word_boundary_after(text, best_start)


def _is_word_char(char: str) -> bool:
    return char.isalnum() or "\u064b" <= char <= "\u065f" or char in "\u0640\u0670"


def _word_boundary_after(text: str, pos: int) -> int:
    if pos == 0 or text[pos - 1].isspace():
        return pos
    space = text.find(" ", pos)
    return space + 1 if space != -1 else pos


def _word_boundary_before(text: str, pos: int) -> int:
    if pos >= len(text):
        return len(text)
    space = text.rfind(" ", 0, pos)
    return space if space > 0 else pos
