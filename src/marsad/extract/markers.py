"""Line-level patterns of Arabic news pages: read-also markers, labels, source lines.

Patterns run on the *match key* of a line (see marsad.text.normalize.match_key), so one
spelling covers إقرأ/اقرأ/اقرا, أيضاً/ايضا, ة/ه and diacritics.
"""

from __future__ import annotations

import re

# Read-also and related-content markers, as match keys (alef, ya, teh folded).
_READ_ALSO = [
    r"اقرا(?: ايضا| المزيد| كذلك)?",
    r"اقرا في هذا (?:الملف|السياق)",
    r"شاهد ايضا",
    r"شاهد المزيد",
    r"طالع ايضا",
    r"طالع",
    r"تابع ايضا",
    r"مواضيع ذات صله",
    r"موضوعات ذات صله",
    r"موضوعات متعلقه",
    r"اخبار ذات صله",
    r"مقالات ذات صله",
    r"ذات صله",
    r"قد يهمك(?: ايضا)?",
    r"اخترنا لك",
    r"اقرا الخبر الاصلي",
    r"المزيد",
    r"read also",
    r"see also",
    r"related(?: articles| stories| news)?",
]
READ_ALSO_RE = re.compile(r"^(?:" + "|".join(_READ_ALSO) + r")\s*[:.\-–/|]*\s*(?P<rest>.*)$")

# Labels of a publication / update date line.
PUBLISHED_LABEL_RE = re.compile(
    r"^(?:تاريخ النشر|تاريخ الخبر|تاريخ|نشر في|نشر بتاريخ|نشر يوم|نشر|منشور في|published(?: on)?"
    r"|date)\s*[:：]?\s*(?P<rest>.+)$"
)
MODIFIED_LABEL_RE = re.compile(
    r"^(?:اخر تحديث|تاريخ التحديث|تم التحديث|محدث|تحديث|updated(?: on)?|last updated)"
    r"\s*[:：]?\s*(?P<rest>.+)$"
)
# Trailing source lines: المصدر : الجزيرة + وكالات
SOURCE_LINE_RE = re.compile(r"^(?:المصدر|المصادر|مصدر الخبر|source)\s*[:：]\s*(?P<rest>.+)$")
# Byline lines kept out of the body: كتب: فلان / بقلم: فلان / ترجمة: فلان
BYLINE_RE = re.compile(
    r"^(?P<label>بقلم|كتب|كتبت|اعداد|اعدته|تحرير|ترجمه|متابعه)\s*[:：]\s*(?P<rest>.{1,80})$"
)

# Labels that scraping glues to the previous word ("وكالاتالمصدر:"): split before them.
# Written on display text (not match keys) because the split must keep offsets of the page.
GLUED_LABEL_RE = re.compile(
    r"(?<=[^\s\n])(?=(?:المصدر|تاريخ النشر|آخر تحديث|اخر تحديث)\s*[:：])"
    r"|(?<=[^\s\n])(?=(?:إقرأ|اقرأ|إقرا|اقرا) (?:أيضا|أيضاً|ايضا|ايضاً|أيضًا)\s*[:：])"
)

# A leading dateline: "الولايات المتحدة – انطلقت …", "الرياض (رويترز) - …".
# At most three words before the dash (الولايات المتحدة الأمريكية) keep sentences with an
# inner dash out.
DATELINE_RE = re.compile(
    r"^(?P<place>[^\s–—\-:،.()]+(?: [^\s–—\-:،.()]+){0,2})"
    r"(?: ?\((?P<credit>[^()\n]{1,30})\))? ?(?:[–—]|-{1,2}) "
)
