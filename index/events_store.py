"""The events index: a second Whoosh index (<corpus>/events) holding timeline rows and stories.

Two kinds of documents share one schema, told apart by `kind`:

* `event`: one dated statement (see `model.Event`), searchable by its sentence, filterable
  by entity, source and a numeric date column;
* `story`: a group of two or more events (see `model.Story`), its members and date
  conflicts kept as stored JSON. Single-event stories are not stored: they are rebuilt
  from their event on demand, which keeps the index small on wire corpora where most
  events stand alone.

Every update is one commit, so a crash leaves the last committed state.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from whoosh import index as windex, writing
from whoosh.fields import BOOLEAN, ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.index import Index
from whoosh.searching import Searcher

from .analysis import english, plain
from .model import DateConflict, Event, Precision, Story, to_json
from .store import pubnum, read_json_object, write_json_atomic

EVENTS = "events"
META_FILE = "events.json"
SCHEMA_VERSION = 2  # 2: numeric columns indexed as one term per value
_CARRIED_OVER = {1}  # older layouts whose stored fields still rebuild every document
EVENT, STORY = "event", "story"
UNKNOWN_SOURCE = "(unknown)"
NO_DATE = 0
# The recorded article commit of an events index built empty: never that of a real index,
# so a corpus that has articles re-derives its events at the next ingest.
NOTHING_DERIVED = ""


def _number() -> NUMERIC:
    # One term per value (shift_step=0) instead of Whoosh's default eight "tiers": tiers
    # speed up ranges over millions of distinct values, but an events index holds a few
    # thousand dates, and the tier postings were a third of the cost of writing it.
    return NUMERIC(int, bits=32, signed=False, sortable=True, shift_step=0)


def build_events_schema() -> Schema:
    """The events index schema (event and story documents, see the module docstring)."""
    return Schema(
        kind=ID(stored=True),
        id=ID(stored=True, unique=True),
        order=ID(sortable=True),  # article id + zero-padded row number: a stable tie-break
        article_id=ID(stored=True),
        path=STORED(),
        source=TEXT(stored=True, analyzer=plain()),
        source_key=ID(sortable=True),  # lowercased, for exact case-insensitive filters
        date_start=STORED(),
        date_end=STORED(),
        precision=ID(stored=True),
        datenum=_number(),  # YYYYMMDD, 0 = none
        dateend=_number(),
        text=TEXT(stored=True, analyzer=english()),
        cue=TEXT(stored=True, analyzer=plain()),
        cue_start=STORED(),
        cue_end=STORED(),
        planned=BOOLEAN(stored=True),
        resolved=BOOLEAN(stored=True),
        entities=KEYWORD(commas=True, stored=True, lowercase=True, scorable=True),
        story=ID(stored=True),
        offset=STORED(),
        nsources=_number(),  # story docs only
        data=STORED(),  # story docs only: the Story as JSON
    )


def date_end_num(value: str | None) -> int:
    """Sortable YYYYMMDD of the last day an ISO date of any precision covers."""
    if not value:
        return NO_DATE
    parts = value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 12
        day = int(parts[2]) if len(parts) > 2 else 31
    except ValueError:
        return NO_DATE
    return year * 10000 + month * 100 + day


def _order(event_id: str) -> str:
    article, _, n = event_id.rpartition("#")
    return f"{article}#{n.zfill(6)}" if n.isdigit() else event_id


def event_document(event: Event) -> dict[str, Any]:
    """The Whoosh document for one event."""
    start = pubnum(event.date_start) if event.resolved else NO_DATE
    return {
        "kind": EVENT,
        "id": event.id,
        "order": _order(event.id),
        "article_id": event.article_id,
        "path": event.path,
        "source": event.source or "",
        "source_key": (event.source or UNKNOWN_SOURCE).lower(),
        "date_start": event.date_start,
        "date_end": event.date_end,
        "precision": event.precision or "",
        "datenum": start,
        "dateend": date_end_num(event.date_end or event.date_start) if start else NO_DATE,
        "text": event.text,
        "cue": event.cue,
        "cue_start": event.cue_start,
        "cue_end": event.cue_end,
        "planned": event.planned,
        "resolved": event.resolved,
        # Commas separate keywords, so a comma inside a name would split it.
        "entities": ",".join(e.replace(",", " ") for e in event.entities),
        "story": event.story or "",
        "offset": event.offset,
    }


def _precision(value: Any) -> Precision | None:
    return value if value in ("day", "month", "year") else None


def event_from_stored(fields: Mapping[str, Any]) -> Event:
    """Rebuild an Event from an event document's stored fields."""
    entities = str(fields.get("entities") or "")
    return Event(
        id=str(fields["id"]),
        article_id=str(fields["article_id"]),
        path=str(fields.get("path") or ""),
        source=fields.get("source") or None,
        date_start=fields.get("date_start"),
        date_end=fields.get("date_end"),
        precision=_precision(fields.get("precision")),
        text=str(fields.get("text") or ""),
        cue=str(fields.get("cue") or ""),
        cue_start=int(fields.get("cue_start") or 0),
        cue_end=int(fields.get("cue_end") or 0),
        planned=bool(fields.get("planned")),
        resolved=bool(fields.get("resolved")),
        entities=tuple(e for e in entities.split(",") if e),
        story=fields.get("story") or None,
        offset=int(fields.get("offset") or 0),
    )


def story_document(story: Story) -> dict[str, Any]:
    """The Whoosh document for a story of two or more events."""
    start = pubnum(story.date_start)
    return {
        "kind": STORY,
        "id": story.id,
        "order": story.id,
        "text": story.title,
        "precision": story.precision or "",
        "datenum": start,
        "dateend": date_end_num(story.date_end or story.date_start) if start else NO_DATE,
        "nsources": len(story.sources),
        "data": json.dumps(to_json(story), ensure_ascii=False),
    }


def story_from_stored(fields: Mapping[str, Any]) -> Story:
    """Rebuild a Story from a story document."""
    data = json.loads(fields["data"])
    conflicts = tuple(DateConflict(**c) for c in data.get("conflicts", ()))
    return Story(
        id=data["id"],
        title=data["title"],
        date_start=data.get("date_start"),
        date_end=data.get("date_end"),
        precision=_precision(data.get("precision")),
        sources=tuple(data.get("sources", ())),
        events=tuple(data.get("events", ())),
        conflicts=conflicts,
    )


def singleton_story(event: Event) -> Story:
    """The story of an event that no other event joined (mirrors `group_stories`)."""
    title = event.text if len(event.text) <= 120 else event.text[:117].rstrip() + "..."
    dated = event.resolved and event.date_start is not None
    return Story(
        id=event.story or f"s:{event.id}",
        title=title,
        date_start=event.date_start if dated else None,
        date_end=event.date_end if dated else None,
        precision=event.precision if dated else None,
        sources=(event.source or event.article_id,),
        events=(event.id,),
    )


@dataclass(frozen=True)
class UpdateStats:
    """What an events update did (for progress messages and the speed bench)."""

    events: int
    stories: int
    written: int
    full_rewrite: bool


class EventStore:
    """The events index of one corpus directory."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.dir = root / EVENTS
        self.index = self._open()

    def _meta(self) -> dict[str, Any]:
        return read_json_object(self.root / META_FILE)

    def _open(self) -> Index:
        derived_from: str | None = NOTHING_DERIVED
        if self.dir.exists() and windex.exists_in(str(self.dir)):
            version = self._meta().get("schema_version")
            if version == SCHEMA_VERSION:
                return windex.open_dir(str(self.dir))
            # An older layout is rewritten from its stored fields, so the timeline survives
            # without re-extraction; one that cannot be read is dropped (derived data), and
            # the next ingest derives it again from the articles.
            docs = _carried_over(self.dir) if version in _CARRIED_OVER else []
            if docs:
                derived_from = None
            shutil.rmtree(self.dir, ignore_errors=True)
        else:
            docs = []
        self.dir.mkdir(parents=True, exist_ok=True)
        index = windex.create_in(str(self.dir), build_events_schema())
        if docs:
            writer = _writer(index)
            for doc in docs:
                writer.add_document(**doc)
            writer.commit()
        self._write_meta(derived_from)
        return index

    def _write_meta(self, derived_from: str | None) -> None:
        data: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
        if derived_from is not None:
            data["articles_commit"] = derived_from
        write_json_atomic(self.root / META_FILE, data)

    def derived_from(self) -> str | None:
        """The article index commit (`Corpus._commit_key`) these events were derived from
        (None: not recorded, as by versions before it was)."""
        value = self._meta().get("articles_commit")
        return value if isinstance(value, str) else None

    def mark_derived(self, commit: str) -> None:
        """Record that the events are up to date with article index commit `commit`."""
        self._write_meta(commit)

    @contextmanager
    def searcher(self) -> Iterator[Searcher]:
        """A searcher on the last committed state, closed on exit."""
        s = self.index.searcher()
        try:
            yield s
        finally:
            s.close()

    def all_events(self, skip_articles: Iterable[str] = ()) -> list[Event]:
        """Every stored event, except those of the articles in `skip_articles`."""
        skip = set(skip_articles)
        with self.searcher() as s:
            return [
                event_from_stored(f)
                for f in s.all_stored_fields()
                if f.get("kind") == EVENT and f.get("article_id") not in skip
            ]

    def _stored(self) -> tuple[list[Event], dict[str, str]]:
        """Every stored event, and every story's JSON by story id, in one pass."""
        events: list[Event] = []
        stories: dict[str, str] = {}
        with self.searcher() as s:
            for f in s.all_stored_fields():
                if f.get("kind") == EVENT:
                    events.append(event_from_stored(f))
                elif f.get("kind") == STORY:
                    stories[str(f["id"])] = str(f.get("data") or "")
        return events, stories

    def replace(
        self,
        new_events: Sequence[Event],
        changed: Iterable[str],
        rebuild: bool,
        group: Any,
    ) -> UpdateStats:
        """Drop the events of `changed` articles, add `new_events`, regroup, ONE commit.

        `group` is `group_stories` (passed in so the store does not import extraction).
        Events whose story id did not change are left alone unless most of the index
        changes, in which case everything is rewritten into one fresh segment.
        """
        # Articles that bring new events are replaced too, in case an earlier run
        # committed the article index but died before this one.
        touched = set(changed) | {e.article_id for e in new_events}
        old, old_stories = ([], {}) if rebuild else self._stored()
        kept = [e for e in old if e.article_id not in touched]
        before = {e.id: e.story for e in old}
        events = kept + list(new_events)
        stories, assignment = group(events)
        events = [_with_story(e, assignment.get(e.id)) for e in events]
        multi = [s for s in stories if len(s.events) > 1]
        dirty = [e for e in events if e.article_id in touched or before.get(e.id) != e.story]
        full = rebuild or len(dirty) * 2 > len(events) or not old
        # A big rewrite (a first ingest, a rebuild) is written by two processes forked from
        # the ingest's warm fork server, when it runs: this stage comes after the article
        # index, alone on one core otherwise.
        # Imported here: it brings multiprocessing, which opening a corpus does not need.
        from .batch import Batch, warm_server_started

        if full and not events:
            # Nothing to add, but the old segments must go: an empty commit that clears.
            _writer(self.index).commit(mergetype=writing.CLEAR)
            return UpdateStats(0, 0, 0, full)
        procs = 2 if warm_server_started() else 0
        batch = Batch(self.index, procs=procs, limitmb=256)
        try:
            if full:
                docs: Iterable[Event] = events
            else:
                for article_id in touched:
                    batch.delete(article_id, "article_id")
                for event in dirty:
                    if event.article_id not in touched:
                        batch.delete(event.id)
                docs = dirty
            written = 0
            for event in docs:
                batch.add(event_document(event))
                written += 1
            # Only stories that changed are rewritten: a few new articles leave most of
            # a big corpus's stories as they were.
            story_docs = {s.id: story_document(s) for s in multi}
            if not full:
                for story_id, data in old_stories.items():
                    if data != story_docs.get(story_id, {}).get("data"):
                        batch.delete(story_id)
            for story_id, doc in story_docs.items():
                if full or doc["data"] != old_stories.get(story_id):
                    batch.add(doc)
            batch.commit(mergetype=writing.CLEAR if full else None)
        except BaseException:
            batch.cancel()
            raise
        return UpdateStats(len(events), len(multi), written, full)

    def close(self) -> None:
        """Release the index."""
        self.index.close()


def _writer(index: Index) -> writing.SegmentWriter:
    # The ingest's segment writer (batch.py), which reads field lengths once per field at
    # the flush; plain Whoosh stats a file per posting of every unscored field. Imported
    # here: it brings multiprocessing, which opening a corpus does not need.
    from .batch import LengthCachingWriter

    writer: writing.SegmentWriter = LengthCachingWriter(index, limitmb=256)
    return writer


def _carried_over(directory: Path) -> list[dict[str, Any]]:
    """Every event and story document of an older events index, in the current layout."""
    try:
        with windex.open_dir(str(directory)).searcher() as s:
            return [
                event_document(event_from_stored(f))
                if f.get("kind") == EVENT
                else story_document(story_from_stored(f))
                for f in s.all_stored_fields()
                if f.get("kind") in (EVENT, STORY)
            ]
    except Exception:  # Whoosh raises assorted errors on damaged or foreign files
        return []


def _with_story(event: Event, story: str | None) -> Event:
    return event if event.story == story else replace(event, story=story)
