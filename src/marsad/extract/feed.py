"""Feed items → articles (extractor for ``feed-item`` records).

Text: ``content:encoded`` when the item has it, else the description, cleaned like an
HTML body (marsad.extract.html_clean). Title: the item title. Published: the raw
``pubDate``/``published`` read as RFC 822 or ISO 8601 (keeping its UTC offset), else by
Marsad's date parser (Arabic dates), else feedparser's parsed value; ``updated`` gives
``modified`` when it differs. Author and categories go to ``meta``; the channel's name
is the ``publisher``.
"""

from __future__ import annotations

from typing import Any

from marsad.extract.agencies import outlet_name
from marsad.extract.documents import register_extractor
from marsad.extract.html_clean import clean_body
from marsad.extract.html_dates import normalise_date
from marsad.extract.sources import find_byline_sources, find_text_sources
from marsad.ingest.feeds import fragment_text
from marsad.model import Document, RawRecord
from marsad.text.normalize import display_text


@register_extractor("feed-item")
def extract_feed_item(record: RawRecord) -> list[Document]:
    fields = record.fields
    text = str(fields.get("text") or "")
    author = fields.get("author")
    cleaned = clean_body(text, [], [author] if isinstance(author, str) else [])
    doc = Document(
        id=str(fields.get("guid") or record.sha256[:16]),
        text=display_text(cleaned.body),
        title=display_text(str(fields.get("title") or "")) or None,
        url=record.url,
        origin=record.origin,
        record_sha256=record.sha256,
    )
    doc.provenance["text"] = "feed:content" if fields.get("content_html") else "feed:description"
    if doc.title:
        doc.provenance["title"] = "feed:title"
    if doc.url:
        doc.provenance["url"] = "feed:link"
    _set_dates(doc, fields)
    _set_meta(doc, record, fields, cleaned.related_titles)
    find_text_sources(doc)
    if isinstance(author, str) and author.strip():
        find_byline_sources(doc, author)
    channel = _channel_name(fields.get("channel"))
    if channel:
        doc.add_source(outlet_name(channel), "publisher", evidence=f"feed channel: {channel}")
    return [doc]


def _set_dates(doc: Document, fields: dict[str, Any]) -> None:
    raw = fields.get("published_raw")
    iso = normalise_date(raw) if isinstance(raw, str) else None
    if iso:
        doc.published, doc.provenance["published"] = iso, "feed:pubDate"
    elif fields.get("published_parsed"):
        doc.published, doc.provenance["published"] = fields["published_parsed"], "feed:parsed"
    updated = fields.get("updated_raw")
    if isinstance(updated, str) and updated != raw:
        modified = normalise_date(updated)
        if modified and modified != doc.published:
            doc.modified, doc.provenance["modified"] = modified, "feed:updated"


def _set_meta(doc: Document, record: RawRecord, fields: dict[str, Any], related: list[str]) -> None:
    if record.notes:
        doc.meta["warnings"] = list(record.notes)
    if fields.get("author"):
        doc.meta["author"] = fields["author"]
    if fields.get("categories"):
        doc.meta["categories"] = list(fields["categories"])
    if fields.get("content_html") and fields.get("description_html"):
        doc.meta["summary"] = display_text(fragment_text(fields["description_html"]))
    if related:
        doc.meta["related_titles"] = related
    channel = fields.get("channel")
    if isinstance(channel, dict) and channel.get("title"):
        doc.meta["feed"] = {k: v for k, v in channel.items() if v}


def _channel_name(channel: Any) -> str:
    """``BBC عربي - culture`` → ``BBC عربي``: the outlet, without the section."""
    if not isinstance(channel, dict):
        return ""
    title = str(channel.get("title") or "")
    return title.split(" - ")[0].strip()
