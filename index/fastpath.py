"""Whoosh-level shortcuts for the search path, measured with bench/search.py.

- `AllMatches`: for queries the array evaluator (vector.py) cannot run, one pass over
  Whoosh's matcher yields the top N *and* the exact set of matches, instead of walking
  every posting list twice (docs_for_query, then a filtered top-N search).
- `DateDocs`: a date range answered from a per-segment sorted copy of the `pubnum`
  column (bisect) instead of Whoosh's numeric-range union of trie terms, which costs as
  much as a common word. Both evaluators use it.
- `WordMatcher`: highlights by analyzing each distinct word of a hit's text once (one
  analyzer pass, cached across hits) and finding the matching words with one regex,
  instead of running the analyzer chain over every word of every hit.
"""

from __future__ import annotations

import bisect
import re
from typing import Any

from whoosh.analysis import Analyzer
from whoosh.collectors import TopCollector
from whoosh.matching import ListMatcher, Matcher, NullMatcher
from whoosh.query import NumericRange, Query
from whoosh.reading import IndexReader

from .analysis import _WORD

DATE_FIELD = "pubnum"
_WORD_RE = re.compile(_WORD)


class AllMatches(TopCollector):  # type: ignore[misc]
    """Top-N by score plus the exact set of matching document numbers, in one pass."""

    def __init__(self, limit: int) -> None:
        # Block-quality skipping would leave matches unseen, and the total must be exact.
        super().__init__(limit=limit, usequality=False)

    def _collect(self, global_docnum: int, score: float) -> Any:
        self.docset.add(global_docnum)
        key = TopCollector._collect(self, global_docnum, score)
        # TopCollector raises minscore as the heap fills, and matcher.replace(minscore)
        # then prunes sub-queries that cannot beat it: documents the total must count.
        self.minscore = 0
        return key

    def all_ids(self) -> set[int]:
        return self.docset  # type: ignore[no-any-return]

    def count(self) -> int:
        return len(self.docset)


class DateIndex:
    """Per-segment (sorted dates, docnums) built from the sortable date column, cached."""

    def __init__(self) -> None:
        self._by_reader: dict[int, tuple[IndexReader, list[int], list[int]]] = {}

    def column(self, reader: IndexReader) -> tuple[list[int], list[int]]:
        """(dates, docnums) of the segment's live documents, in date order."""
        if not reader.doc_count_all():  # an empty index's reader has no columns at all
            return [], []
        entry = self._by_reader.get(id(reader))
        if entry is None or entry[0] is not reader:
            # Keep the reader in the entry so its id() cannot be reused while cached.
            entry = (reader, *_sorted_dates(reader))
            self._by_reader[id(reader)] = entry
        return entry[1], entry[2]

    def _slice(self, reader: IndexReader, lo: int | None, hi: int | None) -> tuple[int, int]:
        dates, _docnums = self.column(reader)
        a = bisect.bisect_left(dates, lo) if lo is not None else 0
        b = bisect.bisect_right(dates, hi) if hi is not None else len(dates)
        return a, b

    def count(self, reader: IndexReader, lo: int | None, hi: int | None) -> int:
        """How many of the segment's documents are dated within [lo, hi]."""
        a, b = self._slice(reader, lo, hi)
        return b - a

    def docs(self, reader: IndexReader, lo: int | None, hi: int | None) -> list[int]:
        """Sorted segment docnums whose date is within [lo, hi] (None = open end)."""
        a, b = self._slice(reader, lo, hi)
        return sorted(self.column(reader)[1][a:b])


def _sorted_dates(reader: IndexReader) -> tuple[list[int], list[int]]:
    """(dates, docnums) of the segment's live documents, by date then docnum."""
    from .postings import unsigned_column  # numpy: loaded with the first search

    values = unsigned_column(reader, DATE_FIELD)
    deleted = reader.has_deletions()
    if values is None:
        column = reader.column_reader(DATE_FIELD)
        pairs = sorted(
            (int(v), d) for d, v in enumerate(column) if not (deleted and reader.is_deleted(d))
        )
        return [p[0] for p in pairs], [p[1] for p in pairs]
    docs = values.argsort(kind="stable")  # ties stay in docnum order, as sorting pairs did
    if deleted:
        docs = docs[[not reader.is_deleted(d) for d in docs.tolist()]]
    dates: list[int] = values[docs].tolist()
    docnums: list[int] = docs.tolist()
    return dates, docnums


class DateDocs(Query):  # type: ignore[misc]
    """A constant-score date range served by a `DateIndex`."""

    def __init__(self, index: DateIndex, lo: int | None, hi: int | None, boost: float = 1.0):
        self.index = index
        self.fieldname = DATE_FIELD
        self.lo = lo
        self.hi = hi
        self.boost = boost

    def __eq__(self, other: object) -> bool:
        return isinstance(other, DateDocs) and (other.lo, other.hi) == (self.lo, self.hi)

    def __hash__(self) -> int:
        return hash((DATE_FIELD, self.lo, self.hi))

    def __repr__(self) -> str:
        return f"DateDocs({self.lo!r}, {self.hi!r})"

    def estimate_size(self, ixreader: IndexReader) -> int:
        # Exact and cheap (two bisections per segment), so an AND can start from it.
        return sum(
            self.index.count(leaf, self.lo, self.hi) for leaf, _base in ixreader.leaf_readers()
        )

    def matcher(self, searcher: Any, context: Any = None) -> Matcher:
        ids = self.index.docs(searcher.reader(), self.lo, self.hi)
        return ListMatcher(ids, all_weights=self.boost) if ids else NullMatcher()


def swap_date_ranges(q: Query, index: DateIndex) -> Query:
    """A copy of `q` with every date-column range replaced by a `DateDocs`."""
    if isinstance(q, NumericRange) and q.fieldname == DATE_FIELD:
        lo = None if q.start is None else int(q.start)
        hi = None if q.end is None else int(q.end)
        # Exclusive bounds ({a TO b}) on integer days: step inside.
        lo = lo + 1 if lo is not None and q.startexcl else lo
        hi = hi - 1 if hi is not None and q.endexcl else hi
        return DateDocs(index, lo, hi, q.boost)
    return q.apply(lambda sub: swap_date_ranges(sub, index))


class WordMatcher:
    """Finds the words of a text whose analyzed form is among the query terms."""

    def __init__(self) -> None:
        # Per analyzer: word as written -> its indexed term (None: a stopword, or several).
        self._forms: dict[int, dict[str, str | None]] = {}
        self._patterns: dict[frozenset[str], re.Pattern[str]] = {}

    @staticmethod
    def _analyze(analyzer: Analyzer, word: str) -> str | None:
        tokens = [t.text for t in analyzer(word, mode="query", removestops=False)]
        return tokens[0] if len(tokens) == 1 else None

    def form(self, analyzer: Analyzer, word: str) -> str | None:
        """The single indexed term `word` analyzes to, or None (a stopword, or several)."""
        forms = self._forms.setdefault(id(analyzer), {})
        if word not in forms:
            forms[word] = self._analyze(analyzer, word)
        return forms[word]

    def spans(self, analyzer: Analyzer, text: str, wanted: set[str]) -> list[tuple[int, int]]:
        """[start, end) of each word of `text` that analyzes to a term in `wanted`."""
        forms = self._forms.setdefault(id(analyzer), {})
        # Analyze each distinct word once, then find the matching ones with one regex
        # instead of a Python step per word of the text.
        words = set(_WORD_RE.findall(text))
        new = words.difference(forms)
        if len(forms) + len(new) > 200_000:  # a bound, not an LRU: refills cheaply
            forms.clear()
            new = words
        if new:
            self._learn(analyzer, forms, list(new))
        found = {w for w in words if forms[w] in wanted}
        if not found:
            return []
        return [(m.start(), m.end()) for m in self._pattern(frozenset(found)).finditer(text)]

    def _learn(self, analyzer: Analyzer, forms: dict[str, str | None], words: list[str]) -> None:
        # One analyzer pass over all the new words instead of one per word; each token
        # goes back to the word it starts in, and a word keeps a form only when it made
        # exactly one token, as `form` decides.
        starts: list[int] = []
        offset = 0
        for word in words:
            starts.append(offset)
            offset += len(word) + 1
        made: list[list[str]] = [[] for _ in words]
        joined = " ".join(words)
        for t in analyzer(joined, mode="query", removestops=False, chars=True):
            made[bisect.bisect_right(starts, t.startchar) - 1].append(t.text)
        forms.update((w, m[0] if len(m) == 1 else None) for w, m in zip(words, made, strict=True))

    def _pattern(self, words: frozenset[str]) -> re.Pattern[str]:
        pattern = self._patterns.get(words)
        if pattern is None:
            alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            # Whole tokens only, as _WORD cuts them: not inside a longer word, nor a part
            # of a dotted or hyphenated one ("oil" is not in "oil-rich").
            pattern = re.compile(rf"(?<!\w)(?<!\w[.-])(?:{alternatives})(?!\w)(?![.-]\w)")
            if len(self._patterns) > 1_000:
                self._patterns.clear()
            self._patterns[words] = pattern
        return pattern
