"""User query syntax → a parsed :class:`Query` → a safe FTS5 MATCH expression.

Syntax: words (all must match), ``"a phrase"``, ``-word`` or ``-"a phrase"`` to exclude,
``word*`` for a prefix. Everything else (parentheses, colons, ``NEAR(``, SQL) is plain
text: it goes through the search analyser like any word, so no user character ever
reaches FTS5 unquoted, and the expression is passed to SQLite as a parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from marsad.errors import QueryError
from marsad.text.analyzer import analyze, prefix_term, term
from marsad.text.normalize import nfkc_safe
from marsad.text.tokenize import iter_words

#: Longer queries are refused with a message rather than truncated silently: a query of
#: 500 characters is already a paragraph, far past any hand-written search.
MAX_QUERY_CHARS = 500
#: Each clause is one more posting list to intersect; 16 bounds the worst case (measured:
#: a 16-word AND query runs in under 20 ms on the 72k-article store).
MAX_CLAUSES = 16
#: Very common words, dropped from a query's plain words when other words remain: they
#: match most articles and only slow the ranking down. Phrases keep them (the index does).
STOPWORDS = frozenset(
    term(w)
    for w in [
        "في",
        "من",
        "على",
        "إلى",
        "الى",
        "عن",
        "أن",
        "ان",
        "إن",
        "مع",
        "هذا",
        "هذه",
        "ذلك",
        "التي",
        "الذي",
        "الذين",
        "كان",
        "كانت",
        "قد",
        "لا",
        "ما",
        "لم",
        "لن",
        "و",
        "أو",
        "او",
        "ثم",
        "بين",
        "بعد",
        "قبل",
        "عند",
        "كل",
        "هو",
        "هي",
        "هم",
        "وقال",
        "قال",
        "أي",
        "اي",
        "حتى",
        "منذ",
        "خلال",
        "ضد",
        "غير",
        "إذا",
        "اذا",
    ]
)

_CHUNK_RE = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@dataclass(frozen=True)
class Clause:
    """One condition: a term, a phrase (several terms in order) or a prefix."""

    terms: tuple[str, ...]
    negated: bool = False
    prefix: bool = False
    phrase: bool = False


@dataclass(frozen=True)
class Query:
    text: str
    clauses: tuple[Clause, ...]

    @property
    def positive_terms(self) -> frozenset[str]:
        """Terms a matching article contains (for highlighting)."""
        return frozenset(t for c in self.clauses if not c.negated for t in c.terms)

    @property
    def prefixes(self) -> frozenset[str]:
        return frozenset(c.terms[-1] for c in self.clauses if c.prefix and not c.negated)

    def to_fts5(self) -> str:
        """The FTS5 expression: every term double-quoted, clauses joined by AND / NOT."""
        positive = [_fts5_clause(c) for c in self.clauses if not c.negated]
        negative = [_fts5_clause(c) for c in self.clauses if c.negated]
        expr = " AND ".join(positive)
        for clause in negative:
            expr = f"{expr} NOT {clause}"
        return expr


def parse_query(text: str) -> Query:
    """Parse a user query; raise :class:`QueryError` with advice when nothing is searchable."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"the query is {len(text)} characters long; use at most {MAX_QUERY_CHARS}")
    # Stored texts are display texts, with presentation forms (ﻏﺰﺓ) folded: fold the query too.
    folded = nfkc_safe(text)
    clauses = [c for m in _CHUNK_RE.finditer(folded) if (c := _clause(m)) is not None]
    positive = [c for c in clauses if not c.negated]
    if not positive:
        if clauses:
            raise QueryError("a query needs at least one word to look for, not only -exclusions")
        raise QueryError(
            f"nothing to search for in {text[:40]!r}: type Arabic or Latin words or numbers"
        )
    content = [c for c in positive if c.phrase or c.prefix or c.terms[0] not in STOPWORDS]
    if content:
        clauses = [c for c in clauses if c.negated or c in content]
    if len(clauses) > MAX_CLAUSES:
        raise QueryError(f"the query has {len(clauses)} words; use at most {MAX_CLAUSES}")
    return Query(text, tuple(clauses))


def _clause(match: re.Match[str]) -> Clause | None:
    if match.group(2) is not None:  # a quoted phrase
        terms = analyze(match.group(2))
        negated, phrase, prefix = bool(match.group(1)), True, False
    else:
        chunk = match.group(4)
        prefix = chunk.endswith("*")
        terms = analyze(chunk.rstrip("*"))
        if prefix and terms:
            words = [tok.text for tok in iter_words(chunk.rstrip("*"))]
            terms[-1] = prefix_term(words[-1]) or terms[-1]
        negated, phrase = bool(match.group(3)), len(terms) > 1
    if not terms:
        return None
    return Clause(tuple(terms), negated=negated, prefix=prefix, phrase=phrase)


def _fts5_clause(clause: Clause) -> str:
    quoted = '"' + " ".join(clause.terms).replace('"', '""') + '"'
    return quoted + " *" if clause.prefix else quoted
