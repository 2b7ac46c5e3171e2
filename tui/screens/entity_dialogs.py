"""Dialogs of the Entities pane: pick a name (merge, split) and type a new name (rename)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from .dialogs import DIALOG_CSS, PromptScreen

PICK_LIMIT = 200  # options shown at once; typing narrows the list


class EntityPickScreen(ModalScreen[str | None]):
    """Choose one name from a list, narrowed as you type; Enter picks, Esc cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]
    DEFAULT_CSS = (
        DIALOG_CSS.format(name="EntityPickScreen")
        + """
    EntityPickScreen OptionList { height: auto; max-height: 16; margin-top: 1; }
    EntityPickScreen .hint { color: $text-muted; }
    """
    )

    def __init__(self, title: str, names: Sequence[str], hint: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.names = list(names)
        self.hint = hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            if self.hint:
                yield Static(self.hint, classes="hint")
            yield Input(placeholder="Type to narrow…", id="pick-filter")
            yield OptionList(id="pick-options")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#pick-filter", Input).focus()

    def _fill(self, needle: str) -> None:
        low = needle.casefold().strip()
        shown = [n for n in self.names if low in n.casefold()][:PICK_LIMIT]
        options = self.query_one("#pick-options", OptionList)
        options.clear_options()
        options.add_options([Option(n) for n in shown])
        if shown:
            options.highlighted = 0

    @on(Input.Changed, "#pick-filter")
    def _narrow(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#pick-filter")
    def _submit_first(self) -> None:
        options = self.query_one("#pick-options", OptionList)
        if options.highlighted is not None and options.option_count:
            self.dismiss(str(options.get_option_at_index(options.highlighted).prompt))

    def key_down(self) -> None:
        self.query_one("#pick-options", OptionList).focus()

    @on(OptionList.OptionSelected, "#pick-options")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(str(event.option.prompt))


class EntityNameScreen(PromptScreen[str | None]):
    """Type a name (rename); Enter saves, Esc cancels."""

    FIELD_ID = "entity-name"

    def __init__(self, title: str, initial: str, action: str = "Rename") -> None:
        super().__init__(title, initial, action)

    def parse(self, text: str) -> str:
        if not text:
            raise ValueError("The name cannot be empty.")
        return text
