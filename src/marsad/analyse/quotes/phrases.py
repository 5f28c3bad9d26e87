"""Speaker phrases: where the words naming a source start and end, and what kind they are.

A phrase is parsed from its head word forward (``وزير المالية الإسرائيلي بتسلئيل
سموتريتش``, ``مسؤول رفيع في البنتاغون``, ``صحيفة "معاريف" العبرية``) and stops at the
first adjunct: a time word, a speech event (``في بيان``), an addressee (``للصحفيين``), a
comma that does not open an apposition. Entity spans from the entities stage take
precedence over these rules when they are present.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.analyse.quotes import heads
from marsad.analyse.quotes.cues import COMPLEMENTISERS, CUES, fold
from marsad.analyse.quotes.text import TextView, Token, is_letter_n
from marsad.model import EntitySpan

EntityIndex = dict[int, tuple[int, EntitySpan]]

#: The longest speaker phrase, in tokens; the longest in the development set has 14.
MAX_PHRASE_TOKENS = 16
#: The longest personal name, in words (``كارين جان بيير``, ``شون بي. باربابيلا``).
MAX_NAME_WORDS = 4
#: Prepositions that continue a phrase (``مسؤول رفيع في البنتاغون``, ``المتحدث باسم``).
LINK_PREPS = heads.words("في من لدى باسم")
#: ``من جانبه``: a phrase never continues into these.
_ASIDE = heads.words("جانبه جانبها جانبهم جهته جهتها جهتهم ناحيته ناحيتها")
_QUOTE_OPEN = frozenset('"«“”„')
_NAME_HOMOGRAPHS = frozenset({"علي"})
_AMIN, _AAM = fold("أمين"), fold("عام")


@dataclass
class Phrase:
    """Tokens ``lo..hi`` (exclusive) naming a source, with what its head says about it."""

    lo: int
    hi: int
    kind: str  # "anon", "title", "org", "anaphor", "name", "state", "entity", "unknown"
    name_lo: int = -1  # the personal name inside the phrase, if any
    name_hi: int = -1
    entity: EntitySpan | None = None

    @property
    def has_name(self) -> bool:
        return self.name_hi > self.name_lo >= 0


def strip_al(key: str) -> str:
    """The word without its article and a proclitic before it (``والإسرائيلي`` → إسرائيلي)."""
    for prefix in ("ال", "وال", "بال", "فال", "لل"):
        if key.startswith(prefix) and len(key) > len(prefix) + 1:
            return key[len(prefix) :]
    return key


def has_al(key: str) -> bool:
    return key.startswith(("ال", "وال", "بال", "لل", "فال")) and len(key) > 3


def _lexicon_kind(key: str, definite: bool) -> str | None:
    if key in heads.STATES:
        return "state"
    if definite and key in heads.DEFINITE_TITLES:
        return "title"
    if key in heads.TITLE_HEADS and not (key in heads.ANON_HEADS and not definite):
        return "title"
    if key in heads.ANON_HEADS:
        if definite and key in heads.ANAPHOR_HEADS:
            return "anaphor"
        return "anon"
    if key in heads.ORG_HEADS:
        return "org"
    if definite and key in heads.ANAPHOR_HEADS:
        return "anaphor"
    return None


def head_kind(tok: Token) -> str | None:
    """What a word heading a phrase makes of it, or None for an ordinary word."""
    return _key_kind(tok.key) if tok.is_word else None


@lru_cache(maxsize=8192)
def _key_kind(key: str) -> str | None:
    # a pure function of the word: cached for speed (every title word is looked up
    # once per token by the speaker book), never invalidated
    if key in heads.STATES:
        return "state"
    return _lexicon_kind(strip_al(key), has_al(key))


def is_prep_phrase_word(tok: Token) -> bool:
    """``لشرطة``, ``لحقوق``, ``بوزارة``: a preposition glued to a noun of the phrase."""
    key = tok.key
    if len(key) < 4 or key[0] not in "لب" or has_al(key):
        return False
    rest = key[1:]
    return _lexicon_kind(rest, False) is not None or rest in heads.PHRASE_NOUNS


def is_adjective(tok: Token) -> bool:
    """A nisba or listed adjective (``الإسرائيلي``, ``أمنيون``, ``العليا``)."""
    key = tok.key
    if key in heads.FUNCTION_WORDS or tok.bare in heads.FUNCTION_WORDS:
        return False
    if key in heads.ADJECTIVES or strip_al(key) in heads.ADJECTIVES:
        return True
    if has_al(key):
        return key.endswith(("ي", "يه", "يين", "يون"))
    return key.endswith(("يون", "يين", "يه", "يا")) and len(key) > 4


def is_name_like(tok: Token) -> bool:
    """A word that may be part of a personal name: no article, not a lexicon word."""
    if not tok.is_word or has_al(tok.key) or tok.key[0].isdigit() or tok.key.isascii():
        return False  # Latin words name companies here (Recorded Future), not people
    key = tok.key
    if tok.text in _NAME_HOMOGRAPHS:
        return True  # علي (a name) folds like على (a preposition); the spelling tells them apart
    if key.startswith("م") and key.endswith(("ا", "ه", "ين")) and len(key) >= 6:
        return False  # a participle (مستغربة, متسائلا), not a name
    if len(tok.text) >= 5 and tok.text.endswith(("ها", "هم", "هما")):
        return False  # a pronoun suffix (استغرابها): names do not take one
    if tok.text.startswith("ل") and tok.text.endswith("ه") and len(tok.text) >= 5:
        return False  # an addressee: لنظيره, لزميله
    return not (
        key in heads.FUNCTION_WORDS
        or tok.bare in heads.FUNCTION_WORDS
        or key in heads.TIME_WORDS
        or key in heads.DATA_NOUNS
        or key in CUES
        or tok.bare in CUES
        or key in COMPLEMENTISERS
        or key in heads.ADJUNCT_PREPS
        or key in heads.SAME_WORDS
        or head_kind(tok) is not None
        or is_prep_phrase_word(tok)
        or (key.endswith(("يون", "يين")) and len(key) > 4)
    )


def name_run_end(view: TextView, i: int, hi: int, known: frozenset[str] = frozenset()) -> int:
    """End of a personal name starting at token ``i`` (``i`` when there is none)."""
    toks, j, words = view.tokens, i, 0
    while j < hi and words < MAX_NAME_WORDS:
        tok = toks[j]
        if tok.text == "#" and j + 1 < hi and toks[j + 1].is_word and is_name_like(toks[j + 1]):
            j += 2  # a hashtag ends a name: دونالد #ترمب
            break
        if tok.key in heads.NAME_PARTICLES and j + 1 < hi and toks[j + 1].is_word:
            j += 2  # عبد الرحمن, ذو الفقاري, أبو زيد, بن غفير
            words += 2
            continue
        if j > i and is_letter_n(toks, j):
            j += 1  # بي إن سبورتس
            words += 1
            continue
        if tok.text == "." and j > i and len(toks[j - 1].text) <= 2:
            j += 1  # an initial: شون بي. باربابيلا
            continue
        if not is_name_like(tok) or (words >= 3 and tok.text.endswith("ا")):
            break  # رجب طيب إردوغان تجمعا: an accusative noun ends the name
        j += 1
        words += 1
    if j > i and j < hi and words == 1 and toks[j].is_word and has_al(toks[j].key):
        # a given name and a surname with the article: صبيح المصري, أمين الناصر — a nisba,
        # or the last word before the bound (the trigger of a cue)
        nisba = toks[j].key.endswith("ي") and strip_al(toks[j].key) not in heads.ADJECTIVES
        last = j + 1 == hi and not toks[j].key.endswith("يه")
        usable = (
            _lexicon_kind(strip_al(toks[j].key), True) is None
            and toks[j].key not in heads.FUNCTION_WORDS
        )
        if (nisba or last or toks[j].key in known) and usable:
            j += 1
    while j > i and not toks[j - 1].is_word:
        j -= 1
    return j


def parse_phrase(
    view: TextView,
    lo: int,
    hi: int,
    ents: EntityIndex,
    stops: frozenset[str] = frozenset(),
    greedy: bool = False,
) -> Phrase | None:
    """The speaker phrase starting at token ``lo`` (bounded by ``hi``), or None.

    ``stops`` are words the phrase must end before (a cue's own preposition: ``حذرت X من``).
    ``greedy`` phrases run to the first adjunct: used between a cue and its trigger, where
    nothing but the speaker and adjuncts can stand (``قال مراسل الجزيرة في بغداد سامر يوسف إن``).
    """
    toks = view.tokens
    hi = min(hi, lo + MAX_PHRASE_TOKENS, len(toks))
    if lo >= hi:
        return None
    if not toks[lo].is_word:
        return _quoted_name(view, lo, hi) if toks[lo].text in _QUOTE_OPEN else None
    hit = ents.get(lo)
    if hit is not None and hit[1].label in ("PERS", "ORG", "LOC"):
        end, ent = hit
        if ent.label == "PERS":  # an entity cut short (شون بي) grows to the whole name
            end = max(end, _grown_name_end(view, lo, end, hi))
        phrase = Phrase(lo, min(end, hi), "entity", entity=ent)
        if ent.label == "PERS":
            phrase.name_lo, phrase.name_hi = lo, phrase.hi
        phrase.hi = _extend_modifiers(view, phrase.hi, hi, org=ent.label != "PERS")
        return phrase
    kind = head_kind(toks[lo])
    if kind is None and toks[lo].key == _AMIN and lo + 1 < hi and toks[lo + 1].key == _AAM:
        kind = "title"  # أمين عام الغرفة: a title, not the given name أمين
    if kind is None:
        end = name_run_end(view, lo, hi)
        if end > lo:
            return Phrase(lo, end, "name", lo, end)
        if has_al(toks[lo].key) and toks[lo].bare not in heads.FUNCTION_WORDS:
            j = _extend_modifiers(view, lo + 1, hi, org=True)
            named = greedy and j < hi and is_name_like(toks[j])
            end = name_run_end(view, j, hi) if named else j
            if not greedy and j == lo + 1 and is_adjective(toks[lo]):
                # a nationality before a name: البرتغالي خورخي جيسوس (two words at least,
                # or a person entity: المصري رفض is a surname and a verb)
                end = name_run_end(view, j, hi)
                hit = ents.get(j)
                person = hit is not None and hit[1].label == "PERS"
                if end - j < 2 and not person:
                    end = j
            if end > j:  # an unlisted title before a name: الناقد علي حسن
                return Phrase(lo, end, "title", j, end)
            return Phrase(lo, j, "unknown")
        return None
    if kind == "state":
        return Phrase(lo, _extend_modifiers(view, lo + 1, hi, org=True), "state")
    end = _extend_head(view, lo, hi, ents, kind, stops)
    if greedy:
        end = max(end, _adjunct_start(view, lo + 1, hi))
    phrase = Phrase(lo, end, kind)
    _find_inner_name(view, phrase, ents)
    return phrase


def _grown_name_end(view: TextView, lo: int, end: int, hi: int) -> int:
    """The end of a person entity: one word, or a name ending in an initial (``شون بي``),
    may be cut short and grows by :func:`name_run_end`; otherwise the entity is the whole
    name (``ستورمي دانييلز`` before ``تقاضي`` or ``بدعوى``)."""
    if end - lo < 2 or len(view.tokens[end - 1].text) <= 2:
        return name_run_end(view, lo, hi)  # شون بي. باربابيلا
    return end  # two words or more: the entity is the whole name


def _adjunct_start(view: TextView, j: int, hi: int) -> int:
    """The first token from ``j`` that starts an adjunct of a speaker phrase."""
    toks = view.tokens
    while j < hi:
        tok = toks[j]
        if not tok.is_word:
            if view.close_of.get(j, hi) < hi:
                j = view.close_of[j] + 1
                continue
            if tok.text == "." and j > 0 and len(toks[j - 1].text) <= 2:
                j += 1  # an initial inside a name
                continue
            return j
        key = tok.key
        if (
            key in heads.TIME_WORDS
            or key in heads.ADJUNCT_PREPS
            or key in CUES
            or (key in COMPLEMENTISERS and not is_letter_n(toks, j))
        ):
            return j
        if key in _GREEDY_STOPS or key in heads.ADDRESSEES or _adjunct_noun(tok):
            return j
        if key in LINK_PREPS and j + 1 < hi and _adjunct_noun(toks[j + 1]):
            return j
        if key.startswith("ل") and len(key) > 2:
            rest = "ال" + key[2:] if key.startswith("لل") else key[1:].lstrip("ـ")
            if (
                strip_al(rest) in heads.MEDIA_PREFIXES
                or rest in heads.KNOWN_OUTLETS
                or rest.isascii()
            ):
                return j
        j += 1
    return j


_GREEDY_STOPS = heads.words("عن مع إلى حول بشأن عند أمام")


def _quoted_name(view: TextView, lo: int, hi: int) -> Phrase | None:
    close = view.close_of.get(lo)
    if close is None or close >= hi or close - lo > 5:
        return None
    return Phrase(lo, close + 1, "unknown")


def _extend_modifiers(view: TextView, j: int, hi: int, org: bool) -> int:
    toks = view.tokens
    while j < hi:
        tok = toks[j]
        if tok.is_word and is_adjective(tok):
            j += 1
        elif org and view.close_of.get(j, hi) < hi:
            j = view.close_of[j] + 1
        else:
            break
    return j


def _extend_head(
    view: TextView, lo: int, hi: int, ents: EntityIndex, kind: str, stops: frozenset[str]
) -> int:
    """End of a phrase headed by a title, an organisation, an anonymous noun or an anaphor."""
    toks = view.tokens
    j = lo + 1
    construct = not has_al(toks[lo].key)  # وزير الدفاع: the head governs the next noun
    while j < hi:
        tok = toks[j]
        key = tok.key
        if not tok.is_word:
            quote_end = view.close_of.get(j, hi)
            if quote_end < hi and (j - lo <= 3 or _quoted_word_aside(view, j, quote_end, hi)):
                j = quote_end + 1  # صحيفة "معاريف", مجلة "فوربس"
                construct = False
                continue
            if tok.text == "(" and kind == "org" and (close := paren_close(view, j, hi)):
                j = close + 1
                continue
            break
        if key in stops or key in heads.TIME_WORDS or key in heads.ADJUNCT_PREPS:
            break
        if is_letter_n(toks, j):
            j += 1  # شبكة سي إن إن
            continue
        if key in CUES or key in COMPLEMENTISERS or key in heads.FUNCTION_WORDS - LINK_PREPS:
            break
        if key in heads.SAME_WORDS:
            return j + 1
        if key in LINK_PREPS:
            nxt = toks[j + 1] if j + 1 < hi else None
            if nxt is None or not nxt.is_word or _adjunct_noun(nxt) or kind == "anaphor":
                break
            if nxt.key in heads.TIME_WORDS or nxt.key[0].isdigit():
                break
            j += 2
            construct = not has_al(nxt.key) and (
                head_kind(nxt) is not None or nxt.key in heads.PHRASE_NOUNS
            )
            continue
        if key.startswith(("لل", "بال")) or is_prep_phrase_word(tok):
            rest = "ال" + key[2:] if key.startswith("لل") else key[1:]
            if _adjunct_noun(tok) or rest in heads.KNOWN_OUTLETS or key in heads.ADDRESSEES:
                break
            if strip_al(rest) in heads.MEDIA_PREFIXES:
                break
            j += 1  # المفوضية العليا للانتخابات, المفوض المساعد لشرطة العاصمة
            construct = not has_al(key)
            continue
        if j in ents and ents[j][1].label in ("ORG", "LOC") and construct:
            j = ents[j][0]
            construct = False
            continue
        if construct:
            j += 1  # مقر خاتم الأنبياء, حارس مرمى الاسماعيلي: a genitive chain
            construct = not has_al(key) and key not in heads.STATES
            continue
        if is_adjective(tok):
            j += 1
            continue
        if key.startswith("وال") and toks[j - 1].key.startswith("لل"):
            j += 1  # للأدوية والمنتجات الصحية
            continue
        if kind in ("title", "anaphor") and is_name_like(tok):
            hit = ents.get(j)
            if hit is not None and hit[1].label == "PERS":  # the entity bounds the name
                return _grown_name_end(view, j, min(hit[0], hi), hi)
            return name_run_end(view, j, hi)
        if kind == "title" and head_kind(tok) == "title" and has_al(key):
            j += 1  # العميد الركن, الدكتور
            construct = False
            continue
        break
    return j


def _quoted_word_aside(view: TextView, j: int, close: int, hi: int) -> bool:
    """One quoted word then a comma, deep in a phrase: a company's name before an
    apposition (``محلل في شركة الأبحاث "غافيكال"، آرثر كروبر،``), not a quotation."""
    toks = view.tokens
    return (
        close == j + 2 and toks[j + 1].is_word and close + 1 < hi and toks[close + 1].text in "،,"
    )


def _adjunct_noun(tok: Token) -> bool:
    return strip_al(tok.key) in heads.SPEECH_NOUNS or tok.key in _ASIDE


def paren_close(view: TextView, j: int, hi: int) -> int | None:
    for k in range(j + 1, min(hi, j + 6)):
        if view.tokens[k].text == ")":
            return k
    return None


def _find_inner_name(view: TextView, phrase: Phrase, ents: EntityIndex) -> None:
    """The personal name inside a title phrase: an entity, else the trailing name run."""
    toks = view.tokens
    for i in range(phrase.lo, phrase.hi):
        hit = ents.get(i)
        if hit is not None and hit[1].label == "PERS":
            end = max(hit[0], name_run_end(view, i, phrase.hi))
            phrase.name_lo, phrase.name_hi, phrase.entity = i, min(end, phrase.hi), hit[1]
            return
    if phrase.kind not in ("title", "anaphor"):
        return
    for i in range(phrase.lo + 1, phrase.hi):
        prev = toks[i - 1]
        if prev.key in LINK_PREPS or toks[i].key in LINK_PREPS:
            continue  # في بغداد: the place of a preposition is not a name
        if prev.is_word and not has_al(prev.key) and head_kind(prev) not in (None, "state"):
            continue  # حارس مرمى: the complement of a title is not a name
        if is_prep_phrase_word(prev):
            continue  # بشركة وود ماكينزي: a company, not a person
        end = name_run_end(view, i, phrase.hi)
        if end == phrase.hi and end > i and is_name_like(toks[i]):
            phrase.name_lo, phrase.name_hi = i, end
            return
