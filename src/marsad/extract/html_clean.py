"""Arabic clean-up of a main text that a generic extractor (trafilatura) left in.

Line by line, on match keys (marsad.text.normalize.match_key) so spelling variants fold:

1. read-also runs — ``اقرأ أيضاً: <headline>``, a bare ``مواضيع ذات صلة`` followed by
   headline lines, and the same markers inline at the end of a paragraph — are cut out;
   their headlines are kept as ``related_titles``;
2. share / print / comment / follow-us boilerplate (``شارك``، ``طباعة``، ``أضف تعليق``،
   ``تابعونا على تويتر``، ``اضغط هنا``) and comment-policy disclaimers (``الآراء الواردة
   أدناه لا تعبر عن رأي الموقع``) are dropped;
3. photo captions and bylines found in the page markup are taken out of the body and
   returned apart (they are metadata, not article text).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from marsad.extract import markers
from marsad.text.normalize import match_key

#: A read-also line is at most this many words (marker + one headline). ANT's longest
#: headline has 27 words (see marsad.extract.page.MAX_TITLE_WORDS).
MAX_READ_ALSO_WORDS = 32
#: Headline lines taken after a bare read-also marker; link boxes list 1-5 headlines.
MAX_RELATED_LINES = 6
#: Date lines (``نشر في: …``، ``آخر تحديث: …``) are dropped from the first HEAD_LINES lines of
#: a body, when at most MAX_DATE_LINE_WORDS long (a date line with weekday and time: ~10).
HEAD_LINES = 3
MAX_DATE_LINE_WORDS = 12
#: A boilerplate line is short: share bars and "follow us" lines run to 12 words at most.
MAX_BOILERPLATE_WORDS = 12
#: Words that make up share/print/comment bars (match keys); a line of only these is chrome.
BOILERPLATE_WORDS = frozenset(
    [
        "شارك",
        "شاركها",
        "شاركوا",
        "مشاركه",
        "المشاركه",
        "الخبر",
        "المقال",
        "طباعه",
        "اطبع",
        "ارسل",
        "ارسال",
        "لصديق",
        "صديق",
        "تعليق",
        "تعليقات",
        "التعليقات",
        "تعليقا",
        "اضف",
        "اكتب",
        "اترك",
        "القراء",
        "واقرا",
        "اقرا",
        "فيسبوك",
        "فيس",
        "بوك",
        "تويتر",
        "واتساب",
        "واتس",
        "اب",
        "تيليجرام",
        "تلغرام",
        "لينكدان",
        "انستجرام",
        "انستغرام",
        "يوتيوب",
        "البريد",
        "الالكتروني",
        "بريد",
        "نسخ",
        "الرابط",
        "رابط",
        "حجم",
        "الخط",
        "تكبير",
        "تصغير",
        "حفظ",
        "المفضله",
        "عبر",
        "علي",
        "في",
        "و",
        "ع",
        "+",
        "-",
        "|",
        "a",
        "facebook",
        "twitter",
        "whatsapp",
        "telegram",
        "linkedin",
        "email",
        "print",
        "share",
        "comment",
        "comments",
        "copy",
        "link",
    ]
)
_BOILERPLATE_LINE_RE = re.compile(
    r"^(?:"
    r"(?:تابعونا|تابعوا|تابع|تابعنا) (?:علي|عبر|في)\b"
    r"|(?:اضغط|انقر|اضغطوا) هنا"
    r"|(?:حمل|نزل|حملوا) تطبيق"
    r"|(?:اشترك|اشتركوا|للاشتراك) (?:في|ب|الان)"
    r"|جميع الحقوق محفوظه"
    r"|(?:الرجاء|يرجي) تسجيل الدخول"
    r"|(?:عدد )?(?:المشاهدات|القراءات|الزيارات)\s*[:：]?\s*\d"
    r"|(?:وقت|مده) القراءه"
    r"|\d+ (?:دقيقه|دقائق) (?:للقراءه|قراءه)"
    r"|لمتابعه (?:اخر|اهم|احدث) (?:الاخبار|الاحداث)"
    r"|(?:شارك|شاركوا) (?:هذا|الخبر|المقال|برايك)"
    r")"
)
#: Comment-policy and disclaimer paragraphs are long; past this many words a line is text.
MAX_DISCLAIMER_WORDS = 80
# Comment-policy and opinion disclaimers under an article (CNN Arabic, Al Arabiya …),
# searched anywhere in a line (match keys).
_DISCLAIMER_RES = (
    re.compile(r"الاراء (?:الوارده|المنشوره)\b.{0,60}\bلا تعبر(?: بالضروره)? عن (?:راي|وجهه نظر)"),
    re.compile(r"\bالتعليقات\b.{0,200}(?:سياسه الخصوصيه|شروط (?:الاستخدام|استخدام))"),
    re.compile(r"(?:ترحب|نرحب) .{0,40}بالنقاش"),
    re.compile(r"جميع الحقوق محفوظه"),
)
# Markers that may close a paragraph: "… نص الفقرة. اقرأ أيضاً: عنوان".
_INLINE_READ_ALSO_RE = re.compile(
    r"(?:^|\s)(?:اقرا (?:ايضا|المزيد)|مواضيع ذات صله|موضوعات ذات صله|اخبار ذات صله"
    r"|شاهد ايضا|طالع ايضا|قد يهمك ايضا)\s*[:：]"
)
# Markers that are too common as ordinary words to start a read-also run on their own.
_WEAK_MARKERS = ("المزيد", "طالع", "ذات صله")


@dataclass
class CleanText:
    body: str
    related_titles: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    bylines: list[str] = field(default_factory=list)
    dropped: int = 0


def clean_body(text: str, captions: list[str], bylines: list[str]) -> CleanText:
    """Remove read-also runs, boilerplate, captions and bylines from an extracted text."""
    caption_keys = {match_key(c) for c in captions}
    byline_keys = {match_key(b) for b in bylines}
    out = CleanText(body="")
    kept: list[str] = []
    pending_related = 0  # headline lines still expected after a bare marker
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        key = match_key(line)
        words = len(key.split())
        if pending_related and words <= MAX_READ_ALSO_WORDS and not line.endswith("."):
            out.related_titles.append(line)
            pending_related -= 1
            continue
        pending_related = 0
        if key in caption_keys:
            out.captions.append(line)
            continue
        if len(kept) < HEAD_LINES and words <= MAX_DATE_LINE_WORDS and _is_date_line(key):
            out.dropped += 1  # the date line under the headline: metadata, read elsewhere
            continue
        if key in byline_keys or (words <= 8 and markers.BYLINE_RE.match(key)):
            out.bylines.append(line)
            continue
        read_also = _read_also(line, key, words)
        if read_also is not None:
            if read_also:
                out.related_titles.append(read_also)
            else:
                pending_related = MAX_RELATED_LINES
            continue
        if is_boilerplate(key, words):
            out.dropped += 1
            continue
        line, related = _cut_inline_read_also(line, key)
        if related:
            out.related_titles.append(related)
        if line:
            kept.append(line)
    out.body = "\n".join(kept)
    return out


def _is_date_line(key: str) -> bool:
    return bool(markers.PUBLISHED_LABEL_RE.match(key) or markers.MODIFIED_LABEL_RE.match(key))


def is_boilerplate(key: str, words: int | None = None) -> bool:
    words = len(key.split()) if words is None else words
    if words <= MAX_DISCLAIMER_WORDS and any(p.search(key) for p in _DISCLAIMER_RES):
        return True
    if words > MAX_BOILERPLATE_WORDS:
        return False
    if _BOILERPLATE_LINE_RE.match(key):
        return True
    tokens = [t.strip(".,:؛،!|()[]«»\"'") for t in key.split()]
    tokens = [t for t in tokens if t and not t.isdigit()]
    return bool(tokens) and all(t in BOILERPLATE_WORDS for t in tokens)


def _read_also(line: str, key: str, words: int) -> str | None:
    """The headline of a read-also line ('' for a bare marker), or None for other lines."""
    m = markers.READ_ALSO_RE.match(key)
    if m is None or words > MAX_READ_ALSO_WORDS or line.endswith("."):
        return None
    marker = key[: m.start("rest")].strip(" :.-–")
    rest = m.group("rest")
    if marker in _WEAK_MARKERS and rest and ":" not in key[: m.start("rest")]:
        return None  # "المزيد من التفاصيل…" is a sentence, not a marker
    if not rest:
        return ""
    return " ".join(line.split()[-len(rest.split()) :])


def _cut_inline_read_also(line: str, key: str) -> tuple[str, str]:
    m = _INLINE_READ_ALSO_RE.search(key)
    if m is None or m.start() == 0:
        return line, ""
    tail_words = len(key[m.end() :].split())
    if tail_words > MAX_READ_ALSO_WORDS:
        return line, ""
    words = line.split()
    head = " ".join(words[: len(key[: m.start()].split())])
    tail = " ".join(words[len(words) - tail_words :]) if tail_words else ""
    return head, tail
