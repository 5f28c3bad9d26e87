"""Plain-text pages → articles: the reader for aggregator dumps such as the seed page.

A page is a sequence of lines. The cascade per page:

1. repair labels glued by scraping (``وكالاتالمصدر:`` → two lines);
2. cut the page into segments at read-also markers (``إقرأ أيضاً:`` and its variants);
   the first segment is the ``main`` article, later ones are ``related``;
3. in each segment take, in order: a title line, a date line (``تاريخ النشر:``),
   byline lines, the body, and trailing source lines (``المصدر:``) — labels are removed
   from the body and kept as metadata;
4. a related segment with too little body is a list of headlines, kept as
   ``related_titles`` on the main article rather than as an article.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from marsad.extract import markers
from marsad.text.normalize import match_key

#: A title line is at most this many words; the longest headline in ANT (31k articles) has
#: 27 words, while first paragraphs run past 30 in 97 % of articles.
MAX_TITLE_WORDS = 28
#: A related segment needs this many body words to count as an article, not a link list.
#: Link lists after "اقرأ أيضا" hold 1-5 headlines of ≤ 15 words; real articles have > 60.
MIN_RELATED_BODY_WORDS = 40
#: A read-also line holds a marker (≤ 4 words) and at most a headline (≤ MAX_TITLE_WORDS):
#: at Arabic's ~6 characters per word that stays under 250 characters.
MAX_MARKER_LINE_CHARS = 250
#: Headline lines a bare marker introduces inside one article: BBC Arabic records list
#: two or three teasers after "اقرأ أيضاً:" (ANT corpus), then the article goes on.
MAX_TEASER_LINES = 5


@dataclass
class Segment:
    role: str
    title: str | None = None
    date_text: str | None = None
    modified_text: str | None = None
    body: str = ""
    source_lines: list[str] = field(default_factory=list)
    bylines: list[tuple[str, str]] = field(default_factory=list)
    related_titles: list[str] = field(default_factory=list)
    dateline: str | None = None


def repair_glued_labels(text: str) -> str:
    return markers.GLUED_LABEL_RE.sub("\n", text)


def read_page(text: str, *, has_title: bool = True, one_article: bool = False) -> list[Segment]:
    """Split a page into segments; the first is the main article.

    ``one_article``: the text is known to be one article (a JSON Lines record), so a
    marker inside it introduces teasers, not another article: the headline on the
    marker's line (``قد يهمك/ عنوان``), or the headline lines right after a bare marker (at
    most :data:`MAX_TEASER_LINES`), go to ``related_titles`` and the article goes on after
    them, where a page would start a related article."""
    lines = [ln.strip() for ln in repair_glued_labels(text).split("\n")]
    chunks: list[list[str]] = [[]]
    teasers: list[str] = []
    teaser_lines_left = 0
    for line in lines:
        if teaser_lines_left and line:
            if _is_title(line):
                teasers.append(line)
                teaser_lines_left -= 1
                continue
            teaser_lines_left = 0
        m = markers.READ_ALSO_RE.match(match_key(line)) if _could_be_marker(line) else None
        if m and len(line.split()) <= 6 + len((m.group("rest") or "").split()):
            rest = _tail_after_marker(line, m.group("rest"))
            if one_article:
                if rest:
                    teasers.append(rest)
                else:
                    teaser_lines_left = MAX_TEASER_LINES
                continue
            chunks.append([])
            if rest:
                chunks[-1].append(rest)
            continue
        chunks[-1].append(line)
    segments = [_read_segment(chunks[0], "main", has_title)]
    segments[0].related_titles.extend(teasers)
    for chunk in chunks[1:]:
        seg = _read_segment(chunk, "related", True)
        if len(seg.body.split()) >= MIN_RELATED_BODY_WORDS:
            segments.append(seg)
        else:
            segments[0].related_titles.extend(t for t in (seg.title, *seg.body.split("\n")) if t)
    return segments


def _could_be_marker(line: str) -> bool:
    """Markers are short lines (at most a marker and a headline): skip body paragraphs."""
    return 0 < len(line) <= MAX_MARKER_LINE_CHARS


def _tail_after_marker(line: str, rest_key: str) -> str:
    """The display text after the marker, found by word count (keys keep word counts)."""
    if not rest_key:
        return ""
    n = len(rest_key.split())
    return " ".join(line.split()[-n:])


def _read_segment(lines: list[str], role: str, has_title: bool) -> Segment:
    seg = Segment(role)
    body_lines = list(lines)
    _strip_blank_edges(body_lines)
    if has_title and len(body_lines) > 1 and _is_title(body_lines[0]):
        seg.title = body_lines.pop(0)
    # Head: date and byline lines right after the title.
    while body_lines:
        key = match_key(body_lines[0])
        if (
            not body_lines[0]
            or _take_date_line(seg, body_lines[0], key)
            or _take_byline(seg, body_lines[0], key)
        ):
            body_lines.pop(0)
        else:
            break
    # Tail: source, date and byline lines at the end.
    while body_lines:
        line = body_lines[-1]
        key = match_key(line)
        src = markers.SOURCE_LINE_RE.match(key)
        if not line:
            body_lines.pop()
        elif src:
            seg.source_lines.insert(0, _tail_after_marker(line, src.group("rest")))
            body_lines.pop()
        elif _take_date_line(seg, line, key) or _take_byline(seg, line, key):
            body_lines.pop()
        else:
            break
    seg.body = "\n".join(ln for ln in body_lines if ln)
    dateline = markers.DATELINE_RE.match(seg.body)
    if dateline:  # kept in the body (it is part of the lead sentence), recorded apart
        seg.dateline = dateline.group("place")
    return seg


def _strip_blank_edges(lines: list[str]) -> None:
    while lines and not lines[0]:
        lines.pop(0)
    while lines and not lines[-1]:
        lines.pop()


def _is_title(line: str) -> bool:
    words = line.split()
    return 0 < len(words) <= MAX_TITLE_WORDS and not line.endswith((".", ":", "،", ","))


def _take_date_line(seg: Segment, line: str, key: str) -> bool:
    if len(key.split()) > 12:
        return False
    mod = markers.MODIFIED_LABEL_RE.match(key)
    if mod:
        seg.modified_text = _tail_after_marker(line, mod.group("rest"))
        return True
    pub = markers.PUBLISHED_LABEL_RE.match(key)
    if pub and seg.date_text is None:
        seg.date_text = _tail_after_marker(line, pub.group("rest"))
        return True
    return False


def _take_byline(seg: Segment, line: str, key: str) -> bool:
    m = markers.BYLINE_RE.match(key)
    if not m:
        return False
    seg.bylines.append((m.group("label"), _tail_after_marker(line, m.group("rest"))))
    return True
