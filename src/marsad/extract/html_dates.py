"""Publication and update dates of an HTML page: a documented cascade, first hit wins.

Published, strongest signal first:

1. JSON-LD ``datePublished`` (then ``dateCreated``) of the article object;
2. meta tags: ``article:published_time`` and the other publication names in
   PUBLISHED_META (OpenGraph, Dublin Core, itemprop, Parse.ly, sailthru …);
3. ``<time>`` elements marked as publication (``itemprop=datePublished|dateCreated``,
   ``pubdate``), then an unmarked ``<time datetime>``;
4. visible Arabic date text right under the headline (every month family, dual names,
   Eastern digits, via marsad.extract.dates.find_date). A line labelled ``آخر تحديث`` is
   an update: ``الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00`` gives ``modified``, not
   ``published``. The page's "today" banner sits above the headline and is never read;
5. the URL path (``/2013/middle_east/8/3/``, ``/2020-08-24/``, ``/202003171044…``);
6. nothing: no date is invented.

Modified follows the same order with the update names (``dateModified``,
``article:modified_time``, ``آخر تحديث`` …). A date after the crawl/fetch time (when one
is known) or before MIN_YEAR is discarded as a bad signal and the cascade goes on.
"""

from __future__ import annotations

import email.utils
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import unquote, urlsplit

from marsad.extract.dates import find_date, parse_date
from marsad.extract.html_meta import PageMeta, ld_value
from marsad.text.normalize import match_key

#: Earliest plausible publication year: Arabic news sites went online from 1995 on.
MIN_YEAR = 1995
PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "article.published",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "date",
    "datecreated",
)
MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "article:modified",
    "datemodified",
    "lastmod",
    "last-modified",
    "dcterms.modified",
)
#: How far after an update label (``آخر تحديث``) its date is looked for: a date line is
#: short (``آخر تحديث: 24 أغسطس 2020 - 09:23 ص`` is 30 characters); more reaches the body.
AFTER_LABEL_CHARS = 40
_MODIFIED_HINT = re.compile(r"modif|updat|upd\b|تحديث")
_PUBLISHED_HINT = re.compile(r"publish|created|pubdate|date-pub")
# Labels in visible text, on match keys (see marsad.extract.markers for the line forms).
_MODIFIED_LABEL_RE = re.compile(
    r"(?:اخر تحديث|تاريخ التحديث|تم التحديث|محدثه|محدث|تحديث|updated|last updated)\s*[:：]?"
)
# A calendar date has a year (Gregorian 19xx/20xx, Hijri 13xx/14xx) or a d/m/ numeric form;
# a bare time ("14:00") or a zone ("GMT+0400") is not a date.
_CALENDAR_DATE_RE = re.compile(
    r"(?<!\+)(?<!\d)(?:1[34]|19|20)\d\d(?!\d)|\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]"
)
_URL_DATE_RES = (
    # /2013/middle_east/8/3/ (CNN Arabic), /story/2020/8/24/ (Youm7), /2020/08/24/
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?:[a-z_\-]+/)?(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/|$)"),
    # /2020-08-24-slug, /2020_08_24/
    re.compile(r"/(?P<y>(?:19|20)\d\d)[-_](?P<m>\d\d)[-_](?P<d>\d\d)(?:\D|$)"),
    # /202003171044893040-slug (Sputnik: yyyymmdd + an id)
    re.compile(r"/(?P<y>20\d\d)(?P<m>\d\d)(?P<d>\d\d)\d*(?:[-_./]|$)"),
)


@dataclass(frozen=True)
class FoundDate:
    iso: str
    signal: str


@dataclass(frozen=True)
class PageDates:
    published: FoundDate | None
    modified: FoundDate | None


def page_dates(page: PageMeta, urls: list[str], reference: datetime | None = None) -> PageDates:
    """Run both cascades; ``urls``: the record's URL, then the page's canonical and og:url
    (a crawl's URL may lack the date the canonical URL has); ``reference``: the crawl or
    fetch time when known."""
    visible_pub, visible_mod = _visible_dates(page.after_headline, reference)
    published = (
        _first(_ld_dates(page, ("datePublished", "dateCreated")), reference)
        or _first(_meta_dates(page, PUBLISHED_META), reference)
        or _first(_time_dates(page, modified=False), reference)
        or _checked(visible_pub, reference)
        or _first([d for d in map(_url_date, urls) if d], reference)
    )
    modified = (
        _first(_ld_dates(page, ("dateModified",)), reference)
        or _first(_meta_dates(page, MODIFIED_META), reference)
        or _first(_time_dates(page, modified=True), reference)
        or _checked(visible_mod, reference)
    )
    return PageDates(published, modified)


def normalise_date(value: str, reference: datetime | None = None) -> str | None:
    """A machine date (ISO 8601, RFC 822, or any text the date parser reads) → ISO string.

    Keeps the time and the UTC offset when the value has them."""
    value = value.strip()
    if not value:
        return None
    iso = _iso(value)
    if iso is not None:
        return iso
    try:
        parsed_rfc = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        parsed_rfc = None
    if parsed_rfc is not None:
        return parsed_rfc.isoformat()
    parsed = parse_date(value, reference=reference)
    return parsed.iso if parsed else None


def _iso(value: str) -> str | None:
    text = re.sub(r"\s*T\s*", "T", value.replace("Z", "+00:00"))
    text = re.sub(r"\s+([+-]\d\d:?\d\d)$", r"\1", text)
    try:
        if len(text) == 10:
            return date.fromisoformat(text).isoformat()
        return datetime.fromisoformat(text).isoformat()
    except ValueError:
        return None


def _first(candidates: list[FoundDate], reference: datetime | None) -> FoundDate | None:
    for found in candidates:
        checked = _checked(found, reference)
        if checked:
            return checked
    return None


def _checked(found: FoundDate | None, reference: datetime | None) -> FoundDate | None:
    if found is None:
        return None
    try:
        day = date.fromisoformat(found.iso[:10])
    except ValueError:
        return None
    if day.year < MIN_YEAR:
        return None
    latest = (reference or datetime.now()).date() + timedelta(days=1)
    return found if day <= latest else None


def _ld_dates(page: PageMeta, keys: tuple[str, ...]) -> list[FoundDate]:
    found = []
    for obj in page.article_ld():
        for key in keys:
            iso = normalise_date(ld_value(obj, key))
            if iso:
                found.append(FoundDate(iso, f"json-ld:{key}"))
    return found


def _meta_dates(page: PageMeta, names: tuple[str, ...]) -> list[FoundDate]:
    found = []
    for name in names:
        value = page.meta.get(name)
        iso = normalise_date(value) if value else None
        if iso:
            found.append(FoundDate(iso, f"meta:{name}"))
    return found


def _time_dates(page: PageMeta, *, modified: bool) -> list[FoundDate]:
    marked, unmarked = [], []
    for time in page.times:
        value = time["datetime"]
        iso = normalise_date(value) if value else None
        if not iso:
            continue
        hint = time["hint"] + " " + match_key(time["text"])
        if _MODIFIED_HINT.search(hint):
            if modified:
                marked.append(FoundDate(iso, "time:modified"))
        elif _PUBLISHED_HINT.search(hint):
            if not modified:
                marked.append(FoundDate(iso, "time:published"))
        elif not modified:
            unmarked.append(FoundDate(iso, "time:datetime"))
    return marked + unmarked


def _visible_dates(
    window: str, reference: datetime | None
) -> tuple[FoundDate | None, FoundDate | None]:
    """(published, modified) from the text under the headline."""
    if not window:
        return None, None
    key = match_key(window)
    label = _MODIFIED_LABEL_RE.search(key)
    if label is None:
        return _visible(window, reference, "visible-text"), None
    # Keys keep word counts, so the label's place in the display text is found by words.
    words = window.split()
    before = " ".join(words[: len(key[: label.start()].split())])
    after = " ".join(words[len(key[: label.end()].split()) :])[:AFTER_LABEL_CHARS]
    if _CALENDAR_DATE_RE.search(match_key(after)):
        return _visible(before, reference, "visible-text"), _visible(
            after, reference, "visible-text:updated"
        )
    # "DATE، آخر تحديث 14:00": the whole line is the update stamp.
    return None, _visible(f"{before} {after}", reference, "visible-text:updated")


def _visible(text: str, reference: datetime | None, signal: str) -> FoundDate | None:
    if not text.strip() or not _CALENDAR_DATE_RE.search(match_key(text)):
        return None
    parsed = find_date(text, reference=reference)
    return FoundDate(parsed.iso, signal) if parsed else None


def _url_date(url: str | None) -> FoundDate | None:
    if not url:
        return None
    path = unquote(urlsplit(url).path)
    for pattern in _URL_DATE_RES:
        m = pattern.search(path)
        if m:
            try:
                day = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                continue
            return FoundDate(day.isoformat(), "url")
    return None
