"""Whoosh analyzers: one per body language, plus a multilingual one for titles.

Bodies go to a field per language (English stemming by default, French and Arabic
stemmers for those articles) so each is stemmed by rules that fit it; the query parser
searches all of them, and each field analyzes the query words its own way.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from functools import lru_cache

from whoosh.analysis import (
    Analyzer,
    Filter,
    LanguageAnalyzer,
    LowercaseFilter,
    RegexTokenizer,
    StemmingAnalyzer,
    Token,
)

# Arabic short vowels, shadda, sukun and tatweel carry no meaning for matching.
_AR_MARKS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670", "\u0640"}
_AR_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_WORD = r"\w+(?:[.-]\w+)*"


@lru_cache(maxsize=100_000)
def fold(text: str) -> str:
    """Accent- and Arabic-normalized form of one lowercase word."""
    if text.isascii():
        return text
    if any(c in _AR_MARKS for c in text):
        text = "".join(c for c in text if c not in _AR_MARKS)
    text = text.translate(_AR_FOLD)
    decomposed = unicodedata.normalize("NFD", text)
    # Drop Latin combining accents only; Arabic letters have no decomposition here.
    return "".join(c for c in decomposed if not unicodedata.combining(c)) or text


class FoldFilter(Filter):  # type: ignore[misc]
    """Folds accents and Arabic letter variants so "défense"/"defense" and أ/ا match."""

    def __call__(self, tokens: Iterator[Token]) -> Iterator[Token]:
        for t in tokens:
            t.text = fold(t.text)
            yield t


def english() -> Analyzer:
    """English stemming, also the fallback for unknown languages."""
    return StemmingAnalyzer(expression=_WORD, cachesize=100_000) | FoldFilter()


def french() -> Analyzer:
    """French stemming; folding after stemming keeps the stemmer's accent rules."""
    return LanguageAnalyzer("fr", cachesize=100_000) | FoldFilter()


def arabic() -> Analyzer:
    """Arabic: letter normalization, then the ISRI root stemmer."""
    return (
        RegexTokenizer(expression=_WORD)
        | LowercaseFilter()
        | FoldFilter()
        | LanguageAnalyzer("ar", cachesize=100_000).items[-1]
    )


def plain() -> Analyzer:
    """Lowercased, folded words without stemming: titles' exact words and spelling."""
    return RegexTokenizer(expression=_WORD) | LowercaseFilter() | FoldFilter()


BODY_FIELDS: dict[str, str] = {"fr": "body_fr", "ar": "body_ar"}


def body_field(language: str | None) -> str:
    """The body field that indexes an article in `language`."""
    return BODY_FIELDS.get(language or "", "body")
