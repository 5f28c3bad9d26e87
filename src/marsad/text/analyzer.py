"""The Arabic search analyser: text → index terms, one term per word, in order.

The same function turns documents and queries into terms, so that a word in a query meets
every spelling of it in the articles; a future PostgreSQL ``tsvector`` can be fed the same
terms. The order of operations is measured, not chosen (docs/search.md gives the numbers):

1. **before stemming**: diacritics and tatweel removed, ى → ي, case folded, digits to ASCII.
   Hamza-alef forms (أ إ آ) are *kept*: Snowball's prefix rules look at them.
2. **clitics**: the article and its proclitics (ال وال فال بال كال لل…) and the one-letter
   proclitics و ف ب ك ل are stripped here, not by Snowball, which never strips وال/فال
   and strips a و/ب/ف that belongs to the word (وزير → زير, بغداد → غداد). A word whose
   first letter belongs to it (PROTECTED_WORDS, counted on the news corpora by
   scripts/build_search_lexicon.py) keeps it.
3. **stemming**: Snowball Arabic (PyStemmer) on suffixes only: a guard letter in front of
   the word disables its prefix rules.
4. **after stemming**: أ/إ/آ → ا and ة → ه (ة folded earlier would be mistaken for the
   pronoun ه and stripped).
5. **spelling variants** folded on stems (أميركي/أمريكي → امريك, ترمب/ترامب…), from a
   table of surface pairs stemmed by this very analyser.

Hashtags split on ``_`` (#مجلس_الأمن is two terms) because the tokenizer treats ``_`` as
punctuation. Non-Arabic words are only case-folded.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache
from importlib import resources

import Stemmer

from marsad.text.normalize import (
    normalize_alef,
    normalize_alef_maqsura,
    normalize_digits,
    normalize_teh_marbuta,
    remove_diacritics,
    remove_tatweel,
)
from marsad.text.tokenize import iter_words

#: Put in front of a word before Snowball: a letter no Arabic prefix rule matches, so
#: Snowball only removes suffixes; it is cut off again from the stem.
_GUARD = "x"
#: The article with its proclitics: ال, وال, فال, بال, كال, وبال, فبال, وكال, لل, ولل, فلل.
ARTICLE_RE = re.compile("^(?:[وف]?[بك]?ال|[وف]?لل)")
_PROCLITICS = "وفبكل"
_CONJUNCTIONS = "وف"
#: A word keeps at least this many letters after a one-letter proclitic is cut: shorter
#: remainders are mostly whole words (وقت, بين, كل), as Snowball's own length rule assumes.
MIN_STEM_AFTER_PROCLITIC = 3
#: ... and at least this many after the article (الدول → دول, but الى → الى).
MIN_STEM_AFTER_ARTICLE = 2
#: Words written with ال that is not the article; stripping it would merge them with others.
_ALEF_LAM_WORDS = frozenset(
    [
        "الله",
        "والله",
        "بالله",
        "لله",
        "الا",
        "الي",
        "الان",
        "التي",
        "الذي",
        "الذين",
        "اللذين",
        "اللتين",
        "اللاتي",
        "اللواتي",
    ]
)
#: Snowball's prefix rules strip these first letters; after step 2 they belong to the word.
_SNOWBALL_PREFIX_LETTERS = "وفبكل"
#: Stems longer than this lose a final ي: Snowball leaves it on plurals and feminines of
#: nisba adjectives (الإسرائيليين → اسراييلي) but not on the singular (الإسرائيلي → اسراييل).
_NISBA_MIN_STEM = 4
_ARABIC_LETTER_RE = re.compile("[\u0621-\u064a]")
_MAX_CACHED_WORDS = 300_000


def prenormalize(word: str) -> str:
    """Step 1: what must be folded before Snowball sees the word (hamza-alef is kept)."""
    word = normalize_alef_maqsura(remove_tatweel(remove_diacritics(word)))
    return normalize_digits(word).casefold()


def fold(word: str) -> str:
    """Step 4: the folds that must wait until after stemming (alef forms, ة → ه)."""
    return normalize_teh_marbuta(normalize_alef(word))


@cache
def protected_words() -> frozenset[str]:
    """Folded words whose first letter (و ف ب ك ل) belongs to the word, not a proclitic."""
    text = resources.files("marsad").joinpath("data/search/protected_words.txt").read_text("utf-8")
    words = (line.split("\t", 1)[0] for line in text.splitlines())
    return frozenset(w for w in words if w and not w.startswith("#")) | _ALEF_LAM_WORDS


def strip_clitics(word: str) -> str:
    """Step 2: cut the article and one-letter proclitics unless they belong to the word."""
    protected = protected_words()
    if fold(word) in protected:
        return word
    match = ARTICLE_RE.match(word)
    if match and len(word) - match.end() >= MIN_STEM_AFTER_ARTICLE:
        return word[match.end() :]
    if word[0] not in _PROCLITICS or len(word) - 1 < MIN_STEM_AFTER_PROCLITIC:
        return word
    rest = word[1:]
    if fold(rest) in protected:
        return rest
    if (
        word[0] in _CONJUNCTIONS
        and rest[0] in _PROCLITICS[2:]
        and len(rest) - 1 >= MIN_STEM_AFTER_PROCLITIC
    ):
        return rest[1:]
    return rest


@cache
def _stemmer() -> Stemmer.Stemmer:
    return Stemmer.Stemmer("arabic")


def stem(word: str) -> str:
    """Step 3: Snowball Arabic on suffixes only (the guard letter blocks its prefix rules)."""
    if len(word) <= 2:
        return word
    if word[0] not in _SNOWBALL_PREFIX_LETTERS:  # the guard would lengthen the word by one,
        stemmed: str = _stemmer().stemWord(word)  # and Snowball's length rules count it
    else:
        stemmed = _stemmer().stemWord(_GUARD + word)
        stemmed = stemmed[1:] if stemmed.startswith(_GUARD) else stemmed
    if len(stemmed) >= _NISBA_MIN_STEM and stemmed.endswith("ي"):
        stemmed = stemmed[:-1]
    return stemmed


def _base_term(word: str) -> str:
    word = prenormalize(word)
    if not word or not _ARABIC_LETTER_RE.match(word):
        return word
    return fold(stem(strip_clitics(word)))


@cache
def variant_table() -> dict[str, str]:
    """Step 5: stem → canonical stem, derived from the surface pairs in variants.tsv."""
    text = resources.files("marsad").joinpath("data/search/variants.tsv").read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        variant, canonical = line.split("\t")[:2]
        source, target = _base_term(variant.strip()), _base_term(canonical.strip())
        if source != target:
            table[source] = target
    return table


@lru_cache(maxsize=_MAX_CACHED_WORDS)
def term(word: str) -> str:
    """The index term of one word ('' when nothing is left, e.g. only diacritics)."""
    base = _base_term(word)
    return variant_table().get(base, base)


def prefix_term(word: str) -> str:
    """The index-term prefix for a word typed with ``*``: clitics cut, never stemmed
    (a stemmer would treat the unfinished word's last letters as a suffix)."""
    word = prenormalize(word)
    if not word or not _ARABIC_LETTER_RE.match(word):
        return word
    return fold(strip_clitics(word))


def analyze(text: str) -> list[str]:
    """Every word and number of ``text`` as index terms, in order."""
    return [t for t in (term(tok.text) for tok in iter_words(text)) if t]


def analyze_words(words: Iterable[str]) -> list[str]:
    return [t for t in map(term, words) if t]
