"""Finding who speaks at a cue, in precedence order.

1. a source named between the cue and its trigger (``قال وزير الدفاع … إن``), taking an
   apposition (``رئيس …، صبيح المصري،``) and a relay (``نقلت X عن Y``: Y speaks, X is
   the medium) into account;
2. a subject before the verb (``وكانت الإمارات قد أعلنت``, ``أما المغرد بوخليل فرأى``);
3. the subject of the sentence's main verb, for a participle or a bare verb
   (``وعلق حماقي على …، مؤكدا``);
4. the previous speaker (``وأضاف …``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.analyse.quotes import heads
from marsad.analyse.quotes.cues import CLAUSE_OPENERS, COMPLEMENTISERS, IMPERSONAL, fold
from marsad.analyse.quotes.names import org_name
from marsad.analyse.quotes.phrases import (
    MAX_NAME_WORDS,
    EntityIndex,
    Phrase,
    has_al,
    head_kind,
    is_adjective,
    parse_phrase,
    strip_al,
)
from marsad.analyse.quotes.sites import QUOTE_OPEN, Site, lookup
from marsad.analyse.quotes.speakers import LOOK_BACK, Speaker, SpeakerBook
from marsad.analyse.quotes.text import TextView, Token

#: Most tokens of a subject before its verb (``وكان الرئيس التنفيذي للشركة أمين الناصر``).
MAX_SUBJECT_BEFORE = 9
#: Most tokens of a relative clause between a subject and its verb.
MAX_ASIDE_TOKENS = 30
#: Most words of a leading aside skipped before a sentence's verb (``في المقابل،``).
MAX_ASIDE_WORDS = 3
_AN = fold("عن")
_NAQL = fold("نقل")
_QAWL = frozenset(fold(w) for w in ("قوله", "قولها", "قولهم"))
_QAD = frozenset(fold(w) for w in ("قد", "وقد", "فقد"))
_AMMA = fold("أما")
_KANA = frozenset(fold(w) for w in ["كان", "كانت", "وكان", "وكانت"])
_RELATIVE = frozenset(fold(w) for w in ("التي", "الذي", "الذين"))
_FI = fold("في")
_SOURCE_PREPS = frozenset(fold(w) for w in ("من", "عن", "لدى"))
_ISSUED_BY = heads.words("صادر صادرة الصادر الصادرة")
#: Data nouns that, with the article, name no source unless a provider follows
#: (``التحقيقات التي أعلن عنها مكتب العمدة``); ``التقرير`` and ``البيان`` are anaphors.
_DEFINITE_DATA = heads.DATA_NOUNS - heads.REPORT_HEADS - heads.words("بيان بيانا")
_ADJUNCT_START = (
    heads.TIME_WORDS
    | heads.ADJUNCT_PREPS
    | heads.words("في عبر بالقول فيه فيها فيهم عنه عنها عنهم مع أيضا كذلك")
)


@dataclass
class Context:
    """What speaker finding reads: the text view, entities, the book, sentence starts."""

    view: TextView
    ents: EntityIndex
    book: SpeakerBook
    sentence_of: list[int]
    last_quote_start: int = -1
    skipped: set[int] = field(default_factory=set)


def phrase_after(
    ctx: Context, lo: int, hi: int, stops: frozenset[str] = frozenset(), greedy: bool = False
) -> Phrase | None:
    """A source phrase at ``lo``, looking through a data noun (``بيانات كبلر``)."""
    toks = ctx.view.tokens
    if lo < hi and toks[lo].key in heads.DATA_NOUNS:
        return data_source(ctx, lo, hi)
    head = strip_al(toks[lo].key) if lo < hi else ""
    if lo < hi and has_al(toks[lo].key) and head in _DEFINITE_DATA:
        named = data_source(ctx, lo, hi)  # التحقيقات التي أعلن عنها مكتب العمدة
        if named is not None:
            return named
        if not any(sp.head == head for sp in ctx.book.history):
            return None  # unnamed data (البيانات, التحقيقات) is no source (QUOTES.md)
    return parse_phrase(ctx.view, lo, hi, ctx.ents, stops, greedy)


def data_source(ctx: Context, lo: int, hi: int) -> Phrase | None:
    """The named provider behind a data noun, or None for unnamed data (QUOTES.md).

    ``بيانات كبلر``, ``تقرير من جيه بي مورغان``, ``استطلاع للرأي أجراه معهد "يوغوف"``,
    ``صور الأقمار الصناعية التي راجعتها خدمة تانكر تراكرز``.
    """
    toks = ctx.view.tokens
    j = lo + 1
    while j < hi and j - lo <= 6:
        tok = toks[j]
        if not tok.is_word and tok.text not in QUOTE_OPEN:
            return None
        if tok.key in COMPLEMENTISERS or tok.key in heads.TIME_WORDS:
            return None
        if tok.key in _ISSUED_BY or tok.key in heads.DATA_VERBS or is_adjective(tok):
            j += 1  # بيان صادر عن …, دراسة نشرت في …
            continue
        if tok.key in _RELATIVE and j + 1 < hi:
            j += 2  # التي راجعتها, التي أعلن عنها
            while j < hi and toks[j].key in heads.FUNCTION_WORDS:
                j += 1
            continue
        phrase = parse_phrase(ctx.view, j, hi, ctx.ents)
        if phrase is not None and phrase.kind in ("org", "entity", "state", "name", "unknown"):
            named = phrase.kind != "name" or j == lo + 1 or phrase.entity is not None
            named = named or toks[j - 1].key in _SOURCE_PREPS  # تقرير من جيه بي مورغان
            if named and (phrase.kind != "unknown" or toks[j].text in QUOTE_OPEN):
                end = phrase.hi
                while (
                    end < hi
                    and toks[end].is_word
                    and toks[end].key.startswith("و")
                    and (
                        end + 1 >= hi
                        or not toks[end + 1].is_word
                        or toks[end + 1].key in heads.FUNCTION_WORDS
                    )
                ):
                    end += 1  # تانكر تراكر دوت كوم وكبلر
                data = Phrase(phrase.lo, end, "data", entity=phrase.entity)
                data.name_lo = lo  # the data noun, for the speaker's head
                return data
        j += 1
    return None


def gap_speaker(
    ctx: Context, site: Site, lo: int, hi: int
) -> tuple[Speaker | None, tuple[int, int] | None]:
    """The speaker of a verb whose trigger was found at ``hi``."""
    toks = ctx.view.tokens
    if site.boundary is None:
        before = subject_before(ctx, site)
        if before is not None:
            return before
    start = lo
    while (
        start < hi
        and toks[start].is_word
        and (toks[start].key in CLAUSE_OPENERS or start in ctx.skipped)
    ):
        start += 1
    stops = frozenset(site.cue.preps) if site.cue is not None else frozenset()
    greedy = site.cue is not None and site.cue.lemma not in heads.OBJECT_CUES
    phrase = phrase_after(ctx, start, hi, stops, greedy) if start < hi else None
    if start < hi and phrase is None and strip_al(toks[start].key) in heads.DATA_NOUNS:
        return None, None  # تشير البيانات إلى أن: unnamed data is no source
    if phrase is not None and plausible(ctx, phrase):
        phrase = apposition(ctx, phrase, hi)
        speaker = resolve(ctx, phrase)
        if speaker is not None:
            return speaker, (phrase.lo, phrase.hi)
    before = subject_before(ctx, site)
    if before is not None:
        return before
    first = toks[start] if start < hi else None
    if first is not None and first.is_word and not _adjunct_word(first):
        return None, None  # words that are no subject and no adjunct: not a report
    return implicit(ctx, site), None


def _adjunct_word(tok: Token) -> bool:
    return tok.key in _ADJUNCT_START or tok.key.startswith("ل") or tok.key in heads.ADDRESSEES


def resolve(ctx: Context, phrase: Phrase) -> Speaker | None:
    if phrase.kind == "data":
        toks = ctx.view.tokens
        name = org_name(ctx.view, Phrase(phrase.lo, phrase.hi, "org", entity=phrase.entity))
        mention = ctx.view.text[toks[phrase.name_lo].start : toks[phrase.hi - 1].end]
        return Speaker(name, "ORG", mention, strip_al(toks[phrase.name_lo].key))
    return ctx.book.resolve(phrase, ctx.view)


def plausible(ctx: Context, phrase: Phrase) -> bool:
    """A generic plural (``الأطباء``, ``الخبراء``) is no source (QUOTES.md: generic)."""
    toks = ctx.view.tokens
    if phrase.kind == "anon" and phrase.hi == phrase.lo + 1 and has_al(toks[phrase.lo].key):
        head = strip_al(toks[phrase.lo].key)  # المصادر: the sources named before
        return any(sp.head == head for sp in ctx.book.history) or any(
            t.key == head for t in toks[max(0, phrase.lo - LOOK_BACK) : phrase.lo]
        )
    return phrase.kind != "name" or phrase.hi - phrase.lo <= 4


def apposition(ctx: Context, phrase: Phrase, hi: int) -> Phrase:
    """``رئيس مجلس الإدارة، صبيح المصري،``: the name comes from the apposition."""
    toks = ctx.view.tokens
    j = phrase.hi
    if j + 2 < hi and toks[j].key in heads.TIME_WORDS and toks[j + 1].text in "،,":
        j += 1  # رئيس الوزراء المنتخب حديثا، مهاتير محمد،
    if not (j + 1 < hi and toks[j].text in "،,") or toks[j + 1].key in heads.TIME_WORDS:
        return phrase  # وزارة الآثار، الأحد، أن: a time, not an apposition
    nxt = parse_phrase(ctx.view, j + 1, hi, ctx.ents)
    seg_end = next((m for m in range(j + 1, hi) if toks[m].text in "،,"), hi)
    plain = all(
        t.is_word and not head_kind(t) and t.bare not in heads.FUNCTION_WORDS
        for t in toks[j + 1 : seg_end]
    )
    if (
        nxt is not None
        and nxt.kind == "name"
        and nxt.hi < seg_end <= j + 1 + MAX_NAME_WORDS
        and plain
    ):
        nxt = Phrase(j + 1, seg_end, "name", j + 1, seg_end)  # نعمة الصباغ between commas
    if nxt is None or not (nxt.hi >= hi or toks[nxt.hi].text in "،,"):
        return phrase
    if not phrase.has_name and nxt.kind in ("name", "entity") and nxt.has_name:
        return Phrase(phrase.lo, nxt.hi, phrase.kind, nxt.lo, nxt.hi, nxt.entity)
    if phrase.kind in ("name", "entity") and nxt.kind in ("title", "anon", "org", "anaphor"):
        return Phrase(phrase.lo, nxt.hi, phrase.kind, phrase.name_lo, phrase.name_hi, phrase.entity)
    return phrase


def subject_before(ctx: Context, site: Site) -> tuple[Speaker, tuple[int, int]] | None:
    """SVO order: ``وكانت الإمارات قد أعلنت``, ``أما المغرد بوخليل فرأى``."""
    toks = ctx.view.tokens
    start = ctx.sentence_of[site.i]
    if site.i >= 2 and toks[site.i - 1].key in _RELATIVE:
        return _antecedent(ctx, site.i - 1, start)
    end = site.i
    while end > start and toks[end - 1].key in _QAD:
        end -= 1
    aside = _relative_aside(toks, end, start)
    if aside is not None:
        end = aside  # وكان مهاتير، الذي حقق تحالفه نصرا، قد ذكر
    k = end - 1
    while k >= start and toks[k].is_word and end - k <= MAX_SUBJECT_BEFORE:
        if toks[k].key in COMPLEMENTISERS or lookup(toks[k]) is not None:
            break
        k -= 1
    lo = k + 1
    while lo < end and (toks[lo].key in CLAUSE_OPENERS or toks[lo].bare in CLAUSE_OPENERS):
        lo += 1
    hi = end
    while hi > lo and toks[hi - 1].key in _QAD:
        hi -= 1
    if lo >= hi:
        return None
    phrase = phrase_after(ctx, lo, hi)
    if phrase is None:
        return None
    if phrase.kind == "anon":
        phrase = Phrase(phrase.lo, hi, "anon")  # مصدرا إيرانيا يقيم خارج البلاد
    elif phrase.hi < hi and phrase.has_name and _title_to(ctx, phrase.hi, hi):
        pass  # خورخي جيسوس مدرب النصر صرح: a title after the name
    elif phrase.hi < hi or not plausible(ctx, phrase):
        return None
    speaker = resolve(ctx, phrase)
    return None if speaker is None else (speaker, (phrase.lo, phrase.hi))


def _title_to(ctx: Context, lo: int, hi: int) -> bool:
    """Whether tokens ``lo``..``hi`` are one title phrase (``مدرب النصر``)."""
    if head_kind(ctx.view.tokens[lo]) != "title":
        return False
    title = parse_phrase(ctx.view, lo, hi, ctx.ents)
    return title is not None and title.hi == hi


def _relative_aside(toks: list[Token], end: int, start: int) -> int | None:
    """The comma opening an aside ``، الذي …،`` that ends just before ``end``, if any;
    the aside may hold commas of its own (``، الذي هزم رئيس الوزراء، نجيب عبد الرزاق،``)."""
    if not (end - 1 > start and toks[end - 1].text in "،,"):
        return None
    j, commas = end - 2, 0
    while j > start and end - j <= MAX_ASIDE_TOKENS and commas < 4:
        if toks[j].text in ".؟?!:":
            return None
        if toks[j].text in "،,":
            if toks[j + 1].key in _RELATIVE:
                return j
            commas += 1
        j -= 1
    return None


def _antecedent(ctx: Context, rel: int, start: int) -> tuple[Speaker, tuple[int, int]] | None:
    """``وفق فوربس التي أشارت``: the source a relative pronoun refers to."""
    for lo in range(rel - 1, max(start, rel - 5) - 1, -1):
        phrase = parse_phrase(ctx.view, lo, rel, ctx.ents)
        if phrase is None or phrase.hi != rel or phrase.kind == "unknown":
            continue
        if phrase.kind == "name":
            name = ctx.book.text(phrase.lo, phrase.hi)
            if not (ctx.book.known_name(name) or ctx.book.is_outlet(name)):
                continue  # only a source the article named before
        speaker = resolve(ctx, phrase)
        if speaker is not None:
            return speaker, (phrase.lo, phrase.hi)
    return None


def implicit(ctx: Context, site: Site) -> Speaker | None:
    """A cue without a subject: the sentence's subject when the sentence has no quote yet,
    else the previous speaker."""
    toks = ctx.view.tokens
    start = ctx.sentence_of[site.i]
    if site.kind == "participle" and site.i >= 2 and toks[site.i - 1].is_word:
        # وهو ما جعل إليسا تعلق قائلة: the subject of the verb before the participle
        phrase = parse_phrase(ctx.view, site.i - 2, site.i - 1, ctx.ents)
        if phrase is not None and phrase.kind in ("name", "entity"):
            known = phrase.entity is not None or ctx.book.known_name(
                ctx.book.text(phrase.lo, phrase.hi)
            )
            speaker = resolve(ctx, phrase) if known else None
            if speaker is not None:
                return _bare(speaker)
    if ctx.last_quote_start < start:
        main = sentence_subject(ctx, start, site.i)
        if main is not None:
            return main
    prev = ctx.book.previous()
    return None if prev is None else _bare(prev)


def _bare(speaker: Speaker) -> Speaker:
    return Speaker(speaker.name, speaker.type, "", speaker.head)


def sentence_subject(ctx: Context, start: int, hi: int) -> Speaker | None:
    """The subject of a sentence's first verb (``وعلق حماقي على …``, ``أما منتصر فانتقد``)."""
    toks = ctx.view.tokens
    i = _skip_aside(toks, start, hi)
    direct = False  # the subject comes first: أما X, كان X, يذكر أن X
    while i < hi and toks[i].is_word:
        key = toks[i].key
        if key in CLAUSE_OPENERS:
            direct = direct or key == _AMMA or key in _KANA
        elif toks[i].bare in (_FI, fold("حين")) or key == _FI:
            pass  # في حين, وفي حين
        elif key in IMPERSONAL and i + 1 < hi and toks[i + 1].key in COMPLEMENTISERS:
            direct = True
            i += 1  # يذكر أن المصري رفض …
        else:
            break
        i += 1
    if i + 1 >= hi or not toks[i].is_word:
        return None
    lo = i if direct else i + 1
    while lo < hi and toks[lo].text == "#":
        lo += 1  # فمازالت #أحلام تتذكر
    if direct:  # أما منتصر فانتقد: the subject ends before the verb with ف
        hi = next((m for m in range(lo + 1, hi) if toks[m].key.startswith("ف")), hi)
    phrase = parse_phrase(ctx.view, lo, hi, ctx.ents)
    if phrase is None or not plausible(ctx, phrase):
        return None
    if phrase.kind == "unknown" and not ctx.book.known_name(ctx.book.text(phrase.lo, phrase.hi)):
        return None  # يذكر أن المصري رفض …: a surname the article gave in full
    if phrase.kind == "name" and not direct and phrase.entity is None:
        known = ctx.book.known_name(ctx.book.text(phrase.lo, phrase.hi))
        nxt = toks[phrase.hi] if phrase.hi < hi else None
        # وطمأن عملاء البنك: a noun before a genitive is no name
        if not known and nxt is not None and nxt.is_word and has_al(nxt.key):
            return None
    speaker = resolve(ctx, phrase)
    return None if speaker is None else _bare(speaker)


def _skip_aside(toks: list[Token], start: int, hi: int) -> int:
    """Skip ``في المقابل،``, ``من جهته،`` at the start of a sentence."""
    if toks[start].key == _AMMA:
        return start  # أما صابر، فأشار: the subject is the aside
    for k in range(start, min(hi, start + MAX_ASIDE_WORDS + 1)):
        if toks[k].text in "،,":
            words = [t for t in toks[start:k] if t.is_word]
            if words and not any(lookup(t) for t in words):
                return k + 1
            break
    return start


def relayed(
    ctx: Context, site: Site, lo: int, hi: int
) -> tuple[Speaker, str | None, tuple[int, int]] | None:
    """``نقلت X عن Y قوله``, ``قالت X نقلا عن Y``: Y speaks, X is the medium."""
    toks = ctx.view.tokens
    for k in range(lo, hi):
        key = toks[k].key
        via_end = k
        if key == fold("نقلا") and k + 1 < hi and toks[k + 1].key == _AN:
            src_lo = k + 2
        elif key == _AN and site.cue is not None and site.cue.lemma == _NAQL:
            src_lo = k + 1
        else:
            continue
        end = next((m for m in range(src_lo, hi) if toks[m].key in _QAWL), hi)
        phrase = parse_phrase(ctx.view, src_lo, end, ctx.ents)
        if phrase is None:
            return None
        phrase = apposition(ctx, phrase, end)
        if phrase.kind == "anon" and end - src_lo <= 8:
            phrase = Phrase(phrase.lo, end, "anon")
        speaker = resolve(ctx, phrase)
        if speaker is None:
            return None
        medium = parse_phrase(ctx.view, lo, via_end, ctx.ents) if via_end > lo else None
        via = ctx.book.text(medium.lo, medium.hi) if medium is not None else None
        return speaker, clean_via(via), (phrase.lo, phrase.hi)
    return None


def find_via(ctx: Context, lo: int, hi: int) -> str | None:
    """An outlet the statement was made to: ``لوكالة فرانس برس``, ``للجزيرة``, ``لـCNN``."""
    toks = ctx.view.tokens
    for k in range(lo, hi):
        tok = toks[k]
        if not tok.is_word or not tok.key.startswith("ل") or len(tok.key) < 3:
            continue
        rest = "ال" + tok.key[2:] if tok.key.startswith("لل") else tok.key[1:].lstrip("ـ")
        if (
            strip_al(rest) in heads.OUTLET_PREFIXES
            or rest in heads.KNOWN_OUTLETS
            or (tok.text.startswith("لـ") and rest.isascii())
        ):
            end = k + 1
            if end < hi and end in ctx.view.close_of and ctx.view.close_of[end] < hi:
                end = ctx.view.close_of[end] + 1  # لصحيفة "نيويورك تايمز"
            while end < hi and end - k < 4 and toks[end].is_word:
                nxt = toks[end]
                if nxt.key in heads.FUNCTION_WORDS or nxt.key in heads.TIME_WORDS:
                    break
                if (
                    has_al(nxt.key)
                    and not is_adjective(nxt)
                    and strip_al(rest) not in heads.OUTLET_PREFIXES
                ):
                    break
                end += 1
            text = ctx.view.text[
                tok.start + (2 if tok.text.startswith("لـ") else 1) : toks[end - 1].end
            ]
            if tok.key.startswith("لل"):
                text = "ال" + text[1:]
            return clean_via(text)
    return None


def clean_via(text: str | None) -> str | None:
    if not text:
        return None
    return _strip_marks(text).strip("،, ")


def _strip_marks(text: str) -> str:
    for mark in '"«»“”#':
        text = text.replace(mark, "")
    return " ".join(text.replace("_", " ").split())


def with_view(ctx: Context, view: TextView) -> Context:
    """The same context over another view (the book reads names through it)."""
    return Context(view, ctx.ents, ctx.book, ctx.sentence_of, ctx.last_quote_start, ctx.skipped)
