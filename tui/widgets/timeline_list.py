"""The vertical timeline: events grouped under year, month (and day) headings.

Each event row shows its date at its own precision, the source, a story badge and the
sentence with the date cue highlighted. Planned events are marked and set in italics,
unresolved ones are muted, so neither passes for a dated fact.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import ClassVar

from defexplore.index.model import Event, Story
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..timeline_format import badge, date_label, in_conflict, month_name

CUE = "bold reverse $text-warning"
ZOOMS = ("year", "month", "day")


def group_keys(event: Event, zoom: str) -> list[str]:
    """The headings an event sits under at `zoom`: year, then month, then day."""
    if not event.resolved or not event.date_start:
        return ["Undated"]
    # An event known to the year only sits right under its year heading, before the
    # months; one known to the month sits under its month, before the days.
    start = event.date_start
    keys = [start[:4]]
    if zoom in ("month", "day") and len(start) >= 7:
        keys.append(start[:7])
    if zoom == "day" and len(start) == 10:
        keys.append(start)
    return keys


def heading(key: str, depth: int) -> Content:
    """A group heading: a rule for years, lighter labels for months and days."""
    if depth == 0:
        return Content.assemble((f"━━ {key} ", "bold $text-accent"), ("━" * 40, "$text-accent 40%"))
    label = month_name(key) if depth == 1 else key
    return Content.assemble(("▸ " if depth == 1 else "· ", "$text-secondary"),
                            (label, "bold $text-secondary"))  # fmt: skip


def event_prompt(event: Event, story: Story | None) -> Content:
    """Two or more lines: date, status, source, story badge; then the sentence."""
    date = date_label(event)
    parts: list[Content | str | tuple[str, str]] = []
    if not event.resolved:
        parts.append((f"? {date} ({event.cue})", "$text-muted italic"))
    elif event.planned:
        parts += [(date, "bold $text-accent"), ("  ◇ planned", "italic $text-accent")]
    else:
        parts.append((date, "bold"))
    source = event.source or Path(event.path).name
    parts += ["  ", (source, "$text-secondary")]
    label = badge(story)
    if label:
        style = "bold $text-error" if story and story.conflicts else "$text-success"
        parts += ["  ", (f"[{label}]", style)]
    if in_conflict(event, story):
        parts += ["  ", ("dates differ", "italic $text-error")]
    sentence = Content(event.text).stylize(CUE, event.cue_start, event.cue_end)
    if not event.resolved:
        sentence = sentence.stylize_before("$text-muted")
    elif event.planned:
        sentence = sentence.stylize_before("italic")
    parts += ["\n", sentence]
    return Content.assemble(*parts)


class TimelineList(OptionList):
    """Events under date headings; `current` is the highlighted event (None on headings)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
        Binding("enter", "select", "Read", show=True),
    ]

    DEFAULT_CSS = """
    TimelineList {
        height: 1fr;
        max-height: 100%;
        border: none;
        padding: 0;
        & > .option-list--option { padding: 0 1 0 1; }
        & > .option-list--option-disabled { color: $foreground; }
        &:focus { border: none; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: list[Event | None] = []

    def show(self, events: Sequence[Event], stories: Mapping[str, Story], zoom: str) -> None:
        """Replace the rows, grouped at `zoom` ("year", "month" or "day")."""
        options: list[Option] = []
        rows: list[Event | None] = []
        open_keys: list[str] = []
        for event in events:
            keys = group_keys(event, zoom)
            for depth, key in enumerate(keys):
                if depth < len(open_keys) and open_keys[depth] == key:
                    continue
                open_keys = open_keys[:depth]
                open_keys.append(key)
                options.append(Option(heading(key, depth), disabled=True))
                rows.append(None)
            story = stories.get(event.story or "")
            options.append(Option(event_prompt(event, story), id=event.id))
            rows.append(event)
        self.rows = rows
        self.set_options(options)
        first = next((i for i, e in enumerate(rows) if e is not None), None)
        self.highlighted = first
        self.scroll_home(animate=False)

    @property
    def events(self) -> list[Event]:
        """The events shown, in order."""
        return [e for e in self.rows if e is not None]

    @property
    def current(self) -> Event | None:
        """The highlighted event."""
        index = self.highlighted
        return self.rows[index] if index is not None and 0 <= index < len(self.rows) else None

    def select_event(self, event_id: str) -> bool:
        """Highlight the row of `event_id`; False when it is not shown."""
        for i, event in enumerate(self.rows):
            if event is not None and event.id == event_id:
                self.highlighted = i
                return True
        return False
