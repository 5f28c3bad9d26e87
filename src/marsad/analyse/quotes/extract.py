"""Quote extraction: cue sites → speaker and content span, one quote per cue.

The cascade, per article (QUOTES.md defines what a quote is):

1. find cue sites: verbs and participles of saying, attribution phrases (:mod:`.sites`);
2. for each site, in text order, find its trigger — a complementiser (إن/أن/أنّ), a colon
   or an opening quotation mark — and the speaker between cue and trigger (:mod:`.subjects`);
   a cue of the ``أعلن``/``حذر``/``دعا`` family without a trigger takes a noun phrase as
   content; a verb right after a quotation (``"…" أورد التقرير``) takes that quotation;
3. an attribution phrase (``بحسب``, ``وفقا لـ``, ``حسبما قال``) takes the clause before it,
   or after it when it opens or interrupts the sentence — unless a quote already holds that
   clause, when its source becomes the quote's ``via``;
4. the content runs to the end of the reported clause: the sentence end, the next clause
   opened by a cue (``، مضيفا``, ``، وأكد``) or a manner tail (``، وفق تعبيره``); a
   quotation inside it is kept whole;
5. a quotation paragraph left after a line ending in a colon goes to the last speaker.
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.analyse.quotes import heads
from marsad.analyse.quotes.content import MAX_TERM_WORDS, TERM_INTRO, Layout
from marsad.analyse.quotes.cues import (
    ATTRIBUTION,
    CLAUSE_OPENERS,
    COMPLEMENTISERS,
    CUES,
    NON_SOURCE_NOUNS,
    fold,
    words,
)
from marsad.analyse.quotes.phrases import MAX_NAME_WORDS, EntityIndex, paren_close, strip_al
from marsad.analyse.quotes.sites import Site, find_sites, lookup
from marsad.analyse.quotes.speakers import Speaker, SpeakerBook, entity_index
from marsad.analyse.quotes.subjects import (
    Context,
    apposition,
    clean_via,
    find_via,
    gap_speaker,
    implicit,
    phrase_after,
    plausible,
    relayed,
    resolve,
    subject_before,
    with_view,
)
from marsad.analyse.quotes.text import TextView, build_view, is_letter_n, strip_lam_view
from marsad.model import EntitySpan, QuoteSpan

#: Most tokens between a cue and its trigger; the longest gap in the development set is
#: 24 tokens (a title, an addressee and a place: ``قالت المتحدثة … على متن طائرة … إن``).
MAX_GAP = 30
#: A quotation that does not end its clause starts the content only when it has at least
#: this many words; shorter ones (``وتدميره "جميع الأهداف العسكرية" فيها``) are fragments.
MIN_QUOTE_WORDS_MIDCLAUSE = 6
#: Most tokens between an attribution's source and the comma that ends the attribution
#: (``وحسب مؤسسة "كيبلر" المختصة في تتبع بيانات حركة النفط بحريا، فإن``).
MAX_ATTRIBUTION_TAIL = 8
_FA_INNA = words("فإن فإنه فإنها")
_VIA_PRONOUNS = words("عنه عنها عنهم")
_FRAME_PREPS = words("إلى من على عن")
_RELATIVE = words("التي الذي الذين")
_AZHARA = fold("أظهر")
_LAM_ATTRIBUTION = words("وفقا طبقا")
_PUNCT_BREAK = "،,–—-"


@dataclass
class Found:
    site: Site
    speaker: Speaker
    c_lo: int  # first content token
    c_hi: int  # one past the last content token
    via: str | None = None


def extract_quotes(text: str, entities: list[EntitySpan] | None = None) -> list[QuoteSpan]:
    """The quotes of one article (its display text; offsets refer to it)."""
    view = build_view(text)
    if not any(t.is_word and (lookup(t) or ATTRIBUTION & {t.key, t.bare}) for t in view.tokens):
        return []  # no cue word at all
    ents = entity_index(view, entities or [])
    return Extractor(view, ents, entities).run()


class Extractor:
    """One pass over the cue sites of one article."""

    def __init__(
        self, view: TextView, ents: EntityIndex, entities: list[EntitySpan] | None = None
    ) -> None:
        self.view = view
        self.toks = view.tokens
        self.sites = find_sites(view)
        self.site_at = {s.i: s for s in self.sites}
        stops = {s.boundary for s in self.sites if s.boundary is not None}
        self.layout = Layout(view, stops, set(self.site_at))
        book = SpeakerBook(view, ents, entities)
        self.ctx = Context(view, ents, book, self.layout.sentence_of)
        self.consumed_to = -1
        self.found: list[Found] = []

    # -- the cascade ----------------------------------------------------------------------
    def run(self) -> list[QuoteSpan]:
        for site in self.sites:
            if site.i in self.ctx.skipped or site.kind == "manner":
                continue
            if site.i <= self.consumed_to and (site.boundary is None or site.kind == "verb"):
                continue
            if self.view.inside[site.i] != -1:
                continue  # a cue inside a quotation belongs to the quoted speaker
            found = self.attribution(site) if site.kind == "attrib" else self.cue(site)
            if found is None or found.c_hi <= found.c_lo:
                continue
            self.accept(found)
        self.colon_paragraphs()
        return [self.to_span(f) for f in sorted(self.found, key=lambda f: f.c_lo)]

    def accept(self, found: Found) -> None:
        if any(f.c_lo == found.c_lo for f in self.found):
            return  # two cues for one content: the first one reports it
        self.ctx.book.remember(found.speaker)
        if found.via:
            self.ctx.book.outlets.append((self.toks[found.c_lo].start, found.via))
        self.found.append(found)
        self.ctx.last_quote_start = found.c_lo
        self.consumed_to = max(self.consumed_to, found.c_hi - 1)

    # -- verbs and participles ------------------------------------------------------------
    def cue(self, site: Site) -> Found | None:
        assert site.cue is not None
        end = self.layout.sentence_end(site.i)
        trig = self.find_trigger(site, end)
        if trig is not None:
            gap_hi, c_lo = trig
            speaker, via = self.speaker_in_gap(site, site.i + 1, gap_hi)
            if speaker is None or c_lo >= len(self.toks):
                return None
            paragraph = self.toks[c_lo - 1].text == ":" and self.layout.line_break(c_lo)
            return Found(site, speaker, c_lo, self.layout.content_end(c_lo, paragraph), via)
        post = self.postposed(site, end)
        if post is not None:
            return post
        return self.np_content(site, end) if site.cue.np else None

    def speaker_in_gap(self, site: Site, lo: int, hi: int) -> tuple[Speaker | None, str | None]:
        ctx = self.ctx
        via = find_via(ctx, lo, hi)
        if site.kind == "participle":
            return implicit(ctx, site), via
        for k in range(lo, hi):
            if k in self.site_at and self.site_at[k].kind == "attrib":
                src = self.source_after(k, hi)
                if src is not None:
                    self.ctx.skipped.add(k)  # تشير التصريحات، بحسب الموقع نفسه، إلى أنّ
                    return src[0], via
        rel = relayed(ctx, site, lo, hi)
        if rel is not None:
            return rel[0], rel[1] or via
        speaker, _ = gap_speaker(ctx, site, lo, hi)
        azhara = site.cue is not None and site.cue.lemma == _AZHARA
        if speaker is not None and azhara and speaker.head not in heads.DATA_NOUNS:
            return None, via  # يظهر أن: only named data "shows"
        return speaker, via

    def find_trigger(self, site: Site, end: int) -> tuple[int, int] | None:
        """(end of the speaker gap, first content token) when a trigger follows the cue."""
        toks, view = self.toks, self.view
        assert site.cue is not None
        limit = min(end, site.i + 1 + MAX_GAP)
        preps = frozenset(site.cue.preps) | _FRAME_PREPS
        j = site.i + 1
        while j < limit:
            tok = toks[j]
            other = self.site_at.get(j)
            if other is not None and other.kind == "participle" and j > site.i + 1:
                if toks[j - 1].is_word and j + 1 < len(toks) and toks[j + 1].text == ":":
                    self.ctx.skipped.add(j)  # كتب صامادوف متسائلا: — one cue
                    j += 1
                    continue
                return None
            if other is not None and other.kind == "verb" and other.boundary is not None:
                return None  # دعا أسامة إلى …، فكتب: — the colon belongs to the next cue
            if tok.key in COMPLEMENTISERS and not is_letter_n(toks, j):
                gap_hi = j - 1 if j - 1 > site.i and toks[j - 1].key in preps else j
                c = j + 1
                if c < len(toks) and toks[c].text == ":":
                    c += 1
                return gap_hi, c
            if tok.text == ":":
                return j, j + 1
            if j in view.close_of:
                if self._quote_is_content(site, j):
                    return j, j
                j = view.close_of[j] + 1
                continue
            if tok.text == "(" and (close := paren_close(view, j, limit)) is not None:
                j = close + 1
                continue
            j += 1
        if end < len(toks) and toks[end].text == ":" and end < site.i + 1 + MAX_GAP:
            return end, end + 1
        return None

    def _quote_is_content(self, site: Site, j: int) -> bool:
        """An opening mark after the speaker starts the content; one inside the speaker
        phrase (``صحيفة "معاريف"``) or a short fragment inside a clause does not."""
        toks = self.toks
        close = self.view.close_of[j]
        if close + 1 < len(toks) and toks[close + 1].key in COMPLEMENTISERS:
            return False  # وقالت "فوكس نيوز" إن …: the quoted words name the speaker
        if j == site.i + 1:
            return True
        prev = toks[j - 1]
        inner = [t for t in toks[j + 1 : close] if t.is_word]
        head = strip_al(prev.key[1:] if prev.key.startswith("ل") else prev.key)
        named = strip_al(prev.key) in heads.ORG_HEADS or head in heads.MEDIA_PREFIXES
        if prev.is_word and named and len(inner) <= 3:
            return False  # صحيفة "معاريف", لصحيفة "نيويورك تايمز": a name
        if prev.key in TERM_INTRO and len(inner) <= MAX_TERM_WORDS:
            return False
        after = toks[close + 1] if close + 1 < len(toks) else None
        if (
            len(inner) <= 2
            and after is not None
            and after.text in "،,"
            and self._apposed(close + 2)
        ):
            return False  # محلل في شركة "غافيكال"، آرثر كروبر، إن …: a company's name
        ends = (
            after is None
            or not after.is_word
            or "\n" in self.view.text[toks[close].end : after.start]
        )
        return len(inner) >= MIN_QUOTE_WORDS_MIDCLAUSE or (ends and len(inner) >= 1)

    def _apposed(self, j: int) -> bool:
        """A short name between commas from ``j``, then a trigger within a few words."""
        toks = self.toks
        comma = next(
            (k for k in range(j, min(j + MAX_NAME_WORDS + 1, len(toks))) if not toks[k].is_word),
            None,
        )
        if comma is None or comma == j or toks[comma].text not in "،,":
            return False
        return any(t.key in COMPLEMENTISERS for t in toks[comma + 1 : comma + 5])

    def postposed(self, site: Site, end: int) -> Found | None:
        """``"…" أورد التقرير نفسه``: a quotation that opens its sentence, closed just before."""
        toks, view = self.toks, self.view
        k = site.i - 1
        if k >= 0 and toks[k].text in "،,":
            k -= 1
        if k < 0 or k not in view.open_of:
            return None
        open_ = view.open_of[k]
        if self.ctx.sentence_of[open_] != open_:
            return None
        phrase = phrase_after(self.ctx, site.i + 1, end)
        speaker = resolve(self.ctx, phrase) if phrase is not None else None
        if speaker is None:
            return None
        return Found(site, speaker, open_, k + 1)

    def np_content(self, site: Site, end: int) -> Found | None:
        """``أعلن X اعتزاله``, ``حذرت X من …``, ``دعا إلى …``: a noun phrase as content."""
        toks, ctx = self.toks, self.ctx
        assert site.cue is not None
        preps = frozenset(site.cue.preps)
        lo = site.i + 1
        if lo >= end:
            return None
        before = subject_before(ctx, site) if site.boundary is None else None
        relative = site.i > 0 and toks[site.i - 1].key in _RELATIVE
        if before is None and site.boundary is None and not relative:
            return None  # a verb inside a clause, with no subject: not a report
        if before is not None or site.kind == "participle" or toks[lo].key in preps:
            speaker = before[0] if before is not None else implicit(ctx, site)
            c_lo = lo + 1 if toks[lo].key in preps else lo
            if speaker is None or c_lo >= end:
                return None
            return Found(site, speaker, c_lo, self.layout.content_end(c_lo))
        phrase = phrase_after(ctx, lo, end, preps)
        if phrase is None or (phrase.kind in ("unknown", "name") and phrase.entity is None):
            return None
        if not plausible(ctx, phrase):
            return None
        phrase = apposition(ctx, phrase, end)
        speaker = resolve(ctx, phrase)
        if speaker is None:
            return None
        c_lo = self._skip_adjuncts(phrase.hi, end)
        if c_lo < end and toks[c_lo].key in preps:
            c_lo += 1
        if c_lo >= end:
            return None
        return Found(
            site, speaker, c_lo, self.layout.content_end(c_lo), find_via(ctx, phrase.hi, c_lo)
        )

    def _skip_adjuncts(self, j: int, end: int) -> int:
        """Skip ``، الليلة الماضية،``, ``(45 عاما)``, ``لوكالة الأنباء الفرنسية`` after a subject."""
        toks = self.toks
        while j < end:
            tok = toks[j]
            if tok.text in "،,":
                k = next((m for m in range(j + 1, end) if toks[m].text in "،,"), end)
                words = [t for t in toks[j + 1 : k] if t.is_word]
                if k < end and words and words[0].key in heads.TIME_WORDS | {fold("في")}:
                    j = k + 1
                    continue
                return j + 1
            if tok.text == "(" and (close := paren_close(self.view, j, end)) is not None:
                j = close + 1
                continue
            if tok.key in heads.TIME_WORDS:
                j += 1
                continue
            if tok.key in _DEMONSTRATIVES and j + 1 < end and toks[j + 1].key in heads.TIME_WORDS:
                j += 2  # حذر هذا الأسبوع من …
                continue
            if find_via(self.ctx, j, j + 1) is not None:
                j += 1
                while (
                    j < end
                    and toks[j].is_word
                    and (
                        strip_al(toks[j].key) in heads.ADJECTIVES
                        or toks[j].key.endswith("يه")
                        or toks[j].key in heads.KNOWN_OUTLETS
                        or not toks[j].key.startswith("ال")
                    )
                ):
                    if toks[j].key in heads.TIME_WORDS or toks[j].key in heads.FUNCTION_WORDS:
                        break
                    j += 1
                continue
            return j
        return j

    # -- attribution phrases --------------------------------------------------------------
    def source_after(self, k: int, hi: int) -> tuple[Speaker, tuple[int, int]] | None:
        """The source named after an attribution word at token ``k``."""
        toks = self.toks
        j = k + 2 if toks[k].key == fold("على") else k + 1  # على لسان
        if j < hi and toks[j].key in _MA:
            j += 1
        if j < hi and (lookup(toks[j]) is not None or _cue_with_object(toks[j].key)):
            j += 1  # حسبما قال X, وفق ما نقلت X, وفقا لما نقلته X
        if j >= hi or toks[j].key in NON_SOURCE_NOUNS:
            return None
        lam = (
            toks[k].key in _LAM_ATTRIBUTION or toks[k].bare in _LAM_ATTRIBUTION
        )  # وفقا لـ X, طبقا لـ X; بحسب X has no ل
        view = strip_lam_view(self.view, j) if lam else self.view
        ctx = with_view(self.ctx, view)
        phrase = phrase_after(ctx, j, hi)
        if phrase is None or strip_al(view.tokens[phrase.lo].key) in NON_SOURCE_NOUNS:
            return None
        if phrase.kind == "unknown" and phrase.entity is None:
            return None
        if phrase.kind == "name" and phrase.entity is None and phrase.hi - phrase.lo < 2:
            name = self.ctx.book.text(phrase.lo, phrase.hi)
            if (
                not self.ctx.book.known_name(name)
                and view.tokens[phrase.lo].key not in heads.KNOWN_OUTLETS
            ):
                return None  # وفق قاعدة: a single unknown word is no source
        speaker = resolve(ctx, phrase)
        return None if speaker is None else (speaker, (phrase.lo, phrase.hi))

    def attribution(self, site: Site) -> Found | None:
        toks = self.toks
        k = site.i
        start, end = self.ctx.sentence_of[k], self.layout.sentence_end(k)
        src = self.source_after(k, end)
        if src is None:
            return None
        speaker, (_, p_hi) = src
        relay = any(t.key in _VIA_PRONOUNS for t in toks[p_hi : min(end, p_hi + 2)])
        before = [t for t in toks[start:k] if t.is_word and t.key not in CLAUSE_OPENERS]
        if not before:
            return self._attribution_first(site, speaker, p_hi, end)
        last = self.found[-1] if self.found else None
        if relay or (last is not None and last.c_lo >= start and self.consumed_to >= k - 2):
            # the clause is a quote already: the attribution names its medium
            if last is not None and last.via is None and last.c_hi > start:
                last.via = clean_via(speaker.name)
            self.consumed_to = max(self.consumed_to, p_hi)
            return None
        a_end = self._attribution_end(p_hi, end)
        if toks[k - 1].text in _PUNCT_BREAK and a_end < end and toks[a_end].text in _PUNCT_BREAK:
            # interrupting: ``تشير التصريحات، بحسب الموقع نفسه، إلى أنّ: …``
            c_lo = a_end + 1
            while c_lo < end and (
                toks[c_lo].key in _FRAME_PREPS
                or toks[c_lo].key in COMPLEMENTISERS
                or toks[c_lo].text == ":"
            ):
                c_lo += 1
            if c_lo < end:
                return Found(site, speaker, c_lo, self.layout.content_end(c_lo))
        # closing: ``X، حسبما قال مصدر قضائي``
        c_lo = start
        c_hi = k
        if any(self.site_at.get(m) is not None for m in range(start, k)):
            # ``أعلنت X …، وفق ما نقلته Z``: the clause has its own cue, Z only relays it
            self.consumed_to = max(self.consumed_to, p_hi)
            return None
        while c_hi > c_lo and not toks[c_hi - 1].is_word and toks[c_hi - 1].text not in '"»”“':
            c_hi -= 1
        self.consumed_to = max(self.consumed_to, p_hi)
        return Found(site, speaker, c_lo, c_hi)

    def _attribution_end(self, p_hi: int, end: int) -> int:
        toks = self.toks
        for m in range(p_hi, min(end, p_hi + MAX_ATTRIBUTION_TAIL + 1)):
            if toks[m].text in _PUNCT_BREAK or toks[m].key in _FA_INNA:
                return m
        return p_hi

    def _attribution_first(self, site: Site, speaker: Speaker, p_hi: int, end: int) -> Found | None:
        """``وبحسب استطلاع …، يرى``, ``ووفقا لبيانات شركة "كبلر" يتم``: the content follows."""
        toks = self.toks
        c_lo = next((m + 1 for m in range(p_hi, end) if toks[m].key in _FA_INNA), None)
        if c_lo is None:
            a_end = self._attribution_end(p_hi, end)
            c_lo = a_end + 1 if a_end < end and not toks[a_end].is_word else p_hi
        if c_lo >= end:
            return None
        return Found(site, speaker, c_lo, self.layout.content_end(c_lo))

    # -- output -----------------------------------------------------------------------------
    def colon_paragraphs(self) -> None:
        """A quotation paragraph after a line ending in ``:`` goes to the last speaker."""
        toks, view = self.toks, self.view
        covered = [(f.c_lo, f.c_hi) for f in self.found]
        for a, _ in view.pairs:
            if view.inside[a] != -1 or a == 0 or toks[a - 1].text != ":":
                continue
            if "\n" not in view.text[toks[a - 1].end : toks[a].start]:
                continue
            if any(lo <= a < hi for lo, hi in covered):
                continue
            before = [f for f in self.found if f.c_hi <= a]
            if before:
                last = before[-1].speaker
                speaker = Speaker(last.name, last.type, "", last.head)
                self.found.append(
                    Found(Site(a - 1, None, "colon", None), speaker, a, self.layout.content_end(a))
                )

    def to_span(self, f: Found) -> QuoteSpan:
        toks = self.toks
        kind = self.layout.kind(f.c_lo, f.c_hi)
        start, end = toks[f.c_lo].start, toks[f.c_hi - 1].end
        if kind == "direct":  # the outer marks are left out (QUOTES.md)
            start, end = toks[f.c_lo].end, toks[f.c_hi - 1].start
        raw = self.view.text[start:end]
        start += len(raw) - len(raw.lstrip())
        end = start + len(raw.strip())
        return QuoteSpan(
            start,
            end,
            kind,
            content=self.view.text[start:end],
            speaker=f.speaker.name,
            speaker_type=f.speaker.type,
            speaker_mention=f.speaker.mention,
            cue=toks[f.site.i].text if f.site.kind != "colon" else ":",
            via=f.via,
        )


__all__ = ["Extractor", "extract_quotes"]


_MA = frozenset({fold("ما"), fold("لما")})
_DEMONSTRATIVES = frozenset({fold("هذا"), fold("هذه")})


def _cue_with_object(key: str) -> bool:
    """A cue verb with an object pronoun: ``نقلته``, ``أوردتها`` (``وفقا لما نقلته X``)."""
    return any(key.endswith(suffix) and key[: -len(suffix)] in CUES for suffix in ("ها", "ه"))
