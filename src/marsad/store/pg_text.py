"""Marsad's analysed terms as PostgreSQL ``tsvector`` and ``tsquery`` literals.

PostgreSQL never parses Arabic here: the terms come from :mod:`marsad.text.analyzer` (the
ones SQLite's FTS5 index holds) and are written as quoted lexemes with their positions,
so both backends match the same articles. Title terms carry weight A, text terms weight D;
the text starts two positions after the title so that a phrase never spans the two, as in
FTS5's separate columns.

FTS5 (unicode61) splits what it is given at every character that is not a letter or a
number, so a term such as ``1.100`` is two tokens there; :func:`tokens` splits the same
way here, so that the two backends match the same articles (the search benchmark found
two queries out of 220 that differed before).
"""

from __future__ import annotations

import re

from marsad.store.query import Clause, Query

#: tsvector limits: positions above 16,383 are clamped and a lexeme keeps 256 positions.
MAX_POSITION = 16_383
MAX_POSITIONS_PER_LEXEME = 256
#: ts_rank weights {D, C, B, A}: title (A) four times the text (D), as bm25(4.0, 1.0) in
#: SQLite (migrations.TITLE_WEIGHT).
RANK_WEIGHTS = "{0.25, 0.25, 0.25, 1.0}"
#: ts_rank normalisation 1: divide by 1 + log(length), so a long article does not win on
#: repetitions alone (BM25 normalises by length too).
RANK_NORMALIZATION = 1
NUL = "\x00"
#: A token as FTS5's unicode61 tokenizer sees one: a run of letters and numbers.
_TOKEN_RE = re.compile(r"[^\W_]+")


def lexeme(term: str) -> str:
    """A quoted lexeme: backslash and quote escaped, NUL (refused by PostgreSQL) dropped."""
    cleaned = term.replace(NUL, "").replace("\\", "\\\\").replace("'", "''")
    return f"'{cleaned}'"


def tokens(terms: str) -> list[str]:
    """The tokens of space-separated terms, split as unicode61 splits them."""
    return _TOKEN_RE.findall(terms)


def tsvector_literal(title_terms: str, text_terms: str) -> str:
    """The ``tsvector`` input text of an article's title (weight A) and text (weight D)."""
    positions: dict[str, list[str]] = {}
    title = tokens(title_terms)
    for pos, term in enumerate(title, start=1):
        positions.setdefault(term, []).append(f"{min(pos, MAX_POSITION)}A")
    for pos, term in enumerate(tokens(text_terms), start=len(title) + 2):
        found = positions.get(term)
        if found is None:
            positions[term] = [str(min(pos, MAX_POSITION))]
        elif len(found) < MAX_POSITIONS_PER_LEXEME:
            found.append(str(min(pos, MAX_POSITION)))
    return " ".join(
        f"{lexeme(t)}:{','.join(p[:MAX_POSITIONS_PER_LEXEME])}" for t, p in positions.items()
    )


def plain_tsvector_literal(terms: str) -> str:
    """The ``tsvector`` of one column of terms (quotations)."""
    return tsvector_literal("", terms)


def tsquery_literal(query: Query) -> str | None:
    """The ``tsquery`` of a parsed query: clauses ANDed, exclusions negated, phrases with
    ``<->``, a prefix as ``:*`` on the last token (FTS5's ``"…" *``). None when a clause
    has no token at all: FTS5 matches nothing then (and ignores such an exclusion)."""
    positive = [_clause(c) for c in query.clauses if not c.negated]
    if None in positive:
        return None
    negative = [f"!{c}" for c in map(_clause, (c for c in query.clauses if c.negated)) if c]
    return " & ".join([c for c in positive if c] + negative)


def _clause(clause: Clause) -> str | None:
    parts = [lexeme(t) for t in tokens(" ".join(clause.terms))]
    if not parts:
        return None
    if clause.prefix:
        parts[-1] += ":*"
    return parts[0] if len(parts) == 1 else "(" + " <-> ".join(parts) + ")"
