"""Frozen dataclasses returned by the engine.

Everything `Corpus` hands to the UI or the CLI is one of these: plain values, safe to keep
after the searcher that produced them is closed, and convertible to JSON with `to_json`.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Literal

# Comparison types live in model_compare (module size); re-exported here so every model
# value keeps one import path.
from .model_compare import (
    AlignedPair as AlignedPair,
    Attribution as Attribution,
    Comparison as Comparison,
    Conflict as Conflict,
    ConflictKind as ConflictKind,
    DuplicateGroup as DuplicateGroup,
    PairKind as PairKind,
    SharedPassage as SharedPassage,
)

Precision = Literal["day", "month", "year"]
EntityType = Literal["person", "org", "place", "equipment"]
ENTITY_TYPES: tuple[EntityType, ...] = ("person", "org", "place", "equipment")


def to_json(value: Any) -> Any:
    """Turn a model value (or a structure of them) into JSON-ready builtins."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, dict):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    return value


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity in an article's body (character offsets)."""

    name: str  # canonical name after alias merging
    type: EntityType
    text: str  # surface form as written
    start: int
    end: int
    role: str | None = None


@dataclass(frozen=True)
class Entity:
    """A merged entity across the corpus (or within one article)."""

    name: str
    type: EntityType
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    articles: int = 0
    mentions: int = 0


@dataclass(frozen=True)
class Article:
    """One ingested article with its metadata and cleaned text."""

    id: str
    path: str
    title: str
    source: str | None
    url: str | None
    author: str | None
    published: str | None  # ISO date, truncated to its precision: 2021, 2021-11, 2021-11-24
    precision: Precision | None
    language: str | None
    body: str
    captions: str = ""
    hash: str = ""
    entities: tuple[Entity, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True)
class Hit:
    """One search result row. `marks` are [start, end) offsets of matched terms in `snippet`."""

    id: str
    path: str
    title: str
    source: str | None
    published: str | None
    precision: Precision | None
    language: str | None
    score: float
    snippet: str
    marks: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class FacetValue:
    """A facet value and how many matching articles carry it."""

    value: str
    count: int


@dataclass(frozen=True)
class SearchResult:
    """A page of hits plus the exact total, facets and a did-you-mean suggestion.

    `error` is set (and `hits` empty) when the query could not be parsed.
    """

    query: str
    total: int
    hits: tuple[Hit, ...]
    offset: int = 0
    limit: int = 20
    sort: str = "relevance"
    facets: dict[str, tuple[FacetValue, ...]] = field(default_factory=dict)
    suggestion: str | None = None
    error: str | None = None
    terms: tuple[str, ...] = ()  # query words, for highlighting in the reader


@dataclass(frozen=True)
class Problem:
    """An input that was skipped (or kept with a warning), with the reason."""

    path: str
    reason: str
    line: int | None = None


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did. `failed` inputs were skipped; `warnings` were kept but flagged."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    failed: tuple[Problem, ...] = ()
    warnings: tuple[Problem, ...] = ()
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        """True when no input failed."""
        return not self.failed


@dataclass(frozen=True)
class Progress:
    """Progress of a long operation, passed to callbacks."""

    stage: str
    done: int
    total: int | None
    item: str = ""


@dataclass(frozen=True)
class CorpusStats:
    """Counts and span of a corpus."""

    name: str
    articles: int
    sources: int
    languages: tuple[FacetValue, ...]
    first: str | None
    last: str | None
    index_dir: str
    size_bytes: int


@dataclass(frozen=True)
class CorpusInfo:
    """A corpus known on this machine."""

    name: str
    path: str
    articles: int


@dataclass(frozen=True)
class SimilarArticle:
    """An article similar to another; `kind` is verbatim, same_story or related."""

    id: str
    path: str
    title: str
    source: str | None
    published: str | None
    language: str | None
    score: float
    kind: str = "related"


# --- Timeline (issue 5): dated events, stories across sources, date conflicts ---


@dataclass(frozen=True)
class Event:
    """One dated statement in an article: a timeline row.

    `date_start`/`date_end` are ISO strings truncated to `precision`; both are None when the
    cue is relative and the article has no publication date (`resolved` is then False).
    `cue_start`/`cue_end` are offsets of the cue in `text`; `offset` is where `text` starts
    in the article body (the reader jumps there).
    """

    id: str  # f"{article_id}#{n}", stable for one article text
    article_id: str
    path: str
    source: str | None
    date_start: str | None
    date_end: str | None
    precision: Precision | None
    text: str
    cue: str
    cue_start: int
    cue_end: int
    planned: bool
    resolved: bool
    entities: tuple[str, ...] = ()
    story: str | None = None
    offset: int = 0


@dataclass(frozen=True)
class DateConflict:
    """Two sources giving different dates for the same happening (both cues kept)."""

    story: str
    a_event: str
    b_event: str
    a_cue: str
    b_cue: str
    a_date: str | None
    b_date: str | None
    a_source: str | None
    b_source: str | None


@dataclass(frozen=True)
class Story:
    """Events from one or more sources that refer to the same happening."""

    id: str
    title: str
    date_start: str | None
    date_end: str | None
    precision: Precision | None
    sources: tuple[str, ...]
    events: tuple[str, ...]  # event ids
    conflicts: tuple[DateConflict, ...] = ()


# --- Timeline queries (issue 5 integration) --------------------------------------------


@dataclass(frozen=True)
class TimelineBin:
    """Events counted in one period of the histogram ("2021", "2021-11" or "2021-11-24")."""

    period: str
    count: int


@dataclass(frozen=True)
class TimelineResult:
    """Events matching a timeline query, sorted by date (undated ones last).

    `total` counts every match (`events` may be cut by a limit); `histogram` covers all
    dated matches, one bin per `granularity` period from the first to the last (empty
    periods included, so bars are proportional to time). `stories` are the multi-event
    stories the returned events belong to (for badges). `error` is set, and everything
    else empty, when the query or a date could not be parsed.
    """

    query: str
    total: int
    events: tuple[Event, ...] = ()
    histogram: tuple[TimelineBin, ...] = ()
    granularity: str = "month"
    undated: int = 0
    sources: tuple[FacetValue, ...] = ()
    stories: tuple[Story, ...] = ()
    error: str | None = None


# --- Entities (issue 4 integration): the detail view of one entity ----------------------


@dataclass(frozen=True)
class MentionContext:
    """One mention in context (a KWIC row): `left` + `match` + `right` around body `offset`."""

    article_id: str
    path: str
    title: str
    source: str | None
    published: str | None
    left: str
    match: str
    right: str
    offset: int


@dataclass(frozen=True)
class CoEntity:
    """An entity named in the same articles as another; `count` = shared articles."""

    name: str
    type: EntityType
    count: int


@dataclass(frozen=True)
class EntitySource:
    """An outlet that names an entity: how often, and its first and last article dates."""

    source: str
    articles: int
    mentions: int
    first: str | None
    last: str | None


@dataclass(frozen=True)
class EntityDetail:
    """Everything the Entities pane and `defexplore entity` show for one entity.

    `mentions` may be cut at a limit (`total_mentions` counts them all); `hidden` is True
    for an entity the user hid (it still has a detail view, to unhide it).
    """

    entity: Entity
    mentions: tuple[MentionContext, ...] = ()
    total_mentions: int = 0
    cooccurring: tuple[CoEntity, ...] = ()
    sources: tuple[EntitySource, ...] = ()
    hidden: bool = False
