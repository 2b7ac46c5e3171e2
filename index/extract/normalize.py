"""String normalisation shared by the gazetteer, the extractor and the alias table.

Three levels, from strict to loose:
- `fold`: case, diacritics, apostrophes and dashes unified (used to compare surfaces);
- `name_key`: `fold` plus tokenisation and dropping name particles ("El Farouk" = "el-Farouk");
- `skeleton`: a transliteration-tolerant key for fuzzy matching ("Kochavi" ~ "Kohavi",
  "Mohammed" ~ "Muhammad", "Morroco" ~ "Morocco").
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

WORD_RE = re.compile(r"[^\W_]+")
ARABIC_RE = re.compile(r"[\u0600-\u06FF]")
_APOS = str.maketrans(
    {"’": "'", "‘": "'", "`": "'", "´": "'", "‐": "-", "‑": "-", "–": "-", "—": "-"}
)

# Name particles that writers add, drop or hyphenate freely; ignoring them keeps
# "Belkhir El Farouk", "Belkhir el-Farouk" and "Al Nuaimi"/"Nuaimi" comparable.
PARTICLES = frozenset(
    {
        "al",
        "el",
        "ad",
        "ed",
        "as",
        "ash",
        "at",
        "the",
        "de",
        "du",
        "des",
        "da",
        "di",
        "le",
        "la",
        "l",
        "d",
    }
)

_AR_DIACRITICS = re.compile(r"[\u064B-\u0652\u0670\u0640]")
_AR_MAP = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})


@lru_cache(maxsize=131072)
def fold(text: str) -> str:
    """Casefold, strip diacritics and unify apostrophes/dashes (Arabic letters are kept)."""
    text = text.translate(_APOS)
    if ARABIC_RE.search(text):
        return fold_arabic(text)
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold()


def fold_arabic(text: str) -> str:
    """Normalise Arabic spelling variants: short vowels, tatweel, alef, ya and ta marbuta."""
    return _AR_DIACRITICS.sub("", text).translate(_AR_MAP)


def tokens(text: str) -> list[str]:
    """Folded word tokens (apostrophes, hyphens and dots separate tokens)."""
    return WORD_RE.findall(fold(text))


@lru_cache(maxsize=262144)
def name_key(name: str) -> str:
    """Key under which two spellings of one name are considered identical."""
    toks = tokens(name)
    kept = [t for t in toks if t not in PARTICLES]
    return " ".join(kept or toks)


_SKELETON_RULES = (
    ("ph", "f"),
    ("ck", "k"),
    ("ch", "h"),
    ("kh", "k"),
    ("gh", "g"),
    ("dj", "j"),
    ("ou", "u"),
    ("ee", "i"),
    ("c", "k"),
    ("q", "k"),
    ("o", "u"),
    ("e", "a"),
    ("y", "i"),
    ("w", "u"),
)


@lru_cache(maxsize=262144)
def skeleton(name: str) -> str:
    """Loose key: vowels and common transliteration pairs collapsed, doubled letters merged."""
    out = []
    for tok in name_key(name).split():
        for a, b in _SKELETON_RULES:
            tok = tok.replace(a, b)
        merged = re.sub(r"(.)\1+", r"\1", tok)
        out.append(merged)
    return " ".join(out)


def digits(name: str) -> str:
    """The digits of a name, so that "Hermes 450" never fuzzily matches "Hermes 900"."""
    return "".join(c for c in name if c.isdigit())


def is_acronym(text: str) -> bool:
    """True for short all-capital forms such as IDF, FAR, U.S., IAI."""
    letters = [c for c in text if c.isalpha()]
    return 1 < len(letters) <= 6 and all(c.isupper() for c in letters) and " " not in text.strip()


def _joins_word(ch: str) -> bool:
    # Exactly the regex class [\w-]: `\w` on str patterns is isalnum() or "_".
    return ch.isalnum() or ch == "_" or ch == "-"


def standalone(text: str, word: str) -> Iterator[tuple[int, int]]:
    """Spans of `word` in `text` with no word character or hyphen touching either side.

    Same matches, in the same order, as `re.finditer(rf"(?<![\\w-]){re.escape(word)}(?![\\w-])")`.
    Per-name patterns overflowed `re`'s 512-entry cache on real articles, so every call
    recompiled one: a third of entity resolution's time went to the regex compiler.
    """
    size = len(word)
    if not size:
        return
    pos = text.find(word)
    while pos >= 0:
        end = pos + size
        if (pos == 0 or not _joins_word(text[pos - 1])) and (
            end == len(text) or not _joins_word(text[end])
        ):
            yield pos, end
            pos = text.find(word, end)
        else:
            pos = text.find(word, pos + 1)
