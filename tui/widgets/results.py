"""The search results list: three lines per hit, loaded page by page as the user scrolls.

A Line API widget rather than an `OptionList`: it draws only the rows on show, each from
strips built once per hit (and per width and style), and a new result set of the same
length changes nothing but those rows, so the keystroke that brought it costs no layout
pass. OptionList measured and wrapped every option through its Visual machinery on each
new result, which was most of the time from keystroke to painted results.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from defexplore.index.model import Hit
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.style import Style
from textual.widget import Widget

from ..messages import CompareSideChosen, Side
from .hit_rows import HIT_COLUMNS, ROWS_PER_HIT, HitRows, hit_row

__all__ = ["HIT_COLUMNS", "ResultsList", "hit_row"]

# Ask for the next page when the cursor or the viewport gets this close to the end.
PREFETCH_ROWS = 10


class ResultsList(ScrollView, can_focus=True):
    """Hits of the current search. Enter or a click posts `Selected`; posts `NeedMore`
    when the cursor or the viewport gets close to the last loaded hit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("home,g", "first", "First", show=False),
        Binding("end,G", "last", "Last", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("enter", "select", "Open", show=True),
        Binding("a", "mark('a')", "Side A"),
        Binding("b", "mark('b')", "Side B"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "results-list--highlighted",
        "results-list--hover",
    }

    # The same colours as an OptionList's, so the list looks as it did before.
    DEFAULT_CSS = """
    ResultsList {
        height: 1fr;
        color: $foreground;
        background: $surface;
        overflow-x: hidden;
        overflow-y: scroll;
        & > .results-list--highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .results-list--highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .results-list--hover { background: $block-hover-background; }
    }
    """

    highlighted: reactive[int | None] = reactive[int | None](None, repaint=False)
    """The index of the hit under the cursor (None when there are no hits)."""

    class Selected(Message):
        """The user chose the hit at `index` (Enter or a click)."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    class NeedMore(Message):
        """More hits should be loaded after the `loaded` ones."""

        def __init__(self, loaded: int) -> None:
            super().__init__()
            self.loaded = loaded

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[Hit] = []
        self.total = 0
        self._rows: dict[int, HitRows] = {}
        # Drawn strips of a hit, by (index, width, style): a style changes with focus,
        # hover, the cursor and the theme, so stale strips are never looked up again.
        self._strips: dict[tuple[int, int, Style], list[Strip]] = {}
        self._hover: int | None = None
        self._on_painted: Callable[[], object] | None = None

    # -- content ------------------------------------------------------------------------
    def show(
        self, hits: Sequence[Hit], total: int, on_painted: Callable[[], object] | None = None
    ) -> None:
        """Replace the list with the first page of a new result; `on_painted` is called
        once the screen update that first draws it has been written out."""
        self.hits = list(hits)
        self.total = total
        self._on_painted = on_painted
        self._rows.clear()
        self._strips.clear()
        # Set without the watcher: it would scroll to the cursor and ask for more hits,
        # and the list goes back to the top anyway.
        self.set_reactive(ResultsList.highlighted, 0 if self.hits else None)
        self._size_to_hits()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def extend(self, hits: Sequence[Hit], offset: int) -> None:
        """Append a later page; pages that don't continue the list are ignored."""
        if offset != len(self.hits) or not hits:
            return
        self.hits.extend(hits)
        self._size_to_hits()
        self.refresh()

    def _size_to_hits(self) -> None:
        # Setting `virtual_size` asks for a layout pass of the whole screen, which costs
        # more than drawing the new rows and came on most keystrokes (typing goes from no
        # hits to a full page and back). The scrollbar is always shown, so the geometry
        # never depends on the line count: the size is set quietly and only the
        # scrollbar's thumb follows. Hits that fit the view keep the view's height.
        height = self.container_size.height
        size = Size(0, max(len(self.hits) * ROWS_PER_HIT, height))
        if size == self.virtual_size:
            return
        self.set_reactive(Widget.virtual_size, size)
        if self.is_mounted:
            bar = self.vertical_scrollbar
            bar.window_virtual_size = size.height
            bar.window_size = height

    def on_resize(self) -> None:
        self._size_to_hits()

    @property
    def has_more(self) -> bool:
        """True while some matching hits are not loaded yet."""
        return len(self.hits) < self.total

    @property
    def current(self) -> Hit | None:
        """The highlighted hit."""
        index = self.highlighted
        return self.hits[index] if index is not None and index < len(self.hits) else None

    def row_text(self, index: int) -> str:
        """The plain text of the hit at `index`, as its three rows show it."""
        return str(self._hit_rows(index))

    # -- drawing ------------------------------------------------------------------------
    def _hit_rows(self, index: int) -> HitRows:
        rows = self._rows.get(index)
        if rows is None:
            rows = self._rows[index] = HitRows(index + 1, self.hits[index])
        return rows

    def render_line(self, y: int) -> Strip:
        if self._on_painted is not None:
            # Drawn now, during a screen update: the screen runs what is queued with it
            # next once that update is written. (call_after_refresh would wait for the
            # refresh after; asked from the pane, it could even run after an earlier
            # update that went out before this widget's repaint reached the screen.)
            self.screen.call_next(self._on_painted)
            self._on_painted = None
        width = self.scrollable_content_region.width
        index, line = divmod(self.scroll_offset.y + y, ROWS_PER_HIT)
        if index >= len(self.hits):
            return Strip.blank(width, self.visual_style.rich_style)
        if index == self.highlighted:
            style = self.get_visual_style("results-list--highlighted")
        elif index == self._hover:
            style = self.get_visual_style("results-list--hover")
        else:
            style = self.visual_style
        key = (index, width, style)
        strips = self._strips.get(key)
        if strips is None:
            strips = self._strips[key] = self._hit_rows(index).strips(width, style)
        return strips[line]

    def _refresh_hit(self, index: int | None) -> None:
        if index is not None:
            self.refresh_lines(index * ROWS_PER_HIT, ROWS_PER_HIT)

    # -- cursor -------------------------------------------------------------------------
    def validate_highlighted(self, index: int | None) -> int | None:
        if index is None or not self.hits:
            return None
        return max(0, min(index, len(self.hits) - 1))

    def watch_highlighted(self, old: int | None, new: int | None) -> None:
        self._refresh_hit(old)
        self._refresh_hit(new)
        self.scroll_to_highlight()
        self._check_more()

    def scroll_to_highlight(self) -> None:
        """Scroll the least needed to show the whole highlighted hit."""
        if self.highlighted is None or not self.is_mounted:
            return
        top = self.highlighted * ROWS_PER_HIT
        self.scroll_to_region(
            Region(0, top, max(self.scrollable_content_region.width, 1), ROWS_PER_HIT),
            animate=False,
            force=True,
            immediate=True,
        )

    def _page(self) -> int:
        return max(1, self.scrollable_content_region.height // ROWS_PER_HIT)

    def _move(self, step: int) -> None:
        if self.hits:
            self.highlighted = 0 if self.highlighted is None else self.highlighted + step

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_page_down(self) -> None:
        self._move(self._page())

    def action_page_up(self) -> None:
        self._move(-self._page())

    def action_first(self) -> None:
        if self.hits:
            self.highlighted = 0

    def action_last(self) -> None:
        if self.hits:
            self.highlighted = len(self.hits) - 1

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self.highlighted))

    def action_mark(self, side: Side) -> None:
        """Mark the highlighted hit as side A or B for the Compare pane."""
        hit = self.current
        if hit is not None:
            self.post_message(CompareSideChosen(side, hit.id, hit.title))

    # -- mouse --------------------------------------------------------------------------
    def _index_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        index = (offset.y + self.scroll_offset.y) // ROWS_PER_HIT
        return index if index < len(self.hits) else None

    def on_click(self, event: events.Click) -> None:
        index = self._index_at(event)
        if index is not None:
            event.stop()
            self.highlighted = index
            self.post_message(self.Selected(index))

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._set_hover(self._index_at(event))

    def on_leave(self, _event: events.Leave) -> None:
        self._set_hover(None)

    def _set_hover(self, index: int | None) -> None:
        if index != self._hover:
            old, self._hover = self._hover, index
            self._refresh_hit(old)
            self._refresh_hit(index)

    # -- lazy loading -------------------------------------------------------------------
    def _check_more(self) -> None:
        # Only once the user moves: prefetching right after a new result would compete
        # with the next keystroke's search for the corpus.
        if not self.has_more:
            return
        cursor = self.highlighted or 0
        near_cursor = cursor > 0 and cursor >= len(self.hits) - PREFETCH_ROWS
        near_bottom = self.scroll_y > 0 and self.scroll_y >= self.max_scroll_y - self.size.height
        if near_cursor or near_bottom:
            self.post_message(self.NeedMore(len(self.hits)))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._check_more()
