"""The search box: an `Input` whose keystrokes repaint it without a layout pass."""

from __future__ import annotations

from textual.geometry import Region
from textual.widgets import Input
from typing_extensions import Self


class QueryInput(Input):
    """An `Input` for a box whose size never depends on its text.

    On every change of value, Input sets its virtual size (the text's width) and that
    asks for a layout pass of the whole screen: a reflow, then a repaint of every widget
    whose scrollbars or geometry the pass touched, about as costly as drawing the new
    results. Here the box has a fixed height and a fractional width, so only the input
    itself needs repainting; its horizontal scrolling reads the virtual size directly.
    Layout requests for any other reason (style changes, resizes) go through unchanged.
    """

    _typing = False  # True while Input reacts to a new value

    def validate_value(self, value: str) -> str:
        # Runs just before the value's watchers, which run only when the value changes;
        # watch_value, the last of Input's own, ends the window.
        self._typing = value != self.value
        return value

    def watch_value(self) -> None:
        self._typing = False

    def refresh(
        self,
        *regions: Region,
        repaint: bool = True,
        layout: bool = False,
        recompose: bool = False,
    ) -> Self:
        if layout and self._typing and not self.styles.auto_dimensions:
            layout = False
        return super().refresh(*regions, repaint=repaint, layout=layout, recompose=recompose)
