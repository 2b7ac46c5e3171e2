"""A small rule-based sentence splitter that keeps character offsets.

Every line is its own unit (captions, titles and chrome sit on their own lines in saved
pages); inside a line, a stop ends a sentence when a capital, digit, quote or Arabic
letter follows and the word before it is not an abbreviation or an initial.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

ABBREVIATIONS = frozenset(
    str.split(
        """mr mrs ms dr gen lt col maj brig adm capt cmdr sgt cpl st jr sr prof gov sen rep
    pres inc co corp ltd no nos vs etc u.s u.k u.n jan feb mar apr jun jul aug sep sept
    oct nov dec mt ft approx dept est fig vol m mme mlle me gén col cdt"""
    )
)
_STOP = re.compile(r"[.!?؟]+[\"'”’»)\]]*(?=\s+[\"'“‘«(\[]?[A-Z0-9\u0600-\u06FFÀ-Ý]|\s*$)")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def _is_abbreviation(line: str, stop: int) -> bool:
    if line[stop] != ".":
        return False
    m = _WORD_BEFORE.search(line[max(0, stop - 24) : stop])
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():
        return True  # an initial: "Brig.-Gen. G." or "J. Smith"
    return word.lower().rstrip(".") in ABBREVIATIONS


_CONTINUES = re.compile(r"(?<=[^\s.!?؟:;\"”»)\]])[ \t]*\n(?=[ \t]*[a-zà-ÿ0-9(])")


def _is_hard_wrapped(text: str) -> bool:
    """Wire copy wrapped at a fixed width: most lines have about the same length."""
    lengths = [len(line) for line in text.split("\n") if line.strip()]
    if len(lengths) < 5:
        return False
    return sum(55 <= n <= 80 for n in lengths) >= 0.6 * len(lengths)


def unwrap(text: str) -> str:
    """Same-length copy where line breaks inside a sentence become spaces.

    A break is inside a sentence when the line does not end with a stop and the next one
    starts in lower case, or everywhere but at blank lines in hard-wrapped wire copy.
    """
    if _is_hard_wrapped(text):
        return re.sub(r"(?<=\S)[ \t]*\n(?=[ \t]*\S)", lambda m: " " * len(m.group()), text)
    return _CONTINUES.sub(lambda m: " " * len(m.group()), text)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """[start, end) spans of sentences in `text`, whitespace trimmed, in order."""
    text = unwrap(text)
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start = 0
        for m in _STOP.finditer(line):
            if _is_abbreviation(line, m.start()):
                continue
            _add(spans, line, pos, start, m.end())
            start = m.end()
        _add(spans, line, pos, start, len(line))
        pos += len(line) + 1
    return spans


def _add(spans: list[tuple[int, int]], line: str, pos: int, start: int, end: int) -> None:
    chunk = line[start:end]
    stripped = chunk.strip()
    if not stripped:
        return
    lead = len(chunk) - len(chunk.lstrip())
    spans.append((pos + start + lead, pos + start + lead + len(stripped)))


class SentenceIndex:
    """Sentence spans of one text with lookup by offset."""

    def __init__(self, text: str) -> None:
        self.spans = split_sentences(text)
        self._starts = [s for s, _ in self.spans]

    def around(self, start: int, end: int) -> tuple[int, int]:
        """The sentence holding offset `start` (or [start, end) itself when none does)."""
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0:
            lo, hi = self.spans[i]
            if lo <= start < hi:
                return lo, max(hi, end)
        return start, end


@lru_cache(maxsize=4)
def sentence_index(text: str) -> SentenceIndex:
    """The (shared, read-only) SentenceIndex of `text`.

    Date finding splits the folded text and event building the original; folding changes
    no character in most texts, so the second split is usually a cache hit.
    """
    return SentenceIndex(text)
