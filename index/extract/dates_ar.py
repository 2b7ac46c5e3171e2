"""Arabic date grammar, on folded text (hamza forms to bare alif, Arabic-Indic digits to
ASCII). Month names come in three families, all accepted: Mashriq (يوليو), Maghreb
(يوليوز, غشت, شتنبر, نونبر, دجنبر), Algerian/Tunisian (جويلية, أوت) and Levantine
(تموز, تشرين الثاني), including the paired form "نوفمبر/تشرين الثاني"."""

from __future__ import annotations

import re

from .date_resolve import Spec, Unit
from .dates_lex import NUMERIC_RULES, Rule, abs_builder, alt, group, number, season_of

MONTHS = {
    "يناير": 1, "كانون الثاني": 1, "جانفي": 1,
    "فبراير": 2, "شباط": 2, "فيفري": 2,
    "مارس": 3, "اذار": 3,
    "ابريل": 4, "افريل": 4, "نيسان": 4,
    "مايو": 5, "ماي": 5, "ايار": 5,
    "يونيو": 6, "يونيه": 6, "حزيران": 6, "جوان": 6,
    "يوليو": 7, "يوليوز": 7, "يوليه": 7, "تموز": 7, "جويلية": 7, "جويليه": 7,
    "اغسطس": 8, "غشت": 8, "اب": 8, "اوت": 8,
    "سبتمبر": 9, "شتنبر": 9, "ايلول": 9,
    "اكتوبر": 10, "تشرين الاول": 10,
    "نوفمبر": 11, "نونبر": 11, "تشرين الثاني": 11,
    "ديسمبر": 12, "دجنبر": 12, "كانون الاول": 12,
}  # fmt: skip
# Short names that are also common words ("اب" father, "ماي"): only next to numbers.
_NUMERIC_ONLY = {"اب", "ماي", "اوت"}
WEEKDAYS = {
    "الاثنين": 0, "الثلاثاء": 1, "الاربعاء": 2, "الخميس": 3, "الجمعة": 4, "السبت": 5,
    "الاحد": 6,
}  # fmt: skip
_AMBIGUOUS_DAYS = {"الجمعة", "الاحد"}  # also "Friday prayer" / "the one"

_M = alt(MONTHS)
_MF = alt(m for m in MONTHS if m not in _NUMERIC_ONLY)
P = r"(?:[وفبل])?"  # attached conjunction or preposition
B = r"(?<![\w])"  # word start that tolerates the attached prefix above
END = r"(?![\w])"
PAIR = rf"(?:\s*[/(]\s*(?:{_M})\s*\)?)?"  # نوفمبر/تشرين الثاني
M = rf"(?P<m>{_M}){PAIR}"
MF = rf"(?P<m>{_MF}){PAIR}"
D = r"(?P<d>[0-3]?\d)"
D2 = r"(?P<d2>[0-3]?\d)"
Y = r"(?P<y>1[89]\d\d|20\d\d)"
Y2 = r"(?P<y2>1[89]\d\d|20\d\d)"
WD_PREFIX = rf"(?:(?:يوم\s+)?{P}(?:{alt(WEEKDAYS)})\s*[،,]?\s+)?"
YEAR_WORD = r"(?:(?:من\s+)?(?:عام|سنة|العام)\s+)?"
TRIGGER = (
    r"(?:في|خلال|منذ|مطلع|منتصف|اواخر|اوائل|بداية|نهاية|بحلول|حتى|قبل|بعد|عام|سنة|العام|"
    r"شهر)"
)
_build_abs = abs_builder(MONTHS)
_SEASON_NAMES = {"ربيع": "spring", "صيف": "summer", "خريف": "autumn"}


def _season(match: re.Match[str]) -> Spec | None:
    word = match.group("s")
    if word == "ربيع" and not group(match, "p"):
        return None  # also a month (ربيع الأول) and a given name: only after a preposition
    return season_of(_SEASON_NAMES[word], group(match, "y"))


_OFFSETS = {
    "الماضي": -1, "الماضية": -1, "المنصرم": -1, "المنصرمة": -1, "الفائت": -1,
    "الفائتة": -1, "المقبل": 1, "المقبلة": 1, "القادم": 1, "القادمة": 1, "الجاري": 0,
    "الجارية": 0, "الحالي": 0, "الحالية": 0,
}  # fmt: skip
_MOD = alt(_OFFSETS)


def _weekday(match: re.Match[str]) -> Spec | None:
    name = match.group("wd")
    mod = group(match, "mod")
    if name in _AMBIGUOUS_DAYS and not (group(match, "yawm") or mod or group(match, "pod")):
        return None
    offset = _OFFSETS.get(mod or "", 0)
    return Spec("weekday", weekday=WEEKDAYS[name], modifier={-1: "last", 1: "next"}.get(offset))


def _month(match: re.Match[str]) -> Spec | None:
    offset = _OFFSETS.get(group(match, "mod") or "", 0)
    return Spec(
        "month", month=MONTHS[match.group("m")], modifier={-1: "last", 1: "next"}.get(offset)
    )


_UNITS: dict[str, Unit] = {
    "الاسبوع": "week", "الشهر": "month", "العام": "year", "السنة": "year",
    "اسبوع": "week", "شهر": "month", "عام": "year", "سنة": "year",
}  # fmt: skip


def _relative_unit(match: re.Match[str]) -> Spec | None:
    unit = _UNITS[match.group("unit")]
    return Spec("rel", unit=unit, offset=_OFFSETS.get(group(match, "mod") or "", 0))


def _relative_day(match: re.Match[str]) -> Spec | None:
    text = match.group(0)
    if "امس" in text or "البارحة" in text:
        return Spec("rel", unit="day", offset=-1)
    if "غد" in text:
        return Spec("rel", unit="day", offset=1)
    return Spec("rel", unit="day", offset=0)


_DUALS: dict[str, tuple[Unit, int]] = {
    "يومين": ("day", 2), "اسبوعين": ("week", 2), "شهرين": ("month", 2),
    "عامين": ("year", 2), "سنتين": ("year", 2),
}  # fmt: skip


def _ago(match: re.Match[str]) -> Spec | None:
    dual = group(match, "dual")
    if dual:
        unit, two = _DUALS[dual]
        return Spec("ago", unit=unit, offset=-two)
    count = number(group(match, "n"))
    word = match.group("unit")
    unit2: Unit = (
        "day"
        if word == "ايام"
        else "week"
        if word == "اسابيع"
        else ("month" if word in ("اشهر", "شهور") else "year")
    )
    return None if count is None else Spec("ago", unit=unit2, offset=-count)


_UNIT_RE = "الاسبوع|الشهر|العام|السنة"


def _this_unit(match: re.Match[str]) -> Spec | None:
    return Spec("rel", unit=_UNITS[group(match, "unit") or match.group("unit2")], offset=0)


RULES: list[Rule] = [
    *NUMERIC_RULES,
    # في خريف 2018 / صيف عام 2021
    Rule("season", re.compile(
        rf"{B}(?P<p>(?:في|خلال|بحلول|منذ)\s+)?(?P<c>(?P<s>ربيع|صيف|خريف)\s+{YEAR_WORD}{Y}){END}"),
        _season),
    # 24 نوفمبر 2021 / يوم 24 يوليوز 2022
    Rule("dmy", re.compile(rf"{B}{WD_PREFIX}{D}\s+(?:من\s+)?(?:شهر\s+)?{M}\s+{YEAR_WORD}{Y}{END}"),
         _build_abs),
    # من 23 إلى 25 نوفمبر / بين 16 و17 يناير
    Rule("ddm", re.compile(rf"{B}(?:من|بين)\s+{D}\s*(?:الى|حتى|و|-|–)\s*{D2}\s+(?:من\s+)?"
                           rf"(?:شهر\s+)?{M}(?:\s+{YEAR_WORD}{Y})?{END}"), _build_abs),
    # 15 مارس (الماضي): the year comes from the publication date and the tense
    Rule("dm", re.compile(rf"{B}{WD_PREFIX}{D}\s+(?:من\s+)?(?:شهر\s+)?{M}(?:\s+(?:{_MOD}))?{END}"),
         _build_abs),
    Rule("my", re.compile(rf"{B}(?:شهر\s+)?{M}\s+{YEAR_WORD}{Y}{END}"), _build_abs),
    # يوليو الماضي / شهر غشت المقبل
    Rule("m_mod", re.compile(rf"{B}{P}(?:شهر\s+)?{MF}\s+(?P<mod>{_MOD}){END}"), _month),
    # في يوليوز / خلال شهر مارس
    Rule("trig_m", re.compile(rf"{B}{P}{TRIGGER}\s+(?:شهر\s+)?(?P<c>{MF}){END}"), _month),
    # في 2020 / عام 2020 / منذ 1975
    Rule("trig_y", re.compile(rf"{B}{P}{TRIGGER}\s+(?:(?:عام|سنة)\s+)?(?P<c>{Y}"
                              rf"(?:\s*(?:-|–|و|الى)\s*{Y2})?)(?![\w%])"), _build_abs),
    # يوم الأربعاء / مساء الخميس / الأربعاء الماضي
    Rule("weekday", re.compile(
        rf"{B}(?P<c>{P}(?:(?P<yawm>يوم)\s+|(?P<pod>صباح|مساء|ليلة|ظهر|فجر)\s+(?:يوم\s+)?)?"
        rf"{P}(?P<wd>{alt(WEEKDAYS)})(?:\s+(?P<mod>{_MOD}))?){END}"), _weekday),
    Rule("rel_day", re.compile(
        rf"{B}{P}(?:امس|البارحة|غدا[ًٌ]?|(?:صباح|مساء|ظهر)\s+(?:اليوم|امس|الغد)|"
        rf"في\s+وقت\s+سابق\s+(?:من\s+)?اليوم){END}"), _relative_day),
    Rule("rel_unit", re.compile(
        rf"{B}{P}(?:(?:في\s+)?(?:مطلع|بداية|منذ\s+بداية|في\s+وقت\s+سابق\s+من|خلال)\s+)?"
        rf"(?P<unit>الاسبوع|الشهر|العام|السنة)\s+(?P<mod>{_MOD}){END}"), _relative_unit),
    Rule("this_unit", re.compile(
        rf"{B}{P}(?:منذ\s+|في\s+وقت\s+سابق\s+من\s+)?(?:(?:هذا|هذه)\s+(?P<unit>{_UNIT_RE})|"
        rf"(?:مطلع|بداية|نهاية)\s+(?P<unit2>{_UNIT_RE})(?!\s+(?:{_MOD})))"
        rf"{END}"), _this_unit),
    Rule("ago", re.compile(
        rf"{B}{P}(?:قبل|منذ)\s+(?:(?P<dual>{alt(_DUALS)})|(?P<n>\d+|ثلاثة|اربعة|خمسة)\s+"
        rf"(?P<unit>ايام|اسابيع|اشهر|شهور|سنوات|اعوام)){END}"), _ago),
]  # fmt: skip

FUTURE = re.compile(
    r"(?:سوف|من\s+المقرر|من\s+المنتظر|من\s+المتوقع|المرتقب|يعتزم|تعتزم|يرتقب|المقبل|"
    r"القادم|(?<![\w])[وف]?س(?!ياس|يار|ياد|يطر|ياق|تين|تة|تار|يد|يناء|نة|نو)[يتن]\w{3,})"
)
PAST = re.compile(r"(?<![\w])[وف]?(?:قال|قالت|اعلن|اعلنت|كان|كانت|زار|زارت|وقع|وقعت|اكد|اكدت)"
                  r"(?![\w])")  # fmt: skip
NDAY = re.compile(r"(?:لمدة|خلال)\s+(?:(?P<n>\d|ثلاثة|اربعة|خمسة)\s+ايام|(?P<two>يومين))")
START_WORDS = re.compile(r"(?:بدات|بدا|انطلقت|انطلق|تبدا|يبدا)")
CHROME = re.compile(r"(?:اخر\s+تحديث|تاريخ\s+النشر|نشر\s+في|تم\s+النشر)")
