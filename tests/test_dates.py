"""marsad.extract.dates: the corpus table, the cascade's rules, and round trips."""

from __future__ import annotations

import re
import time
from collections import defaultdict
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import feedparser
import pytest
from hijridate import Gregorian
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.extract import date_tables
from marsad.extract.dates import (
    MAX_YEAR,
    MIN_YEAR,
    ParsedDate,
    feedparser_date_handler,
    find_date,
    parse_date,
)

TABLE = Path(__file__).parent / "data" / "dates_table.tsv"
#: The reference the table's relative forms are resolved against (see the file's header).
TABLE_REFERENCE = datetime(2018, 5, 15, 10, 30, tzinfo=timezone(timedelta(hours=4)))


def _table_rows() -> list[tuple[str, str | None, str]]:
    rows = []
    for line in TABLE.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            raw, expected, seen = line.split("\t")
            rows.append((raw, None if expected == "-" else expected, seen))
    return rows


ROWS = _table_rows()
ROW_IDS = [f"{i:03d}" for i in range(len(ROWS))]


def _iso(parsed: ParsedDate | None) -> str | None:
    return parsed.iso if parsed else None


# --- the corpus table ------------------------------------------------------------------


@pytest.mark.parametrize(("raw", "expected", "seen"), ROWS, ids=ROW_IDS)
def test_dates_table_parse_date(raw: str, expected: str | None, seen: str) -> None:
    assert _iso(parse_date(raw, reference=TABLE_REFERENCE)) == expected, seen


@pytest.mark.parametrize(("raw", "expected", "seen"), ROWS, ids=ROW_IDS)
def test_dates_table_find_date(raw: str, expected: str | None, seen: str) -> None:
    assert _iso(find_date(raw, reference=TABLE_REFERENCE)) == expected, seen


@pytest.mark.parametrize(("raw", "expected", "seen"), ROWS, ids=ROW_IDS)
def test_dates_table_is_read_without_dateparser(raw: str, expected: str | None, seen: str) -> None:
    """Every real form takes the fast path: dateparser is only a last resort."""
    parsed = parse_date(raw, reference=TABLE_REFERENCE)
    assert parsed is None or parsed.method in ("grammar", "relative")


#: Families the table must cover: a pattern on the raw form, and the fewest rows allowed.
FAMILIES = {
    "egyptian_gulf": (r"يناير|فبراير|مارس|أبريل|مايو|يونيو|يونيه|يوليو|أغسطس|اغسطس|سبتمبر|أكتوبر|نوفمبر|ديسمبر", 10),
    "levantine": (r"كانون|شباط|آذار|نيسان|أيار|حزيران|تموز|آب|أيلول|تشرين", 10),
    "maghrebi": (r"جانفي|فيفري|أفريل|ماي\b|ماي\d|جوان|جويلية|أوت|غرة", 10),
    "dual": (r"[^\d\s]\s*/\s*[^\d\s]|\(\D+\)", 10),
    "hijri": (r"هـ|ه$|رمضان|شوال|رجب|شعبان|صفر|محرم|ربيع|جمادى|ذو|ذي", 15),
    "relative": (r"أمس|البارحة|اليوم|منذ|قبل|الماضي", 15),
    "eastern_digits": (r"[٠-٩]", 4),
    "feed_pubdate": (r"^\w{3}, \d\d \w{3} \d{4} ", 6),
    "iso_8601": (r"^\d{4}-\d\d-\d\d", 5),
    "numeric_dmy": (r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}", 8),
}  # fmt: skip


def _family_counts() -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for raw, _, _ in ROWS:
        for family, (pattern, _) in FAMILIES.items():
            counts[family] += bool(re.search(pattern, raw))
    return counts


def test_dates_table_has_sixty_real_forms() -> None:
    assert len(ROWS) >= 60


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_dates_table_covers_family(family: str) -> None:
    assert _family_counts()[family] >= FAMILIES[family][1]


# --- forms the corpora lack, from the issue and the standard spellings ----------------

SYNTHETIC = [
    ("27th, March 2024 GMT", "2024-03-27", False),
    ("تاريخ النشر: 27th, March 2024 GMT", "2024-03-27", False),
    ("Sun, 18 Feb 2018 21:35:43 +0400", "2018-02-18T21:35:43+04:00", True),
    ("الأحد، 18 فبراير 2018 21:35:43 +0400", "2018-02-18T21:35:43+04:00", True),
    ("الأحد، 18 شباط 2018 21:35:43 GMT", "2018-02-18T21:35:43+00:00", True),
    ("2018-02-18T21:35:43+04:00", "2018-02-18T21:35:43+04:00", True),
    ("2024-03-27", "2024-03-27", False),
    ("2024/03/27", "2024-03-27", False),
    ("27/03/2024", "2024-03-27", False),
    ("03/27/2024", "2024-03-27", False),
    ("٢٧ مارس ٢٠٢٤", "2024-03-27", False),
    ("۲۷ مارس ۲۰۲۴", "2024-03-27", False),
    ("الأربعاء 27 مارس 2024", "2024-03-27", False),
    ("يوم الاثنين 25 مارس 2024", "2024-03-25", False),
    ("19 مايو/أيار 2025", "2025-05-19", False),
    ("4 آب/اغسطس 2013", "2013-08-04", False),
    ("27 أيار (مايو) 2024", "2024-05-27", False),
    ("1 ينير 2024", "2024-01-01", False),
    ("12 يوليوز 2023", "2023-07-12", False),
    ("5 غشت 2019", "2019-08-05", False),
    ("3 شتنبر 2020", "2020-09-03", False),
    ("7 نونبر 2021", "2021-11-07", False),
    ("9 دجنبر 2022", "2022-12-09", False),
    ("6 يونيو 2022", "2022-06-06", False),
    ("نشر في: 5 مارس 2024", "2024-03-05", False),
    ("آخر تحديث: الثلاثاء 5 مارس 2024 - 10:30", "2024-03-05T10:30:00", True),
    ("نُشر بتاريخ ٥ مارس ٢٠٢٤", "2024-03-05", False),
    ("Published: March 5, 2024 10:00 AM", "2024-03-05T10:00:00", True),
    ("Published: 2024 March 5th", "2024-03-05", False),
    ("5 مارس 2024 الساعة 10 مساءً", "2024-03-05T22:00:00", True),
    ("5 مارس 2024 12:15 ص", "2024-03-05T00:15:00", True),
    ("5 مارس 2024 12:15 م", "2024-03-05T12:15:00", True),
    ("5 مارس 2024 10:00 بتوقيت مكة المكرمة", "2024-03-05T10:00:00+03:00", True),
    ("March 5 2024 at 10:30 PM EST", "2024-03-05T22:30:00-05:00", True),
    ("Sun, 18 Feb 2018 21:35:43 +9999", "2018-02-18", False),
    ("15 رمضان 1445 هـ", "2024-03-25", False),
    ("1445/9/15هـ", "2024-03-25", False),
]


@pytest.mark.parametrize(("text", "iso", "has_time"), SYNTHETIC)
def test_dates_synthetic_forms(text: str, iso: str, has_time: bool) -> None:
    parsed = parse_date(text)
    assert parsed is not None
    assert (parsed.iso, parsed.has_time) == (iso, has_time)


HIJRI = [
    ("15 رمضان 1445 هـ", "2024-03-25", "1445-09-15"),
    ("1445/9/15هـ", "2024-03-25", "1445-09-15"),
    ("25 / 6 / 1436هـ", "2015-04-14", "1436-06-25"),
    ("12 من ذي القعدة ١٤٣٦هـ", "2015-08-27", "1436-11-12"),
    ("3 جمادى الآخرة 1445 للهجرة", "2023-12-16", "1445-06-03"),
]


@pytest.mark.parametrize(("text", "iso", "hijri"), HIJRI)
def test_dates_hijri_keeps_both_calendars(text: str, iso: str, hijri: str) -> None:
    parsed = parse_date(text)
    assert parsed is not None
    assert (parsed.iso, parsed.calendar, parsed.hijri) == (iso, "hijri", hijri)


RELATIVE = [
    "أمس",
    "أمس الاثنين",
    "اليوم",
    "منذ 3 ساعات",
    "قبل يومين",
    "منذ ساعتين",
    "الخميس الماضي",
    "yesterday",
    "3 hours ago",
]


@pytest.mark.parametrize("text", RELATIVE)
def test_dates_relative_needs_a_reference(text: str) -> None:
    assert parse_date(text) is None
    assert find_date(text) is None


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("أمس الاثنين", "2024-03-25"),  # reference is Tuesday 2024-03-26
        ("أمس الأحد", None),  # the weekday contradicts the reference
        ("اليوم", "2024-03-26"),
        ("اليوم السابع", None),  # a newspaper's name, not "today"
        ("منذ 3 ساعات", "2024-03-26T06:00:00+03:00"),
        ("منذ ساعتين", "2024-03-26T07:00:00+03:00"),
        ("قبل يومين", "2024-03-24"),
        ("قبل أيام", None),
        ("قبل يومين من الانتخابات", None),  # relative to the elections, not to now
        ("الثلاثاء الماضي", "2024-03-19"),
        ("an hour ago", "2024-03-26T08:00:00+03:00"),
    ],
)
def test_dates_relative_resolves_against_reference(text: str, iso: str | None) -> None:
    reference = datetime(2024, 3, 26, 9, 0, tzinfo=timezone(timedelta(hours=3)))
    assert _iso(parse_date(text, reference=reference)) == iso


@pytest.mark.parametrize("reference", [datetime(1, 1, 2), datetime(9999, 12, 31)])
def test_dates_relative_out_of_range_reference_is_none(reference: datetime) -> None:
    assert parse_date("قبل يومين", reference=reference) is None


# --- never invent, never raise ---------------------------------------------------------

NOT_DATES = [
    "",
    "   ",
    "2024",
    "12345678",
    "1521000000",
    "hello",
    "الجمعة",
    "مارس 2024",
    "9 مارس الجاري",
    "31/02/2024",
    "30 شوال 1445 هـ",  # Shawwal 1445 has 29 days
    "00/00/0000",
    "1 يناير 1899",
    "1 يناير 2101",
    "1 محرم 1600 هـ",  # beyond hijridate's table
    "اليوم السابع",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_dates_never_invents_a_date(text: str) -> None:
    reference = datetime(2024, 3, 26, 9, 0)
    assert parse_date(text, reference=reference) is None
    assert find_date(text, reference=reference) is None


HOSTILE = [
    "1" * 10_000,
    "١" * 10_000,
    "2024/" * 2_000,
    "12/12/" * 1_700,
    "منذ " * 2_500,
    "\x00\x01\x02" * 100,
    bytes(range(256)).decode("latin-1") * 40,
    "\ud800 5 مارس 2024",
    "5 مارس " + "ـ" * 5_000 + " 2024",
    "Sun, 18 Feb 2018 99:99:99 +9999",
    "2024-13-45T99:99:99",
]


@pytest.mark.parametrize("text", HOSTILE, ids=[f"hostile{i}" for i in range(len(HOSTILE))])
def test_dates_hostile_input_is_none_or_a_date(text: str) -> None:
    for parse in (parse_date, find_date):
        parsed = parse(text, reference=datetime(2024, 3, 26))
        assert parsed is None or datetime.fromisoformat(parsed.iso)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_dates_random_text_is_none_or_a_valid_date(text: str) -> None:
    for parse in (parse_date, find_date):
        parsed = parse(text, reference=datetime(2024, 3, 26))
        if parsed is not None:
            assert MIN_YEAR <= datetime.fromisoformat(parsed.iso).year <= MAX_YEAR
            assert parsed.raw == text[parsed.start : parsed.end] or parse is parse_date


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="0123456789 /-.:,مارسيوأبريلMarchMayJunat", max_size=40))
def test_dates_dateparser_fallback_never_raises(text: str) -> None:
    parsed = parse_date(text)
    assert parsed is None or datetime.fromisoformat(parsed.iso)


# --- spans -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "raw"),
    [
        ("تاريخ النشر: 27th, March 2024 GMT", "27th, March 2024 GMT"),
        ("نُشر بتاريخ ١٥ رمضان ١٤٤٥ هـ وفي الرياض", "١٥ رمضان ١٤٤٥ هـ"),
        ("وقال الوزير أمس الاثنين إن", "أمس الاثنين"),
        ("Published: 2024 March 5th\nBy staff", "2024 March 5th"),
        ("الخميس 14 / 10 / 1436هـ الموافق 30 يوليو 2015", "الخميس 14 / 10 / 1436هـ"),
    ],
)
def test_dates_find_date_span_points_into_the_text(text: str, raw: str) -> None:
    parsed = find_date(text, reference=datetime(2024, 3, 26))
    assert parsed is not None
    assert parsed.raw == raw == text[parsed.start : parsed.end]


def test_dates_find_date_far_into_a_long_text() -> None:
    prose = "وقال المتحدث إن الوزارة تتابع الوضع عن كثب في 12 مدينة. " * 60
    text = prose + "يوم الأربعاء، 27 من شهر تشرين الثاني/نوفمبر عام 2024 الساعة 10:30 ص " + prose
    parsed = find_date(text)
    assert parsed is not None
    assert parsed.iso == "2024-11-27T10:30:00"
    assert parsed.raw.startswith("يوم الأربعاء") and parsed.raw.endswith("ص")


# --- feedparser ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "utc"),
    [
        ("Sun, 18 Feb 2018 21:35:43 +0400", (2018, 2, 18, 17, 35, 43)),
        ("الأحد، 18 فبراير 2018 21:35:43 +0400", (2018, 2, 18, 17, 35, 43)),
        ("٢٧ مارس ٢٠٢٤", (2024, 3, 27, 0, 0, 0)),
        ("2024-03-27T10:00:00", (2024, 3, 27, 10, 0, 0)),
    ],
)
def test_dates_feedparser_handler_returns_utc(text: str, utc: tuple[int, ...]) -> None:
    parsed = feedparser_date_handler(text)
    assert isinstance(parsed, time.struct_time)
    assert tuple(parsed)[:6] == utc


def test_dates_feedparser_handler_without_date_is_none() -> None:
    assert feedparser_date_handler("قريبا") is None


def test_dates_feedparser_handler_reads_arabic_pubdates(monkeypatch: pytest.MonkeyPatch) -> None:
    handlers = feedparser.datetimes._date_handlers
    monkeypatch.setattr(feedparser.datetimes, "_date_handlers", list(handlers))
    feedparser.registerDateHandler(feedparser_date_handler)
    rss = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
        "<item><title>خبر</title><pubDate>الأحد، 18 فبراير 2018 21:35:43 +0400</pubDate></item>"
        "</channel></rss>"
    )
    entry = feedparser.parse(rss).entries[0]
    assert tuple(entry.published_parsed)[:6] == (2018, 2, 18, 17, 35, 43)


# --- tables ----------------------------------------------------------------------------


def test_date_tables_each_name_means_one_month() -> None:
    months: dict[str, set[int]] = defaultdict(set)
    for family in date_tables.GREGORIAN_MONTH_FAMILIES.values():
        for name, month in family.items():
            months[name].add(month)
    assert {name: m for name, m in months.items() if len(m) > 1} == {}
    assert set(months).isdisjoint(date_tables.HIJRI_MONTHS)


# --- round trips -----------------------------------------------------------------------

EASTERN = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ARABIC_WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
ENGLISH_DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
ENGLISH_MONTHS = [
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "May",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Oct",
    "Nov",
    "Dec",
]
DATE_STYLES = [
    "{d} {m} {y}",
    "{d:02d} {m} {y}",
    "{w} {d} {m} {y}",
    "{w}، {d} {m}، {y}",
    "يوم {w} {d} من {m} {y} م",
    "{d} {m}/{lev} {y}",
    "{d} {lev} ({m}) {y}",
]


def _names(family: str, month: int) -> list[str]:
    table = date_tables.GREGORIAN_MONTH_FAMILIES[family]
    return [name for name, number in table.items() if number == month]


def _digits(text: str, kind: str) -> str:
    return text.translate({"ascii": {}, "eastern": EASTERN, "persian": PERSIAN}[kind])


DIGIT_KINDS = st.sampled_from(["ascii", "eastern", "persian"])


@st.composite
def month_name_dates(draw: st.DrawFn) -> tuple[str, date]:
    day = draw(st.dates(date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31)))
    family = draw(st.sampled_from(sorted(date_tables.GREGORIAN_MONTH_FAMILIES)))
    name = draw(st.sampled_from(_names(family, day.month)))
    levantine = draw(st.sampled_from(_names("levantine", day.month)))
    style = draw(st.sampled_from(DATE_STYLES))
    text = style.format(
        d=day.day, m=name, y=day.year, w=ARABIC_WEEKDAYS[day.weekday()], lev=levantine
    )
    return _digits(text, draw(DIGIT_KINDS)), day


@st.composite
def numeric_dates(draw: st.DrawFn) -> tuple[str, date]:
    day = draw(st.dates(date(MIN_YEAR, 1, 1), date(MAX_YEAR, 12, 31)))
    style = draw(st.sampled_from(["{y}-{m:02d}-{d:02d}", "{d}/{m}/{y}", "{d:02d}.{m:02d}.{y}",
                                  "{y}/{m}/{d}", "{d} / {m} / {y} م", "{d}-{m}-{y}"]))  # fmt: skip
    text = style.format(d=day.day, m=day.month, y=day.year)
    return _digits(text, draw(DIGIT_KINDS)), day


@st.composite
def hijri_dates(draw: st.DrawFn) -> tuple[str, date, str]:
    day = draw(st.dates(date(1924, 8, 1), date(2077, 11, 16)))  # hijridate's range
    hijri = Gregorian(day.year, day.month, day.day).to_hijri()
    names = [n for n, m in date_tables.HIJRI_MONTHS.items() if m == hijri.month]
    style = draw(st.sampled_from(["{d} {n} {y} هـ", "{d} {n} {y}", "{d} من شهر {n} {y}ه",
                                  "{y}/{m}/{d}هـ", "{d} / {m} / {y} هـ", "{d}/{m}/{y} للهجرة"]))  # fmt: skip
    text = style.format(d=hijri.day, m=hijri.month, y=hijri.year, n=draw(st.sampled_from(names)))
    iso = f"{hijri.year:04d}-{hijri.month:02d}-{hijri.day:02d}"
    return _digits(text, draw(DIGIT_KINDS)), day, iso


@settings(max_examples=300, deadline=None)
@given(month_name_dates())
def test_dates_round_trip_month_names(case: tuple[str, date]) -> None:
    text, day = case
    assert _iso(parse_date(text)) == day.isoformat(), text


@settings(max_examples=200, deadline=None)
@given(numeric_dates())
def test_dates_round_trip_numeric(case: tuple[str, date]) -> None:
    text, day = case
    assert _iso(parse_date(text)) == day.isoformat(), text


@settings(max_examples=300, deadline=None)
@given(hijri_dates())
def test_dates_round_trip_hijri(case: tuple[str, date, str]) -> None:
    text, day, hijri = case
    parsed = parse_date(text)
    assert parsed is not None, text
    assert (parsed.iso, parsed.calendar, parsed.hijri) == (day.isoformat(), "hijri", hijri), text


OFFSETS = st.integers(-12 * 4, 14 * 4).map(
    lambda quarters: timezone(timedelta(minutes=15 * quarters))
)


@settings(max_examples=200, deadline=None)
@given(
    st.datetimes(datetime(MIN_YEAR, 1, 2), datetime(MAX_YEAR, 12, 30), timezones=OFFSETS),
    st.sampled_from(["rfc822", "rfc822_arabic", "iso"]),
)
def test_dates_round_trip_feed_datetimes(moment: datetime, style: str) -> None:
    moment = moment.replace(microsecond=0)
    offset = moment.strftime("%z")
    clock = moment.strftime("%H:%M:%S")
    if style == "rfc822":
        day, month = ENGLISH_DAYS[moment.weekday()], ENGLISH_MONTHS[moment.month - 1]
        text = f"{day}, {moment.day:02d} {month} {moment.year} {clock} {offset}"
    elif style == "rfc822_arabic":
        month = _names("egyptian_gulf", moment.month)[0]
        text = f"{ARABIC_WEEKDAYS[moment.weekday()]}، {moment.day} {month} {moment.year} {clock} {offset}"
    else:
        text = moment.isoformat()
    assert _iso(parse_date(text)) == moment.isoformat(timespec="seconds"), text


@settings(max_examples=100, deadline=None)
@given(
    st.datetimes(datetime(2000, 1, 1), datetime(2090, 1, 1)),
    st.integers(1, 999),
    st.sampled_from([("ساعة", "hours"), ("دقيقة", "minutes")]),
)
def test_dates_round_trip_hours_ago(reference: datetime, count: int, unit: tuple[str, str]) -> None:
    reference = reference.replace(microsecond=0)
    word, keyword = unit
    expected = reference - timedelta(**{keyword: count})
    parsed = parse_date(f"منذ {count} {word}", reference=reference)
    assert _iso(parsed) == expected.isoformat(timespec="seconds")
