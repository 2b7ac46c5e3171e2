"""Language-light keys for matching sentences across outlets and languages.

Entity-like keys (capitalised names, numbers, and a small multilingual gazetteer of
countries and capitals) let an Arabic or French sentence meet an English one when no
entity extractor output is available; content words give lexical similarity.
"""

from __future__ import annotations

import re

from .dates_lex import fold

# Well-known places in French and Arabic spellings -> one English key.
GAZETTEER = {
    "maroc": "morocco", "marocain": "morocco", "marocaine": "morocco", "marocains": "morocco",
    "المغرب": "morocco", "المغربية": "morocco", "المغربي": "morocco", "moroccan": "morocco",
    "israël": "israel", "israel": "israel", "israélien": "israel", "israélienne": "israel",
    "israeli": "israel", "اسرائيل": "israel", "الاسرائيلي": "israel",
    "الاسرائيلية": "israel", "algérie": "algeria", "algérien": "algeria",
    "algerian": "algeria", "الجزائر": "algeria", "الجزائري": "algeria", "rabat": "rabat",
    "الرباط": "rabat", "alger": "algiers", "algiers": "algiers", "بحرين": "bahrain",
    "البحرين": "bahrain", "bahreïn": "bahrain", "émirats": "uae", "الامارات": "uae",
    "uae": "uae", "emirates": "uae", "emirati": "uae", "france": "france",
    "فرنسا": "france", "french": "france", "français": "france", "française": "france",
    "espagne": "spain", "اسبانيا": "spain", "spain": "spain", "spanish": "spain",
    "sahara": "western-sahara", "الصحراء": "western-sahara", "polisario": "polisario",
    "البوليساريو": "polisario", "washington": "united-states", "واشنطن": "united-states",
    "américain": "united-states", "امريكا": "united-states", "tel-aviv": "tel-aviv",
    "jerusalem": "jerusalem", "jérusalem": "jerusalem", "القدس": "jerusalem",
}  # fmt: skip

STOPWORDS = frozenset(
    str.split(
        """the a an and or of in on at to for from by with as is are was were be been has have
    had it its this that these those which who whom whose their there than then into over
    after before during since between about also his her he she they them will would
    said says told not but more most other such may can could should our we you your
    le la les un une des du de et ou en au aux par pour sur dans avec est sont été a ont
    qui que quoi dont ce cet cette ces son sa ses leur leurs il elle ils elles pas plus
    في من على الى عن مع ان هذا هذه ذلك التي الذي كما بين قد كان وقد حيث بعد قبل الى او
    monday tuesday wednesday thursday friday saturday sunday january february march april
    june july august september october november december today yesterday week month year
    lundi mardi mercredi jeudi vendredi samedi dimanche"""
    )
)

_CAPS = re.compile(r"\b[A-ZÀ-Ý][\w'’-]*(?:\s+(?:[A-ZÀ-Ý][\w'’-]*|al|el|bin|ben|de|du))*")
# A number may carry a money scale written against it ("$22m", "$1.5bn", "300mn"): the
# value is the key, as it is for "$22 million", so both spellings of one sum match.
_NUMBER = re.compile(r"(?<![\w.])(\d[\d,.]*\d|\d{2,})(?:mn|bn|m|b|k)?(?![\w])")
_WORD = re.compile(r"\w+")
_LEADING = frozenset(
    str.split(
        "the a an in on at since after before during his her its their le la les un une en "
        "au this that these those"
    )
)


def capitalised_names(text: str) -> list[str]:
    """Runs of capitalised words, minus leading function words and date words."""
    names: list[str] = []
    for m in _CAPS.finditer(text):
        words = m.group().split()
        while words and words[0].lower() in _LEADING:
            words = words[1:]
        words = [w for w in words if w.lower().strip("'’") not in STOPWORDS]
        if words and len(" ".join(words)) > 2 and not words[0].isdigit():
            names.append(" ".join(words))
    return names


def entity_keys(names: list[str] | tuple[str, ...], text: str) -> set[str]:
    """Match keys: name tokens, gazetteer places found in the text, and bare numbers."""
    keys: set[str] = set()
    for name in names:
        for token in _WORD.findall(fold(name).lower()):
            if len(token) >= 3 and token not in STOPWORDS:
                keys.add(GAZETTEER.get(token, token))
    folded = fold(text).lower()
    for token in _WORD.findall(folded):
        stripped = token[2:] if token.startswith(("وال", "بال")) else token
        for form in (token, stripped, token[1:] if token[:1] in "وبل" else token):
            if form in GAZETTEER:
                keys.add(GAZETTEER[form])
    return keys


def numbers(text: str, skip: tuple[int, int] | None = None) -> set[str]:
    """Numbers of two digits or more (money, counts), outside the `skip` span."""
    found: set[str] = set()
    for m in _NUMBER.finditer(fold(text)):
        if skip and m.start() < skip[1] and skip[0] < m.end():
            continue
        value = m.group(1).replace(",", "")
        if len(value) == 4 and value[:2] in ("19", "20"):
            continue  # years are compared as dates, not as numbers
        found.add("#" + value.rstrip("0").rstrip(".") if "." in value else "#" + value)
    return found


def content_words(text: str) -> set[str]:
    """Lower-cased content words cut to a 6-letter stem (cheap, language-agnostic)."""
    out: set[str] = set()
    for token in _WORD.findall(fold(text).lower()):
        if len(token) >= 4 and token not in STOPWORDS and not token.isdigit():
            out.add(token[:6])
    return out
