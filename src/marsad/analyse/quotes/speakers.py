"""Speaker resolution: from a phrase (or none) to a canonical source, its type and mention.

What the article says about its sources is collected once, before the quotes are read
(:class:`SpeakerBook`): the full personal names it uses, the titles they were introduced
with (``وزير الدفاع الإسرائيلي يوآف غالانت``), the outlets it mentions. A later surname
(``غالانت``), title-only mention (``وزير الدفاع الإسرائيلي``) or anaphor (``التقرير``) is
resolved against that book; a cue without a subject takes the previous speaker.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from marsad.analyse.quotes import heads
from marsad.analyse.quotes.cues import fold
from marsad.analyse.quotes.names import anon_description, clean_marks, org_name, title_key
from marsad.analyse.quotes.phrases import (
    MAX_NAME_WORDS,
    Phrase,
    has_al,
    head_kind,
    is_adjective,
    is_name_like,
    name_run_end,
    parse_phrase,
    strip_al,
)
from marsad.analyse.quotes.text import TextView, strip_lam_view
from marsad.model import EntitySpan

EntityIndex = dict[int, tuple[int, EntitySpan]]
_REPORT = fold("تقرير")
_AN = fold("عن")
_ISSUED = frozenset(fold(w) for w in ["صادر", "الصادر", "نشرته", "أصدرته", "أعدته", "الذي", "التي"])


@dataclass(frozen=True)
class Speaker:
    name: str
    type: str  # PERS, ORG or ANON
    mention: str
    head: str = ""  # folded head word without the article, for anaphora


def entity_index(view: TextView, entities: list[EntitySpan]) -> EntityIndex:
    """Entities keyed by the index of their first token, with the index after their last."""
    starts = {t.start: i for i, t in enumerate(view.tokens)}
    ends = {t.end: i for i, t in enumerate(view.tokens)}
    index: EntityIndex = {}
    for ent in entities:
        first, last = starts.get(ent.start), ends.get(ent.end)
        if first is not None and last is not None and last >= first:
            index[first] = (last + 1, ent)
    return index


#: How far back (tokens) an earlier mention of a definite noun's head is looked for: a few
#: paragraphs, and a bound on the work per phrase in a hostile giant text.
LOOK_BACK = 2000


class SpeakerBook:
    """Names, titles and outlets of one article, and the speakers found so far."""

    def __init__(
        self, view: TextView, ents: EntityIndex, entities: list[EntitySpan] | None = None
    ) -> None:
        self.view = view
        self.ents = ents
        self.names: list[tuple[str, ...]] = []
        self.display: dict[tuple[str, ...], str] = {}
        #: (offset where introduced, folded title words, full name)
        self.titles: list[tuple[int, tuple[str, ...], str]] = []
        self.outlets: list[tuple[int, str]] = []
        #: (offset, head, name, words) of organisations named with their head noun
        #: (وزارة الخارجية الفرنسية), for anaphors (الوزارة, الصحيفة الإسبانية)
        self.orgs: list[tuple[int, str, str, frozenset[str]]] = []
        self.history: list[Speaker] = []
        #: how often each person is mentioned (entities stage), for AUTHOR_HEADS
        self.mentions: Counter[str] = Counter()
        for ent in entities if entities is not None else [e for _, e in ents.values()]:
            if ent.label == "PERS":
                self.add_name(ent.canonical or ent.text)
                self.mentions[ent.canonical or ent.text] += 1
                if ent.role:
                    role = tuple(strip_al(fold(w)) for w in ent.role.split())
                    self.titles.append((ent.start, role, ent.canonical or ent.text))
        self._prescan()

    # -- the book ------------------------------------------------------------------------
    def add_name(self, name: str) -> None:
        name = clean_marks(name)
        key = tuple(fold(w) for w in name.split())
        if key and key not in self.display:
            self.names.append(key)
            self.display[key] = name

    def _prescan(self) -> None:
        toks = self.view.tokens
        for i, tok in enumerate(toks):
            if not tok.is_word:
                continue
            kind = head_kind(tok)
            if kind == "title":
                phrase = parse_phrase(self.view, i, len(toks), self.ents)
                if phrase is not None and not phrase.has_name:
                    self._appositive_name(phrase)
                if phrase is not None and phrase.name_lo > phrase.lo:
                    name = self.text(phrase.name_lo, phrase.name_hi)
                    self.add_name(name)
                    key = title_key(self.view, phrase.lo, phrase.name_lo)
                    self.titles.append((tok.start, key, name))
                    self._coordinated(phrase, key)
            elif kind == "org":
                phrase = parse_phrase(self.view, i, len(toks), self.ents)
                if phrase is None or phrase.hi <= i + 1:
                    continue
                name = org_name(self.view, phrase)
                if tok.key in heads.OUTLET_PREFIXES:
                    self.outlets.append((tok.start, name))
                said = frozenset(t.key for t in toks[i + 1 : phrase.hi])
                self.orgs.append((tok.start, strip_al(tok.key), name, said))
            elif _REPORT in tok.key:
                self._report_issuer(i)

    def _report_issuer(self, i: int) -> None:
        """``تقرير صادر عن X``, ``تقرير لـX``, ``تقرير نشرته X``: X published the report."""
        toks = self.view.tokens
        if has_al(toks[i].key):
            return  # التقرير refers back; it introduces no publisher
        j = i + 1
        marked = False
        while j < min(len(toks), i + 4) and (toks[j].key in _ISSUED or toks[j].key == _AN):
            j, marked = j + 1, True
        if j >= len(toks):
            return
        if toks[j].key.startswith("ل") and j == i + 1:
            view, marked = strip_lam_view(self.view, j), True
        else:
            view = self.view
        phrase = parse_phrase(view, j, len(toks), self.ents) if marked else None
        if phrase is not None and phrase.kind in ("org", "entity", "state"):
            self.outlets.append((toks[i].start, org_name(self.view, phrase)))

    def _appositive_name(self, phrase: Phrase) -> None:
        """``رئيس مجلس الإدارة، صبيح المصري،``: the name between commas follows the title."""
        toks, j = self.view.tokens, phrase.hi
        if not (j + 2 < len(toks) and toks[j].text in "،,"):
            return
        end = next((m for m in range(j + 1, min(len(toks), j + 6)) if not toks[m].is_word), j + 1)
        names = toks[j + 1 : end]
        plain = all(head_kind(t) is None and t.bare not in heads.FUNCTION_WORDS for t in names)
        closed = toks[end].text in "،,"
        if 1 < len(names) <= MAX_NAME_WORDS and is_name_like(names[0]) and plain and closed:
            phrase.name_lo, phrase.name_hi = j + 1, end
            self.add_name(self.text(j + 1, end))
            key = title_key(self.view, phrase.lo, phrase.hi)
            self.titles.append((toks[phrase.lo].start, key, self.text(j + 1, end)))

    def _coordinated(self, phrase: Phrase, key: tuple[str, ...]) -> None:
        """``وزيري الدفاع الأميركي لويد أوستن والإسرائيلي يوآف غالانت``: the second title."""
        toks, j = self.view.tokens, phrase.hi
        if j + 1 < len(toks) and toks[j].key.startswith("وال") and is_adjective(toks[j]):
            end = name_run_end(self.view, j + 1, len(toks))
            if end > j + 1:
                name = self.text(j + 1, end)
                self.add_name(name)
                adjective = strip_al(toks[j].key[1:])
                self.titles.append((toks[j].start, (*key[:-1], adjective), name))

    def text(self, lo: int, hi: int) -> str:
        toks = self.view.tokens
        return self.view.text[toks[lo].start : toks[hi - 1].end]

    def fullest(self, name: str) -> str:
        """The fullest form of a personal name in the article (``غالانت`` → ``يوآف غالانت``)."""
        name = clean_marks(name)
        key = tuple(fold(w) for w in name.split())
        best = key
        for cand in self.names:
            if len(cand) > len(best) and (cand[-len(key) :] == key or cand[: len(key)] == key):
                best = cand
        return self.display.get(best, name)

    def is_outlet(self, name: str) -> bool:
        """A name the article uses for an outlet (``وكالة بلومبيرغ`` → بلومبيرغ)."""
        key = fold(clean_marks(name))
        return key in heads.KNOWN_OUTLETS or any(fold(o) == key for _, o in self.outlets)

    def known_name(self, name: str) -> bool:
        key = tuple(fold(w) for w in name.split())
        return any(c[-len(key) :] == key or c[: len(key)] == key for c in self.names)

    def title_holder(self, key: tuple[str, ...], before: int) -> str | None:
        """The person last introduced with this title before offset ``before``: an exact
        match, then a prefix, then most words, then the same head, then the only holder."""
        if not key:
            return None
        for test in (
            lambda k: k == key,
            lambda k: k[: len(key)] == key,
            lambda k: bool(k) and k[0] == key[0] and len(set(key) & set(k)) >= 0.75 * len(key),
            lambda k: bool(k) and k[0] == key[0] and len(key) <= 2,
        ):
            for pos, cand, name in reversed(self.titles):
                if pos < before and test(cand):
                    return name
        holders = {
            name for pos, cand, name in self.titles if pos < before and cand and cand[0] == key[0]
        }
        return holders.pop() if len(holders) == 1 else None  # the only حارس of the article

    # -- resolution ------------------------------------------------------------------------
    def previous(self) -> Speaker | None:
        return self.history[-1] if self.history else None

    def remember(self, speaker: Speaker) -> None:
        self.history.append(speaker)

    def resolve(self, phrase: Phrase, view: TextView | None = None) -> Speaker | None:
        """The speaker a phrase names (``view`` when the phrase was parsed on another view)."""
        saved = self.view
        self.view = view or saved
        try:
            speaker = self._resolve(phrase)
        finally:
            self.view = saved
        if speaker is not None and speaker.type == "PERS":
            self.add_name(speaker.name)
        return speaker

    def _resolve(self, phrase: Phrase) -> Speaker | None:
        view = self.view
        mention = self.text(phrase.lo, phrase.hi)
        head = strip_al(view.tokens[phrase.lo].key)
        if phrase.kind == "name" and self.is_outlet(mention):
            return Speaker(clean_marks(mention), "ORG", mention, head)  # رويترز, بلومبيرغ
        if phrase.has_name and head not in heads.TITLE_HEADS:
            # A name inside an office or an anonymous source is not the speaker:
            # مكتب روحاني speaks for Rouhani, مصدر قريب من ترامب is not Trump.
            if head in heads.ORG_HEADS:
                return Speaker(clean_marks(mention), "ORG", mention, head)
            if head in heads.ANON_HEADS:
                return Speaker(anon_description(mention), "ANON", mention, head)
        if phrase.has_name:
            name = self.text(phrase.name_lo, phrase.name_hi)
            ent = phrase.entity
            if (
                ent is not None
                and ent.label == "PERS"
                and len(name.split()) <= len(ent.text.split())
            ):
                name = ent.canonical or ent.text  # the entities stage links titles to people
            return Speaker(self.fullest(name), "PERS", mention, head)
        if phrase.entity is not None:
            return Speaker(org_name(view, phrase), "ORG", mention, head)
        single = phrase.hi == phrase.lo + 1 or view.tokens[phrase.hi - 1].key in heads.SAME_WORDS
        if phrase.kind == "org" and not single and head in heads.ANAPHOR_HEADS:
            named = self._named_before(phrase)
            if named is not None:  # الصحيفة الإسبانية after صحيفة إل باييس الإسبانية
                return Speaker(named, "ORG", mention, head)
        if phrase.kind in ("title", "anaphor") or (
            phrase.kind == "org"
            and single
            and has_al(view.tokens[phrase.lo].key)
            and head in heads.ANAPHOR_HEADS
        ):
            if has_al(view.tokens[phrase.lo].key) or phrase.kind == "anaphor":
                return self._anaphor(phrase, head, mention)
            holder = self.title_holder(
                title_key(view, phrase.lo, phrase.hi), view.tokens[phrase.lo].start
            )
            if holder is not None:
                return Speaker(self.fullest(holder), "PERS", mention, head)
            return Speaker(anon_description(mention), "ANON", mention, head)
        if phrase.kind == "anon":
            if has_al(view.tokens[phrase.lo].key):  # الوزراء الأوروبيون: the ministers above
                for sp in reversed(self.history):
                    if sp.head == head:
                        return Speaker(sp.name, sp.type, mention, sp.head)
                introduced = self._introduced(head, phrase.lo)
                if introduced is not None:  # المصادر after «أفادت مصادر عسكرية بـ…»
                    return Speaker(introduced, "ANON", mention, head)
            return Speaker(anon_description(mention), "ANON", mention, head)
        if phrase.kind in ("org", "state"):
            return Speaker(org_name(view, phrase), "ORG", mention, head)
        if phrase.kind == "name":
            return Speaker(self.fullest(mention), "PERS", mention, head)
        if self.known_name(mention):
            return Speaker(self.fullest(mention), "PERS", mention, head)
        if phrase.kind == "unknown" and phrase.entity is None:
            single = phrase.hi == phrase.lo + 1 and view.tokens[phrase.lo].key.endswith("ي")
            # an unlisted word is no source (ذكر الصيام), but a nisba may be a nickname
            return Speaker(mention, "PERS", mention, head) if single else None
        return Speaker(org_name(view, phrase), "ORG", mention, head)

    def _introduced(self, head: str, before: int) -> str | None:
        """The description of the last indefinite ``head`` phrase before token ``before``
        (``مصادر عسكرية يمنية``), when the definite form refers back to it."""
        toks = self.view.tokens
        for i in range(before - 1, max(-1, before - 1 - LOOK_BACK), -1):  # bounded work
            if toks[i].key == head:
                end = i + 1
                while end < before and toks[end].is_word and is_adjective(toks[end]):
                    end += 1  # the head and its adjectives: مصادر عسكرية يمنية
                return self.text(i, end) if end > i + 1 else None
        return None

    def _named_before(self, phrase: Phrase) -> str | None:
        """The organisation named before with this head and every adjective of the phrase
        (``الصحيفة الإسبانية``); None for a name of its own (``المنظمة البحرية الدولية``)."""
        toks = self.view.tokens
        extra = toks[phrase.lo + 1 : phrase.hi]
        if not all(is_adjective(t) for t in extra):
            return None
        head, pos, wanted = (
            strip_al(toks[phrase.lo].key),
            toks[phrase.lo].start,
            {t.key for t in extra},
        )
        for start, org_head, name, said in reversed(self.orgs):
            if start < pos and org_head == head and wanted <= said:
                return name
        return None

    def _anaphor(self, phrase: Phrase, head: str, mention: str) -> Speaker | None:
        pos = self.view.tokens[phrase.lo].start
        same = any(t.key in heads.SAME_WORDS for t in self.view.tokens[phrase.lo : phrase.hi])
        prev = self.previous()
        if same and head not in heads.REPORT_HEADS and prev is not None:
            return Speaker(prev.name, prev.type, mention, prev.head)
        if head in heads.REPORT_HEADS:
            for start, name in reversed(self.outlets):
                if start < pos:
                    return Speaker(name, "ORG", mention, head)
            for sp in reversed(self.history):
                if sp.type == "ORG":
                    return Speaker(sp.name, "ORG", mention, sp.head)
        if head == fold("بيان"):
            prev = self.previous()
            return None if prev is None else Speaker(prev.name, prev.type, mention, prev.head)
        if head in heads.TITLE_HEADS:
            holder = self.title_holder(title_key(self.view, phrase.lo, phrase.hi), pos)
            if holder is not None:
                return Speaker(self.fullest(holder), "PERS", mention, head)
        if head in heads.AUTHOR_HEADS and self.mentions:
            (top, count), *rest = self.mentions.most_common(2)
            if count >= 3 and (not rest or rest[0][1] < count):  # the article's subject
                return Speaker(self.fullest(top), "PERS", mention, head)
        for same_head in (True, False):
            for sp in reversed(self.history):
                if sp.head == head or (  # المنظمة: an organisation named without a head noun
                    not same_head
                    and head in heads.ORG_HEADS
                    and sp.type == "ORG"
                    and sp.head not in heads.ORG_HEADS
                ):
                    return Speaker(sp.name, sp.type, mention, sp.head)
        for start, org_head, name, _ in reversed(self.orgs):
            if start < pos and org_head == head:  # الوزارة: the ministry named before
                return Speaker(name, "ORG", mention, head)
        kind = "ANON" if head in heads.ANON_HEADS | heads.TITLE_HEADS else "ORG"
        return Speaker(anon_description(mention), kind, mention, head)
