"""Checkable details in a sentence: quantities (money, units, counts), dates, places, roles.

Values are normalized so that "$500 million", "US$500m" and "500 million dollars" compare
equal, "40 km" equals "25 miles", and "Tuesday" is a weekday rather than a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .compare_gazetteer import PLACES, Place
from .compare_text import STOPWORDS, fold, stem

# --- quantities -----------------------------------------------------------------------------

_NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "dozen": 12,
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "sept": 7, "huit": 8, "neuf": 9,
    "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15,
    "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50, "cent": 100,
    "douzaine": 12,
}  # fmt: skip
_SCALES = {
    "thousand": 1e3, "k": 1e3, "mille": 1e3, "million": 1e6, "millions": 1e6, "mln": 1e6,
    "m": 1e6, "mn": 1e6, "billion": 1e9, "billions": 1e9, "bn": 1e9, "bln": 1e9,
    "milliard": 1e9, "milliards": 1e9, "trillion": 1e12,
}  # fmt: skip
_CURRENCY_PREFIX = {
    "us$": "USD", "$": "USD", "usd": "USD", "€": "EUR", "eur": "EUR", "£": "GBP", "gbp": "GBP",
    "nis": "ILS", "mad": "MAD", "dh": "MAD", "¥": "JPY",
}  # fmt: skip
_CURRENCY_SUFFIX = {
    "dollars": "USD", "dollar": "USD", "dlrs": "USD", "dlr": "USD", "usd": "USD",
    "euros": "EUR", "euro": "EUR", "eur": "EUR", "pounds": "GBP", "stg": "GBP",
    "sterling": "GBP", "dirhams": "MAD", "dirham": "MAD", "shekels": "ILS", "yen": "JPY",
    "dollars américains": "USD",
}  # fmt: skip
# unit -> (dimension, factor to the base unit)
_UNITS = {
    "km": ("km", 1.0), "kilometres": ("km", 1.0), "kilometers": ("km", 1.0),
    "kilometre": ("km", 1.0), "kilometer": ("km", 1.0), "miles": ("km", 1.609344),
    "mile": ("km", 1.609344), "nautical": ("km", 1.852), "m": ("m", 1.0),
    "metres": ("m", 1.0), "meters": ("m", 1.0), "metre": ("m", 1.0), "meter": ("m", 1.0),
    "mm": ("mm", 1.0), "kg": ("kg", 1.0), "kilos": ("kg", 1.0), "kilograms": ("kg", 1.0),
    "kilogrammes": ("kg", 1.0), "tonnes": ("kg", 1000.0), "tons": ("kg", 1000.0),
    "%": ("%", 1.0), "percent": ("%", 1.0), "pct": ("%", 1.0), "hours": ("h", 1.0),
    "hour": ("h", 1.0), "minutes": ("h", 1 / 60), "days": ("day", 1.0), "day": ("day", 1.0),
    "weeks": ("day", 7.0), "week": ("day", 7.0), "months": ("month", 1.0),
    "month": ("month", 1.0), "years": ("year", 1.0), "year": ("year", 1.0),
}  # fmt: skip
_APPROX = re.compile(
    r"(about|around|some|nearly|almost|over|more than|less than|up to|at least|roughly|"
    r"approximately|exceeding|close to|plus de|environ|près de)\s*$",
    re.IGNORECASE,
)
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:[.,]\d+)?"
_QTY = re.compile(
    r"(?P<cur>US\$|\$|€|£|¥|\b(?:USD|EUR|GBP|NIS|MAD)\s?)?"
    r"(?P<num>" + _NUM + r"|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b)"
    r"(?:\s?-?\s?(?P<scale>thousand|million|millions|mln|mn|billion|billions|bn|bln|"
    r"milliards?|trillion|[mk]\b))?"
    r"(?:\s?-?\s?(?P<unit>%|per ?cent\b|pour ?cent\b|[A-Za-zÀ-ÿ]+))?",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    """A normalized amount: `key` says what is counted (currency, unit or noun)."""

    value: float
    key: str
    surface: str
    approx: bool
    precision: float  # half a unit of the last written digit, after scaling
    money: bool


def _parse_number(raw: str) -> tuple[float, float] | None:
    low = raw.lower()
    if low in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[low]), 0.5
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", raw):
        raw = raw.replace(",", "")
    elif "," in raw:
        raw = raw.replace(",", ".")  # a French decimal comma: "12,8 milliards"
    try:
        value = float(raw)
    except ValueError:
        return None
    decimals = len(raw.split(".")[1]) if "." in raw else 0
    return value, 0.5 * 10.0**-decimals


def _is_designation(text: str, start: int) -> bool:
    """Numbers glued to a model name ("C-130", "Barak 8", "Atmos 2000") are not amounts."""
    before = text[max(0, start - 20) : start]
    if re.search(r"[A-Za-z]-$", before):
        return True
    m = re.search(r"([A-Za-z][\w-]*)\s$", before)
    if not m:
        return False
    word = m.group(1)
    return (word[0].isupper() and fold(word) not in STOPWORDS and fold(word) not in _MONTHS
            and fold(word) not in _WEEKDAYS)  # fmt: skip


_QTY_DIGITS = re.compile(
    _QTY.pattern.replace(r"|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", ""), re.IGNORECASE
)


def _quantities(text: str, words: bool = True) -> list[Quantity]:
    """Amounts in `text` other than years, dates and model designations.

    `words=False` skips spelled-out numbers ("three days"), which is much faster.
    """
    out: list[Quantity] = []
    for m in (_QTY if words else _QTY_DIGITS).finditer(text):
        num = m.group("num")
        if num[0].isalpha() and num[0].isupper() and m.start("num") > 0:
            continue  # "One" in a name or title
        after, before = (
            text[m.end("num") : m.end("num") + 1],
            text[max(0, m.start() - 1) : m.start()],
        )
        if (after and after in ":/") or (before and before in "/:#"):
            continue  # times, fractions, numbering
        parsed = _parse_number(num)
        if parsed is None or _is_designation(text, m.start()):
            continue
        value, precision = parsed
        cur_raw = (m.group("cur") or "").strip().lower()
        scale_raw = (m.group("scale") or "").lower()
        unit_raw = (m.group("unit") or "").lower().replace(" ", "")
        scale = _SCALES.get(scale_raw, 1.0)
        currency = _CURRENCY_PREFIX.get(cur_raw) or _CURRENCY_SUFFIX.get(unit_raw)
        if not currency and unit_raw in ("million", "billion", "thousand"):
            continue
        if currency is None and scale == 1.0 and _looks_like_date_number(text, m, value):
            continue
        approx = bool(_APPROX.search(text[max(0, m.start() - 20) : m.start()]))
        if currency:
            key, money = "money:" + currency, True
        elif unit_raw in _UNITS or unit_raw in ("percent", "percent", "pourcent"):
            dim, factor = _UNITS.get(unit_raw, ("%", 1.0))
            key, money, scale = "unit:" + dim, False, scale * factor
        elif unit_raw and unit_raw.isalpha() and fold(unit_raw) not in STOPWORDS:
            key, money = "count:" + stem(unit_raw), False
        else:
            continue  # a bare number: nothing says what it counts
        # A prefixed currency ("$500 million deal") does not own the word after it.
        suffix_unit = not money or bool(_CURRENCY_SUFFIX.get(unit_raw))
        end = (
            m.end()
            if m.group("unit") and suffix_unit
            else m.end("scale")
            if m.group("scale")
            else m.end("num")
        )
        surface = text[m.start() : end].strip()
        out.append(Quantity(value * scale, key, surface, approx, precision * scale, money))
    return out


def _looks_like_date_number(text: str, m: re.Match[str], value: float) -> bool:
    if value.is_integer() and 1800 <= value <= 2100:
        return True  # a year
    around = text[max(0, m.start() - 12) : m.end() + 12].lower()
    return value <= 31 and any(month in around for month in _MONTH_NAMES)


def same_amount(a: Quantity, b: Quantity) -> bool:
    """Equal within the written precision (wider when either side says "about")."""
    tol = max(a.precision, b.precision, 1e-9 * max(abs(a.value), abs(b.value)))
    if a.key.startswith("unit:") and a.key == b.key:
        tol = max(tol, 0.02 * max(abs(a.value), abs(b.value)))  # unit conversions round
    if a.approx or b.approx:
        tol = max(tol, 0.1 * max(abs(a.value), abs(b.value)))
    return abs(a.value - b.value) <= tol


# --- dates ----------------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12, "janvier": 1, "fevrier": 2, "mars": 3,
    "avril": 4, "mai": 5, "juin": 6, "juillet": 7, "aout": 8, "septembre": 9, "octobre": 10,
    "novembre": 11, "decembre": 12,
}  # fmt: skip
_MONTH_NAMES = tuple(k for k in _MONTHS if len(k) > 3)
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6, "lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4,
    "samedi": 5, "dimanche": 6,
}  # fmt: skip
# Case-sensitive alternatives (much faster than IGNORECASE): capitalized, lower and upper forms.
_MONTH_RE = "|".join(
    f for k in sorted(_MONTHS, key=len, reverse=True) for f in (k.capitalize(), k, k.upper())
)
_WEEKDAY_RE = "|".join(f for k in _WEEKDAYS for f in (k.capitalize(), k, k.upper()))
_DATE_RE = re.compile(
    r"\b(?:(?P<iso>(?:19|20)\d{2}-\d{2}-\d{2})"
    r"|(?P<d1>\d{1,2})(?:st|nd|rd|th|er)?\s+(?:of\s+)?(?P<m1>" + _MONTH_RE + r")\.?(?:,?\s+(?P<y1>(?:19|20)\d{2}))?"  # noqa: E501
    r"|(?P<m2>" + _MONTH_RE + r")\.?\s+(?P<d2>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y2>(?:19|20)\d{2}))?"  # noqa: E501
    r"|(?P<m3>" + _MONTH_RE + r")\.?,?\s+(?P<y3>(?:19|20)\d{2})"
    r"|(?P<m4>" + _MONTH_RE + r")"
    r"|(?P<y4>(?:19|20)\d{2})"
    r"|(?P<wd>" + _WEEKDAY_RE + r"))\b",
)  # fmt: skip


@dataclass(frozen=True)
class DateRef:
    """A calendar reference; unset fields are unknown (`weekday` only for bare weekdays)."""

    year: int | None
    month: int | None
    day: int | None
    weekday: int | None
    surface: str

    def fields(self) -> dict[str, int]:
        """The fields this reference states."""
        named = {"year": self.year, "month": self.month, "day": self.day, "weekday": self.weekday}
        return {k: v for k, v in named.items() if v is not None}


def _dates(text: str) -> list[DateRef]:
    """Dates, months, years and weekdays in `text`."""
    out: list[DateRef] = []
    for m in _DATE_RE.finditer(text):
        g = m.groupdict()
        word = m.group()
        if g["iso"]:
            y, mo, d = (int(x) for x in g["iso"].split("-"))
            out.append(DateRef(y, mo, d, None, word))
            continue
        month_raw = g["m1"] or g["m2"] or g["m3"] or g["m4"]
        if month_raw:
            if not _real_month(text, m, month_raw, bool(g["d1"] or g["d2"] or g["y3"])):
                continue
            day = g["d1"] or g["d2"]
            year = g["y1"] or g["y2"] or g["y3"]
            out.append(
                DateRef(
                    int(year) if year else None,
                    _MONTHS[fold(month_raw).rstrip(".")],
                    int(day) if day and 1 <= int(day) <= 31 else None,
                    None,
                    word,
                )
            )
        elif g["y4"]:
            if _is_designation(text, m.start()) or re.match(r"\s*(?:/|-\d)", text[m.end() :]):
                continue
            out.append(DateRef(int(g["y4"]), None, None, None, word))
        elif g["wd"]:
            out.append(DateRef(None, None, None, _WEEKDAYS[fold(g["wd"])], word))
    return out


def _real_month(text: str, m: re.Match[str], raw: str, anchored: bool) -> bool:
    low = fold(raw)
    if anchored:
        return raw[0].isupper() or (low in _MONTH_NAMES and low not in ("may", "mars", "mai"))
    if not raw[0].isupper():
        return False
    if low in ("may", "mar", "jan", "dec", "sept", "aug", "oct", "nov", "feb", "apr", "jun"):
        # "May" is a verb and short forms are ambiguous without a day or year.
        return bool(
            re.search(r"\b(in|since|last|next|of|until|early|late|mid)\s+$", text[: m.start()])
        )
    return True


def compatible(a: DateRef, b: DateRef) -> bool:
    """True when no field stated by both differs."""
    fa, fb = a.fields(), b.fields()
    return all(fa[k] == fb[k] for k in fa.keys() & fb.keys())


def comparable(a: DateRef, b: DateRef) -> bool:
    """True when the two state at least one common field."""
    return bool(a.fields().keys() & b.fields().keys())


# --- places ---------------------------------------------------------------------------------

_FIRST_WORDS = frozenset(name.split()[0] for name in PLACES)
_LOCATIVE = re.compile(r"\b(?:in|at|to|à|au|en|near|outside|off)\s+(?:the\s+)?$", re.IGNORECASE)


def _places(text: str, locative_only: bool = False) -> list[tuple[Place, str]]:
    """Gazetteer places named in `text`, optionally only after "in/at/to"."""
    out: list[tuple[Place, str]] = []
    folded = fold(text)
    words = [(w.group(), w.start()) for w in re.finditer(r"[\w'’-]+", folded)]
    i = 0
    while i < len(words):
        first = words[i][0]
        if first not in _FIRST_WORDS and first[1:] not in _FIRST_WORDS:
            i += 1
            continue
        hit = None
        for n in (3, 2, 1):
            if i + n > len(words):
                continue
            phrase = " ".join(w for w, _ in words[i : i + n])
            if phrase not in PLACES and phrase[:1] in "وبل" and not phrase.isascii():
                phrase = phrase[1:]  # Arabic clitics: "والمغرب", "بالرباط"
            if phrase in PLACES:
                hit = (PLACES[phrase], n)
                break
        if hit is None:
            i += 1
            continue
        place, n = hit
        start = words[i][1]
        surface = text[start : words[i + n - 1][1] + len(words[i + n - 1][0])]
        if place.level != "country" and not surface[:1].isupper() and surface.isascii():
            i += n
            continue
        if not locative_only or _LOCATIVE.search(text[max(0, start - 15) : start]):
            out.append((place, surface))
        i += n
    return out


_DAY_MONTH = re.compile(
    r"\b(?:(?P<m>" + "|".join(k.capitalize() for k in _MONTH_NAMES) + r")\.?\s+(?P<d>\d{1,2})\b"
    r"|(?P<d2>\d{1,2})\s+(?P<m2>"
    + "|".join(n for k in _MONTH_NAMES for n in (k, k.capitalize()))
    + r")\b)"
)


def day_months(text: str) -> list[tuple[int, int]]:
    """(month, day) pairs written in `text`: a fast subset of `dates` for corpus profiles."""
    out = []
    for m in _DAY_MONTH.finditer(text):
        month = fold(m.group("m") or m.group("m2"))
        day = int(m.group("d") or m.group("d2"))
        if 1 <= day <= 31 and month in _MONTHS:
            out.append((_MONTHS[month], day))
    return out


# --- cached entry points -----------------------------------------------------------------------
# One compare asks for the facts of the same sentences several times (sentence features,
# conflicts, story profiles); similar-article lists compare one target with many candidates.


@lru_cache(maxsize=8192)
def _quantities_cached(text: str, words: bool) -> tuple[Quantity, ...]:
    return tuple(_quantities(text, words))


@lru_cache(maxsize=8192)
def _dates_cached(text: str) -> tuple[DateRef, ...]:
    return tuple(_dates(text))


@lru_cache(maxsize=8192)
def _places_cached(text: str, locative_only: bool) -> tuple[tuple[Place, str], ...]:
    return tuple(_places(text, locative_only))


def quantities(text: str, words: bool = True) -> list[Quantity]:
    """Amounts in `text` other than years, dates and model designations.

    `words=False` skips spelled-out numbers ("three days"), which is much faster.
    """
    return list(_quantities_cached(text, words))


def dates(text: str) -> list[DateRef]:
    """Dates, months, years and weekdays in `text`."""
    return list(_dates_cached(text))


def places(text: str, locative_only: bool = False) -> list[tuple[Place, str]]:
    """Gazetteer places named in `text`, optionally only after "in/at/to"."""
    return list(_places_cached(text, locative_only))


def clear_caches() -> None:
    """Forget cached facts (benchmarks time cold runs)."""
    for fn in (_quantities_cached, _dates_cached, _places_cached):
        fn.cache_clear()
