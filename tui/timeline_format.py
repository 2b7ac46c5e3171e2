"""Timeline values as text and rows, shared by the CLI, the Timeline pane and its exports,
and the request the pane sends to the corpus.

No Textual or rich here: plain strings, spans and dicts that each front end styles.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from defexplore.index.corpus import Corpus
from defexplore.index.model import Event, Story, TimelineBin, TimelineResult

SPARK = "▁▂▃▄▅▆▇█"
_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]


def month_name(period: str) -> str:
    """ "2021-11" -> "Nov 2021"; other strings unchanged."""
    year, _, month = period.partition("-")
    if month.isdigit() and 1 <= int(month) <= 12 and len(period) == 7:
        return f"{_MONTHS[int(month) - 1]} {year}"
    return period


def date_label(event: Event) -> str:
    """The event's date at its own precision: 2021-11-24, 2021-11-24–26, Nov 2021, 2021."""
    if not event.resolved or not event.date_start:
        return "undated"
    start, end = event.date_start, event.date_end or event.date_start
    if event.precision == "month":
        label = month_name(start[:7])
        return label if end[:7] == start[:7] else f"{label}–{month_name(end[:7])}"
    if event.precision == "year" or len(start) == 4:
        return start[:4] if end[:4] == start[:4] else f"{start[:4]}–{end[:4]}"
    if end == start:
        return start
    if end[:7] == start[:7]:
        return f"{start}–{end[8:]}"
    return f"{start}–{end}"


def status_label(event: Event) -> str:
    """ "planned", "unresolved" or ""."""
    if not event.resolved:
        return "unresolved"
    return "planned" if event.planned else ""


def story_index(stories: Iterable[Story]) -> dict[str, Story]:
    """Stories by id."""
    return {s.id: s for s in stories}


def badge(story: Story | None) -> str:
    """ "reported by 4 sources ⚠" for a story of several sources; "" otherwise."""
    if story is None or len(story.sources) < 2:
        return ""
    mark = " ⚠" if story.conflicts else ""
    return f"reported by {len(story.sources)} sources{mark}"


def in_conflict(event: Event, story: Story | None) -> bool:
    """True when this event's date is one side of a date conflict."""
    if story is None:
        return False
    return any(event.id in (c.a_event, c.b_event) for c in story.conflicts)


def sparkline(bins: Sequence[TimelineBin], width: int | None = None) -> str:
    """A one-line bar chart of bin counts, squeezed to `width` cells when longer."""
    counts = [b.count for b in bins]
    if width is not None and width > 0 and len(counts) > width:
        step = len(counts) / width
        counts = [
            sum(counts[int(i * step) : max(int((i + 1) * step), int(i * step) + 1)])
            for i in range(width)
        ]
    top = max(counts, default=0)
    if top == 0:
        return " " * len(counts)
    return "".join(
        " " if c == 0 else SPARK[min(len(SPARK) - 1, (c * len(SPARK) - 1) // top)] for c in counts
    )


def event_json(event: Event, stories: Mapping[str, Story]) -> dict[str, Any]:
    """One event in the CLI's JSON schema (see README: `defexplore timeline --json`)."""
    story = stories.get(event.story or "")
    return {
        "id": event.id,
        "date": event.date_start,
        "date_end": event.date_end,
        "precision": event.precision,
        "text": event.text,
        "cue": event.cue,
        "cue_start": event.cue_start,
        "cue_end": event.cue_end,
        "planned": event.planned,
        "resolved": event.resolved,
        "source": event.source,
        "entities": list(event.entities),
        "article": {"id": event.article_id, "path": event.path, "offset": event.offset},
        "story": event.story,
        "story_sources": len(story.sources) if story else 1,
        "conflict": in_conflict(event, story),
    }


def story_json(story: Story) -> dict[str, Any]:
    """One story in the CLI's JSON schema."""
    return {
        "id": story.id,
        "title": story.title,
        "date": story.date_start,
        "date_end": story.date_end,
        "precision": story.precision,
        "sources": list(story.sources),
        "events": list(story.events),
        "conflicts": [
            {
                "a_event": c.a_event,
                "b_event": c.b_event,
                "a_cue": c.a_cue,
                "b_cue": c.b_cue,
                "a_date": c.a_date,
                "b_date": c.b_date,
                "a_source": c.a_source,
                "b_source": c.b_source,
            }
            for c in story.conflicts
        ],
    }


EXPORT_COLUMNS = (
    "date",
    "date_end",
    "precision",
    "status",
    "source",
    "text",
    "cue",
    "entities",
    "article_id",
    "path",
    "story",
    "story_sources",
    "conflict",
)


def export_row(event: Event, stories: Mapping[str, Story]) -> dict[str, Any]:
    """One flat row for CSV, JSON or Markdown exports of the timeline."""
    story = stories.get(event.story or "")
    return {
        "date": event.date_start or "",
        "date_end": event.date_end or "",
        "precision": event.precision or "",
        "status": status_label(event),
        "source": event.source or "",
        "text": event.text,
        "cue": event.cue,
        "entities": list(event.entities),
        "article_id": event.article_id,
        "path": event.path,
        "story": event.story or "",
        "story_sources": len(story.sources) if story else 1,
        "conflict": in_conflict(event, story),
    }


@dataclass(frozen=True)
class TimelineRequest:
    """Everything a timeline result depends on."""

    query: str = ""
    entity: str = ""
    source: str = ""
    date_from: str = ""
    date_to: str = ""
    zoom: str = "month"

    def run(self, corpus: Corpus, limit: int | None) -> TimelineResult:
        """Ask the corpus for this request's events."""
        return corpus.timeline(
            self.query,
            entity=self.entity or None,
            source=self.source or None,
            date_from=self.date_from or None,
            date_to=self.date_to or None,
            limit=limit,
            granularity=self.zoom,
        )
