"""Dialogs: confirm, choose a path, pick a corpus, export results."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar, Generic, TypeVar

from defexplore.index.model import CorpusInfo
from defexplore.index.paths import valid_corpus_name
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, OptionList, RadioButton, RadioSet, Static
from textual.widgets.option_list import Option

from ..export import FORMAT_NAMES, FORMATS, format_for, with_format

ResultT = TypeVar("ResultT")

DIALOG_CSS = """
{name} {{ align: center middle; }}
{name} > Vertical {{
    width: 90%; max-width: 84; height: auto; max-height: 90%;
    border: round $accent; background: $surface; padding: 1 2;
}}
{name} .title {{ text-style: bold; color: $text-accent; padding-bottom: 1; }}
{name} .error {{ color: $text-error; height: auto; }}
{name} .buttons {{ height: auto; align-horizontal: right; padding-top: 1; }}
{name} .buttons Button {{ margin-left: 1; }}
"""


class ConfirmScreen(ModalScreen[bool]):
    """A yes/no question; y/Enter confirms, n/Esc declines."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]
    DEFAULT_CSS = DIALOG_CSS.format(name="ConfirmScreen")

    def __init__(self, question: str, yes: str = "Yes") -> None:
        super().__init__()
        self.question = question
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="title")
            with Horizontal(classes="buttons"):
                yield Button("No", id="no")
                yield Button(self.yes, id="yes", variant="warning")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")


class PromptScreen(ModalScreen[ResultT], Generic[ResultT]):
    """One text field with Cancel and OK; `parse` turns the text into the result.

    Enter or OK submits, Esc or Cancel dismisses with None. A value `parse` rejects
    (ValueError) shows its message under the field and keeps the dialog open.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]
    DEFAULT_CSS = DIALOG_CSS.format(name="PromptScreen")
    FIELD_ID = "prompt"

    def __init__(self, title: str, initial: str, action: str) -> None:
        super().__init__()
        self.title_text = title
        self.initial = initial
        self.action = action

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title")
            yield Input(self.initial, id=self.FIELD_ID)
            yield Static("", id="prompt-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button(self.action, id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one(f"#{self.FIELD_ID}", Input).focus()

    def parse(self, text: str) -> ResultT:
        """The result for `text` (already stripped); ValueError says what is wrong."""
        raise NotImplementedError

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        try:
            parsed = self.parse(self.query_one(f"#{self.FIELD_ID}", Input).value.strip())
        except ValueError as exc:
            self.query_one("#prompt-error", Static).update(str(exc))
            return
        self.dismiss(parsed)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)


class PathScreen(PromptScreen[Path | None]):
    """Ask for an existing file or folder (e.g. to add to the corpus)."""

    FIELD_ID = "path"

    def __init__(self, title: str, initial: Path, action: str = "Add") -> None:
        super().__init__(title, str(initial), action)

    def parse(self, text: str) -> Path:
        path = Path(text).expanduser()
        if not text or not path.exists():
            raise ValueError(f"No such file or folder: {text!r}")
        return path.resolve()


class CorpusScreen(ModalScreen[str | None]):
    """Pick a known corpus or type a new name."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]
    DEFAULT_CSS = (
        DIALOG_CSS.format(name="CorpusScreen")
        + """
    CorpusScreen OptionList { height: auto; max-height: 12; border: none; }
    """
    )

    def __init__(self, corpora: Sequence[CorpusInfo], current: str) -> None:
        super().__init__()
        self.corpora = list(corpora)
        self.current = current

    def compose(self) -> ComposeResult:
        options = [
            Option(
                Content.assemble(
                    (c.name, "bold" if c.name == self.current else ""),
                    (f"  {c.articles:,} articles", "$text-muted"),
                    ("  (open)" if c.name == self.current else "", "$text-accent"),
                ),
                id=c.name,
            )
            for c in self.corpora
        ]
        with Vertical():
            yield Label("Switch corpus", classes="title")
            yield OptionList(*options, id="corpora")
            yield Input(placeholder="…or a new corpus name", id="new-name")
            yield Static("", id="name-error", classes="error")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id)

    @on(Input.Submitted, "#new-name")
    def _new(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if not valid_corpus_name(name):
            self.query_one("#name-error", Static).update(
                "Use letters, digits, '.', '_' or '-' (at most 64)."
            )
            return
        self.dismiss(name)


@dataclass(frozen=True)
class ExportChoice:
    """Where and how to export; `overwrite` is true only after the user confirmed."""

    path: Path
    fmt: str
    overwrite: bool = False


class ExportScreen(ModalScreen[ExportChoice | None]):
    """Choose the export path and format; asks before replacing an existing file."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]
    DEFAULT_CSS = (
        DIALOG_CSS.format(name="ExportScreen")
        + """
    ExportScreen RadioSet { layout: horizontal; width: auto; margin: 1 0 0 0; }
    """
    )

    def __init__(self, initial: Path, rows: int, what: str = "results") -> None:
        super().__init__()
        self.initial = initial
        self.rows = rows
        self.what = what

    def compose(self) -> ComposeResult:
        fmt = format_for(self.initial)
        with Vertical():
            yield Label(f"Export {self.rows:,} {self.what}", classes="title")
            yield Input(str(self.initial), id="export-path")
            with RadioSet(id="export-format"):
                for key, name in FORMAT_NAMES.items():
                    yield RadioButton(name, value=key == fmt, id=f"fmt-{key}")
            yield Static("", id="export-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Export", id="ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#export-path", Input).focus()

    @property
    def fmt(self) -> str:
        """The chosen format key."""
        pressed = self.query_one(RadioSet).pressed_button
        key = (pressed.id or "fmt-csv").removeprefix("fmt-") if pressed else "csv"
        return key if key in FORMATS else "csv"

    @on(RadioSet.Changed)
    def _format_changed(self) -> None:
        field = self.query_one("#export-path", Input)
        if field.value.strip():
            field.value = str(with_format(Path(field.value.strip()), self.fmt))

    @on(Input.Submitted)
    @on(Button.Pressed, "#ok")
    def _submit(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        error = self.query_one("#export-error", Static)
        path = Path(raw).expanduser() if raw else None
        if path is None or path.is_dir():
            error.update("Give a file path (not a folder).")
            return
        if not path.parent.exists():
            error.update(f"Folder {path.parent} does not exist.")
            return
        choice = ExportChoice(path.resolve(), self.fmt)
        if not path.exists():
            self.dismiss(choice)
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self.dismiss(ExportChoice(choice.path, choice.fmt, overwrite=True))

        self.app.push_screen(
            ConfirmScreen(f"{path.name} already exists. Replace it?", yes="Replace"), confirmed
        )

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)
