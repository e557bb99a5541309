"""Time expressions of events, normalised to ISO 8601 against the publication date.

A small rule set instead of a date-parsing library: news states event times in a handful of
shapes, and each shape here has one reading.

- Absolute: "2011", "May 2011", "5 May 2011", "May 5, 2011", "2011-05-05", year ranges
  "(1980-1988)" → "1980/1988", and "the end of 2011" → "2011-12" (its last month; "the
  beginning of 2011" → "2011-01").
- Relative, only with a publication date: weekdays ("on Monday": the latest Monday on or
  before publication for a past event, the next one on or after it for a future one; "last
  Monday", "next Monday"), months ("in May", "in early April", "mid April": the latest such
  month not after publication, or the next one for a future event), "yesterday", "today",
  "tomorrow", "last/this/next week|month|year", "N days|weeks|months|years ago".

Granularity follows the expression: a day is YYYY-MM-DD, a week YYYY-Www, a month YYYY-MM, a
year YYYY. Anything else keeps its text and gets no value.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_LEADING = re.compile(
    r"^(?:(?:on|in|by|since|until|till|during|before|after|at|from|through|throughout|within|"
    r"around|as of|of)\s+)?(?:the\s+)?"
)
_PART = r"(?:(early|mid|mid-|late)\s*-?\s*|(?:the\s+)?(end|beginning|start|middle)\s+of\s+)?"
_YEAR_RANGE = re.compile(r"^\(?\s*((?:1[6-9]|20)\d\d)\s*[-–—/]\s*((?:1[6-9]|20)?\d\d)\s*\)?$")
_YEAR = re.compile(r"^" + _PART + r"((?:1[6-9]|20)\d\d)$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d\d)-(\d\d)$")
_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+(\d{4})$")
_MONTH_DAY_YEAR = re.compile(r"^" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_MONTH_YEAR = re.compile(r"^" + _PART + _MONTH + r",?\s+(?:of\s+)?(\d{4})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + "$")
_MONTH_DAY = re.compile(r"^" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?$")
_MONTH_ALONE = re.compile(r"^" + _PART + _MONTH + "$")
_WEEKDAY = re.compile(
    r"^(last|this|next|past|coming)?\s*(\w+?)(?:\s+(?:morning|afternoon|evening|night))?$"
)
_RELATIVE = re.compile(r"^(last|this|next|past|coming)\s+(week|month|year)$")
_AGO = re.compile(
    r"^(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|week|month|year)s?\s+ago$"
)
_SMALL_NUMBERS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
_SMALL_NUMBERS |= {"six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
_DEICTIC_DAYS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_DEICTIC_DAYS |= {"last night": -1, "this morning": 0, "this afternoon": 0, "this evening": 0}


def parse_published(published: str | None) -> date | None:
    """The calendar date of `document.published` (an ISO 8601 date or date-time), if any."""
    if not published:
        return None
    try:
        return date.fromisoformat(published[:10])
    except ValueError:
        return None


def normalise_time(text: str, anchor: date | None, future: bool = False) -> str | None:
    """The ISO 8601 value of a time expression, or None when it has no reading here.

    `anchor` is the publication date (None: only absolute expressions get a value); `future`
    says the event lies ahead of it ("will meet on Monday").
    """
    phrase = _LEADING.sub("", " ".join(text.lower().replace("’", "'").split())).strip(" ,.")
    return _absolute(phrase) or (_relative(phrase, anchor, future) if anchor else None)


def _absolute(phrase: str) -> str | None:
    if match := _YEAR_RANGE.match(phrase):
        first, last = match.groups()
        last = first[: 4 - len(last)] + last
        return f"{first}/{last}" if int(last) > int(first) else None
    if match := _YEAR.match(phrase):
        _, part, year = match.groups()
        if part in ("end",):
            return f"{year}-12"
        if part in ("beginning", "start"):
            return f"{year}-01"
        return year
    if match := _ISO_DATE.match(phrase):
        return _day(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    if match := _DAY_MONTH_YEAR.match(phrase):
        day, month, year = match.groups()
        return _day(int(year), MONTHS[month], int(day))
    if match := _MONTH_DAY_YEAR.match(phrase):
        month, day, year = match.groups()
        return _day(int(year), MONTHS[month], int(day))
    if match := _MONTH_YEAR.match(phrase):
        *_, month, year = match.groups()
        return f"{year}-{MONTHS[month]:02d}"
    return None


def _relative(phrase: str, anchor: date, future: bool) -> str | None:
    if phrase in _DEICTIC_DAYS:
        return (anchor + timedelta(days=_DEICTIC_DAYS[phrase])).isoformat()
    if match := _RELATIVE.match(phrase):
        return _relative_period(match.group(1), match.group(2), anchor)
    if match := _AGO.match(phrase):
        count = _SMALL_NUMBERS.get(match.group(1)) or int(match.group(1))
        return _ago(count, match.group(2), anchor)
    if match := _DAY_MONTH.match(phrase):
        return _month_day(MONTHS[match.group(2)], int(match.group(1)), anchor, future)
    if match := _MONTH_DAY.match(phrase):
        return _month_day(MONTHS[match.group(1)], int(match.group(2)), anchor, future)
    if match := _MONTH_ALONE.match(phrase):
        *_, month = match.groups()
        year = _month_year(MONTHS[month], anchor, future)
        return f"{year}-{MONTHS[month]:02d}"
    if (match := _WEEKDAY.match(phrase)) and match.group(2) in WEEKDAYS:
        return _weekday(WEEKDAYS[match.group(2)], match.group(1), anchor, future)
    return None


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _month_year(month: int, anchor: date, future: bool) -> int:
    if future:
        return anchor.year + (month < anchor.month)
    return anchor.year - (month > anchor.month)


def _month_day(month: int, day: int, anchor: date, future: bool) -> str | None:
    found = _day(anchor.year, month, day)
    if found is None:
        return None
    moment = date.fromisoformat(found)
    if future and moment < anchor:
        return _day(anchor.year + 1, month, day)
    if not future and moment > anchor:
        return _day(anchor.year - 1, month, day)
    return found


def _weekday(weekday: int, modifier: str | None, anchor: date, future: bool) -> str:
    ahead = modifier in ("next", "coming") or (modifier is None and future)
    if ahead:
        days = (weekday - anchor.weekday()) % 7
        days = 7 if days == 0 and modifier is not None else days
        return (anchor + timedelta(days=days)).isoformat()
    days = (anchor.weekday() - weekday) % 7
    days = 7 if days == 0 and modifier in ("last", "past") else days
    return (anchor - timedelta(days=days)).isoformat()


def _relative_period(modifier: str, unit: str, anchor: date) -> str:
    step = {"last": -1, "past": -1, "this": 0, "next": 1, "coming": 1}[modifier]
    if unit == "year":
        return str(anchor.year + step)
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 + step
        return f"{index // 12}-{index % 12 + 1:02d}"
    year, week, _ = (anchor + timedelta(weeks=step)).isocalendar()
    return f"{year}-W{week:02d}"


def _ago(count: int, unit: str, anchor: date) -> str:
    if unit == "day":
        return (anchor - timedelta(days=count)).isoformat()
    if unit == "week":
        year, week, _ = (anchor - timedelta(weeks=count)).isocalendar()
        return f"{year}-W{week:02d}"
    if unit == "month":
        index = anchor.year * 12 + anchor.month - 1 - count
        return f"{index // 12}-{index % 12 + 1:02d}"
    return str(anchor.year - count)
