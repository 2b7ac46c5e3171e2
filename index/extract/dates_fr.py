"""French date grammar ("le 1er novembre", "du 23 au 25 novembre", "ce lundi",
"en août dernier", "la semaine passée"). Patterns run on folded text (’ becomes ')."""

from __future__ import annotations

import re

from .date_resolve import Spec, Unit
from .dates_lex import NUMERIC_RULES, Rule, abs_builder, alt, group, number, season

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    "janv": 1, "févr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11,
    "déc": 12,
}  # fmt: skip
WEEKDAYS = {
    "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5,
    "dimanche": 6,
}  # fmt: skip

_M = alt(MONTHS)
_ABBR = ("janv", "févr", "avr", "juil", "sept", "oct", "nov", "déc")
_MF = alt(m for m in MONTHS if m not in _ABBR)
_WD = alt(WEEKDAYS)
M = rf"(?P<m>(?i:{_M}))\.?"
M2 = rf"(?P<m2>(?i:{_M}))\.?"
MF = rf"(?P<m>(?i:{_MF}))"
D = r"(?P<d>1er|(?i:premier)|[0-3]?\d)"
D2 = r"(?P<d2>1er|[0-3]?\d)"
Y = r"(?P<y>1[89]\d\d|20\d\d)"
Y2 = r"(?P<y2>1[89]\d\d|20\d\d)"
WD_PREFIX = rf"(?:(?i:{_WD}),?\s+)?"
END = r"(?![\w-])"
TRIGGER = (
    r"(?i:en|depuis|dès|jusqu'en|jusqu'à|d'ici|avant|après|pendant|courant|fin|début|"
    r"mi|mois\s+de|mois\s+d'|entre|l'an|l'année)"
)
_build_abs = abs_builder(MONTHS)
_SEASON = re.compile(r"(?i:printemps|été|ete|automne)")


def _weekday(match: re.Match[str]) -> Spec | None:
    mod = (group(match, "mod") or "").lower()
    second = group(match, "wd2")
    return Spec(
        "weekday",
        weekday=WEEKDAYS[match.group("wd").lower()],
        weekday2=WEEKDAYS[second.lower()] if second else None,
        modifier={"dernier": "last", "prochain": "next"}.get(mod),
    )


def _month(match: re.Match[str]) -> Spec | None:
    mod = (group(match, "mod") or "").lower()
    modifier = {"dernier": "last", "passé": "last", "prochain": "next"}.get(mod)
    return Spec("month", month=MONTHS[match.group("m").lower()], modifier=modifier)


_UNITS: dict[str, Unit] = {
    "semaine": "week", "mois": "month", "année": "year", "an": "year", "annee": "year",
}  # fmt: skip
_OFFSETS = {
    "dernier": -1, "dernière": -1, "passé": -1, "passée": -1, "écoulé": -1,
    "écoulée": -1, "prochain": 1, "prochaine": 1,
}  # fmt: skip


def _relative_unit(match: re.Match[str]) -> Spec | None:
    unit = _UNITS[match.group("unit").lower()]
    return Spec("rel", unit=unit, offset=_OFFSETS.get((group(match, "mod") or "").lower(), 0))


def _relative_day(match: re.Match[str]) -> Spec | None:
    text = match.group(0).lower()
    if text.startswith("avant-hier"):
        return Spec("rel", unit="day", offset=-2)
    if text.startswith("après-demain"):
        return Spec("rel", unit="day", offset=2)
    if text.startswith("hier"):
        return Spec("rel", unit="day", offset=-1)
    if text.startswith("demain"):
        return Spec("rel", unit="day", offset=1)
    return Spec("rel", unit="day", offset=0)


def _ago(match: re.Match[str]) -> Spec | None:
    count = number(match.group("n"))
    word = match.group("unit").lower()
    unit: Unit = (
        "day" if word.startswith("jour") else "week" if word.startswith("semaine")
        else "month" if word == "mois" else "year"
    )  # fmt: skip
    if count is None:
        return None
    return Spec("ago", unit=unit, offset=-count)


RULES: list[Rule] = [
    *NUMERIC_RULES,
    # (le) lundi 29 novembre 2021 / 1er novembre 2021
    Rule("dmy", re.compile(rf"\b{WD_PREFIX}{D}\s+{M}\s+{Y}{END}"), _build_abs),
    # du 23 au 25 novembre (2021) / entre le 16 et le 17 janvier / les 16 et 17 janvier
    Rule("ddm", re.compile(rf"\b(?i:du|entre\s+le|les)\s+{D}\s+(?i:au|et\s+le|et|-|–)\s+{D2}"
                           rf"\s+{M}(?:\s+{Y})?{END}"), _build_abs),
    Rule("dd_m", re.compile(rf"\b{D}\s*[-–]\s*{D2}\s+{M}(?:\s+{Y})?{END}"), _build_abs),
    # du 30 novembre au 2 décembre 2021
    Rule("dmdm", re.compile(rf"\b(?i:du|entre\s+le)\s+{D}\s+{M}\s+(?i:au|et\s+le)\s+{D2}\s+"
                            rf"{M2}(?:\s+{Y})?{END}"), _build_abs),
    # le 1er novembre / mercredi 19 octobre
    # "le 24 novembre dernier": the day wins over "novembre dernier"; the year comes from
    # the publication date and the tense
    Rule("dm", re.compile(rf"\b{WD_PREFIX}{D}\s+{M}(?:\s+(?i:dernier|prochain))?{END}"),
         _build_abs),
    # novembre 2021
    Rule("my", re.compile(rf"\b{M}\s+(?:de\s+l'(?:an|année)\s+)?{Y}{END}"), _build_abs),
    # (en) août dernier / juillet prochain
    Rule("m_mod", re.compile(rf"\b(?:(?i:en|au\s+mois\s+d[e']|le\s+mois\s+d[e'])\s*)?{MF}\s+"
                             rf"(?P<mod>dernier|passé|prochain){END}"), _month),
    # en juin / fin novembre / mi-juillet / depuis mars
    Rule("trig_m", re.compile(rf"\b{TRIGGER}[\s-]+(?P<c>{MF}){END}"), _month),
    # en 2020 / depuis 1948 / fin 2024
    Rule("trig_y", re.compile(rf"\b{TRIGGER}[\s-]+(?P<c>{Y}(?:\s*(?:-|–|à|et)\s*{Y2})?)"
                              rf"(?![\w-]|\s*%)"), _build_abs),
    # au printemps 2022 / à l'automne de 2021 / en été 2020 / cet été
    Rule("season", re.compile(
        r"\b(?i:au|à\s+l'|a\s+l'|en|dès\s+l'|depuis\s+l'|d'ici\s+l'|avant\s+l'|fin|début)\s*"
        rf"(?P<c>(?P<s>(?i:printemps|été|ete|automne))\s+(?:(?i:de)\s+|d')?{Y}){END}"),
        season, _SEASON),
    Rule("this_season", re.compile(r"\b(?P<s>(?i:ce|cet)\s+(?i:printemps|été|automne))(?![\w-])"),
         season, _SEASON),
    # ce lundi / vendredi / lundi dernier / mardi soir
    Rule("weekday", re.compile(
        rf"\b(?P<c>(?:(?i:ce)\s+)?(?P<wd>(?i:{_WD}))(?:\s+(?i:et|au)\s+(?P<wd2>(?i:{_WD})))?"
        rf"(?:\s+(?P<mod>dernier|prochain))?(?:\s+(?i:matin|soir|après-midi))?){END}"),
        _weekday),
    Rule("rel_day", re.compile(
        r"\b(?i:avant-hier|après-demain|hier|aujourd'hui|demain|ce\s+matin|ce\s+soir|"
        r"cet\s+après-midi|plus\s+tôt\s+dans\s+la\s+(?:journée|matinée)|"
        r"plus\s+tôt\s+aujourd'hui|dans\s+la\s+matinée|dans\s+la\s+soirée)"
        r"(?:\s+(?i:matin|soir))?(?![\w-])"), _relative_day),
    Rule("rel_unit", re.compile(
        r"\b(?:(?i:la\s+|le\s+|l')?(?P<unit>(?i:semaine|mois|année|an))\s+"
        r"(?P<mod>(?i:dernière|dernier|passée|passé|prochaine|prochain|écoulée|écoulé)))"
        r"(?![\w-])"), _relative_unit),
    Rule("this_unit", re.compile(
        r"\b(?:(?i:plus\s+tôt\s+)?(?i:cette|ce|cet)\s+(?P<unit>(?i:semaine|mois|année))"
        r"(?:-ci)?)(?![\w-])"), _relative_unit),
    Rule("ago", re.compile(
        r"\b(?i:il\s+y\s+a)\s+(?i:(?:près\s+de|environ|plus\s+de)\s+)?"
        r"(?P<n>\d+|(?i:un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix))\s+"
        r"(?P<unit>(?i:jours?|semaines?|mois|ans|années?))\b"), _ago),
]  # fmt: skip

FUTURE = re.compile(
    r"\b(?:sera|seront|fera|feront|aura|auront|ira|iront|va|vont|doit|doivent|devrait|"
    r"devraient|prévu|prévue|prévus|prévoit|attendu|attendue|prochain|prochaine|"
    r"[a-zé]{3,}(?:era|eront|ira|iront|dra|dront))\b"
)
PAST = re.compile(
    r"\b(?:a|ont|avait|avaient|était|étaient|s'est|se\s+sont|fut|furent|"
    r"[a-zé]{3,}(?:é|ée|és|ées))\b"
)
NDAY = re.compile(
    r"\b(?:de|pendant|durant)\s+(?P<n>\d|deux|trois|quatre|cinq)\s+jours\b", re.IGNORECASE
)
START_WORDS = re.compile(r"\b(?:a\s+débuté|débute|commencé|commence|entamé|entame)\b",
                         re.IGNORECASE)  # fmt: skip
CHROME = re.compile(
    r"(?:mis\s+à\s+jour|mise\s+à\s+jour|publié\s+le|publié\s*:|modifié\s+le)", re.IGNORECASE
)
