"""A story expanded: every source's sentence side by side, date conflicts called out."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from defexplore.index.model import Event, Story
from textual.app import ComposeResult
from textual.containers import HorizontalScroll, Vertical
from textual.content import Content
from textual.widgets import Static

from ..timeline_format import badge, date_label, in_conflict
from .timeline_list import CUE


def column_text(event: Event, story: Story) -> Content:
    """One source's column: outlet, date at its precision, conflict mark, the sentence."""
    source = event.source or Path(event.path).name
    parts: list[Content | str | tuple[str, str]] = [(source, "bold"), "\n", (date_label(event), "")]
    if event.planned:
        parts.append(("  ◇ planned", "italic $text-accent"))
    if in_conflict(event, story):
        parts.append(("  ⚠ date differs", "bold $text-error"))
    sentence = Content(event.text).stylize(CUE, event.cue_start, event.cue_end)
    parts += ["\n\n", sentence]
    return Content.assemble(*parts)


def _article(event_id: str) -> str:
    return event_id.rpartition("#")[0] or event_id


def summary(story: Story) -> Content:
    """The panel's title line: story title, date, sources and conflicts."""
    parts: list[Content | str | tuple[str, str]] = [
        ("Story  ", "bold $text-accent"),
        (story.title, "bold"),
        "\n",
        (story.date_start or "undated", "$text-secondary"),
        "  ",
        (badge(story) or f"{len(story.events)} events, 1 source", "$text-secondary"),
    ]
    for c in story.conflicts:
        parts += [
            "\n",
            ("⚠ date conflict: ", "bold $text-error"),
            f"{c.a_source or _article(c.a_event)} says “{c.a_cue}” ({c.a_date}), "
            f"{c.b_source or _article(c.b_event)} says “{c.b_cue}” ({c.b_date})",
        ]
    return Content.assemble(*parts)


COLUMN_WIDTH = 36


class StoryPanel(Vertical):
    """Shows one story below the timeline; the pane feeds it with `show`."""

    DEFAULT_CSS = """
    StoryPanel {
        height: auto;
        max-height: 50%;
        border-top: solid $accent 50%;
        padding: 0 1;
    }
    StoryPanel #story-summary { height: auto; margin-bottom: 1; }
    StoryPanel #story-columns { height: auto; max-height: 14; }
    Screen.-short StoryPanel #story-summary { display: none; }
    StoryPanel .story-column {
        height: auto;
        padding: 0 1;
        border-left: vkey $foreground 15%;
    }
    StoryPanel .story-column.-conflict { border-left: vkey $error; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.story: Story | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="story-summary")
        yield HorizontalScroll(id="story-columns")

    def show(self, story: Story, events: Sequence[Event]) -> None:
        """Fill the panel with `story` and its member events (one column each)."""
        self.story = story
        self.query_one("#story-summary", Static).update(summary(story))
        columns = self.query_one("#story-columns", HorizontalScroll)
        columns.remove_children()
        # Fractions would stretch every column to the full width once they overflow:
        # share the width while they fit, else give each a fixed width and scroll.
        fits = len(events) * COLUMN_WIDTH <= max(self.size.width, 1)
        cells = [
            Static(
                column_text(e, story),
                classes="story-column" + (" -conflict" if in_conflict(e, story) else ""),
            )
            for e in events
        ]
        for cell in cells:
            cell.styles.width = "1fr" if fits else COLUMN_WIDTH
        columns.mount_all(cells)

    def scroll_columns(self, step: int) -> None:
        """Scroll the columns by `step` column widths."""
        columns = self.query_one("#story-columns", HorizontalScroll)
        columns.scroll_relative(x=step * COLUMN_WIDTH, animate=False)
