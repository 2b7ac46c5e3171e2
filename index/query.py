"""Query-string checks and rewrites that sit in front of Whoosh's parser.

Whoosh's parser never fails: it silently turns an unclosed quote or an unknown field into
plain words, which hides the user's mistake. We check the string first and return a clear
message instead, then rewrite friendly date syntax (`published:2021-11`,
`published:[2022 to 2023]`) to ranges on the numeric date column.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass

from whoosh.qparser import FuzzyTermPlugin, MultifieldParser
from whoosh.query import NullQuery, Or, Query, Term

from .store import build_schema

DEFAULT_FIELDS = ("title", "body", "body_fr", "body_ar")
# Fields a user may name in a query; internal fields stay hidden.
USER_FIELDS = (
    "title",
    "body",
    "captions",
    "source",
    "author",
    "url",
    "language",
    "published",
    "year",
    "id",
    "path",
    "person",
    "org",
    "place",
    "equipment",
    "entity",
)
_FIELD_RE = re.compile(r"(?<![\w\"])([A-Za-z_]+):")
_DATE = r"\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?"
_PUB_RANGE = re.compile(
    rf"\bpublished:([\[{{])\s*({_DATE})?\s+to\s+({_DATE})?\s*([\]}}])", re.IGNORECASE
)
_PUB_ONE = re.compile(rf"\bpublished:({_DATE})\b")
_OPERATOR = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
ENTITY_FIELDS = ("person", "org", "place", "equipment")
# person:"Benny Gantz", org:IDF, entity:Rabat -> a placeholder term, expanded after parsing.
_ENTITY_TERM = re.compile(r'(?<![\w"])(person|org|place|equipment|entity):("([^"]*)"|[^\s()"]+)')
_SLOT = "defxentity{}x"


class QueryError(ValueError):
    """A query the user must fix; the message says what and where."""


@dataclass(frozen=True)
class Prepared:
    """A parsed query plus the plain words in it (for suggestions and highlighting)."""

    query: Query
    words: tuple[str, ...]


def _date_bounds(value: str) -> tuple[int, int]:
    parts = [int(p) for p in value.split("-")]
    year = parts[0]
    month_lo, month_hi = (parts[1], parts[1]) if len(parts) > 1 else (1, 12)
    day_lo, day_hi = (parts[2], parts[2]) if len(parts) > 2 else (1, 31)
    if not (1 <= month_lo <= 12 and 1 <= day_lo <= 31):
        raise QueryError(f"invalid date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    return year * 10000 + month_lo * 100 + day_lo, year * 10000 + month_hi * 100 + day_hi


def _rewrite_dates(text: str) -> str:
    def one_range(m: re.Match[str]) -> str:
        lo = str(_date_bounds(m.group(2))[0]) if m.group(2) else ""
        hi = str(_date_bounds(m.group(3))[1]) if m.group(3) else ""
        return f"pubnum:{m.group(1)}{lo} TO {hi}{m.group(4)}"

    def one_date(m: re.Match[str]) -> str:
        lo, hi = _date_bounds(m.group(1))
        return f"pubnum:[{lo} TO {hi}]"

    return _PUB_ONE.sub(one_date, _PUB_RANGE.sub(one_range, text))


def check(text: str) -> None:
    """Raise QueryError for mistakes Whoosh would silently swallow."""
    if text.count('"') % 2:
        raise QueryError(f'unclosed quote at column {text.rfind(chr(34)) + 1}: add a closing "')
    depth = 0
    for i, ch in enumerate(text):
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            depth -= 1
            if depth < 0:
                raise QueryError(f"unexpected {ch!r} at column {i + 1}")
    if depth:
        raise QueryError("unclosed bracket: add the missing ) or ]")
    for m in _FIELD_RE.finditer(text):
        if m.group(1) not in USER_FIELDS:
            raise QueryError(
                f"unknown field {m.group(1)!r} at column {m.start() + 1}; "
                f"fields: {', '.join(USER_FIELDS)}"
            )
    words = text.split()
    if words and (words[0] in _OPERATOR - {"NOT"} or words[-1] in _OPERATOR):
        raise QueryError(
            f"operator {words[0] if words[0] in _OPERATOR else words[-1]} "
            "needs a term on both sides"
        )
    for a, b in itertools.pairwise(words):
        if a in _OPERATOR - {"NOT"} and b in _OPERATOR - {"NOT"}:
            raise QueryError(f"two operators in a row: {a} {b}")


def plain_words(text: str) -> tuple[str, ...]:
    """The free-text words of a query, without fields, operators or syntax."""
    stripped = re.sub(r"\b[A-Za-z_]+:(\"[^\"]*\"|[\[{][^\]}]*[\]}]|\S+)", " ", text)
    words = re.findall(r"[^\W\d_][\w'-]*", stripped)
    return tuple(w for w in words if w not in _OPERATOR and w.upper() != "TO")


class QueryBuilder:
    """Parses user query strings against the article schema (one instance, reused)."""

    def __init__(self, expand: Callable[[str, str], Query | None] | None = None) -> None:
        self.schema = build_schema()
        self.parser = MultifieldParser(list(DEFAULT_FIELDS), self.schema)
        self.parser.add_plugin(FuzzyTermPlugin())
        # Entity filters (person:"X") are resolved through the alias table when given.
        self.expand = expand

    def prepare(self, text: str) -> Prepared:
        """Check and parse `text`; raises QueryError with a user-facing message."""
        text = text.strip()
        check(text)
        rewritten, slots = _entity_slots(_rewrite_dates(text))
        try:
            parsed = self.parser.parse(rewritten)
        except Exception as exc:  # whoosh raises assorted errors on odd input
            raise QueryError(f"cannot parse query: {exc}") from exc
        if slots:
            parsed = self._fill_slots(parsed, slots)
        if parsed is NullQuery or _has_null(parsed):
            raise QueryError("the query has an empty part, e.g. a range with no bounds")
        return Prepared(parsed, plain_words(text))

    def expand_entity(self, field: str, value: str) -> Query:
        """The query for one entity filter: the `expand` hook's, else the literal name."""
        expanded = self.expand(field, value) if self.expand is not None else None
        if expanded is not None:
            return expanded
        fields = ENTITY_FIELDS if field == "entity" else (field,)
        return Or([Term(f, value) for f in fields]) if len(fields) > 1 else Term(field, value)

    def _fill_slots(self, q: Query, slots: dict[str, tuple[str, str]]) -> Query:
        if isinstance(q, Term) and q.text in slots:
            return self.expand_entity(*slots[q.text])
        return q.apply(lambda sub: self._fill_slots(sub, slots))


def _entity_slots(text: str) -> tuple[str, dict[str, tuple[str, str]]]:
    """Swap entity filters for placeholder terms the parser keeps as single terms.

    Whoosh would split a quoted name on the keyword field and has no `entity` field.
    """
    slots: dict[str, tuple[str, str]] = {}

    def one(m: re.Match[str]) -> str:
        value = m.group(3) if m.group(3) is not None else m.group(2)
        slot = _SLOT.format(len(slots))
        slots[slot] = (m.group(1), value.strip())
        return f"person:{slot}"

    return _ENTITY_TERM.sub(one, text), slots


def _has_null(q: Query) -> bool:
    if q is NullQuery:
        return True
    return any(_has_null(c) for c in q.children())
