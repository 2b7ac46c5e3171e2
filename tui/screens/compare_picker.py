"""Pick an article for one side of the Compare pane: fuzzy search over titles and outlets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar

from rapidfuzz import fuzz, process, utils
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from .article_list import ArticleListScreen

MAX_SHOWN = 200


@dataclass(frozen=True)
class PickEntry:
    """One article the picker offers; `kind` labels same-story candidates."""

    id: str
    title: str
    source: str | None = None
    published: str | None = None
    language: str | None = None
    kind: str | None = None

    @property
    def haystack(self) -> str:
        """What the fuzzy search matches against."""
        return f"{self.title} {self.source or ''} {self.published or ''}"


def rank(entries: Sequence[PickEntry], query: str) -> list[PickEntry]:
    """Entries best matching `query` first (all of them, in order, for an empty query)."""
    if not query.strip():
        return list(entries)[:MAX_SHOWN]
    found = process.extract(
        query,
        [e.haystack for e in entries],
        scorer=fuzz.WRatio,
        processor=utils.default_process,
        limit=MAX_SHOWN,
        score_cutoff=50,
    )
    return [entries[index] for _, _, index in found]


class ComparePickerScreen(ArticleListScreen):
    """Choose an article; dismisses with its id, or None on Esc."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("down", "down", "Down", show=False),
        Binding("up", "up", "Up", show=False),
    ]

    def __init__(self, title: str, entries: Sequence[PickEntry], exclude: str | None = None):
        super().__init__()
        self.title_text = title
        self.entries = [e for e in entries if e.id != exclude]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text)
            yield Input(placeholder="type to filter titles and outlets", id="pick-query")
            yield OptionList(*self._options(self.entries), id="pick-list")

    @staticmethod
    def _options(entries: Sequence[PickEntry]) -> list[Option]:
        out = []
        for e in entries:
            meta = " · ".join(
                x for x in (e.source or "unknown outlet", e.published or "undated",
                            (e.language or "??").upper()) if x
            )  # fmt: skip
            parts: list[str | tuple[str, str]] = []
            if e.kind:
                parts.append((f"[{e.kind.replace('_', ' ')}] ", "$text-warning"))
            parts += [(e.title or e.id, "bold"), "\n", (meta, "$text-muted")]
            out.append(Option(Content.assemble(*parts), id=e.id))
        return out

    @property
    def shown(self) -> list[str]:
        """Ids of the options on show, in order."""
        options = self.query_one(OptionList).options
        return [o.id for o in options if o.id is not None]

    @on(Input.Changed, "#pick-query")
    def _filter(self, event: Input.Changed) -> None:
        listing = self.query_one(OptionList)
        listing.clear_options()
        listing.add_options(self._options(rank(self.entries, event.value)))
        if listing.option_count:
            listing.highlighted = 0

    @on(Input.Submitted, "#pick-query")
    def _submit(self) -> None:
        listing = self.query_one(OptionList)
        index = listing.highlighted if listing.highlighted is not None else 0
        if listing.option_count:
            self.dismiss(listing.get_option_at_index(index).id)
