"""Entity edits from the Entities pane: merge, split, rename, hide and undo.

A mixin of `EntitiesPane`, kept apart for size. Edits run in a thread worker and report
back with `EntityEdited`; the pane then lists again, keeping the edited entity selected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from defexplore.index.corpus import Corpus
from defexplore.index.model import Entity
from textual import work
from textual.containers import Vertical
from textual.message import Message

from ..screens.dialogs import ConfirmScreen
from ..screens.entity_dialogs import EntityNameScreen, EntityPickScreen

SEP = "\x1f"  # joins type and name in row keys


class EntityEdited(Message):
    """An edit was saved (`error` set when it was refused); `select` is the row to keep."""

    def __init__(self, what: str, error: str | None = None, select: str = "") -> None:
        super().__init__()
        self.what = what
        self.error = error
        self.select = select


class EntityEditing(Vertical):
    """The edit actions of the Entities pane (M, S, R, H and u)."""

    if TYPE_CHECKING:  # provided by EntitiesPane
        corpus: Corpus
        entities: tuple[Entity, ...]
        total: int
        _select_after: str

        @property
        def highlighted(self) -> Entity | None: ...

        def refresh_entities(self) -> None: ...

    def action_merge(self) -> None:
        entity = self.highlighted
        if entity is None:
            return
        others = [e.name for e in self.corpus_entities(entity.type) if e.name != entity.name]

        def chosen(other: str | None) -> None:
            if other:
                self._edit("merge", entity, other)

        hint = f"The chosen {entity.type} is folded into {entity.name}, which keeps its name."
        self.app.push_screen(EntityPickScreen(f"Merge into {entity.name}", others, hint), chosen)

    def corpus_entities(self, etype: str) -> tuple[Entity, ...]:
        """Every listed entity of `etype` (for the merge picker)."""
        listed = tuple(e for e in self.entities if e.type == etype)
        return listed if len(listed) >= self.total else self.corpus.entities(type=etype)

    def action_split(self) -> None:
        entity = self.highlighted
        if entity is None:
            return
        if not entity.aliases:
            self.notify(f"{entity.name} has no alias to split off.", severity="warning")
            return

        def chosen(alias: str | None) -> None:
            if alias:
                self._edit("split", entity, alias)

        hint = "The chosen name becomes an entity of its own."
        self.app.push_screen(
            EntityPickScreen(f"Split from {entity.name}", entity.aliases, hint), chosen
        )

    def action_rename(self) -> None:
        entity = self.highlighted
        if entity is None:
            return

        def chosen(name: str | None) -> None:
            if name and name != entity.name:
                self._edit("rename", entity, name)

        self.app.push_screen(EntityNameScreen(f"Rename {entity.name}", entity.name), chosen)

    def action_hide(self) -> None:
        entity = self.highlighted
        if entity is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._edit("hide", entity, "")

        question = f"Hide {entity.name} ({entity.type}) from lists and counts? (u undoes)"
        self.app.push_screen(ConfirmScreen(question, yes="Hide"), confirmed)

    def action_undo(self) -> None:
        self._undo(self.corpus)

    @work(thread=True, exclusive=True, group="entities-edit")
    def _edit(self, op: str, entity: Entity, value: str) -> None:
        corpus, name, etype = self.corpus, entity.name, entity.type
        try:
            if op == "merge":
                corpus.merge_entities(name, value, etype)
                what, select = f"Merged {value} into {name}", f"{etype}{SEP}{name}"
            elif op == "split":
                corpus.split_entity(name, value, etype)
                what, select = f"Split {value} from {name}", f"{etype}{SEP}{name}"
            elif op == "rename":
                corpus.rename_entity(name, value, etype)
                what, select = f"Renamed {name} to {value}", f"{etype}{SEP}{value}"
            else:
                corpus.hide_entity(name, etype)
                what, select = f"Hid {name} (u to undo)", ""
        except (ValueError, OSError) as exc:
            self.post_message(EntityEdited(op, str(exc)))
            return
        self.post_message(EntityEdited(what, select=select))

    @work(thread=True, exclusive=True, group="entities-edit")
    def _undo(self, corpus: Corpus) -> None:
        undone = corpus.undo_entity_edit()
        what = f"Undid {undone.op} of {undone.a}" if undone else "Nothing to undo"
        self.post_message(EntityEdited(what))

    def on_entity_edited(self, message: EntityEdited) -> None:
        message.stop()
        if message.error:
            self.notify(message.error, title="Edit refused", severity="error")
            return
        self.notify(message.what, title="Entities")
        self._select_after = message.select
        self.refresh_entities()
