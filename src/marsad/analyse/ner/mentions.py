"""Tokens and entity mentions of one document, and the tagger's mentions.

A :class:`Mention` is a token range ``[first, last)`` with a label; the rule layer, the
role finder and the canonicaliser all work on these before they become character spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import NamedTuple

from marsad.analyse.ner.conll import spans
from marsad.analyse.ner.features import FeatureExtractor
from marsad.analyse.ner.tagger import Tagger
from marsad.text.tokenize import split_sentences, tokenize


class Tok(NamedTuple):
    """A token with its look-up forms: ``form`` folded, ``stem`` without proclitics.

    A named tuple rather than a frozen dataclass: a document makes ~300 of them and a
    tuple is built several times faster.
    """

    text: str
    start: int
    end: int
    form: str
    stem: str
    prefix: str
    sentence: int
    trigger: str | None

    @property
    def is_punct(self) -> bool:
        return not any(c.isalnum() for c in self.text)

    @property
    def is_quote(self) -> bool:
        return self.text in QUOTE_MARKS


QUOTE_MARKS = frozenset('"“”«»„')
_ARABIC_RE = re.compile("[\u0621-\u064a]")


@dataclass
class Mention:
    """Tokens ``[first, last)`` naming one entity; ``source`` is ``crf`` or a rule name."""

    first: int
    last: int
    label: str
    source: str = "crf"
    canonical: str = ""
    role: str | None = None
    country: str | None = None
    #: for a title-only mention (``وزير الدفاع الإسرائيلي``): the mention it refers to
    refers_to: Mention | None = None

    def overlaps(self, other: Mention) -> bool:
        return self.first < other.last and other.first < self.last

    def contains(self, other: Mention) -> bool:
        return self.first <= other.first and other.last <= self.last


def document_tokens(text: str, extractor: FeatureExtractor) -> list[Tok]:
    """The tokens of a text, each with its sentence number and look-up forms."""
    out: list[Tok] = []
    sentences = split_sentences(text)
    tokens = tokenize(text)
    extractor.prepare(t.text for t in tokens)
    k = 0
    for token in tokens:
        while k + 1 < len(sentences) and token.start >= sentences[k].end:
            k += 1
        info = extractor.token(token.text)
        out.append(
            Tok(
                token.text,
                token.start,
                token.end,
                info.form,
                info.stem,
                info.prefix,
                k,
                info.trigger,
            )
        )
    return out


def sentence_ranges(toks: list[Tok]) -> list[tuple[int, int]]:
    """``[first, last)`` token ranges of the sentences."""
    out: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(toks) + 1):
        if i == len(toks) or toks[i].sentence != toks[start].sentence:
            out.append((start, i))
            start = i
    return out


def tagger_mentions(toks: list[Tok], tagger: Tagger) -> list[Mention]:
    """The CRF's entities; sentences without an Arabic letter are not tagged (the model
    knows Arabic only: on English it calls any run of words a name)."""
    ranges = [
        (first, last)
        for first, last in sentence_ranges(toks)
        if any(_ARABIC_RE.search(t.text) for t in toks[first:last])
    ]
    tagged = tagger.tag_sentences([[t.text for t in toks[a:b]] for a, b in ranges])
    out: list[Mention] = []
    for (first, _), tags in zip(ranges, tagged, strict=True):
        out += [Mention(first + s, first + e, label) for s, e, label in spans(tags)]
    return out
