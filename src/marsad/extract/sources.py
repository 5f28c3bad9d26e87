"""The source chain of an article: origin → agencies → publisher → translator.

Signals, strongest first (a name is recorded once per role):

1. ``المصدر:`` lines at the end of a page. Every item is an ``origin``; when a page has
   several such lines, the last is the republisher's own credit (``publisher``).
2. Metadata that came with the record (a JSONL ``source`` field, a feed's channel) →
   ``publisher``.
3. A dateline credit at the start of the body — ``الرياض (رويترز) -``, ``(CNN)--``,
   ``واس - الرياض`` — and a credit at the end — ``(أ ف ب)``: wire agencies → ``agency``,
   other names → ``origin``. A byline ``لندن: «الشرق الأوسط»`` names the ``publisher``.
4. Phrases in the first sentences: ``نشرت صحيفة "معاريف"`` (``origin``) and
   ``ترجمته "عربي21"`` (``translator``).
"""

from __future__ import annotations

import re

from marsad.extract.agencies import agency_name
from marsad.model import Document

_SPLIT_ITEMS_RE = re.compile(r"\s*(?:\+|،|,|/|\||&|\s-\s|\sو(?=وكالات))\s*")
_QUOTED = r"[\"«“”]\s*(?P<name>[^\"«»“”\n]{1,40}?)\s*[\"»”“]"
_OUTLET_WORD = r"(?:صحيفة|صحيفه|موقع|مجلة|وكالة|قناة|شبكة|إذاعة)"
_PUBLISHED_BY_RE = re.compile(
    r"^(?:\S+ )?(?:نشرت|نشر|أوردت|ذكرت|كشفت|قالت|أفادت)\s+" + _OUTLET_WORD + r"\s+" + _QUOTED
)
_TRANSLATED_BY_RE = re.compile(
    r"(?:ترجمته?|ترجمها|ترجمه|وترجمته|بترجمة|ترجمة)\s+(?:" + _OUTLET_WORD + r"\s+)?" + _QUOTED
)
# "الرياض (رويترز) -", "(CNN)--", "واشنطن - (أ ف ب):"
_DATELINE_CREDIT_RE = re.compile(
    r"^[^\n()]{0,40}?\(\s*(?P<name>[^()\n]{1,30})\s*\)\s*(?:[-–—:]{1,2})"
)
# "واس - الرياض" / "الرياض - واس" at the very start
_DATELINE_AGENCY_RE = re.compile(r"^(?P<a>[^\s\-–—:]{2,12})\s*[-–—]\s*(?P<b>[^\s\-–—:]{2,12})\b")
# A credit closing the body: "... (أ ف ب)" or "- (رويترز)."
_TRAILING_CREDIT_RE = re.compile(r"\(\s*(?P<name>[^()\n]{1,30})\s*\)\s*\.?\s*$")
# Byline "لندن: «الشرق الأوسط»"
_BYLINE_OUTLET_RE = re.compile(r"^[^\n:]{1,30}:\s*" + _QUOTED + r"\s*$")
#: How far into the body the "نشرت صحيفة …" / "ترجمته …" phrases count as credits (chars).
#: Both sit in the first two sentences of translated-report articles (Arabi21 style).
HEAD_WINDOW = 600


def split_credit(line: str) -> list[str]:
    """``الجزيرة + وكالات`` → [الجزيرة, وكالات]."""
    return [item.strip(' .:-–—"«»') for item in _SPLIT_ITEMS_RE.split(line) if item.strip(" .:-")]


def add_source_lines(doc: Document, lines: list[str]) -> None:
    for i, line in enumerate(lines):
        role = "publisher" if len(lines) > 1 and i == len(lines) - 1 else "origin"
        for item in split_credit(line):
            doc.add_source(item, role, evidence=f"المصدر: {line}")


def add_credit(doc: Document, name: str, evidence: str) -> None:
    """A credited name: wire agencies are ``agency``, anyone else ``origin``."""
    agency = agency_name(name)
    if agency is not None:
        doc.add_source(agency, "agency", evidence)
    else:
        doc.add_source(name.strip(), "origin", evidence)


def find_text_sources(doc: Document, byline: str | None = None) -> None:
    """Signals 3 and 4: credits written in the body and the byline."""
    text = doc.text
    head = text[:HEAD_WINDOW]
    m = _DATELINE_CREDIT_RE.match(head)
    if m and (agency_name(m.group("name")) or _looks_like_name(m.group("name"))):
        add_credit(doc, m.group("name"), m.group(0))
    m2 = _DATELINE_AGENCY_RE.match(head)
    if m2:
        for part in (m2.group("a"), m2.group("b")):
            agency = agency_name(part)
            if agency:
                doc.add_source(agency, "agency", m2.group(0))
    tail = _TRAILING_CREDIT_RE.search(text[-80:])
    if tail and agency_name(tail.group("name")):
        add_credit(doc, tail.group("name"), tail.group(0))
    pub = _PUBLISHED_BY_RE.match(head)
    if pub:
        doc.add_source(pub.group("name"), "origin", pub.group(0))
    for tr in _TRANSLATED_BY_RE.finditer(head):
        doc.add_source(tr.group("name"), "translator", tr.group(0))
    if byline:
        find_byline_sources(doc, byline)


def find_byline_sources(doc: Document, byline: str) -> None:
    """``واس - الرياض`` → agency واس; ``لندن: «الشرق الأوسط»`` → publisher."""
    outlet = _BYLINE_OUTLET_RE.match(byline.strip())
    if outlet:
        doc.add_source(outlet.group("name"), "publisher", byline)
        return
    for part in re.split(r"\s*[-–—:،/]\s*", byline):
        agency = agency_name(part)
        if agency:
            doc.add_source(agency, "agency", byline)


def _looks_like_name(text: str) -> bool:
    """A non-agency dateline credit in Latin letters, as broadcasters print it: ``(CNN)--``.

    Arabic words in that slot are mostly asides (``(خاص)``, ``(صور)``), so only known
    agencies are taken from Arabic script."""
    return bool(re.fullmatch(r"[A-Za-z][A-Za-z .&]{1,20}", text.strip()))
