"""Jinja2 for the web pages: autoescaping always on, helpers for URLs, dates and charts.

Article text is untrusted: every value is escaped by the template engine, and no helper
here returns markup (``Markup``), so nothing from an article can become HTML.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

from jinja2 import Environment, PackageLoader, StrictUndefined

STATIC_DIR = Path(__file__).parent / "static"
#: Role names shown in the source chain, in chain order.
SOURCE_ROLES_AR = {
    "origin": "المصدر الأصلي",
    "agency": "وكالة",
    "publisher": "الناشر",
    "translator": "الترجمة",
}
LABELS_AR = {"PERS": "أشخاص", "ORG": "منظمات", "LOC": "أماكن", "MISC": "أخرى"}
QUOTE_KINDS_AR = {"direct": "مباشر", "indirect": "غير مباشر", "mixed": "مختلط"}
#: Size of the mentions-per-day chart, in SVG user units (it scales to the screen).
CHART_WIDTH = 600
CHART_HEIGHT = 160
#: Days shown at most on the chart: the most recent ones (a year of daily bars).
CHART_DAYS = 366
#: Days shown at least, ending on the last day mentioned: one busy day is a bar among
#: its quiet weeks, not a block filling the chart.
CHART_MIN_DAYS = 30


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("marsad.serve", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["path"] = lambda value: quote(str(value), safe="")
    env.globals.update(
        query_string=query_string,
        roles=SOURCE_ROLES_AR,
        labels=LABELS_AR,
        kinds=QUOTE_KINDS_AR,
        day=lambda value: (value or "")[:10],
    )
    return env


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)


def query_string(**params: Any) -> str:
    """``?a=1&b=2`` from the non-empty parameters (values are URL-encoded)."""
    kept = {k: v for k, v in params.items() if v not in (None, "", 0)}
    return "?" + urlencode(kept) if kept else ""


def bar_chart(per_day: list[tuple[str, int]]) -> dict[str, Any]:
    """Bars for a mentions-per-day chart: every day from the first to the last (days
    without mentions are gaps, not missing bars), at most :data:`CHART_DAYS` of them."""
    counts = {d: n for d, n in per_day if _is_day(d)}
    if not counts:
        return {"bars": [], "width": CHART_WIDTH, "height": CHART_HEIGHT, "max": 0}
    first, last = date.fromisoformat(min(counts)), date.fromisoformat(max(counts))
    first = max(first, last - timedelta(days=CHART_DAYS - 1))
    first = min(first, last - timedelta(days=CHART_MIN_DAYS - 1))
    days = [first + timedelta(days=i) for i in range((last - first).days + 1)]
    top = max(counts.values())
    step = CHART_WIDTH / len(days)
    bars = []
    for i, day in enumerate(days):
        n = counts.get(day.isoformat(), 0)
        h = round((CHART_HEIGHT - 20) * n / top, 1)
        # right to left: the first day on the right, like the page
        x = round(CHART_WIDTH - (i + 1) * step, 2)
        bars.append({"day": day.isoformat(), "n": n, "x": x, "w": round(max(step - 1, 1), 2),
                     "y": round(CHART_HEIGHT - h, 1), "h": h})  # fmt: skip
    return {
        "bars": bars,
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "max": top,
        "first": days[0].isoformat(),
        "last": days[-1].isoformat(),
    }


def _is_day(value: str) -> bool:
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True
