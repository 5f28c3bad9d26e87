"""Publication dates → ISO-8601. (Interface stub; the full parser is being written.)"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import dateparser


@dataclass(frozen=True)
class ParsedDate:
    iso: str
    raw: str
    has_time: bool
    calendar: str = "gregorian"


def parse_date(text: str, *, reference: datetime | None = None) -> ParsedDate | None:
    """Parse one date expression; ``None`` when it holds no date (never invent one)."""
    settings: dict = {"RETURN_AS_TIMEZONE_AWARE": False, "PREFER_DAY_OF_MONTH": "first"}
    if reference is not None:
        settings["RELATIVE_BASE"] = reference
    parsed = dateparser.parse(text, languages=["ar", "en"], settings=settings)
    if parsed is None:
        return None
    return ParsedDate(parsed.date().isoformat(), text, False)
