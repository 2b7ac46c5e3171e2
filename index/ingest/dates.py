"""Dates as articles print them (en/fr/ar), normalised to ISO with a precision."""

from __future__ import annotations

import calendar
import email.utils
import re
from datetime import date

from ..model import Precision

DateValue = tuple[str, Precision]

_MONTHS: dict[str, int] = {}


def _add(month: int, *names: str) -> None:
    for name in names:
        _MONTHS[name.lower()] = month


_add(1, "january", "jan", "janvier", "janv", "يناير", "جانفي", "كانون الثاني")
_add(2, "february", "feb", "février", "fevrier", "févr", "fevr", "فبراير", "فيفري", "شباط")
_add(3, "march", "mar", "mars", "مارس", "آذار", "اذار")
_add(4, "april", "apr", "avril", "avr", "أبريل", "ابريل", "إبريل", "أفريل", "افريل", "نيسان")
_add(5, "may", "mai", "مايو", "ماي", "أيار", "ايار")
_add(6, "june", "jun", "juin", "يونيو", "يونيه", "جوان", "حزيران")
_add(7, "july", "jul", "juillet", "juil", "يوليو", "يوليه", "يوليوز", "جويلية", "تموز")
_add(8, "august", "aug", "août", "aout", "أغسطس", "اغسطس", "غشت", "أوت", "اوت", "آب")
_add(9, "september", "sep", "sept", "septembre", "سبتمبر", "شتنبر", "أيلول", "ايلول")
_add(10, "october", "oct", "octobre", "أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول")
_add(11, "november", "nov", "novembre", "نوفمبر", "نونبر", "تشرين الثاني")
_add(12, "december", "dec", "décembre", "decembre", "déc", "ديسمبر", "دجنبر", "كانون الأول")

_MONTH_RE = "|".join(re.escape(m) for m in sorted(_MONTHS, key=len, reverse=True))
_WEEKDAYS = (
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs"
    r"|fri|sat|sun|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|الإثنين|الاثنين|الثلاثاء|الأربعاء|الاربعاء|الخميس|الجمعة|السبت|الأحد|الاحد"
)
_M = rf"(?P<month>{_MONTH_RE})\.?"
_D = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th|er)?"
_Y = r"(?P<year>(?:19|20)\d\d)"
# Arabic and French often put a word between parts ("24 نونبر 2021", "le 24 novembre").
_TEXT_DATES = (
    re.compile(rf"(?<!\w){_D}(?:\s+of)?\s+{_M}\s*,?\s+{_Y}(?!\d)", re.I),
    re.compile(rf"(?<!\w){_M}\s+{_D},?\s+{_Y}(?!\d)", re.I),
    re.compile(rf"(?<![\w-]){_Y}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(rf"(?<![\w/.]){_D}[/.](?P<mnum>[01]?\d)[/.]{_Y}(?![\d/.])"),
    re.compile(rf"(?<!\w){_M}\s*,?\s+{_Y}(?!\d)", re.I),
)
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T\s]\S*)?\s*$")
_EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_WEEKDAY_RE = re.compile(rf"(?<!\w)(?:{_WEEKDAYS})\.?(?!\w)", re.I)
_TIME_RE = re.compile(
    r"(?<!\d)(?:at\s+|à\s+)?[0-2]?\d[:h][0-5]\d(?::\d\d)?\s*(?:[ap]\.?m\.?|gmt|utc|cet|edt|est|"
    r"[+-]\d\d:?\d\d)?",
    re.I,
)


def make_date(year: int, month: int | None = None, day: int | None = None) -> DateValue | None:
    """An ISO date string truncated to what is known, or None when the parts are invalid."""
    if not 1800 <= year <= 2100:
        return None
    if month is None:
        return f"{year:04d}", "year"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}", "month"
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return date(year, month, day).isoformat(), "day"


def _from_match(m: re.Match[str]) -> DateValue | None:
    groups = m.groupdict()
    year = int(groups["year"])
    if groups.get("mnum") is not None:
        month = int(groups["mnum"])
    else:
        month = _MONTHS.get(groups["month"].lower().rstrip("."), 0)
    day = int(groups["day"]) if groups.get("day") else None
    return make_date(year, month, day)


def find_date(text: str) -> tuple[DateValue, int, int] | None:
    """The first date written in `text` (most precise pattern first), with its span."""
    text = text.translate(_EASTERN_DIGITS)
    best: tuple[DateValue, int, int] | None = None
    for pattern in _TEXT_DATES:
        for m in pattern.finditer(text):
            value = _from_match(m)
            if value is None:
                continue
            if best is None or m.start() < best[1]:
                best = (value, m.start(), m.end())
            break
        if best is not None and best[0][1] == "day":
            break
    return best


def parse_date(value: object) -> DateValue | None:
    """Parse a structured date value (JSON field, sidecar cell, HTML metadata)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        value = str(int(value))
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip().translate(_EASTERN_DIGITS)
    m = _ISO.match(text)
    if m:
        year, month, day = m.groups()
        return make_date(int(year), int(month) if month else None, int(day) if day else None)
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return make_date(parsed.year, parsed.month, parsed.day)
    found = find_date(text)
    if found:
        return found[0]
    m = re.match(r"^(\d{1,2})-([A-Za-z]{3})-(\d{4})", text)  # 26-FEB-1987
    if m and m.group(2).lower() in _MONTHS:
        return make_date(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    return None


def date_line(line: str, labels: re.Pattern[str]) -> DateValue | None:
    """The date of a line that is only a date (plus labels, weekday and time), else None."""
    found = find_date(line)
    if found is None:
        return None
    value, _start, _end = found
    rest = line.translate(_EASTERN_DIGITS)
    while found is not None:  # a second date (e.g. "... Updated <date>") is fine too
        rest = rest[: found[1]] + " " + rest[found[2] :]
        found = find_date(rest)
    rest = _TIME_RE.sub(" ", labels.sub(" ", _WEEKDAY_RE.sub(" ", rest)))
    rest = re.sub(r"[\s,|\-–—:/·•.()]+", "", rest)
    if len(rest) > 3:
        return None
    return value
