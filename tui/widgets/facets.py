"""The facet sidebar: source, year, language and top entities with counts, toggled as filters."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from defexplore.index.model import FacetValue
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

FACETS: tuple[tuple[str, str], ...] = (
    ("source", "Source"),
    ("year", "Year"),
    ("language", "Language"),
    ("person", "People"),
    ("org", "Organizations"),
    ("place", "Places"),
    ("equipment", "Equipment"),
)
_SEP = "\x1f"  # joins facet name and value in option ids; never appears in either


class FacetList(OptionList):
    """One list for all facets: headers are disabled options, values toggle on Enter/click."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("space", "select", "Toggle", show=False),
        Binding("enter", "select", "Toggle filter", show=True),
    ]

    DEFAULT_CSS = """
    FacetList {
        height: 1fr;
        max-height: 100%;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        border: none;
        padding: 0;
        & > .option-list--option-disabled { color: $text-accent; text-style: bold; }
        &:focus { border: none; }
    }
    """

    class Toggled(Message):
        """A facet value was switched on or off."""

        def __init__(self, facet: str, value: str) -> None:
            super().__init__()
            self.facet = facet
            self.value = value

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.selected: dict[str, set[str]] = {name: set() for name, _ in FACETS}

    def filters(self) -> dict[str, list[str]]:
        """The chosen values per facet, for `Corpus.search(filters=...)`."""
        return {k: sorted(v) for k, v in self.selected.items() if v}

    def clear_filters(self) -> None:
        """Drop every chosen value."""
        for values in self.selected.values():
            values.clear()

    def toggle(self, facet: str, value: str) -> None:
        """Flip one value's state."""
        chosen = self.selected.setdefault(facet, set())
        chosen.symmetric_difference_update({value})

    def show(self, facets: Mapping[str, Sequence[FacetValue]]) -> None:
        """Rebuild the options from fresh counts, keeping chosen values and the cursor."""
        keep = self.highlighted_option.id if self.highlighted_option else None
        options: list[Option] = []
        for name, label in FACETS:
            values = list(facets.get(name, ()))
            shown = {v.value for v in values}
            # A chosen value stays visible (with 0) so it can be switched off again.
            values += [FacetValue(v, 0) for v in sorted(self.selected[name] - shown)]
            options.append(Option(Content(label.upper()), id=f"h{_SEP}{name}", disabled=True))
            if not values:
                options.append(Option(Content("  (none)"), id=f"n{_SEP}{name}", disabled=True))
            for fv in values:
                on = fv.value in self.selected[name]
                mark = Content.styled("■ " if on else "□ ", "$text-accent" if on else "$text-muted")
                prompt = Content.assemble(
                    mark,
                    (fv.value, "bold" if on else ""),
                    (f" {fv.count:,}", "$text-muted"),
                )
                options.append(Option(prompt, id=f"v{_SEP}{name}{_SEP}{fv.value}"))
        self.set_options(options)
        if keep is not None:
            try:
                self.highlighted = self.get_option_index(keep)
            except Exception:
                self.highlighted = None

    def _on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        parts = (event.option_id or "").split(_SEP)
        if len(parts) == 3 and parts[0] == "v":
            self.toggle(parts[1], parts[2])
            self.post_message(self.Toggled(parts[1], parts[2]))
