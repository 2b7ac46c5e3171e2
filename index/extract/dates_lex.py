"""Shared pieces of the date grammars: text folding, rule type and small builders."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from .date_resolve import Spec

Builder = Callable[["re.Match[str]"], Spec | None]


@dataclass(frozen=True)
class Rule:
    """One pattern of a date grammar. A named group `c`, when present, is the cue span.

    `anchor`, when set, matches something every match of `pattern` contains (a month
    name, a weekday): a text without it skips the pattern. The patterns start with
    optional words, which `re` tries at every word boundary, while an anchor is a plain
    alternation that `re` scans quickly; half of all news articles name no month.
    """

    name: str
    pattern: re.Pattern[str]
    build: Builder
    anchor: re.Pattern[str] | None = None


# Folding keeps every character in place (one in, one out) so offsets stay valid.
_FOLD = str.maketrans(
    {
        **{chr(0x660 + i): str(i) for i in range(10)},  # Arabic-Indic digits
        **{chr(0x6F0 + i): str(i) for i in range(10)},  # Extended (Persian) digits
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
    }
)


def fold(text: str) -> str:
    """Same-length normalisation: digits to ASCII, Arabic hamza forms, apostrophes, spaces."""
    return text.translate(_FOLD)


def alt(words: Iterable[str]) -> str:
    """Regex alternation, longest first so that 'Sept' wins over 'Sep'."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def capitalised(words: Iterable[str]) -> list[str]:
    """Title-case and upper-case spellings (English month and day names are capitalised)."""
    out: list[str] = []
    for w in words:
        out += [w.capitalize(), w.upper()]
    return out


NUMBER_WORDS: Mapping[str, int] = {
    # en
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    # fr
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "douze": 12,
    # ar (folded)
    "واحد": 1, "اثنين": 2, "ثلاثة": 3, "ثلاث": 3, "اربعة": 4, "اربع": 4, "خمسة": 5,
    "خمس": 5, "ستة": 6, "سبعة": 7, "عشرة": 10,
}  # fmt: skip


def number(word: str | None) -> int | None:
    """Integer value of digits or a small number word."""
    if not word:
        return None
    word = word.strip().lower()
    if word.isdigit():
        return int(word)
    return NUMBER_WORDS.get(word)


def group(match: re.Match[str], name: str) -> str | None:
    """A named group's text, or None when the pattern has no such group or it is unset."""
    try:
        value = match.group(name)
    except IndexError:
        return None
    return value if isinstance(value, str) else None


def day_number(text: str | None) -> int | None:
    """Day of month from '1er', 'premier', '24th', '24'."""
    if not text:
        return None
    text = text.lower()
    if text in ("1er", "premier", "1st"):
        return 1
    digits = re.match(r"\d+", text)
    if not digits:
        return None
    value = int(digits.group())
    return value if 1 <= value <= 31 else None


def year_number(text: str | None) -> int | None:
    """A plausible calendar year, or None."""
    if not text or not text.isdigit() or len(text) != 4:
        return None
    value = int(text)
    return value if 1800 <= value <= 2099 else None


# Seasons as month ranges (northern hemisphere, as the press uses them). Winter is left
# out: "winter 2022" may mean its January or its December.
SEASONS = {
    "spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11),
    "printemps": (3, 5), "été": (6, 8), "ete": (6, 8), "automne": (9, 11),
}  # fmt: skip


def season_of(name: str | None, year_text: str | None) -> Spec | None:
    """A season's months in a year (None: inferred from the publication date)."""
    months = SEASONS.get((name or "").lower())
    year = year_number(year_text)
    if months is None or (year_text and year is None):
        return None
    return Spec("abs", year=year, month=months[0], year2=year, month2=months[1])


def season(match: re.Match[str]) -> Spec | None:
    """Builder for a season (the last word of group s) of a year (group y; inferred from
    the publication date when absent: "this summer")."""
    return season_of(match.group("s").split()[-1], group(match, "y"))


def abs_builder(months: Mapping[str, int]) -> Builder:
    """Builder for absolute patterns using groups d, d2, m, m2, y, y2 (any may be absent)."""

    def build(match: re.Match[str]) -> Spec | None:
        month_text, month2_text = group(match, "m"), group(match, "m2")
        month = months.get(month_text.lower().rstrip(".")) if month_text else None
        month2 = months.get(month2_text.lower().rstrip(".")) if month2_text else None
        day, day2 = day_number(group(match, "d")), day_number(group(match, "d2"))
        year, year2 = year_number(group(match, "y")), year_number(group(match, "y2"))
        if month_text and month is None:
            return None
        if group(match, "d") and day is None:
            return None
        if group(match, "y") and year is None:
            return None
        if year2 is not None and year is not None and year2 < year:
            return None
        if month is None and year is None:
            return None
        if day is not None and month is None:
            return None
        return Spec("abs", year=year, month=month, day=day, year2=year2, month2=month2, day2=day2)

    return build


def _numeric(match: re.Match[str], iso_order: bool) -> Spec | None:
    year = year_number(group(match, "y"))
    first, second = int(match.group("a")), int(match.group("b"))
    if iso_order:
        month, day = first, second
    else:
        # Day first (European and Arabic usage) unless that cannot be a month.
        day, month = (first, second) if second <= 12 else (second, first)
    if year is None or not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return Spec("abs", year=year, month=month, day=day)


def iso_builder(match: re.Match[str]) -> Spec | None:
    """ISO year-month-day."""
    return _numeric(match, True)


def dmy_builder(match: re.Match[str]) -> Spec | None:
    """Day/month/year numerals."""
    return _numeric(match, False)


NUMERIC_RULES = [
    Rule("iso", re.compile(r"\b(?P<y>\d{4})-(?P<a>\d{2})-(?P<b>\d{2})\b"), iso_builder),
    Rule("dmy", re.compile(r"\b(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>\d{4})\b"),
         dmy_builder),
]  # fmt: skip
