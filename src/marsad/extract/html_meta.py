"""What an HTML page says about itself: structured data, meta tags, headline, captions.

:func:`read_page_meta` walks the parsed page once, *before* the main-text extractor prunes
it, and collects every signal the title and date cascades need (marsad.extract.html_dates,
:func:`choose_title`). Nothing here decides; it only gathers, keeping each signal's name
so the extractor can record which one gave a field (``Document.provenance``).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from marsad.text.normalize import collapse_spaces, match_key

#: schema.org types whose headline and dates describe the article itself.
ARTICLE_TYPES = frozenset(
    {
        "NewsArticle",
        "Article",
        "ReportageNews",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "BackgroundNewsArticle",
        "BlogPosting",
        "LiveBlogPosting",
        "Report",
    }
)
#: Longest caption or byline kept (characters); longer blocks are article text, not labels.
MAX_LABEL_CHARS = 300
#: How much visible text after the headline is searched for a date line (characters, text
#: nodes). Date lines sit right under the headline (CNN Arabic, Youm7, Alyaum) within the
#: first 200 characters; 400 leaves room for a byline first without reaching the body.
HEADLINE_WINDOW_CHARS = 400
HEADLINE_WINDOW_NODES = 25
_CAPTION_XPATH = (
    "//figcaption | //*[contains(@class, 'caption') or contains(@class, 'Caption')]"
    " | //*[contains(@class, 'photo-desc') or contains(@class, 'img-desc')]"
)
_BYLINE_XPATH = (
    "//*[@rel='author'] | //*[contains(@class, 'byline') or contains(@class, 'author-name')"
    " or contains(@class, 'writer') or @itemprop='author']"
)
_SITE_WORDS = ("نيوز", "قناه", "صحيفه", "جريده", "موقع", "بوابه", "شبكه", "news", ".com", ".net")
_TITLE_SEPARATOR_RE = re.compile(r"(\s+[-–—|»:]{1,2}\s+|\s*\|\s*)")


@dataclass
class PageMeta:
    """Signals gathered from one page; ``meta`` keys are lower-cased names/properties."""

    json_ld: list[dict[str, Any]] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    times: list[dict[str, str]] = field(default_factory=list)
    h1: list[str] = field(default_factory=list)
    title_tag: str = ""
    canonical: str = ""
    site_names: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    after_headline: str = ""
    lang: str = ""

    def article_ld(self) -> list[dict[str, Any]]:
        """JSON-LD objects of an article type, then any other objects (WebPage …)."""
        articles = [o for o in self.json_ld if _types(o) & ARTICLE_TYPES]
        return articles + [o for o in self.json_ld if o not in articles]


def read_page_meta(tree: HtmlElement) -> PageMeta:
    page = PageMeta(lang=(tree.get("lang") or "").strip().lower())
    page.json_ld = _json_ld(tree)
    for element in tree.iter("meta"):
        content = (element.get("content") or "").strip()
        if not content:
            continue
        for attr in ("property", "name", "itemprop", "http-equiv"):
            key = (element.get(attr) or "").strip().lower()
            if key:
                page.meta.setdefault(key, content)
    for element in tree.iter("time"):
        page.times.append(
            {
                "datetime": (element.get("datetime") or "").strip(),
                "text": _text(element),
                "hint": " ".join(
                    (element.get(a) or "") for a in ("itemprop", "class", "pubdate", "id")
                ).lower()
                + (" pubdate" if element.get("pubdate") is not None else ""),
            }
        )
    page.h1 = [t for t in (_text(h) for h in tree.iter("h1")) if t]
    page.title_tag = collapse_spaces(tree.findtext(".//title") or "")
    for link in tree.iter("link"):
        if (link.get("rel") or "").lower() == "canonical" and link.get("href"):
            page.canonical = link.get("href", "").strip()
            break
    page.site_names = _site_names(page)
    page.captions = _labels(tree, _CAPTION_XPATH)
    page.bylines = _labels(tree, _BYLINE_XPATH)
    page.after_headline = _after_headline(tree, page)
    return page


def ld_value(obj: dict[str, Any], key: str) -> str:
    """A JSON-LD property as text: names of nested objects, the first of lists."""
    value = obj.get(key)
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name") or value.get("@id")
    return value.strip() if isinstance(value, str) else ""


def ld_names(obj: dict[str, Any], key: str) -> list[str]:
    value = obj.get(key)
    items = value if isinstance(value, list) else [value]
    names = [i.get("name") if isinstance(i, dict) else i for i in items]
    return [n.strip() for n in names if isinstance(n, str) and n.strip()]


# --- title -----------------------------------------------------------------------------


def title_candidates(page: PageMeta) -> list[tuple[str, str]]:
    """(title, signal) in precedence order: structured data, social meta, <h1>, <title>."""
    found: list[tuple[str, str]] = []
    for obj in page.article_ld():
        if _types(obj) & ARTICLE_TYPES:
            headline = ld_value(obj, "headline") or ld_value(obj, "name")
            if headline:
                found.append((headline, "json-ld:headline"))
    for key in ("og:title", "twitter:title", "dc.title"):
        if page.meta.get(key):
            found.append((page.meta[key], f"meta:{key}"))
    found += [(h, "h1") for h in page.h1 if not is_site_name(h, page.site_names)]
    if page.title_tag:
        found.append((page.title_tag, "title-tag"))
    return found


def choose_title(page: PageMeta) -> tuple[str | None, str]:
    for raw, signal in title_candidates(page):
        title = strip_site_name(collapse_spaces(raw), page.site_names)
        if title and not is_site_name(title, page.site_names):
            return title, signal
    return None, ""


def strip_site_name(title: str, site_names: list[str]) -> str:
    """``المدينة نيوز - …`` / ``… - قناة صدى البلد`` / ``… | CNN`` → the headline alone."""
    parts = _TITLE_SEPARATOR_RE.split(title)
    texts = parts[0::2]
    if len(texts) < 2:
        return title
    while len(texts) > 1 and is_site_name(texts[-1], site_names, other=texts[0]):
        texts.pop()
        parts = parts[:-2]
    while len(texts) > 1 and is_site_name(texts[0], site_names, other=texts[-1]):
        texts.pop(0)
        parts = parts[2:]
    return "".join(parts).strip()


def is_site_name(text: str, site_names: list[str], other: str = "") -> bool:
    """Does ``text`` name the site (its declared name, its domain, or a site-like phrase)?"""
    key = match_key(text).strip(" -|:.")
    if not key:
        return True
    for name in site_names:
        site = match_key(name).strip(" -|:.")
        if len(site) >= 3 and (site == key or (site in key and len(key.split()) <= 6)):
            return True
    words = key.split()
    if len(words) > 5 or (other and len(match_key(other).split()) < len(words)):
        return False
    if any(w in key for w in _SITE_WORDS):
        return True
    # A Latin brand beside an Arabic headline: "… - CNNArabic.com".
    return (
        bool(other)
        and not re.search("[\u0600-\u06ff]", key)
        and bool(re.search("[\u0600-\u06ff]", other))
    )


# --- helpers ---------------------------------------------------------------------------


def _types(obj: dict[str, Any]) -> set[str]:
    value = obj.get("@type")
    items = value if isinstance(value, list) else [value]
    return {i.rsplit("/", 1)[-1] for i in items if isinstance(i, str)}


def _json_ld(tree: HtmlElement) -> list[dict[str, Any]]:
    objects: list[dict[str, Any]] = []
    for script in tree.xpath("//script[@type='application/ld+json']"):
        raw = (script.text or "").strip().removeprefix("<!--").removesuffix("-->").strip()
        if not raw:
            continue
        try:
            data = json.loads(raw, strict=False)
        except ValueError:
            continue  # broken JSON-LD is common; the other signals still count
        _flatten(data, objects, depth=0)
    return objects


def _flatten(data: Any, out: list[dict[str, Any]], depth: int) -> None:
    if depth > 4:
        return
    if isinstance(data, list):
        for item in data:
            _flatten(item, out, depth + 1)
    elif isinstance(data, dict):
        if "@graph" in data:
            _flatten(data["@graph"], out, depth + 1)
        if "@type" in data:
            out.append(data)
        main = data.get("mainEntity")
        if isinstance(main, dict | list):
            _flatten(main, out, depth + 1)


def _site_names(page: PageMeta) -> list[str]:
    names = [page.meta.get(k, "") for k in ("og:site_name", "application-name", "al:ios:app_name")]
    for obj in page.json_ld:
        names.append(ld_value(obj, "publisher"))
        if _types(obj) & {"WebSite", "Organization", "NewsMediaOrganization"}:
            names.append(ld_value(obj, "name"))
    url = page.canonical or page.meta.get("og:url", "")
    host = urlsplit(url).hostname or ""
    labels = [p for p in host.split(".") if p not in ("www", "com", "net", "org", "ar", "arabic")]
    if labels:
        names.append(labels[0])
    return [n for n in dict.fromkeys(n.strip() for n in names) if n]


def _labels(tree: HtmlElement, xpath: str) -> list[str]:
    found: list[str] = []
    for element in tree.xpath(xpath):
        if not isinstance(element, HtmlElement) or element.tag in ("script", "style", "meta"):
            continue
        text = _text(element)
        if text and len(text) <= MAX_LABEL_CHARS and text not in found:
            found.append(text)
    return found


def _after_headline(tree: HtmlElement, page: PageMeta) -> str:
    """Visible text right after the article's <h1>: where Arabic sites print the date."""
    for h1 in tree.iter("h1"):
        if not _text(h1) or is_site_name(_text(h1), page.site_names):
            continue
        nodes = h1.xpath(
            "following::text()[normalize-space() and not(ancestor::script)"
            f" and not(ancestor::style)][position() <= {HEADLINE_WINDOW_NODES}]"
        )
        return collapse_spaces(" ".join(str(n) for n in nodes))[:HEADLINE_WINDOW_CHARS]
    return ""


def _text(element: HtmlElement) -> str:
    return collapse_spaces(element.text_content())
