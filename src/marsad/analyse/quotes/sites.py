"""Cue sites: where a verb or participle of saying, or an attribution phrase, occurs.

A site records whether it opens a clause (``، مضيفا``, ``وأكد``, ``كما قال``): such a site
ends the content of the quote before it (QUOTES.md: "to the end of the reported clause,
before the next cue participle").
"""

from __future__ import annotations

from dataclasses import dataclass

from marsad.analyse.quotes.cues import (
    ATTRIBUTION,
    ATTRIBUTION_PAIRS,
    CLAUSE_OPENERS,
    COMPLEMENTISERS,
    CUES,
    IMPERSONAL,
    MANNER_NOUNS,
    NON_SOURCE_NOUNS,
    Cue,
    fold,
    words,
)
from marsad.analyse.quotes.text import TextView, Token, is_letter_n

QUOTE_OPEN = frozenset('"«“”„')
_CLAUSE_PUNCT = "،,؛;.!?؟:–—-("
_QAD = words("قد وقد فقد لقد")
_KANA = words("كان كانت وكان وكانت")
_HADD = fold("حد")
_ALA = fold("على")
_BIL_QAWL = fold("بالقول")
_QALA = fold("قال")
#: ``هدد بها``: a cue with a pronoun object of ب reports no statement here.
_PRONOUN_PREPS = words("به بها بهم")
_DAMMA = "\u064f"


@dataclass
class Site:
    """A cue occurrence: its token, what it is, and where a clause it opens begins."""

    i: int
    cue: Cue | None
    kind: str  # "verb", "participle", "attrib", "manner", "colon"
    boundary: int | None  # token index where the content of an earlier quote must stop


def lookup(tok: Token) -> Cue | None:
    """The cue a word is, with or without its proclitic و/ف."""
    if not tok.is_word:
        return None
    return CUES.get(tok.key) or (CUES.get(tok.bare) if tok.bare != tok.key else None)


def clause_break(view: TextView, prev: Token, tok: Token) -> bool:
    if not prev.is_word and prev.text in _CLAUSE_PUNCT:
        return True
    return "\n" in view.text[prev.end : tok.start]


def trigger_at(view: TextView, j: int) -> bool:
    """Whether token ``j`` starts a content: a complementiser, a colon, a quotation mark."""
    if j >= len(view.tokens):
        return False
    tok = view.tokens[j]
    return (
        (tok.key in COMPLEMENTISERS and not is_letter_n(view.tokens, j))
        or tok.text == ":"
        or tok.text in QUOTE_OPEN
        or tok.key == _BIL_QAWL
    )


def is_passive(tok: Token) -> bool:
    """``وُصف``, ``ذُكر``: a damma on the first radical of a past verb marks a passive."""
    text = tok.text if tok.key in CUES else tok.text[1:]
    return len(text) > 1 and text[0] not in "يت" and text[1] == _DAMMA


def find_sites(view: TextView) -> list[Site]:
    toks = view.tokens
    sites: list[Site] = []
    for i, tok in enumerate(toks):
        if not tok.is_word:
            continue
        prev = toks[i - 1] if i else None
        nxt = toks[i + 1] if i + 1 < len(toks) else None
        broke = prev is not None and clause_break(view, prev, tok)
        boundary = i - 1 if broke else i
        site = _attribution_site(i, tok, nxt, boundary)
        if site is None:
            site = _cue_site(view, i, broke, boundary)
        if site is not None:
            sites.append(site)
    return sites


def _attribution_site(i: int, tok: Token, nxt: Token | None, boundary: int) -> Site | None:
    if tok.key in ATTRIBUTION or (tok.bare in ATTRIBUTION and tok.key.startswith("و")):
        if nxt is not None and nxt.key in NON_SOURCE_NOUNS:
            return None  # وفق القانون
        manner = nxt is not None and (nxt.key in MANNER_NOUNS or nxt.key == _HADD)
        return Site(i, None, "manner" if manner else "attrib", boundary)
    if nxt is not None and (tok.key, nxt.key) in ATTRIBUTION_PAIRS:
        return Site(i, None, "attrib", boundary)  # على لسان
    if tok.key == _ALA and nxt is not None and nxt.key == _HADD:
        return Site(i, None, "manner", boundary)  # على حد وصفه
    return None


def _cue_site(view: TextView, i: int, broke: bool, boundary: int) -> Site | None:
    toks = view.tokens
    tok = toks[i]
    prev = toks[i - 1] if i else None
    nxt = toks[i + 1] if i + 1 < len(toks) else None
    cue = lookup(tok)
    if cue is None or is_passive(tok) or (nxt is not None and nxt.key in _PRONOUN_PREPS):
        return None
    opens = prev is None or broke or tok.bare != tok.key
    if cue.participle:
        # ``مؤكدة`` is also an adjective (``معلومات مؤكدة``): a participle cue opens a clause,
        # follows another cue, or is followed by its trigger
        if opens or trigger_at(view, i + 1) or (prev is not None and lookup(prev)):
            return Site(i, cue, "participle", boundary)
        if cue.lemma == _QALA and prev is not None and prev.is_word:
            return Site(i, cue, "participle", i)  # وهو ما جعل إليسا تعلق قائلة
        return None
    impersonal = tok.key in IMPERSONAL or tok.bare in IMPERSONAL
    if impersonal and nxt is not None and nxt.key in COMPLEMENTISERS:
        return None  # يُذكر أن, يقال إن
    if prev is not None and prev.key in _QAD:
        before = toks[i - 2] if i >= 2 else None
        if before is None or not before.is_word or before.key in CLAUSE_OPENERS:
            opens, boundary = True, i - 1  # وقد أكد X: the verb opens; وكان X قد أكد: it does not
    elif prev is not None and prev.key in CLAUSE_OPENERS and prev.key not in _KANA:
        opens, boundary = True, i - 1
    return Site(i, cue, "verb", boundary if opens else None)
