"""Corpus methods for the timeline: the events index, stories and date conflicts.

Queries use the Search pane's syntax (`check` from query.py), with field names mapped
onto the events index: `entity:`, `person:`, `org:`, `place:` and `equipment:` search an
event's entities, `source:` its outlet, `title:`/`body:` its sentence. Matching runs on
document numbers and sortable columns, so only the rows returned are loaded.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Sequence

from whoosh.qparser import QueryParser
from whoosh.query import And, NumericRange, Or, Query, Term
from whoosh.searching import Searcher

from .corpus_base import CorpusBase, ProgressFn
from .events_store import (
    EVENT,
    STORY,
    EventStore,
    build_events_schema,
    date_end_num,
    event_from_stored,
    singleton_story,
    story_from_stored,
)
from .model import Event, FacetValue, Progress, Story, TimelineBin, TimelineResult
from .query import QueryError, check
from .store import pubnum

_FIELD = re.compile(r"(?<![\w\"])([A-Za-z_]+):")
_DATE = re.compile(r"^\d{4}(?:-\d{1,2}(?:-\d{1,2})?)?$")
# Search-pane field names -> events index fields.
FIELD_MAP = {
    "title": "text",
    "body": "text",
    "captions": "text",
    "source": "source",
    "entity": "entities",
    "person": "entities",
    "org": "entities",
    "place": "entities",
    "equipment": "entities",
    "id": "article_id",
}
GRANULARITIES = ("year", "month", "day")
MAX_BINS = 400  # more bins than this are coarsened: a sparkline cannot show them anyway
_LAST = 99_999_999


def date_range(date_from: str | None, date_to: str | None) -> tuple[int, int | None] | None:
    """YYYYMMDD bounds of a date range given as YYYY[-MM[-DD]] strings (None: no range;
    an open end is None, because Whoosh's numeric ranges misbehave near the type's top)."""
    if not date_from and not date_to:
        return None
    for value in (date_from, date_to):
        if value and not _DATE.match(value.strip()):
            raise QueryError(f"invalid date {value!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    lo = pubnum(date_from.strip()) if date_from else 1
    hi = date_end_num(date_to.strip()) if date_to else None
    if hi is not None and lo > hi:
        raise QueryError(f"the date range is empty: {date_from} is after {date_to}")
    return lo, hi


def _rewrite_fields(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        name = m.group(1)
        if name not in FIELD_MAP:
            raise QueryError(
                f"field {name!r} is not available in the timeline; fields: "
                f"{', '.join(FIELD_MAP)} (dates: use the date range)"
            )
        return f"{FIELD_MAP[name]}:"

    return _FIELD.sub(one, text)


class _Parser:
    """Parses timeline query strings (one per corpus; Whoosh parsers are reusable)."""

    def __init__(self) -> None:
        self.parser = QueryParser("text", build_events_schema())

    def parse(self, text: str) -> Query | None:
        text = text.strip()
        if not text:
            return None
        check(text)
        try:
            return self.parser.parse(_rewrite_fields(text))
        except QueryError:
            raise
        except Exception as exc:  # whoosh raises assorted errors on odd input
            raise QueryError(f"cannot parse query: {exc}") from exc


def _period(num: int, granularity: str) -> str:
    y, m, d = num // 10000, num // 100 % 100, num % 100
    if granularity == "year":
        return f"{y:04d}"
    if granularity == "month":
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def _periods(first: int, last: int, granularity: str) -> list[str]:
    """Every period from `first` to `last` (YYYYMMDD) inclusive."""
    import datetime as dt

    y0, m0 = first // 10000, first // 100 % 100
    y1, m1 = last // 10000, last // 100 % 100
    if granularity == "year":
        return [f"{y:04d}" for y in range(y0, y1 + 1)]
    if granularity == "month":
        return [f"{i // 12:04d}-{i % 12 + 1:02d}" for i in range(y0 * 12 + m0 - 1, y1 * 12 + m1)]
    day = dt.date(y0, m0, max(1, min(first % 100, 28)))
    end = dt.date(y1, m1, max(1, min(last % 100, 28)))
    out: list[str] = []
    while day <= end:
        out.append(day.isoformat())
        day += dt.timedelta(days=1)
    return out


def histogram(dates: Sequence[int], granularity: str = "auto") -> tuple[str, list[TimelineBin]]:
    """Counts per period over dated YYYYMMDD values, empty periods included.

    "auto" picks months for spans under 15 years, else years; any choice whose bins
    would exceed MAX_BINS falls back to the next coarser one.
    """
    dated = [d for d in dates if d]
    if not dated:
        return ("month" if granularity == "auto" else granularity), []
    first, last = min(dated), max(dated)
    if granularity not in GRANULARITIES:
        granularity = "month" if last // 10000 - first // 10000 < 15 else "year"
    while True:
        periods = _periods(first, last, granularity)
        if len(periods) <= MAX_BINS or granularity == "year":
            break
        granularity = GRANULARITIES[GRANULARITIES.index(granularity) - 1]
    counts = Counter(_period(d, granularity) for d in dated)
    return granularity, [TimelineBin(p, counts.get(p, 0)) for p in periods]


class TimelineMixin(CorpusBase):
    """Timeline queries over the events index, and its upkeep at ingest.

    Each query opens its own searcher on the last committed state, so queries from UI
    threads neither wait for nor block an ingest.
    """

    _event_store_obj: EventStore | None = None
    _timeline_parser: _Parser | None = None

    def _events(self) -> EventStore:
        with self._lock:
            if self._event_store_obj is None:
                self._event_store_obj = EventStore(self.root)
            return self._event_store_obj

    def _update_events(
        self, events: Sequence[Event], changed: Sequence[str], rebuild: bool, notify: ProgressFn
    ) -> None:
        """Replace the events of changed articles, add new ones, and regroup stories."""
        # Imported here: grouping is ingest work, never needed to open a corpus.
        from .extract.stories import group_stories

        notify(Progress("timeline", 0, 1))
        started = time.perf_counter()
        # Not under the corpus lock: the caller holds the write lock, and readers keep
        # seeing the last commit while stories are regrouped (slow on big corpora).
        store = self._events()
        stats = store.replace(events, changed, rebuild, group_stories)
        store.mark_derived(self._commit_key())
        seconds = time.perf_counter() - started
        notify(Progress("timeline", 1, 1, f"{stats.events} events, {stats.stories} stories, "
                                          f"{seconds:.1f}s"))  # fmt: skip

    def _events_behind(self) -> bool:
        """True when the events index does not reflect the committed articles: an ingest
        was interrupted after its article commit, or the events index was lost."""
        derived = self._events().derived_from()
        if derived is None or derived == self._commit_key():
            return False
        with self._lock:
            return int(self._searching().searcher.doc_count()) > 0

    def _events_from_articles(self, skip: Sequence[str]) -> list[Event]:
        """The events of every stored article but `skip`, derived again from its stored
        text and entity mentions (no NLP model: the mentions are stored)."""
        # Imported here: date extraction is ingest work, never needed to open a corpus.
        from .entity_view import parse_mentions
        from .extract.events import extract_events

        skipped = set(skip)
        events: list[Event] = []
        with self._lock:
            fields = list(self._searching().searcher.reader().all_stored_fields())
        for f in fields:
            raw = f.get("mentions")
            if not raw or f["id"] in skipped:  # no mentions field: extraction was off
                continue
            language = f.get("language")
            events += extract_events(
                f["id"], f.get("path") or "", f.get("source") or None, f.get("text") or "",
                f.get("captions") or "", None if language in (None, "und") else language,
                f.get("published") or None, parse_mentions(raw),
            )  # fmt: skip
        return events

    # -- queries ------------------------------------------------------------------------
    def _parser(self) -> _Parser:
        if self._timeline_parser is None:
            self._timeline_parser = _Parser()
        return self._timeline_parser

    def timeline(
        self,
        query: str = "",
        *,
        entity: str | None = None,
        source: str | None = None,
        date_from: str | None = None,
        date_to: str | None = None,
        include_unresolved: bool = True,
        limit: int | None = None,
        granularity: str = "auto",
    ) -> TimelineResult:
        """Events matching `query` and the filters, oldest first (undated last).

        A date range keeps events whose start falls inside it (undated ones drop out);
        `entity` and `source` match whole names, ignoring case. Bad syntax or dates come
        back in `error`, never as an exception.
        """
        try:
            parts: list[Query] = [Term("kind", EVENT)]
            parsed = self._parser().parse(query)
            if parsed is not None:
                parts.append(parsed)
            if entity and entity.strip():
                parts.append(Term("entities", entity.strip().replace(",", " ").lower()))
            if source and source.strip():
                parts.append(Term("source_key", source.strip().lower()))
            bounds = date_range(date_from, date_to)
            if bounds is not None:
                parts.append(NumericRange("datenum", *bounds))
            elif not include_unresolved:
                parts.append(NumericRange("datenum", 1, None))
        except QueryError as exc:
            return TimelineResult(query=query, total=0, error=str(exc))
        with self._events().searcher() as s:
            return self._run(s, query, And(parts), limit, granularity)

    def _run(
        self, s: Searcher, query: str, q: Query, limit: int | None, granularity: str
    ) -> TimelineResult:
        reader = s.reader()
        if reader.doc_count_all() == 0:  # a fresh index has no columns to read yet
            return TimelineResult(query=query, total=0)
        datenum = reader.column_reader("datenum")
        order = reader.column_reader("order")
        keys = reader.column_reader("source_key")
        docs = [(int(datenum[d]) or _LAST, str(order[d]), d) for d in s.docs_for_query(q)]
        docs.sort()
        picked = docs if limit is None else docs[: max(limit, 0)]
        events = tuple(event_from_stored(s.stored_fields(d)) for _, _, d in picked)
        gran, bins = histogram([n for n, _, _ in docs if n != _LAST], granularity)
        by_key: Counter[str] = Counter()
        first_doc: dict[str, int] = {}
        for _, _, d in docs:
            key = str(keys[d])
            by_key[key] += 1
            first_doc.setdefault(key, d)
        sources = tuple(
            FacetValue(s.stored_fields(first_doc[k]).get("source") or "(unknown)", n)
            for k, n in sorted(by_key.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        story_ids = sorted({e.story for e in events if e.story})
        stories = self._stories_by_id(s, story_ids)
        return TimelineResult(
            query=query,
            total=len(docs),
            events=events,
            histogram=tuple(bins),
            granularity=gran,
            undated=sum(1 for n, _, _ in docs if n == _LAST),
            sources=sources,
            stories=stories,
        )

    @staticmethod
    def _stories_by_id(s: Searcher, ids: Sequence[str]) -> tuple[Story, ...]:
        found: list[Story] = []
        for i in range(0, len(ids), 512):  # keep each Or small
            chunk = [Term("id", sid) for sid in ids[i : i + 512]]
            q = And([Term("kind", STORY), Or(chunk)])
            found.extend(story_from_stored(s.stored_fields(d)) for d in s.docs_for_query(q))
        return tuple(sorted(found, key=lambda st: st.id))

    def stories(self, *, min_sources: int = 1) -> tuple[Story, ...]:
        """Stories of two or more events reported by at least `min_sources` sources,
        oldest first (undated last). An event no other event joined is its own story,
        reachable through `story()` but not listed here."""
        q: Query = Term("kind", STORY)
        if min_sources > 1:
            q = And([q, NumericRange("nsources", min_sources, None)])
        with self._events().searcher() as s:
            reader = s.reader()
            if reader.doc_count_all() == 0:  # a fresh index has no columns to read yet
                return ()
            datenum = reader.column_reader("datenum")
            order = reader.column_reader("order")
            docs = sorted((int(datenum[d]) or _LAST, str(order[d]), d) for d in s.docs_for_query(q))
            return tuple(story_from_stored(s.stored_fields(d)) for _, _, d in docs)

    def story(self, story_id: str) -> Story | None:
        """One story by id (single-event stories included), or None."""
        with self._events().searcher() as s:
            for d in s.docs_for_query(And([Term("kind", STORY), Term("id", story_id)])):
                return story_from_stored(s.stored_fields(d))
            for d in s.docs_for_query(And([Term("kind", EVENT), Term("story", story_id)])):
                return singleton_story(event_from_stored(s.stored_fields(d)))
        return None

    def events_for_article(self, article_id: str) -> tuple[Event, ...]:
        """An article's events in reading order."""
        return self._events_in_order(And([Term("kind", EVENT), Term("article_id", article_id)]))

    def _events_in_order(self, q: Query) -> tuple[Event, ...]:
        with self._events().searcher() as s:
            if s.reader().doc_count_all() == 0:  # a fresh index has no columns to read yet
                return ()
            order = s.reader().column_reader("order")
            docs = sorted((str(order[d]), d) for d in s.docs_for_query(q))
            return tuple(event_from_stored(s.stored_fields(d)) for _, d in docs)

    def story_events(self, story_id: str) -> tuple[Event, ...]:
        """The events of one story, in the story's order (every source's sentence)."""
        return self._events_in_order(And([Term("kind", EVENT), Term("story", story_id)]))

    def event_count(self) -> int:
        """Number of events in the timeline."""
        with self._events().searcher() as s:
            return sum(1 for _ in s.docs_for_query(Term("kind", EVENT)))
