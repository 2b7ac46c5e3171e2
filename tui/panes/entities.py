"""The Entities pane: people, organisations, places and equipment across the corpus.

A filterable, sortable list (search as you type, type and sort selectors) beside the
highlighted entity's detail. Listing, detail and edits run in thread workers that post
messages carrying the request they answer; answers to a stale request are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from defexplore.index.corpus import Corpus
from defexplore.index.model import Entity, EntityDetail
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import DataTable, Input, Select, Static
from textual.worker import get_current_worker

from ..commands.entities import entity_row  # the `entities --json` schema, shared
from ..export import export_rows
from ..messages import EntitySearchRequested, ExportFinished, TimelineRequested
from ..screens.dialogs import ExportChoice, ExportScreen
from .entities_detail import EXPORT_COLUMNS, EntityDetailView
from .entities_edit import SEP as _SEP, EntityEditing

LIMIT = 500  # rows the list holds; typing narrows, the status line gives the full count
TYPES: tuple[tuple[str, str], ...] = (
    ("All types", "all"),
    ("People", "person"),
    ("Organisations", "org"),
    ("Places", "place"),
    ("Equipment", "equipment"),
)
SORTS: tuple[tuple[str, str], ...] = (
    ("By articles", "articles"),
    ("By mentions", "mentions"),
    ("By name", "name"),
)
NAME_CHARS = 22
TYPE_SHORT = {"person": "person", "org": "org", "place": "place", "equipment": "equip"}


@dataclass(frozen=True)
class EntitiesRequest:
    """What a listing depends on; `generation` changes after each edit or ingest."""

    query: str = ""
    type: str = "all"
    sort: str = "articles"
    generation: int = 0


def _key(entity: Entity) -> str:
    return f"{entity.type}{_SEP}{entity.name}"


class EntitiesPane(EntityEditing):
    """Entities with article and mention counts; the detail of the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "focus_list", "List", key_display="↓", show=False),
        Binding("escape", "back", "Back", show=False),
        Binding("t", "timeline", "Timeline"),
        Binding("M", "merge", "Merge"),
        Binding("S", "split", "Split"),
        Binding("R", "rename", "Rename"),
        Binding("H", "hide", "Hide/show"),
        Binding("u", "undo", "Undo edit", show=False),
        Binding("space", "toggle_mark", "Select", show=False),
        Binding("y", "cycle_type", "Type", show=False),
        Binding("s", "cycle_sort", "Sort", show=False),
        Binding("d", "focus_detail", "Detail", show=False),
        Binding("ctrl+s,e", "export", "Export", key_display="^s"),
    ]

    DEFAULT_CSS = """
    EntitiesPane { height: 1fr; }
    EntitiesPane #entities-bar { height: 1; margin: 1 0 0 0; }
    EntitiesPane #entity-query { width: 1fr; }
    EntitiesPane #entity-type { width: 18; margin: 0 0 0 1; }
    EntitiesPane #entity-sort { width: 16; margin: 0 1 0 1; }
    EntitiesPane #entities-status { height: 1; padding: 0 1; color: $text-muted; }
    EntitiesPane.-loading #entities-status { color: $text-disabled; }
    EntitiesPane #entities-body { height: 1fr; }
    EntitiesPane #entity-list { width: 51; height: 1fr; }
    EntitiesPane #entity-detail { width: 2fr; height: 1fr; border-left: vkey $foreground 10%; }
    """

    class Listed(Message):
        """Entities for `request` (posted by the listing worker)."""

        def __init__(self, request: EntitiesRequest, entities: tuple[Entity, ...], total: int):
            super().__init__()
            self.request = request
            self.entities = entities
            self.total = total

    class DetailReady(Message):
        """The detail of entity `key` (None when it has gone)."""

        def __init__(self, key: str, detail: EntityDetail | None) -> None:
            super().__init__()
            self.key = key
            self.detail = detail

    def __init__(self, corpus: Corpus, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.corpus = corpus
        self.request: EntitiesRequest | None = None
        self.listed: EntitiesRequest | None = None  # the request the list on show answers
        self.entities: tuple[Entity, ...] = ()
        self.total = 0
        self.detail: EntityDetail | None = None
        self.marked: set[str] = set()
        self._generation = 0
        self._detail_key = ""
        self._select_after = ""

    def compose(self) -> ComposeResult:
        with Horizontal(id="entities-bar"):
            yield Input(placeholder="Filter entities…", id="entity-query", compact=True)
            yield Select(TYPES, value="all", allow_blank=False, id="entity-type", compact=True)
            yield Select(SORTS, value="articles", allow_blank=False, id="entity-sort", compact=True)
        yield Static("", id="entities-status")
        with Horizontal(id="entities-body"):
            table: DataTable[str] = DataTable(
                id="entity-list", cursor_type="row", zebra_stripes=True
            )
            yield table
            yield EntityDetailView(id="entity-detail")

    def on_mount(self) -> None:
        table = self.query_one("#entity-list", DataTable)
        table.add_column(" ", key="mark", width=1)
        table.add_column("Name", key="name", width=NAME_CHARS)
        table.add_column("Type", key="type", width=6)
        table.add_column("Art.", key="articles", width=5)
        table.add_column("Ment.", key="mentions", width=5)
        if self.app.is_headless:
            self.query_one("#entity-query", Input).cursor_blink = False
        self.run_list()

    # -- state ----------------------------------------------------------------------------
    @property
    def highlighted(self) -> Entity | None:
        """The entity under the list cursor."""
        table = self.query_one("#entity-list", DataTable)
        row = table.cursor_row
        return self.entities[row] if 0 <= row < len(self.entities) and table.row_count else None

    def set_corpus(self, corpus: Corpus) -> None:
        """Point the pane at another corpus and list it afresh."""
        self.corpus = corpus
        self.marked.clear()
        self.refresh_entities()

    def refresh_entities(self) -> None:
        """List again (after an ingest or an edit)."""
        self._generation += 1
        self._detail_key = ""
        self.run_list()

    def set_query(self, text: str) -> None:
        """Replace the filter text (the change lists again)."""
        self.query_one("#entity-query", Input).value = text

    def _current_request(self) -> EntitiesRequest:
        etype = self.query_one("#entity-type", Select).value
        sort = self.query_one("#entity-sort", Select).value
        return EntitiesRequest(
            self.query_one("#entity-query", Input).value.strip(),
            str(etype) if isinstance(etype, str) else "all",
            str(sort) if isinstance(sort, str) else "articles",
            self._generation,
        )

    # -- listing --------------------------------------------------------------------------
    def run_list(self) -> None:
        """List the entities for the current filter, type and sort."""
        request = self._current_request()
        self.request = request
        self.add_class("-loading")
        self._list(self.corpus, request)

    @work(thread=True, exclusive=True, group="entities")
    def _list(self, corpus: Corpus, request: EntitiesRequest) -> None:
        etype = None if request.type == "all" else request.type
        found = corpus.entities(type=etype, query=request.query, sort=request.sort)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Listed(request, found[:LIMIT], len(found)))

    def on_entities_pane_listed(self, message: Listed) -> None:
        message.stop()
        if message.request != self.request:
            return  # stale: the filter, type, sort or corpus changed since
        self.remove_class("-loading")
        self.entities = message.entities
        self.total = message.total
        table = self.query_one("#entity-list", DataTable)
        keep = self._select_after or (_key(h) if (h := self.highlighted) else "")
        self._select_after = ""
        table.clear()
        for e in self.entities:
            mark = "●" if _key(e) in self.marked else ""
            name = e.name if len(e.name) <= NAME_CHARS else e.name[: NAME_CHARS - 1] + "…"
            counts = (
                Text(f"{e.articles:,}", justify="right"),
                Text(f"{e.mentions:,}", justify="right"),
            )
            table.add_row(mark, name, TYPE_SHORT.get(e.type, e.type), *counts, key=_key(e))
        keys = [_key(e) for e in self.entities]
        if keep in keys:
            table.move_cursor(row=keys.index(keep))
        self.set_class(not self.entities, "-empty")
        self._show_status()
        if not self.entities:
            self.query_one(EntityDetailView).show(None, "No entity matches.")
            self.detail = None
        else:
            self._load_detail()
        self.listed = message.request

    def _show_status(self) -> None:
        n = self.total
        parts = [f"{n:,} {'entity' if n == 1 else 'entities'}"]
        if n > len(self.entities):
            parts.append(f"first {len(self.entities):,} shown (type to narrow)")
        if self.marked:
            parts.append(f"{len(self.marked)} selected")
        parts.append("Enter: search · t: timeline · M/S/R/H: merge/split/rename/hide")
        self.query_one("#entities-status", Static).update(" · ".join(parts))

    # -- detail ---------------------------------------------------------------------------
    def _load_detail(self) -> None:
        entity = self.highlighted
        if entity is None or _key(entity) == self._detail_key:
            return
        self._detail_key = _key(entity)
        self._fetch_detail(self.corpus, entity)

    @work(thread=True, exclusive=True, group="entities-detail")
    def _fetch_detail(self, corpus: Corpus, entity: Entity) -> None:
        found = corpus.entity(entity.name, entity.type)
        if not get_current_worker().is_cancelled:
            self.post_message(self.DetailReady(_key(entity), found))

    def on_entities_pane_detail_ready(self, message: DetailReady) -> None:
        message.stop()
        if message.key != self._detail_key:
            return
        self.detail = message.detail
        self.query_one(EntityDetailView).show(message.detail, "This entity is gone.")

    @on(DataTable.RowHighlighted, "#entity-list")
    def _row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._load_detail()

    @on(DataTable.RowSelected, "#entity-list")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        entity = self.highlighted
        if entity is not None:
            self.post_message(EntitySearchRequested(entity.name, entity.type))

    # -- inputs ---------------------------------------------------------------------------
    @on(Input.Changed, "#entity-query")
    def _query_changed(self) -> None:
        self.run_list()

    @on(Input.Submitted, "#entity-query")
    def _query_submitted(self) -> None:
        self.action_focus_list()

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.run_list()

    def _cycle(self, select_id: str, options: tuple[tuple[str, str], ...]) -> None:
        select = self.query_one(select_id, Select)
        values = [v for _, v in options]
        current = select.value if select.value in values else values[0]
        select.value = values[(values.index(str(current)) + 1) % len(values)]

    def action_cycle_type(self) -> None:
        self._cycle("#entity-type", TYPES)

    def action_cycle_sort(self) -> None:
        self._cycle("#entity-sort", SORTS)

    def action_focus_list(self) -> None:
        self.query_one("#entity-list", DataTable).focus()

    def action_focus_detail(self) -> None:
        self.query_one(EntityDetailView).focus()

    def action_back(self) -> None:
        field = self.query_one("#entity-query", Input)
        if field.has_focus and field.value:
            field.value = ""
        elif field.has_focus:  # as in Search: an empty filter gives way to the list
            self.action_focus_list()
        else:
            field.focus()

    def action_timeline(self) -> None:
        entity = self.highlighted
        if entity is not None:
            self.post_message(TimelineRequested(entity.name))

    def action_toggle_mark(self) -> None:
        entity = self.highlighted
        if entity is None:
            return
        key = _key(entity)
        self.marked.symmetric_difference_update({key})
        table = self.query_one("#entity-list", DataTable)
        table.update_cell(key, "mark", "●" if key in self.marked else "")
        self._show_status()

    # -- export ---------------------------------------------------------------------------
    def action_export(self) -> None:
        chosen_rows = [e for e in self.entities if _key(e) in self.marked]
        what = "selected entities" if chosen_rows else "entities"
        if not chosen_rows and not self.total:
            self.notify("Nothing to export: no entity matches.", severity="warning")
            return
        request = self.request or self._current_request()
        count = len(chosen_rows) or self.total
        slug = re.sub(r"\W+", "-", f"entities {request.type} {request.query}".lower()).strip("-")
        initial = Path.cwd() / f"defexplore-{slug[:40]}.csv"

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                self._export(self.corpus, request, tuple(chosen_rows), choice)

        self.app.push_screen(ExportScreen(initial, count, what=what), chosen)

    @work(thread=True, group="entities-export")
    def _export(
        self,
        corpus: Corpus,
        request: EntitiesRequest,
        chosen: tuple[Entity, ...],
        choice: ExportChoice,
    ) -> None:
        try:
            rows = chosen or corpus.entities(
                type=None if request.type == "all" else request.type,
                query=request.query,
                sort=request.sort,
            )
            data = [entity_row(e) for e in rows]
            path = export_rows(
                data, choice.path, choice.fmt, columns=EXPORT_COLUMNS, overwrite=choice.overwrite
            )
        except Exception as exc:  # disk full, permissions, a file that appeared meanwhile
            self.post_message(ExportFinished(None, error=str(exc)))
            return
        self.post_message(ExportFinished(path, len(data), "entities"))
