"""HTML records → one article: main text, Arabic clean-up, title and date cascades.

The page is parsed once (with trafilatura's own parser settings). Signals are read from
the intact tree first (marsad.extract.html_meta), then trafilatura extracts the main text
from the same tree without its metadata pass (Marsad's cascades replace htmldate), so the
whole path costs about what trafilatura alone costs (benchmarks/bench_html.py).

Text cascade: trafilatura's main text → JSON-LD ``articleBody`` when trafilatura found
less than MIN_BODY_WORDS → the meta description; then marsad.extract.html_clean.
Title cascade: see marsad.extract.html_meta.choose_title. Dates: marsad.extract.html_dates.
Every field records the signal that gave it in ``Document.provenance``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import trafilatura
from trafilatura.utils import load_html

from marsad.errors import RejectedInput
from marsad.extract.agencies import outlet_name
from marsad.extract.documents import check_language, register_extractor
from marsad.extract.html_clean import clean_body
from marsad.extract.html_dates import FoundDate, normalise_date, page_dates
from marsad.extract.html_meta import PageMeta, choose_title, ld_names, ld_value, read_page_meta
from marsad.extract.sources import find_byline_sources, find_text_sources
from marsad.model import Document, RawRecord
from marsad.text.normalize import display_text, match_key

#: Below this many words trafilatura is taken to have missed the article, and JSON-LD
#: ``articleBody`` (when longer) is used instead. Short Arabic news items run from ~40 words.
MIN_BODY_WORDS = 25
#: Date signals weaker than a feed's machine-readable pubDate (used when a feed link was
#: fetched: the feed's date then beats the page's visible text and URL).
_WEAK_DATE_SIGNALS = ("visible-text", "url")


@register_extractor("html", checks_language=True)
def extract_html_record(record: RawRecord) -> list[Document]:
    tree = load_html(record.text)
    if tree is None:
        raise RejectedInput(record.origin, "malformed", "not parseable as an HTML document")
    page = read_page_meta(tree)
    url, url_signal = _page_url(record, page)
    reference = _reference_time(record.fields)
    urls = [u for u in (url, page.canonical, page.meta.get("og:url")) if u]
    dates = page_dates(page, urls, reference)
    title, title_signal = choose_title(page)
    text, text_signal = _main_text(tree, page, url)
    bylines = _bylines(page)
    cleaned = clean_body(text, page.captions, bylines)
    body = _without_title(display_text(cleaned.body), title)
    if not body:
        raise RejectedInput(record.origin, "no_article", "no main text found in the page")
    check_language(record.origin, body)
    doc = Document(
        id=record.record_id or record.sha256[:16],
        text=body,
        title=display_text(title) if title else None,
        url=url,
        origin=record.origin,
        record_sha256=record.sha256,
    )
    doc.provenance["text"] = text_signal
    if title:
        doc.provenance["title"] = title_signal
    if url:
        doc.provenance["url"] = url_signal
    _set_date(doc, "published", dates.published)
    _set_date(doc, "modified", dates.modified)
    _apply_feed_item(doc, record.fields.get("feed_item"))
    _set_meta(doc, record, page, cleaned.related_titles, cleaned.captions, bylines)
    _set_sources(doc, page, bylines)
    return [doc]


def _page_url(record: RawRecord, page: PageMeta) -> tuple[str | None, str]:
    if record.url:
        return record.url, "record"
    if page.canonical.startswith("http"):
        return page.canonical, "canonical"
    og_url = page.meta.get("og:url", "")
    if og_url.startswith("http"):
        return og_url, "meta:og:url"
    return None, ""


def _reference_time(fields: dict[str, Any]) -> datetime | None:
    """When the page was captured (WARC-Date, fetch time): the upper bound for its dates."""
    for key in ("warc_date", "fetched_at"):
        value = fields.get(key)
        if isinstance(value, str):
            try:
                return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)
            except ValueError:
                continue
    return None


def _main_text(tree: Any, page: PageMeta, url: str | None) -> tuple[str, str]:
    result = trafilatura.bare_extraction(
        tree, url=url, with_metadata=False, include_comments=False, include_tables=True
    )
    text = (getattr(result, "text", None) or "").strip()
    if len(text.split()) >= MIN_BODY_WORDS:
        return text, "trafilatura"
    for obj in page.article_ld():
        body = ld_value(obj, "articleBody")
        if len(body.split()) > len(text.split()):
            return body, "json-ld:articleBody"
    if text:
        return text, "trafilatura"
    description = page.meta.get("og:description") or page.meta.get("description") or ""
    return description, "meta:description"


def _without_title(body: str, title: str | None) -> str:
    """Drop a first line that repeats the headline (extractors often keep the <h1>)."""
    if not title or not body:
        return body
    first, _, rest = body.partition("\n")
    return rest.strip() if match_key(first) == match_key(title) else body


def _bylines(page: PageMeta) -> list[str]:
    names = [b for b in page.bylines if "://" not in b and len(b.split()) <= 12]
    for obj in page.article_ld():
        names += ld_names(obj, "author")
    for key in ("author", "article:author", "byl"):
        value = page.meta.get(key, "")
        if value and "://" not in value:
            names.append(value)
    return list(dict.fromkeys(n.strip() for n in names if n.strip()))


def _set_date(doc: Document, attr: str, found: FoundDate | None) -> None:
    if found is not None:
        setattr(doc, attr, found.iso)
        doc.provenance[attr] = found.signal


def _apply_feed_item(doc: Document, item: Any) -> None:
    """A page fetched from a feed link: the feed's fields fill what the page lacks."""
    if not isinstance(item, dict):
        return
    if not doc.title and item.get("title"):
        doc.title = display_text(str(item["title"]))
        doc.provenance["title"] = "feed:title"
    weak = doc.provenance.get("published", "url").startswith(_WEAK_DATE_SIGNALS)
    raw = item.get("published_raw")
    if (doc.published is None or weak) and isinstance(raw, str):
        iso = normalise_date(raw)
        if iso:
            doc.published = iso
            doc.provenance["published"] = "feed:pubDate"
    for key in ("author", "categories"):
        if item.get(key):
            doc.meta.setdefault(key, item[key])


def _set_meta(
    doc: Document,
    record: RawRecord,
    page: PageMeta,
    related: list[str],
    captions: list[str],
    bylines: list[str],
) -> None:
    if record.notes:
        doc.meta["warnings"] = list(record.notes)
    if related:
        doc.meta["related_titles"] = related
    if captions or page.captions:
        doc.meta["captions"] = list(dict.fromkeys(captions + page.captions))
    if bylines:
        doc.meta["bylines"] = [{"label": "author", "text": b} for b in bylines]
        doc.meta.setdefault("author", bylines[0])
        doc.provenance["author"] = "markup"
    description = page.meta.get("og:description") or page.meta.get("description")
    if description:
        doc.meta["summary"] = display_text(description)
    if page.site_names:
        doc.meta["site_name"] = page.site_names[0]
    if page.lang:
        doc.meta["page_lang"] = page.lang


def _set_sources(doc: Document, page: PageMeta, bylines: list[str]) -> None:
    find_text_sources(doc)
    for byline in bylines:
        find_byline_sources(doc, byline)
    if page.site_names:
        site = page.site_names[0]
        doc.add_source(outlet_name(site), "publisher", evidence=f"site name: {site}")
