"""The text view the quote extractor works on: tokens, quotation-mark pairs, sentence ends.

Offsets always refer to the document's display text. Each token carries its folded form
(``key``) and, for words, the form without a proclitic و/ف (``bare``): the forms lexicon
tables are looked up in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.analyse.quotes.cues import fold, words

# Numbers with their separators, dotted Latin names (TankerTrackers.com), words (letters,
# digits, marks, tatweel, underscores of hashtags); anything else is a one-character token.
_TOKEN_RE = re.compile(
    r"\d+(?:[.,\u066b\u066c]\d+)+%?|[A-Za-z0-9]+(?:\.[A-Za-z0-9]+)+"
    r"|[\w\u0640\u064b-\u065f\u0670]+|[^\s\w]",
    re.UNICODE,
)
#: Opening mark -> closing mark. Curly marks pair either way round: Arabic pages mix the
#: two conventions (``”…“`` as often as ``“…”``).
OPEN_CLOSE = {"“": "”", "”": "“", "«": "»", "„": "“"}
QUOTE_MARKS = frozenset('“”«»„"')
#: A quotation is not paired across a line break when its marks are further apart than
#: this (in characters): a stray mark must not swallow the rest of an article. The longest
#: quotation broken by a line break in the development set is about 200 characters.
MAX_CROSS_PARAGRAPH_CHARS = 1500
SENTENCE_END = frozenset(".!?؟")
#: Short words that may end a sentence before a point (``… له.``); other one- or two-letter
#: words before a point are initials (``شون بي. باربابيلا``).
_SHORT_WORDS = words("له به لها هو هي لا ما من في عن أن إن هم")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int
    key: str
    bare: str
    is_word: bool


@dataclass
class TextView:
    """Tokens of a text with the quotation structure the extractor needs."""

    text: str
    tokens: list[Token]
    #: quotation pairs as (index of opening token, index of closing token)
    pairs: list[tuple[int, int]] = field(default_factory=list)
    #: index of an opening quotation mark -> index of its closing mark
    close_of: dict[int, int] = field(default_factory=dict)
    #: index of a closing quotation mark -> index of its opening mark
    open_of: dict[int, int] = field(default_factory=dict)
    #: for each token, the index of the outermost quotation pair it lies inside, or -1
    inside: list[int] = field(default_factory=list)


#: Spelled-out Latin letters of outlet names (``سي إن إن``, ``بي إن سبورتس``): an إن
#: after one of them is the letter N, not a complementiser.
LETTER_NAMES = words("بي سي إي دي تي جي إم إس آر إتش يو كيه إف")
_IN = fold("إن")


def is_letter_n(toks: list[Token], j: int) -> bool:
    """Whether token ``j`` is the letter N inside a spelled-out acronym."""
    if j < 1 or toks[j].key != _IN:
        return False
    prev = toks[j - 1].key
    if prev == _IN and j >= 2:
        prev = toks[j - 2].key  # سي إن إن
    return prev in LETTER_NAMES or (prev[:1] in "لبو" and prev[1:] in LETTER_NAMES)  # لبي إن


def make_token(text: str, start: int) -> Token:
    key = fold(text)
    # A "word" that folds to nothing (only tatweel or marks, as scraped text has) is no word:
    # every rule below may read key[0].
    is_word = bool(key) and (text[0].isalnum() or text[0] == "_")
    bare = key[1:] if is_word and len(key) > 2 and key[0] in "وف" else key
    return Token(text, start, start + len(text), key, bare, is_word)


def tokenize(text: str) -> list[Token]:
    forms: dict[str, tuple[str, str, bool]] = {}  # a word's folded forms, once per article
    out = []
    for m in _TOKEN_RE.finditer(text):
        word, start = m.group(), m.start()
        known = forms.get(word)
        if known is None:
            tok = make_token(word, start)
            forms[word] = (tok.key, tok.bare, tok.is_word)
        else:
            tok = Token(word, start, start + len(word), *known)
        out.append(tok)
    return out


def build_view(text: str) -> TextView:
    tokens = tokenize(text)
    pairs = pair_quotes(text, tokens)
    view = TextView(text, tokens, pairs, dict(pairs), {b: a for a, b in pairs})
    view.inside = [-1] * len(tokens)
    outer_end = -1
    for a, b in sorted(pairs, key=lambda p: (p[0], -p[1])):
        if a < outer_end:
            continue  # nested in (or crossing) an outer pair already marked
        for i in range(a + 1, b):
            view.inside[i] = a
        outer_end = b
    return view


def ends_sentence(tokens: list[Token], i: int, text: str) -> bool:
    """Whether token ``i`` ends a sentence (an initial such as ``شون بي. باربابيلا`` does not)."""
    tok = tokens[i]
    if tok.text not in SENTENCE_END:
        return False
    if tok.text == "." and 0 < i < len(tokens) - 1:
        prev, nxt = tokens[i - 1], tokens[i + 1]
        same_line = "\n" not in text[tok.end : nxt.start]
        if prev.is_word and len(prev.text) <= 2 and prev.key not in _SHORT_WORDS and same_line:
            return not nxt.is_word
    return True


def pair_quotes(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Balanced quotation pairs (token indices); an unmatched mark stays unpaired.

    Guillemets and curly marks pair by nesting; straight ``"`` marks pair in order within a
    paragraph. A paragraph with an odd number of straight marks may close its last one in
    the next paragraph when that one is odd too (a quotation broken by a line break).
    """
    paragraphs = _paragraph_of(text, tokens)
    marks = [i for i, t in enumerate(tokens) if t.text in QUOTE_MARKS]
    pairs = _pair_curly(tokens, paragraphs, [i for i in marks if tokens[i].text != '"'])
    pairs += _pair_straight(tokens, paragraphs, [i for i in marks if tokens[i].text == '"'])
    return sorted(p for p in pairs if p[1] > p[0] + 1)


def _paragraph_of(text: str, tokens: list[Token]) -> list[int]:
    """For each token, the number of line breaks (runs of newlines) before it."""
    para, out, pos = 0, [], 0
    for tok in tokens:
        if text.find("\n", pos, tok.start) >= 0:
            para += 1
        pos = tok.end
        out.append(para)
    return out


def _pair_curly(
    tokens: list[Token], paragraphs: list[int], marks: list[int]
) -> list[tuple[int, int]]:
    pairs: list[tuple[int, int]] = []
    stack: list[int] = []
    for i in marks:
        ch = tokens[i].text
        while stack and not _close_enough(tokens, paragraphs, stack[-1], i):
            stack.pop()  # a stray opening mark: forget it rather than pair across the text
        if stack and OPEN_CLOSE.get(tokens[stack[-1]].text) == ch:
            pairs.append((stack.pop(), i))
        elif ch in OPEN_CLOSE:
            stack.append(i)  # an unmatched closing mark (») is ignored
    return pairs


def _pair_straight(
    tokens: list[Token], paragraphs: list[int], marks: list[int]
) -> list[tuple[int, int]]:
    by_para: dict[int, list[int]] = {}
    for i in marks:
        by_para.setdefault(paragraphs[i], []).append(i)
    pairs: list[tuple[int, int]] = []
    carry: int | None = None
    for para in sorted(by_para):
        idx = by_para[para]
        if (
            carry is not None
            and len(idx) % 2 == 1
            and _close_enough(tokens, paragraphs, carry, idx[0])
        ):
            pairs.append((carry, idx[0]))
            idx = idx[1:]
        pairs += [(idx[k], idx[k + 1]) for k in range(0, len(idx) - 1, 2)]
        carry = idx[-1] if len(idx) % 2 == 1 else None
    return pairs


def _close_enough(tokens: list[Token], paragraphs: list[int], a: int, b: int) -> bool:
    """Whether marks ``a`` and ``b`` may pair: same paragraph, or the next one and near."""
    gap = paragraphs[b] - paragraphs[a]
    if gap == 0:
        return True
    return gap == 1 and tokens[b].start - tokens[a].end <= MAX_CROSS_PARAGRAPH_CHARS


def strip_lam(tok: Token) -> Token:
    """``لمنظمة`` → ``منظمة``, ``لـCNN`` → ``CNN``, ``للجزيرة`` → ``الجزيرة``."""
    text = tok.text
    if text.startswith("لـ") and len(text) > 2:
        return make_token(text[2:], tok.start + 2)
    if text.startswith("لل") and len(text) > 3:
        return make_token("ا" + text[1:], tok.start)  # same length: offsets stay right
    if text.startswith("ل") and len(text) > 3 and fold(text[1:]) not in ("ان", "ذلك"):
        return make_token(text[1:], tok.start + 1)
    return tok


def strip_lam_view(view: TextView, j: int) -> TextView:
    """A view whose token ``j`` lost its preposition ل (for phrases after ``وفقا لـ``)."""
    stripped = strip_lam(view.tokens[j])
    if stripped is view.tokens[j]:
        return view
    tokens = list(view.tokens)
    tokens[j] = stripped
    return TextView(view.text, tokens, view.pairs, view.close_of, view.open_of, view.inside)
