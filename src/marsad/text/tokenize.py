"""Tokens and sentences with character offsets into the display text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A word: letters/digits/marks of any script, with inner tatweel, apostrophes or dots in
# abbreviations such as "أ.ف.ب"; numbers keep their decimal/thousands separators.
_TOKEN_RE = re.compile(
    r"\d+(?:[.,\u066b\u066c]\d+)*%?"
    r"|[^\W\d_](?:[^\W_]|[\u0640\u064b-\u065f\u0670])*(?:['’][^\W\d_]+)?"
    r"|[\u064b-\u065f\u0670\u0640]+"
    r"|[^\s\w]|_",
    re.UNICODE,
)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int


def tokenize(text: str) -> list[Token]:
    """Split into words, numbers and single punctuation marks, keeping offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def iter_words(text: str) -> Iterator[Token]:
    """Only word and number tokens."""
    for tok in tokenize(text):
        if tok.text[0].isalnum():
            yield tok


# Sentence ends: . ! ? ؟ … and the aggregator ".." ; Arabic semicolon ؛ ends a clause that
# news writers use as a sentence end. A point between digits or after a one-letter
# abbreviation ("د." for دكتور, "أ.ف.ب") does not end a sentence.
_SENT_END_RE = re.compile(r"(?:\.{2,}|…|[!?؟؛]+|(?<![\d\s.]\w)(?<!\d)\.(?!\d))[\"”»’)\]]*(?=\s|$)")
_PARAGRAPH_RE = re.compile(r"\n+")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


def split_sentences(text: str) -> list[Sentence]:
    """Sentences as offset pairs; a newline always ends one (news paragraphs)."""
    out: list[Sentence] = []
    pos = 0
    for para in _PARAGRAPH_RE.split(text):
        para_start = text.index(para, pos) if para else pos
        pos = para_start + len(para)
        begin = 0
        for m in _SENT_END_RE.finditer(para):
            _append(out, para, para_start, begin, m.end())
            begin = m.end()
        _append(out, para, para_start, begin, len(para))
    return out


def _append(out: list[Sentence], para: str, offset: int, begin: int, end: int) -> None:
    chunk = para[begin:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    out.append(Sentence(offset + begin + lead, offset + begin + lead + len(stripped)))
