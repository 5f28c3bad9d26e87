"""Publication dates → ISO-8601.

A cascade, cheapest first (like trafilatura's extractors, each step runs only when the
one before found nothing):

1. **the grammar**: regular expressions over a folded copy of the text (ASCII digits, no
   diacritics or tatweel, أ/إ/آ → ا، ى → ي، ة → ه) for the forms that make up nearly every
   Arabic news date: ISO-8601, RFC 822 pubDates (English or Arabic names), numeric D/M/Y
   and Y/M/D, ``D month YYYY`` with the month names of every family in
   :mod:`marsad.extract.date_tables`, dual names (``19 مايو/أيار 2025``, ``أيار (مايو)``),
   Hijri dates (converted with ``hijridate``), each with an optional weekday, time and zone;
2. **relative forms** (أمس، منذ 3 ساعات، الخميس الماضي) resolved against the caller's
   ``reference`` only, never against the clock: no reference, no relative date;
3. **dateparser**, strict (day, month and year all required; no timestamp or relative
   parsers), on short strings with a word and a 4-digit year that the grammar could not
   read: a whole field in :func:`parse_date`, the words after a date label in both.

The grammar is tried only in windows around a 4-digit year, the relative forms only
around their key words (منذ، أمس …), so prose between dates costs a scan, not a parse.

A date alone stays a date (``2024-03-27``); a time keeps its zone when one is given
(``2018-02-18T21:35:43+04:00``) and stays naive when none is. Nothing found → ``None``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any, TypeVar

import dateparser
from hijridate import Hijri

from marsad.extract import date_tables as tables
from marsad.text import chars
from marsad.text.normalize import (
    normalize_alef,
    normalize_alef_maqsura,
    normalize_digits,
    normalize_teh_marbuta,
    remove_diacritics,
    remove_invisibles,
    remove_tatweel,
)

#: Gregorian years accepted. Arabic news archives online start in the 1990s; 1900 leaves
#: room for historical datelines and 2100 for typos, while rejecting page numbers, prices
#: and phone fragments that happen to look like dates.
MIN_YEAR, MAX_YEAR = 1900, 2100
#: Hijri years accepted: the span of hijridate's Umm al-Qura table (1924-08-01 → 2077-11-16).
MIN_HIJRI_YEAR, MAX_HIJRI_YEAR = 1343, 1500
#: Longest string handed to dateparser. The longest date expression in
#: tests/data/dates_table.tsv is under 60 characters; dateparser's time grows with length
#: (about 1 ms for a date, tens of ms for a paragraph) and it invents more on prose.
DATEPARSER_MAX_CHARS = 100
#: Characters read after a date label ("تاريخ النشر:") when the grammar finds nothing.
LABEL_WINDOW_CHARS = 60
#: Largest count in "منذ N ساعات": three digits cover "قبل 48 ساعة" and "منذ 120 يوما".
MAX_RELATIVE_COUNT_DIGITS = 3
#: The grammar is only tried near a four-digit year, which every form it reads has. A date
#: reaches at most this far before its year: "17:27 يوم الأربعاء، 28 من شهر تشرين الثاني/
#: نوفمبر عام 2024" puts 66 characters before the year; 120 leaves room for extra spaces.
GRAMMAR_REACH_BEFORE = 120
#: ... and this far after it: " م، الساعة 10:30:00 صباحاً (بتوقيت مكة المكرمة)" is 48.
GRAMMAR_REACH_AFTER = 80
#: Relative forms are only tried near their key word (منذ، قبل، أمس، الماضي، ago …):
#: "يوم الخميس الماضي" starts 14 characters before "الماضي", "999 minutes ago" 12 before
#: "ago"; "أمس الأول (الأربعاء)" ends 16 after "أمس". Both reaches are doubled for spaces.
RELATIVE_REACH_BEFORE, RELATIVE_REACH_AFTER = 30, 40


@dataclass(frozen=True)
class ParsedDate:
    """One date read from a text.

    ``iso`` is Gregorian ISO-8601 (a date, or a date-time with its zone when one was given);
    ``calendar`` says how it was written ("gregorian" or "hijri", then ``hijri`` holds the
    Hijri date as ``YYYY-MM-DD``); ``start``/``end`` are offsets of ``raw`` in the text read;
    ``method`` names the cascade step that read it ("grammar", "relative", "dateparser").
    """

    iso: str
    raw: str
    has_time: bool
    calendar: str = "gregorian"
    hijri: str | None = None
    start: int = 0
    end: int = 0
    method: str = "grammar"


# --- folding -------------------------------------------------------------------------

_SPACE_TABLE = str.maketrans(dict.fromkeys(chars.SPACES, " "))


def _clean(text: str) -> str:
    """ASCII digits, one kind of space; no diacritics, tatweel or invisibles (only deletes)."""
    text = remove_tatweel(remove_diacritics(remove_invisibles(text)))
    return normalize_digits(text).translate(_SPACE_TABLE)


def _fold(clean: str) -> str:
    """Letter variants folded (أ→ا، ى→ي، ة→ه); the same length as ``clean``."""
    return normalize_teh_marbuta(normalize_alef_maqsura(normalize_alef(clean)))


def _key(name: str) -> str:
    """The form a table word takes in folded text, for look-ups."""
    return " ".join(_fold(_clean(name)).lower().split())


def _kept_offsets(text: str) -> list[int]:
    """Offset in ``text`` of each character :func:`_clean` keeps."""
    kept = {ch: bool(_clean(ch)) for ch in set(text)}
    return [i for i, ch in enumerate(text) if kept[ch]]


def _keyed(table: Mapping[str, Any]) -> dict[str, Any]:
    return {_key(name): value for name, value in table.items()}


# --- the grammar -----------------------------------------------------------------------

_GREGORIAN = _keyed({n: m for f in tables.GREGORIAN_MONTH_FAMILIES.values() for n, m in f.items()})
_ENGLISH = _keyed(tables.GREGORIAN_MONTH_FAMILIES["english"])
_HIJRI = _keyed(tables.HIJRI_MONTHS)
_WEEKDAYS = _keyed(tables.WEEKDAYS)
_ARABIC_WEEKDAYS = {k: v for k, v in _WEEKDAYS.items() if not k.isascii()}
_ERAS = _keyed(tables.ERA_WORDS)
_AM_PM = _keyed(tables.AM_PM_WORDS)
_ZONES = _keyed(tables.ZONE_OFFSETS)
_UNITS = _keyed(tables.RELATIVE_UNITS)
_DAY_WORDS = _keyed(tables.DAY_WORDS)


def _alt(keys: Iterable[str]) -> str:
    """Alternation of folded words, longest first; an inner space matches any run."""
    ordered = sorted(set(keys), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(k).replace(r"\ ", r"\s+") for k in ordered) + ")"


_S = r"\s{0,3}"  # spaces news sites put around separators ("25 / 6 / 1436هـ")
_GAP = r"[\s,،/.\-]{0,4}"  # between date parts: "27th, March", "7 / يوليو /2015"
_NO_LETTER_AFTER = r"(?![^\W\d_])"
_NO_LETTER_BEFORE = r"(?<![^\W\d_])"
_D2 = r"(?<![0-9])[0-9]{1,2}(?![0-9])"
_D4 = r"(?<![0-9])[0-9]{4}(?![0-9])"
_MONTH = _alt([*_GREGORIAN, *_HIJRI])
_WEEKDAY_PREFIX = rf"(?:(?:يوم\s+)?{_alt(_WEEKDAYS)}{_NO_LETTER_AFTER}\.?{_GAP})?"

_TEXT_DMY = (
    rf"(?P<day>{_D2}|{_NO_LETTER_BEFORE}غره)(?:st|nd|rd|th)?{_GAP}(?:(?:من|في|of)\s+)?(?:شهر\s+)?"
    rf"{_NO_LETTER_BEFORE}(?P<month>{_MONTH}){_NO_LETTER_AFTER}"
    rf"(?:{_S}[/(\-]{_S}(?P<month2>{_alt(_GREGORIAN)}){_NO_LETTER_AFTER}{_S}\)?)?"
    rf"{_GAP}(?:(?:عام|سنه)\s+)?(?P<year>{_D4})"
)
_TEXT_MDY = (
    rf"{_NO_LETTER_BEFORE}(?P<mdy_month>{_alt(_ENGLISH)})\.?{_S}(?P<mdy_day>{_D2})"
    rf"(?:st|nd|rd|th)?{_S},?{_S}(?P<mdy_year>{_D4})"
)
_NUM_YMD = rf"(?P<ymd_year>{_D4}){_S}(?P<ymd_sep>[-/.]){_S}(?P<ymd_month>{_D2}){_S}(?P=ymd_sep){_S}(?P<ymd_day>{_D2})"
_NUM_DMY = rf"(?P<dmy_day>{_D2}){_S}(?P<dmy_sep>[-/.]){_S}(?P<dmy_month>{_D2}){_S}(?P=dmy_sep){_S}(?P<dmy_year>{_D4})"
_ERA = rf"(?:{_S}(?P<era>{_alt(_ERAS)}){_NO_LETTER_AFTER}\.?)?"
_TIME = (
    rf"(?:(?:{_GAP}|{_S}t{_S})(?:(?:الساعه|at|في){_S})?(?P<hour>{_D2})"
    rf"(?::(?P<minute>[0-9]{{2}})(?::(?P<second>[0-9]{{2}}))?(?:[.,][0-9]{{1,9}})?(?![0-9]))?"
    rf"(?:{_S}(?P<ampm>{_alt(_AM_PM)}){_NO_LETTER_AFTER})?"
    r"(?(minute)|(?(ampm)|(?!)))"  # a bare hour needs am/pm ("10am", "10 صباحا")
    rf"|t(?P<c_hour>[0-9]{{2}})(?P<c_minute>[0-9]{{2}})(?P<c_second>[0-9]{{2}})(?![0-9]))?"
)
_ZONE = (
    rf"(?:{_S}\(?{_S}(?P<zone>(?:(?:gmt|utc|ut){_S})?[+-][0-9]{{2}}:?[0-9]{{2}}"
    rf"|(?:gmt|utc|ut){_S}[+-][0-9]{{1,2}}|{_alt(_ZONES)}){_NO_LETTER_AFTER}(?![0-9])\)?)?"
)
_LEAD_TIME = rf"(?:(?P<lead_hour>{_D2}):(?P<lead_minute>[0-9]{{2}})\s{{1,3}}(?=[0-9]))?"  # "17:27 17.03.2020"
_DATE_RE = re.compile(
    rf"{_LEAD_TIME}{_WEEKDAY_PREFIX}(?:{_TEXT_DMY}|{_TEXT_MDY}|{_NUM_YMD}|{_NUM_DMY}){_ERA}{_TIME}{_ZONE}",
    re.IGNORECASE,
)
_YEAR_RE = re.compile(_D4)
_LABEL_RE = re.compile(
    rf"{_NO_LETTER_BEFORE}{_alt(_key(label) for label in tables.DATE_LABELS)}{_NO_LETTER_AFTER}",
    re.IGNORECASE,
)
_OFFSET_RE = re.compile(r"(?:gmt|utc|ut)?\s*([+-])([0-9]{1,2}):?([0-9]{2})?")


def _date_parts(m: re.Match[str]) -> tuple[int, int, int, str] | None:
    """(year, month, day, calendar) of a grammar match, or None when its parts disagree."""
    if m["month"]:
        name = " ".join(m["month"].lower().split())
        day = 1 if m["day"] == "غره" else int(m["day"])
        if name in _HIJRI:
            return int(m["year"]), _HIJRI[name], day, "hijri"
        month = _GREGORIAN[name]
        if m["month2"] and _GREGORIAN[" ".join(m["month2"].lower().split())] != month:
            return None
        return int(m["year"]), month, day, "gregorian"
    if m["mdy_month"]:
        return int(m["mdy_year"]), _ENGLISH[m["mdy_month"].lower()], int(m["mdy_day"]), "gregorian"
    calendar = _ERAS.get((m["era"] or "").lower(), "gregorian")
    if m["ymd_year"]:
        return int(m["ymd_year"]), int(m["ymd_month"]), int(m["ymd_day"]), calendar
    day, month = int(m["dmy_day"]), int(m["dmy_month"])
    if month > 12 >= day:  # US order (03/27/2024) is the only reading left
        day, month = month, day
    return int(m["dmy_year"]), month, day, calendar


def _to_gregorian(year: int, month: int, day: int, calendar: str) -> date | None:
    """The Gregorian date, or None for an impossible date or a year out of range."""
    try:
        if calendar == "hijri":
            if not MIN_HIJRI_YEAR <= year <= MAX_HIJRI_YEAR:
                return None
            return date(*Hijri(year, month, day).to_gregorian().datetuple())
        if not MIN_YEAR <= year <= MAX_YEAR:
            return None
        return date(year, month, day)
    except (ValueError, OverflowError):  # 31 February, month 13, 30 Shawwal 1445
        return None


def _clock(m: re.Match[str]) -> tuple[int, int, int] | None:
    """(hour, minute, second) of a grammar match; None when absent or impossible."""
    if m["lead_hour"] and not m["hour"]:
        hour, minute, second = int(m["lead_hour"]), int(m["lead_minute"]), 0
    elif m["c_hour"]:
        hour, minute, second = int(m["c_hour"]), int(m["c_minute"]), int(m["c_second"])
    elif m["hour"]:
        hour, minute, second = int(m["hour"]), int(m["minute"] or 0), int(m["second"] or 0)
        if m["ampm"] and 1 <= hour <= 12:
            afternoon = _AM_PM[m["ampm"].lower()]
            hour = hour % 12 + (12 if afternoon else 0)
    else:
        return None
    if hour > 23 or minute > 59 or second > 59:
        return None
    return hour, minute, second


def _zone(text: str | None) -> timezone | None:
    """The fixed offset a zone word or ``±HH:MM`` names; None when absent or impossible."""
    if not text:
        return None
    key = " ".join(text.lower().split())
    if key in _ZONES:
        return timezone(timedelta(minutes=_ZONES[key]))
    found = _OFFSET_RE.fullmatch(key)
    if not found:
        return None
    sign, hours, minutes = found.groups()
    offset = timedelta(hours=int(hours), minutes=int(minutes or 0))
    if offset > timedelta(hours=14):  # the widest real offset is UTC+14 (Kiribati)
        return None
    return timezone(-offset if sign == "-" else offset)


def _iso(day: date, clock: tuple[int, int, int] | None, zone: timezone | None) -> str:
    if clock is None:
        return day.isoformat()
    moment = datetime(day.year, day.month, day.day, *clock, tzinfo=zone)
    return moment.isoformat(timespec="seconds")


def _read_grammar(m: re.Match[str]) -> tuple[str, bool, str, str | None] | None:
    """(iso, has_time, calendar, hijri) of one grammar match, or None if it is no date."""
    parts = _date_parts(m)
    if parts is None:
        return None
    day = _to_gregorian(*parts)
    if day is None:
        return None
    year, month, mday, calendar = parts
    hijri = f"{year:04d}-{month:02d}-{mday:02d}" if calendar == "hijri" else None
    clock, zone = _clock(m), _zone(m["zone"])
    if m["zone"] and zone is None:
        clock = None  # "+9999": the clock's zone is unknown, so only the date is sure
    return _iso(day, clock, zone if clock else None), clock is not None, calendar, hijri


# --- relative forms --------------------------------------------------------------------

_NOT_ANCHORED_ELSEWHERE = r"(?!\s+(?:ال|امس|من\s))"  # "منذ يوم الجمعة", "قبل يومين من الانتخابات"
_AR_WEEKDAY = _alt(_ARABIC_WEEKDAYS)
_PAST_DAY_WORDS = [k for k, back in _DAY_WORDS.items() if back]
_TODAY_WORDS = [k for k, back in _DAY_WORDS.items() if not back]
_RELATIVE_RE = re.compile(
    rf"{_NO_LETTER_BEFORE}[وف]?(?:"
    rf"(?:منذ|قبل){_S}(?:(?P<count>[0-9]{{1,{MAX_RELATIVE_COUNT_DIGITS}}}){_S})?"
    rf"(?P<unit>{_alt(k for k in _UNITS if not k.isascii())}){_NO_LETTER_AFTER}{_NOT_ANCHORED_ELSEWHERE}"
    rf"|(?P<en_count>[0-9]{{1,{MAX_RELATIVE_COUNT_DIGITS}}}|an?|one)\s+"
    rf"(?P<en_unit>{_alt(k for k in _UNITS if k.isascii())})\s+ago{_NO_LETTER_AFTER}"
    rf"|(?P<day_word>{_alt(_PAST_DAY_WORDS)}){_NO_LETTER_AFTER}"
    rf"(?:{_S}\(?{_S}(?P<day_weekday>{_AR_WEEKDAY}){_NO_LETTER_AFTER}\)?)?"
    # "اليوم" is also "the day" (اليوم الوطني، اليوم السابع): only alone or before a weekday
    rf"|(?P<today_word>{_alt(_TODAY_WORDS)}){_NO_LETTER_AFTER}"
    rf"(?:{_S}\(?{_S}(?P<today_weekday>{_AR_WEEKDAY}){_NO_LETTER_AFTER}\)?"
    rf"|(?=[ \t]*(?:$|\n|[^\w\s]|الساعه)))"
    rf"|(?:يوم\s+)?(?P<last_weekday>{_AR_WEEKDAY})\s+الماضي{_NO_LETTER_AFTER})",
    re.IGNORECASE,
)


_RELATIVE_KEY_RE = re.compile(_alt(["منذ", "قبل", "ago", "الماضي", *_DAY_WORDS]), re.IGNORECASE)


def _days_back(m: re.Match[str], today: date) -> int | None:
    """Days between the reference and a day word or "<weekday> الماضي"; None if they clash."""
    if m["last_weekday"]:
        return (today.weekday() - _ARABIC_WEEKDAYS[m["last_weekday"]]) % 7 or 7
    word = m["day_word"] or m["today_word"]
    back: int = _DAY_WORDS[" ".join(word.lower().split())]
    named = m["day_weekday"] or m["today_weekday"]
    if named and (today - timedelta(days=back)).weekday() != _ARABIC_WEEKDAYS[named]:
        return None  # "أمس الاثنين" on a Thursday: the reference is not the publication day
    return back


def _ago(m: re.Match[str]) -> tuple[timedelta, bool] | None:
    """How long before the reference "منذ/قبل N …" or "N … ago" is, and whether to the minute."""
    unit, implied = _UNITS[(m["unit"] or m["en_unit"]).lower()]
    written = m["count"] or m["en_count"]
    count = (1 if written.lower() in ("a", "an", "one") else int(written)) if written else implied
    if count is None:
        return None  # "قبل أيام": how many is not said
    return timedelta(**{unit: count}), unit in ("hours", "minutes")


def _read_relative(m: re.Match[str], reference: datetime) -> tuple[str, bool] | None:
    """(iso, has_time) of a relative form resolved against ``reference``."""
    if m["day_word"] or m["today_word"] or m["last_weekday"]:
        back = _days_back(m, reference.date())
        ago = None if back is None else (timedelta(days=back), False)
    else:
        ago = _ago(m)
    if ago is None:
        return None
    try:
        moment = reference - ago[0]
    except OverflowError:  # a reference in year 1
        return None
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        return None
    return (
        (moment.isoformat(timespec="seconds"), True)
        if ago[1]
        else (moment.date().isoformat(), False)
    )


_CLOCK_HINT_RE = re.compile(r"[0-9]:[0-9]{2}|[0-9]\s*(?:am|pm|a\.m\.|p\.m\.)(?![a-z])", re.I)
_LETTER_RE = re.compile(r"[^\W\d_]")


def _dateparser_settings() -> dict[str, Any]:
    return {
        "REQUIRE_PARTS": ["day", "month", "year"],  # never complete a date from today
        "PARSERS": ["absolute-time"],  # no timestamps (a bare number) and no "now"-relative
        "DATE_ORDER": "DMY",  # Arab media write the day first
    }


def _read_dateparser(clean: str) -> tuple[str, bool] | None:
    """(iso, has_time) from dateparser, for a short string with a word and a 4-digit year.

    Without a word the grammar has already read every numeric form; without a 4-digit
    year dateparser could only complete the year, which would be inventing it.
    """
    if len(clean) > DATEPARSER_MAX_CHARS or not (
        _LETTER_RE.search(clean) and _YEAR_RE.search(clean)
    ):
        return None
    try:
        moment = dateparser.parse(clean, languages=["ar", "en"], settings=_dateparser_settings())
    except (ValueError, OverflowError):  # fields it assembles itself can be out of range
        return None
    if moment is None or not MIN_YEAR <= moment.year <= MAX_YEAR:
        return None
    if not _CLOCK_HINT_RE.search(clean):
        return moment.date().isoformat(), False
    return moment.isoformat(timespec="seconds"), True


_T = TypeVar("_T")


# --- public API ------------------------------------------------------------------------


def _windows(
    anchors: re.Pattern[str], folded: str, before: int, after: int
) -> Iterator[tuple[int, int]]:
    """Merged (start, end) spans around each anchor: the only places a match can lie.

    Scanning a paragraph with the whole grammar costs ~0.5 ms; anchors skip the prose.
    """
    start = end = -1
    for anchor in anchors.finditer(folded):
        lo, hi = max(0, anchor.start() - before), anchor.end() + after
        if lo > end:
            if end >= 0:
                yield start, end
            start = lo
        end = max(end, hi)
    if end >= 0:
        yield start, end


def _first(
    pattern: re.Pattern[str],
    folded: str,
    windows: Iterable[tuple[int, int]],
    read: Callable[[re.Match[str]], _T | None],
) -> tuple[re.Match[str], _T] | None:
    """The first match inside ``windows`` that ``read`` accepts, with what it read."""
    for start, end in windows:
        for m in pattern.finditer(folded, start, end):
            value = read(m)
            if value is not None:
                return m, value
    return None


def _found(text: str, clean: str, start: int, end: int, **fields: Any) -> ParsedDate:
    """A ParsedDate whose span, given in ``clean``, is mapped back onto ``text``.

    Characters :func:`_clean` deleted right after the span (a tatweel, a diacritic) stay in it.
    """
    if len(clean) != len(text):
        kept = _kept_offsets(text)
        start, end = kept[start], kept[end] if end < len(kept) else len(text)
    return ParsedDate(raw=text[start:end], start=start, end=end, **fields)


def _search(text: str, clean: str, reference: datetime | None) -> ParsedDate | None:
    """The earliest date the grammar or the relative forms find in ``clean``."""
    folded = _fold(clean)
    years = _windows(_YEAR_RE, folded, GRAMMAR_REACH_BEFORE, GRAMMAR_REACH_AFTER)
    best = _first(_DATE_RE, folded, years, _read_grammar)
    if reference is not None:
        keys = _windows(_RELATIVE_KEY_RE, folded, RELATIVE_REACH_BEFORE, RELATIVE_REACH_AFTER)
        relative = _first(_RELATIVE_RE, folded, keys, lambda m: _read_relative(m, reference))
        if relative and (best is None or relative[0].start() < best[0].start()):
            (iso, has_time), span = relative[1], relative[0].span()
            return _found(text, clean, *span, iso=iso, has_time=has_time, method="relative")
    if best is None:
        return None
    iso, has_time, calendar, hijri = best[1]
    return _found(
        text, clean, *best[0].span(), iso=iso, has_time=has_time, calendar=calendar, hijri=hijri
    )


def _after_label(clean: str) -> Iterator[tuple[int, str]]:
    """(offset in ``clean``, text) of the few words after each date label, in text order."""
    for label in _LABEL_RE.finditer(_fold(clean)):
        window = clean[label.end() : label.end() + LABEL_WINDOW_CHARS].split("\n")[0]
        stripped = window.lstrip(" :：-–—،,")
        yield label.end() + len(window) - len(stripped), stripped.rstrip()


def _after_a_label(text: str, clean: str) -> ParsedDate | None:
    """What dateparser reads in the few words after a date label ("تاريخ النشر:")."""
    for start, window in _after_label(clean):
        read = _read_dateparser(window)
        if read is not None:
            end = start + len(window)
            return _found(
                text, clean, start, end, iso=read[0], has_time=read[1], method="dateparser"
            )
    return None


def parse_date(text: str, *, reference: datetime | None = None) -> ParsedDate | None:
    """Parse one date expression (a feed or metadata field, a date line).

    Cascade: the grammar and relative forms; dateparser on the whole text when it is short;
    dateparser on the words after a date label. Relative forms are resolved against
    ``reference`` and are ``None`` without one. ``None`` when the text holds no date: a
    date is never invented.
    """
    clean = _clean(text)
    found = _search(text, clean, reference)
    if found is not None:
        return found
    read = _read_dateparser(clean.strip())
    if read is not None:
        return ParsedDate(read[0], text, read[1], start=0, end=len(text), method="dateparser")
    return _after_a_label(text, clean)


def find_date(text: str, *, reference: datetime | None = None) -> ParsedDate | None:
    """The first date expression inside a longer text (a byline, a date line, a sentence).

    The grammar and the relative forms are searched anywhere; dateparser only reads the
    few words after a date label ("تاريخ النشر:", "Published:"), never the whole text.
    """
    clean = _clean(text)
    return _search(text, clean, reference) or _after_a_label(text, clean)


def feedparser_date_handler(text: str) -> time.struct_time | None:
    """A date handler for ``feedparser.registerDateHandler``: a UTC ``struct_time``.

    A date without a time is midnight UTC; a time without a zone is taken as UTC, as
    feedparser's own handlers do.
    """
    parsed = parse_date(text)
    if parsed is None:
        return None
    return datetime.fromisoformat(parsed.iso).utctimetuple()
