"""Titles of people: ``وزير الدفاع الأميركي لويد أوستن`` → role وزير الدفاع, country
الولايات المتحدة; and mentions by title alone (``وزير الدفاع الإسرائيلي``) resolved to the
person who holds that title in the same document.

A title phrase is read leftwards from a name: a title head (وزير، الرئيس، المتحدثة …, the
``title`` class of triggers.tsv) followed by definite words (الدفاع، الأمن القومي), entity
mentions (باسم البيت الأبيض) and nationality adjectives, which give the country and are
left out of the role.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from marsad.analyse.ner.gazetteers import Countries
from marsad.analyse.ner.mentions import Mention, Tok
from marsad.analyse.ner.rules import STOP_WORDS
from marsad.text.normalize import match_key

#: Longest title phrase before a name, in tokens (نائب رئيس الوزراء ووزير الخارجية … is 7).
MAX_TITLE_TOKENS = 7
#: Link words allowed inside a title phrase (المتحدثة باسم، مستشار … في).
_TITLE_LINKS = frozenset({"باسم", "في", "لشؤون", "العام", "العامه"})
#: Dual and plural title heads, written as the singular role (وزيري الدفاع → وزير الدفاع).
_SINGULAR = {"وزيري": "وزير", "وزيرا": "وزير", "وزراء": "وزير", "سفيري": "سفير"}


@dataclass(frozen=True)
class Title:
    first: int
    last: int
    role: str
    country: str | None


class RoleFinder:
    def __init__(self, countries: Countries) -> None:
        self.countries = countries

    def country_of(self, tok: Tok) -> str | None:
        if tok.prefix:
            return None
        found = self.countries.nationality(tok.stem)
        return found.name if found else None

    def title_before(
        self, toks: Sequence[Tok], index: int, covered: dict[int, Mention]
    ) -> Title | None:
        """The title phrase that ends just before token ``index``, if any."""
        sentence = toks[index].sentence
        j = index - 1
        head = -1
        while j >= 0 and index - j <= MAX_TITLE_TOKENS and toks[j].sentence == sentence:
            tok = toks[j]
            inside = covered.get(j)
            if inside is not None and inside.label != "PERS":
                j = inside.first - 1
                continue
            if tok.trigger == "title" and tok.form not in ("بن", "ابو", "ابن", "ام"):
                head = j
                if tok.prefix:
                    break
            elif not self._title_word(tok):
                break
            j -= 1
        if head < 0:
            return None
        return self._title(toks, head, index)

    def _title_word(self, tok: Tok) -> bool:
        if tok.is_punct or tok.form in STOP_WORDS:
            return False
        if tok.form in _TITLE_LINKS or self.country_of(tok):
            return True
        return tok.stem.startswith("ال") and tok.prefix in ("", "ب", "ل")

    def _title(self, toks: Sequence[Tok], first: int, last: int) -> Title:
        words: list[str] = []
        country = None
        for k in range(first, last):
            tok = toks[k]
            nation = self.country_of(tok)
            if nation and k > first:
                country = country or nation
                continue
            text = tok.text[len(tok.prefix) :] if k == first and tok.prefix else tok.text
            words.append(_SINGULAR.get(tok.form, text) if k == first else text)
        return Title(first, last, " ".join(words), country)

    def attach(self, toks: Sequence[Tok], mentions: Sequence[Mention]) -> None:
        """Set ``role`` and ``country`` of every person mention preceded by a title."""
        covered = {k: m for m in mentions for k in range(m.first, m.last)}
        previous: Mention | None = None
        for m in mentions:
            if m.label != "PERS":
                continue
            title = self.title_before(toks, m.first, covered)
            if title is not None:
                m.role, m.country = title.role, title.country
            elif previous is not None and previous.role:
                self._coordinated(toks, previous, m)
            previous = m

    def _coordinated(self, toks: Sequence[Tok], previous: Mention, m: Mention) -> None:
        """``وزيري الدفاع الأميركي X والإسرائيلي Y``: Y shares X's role."""
        if m.first - previous.last != 1:
            return
        link = toks[previous.last]
        nation = self.countries.nationality(link.stem) if link.prefix == "و" else None
        if nation is not None:
            m.role, m.country = previous.role, nation.name

    def title_after(
        self, toks: Sequence[Tok], head: int, covered: dict[int, Mention]
    ) -> Title | None:
        """The title phrase that starts at ``head``; None when a name follows it."""
        sentence = toks[head].sentence
        k = head + 1
        while k < len(toks) and k - head < MAX_TITLE_TOKENS and toks[k].sentence == sentence:
            inside = covered.get(k)
            if inside is not None:
                if inside.label == "PERS":
                    return None
                k = inside.last
            elif self._title_word(toks[k]):
                k += 1
            else:
                break
        if k == head + 1:
            return None
        return self._title(toks, head, k)

    def titled_mentions(self, toks: Sequence[Tok], mentions: Sequence[Mention]) -> list[Mention]:
        """Mentions by title alone, each resolved to the one person holding that title."""
        holders: dict[tuple[str, str | None], list[Mention]] = {}
        for m in mentions:
            if m.label == "PERS" and m.role:
                holders.setdefault((_role_key(m.role), m.country), []).append(m)
        if not holders:
            return []
        covered = {k: m for m in mentions for k in range(m.first, m.last)}
        out: list[Mention] = []
        for i, tok in enumerate(toks):
            if tok.trigger != "title" or i in covered:
                continue
            title = self.title_after(toks, i, covered)
            if title is None:
                continue
            found = holders.get((_role_key(title.role), title.country), [])
            people = {m.canonical for m in found}
            if len(people) == 1:
                person = found[0]
                out.append(
                    Mention(
                        title.first,
                        title.last,
                        "PERS",
                        "title",
                        canonical=person.canonical,
                        role=person.role,
                        country=person.country,
                        refers_to=person,
                    )
                )
        return out


def _role_key(role: str) -> str:
    return match_key(role)
