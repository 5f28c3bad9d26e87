"""Raw records → documents: the extraction step for each record format.

``EXTRACTORS`` maps a record format to a function ``RawRecord -> list[Document]``;
readers of further formats (HTML, feeds, WARC) register theirs here. Every extractor
fills text, title, dates (with provenance) and the source chain; analysis stages run later.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from marsad.errors import RejectedInput
from marsad.extract.agencies import outlet_name
from marsad.extract.dates import find_date, parse_date
from marsad.extract.page import Segment, read_page
from marsad.extract.sources import add_source_lines, find_byline_sources, find_text_sources
from marsad.ingest.lang import detect_language
from marsad.ingest.readers import pick
from marsad.model import Document, RawRecord
from marsad.text.normalize import display_text

Extractor = Callable[[RawRecord], list[Document]]
EXTRACTORS: dict[str, Extractor] = {}


#: Formats whose record text is markup (HTML): their extractor checks the language of the
#: text it extracts, since the raw record is mostly tags.
CHECKS_OWN_LANGUAGE: set[str] = set()


def register_extractor(
    fmt: str, *, checks_language: bool = False
) -> Callable[[Extractor], Extractor]:
    def deco(func: Extractor) -> Extractor:
        EXTRACTORS[fmt] = func
        if checks_language:
            CHECKS_OWN_LANGUAGE.add(fmt)
        return func

    return deco


def extract_record(record: RawRecord) -> list[Document]:
    """All articles of one record; raises RejectedInput when there are none."""
    extractor = EXTRACTORS.get(record.format)
    if extractor is None:
        raise RejectedInput(record.origin, "unsupported", f"no extractor for {record.format!r}")
    if record.format not in CHECKS_OWN_LANGUAGE:
        check_language(record.origin, record.text)
    docs = extractor(record)
    docs = [d for d in docs if d.text.strip()]
    if not docs:
        raise RejectedInput(record.origin, "no_article", "no article text left after cleaning")
    return docs


def check_language(origin: str, text: str) -> None:
    verdict = detect_language(text)
    if verdict.lang != "ar":
        detail = (
            f"another Arabic-script language ({verdict.foreign_share:.1%} Persian/Urdu letters)"
            if verdict.lang == "fa-ur"
            else f"{verdict.arabic_share:.0%} of letters are Arabic"
        )
        raise RejectedInput(origin, "not_arabic", detail)


def segments_to_documents(
    record: RawRecord,
    segments: list[Segment],
    base_id: str,
    reference: datetime | None = None,
) -> list[Document]:
    docs: list[Document] = []
    for position, seg in enumerate(segments):
        doc = Document(
            id=base_id if position == 0 else f"{base_id}-r{position}",
            text=seg.body,
            title=seg.title,
            role="main" if position == 0 else "related",
            origin=record.origin,
            record_sha256=record.sha256,
            position=position,
        )
        if position == 0:
            doc.url = record.url
            if record.notes:
                doc.meta["warnings"] = list(record.notes)
        _set_dates(doc, seg, reference)
        add_source_lines(doc, seg.source_lines)
        for label, value in seg.bylines:
            doc.meta.setdefault("bylines", []).append({"label": label, "text": value})
        if seg.dateline:
            doc.meta["dateline"] = seg.dateline
        if seg.related_titles:
            doc.meta["related_titles"] = seg.related_titles
        if seg.title:
            doc.provenance["title"] = "title_line"
        docs.append(doc)
    return docs


def _set_dates(doc: Document, seg: Segment, reference: datetime | None) -> None:
    if seg.date_text:
        parsed = find_date(seg.date_text, reference=reference)
        if parsed:
            doc.published = parsed.iso
            doc.provenance["published"] = "date_line"
    if seg.modified_text:
        parsed = find_date(seg.modified_text, reference=reference)
        if parsed:
            doc.modified = parsed.iso
            doc.provenance["modified"] = "date_line"


@register_extractor("text")
def extract_text_page(record: RawRecord) -> list[Document]:
    """A plain-text page: title line, date line, body, source lines, read-also segments."""
    text = display_text(record.text)
    docs = segments_to_documents(record, read_page(text), record.sha256[:16])
    for doc in docs:
        find_text_sources(doc)
    return docs


@register_extractor("jsonl")
def extract_jsonl_record(record: RawRecord) -> list[Document]:
    """One JSON Lines record: metadata from its fields, the body cleaned like a page."""
    fields = record.fields
    text = display_text(str(pick(fields, "text") or ""))
    title = pick(fields, "title")
    segments = read_page(text, has_title=False, one_article=True)
    base_id = record.record_id or record.sha256[:16]
    reference = _reference_time(fields)
    docs = segments_to_documents(record, segments, base_id, reference)
    if reference is not None:  # crawl time: the date of last resort for undated records
        docs[0].meta["crawled"] = reference.isoformat()
    main = docs[0]
    if isinstance(title, str) and title.strip():
        main.title = display_text(title)
        main.provenance["title"] = "record"
    _record_dates(main, fields, reference)
    source = pick(fields, "source")
    if isinstance(source, str) and source.strip():
        main.add_source(outlet_name(source), "publisher", evidence=f"record field: {source}")
    author = pick(fields, "author")
    if isinstance(author, str) and author.strip():
        main.meta["author"] = author.strip()
    for doc in docs:
        find_text_sources(doc)
    if isinstance(author, str) and author.strip():
        find_byline_sources(main, author)
    for key in ("category", "keywords", "summary", "abstract"):
        if fields.get(key):
            main.meta[key] = fields[key]
    return docs


def _record_dates(doc: Document, fields: dict[str, Any], reference: datetime | None) -> None:
    for field, attr in (("published", "published"), ("modified", "modified")):
        for key in _date_keys(field):
            value = fields.get(key)
            if not isinstance(value, str) or not value.strip():
                continue
            parsed = parse_date(value, reference=reference) or find_date(value, reference=reference)
            if parsed:
                setattr(doc, attr, parsed.iso)
                doc.provenance[attr] = f"record:{key}"
                break


def _date_keys(field: str) -> tuple[str, ...]:
    from marsad.ingest.readers import JSONL_KEYS

    return JSONL_KEYS[field]


def _reference_time(fields: dict[str, Any]) -> datetime | None:
    """Crawl time, when a record has one: the base for relative dates (أمس، منذ ساعتين)."""
    for key in ("date_extracted", "crawled", "fetched_at"):
        value = fields.get(key)
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value)
            except ValueError:
                continue
    return None
