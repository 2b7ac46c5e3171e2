"""English date grammar.

Month and day names must be capitalised (as English writes them), which keeps the modal
"may" and the verb "march" out. A bare month or year counts only after a preposition or a
modifier ("in June", "since 2020", "late 2024"): a number after a name ("Vision 2030",
"ATMOS 2000") is a name, not a date.
"""

from __future__ import annotations

import re

from .date_resolve import Spec, Unit
from .dates_lex import NUMERIC_RULES, Rule, abs_builder, alt, capitalised, group, number, season

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip

_FULL = alt(capitalised(list(MONTHS)[:12]))
_ABBR = alt(capitalised(m for m in list(MONTHS)[12:]))
_WD = alt(capitalised(WEEKDAYS))

# Full names, or abbreviations with an optional dot (the stop after "June." is not cue).
M = rf"(?P<m>{_FULL}|(?:{_ABBR})\.?)(?![a-z])"
M2 = rf"(?P<m2>{_FULL}|(?:{_ABBR})\.?)(?![a-z])"
MF = rf"(?P<m>{_FULL})"
D = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
D2 = r"(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?"
Y = r"(?P<y>1[89]\d\d|20\d\d)"
Y2 = r"(?P<y2>1[89]\d\d|20\d\d)"
WD_PREFIX = rf"(?:(?:{_WD}),?\s+(?:the\s+)?)?"
END = r"(?![\w-])"
RANGE_SEP = r"\s*(?:-|–|to|and|until|till|through)\s*"
TRIGGER = (
    r"(?i:in|since|by|until|till|during|from|through|before|after|throughout|of|"
    r"around|between|early|late|mid|end\s+of|start\s+of|beginning\s+of|the\s+year)"
)
_build_abs = abs_builder(MONTHS)

# Rule anchors (see `Rule`): every match of the rule holds a month, a weekday, a year or
# "ago". Month names end where M and MF end: before anything but a lowercase letter.
_MONTH = re.compile(rf"(?:{_FULL}|{_ABBR})(?![a-z])")
_WEEKDAY = re.compile(_WD)
_YEAR = re.compile(r"1[89]\d\d|20\d\d")
_AGO = re.compile(r"(?i:ago)")
_SEASON = re.compile(r"(?i:spring|summer|autumn|fall)")


def _weekday(match: re.Match[str]) -> Spec | None:
    mod = (group(match, "mod") or "").lower()
    modifier = {"last": "last", "past": "last", "next": "next", "coming": "next"}.get(mod)
    second = group(match, "wd2")
    return Spec(
        "weekday",
        weekday=WEEKDAYS[match.group("wd").lower()],
        weekday2=WEEKDAYS[second.lower()] if second else None,
        modifier=modifier,
    )


def _month(match: re.Match[str]) -> Spec | None:
    month = MONTHS[match.group("m").lower()]
    rel = (group(match, "rel") or "").lower()
    if rel:
        return Spec("month", month=month, year_offset={"last": -1, "this": 0, "next": 1}[rel])
    mod = (group(match, "mod") or "").lower()
    return Spec("month", month=month, modifier={"past": "last"}.get(mod, mod or None))


_UNITS: dict[str, Unit] = {"day": "day", "week": "week", "month": "month", "year": "year"}


def _relative_unit(match: re.Match[str]) -> Spec | None:
    word = (group(match, "mod") or "this").lower()
    offset = {"last": -1, "this": 0, "next": 1, "coming": 1, "upcoming": 1}[word]
    return Spec("rel", unit=_UNITS[match.group("unit").lower()], offset=offset)


def _relative_day(match: re.Match[str]) -> Spec | None:
    text = match.group(0).lower()
    if "yesterday" in text or "last night" in text:
        return Spec("rel", unit="day", offset=-1)
    if "tomorrow" in text:
        return Spec("rel", unit="day", offset=1)
    return Spec("rel", unit="day", offset=0)


def _ago(match: re.Match[str]) -> Spec | None:
    count = number(match.group("n"))
    if count is None:
        return None
    return Spec("ago", unit=_UNITS[match.group("unit").lower()], offset=-count)


_MOD = r"(?:(?:early|late|mid)[-\s]+)"
# "in 2000 tons": a count, not a year.
_UNITS_AFTER = (
    r"|\s+(?i:troops|soldiers|units|km|kilomet(?:re|er)s|tons|tonnes|people|men|met(?:re|er)s|"
    r"feet|mm|kg|dollars|euros|dirhams|shells|rounds|drones|vehicles|jobs|workers)\b"
)

RULES: list[Rule] = [
    *NUMERIC_RULES,
    # 24 November 2021 / Monday, 24th of November, 2021
    Rule("dmy", re.compile(rf"\b{WD_PREFIX}{D}\s+(?:of\s+)?{M},?\s+{Y}{END}"), _build_abs, _MONTH),
    # November 24, 2021 / Nov. 24 2021 / Monday, November 29, 2021
    Rule("mdy", re.compile(rf"\b{WD_PREFIX}{M}\s+{D},?\s+{Y}{END}"), _build_abs, _MONTH),
    # between 16 and 17 January (2023) / 16-17 January
    Rule("ddm", re.compile(rf"\b(?:(?i:between|from)\s+)?{D}{RANGE_SEP}{D2}\s+(?:of\s+)?{M}"
                           rf"(?:,?\s+{Y})?{END}"), _build_abs, _MONTH),
    # January 16-17(, 2023) / from November 23 to 25
    Rule("mdd", re.compile(rf"\b(?:(?i:between|from)\s+)?{M}\s+{D}{RANGE_SEP}{D2}"
                           rf"(?:,?\s+{Y})?{END}"), _build_abs, _MONTH),
    # 30 November to 2 December 2021 / November 30 to December 2, 2021
    Rule("dmdm", re.compile(rf"\b(?:(?i:between|from)\s+)?{D}\s+{M}{RANGE_SEP}{D2}\s+{M2}"
                            rf"(?:,?\s+{Y})?{END}"), _build_abs, _MONTH),
    Rule("mdmd", re.compile(rf"\b(?:(?i:between|from)\s+)?{M}\s+{D}{RANGE_SEP}{M2}\s+{D2}"
                            rf"(?:,?\s+{Y})?{END}"), _build_abs, _MONTH),
    # 19 October / Wednesday, 19 October (year from publication)
    Rule("dm", re.compile(rf"\b{WD_PREFIX}{D}\s+(?:of\s+)?{M}{END}"), _build_abs, _MONTH),
    # November 23 / July 17
    Rule("md", re.compile(rf"\b{WD_PREFIX}{M}\s+{D}{END}(?!,?\s*\d)"), _build_abs, _MONTH),
    # November 2021 / a November morning in 2022
    Rule("my", re.compile(rf"\b{M},?\s+(?:(?:of|in)\s+)?{Y}{END}"), _build_abs, _MONTH),
    Rule("my_part", re.compile(rf"\b(?P<c>{MF}\s+(?:morning|afternoon|evening|night|day)\s+"
                               rf"(?:in|of)\s+{Y}){END}"), _build_abs, _MONTH),
    # January of last year / July this year
    Rule("m_rel_year", re.compile(rf"\b{MF}\s+(?:of\s+)?(?P<rel>(?i:last|this|next))\s+"
                                  rf"(?i:year){END}"), _month, _MONTH),
    # last July / next March
    Rule("mod_m", re.compile(rf"\b(?P<mod>(?i:last|this|next|past))\s+{MF}{END}"), _month, _MONTH),
    # in June / in early July / mid-July
    Rule("trig_m", re.compile(rf"\b{TRIGGER}\s+(?P<c>(?i:{_MOD})?{MF}){END}"), _month, _MONTH),
    Rule("mod_m2", re.compile(rf"\b(?P<c>(?i:early|late|mid)[-\s]+{MF}){END}"), _month, _MONTH),
    # in 2020 / since 2014 / late 2024 / between 2019 and 2020
    Rule("trig_y", re.compile(rf"\b{TRIGGER}\s+(?P<c>(?i:{_MOD})?{Y}(?:{RANGE_SEP}{Y2})?)"
                              rf"(?![\w-]|\s*%|\s*(?i:per\s*cent){_UNITS_AFTER})"),
         _build_abs, _YEAR),
    # in autumn 2018 / by the spring of 2025 / in late summer 2021 / this summer
    Rule("season", re.compile(
        rf"\b{TRIGGER}\s+(?:the\s+)?(?P<c>(?i:{_MOD})?(?P<s>(?i:spring|summer|autumn|fall))"
        rf"(?:\s+of)?\s+{Y}){END}(?!\s*%)"), season, _SEASON),
    Rule("this_season", re.compile(rf"\b(?P<s>(?i:this)\s+(?i:spring|summer|autumn)){END}"),
         season, _SEASON),
    # Tuesday / on Wednesday night / last Monday / Monday and Tuesday
    Rule("weekday", re.compile(
        rf"\b(?P<c>(?:(?P<mod>(?i:last|next|this|past|coming|early|late))\s+)?"
        rf"(?P<wd>{_WD})(?:\s*(?:and|to|through|-|–)\s*(?P<wd2>{_WD}))?"
        rf"(?:\s+(?i:morning|afternoon|evening|night))?){END}"), _weekday, _WEEKDAY),
    Rule("rel_day", re.compile(
        r"\b(?i:(?:earlier|later)\s+(?:today|this\s+(?:morning|afternoon|evening))|"
        r"this\s+(?:morning|afternoon|evening)|last\s+night|"
        r"(?:yesterday|today|tonight|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?)"
        r"(?!['’]s)\b"), _relative_day),
    Rule("rel_unit", re.compile(
        r"(?<!the\s)\b(?i:(?:earlier|later)\s+)?(?P<mod>(?i:last|this|next))\s+"
        r"(?P<unit>(?i:week|month|year))\b"), _relative_unit),
    Rule("coming_unit", re.compile(
        r"\b(?i:the)\s+(?P<mod>(?i:coming|upcoming))\s+(?P<unit>(?i:week|month|year))\b"),
        _relative_unit),
    Rule("ago", re.compile(
        r"\b(?i:(?:nearly|almost|about|some|around|just|barely|more\s+than|over)\s+)?"
        r"(?P<n>\d+|(?i:a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve))\s+"
        r"(?P<unit>(?i:day|week|month|year))s?\s+(?i:ago)\b"), _ago, _AGO),
]  # fmt: skip

# Words that make a weekday part of a name ("Black Friday", "Bloody Sunday").
NAME_BEFORE_WEEKDAY = re.compile(r"(?:Black|Good|Cyber|Bloody|Super|Ash|Easter|Holy|Palm)\s+$")

FUTURE = re.compile(
    r"\b(?:will|won't|shall|'ll|(?:is|are|was|were)\s+(?:expected|due|scheduled|set|slated|"
    r"poised|planning|going|about)\s+to|plans?\s+to|intends?\s+to|upcoming|"
    r"to\s+be\s+held|would|next)\b",
    re.IGNORECASE,
)
PAST = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|added|noted|was|were|had|did|took|met|"
    r"signed|visited|held|arrived|began|ended|landed|agreed|made|came|went|led|"
    r"(?!(?:expected|scheduled|planned|slated|based|united|armed|advanced|related|"
    r"proposed|needed)\b)[a-z]{3,}[^e\W]ed)\b"
)
NDAY = re.compile(
    r"\b(?P<n>\d|two|three|four|five|six|seven)[-\s]day\b|"
    r"\bfor\s+(?P<n2>\d|two|three|four|five|six|seven)\s+days\b",
    re.IGNORECASE,
)
START_WORDS = re.compile(r"\b(?:began|begins|begin|starting|start|starts|opened|opens)\b",
                         re.IGNORECASE)  # fmt: skip
CHROME = re.compile(
    r"\b(?:last\s+update[ds]?|updated(?:\s+on)?\s*:?|published(?:\s+on)?\s*:|posted\s+on|"
    r"first\s+published|issued(?:\s+on)?\s+(?=[A-Z][a-z]+\.?\s+\d|\d))\b",
    re.IGNORECASE,
)
