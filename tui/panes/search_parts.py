"""Parts of the Search pane: the request a result answers, the did-you-mean line and the
syntax-error line."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.events import Click
from textual.message import Message
from textual.visual import VisualType
from textual.widgets import Static


@dataclass(frozen=True)
class SearchRequest:
    """Everything a result depends on; results for any other request are stale."""

    query: str
    sort: str
    filters: tuple[tuple[str, tuple[str, ...]], ...]

    def filter_map(self) -> dict[str, list[str]]:
        """The filters as `Corpus.search` takes them."""
        return {k: list(v) for k, v in self.filters}


class Suggestion(Static, can_focus=True):
    """The did-you-mean line; Enter or a click applies it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "apply", "Apply", show=True)]

    class Applied(Message):
        """The user accepted the suggestion."""

    def action_apply(self) -> None:
        self.post_message(self.Applied())

    async def _on_click(self, event: Click) -> None:
        event.stop()
        self.post_message(self.Applied())


class ErrorLine(Static):
    """The query's syntax error, under the input."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._on_painted: Callable[[], object] | None = None

    def show(self, message: VisualType, on_painted: Callable[[], object] | None = None) -> None:
        """Show `message`; `on_painted` is called once the screen update that first
        draws it has been written out."""
        self._on_painted = on_painted
        self.update(message)

    def render(self) -> VisualType:
        # Rendered during the screen update that draws the new message (see
        # ResultsList.render_line for why the pane can't ask for this itself).
        if self._on_painted is not None:
            self.screen.call_next(self._on_painted)
            self._on_painted = None
        return super().render()
