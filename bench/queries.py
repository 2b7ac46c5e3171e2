"""The fixed query mix of the search benchmark, written once for both engines.

Each query carries its Whoosh form (the app's query syntax) and its FTS5 form (a MATCH
expression plus an optional date range on the companion table), so both engines do the same
logical work: top 20 by relevance (or by date) plus an exact total.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path


@dataclass(frozen=True)
class BenchQuery:
    """One query of the mix. `fts` is None for a pure date-range query (no MATCH)."""

    kind: str  # term, prefix, phrase, boolean, fielded, date
    whoosh: str
    fts: str | None
    date_from: str | None = None  # inclusive ISO days, for the FTS5 side
    date_to: str | None = None
    sort: str = "relevance"  # or "date" (newest first)


def _q(kind: str, text: str, fts: str | None = None, sort: str = "relevance") -> BenchQuery:
    return BenchQuery(kind, text, text if fts is None else fts, sort=sort)


def _d(whoosh_terms: str, fts: str | None, lo: str, hi: str, sort: str = "relevance") -> BenchQuery:
    rng = f"published:[{lo} to {hi}]"
    # Parentheses because AND binds tighter than OR in both syntaxes.
    terms = f"({whoosh_terms})" if " OR " in whoosh_terms else whoosh_terms
    text = f"{terms} AND {rng}" if terms else rng
    return BenchQuery("date", text, fts, lo, hi, sort)


# Very common words ("said", "pct", "company") are in on purpose: users type them, and their
# long posting lists are what pushes p95 up.
DEFAULT_QUERIES: tuple[BenchQuery, ...] = (
    # term
    _q("term", "oil"),
    _q("term", "wheat"),
    _q("term", "dollar"),
    _q("term", "coffee"),
    _q("term", "gold"),
    _q("term", "opec"),
    _q("term", "tariffs"),
    _q("term", "earnings"),
    _q("term", "yen"),
    _q("term", "shipping"),
    _q("term", "pct"),
    _q("term", "said"),
    _q("term", "company"),
    # prefix
    _q("prefix", "export*"),
    _q("prefix", "agricultur*"),
    # phrase
    _q("phrase", '"trade deficit"'),
    _q("phrase", '"interest rates"'),
    _q("phrase", '"crude oil"'),
    _q("phrase", '"central bank"'),
    _q("phrase", '"stock exchange"'),
    _q("phrase", '"money supply"'),
    _q("phrase", '"federal reserve"'),
    _q("phrase", '"net loss"'),
    _q("phrase", '"oil prices"'),
    _q("phrase", '"european community"'),
    # boolean
    _q("boolean", "oil AND opec"),
    _q("boolean", "wheat OR corn"),
    _q("boolean", "dollar NOT yen"),
    _q("boolean", "(coffee OR cocoa) AND brazil"),
    _q("boolean", "oil AND (iran OR iraq)"),
    _q("boolean", "bank AND rates AND cut"),
    _q("boolean", "japan AND semiconductors"),
    _q("boolean", '"trade deficit" AND japan'),
    _q("boolean", "sugar OR grain OR soybeans"),
    _q("boolean", "said AND pct"),
    # fielded
    _q("fielded", "title:oil"),
    _q("fielded", "title:wheat"),
    _q("fielded", 'title:"trade deficit"'),
    _q("fielded", "title:dollar AND body:yen"),
    _q("fielded", "source:reuters AND coffee"),
    _q("fielded", "title:opec"),
    _q("fielded", 'body:"crude oil" AND title:prices'),
    _q("fielded", "title:gold OR title:silver"),
    # date ranges (1987) alone, with terms, and sorted by date
    _d("", None, "1987-03-01", "1987-03-31"),
    _d("", None, "1987-04-06", "1987-04-10"),
    _d("", None, "1987-06-15", "1987-06-15"),
    _d("oil", "oil", "1987-03-01", "1987-03-31"),
    _d("wheat", "wheat", "1987-04-01", "1987-06-30"),
    _d('"interest rates"', '"interest rates"', "1987-09-01", "1987-10-31"),
    _d("dollar OR yen", "dollar OR yen", "1987-03-15", "1987-05-15"),
    _d("oil", "oil", "1987-01-01", "1987-12-31", sort="date"),
    _q("sorted", '"trade deficit"', sort="date"),
)


def load_queries(path: Path) -> tuple[BenchQuery, ...]:
    """Read a query mix from a JSON list of objects with BenchQuery's fields."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a JSON list of query objects")
    return tuple(BenchQuery(**item) for item in data)


def dump_queries(queries: tuple[BenchQuery, ...]) -> str:
    """The mix as JSON, a starting point for a custom --queries file."""
    return json.dumps([asdict(q) for q in queries], indent=2)
