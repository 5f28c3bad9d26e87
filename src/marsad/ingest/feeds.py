"""RSS 2.0, Atom and RDF feeds → one raw record per item (reader ``feed``).

feedparser reads every dialect; Arabic ``pubDate`` texts go through Marsad's date parser,
registered with feedparser once when this module is imported. An item keeps its link for
later fetching (``marsad extract --fetch``); nothing is fetched here.

A feed is rejected whole as ``not_arabic`` when the titles and descriptions of its items
together are not Arabic (a Persian or Urdu feed); each item is checked again on extraction.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from typing import IO, Any
from urllib.parse import urljoin
from xml.sax import SAXParseException

import feedparser

from marsad.errors import RejectedInput
from marsad.extract.dates import feedparser_date_handler
from marsad.ingest.decode import declared_charset, decode_bytes
from marsad.ingest.lang import detect_language
from marsad.ingest.readers import ReadResult, read_whole, register_reader
from marsad.model import RawRecord, Rejection, sha256_hex

feedparser.registerDateHandler(feedparser_date_handler)

#: Characters of item text sampled for the feed-level language verdict; 20 items' titles
#: and descriptions (~4,000 characters) decide as reliably as the whole feed.
LANGUAGE_SAMPLE_CHARS = 20000
_XML_DECLARATION_RE = re.compile(r"^\s*<\?xml[^>]*\?>")
_BLOCK_END_RE = re.compile(r"<\s*(?:br\s*/?|/p|/div|/li|/h[1-6]|/blockquote|/tr)\s*>", re.I)
_TAG_RE = re.compile(r"<[^>]*>")
#: The end of an RSS item or an Atom entry (RDF items too), with or without a prefix.
_ITEM_END_RE = re.compile(r"</(?:\w+:)?(?:item|entry)\s*>", re.I)


@register_reader("feed")
def read_feed(stream: IO[bytes], origin: str, size: int) -> Iterator[ReadResult]:
    data = read_whole(stream, origin)
    decoded = decode_bytes(data, origin, declared_charset(data))
    # Hand feedparser UTF-8 without the (now wrong) encoding declaration.
    xml = _XML_DECLARATION_RE.sub("", decoded.text, count=1).lstrip("\ufeff")
    parsed = feedparser.parse(
        xml.encode("utf-8"), response_headers={"content-type": "application/xml; charset=utf-8"}
    )
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception")
        detail = f"no items ({problem})" if problem else "no items"
        raise RejectedInput(origin, "empty" if not problem else "malformed", detail)
    entries, broken = _well_formed_entries(entries, parsed.get("bozo_exception"), xml, origin)
    channel = _channel(parsed.get("feed") or {})
    items = [_item_fields(entry, channel) for entry in entries]
    sample = "\n".join(f"{i['title']}\n{i['text']}" for i in items)[:LANGUAGE_SAMPLE_CHARS]
    verdict = detect_language(sample)
    if verdict.lang != "ar":
        raise RejectedInput(
            origin, "not_arabic", f"feed items are not Arabic ({verdict.lang}, {len(items)} items)"
        )
    for position, fields in enumerate(items, start=1):
        yield _record(fields, f"{origin}#item{position}", decoded.encoding, decoded.notes)
    if broken is not None:
        yield broken


def _well_formed_entries(
    entries: list[Any], problem: Any, xml: str, origin: str
) -> tuple[list[Any], Rejection | None]:
    """The items that closed before the point where the XML stops being well-formed (a feed
    cut short, a broken tag), and a rejection for the rest: feedparser's lenient parser
    would hand back the cut item as if it were whole and drop the others silently."""
    if not isinstance(problem, SAXParseException):
        return entries, None
    line, column = problem.getLineNumber() or 1, problem.getColumnNumber() or 0
    lines = xml.split("\n")
    before = "\n".join([*lines[: line - 1], lines[line - 1][:column] if line <= len(lines) else ""])
    closed = len(_ITEM_END_RE.findall(before))
    if closed >= len(entries):
        return entries, None
    lost = f"item{closed + 1}" + (f"–item{len(entries)}" if len(entries) > closed + 1 else "")
    reason = "truncated" if line >= len(lines) else "malformed"
    detail = (
        f"the XML breaks at line {line}, column {column} ({problem.getMessage()}); "
        f"{lost} and anything after are not read"
    )
    return entries[:closed], Rejection(f"{origin}#item{closed + 1}", reason, detail)


def fragment_text(markup: str) -> str:
    """Text of an HTML fragment (a description, content:encoded): blocks become lines."""
    text = _TAG_RE.sub("", _BLOCK_END_RE.sub("\n", markup))
    return "\n".join(line.strip() for line in html.unescape(text).split("\n") if line.strip())


def _channel(feed: Any) -> dict[str, str]:
    return {key: str(dict.get(feed, key) or "") for key in ("title", "link", "language")}


def _item_fields(entry: Any, channel: dict[str, str]) -> dict[str, Any]:
    # dict.get, not entry.get: FeedParserDict maps missing keys to others with a warning.
    field = dict.get
    content = field(entry, "content") or []
    content_html = str(content[0].get("value") or "") if content else ""
    description_html = str(field(entry, "summary") or "")
    tags = field(entry, "tags") or []
    published, published_parsed = field(entry, "published"), field(entry, "published_parsed")
    updated, updated_parsed = field(entry, "updated"), field(entry, "updated_parsed")
    if not published:  # RSS 1.0 dc:date and a lone Atom <updated> are the item's date
        published, published_parsed, updated = updated, updated_parsed, None
    return {
        "title": fragment_text(str(field(entry, "title") or "")),
        # a relative link (/news/1.html) is resolved against the channel's site, or two
        # sites' first items would share a URL and one be dropped as a duplicate
        "link": urljoin(channel["link"], link)
        if (link := str(field(entry, "link") or ""))
        else None,
        "guid": str(field(entry, "id") or "") or None,
        "description_html": description_html,
        "content_html": content_html,
        "text": fragment_text(content_html or description_html),
        "author": str(field(entry, "author") or "") or None,
        "categories": [str(t.get("term")) for t in tags if t.get("term")],
        "published_raw": published or None,
        "published_parsed": _struct_iso(published_parsed),
        "updated_raw": updated or None,
        "channel": channel,
    }


def _struct_iso(value: Any) -> str | None:
    """feedparser's UTC ``struct_time`` (from a registered date handler) as ISO text."""
    try:
        year, month, day, hour, minute, second = tuple(value)[:6]
    except (TypeError, ValueError):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{minute:02d}:{second:02d}+00:00"


def _record(
    fields: dict[str, Any], where: str, encoding: str, notes: tuple[str, ...]
) -> ReadResult:
    if not fields["title"].strip() and not fields["text"].strip():
        return Rejection(where, "empty", "an item with neither title nor text")
    key = json.dumps(fields, ensure_ascii=False, sort_keys=True).encode("utf-8")
    return RawRecord(
        origin=where,
        format="feed-item",
        sha256=sha256_hex(key),
        encoding=encoding,
        text=f"{fields['title']}\n{fields['text']}".strip(),
        url=fields["link"],
        record_id=None,
        fields=fields,
        notes=notes,
    )
