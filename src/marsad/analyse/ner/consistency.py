"""Document consistency: a name tagged once is tagged at its other occurrences.

The CRF sees one sentence at a time, so a name it recognises after a title (``الرئيس
X``) can slip through alone two sentences later, and a brand repeated across an article
is found once in three. After tagging, every entity string is looked for in the nearby
sentences; an untagged occurrence, not touching another entity, takes the label that
string has most often there. ANERcorp has no article boundaries, so "nearby" is a window
of sentences on each side, in training data and running text alike.

On dev10 this adds 1.5 points of micro F1 (docs/ner_model_card.md): the window and the
minimum length below were read off a grid of 5/10/20 sentences and 3/4 letters, all of
which gained between 1.2 and 1.5 points.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from marsad.analyse.ner.conll import spans

#: Sentences on each side whose entities are propagated (ANERcorp articles run 10–40).
CONTEXT_SENTENCES = 10
#: Entity strings shorter than this (in letters) are not propagated (في، من are never names).
MIN_LETTERS = 4

Key = tuple[str, ...]


def propagate(stems: Sequence[Sequence[str]], tags: Sequence[Sequence[str]]) -> list[list[str]]:
    """IOB2 tags with each entity string's label spread to its untagged occurrences.

    ``stems[k]`` are sentence k's tokens in look-up form (clitics stripped), so ``وغزة``
    is an occurrence of ``غزة``.
    """
    found: list[list[tuple[Key, str]]] = []
    for sent, sent_tags in zip(stems, tags, strict=True):
        keys = [(tuple(sent[s:e]), label) for s, e, label in spans(sent_tags)]
        found.append([(k, lab) for k, lab in keys if sum(map(len, k)) >= MIN_LETTERS])
    window = _Window()
    n = len(stems)
    for k in range(min(n, CONTEXT_SENTENCES)):
        window.add(found[k], 1)
    out = [list(t) for t in tags]
    for k in range(n):
        if k + CONTEXT_SENTENCES < n:
            window.add(found[k + CONTEXT_SENTENCES], 1)
        if k - CONTEXT_SENTENCES - 1 >= 0:
            window.add(found[k - CONTEXT_SENTENCES - 1], -1)
        if window.votes:
            _fill(stems[k], out[k], window)
    return out


class _Window:
    """Label counts of the entity strings in the current window of sentences."""

    def __init__(self) -> None:
        self.votes: dict[Key, Counter[str]] = {}
        self.by_first: dict[str, set[Key]] = {}

    def add(self, items: list[tuple[Key, str]], sign: int) -> None:
        for key, label in items:
            counts = self.votes.setdefault(key, Counter())
            counts[label] += sign
            if counts[label] <= 0:
                del counts[label]
            if counts:
                self.by_first.setdefault(key[0], set()).add(key)
            else:
                del self.votes[key]
                self.by_first[key[0]].discard(key)

    def candidates(self, first: str) -> list[tuple[Key, str]]:
        """Strings starting with ``first``, longest first, with their majority label
        (ties go to the label first in alphabetical order)."""
        keys = self.by_first.get(first)
        if not keys:
            return []
        out = []
        for key in sorted(keys, key=lambda k: (-len(k), k)):
            counts = self.votes[key]
            out.append((key, min(counts, key=lambda label: (-counts[label], label))))
        return out


def _fill(stems: Sequence[str], tags: list[str], window: _Window) -> None:
    n = len(stems)
    for i in range(n):
        for key, label in window.candidates(stems[i]):
            end = i + len(key)
            if end > n or tuple(stems[i:end]) != key:
                continue
            free = all(t == "O" for t in tags[i:end])
            apart = (i == 0 or tags[i - 1] == "O") and (end == n or tags[end] == "O")
            if free and apart:
                tags[i:end] = ["B-" + label] + ["I-" + label] * (len(key) - 1)
            break
