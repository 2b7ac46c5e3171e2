"""Turn a parsed date expression (a `Spec`) into a dated interval.

Absolute expressions with a year need no context. Everything else is resolved against the
publication date, which may itself be known only to the month or the year. Such a
publication is an interval [first day, last day]; the expression is resolved against both
ends, and the result keeps the finest precision at which both answers agree (a month name
without a year against a 2021-11 publication still gives one month; against a bare 2022
it may not, and then stays unresolved rather than guessed). Expressions that sit within a
week of publication ("Tuesday", "last week", "this morning") are the exception: with a
month-precision publication they take the publication month, since they can only spill
into the previous month in its first days (accepted, and documented as a known gap).
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from typing import Literal

from ..model import Precision

SpecKind = Literal["abs", "weekday", "month", "rel", "ago"]
Unit = Literal["day", "week", "month", "year"]


@dataclass(frozen=True)
class Spec:
    """A date expression as parsed, before resolution.

    abs: year/month/day (year may be missing), optional range end year2/month2/day2.
    weekday: weekday (0 = Monday), optional weekday2 for "Monday and Tuesday"; modifier
    last/next/this. month: month with modifier or year_offset ("January of last year").
    rel: unit and offset ("last week" = week, -1). ago: unit and offset (-n).
    """

    kind: SpecKind
    year: int | None = None
    month: int | None = None
    day: int | None = None
    year2: int | None = None
    month2: int | None = None
    day2: int | None = None
    weekday: int | None = None
    weekday2: int | None = None
    modifier: str | None = None
    unit: Unit | None = None
    offset: int = 0
    year_offset: int | None = None

    @property
    def absolute(self) -> bool:
        """True when the expression needs no publication date."""
        return self.kind == "abs" and self.year is not None

    @property
    def near(self) -> bool:
        """True for expressions that fall within about a week of publication."""
        if self.kind == "weekday":
            return True
        return self.kind in ("rel", "ago") and self.unit in ("day", "week")


@dataclass(frozen=True)
class Interval:
    """A resolved date range with its precision."""

    start: dt.date
    end: dt.date
    precision: Precision


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _month_interval(year: int, month: int) -> Interval:
    return Interval(dt.date(year, month, 1), _month_end(year, month), "month")


def _year_interval(year: int) -> Interval:
    return Interval(dt.date(year, 1, 1), dt.date(year, 12, 31), "year")


def _infer_year(month: int, day: int | None, anchor: dt.date, future: bool) -> int:
    """Year for a month (and day) written without one: the nearest sensible occurrence."""
    probe = dt.date(anchor.year, month, min(day or 1, calendar.monthrange(anchor.year, month)[1]))
    if future:
        # Planned events lie ahead; allow a week of slack for same-week reports.
        return anchor.year if probe >= anchor - dt.timedelta(days=7) else anchor.year + 1
    if probe > anchor + dt.timedelta(days=60):
        return anchor.year - 1
    if probe < anchor - dt.timedelta(days=300):
        return anchor.year + 1
    return anchor.year


def _resolve_abs(spec: Spec, anchor: dt.date | None, future: bool) -> Interval | None:
    month = spec.month
    year = spec.year
    if year is None:
        if anchor is None or month is None:
            return None
        year = _infer_year(month, spec.day, anchor, future)
    if month is None:
        return Interval(dt.date(year, 1, 1), dt.date(spec.year2 or year, 12, 31), "year")
    month2 = spec.month2 or month
    year2 = spec.year2 or (year if month2 >= month else year + 1)
    if spec.day is None:
        return Interval(dt.date(year, month, 1), _month_end(year2, month2), "month")
    start = _safe_date(year, month, spec.day)
    end = _safe_date(year2, month2, spec.day2 or spec.day)
    if start is None or end is None or end < start:
        return None
    return Interval(start, end, "day")


def _resolve_weekday(spec: Spec, anchor: dt.date, future: bool) -> Interval:
    assert spec.weekday is not None
    target = spec.weekday2 if spec.weekday2 is not None else spec.weekday
    back = (anchor.weekday() - target) % 7
    ahead = (target - anchor.weekday()) % 7
    if spec.modifier == "last":
        day = anchor - dt.timedelta(days=back or 7)
    elif spec.modifier == "next":
        day = anchor + dt.timedelta(days=ahead or 7)
    elif future:
        day = anchor + dt.timedelta(days=ahead)
    else:
        day = anchor - dt.timedelta(days=back)
    if spec.weekday2 is None:
        return Interval(day, day, "day")
    first = day - dt.timedelta(days=(target - spec.weekday) % 7)
    return Interval(first, day, "day")


def _resolve_month(spec: Spec, anchor: dt.date, future: bool) -> Interval:
    assert spec.month is not None
    if spec.year_offset is not None:
        return _month_interval(anchor.year + spec.year_offset, spec.month)
    year = anchor.year
    if spec.modifier == "last":
        year = year if spec.month < anchor.month else year - 1
    elif spec.modifier == "next":
        year = year if spec.month > anchor.month else year + 1
    elif spec.modifier == "this":
        pass
    elif future:
        year = year if spec.month >= anchor.month else year + 1
    else:
        year = year if spec.month <= anchor.month else year - 1
    return _month_interval(year, spec.month)


def _resolve_unit(unit: Unit, offset: int, anchor: dt.date) -> Interval:
    if unit == "day":
        day = anchor + dt.timedelta(days=offset)
        return Interval(day, day, "day")
    if unit == "week":
        monday = anchor - dt.timedelta(days=anchor.weekday()) + dt.timedelta(weeks=offset)
        return Interval(monday, monday + dt.timedelta(days=6), "day")
    if unit == "month":
        year, month = _shift_month(anchor.year, anchor.month, offset)
        return _month_interval(year, month)
    return _year_interval(anchor.year + offset)


def resolve_at(spec: Spec, anchor: dt.date | None, future: bool = False) -> Interval | None:
    """Resolve `spec` against one publication day (None when it cannot be)."""
    if spec.kind == "abs":
        return _resolve_abs(spec, anchor, future)
    if anchor is None:
        return None
    if spec.kind == "weekday":
        return _resolve_weekday(spec, anchor, future)
    if spec.kind == "month":
        return _resolve_month(spec, anchor, future)
    assert spec.unit is not None
    return _resolve_unit(spec.unit, spec.offset, anchor)


def publication_bounds(published: str | None) -> tuple[dt.date, dt.date, Precision] | None:
    """First and last possible day of an ISO date truncated to its precision."""
    if not published:
        return None
    parts = published.strip()[:10].split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
        month = int(parts[1])
        if len(parts) == 2:
            return dt.date(year, month, 1), _month_end(year, month), "month"
        day = dt.date(year, month, int(parts[2]))
    except (ValueError, IndexError):
        return None
    return day, day, "day"


def iso(day: dt.date, precision: Precision) -> str:
    """ISO string of `day` truncated to `precision`."""
    if precision == "year":
        return f"{day.year:04d}"
    if precision == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


_RANK: dict[Precision, int] = {"day": 0, "month": 1, "year": 2}


def _agree(a: Interval, b: Interval) -> Interval | None:
    """The finest interval both readings share, or None when they differ by year."""
    if a == b:
        return a
    coarsest = max(_RANK[a.precision], _RANK[b.precision])
    levels: tuple[Precision, ...] = ("month", "year")
    for precision in levels:
        if _RANK[precision] < coarsest:
            continue
        same_start = iso(a.start, precision) == iso(b.start, precision)
        if same_start and iso(a.end, precision) == iso(b.end, precision):
            return Interval(min(a.start, b.start), max(a.end, b.end), precision)
    return None


@dataclass(frozen=True)
class Resolution:
    """The outcome of resolving one expression in its article."""

    date_start: str | None
    date_end: str | None
    precision: Precision | None
    resolved: bool
    relative: bool


UNRESOLVED = Resolution(None, None, None, False, True)


def resolve(spec: Spec, published: str | None, future: bool = False) -> Resolution:
    """Resolve `spec` against an ISO publication date of any precision (or None)."""
    if spec.absolute:
        got = _resolve_abs(spec, None, future)
        if got is None:
            return Resolution(None, None, None, False, False)
        return Resolution(iso(got.start, got.precision), iso(got.end, got.precision),
                          got.precision, True, False)  # fmt: skip
    bounds = publication_bounds(published)
    if bounds is None:
        return UNRESOLVED
    lo, hi, pub_precision = bounds
    first = resolve_at(spec, lo, future)
    last = resolve_at(spec, hi, future)
    if first is None or last is None:
        return UNRESOLVED
    if first != last and spec.near and pub_precision != "day":
        # Within a week of a publication known only to the month or year: say so.
        return Resolution(iso(hi, pub_precision), iso(hi, pub_precision), pub_precision,
                          True, True)  # fmt: skip
    agreed = _agree(first, last)
    if agreed is None:
        return UNRESOLVED
    return Resolution(iso(agreed.start, agreed.precision), iso(agreed.end, agreed.precision),
                      agreed.precision, True, True)  # fmt: skip
