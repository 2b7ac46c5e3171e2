"""The Timeline pane: filters, a histogram of events over time, the grouped event list.

Queries run in an exclusive thread worker and come back as messages carrying the
request they answer; an answer to anything but the current request is dropped. Zooming
in (+) narrows the date range to the highlighted event's year or month and groups by a
finer period; zooming out (-) restores what was there before.
"""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import ClassVar

from defexplore.index.corpus import Corpus
from defexplore.index.model import Event, Story, TimelineResult
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.worker import get_current_worker

from ..export import export_rows
from ..messages import ArticleChosen, CompareRequested, ExportFinished
from ..screens.dialogs import ExportChoice, ExportScreen
from ..timeline_format import EXPORT_COLUMNS, TimelineRequest, export_row, story_index
from ..widgets.story_panel import StoryPanel
from ..widgets.timeline_histogram import TimelineHistogram
from ..widgets.timeline_list import ZOOMS, TimelineList

LIMIT = 1000  # rows the list holds; the histogram and total always cover every match
DEBOUNCE = 0.08
FIELDS = ("query", "entity", "source", "from", "to")


class TimelinePane(Vertical):
    """Dated events across sources, grouped into stories; Enter reads the article."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "focus_list", "Events", key_display="↓", show=False),
        Binding("plus,equals_sign", "zoom_in", "Zoom in", key_display="+"),
        Binding("minus", "zoom_out", "Zoom out", key_display="-"),
        Binding("s", "story", "Story"),
        Binding("c", "compare_story", "Compare"),
        Binding("right", "story_scroll(1)", "Story →", show=False),
        Binding("left", "story_scroll(-1)", "Story ←", show=False),
        Binding("escape", "back", "Back", show=False),
        Binding("x", "clear_filters", "Clear", show=False),
        Binding("ctrl+s,e", "export", "Export", key_display="^s"),
    ]

    DEFAULT_CSS = """
    TimelinePane { height: 1fr; }
    TimelinePane #tl-filters { height: 1; margin: 0 1; }
    TimelinePane #tl-filters Input { margin-right: 1; }
    TimelinePane #tl-query { width: 1fr; min-width: 16; }
    TimelinePane #tl-entity, TimelinePane #tl-source { width: 18; }
    TimelinePane #tl-from, TimelinePane #tl-to { width: 12; }
    TimelinePane #tl-error { color: $text-error; padding: 0 1; display: none; }
    TimelinePane.-error #tl-error { display: block; }
    TimelinePane #tl-status { height: 1; padding: 0 1; color: $text-muted; }
    TimelinePane.-loading #tl-status { color: $text-disabled; }
    TimelinePane #tl-empty { display: none; padding: 1 2; color: $text-muted; }
    TimelinePane.-empty #tl-empty { display: block; }
    TimelinePane.-empty #tl-list, TimelinePane.-empty #tl-histogram { display: none; }
    TimelinePane #tl-story { display: none; }
    TimelinePane.-story #tl-story { display: block; }
    """

    class Results(Message):
        """A timeline result for `request` (posted by the query worker)."""

        def __init__(self, request: TimelineRequest, result: TimelineResult) -> None:
            super().__init__()
            self.request = request
            self.result = result

    class StoryLoaded(Message):
        """A story and its member events arrived from the worker."""

        def __init__(self, story: Story | None, events: tuple[Event, ...]) -> None:
            super().__init__()
            self.story = story
            self.events = events

    def __init__(self, corpus: Corpus, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.corpus = corpus
        self.zoom = "month"
        self.request: TimelineRequest | None = None
        self.result: TimelineResult | None = None
        self.painted: TimelineRequest | None = None  # last request whose rows were painted
        self.story_id: str | None = None  # the story expanded (or being loaded)
        self._zoom_stack: list[tuple[str, str, str]] = []
        self._last_key = 0.0

    def compose(self) -> ComposeResult:
        with Horizontal(id="tl-filters"):
            yield Input(placeholder="Filter sentences…  (entity:X source:Y)", id="tl-query",
                        compact=True)  # fmt: skip
            yield Input(placeholder="Entity", id="tl-entity", compact=True)
            yield Input(placeholder="Source", id="tl-source", compact=True)
            yield Input(placeholder="From YYYY-MM", id="tl-from", compact=True)
            yield Input(placeholder="To YYYY-MM", id="tl-to", compact=True)
        yield Static(id="tl-error")
        yield TimelineHistogram(id="tl-histogram")
        yield Static("", id="tl-status")
        yield Static("No dated events match.", id="tl-empty")
        yield TimelineList(id="tl-list")
        yield StoryPanel(id="tl-story")

    def on_mount(self) -> None:
        if self.app.is_headless:
            for field in self.query(Input):
                field.cursor_blink = False  # deterministic snapshots
        self.run_query()

    # -- state --------------------------------------------------------------------------
    def _input(self, name: str) -> Input:
        return self.query_one(f"#tl-{name}", Input)

    def _current_request(self) -> TimelineRequest:
        query, entity, source, date_from, date_to = (self._input(n).value.strip() for n in FIELDS)
        return TimelineRequest(query, entity, source, date_from, date_to, self.zoom)

    @property
    def events(self) -> list[Event]:
        """The events on show."""
        return self.query_one(TimelineList).events

    def set_corpus(self, corpus: Corpus) -> None:
        """Point the pane at another corpus and clear the filters."""
        self.corpus = corpus
        self.clear_filters()

    def clear_filters(self) -> None:
        """Empty every filter, reset the zoom and query again."""
        with self.prevent(Input.Changed):
            for name in FIELDS:
                self._input(name).value = ""
        self._zoom_stack.clear()
        self.zoom = "month"
        self.run_query()

    def show_entity(self, name: str) -> None:
        """Show the events naming entity `name` (other filters are cleared)."""
        with self.prevent(Input.Changed):
            for field in FIELDS:
                self._input(field).value = name if field == "entity" else ""
        self._zoom_stack.clear()
        self.run_query()

    # -- querying -----------------------------------------------------------------------
    def run_query(self, *, debounce: bool = False) -> None:
        """Query the timeline for the current filters and zoom."""
        request = self._current_request()
        now = time.monotonic()
        delay = DEBOUNCE if debounce and now - self._last_key < DEBOUNCE else 0.0
        self._last_key = now
        self.request = request
        self.add_class("-loading")
        self._fetch(self.corpus, request, delay)

    @work(thread=True, exclusive=True, group="timeline")
    def _fetch(self, corpus: Corpus, request: TimelineRequest, delay: float) -> None:
        worker = get_current_worker()
        if delay:
            time.sleep(delay)
        if worker.is_cancelled:
            return
        result = request.run(corpus, LIMIT)
        if not worker.is_cancelled:
            self.post_message(self.Results(request, result))

    def on_timeline_pane_results(self, message: Results) -> None:
        message.stop()
        if message.request != self.request:
            return  # stale: a filter or the zoom changed since
        result = message.result
        self.remove_class("-loading")
        self.set_class(bool(result.error), "-error")
        if result.error:
            self.query_one("#tl-error", Static).update(
                Content.assemble(("⚠ ", "bold"), result.error)
            )
            return
        self.result = result
        self.set_class(result.total == 0, "-empty")
        if result.total == 0:
            unfiltered = message.request == TimelineRequest(zoom=message.request.zoom)
            self.query_one("#tl-empty", Static).update(
                "No dated events in this corpus yet. Articles indexed before the timeline "
                "existed need a rebuild: Ctrl+P → Rebuild index."
                if unfiltered
                else "No events match these filters (x clears them)."
            )
        self.query_one(TimelineHistogram).show(result)
        self._show_status(result)
        stories = story_index(result.stories)
        self.query_one(TimelineList).show(result.events, stories, message.request.zoom)
        self.call_after_refresh(self._painted, message.request)

    def _painted(self, request: TimelineRequest) -> None:
        self.painted = request

    def _show_status(self, result: TimelineResult) -> None:
        multi = sum(1 for s in result.stories if len(s.sources) > 1)
        conflicts = sum(1 for s in result.stories if s.conflicts)
        parts = [f"{result.total:,} event{'s' if result.total != 1 else ''}"]
        if result.undated:
            parts.append(f"{result.undated:,} undated")
        parts.append(f"zoom: {self.zoom} (+/-)")
        if multi:
            parts.append(f"{multi} stor{'ies' if multi != 1 else 'y'} across sources")
        if conflicts:
            parts.append(f"{conflicts} with date conflicts")
        if len(result.events) < result.total:
            parts.append(f"first {len(result.events):,} listed: narrow the filters")
        self.query_one("#tl-status", Static).update(" · ".join(parts))

    # -- stories --------------------------------------------------------------------------
    def action_story(self) -> None:
        """Expand the highlighted event's story below the list (again: collapse it)."""
        event = self.query_one(TimelineList).current
        if self.has_class("-story") and (event is None or event.story == self.story_id):
            self.remove_class("-story")
            self.story_id = None
            return
        if event is None or not event.story:
            return
        self.story_id = event.story
        self._load_story(self.corpus, event.story)

    def action_compare_story(self) -> None:
        """Open two of the highlighted event's story sources side by side in Compare."""
        event = self.query_one(TimelineList).current
        if event is None or not event.story:
            return
        self._story_pair(self.corpus, event.story, event.article_id)

    @work(thread=True, exclusive=True, group="timeline-compare")
    def _story_pair(self, corpus: Corpus, story_id: str, first: str) -> None:
        others = [e.article_id for e in corpus.story_events(story_id) if e.article_id != first]
        if others:
            self.post_message(CompareRequested(first, others[0]))
        else:
            self.app.call_from_thread(
                self.notify, "This event's story has no other article to compare with."
            )

    def action_story_scroll(self, step: int) -> None:
        """Scroll the expanded story's columns sideways (one column per key)."""
        if self.has_class("-story"):
            self.query_one(StoryPanel).scroll_columns(step)

    @work(thread=True, exclusive=True, group="timeline-story")
    def _load_story(self, corpus: Corpus, story_id: str) -> None:
        story = corpus.story(story_id)
        events = corpus.story_events(story_id) if story is not None else ()
        if not get_current_worker().is_cancelled:
            self.post_message(self.StoryLoaded(story, events))

    def on_timeline_pane_story_loaded(self, message: StoryLoaded) -> None:
        message.stop()
        if message.story is None or message.story.id != self.story_id:
            return
        self.query_one(StoryPanel).show(message.story, message.events)
        self.add_class("-story")
        # The list just got shorter: keep the event whose story this is in view.
        self.call_after_refresh(self.query_one(TimelineList).scroll_to_highlight)

    # -- events -------------------------------------------------------------------------
    @on(Input.Changed)
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.run_query(debounce=True)

    @on(Input.Submitted)
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.events:
            self.query_one(TimelineList).focus()

    @on(OptionList.OptionSelected, "#tl-list")
    def _event_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = self.query_one(TimelineList).current
        if chosen is not None:
            self.post_message(
                ArticleChosen(chosen.article_id, offset=chosen.offset, length=len(chosen.text))
            )

    @on(OptionList.OptionHighlighted, "#tl-list")
    def _event_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        # An open story panel follows the cursor to the next story.
        current = self.query_one(TimelineList).current
        if self.has_class("-story") and current and current.story != self.story_id:
            self.story_id = current.story
            if current.story:
                self._load_story(self.corpus, current.story)

    # -- actions ------------------------------------------------------------------------
    def action_focus_list(self) -> None:
        self.query_one(TimelineList).focus()

    def action_back(self) -> None:
        if self.has_class("-story"):
            self.remove_class("-story")
            self.story_id = None
            return
        if isinstance(self.app.focused, Input) and self.app.focused in self.query(Input):
            self.action_focus_list()  # as in Search: from a filter, on to the events
        else:
            self._input("query").focus()

    def action_clear_filters(self) -> None:
        self.clear_filters()

    def _set_range(self, date_from: str, date_to: str) -> None:
        with self.prevent(Input.Changed):
            self._input("from").value = date_from
            self._input("to").value = date_to

    def action_zoom_in(self) -> None:
        """Group by a finer period, inside the highlighted event's year or month."""
        if self.zoom == ZOOMS[-1]:
            self.notify("Already at day level.", timeout=2)
            return
        event = self.query_one(TimelineList).current
        self._zoom_stack.append((self.zoom, self._input("from").value, self._input("to").value))
        if event is not None and event.resolved and event.date_start:
            span = event.date_start[: 4 if self.zoom == "year" else 7]
            if re.fullmatch(r"\d{4}(-\d{2})?", span):
                self._set_range(span, span)
        self.zoom = ZOOMS[ZOOMS.index(self.zoom) + 1]
        self.run_query()

    def action_zoom_out(self) -> None:
        """Back to the coarser period and the range from before zooming in."""
        if self._zoom_stack:
            self.zoom, date_from, date_to = self._zoom_stack.pop()
            self._set_range(date_from, date_to)
        elif self.zoom != ZOOMS[0]:
            self.zoom = ZOOMS[ZOOMS.index(self.zoom) - 1]
        else:
            self.notify("Already at year level.", timeout=2)
            return
        self.run_query()

    # -- export -------------------------------------------------------------------------
    def action_export(self) -> None:
        """Save every matching event as CSV, JSON or Markdown."""
        result, request = self.result, self.request
        if result is None or request is None or result.total == 0:
            self.notify("Nothing to export: no events match.", severity="warning")
            return
        slug = re.sub(r"\W+", "-", " ".join(filter(None, (request.query, request.entity,
                                                             request.source))).lower())  # fmt: skip
        initial = Path.cwd() / f"defexplore-timeline-{slug.strip('-')[:40] or 'all'}.csv"

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                self._export(self.corpus, request, choice)

        self.app.push_screen(ExportScreen(initial, result.total, what="events"), chosen)

    @work(thread=True, group="timeline-export")
    def _export(self, corpus: Corpus, request: TimelineRequest, choice: ExportChoice) -> None:
        try:
            result = request.run(corpus, None)
            stories = story_index(result.stories)
            rows = [export_row(e, stories) for e in result.events]
            path = export_rows(
                rows, choice.path, choice.fmt, columns=EXPORT_COLUMNS, overwrite=choice.overwrite
            )
        except Exception as exc:  # disk full, permissions, a file that appeared meanwhile
            self.post_message(ExportFinished(None, error=str(exc)))
            return
        self.post_message(ExportFinished(path, len(rows), "events"))
