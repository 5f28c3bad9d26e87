"""Where contents end, and what kind of quote a content makes.

QUOTES.md: the content runs "to the end of the reported clause (before the next cue
participle, or the sentence end)". A :class:`Layout` knows the sentences of an article, the
tokens where a clause opened by a cue begins (``stops``), and keeps quotations whole.
"""

from __future__ import annotations

from marsad.analyse.quotes.cues import words
from marsad.analyse.quotes.sites import QUOTE_OPEN
from marsad.analyse.quotes.text import TextView, ends_sentence

#: A quoted fragment of at most this many words after ``بـ``/``باسم``/``يدعى`` is a name or
#: a term, not a quotation: it does not make its quote ``mixed`` (QUOTES.md).
MAX_TERM_WORDS = 3
TERM_INTRO = words("بـ باسم يدعى المعروف اسمها اسمه يسمى تسمية بعنوان")
_DASHES = "–—-"
_CLOSERS = '"»”“)'


class Layout:
    """Sentences, paragraph breaks and clause stops of one article."""

    def __init__(self, view: TextView, stops: set[int], cue_tokens: set[int]) -> None:
        self.view = view
        self.toks = view.tokens
        self.stops = stops
        self.cue_tokens = cue_tokens
        self.sentence_of = self._sentences()

    def _sentences(self) -> list[int]:
        """For each token, the index of the first token of its sentence."""
        out, start = [], 0
        toks, view = self.toks, self.view
        for i in range(len(toks)):
            if i and (
                (view.inside[i - 1] == -1 and ends_sentence(toks, i - 1, view.text))
                or self.line_break(i)
            ):
                start = i
            out.append(start)
        return out

    def line_break(self, i: int) -> bool:
        """A newline before token ``i`` that ends a paragraph (not a line broken mid-sentence)."""
        gap = self.view.text[self.toks[i - 1].end : self.toks[i].start]
        if "\n" not in gap:
            return False
        return "\n\n" in gap or not self.toks[i - 1].is_word

    def sentence_end(self, i: int) -> int:
        """Index of the token ending the sentence of token ``i`` (quotations kept whole)."""
        toks, view = self.toks, self.view
        j = i
        while j < len(toks):
            if j in view.close_of:
                j = view.close_of[j] + 1
                continue
            if ends_sentence(toks, j, view.text) or (j > i and self.line_break(j)):
                return j
            j += 1
        return j

    def content_end(self, c_lo: int, paragraph: bool = False) -> int:
        """One past the last content token of a content starting at ``c_lo``.

        ``paragraph``: the content follows a colon and a line break (a tweet, a verse) and
        runs to the end of its paragraph or to a line that opens with a cue.
        """
        toks, view = self.toks, self.view
        start = self.sentence_of[c_lo]
        dashed = sum(1 for t in toks[start:c_lo] if t.text in _DASHES) % 2 == 1
        j = c_lo
        while j < len(toks):
            if j in view.close_of:
                j = view.close_of[j] + 1
                continue
            if j > c_lo and self._ends(j, paragraph, dashed):
                break
            j += 1
        while j > c_lo and not toks[j - 1].is_word and toks[j - 1].text not in _CLOSERS:
            j -= 1
        return j

    def _ends(self, j: int, paragraph: bool, dashed: bool) -> bool:
        toks, view = self.toks, self.view
        tok = toks[j]
        gap = view.text[toks[j - 1].end : tok.start]
        if paragraph:
            return "\n\n" in gap or ("\n" in gap and j in self.cue_tokens)
        if self.line_break(j) or j in self.stops or ends_sentence(toks, j, view.text):
            return True
        if dashed and tok.text in _DASHES:
            return True  # the content began inside ``-…-``
        if tok.text == ":" and j + 1 < len(toks):
            nxt = toks[j + 1]
            return nxt.text in QUOTE_OPEN or "\n" in view.text[tok.end : nxt.start]
        return False

    def kind(self, lo: int, hi: int) -> str:
        """``direct`` (all inside one quotation), ``mixed`` (a quoted fragment) or ``indirect``."""
        view = self.view
        if view.close_of.get(lo) == hi - 1:
            return "direct"
        if any(self._is_fragment(a) for a in range(lo, hi) if a in view.close_of):
            return "mixed"
        return "indirect"

    def _is_fragment(self, a: int) -> bool:
        """Whether a quotation inside an indirect content is quoted speech, not a name."""
        toks = self.toks
        b = self.view.close_of[a]
        inner = [t for t in toks[a + 1 : b] if t.is_word]
        if not inner or not any("\u0600" <= ch <= "\u06ff" for t in inner for ch in t.text):
            return False  # empty, or a Latin name ("MBC")
        if a and toks[a - 1].key in TERM_INTRO and len(inner) <= MAX_TERM_WORDS:
            return False
        return len(inner) >= 2 or b + 1 >= len(toks) or not toks[b + 1].is_word
