"""User edits to entities, persisted atomically in the corpus directory and re-applied on top
of automatic merging after every re-ingest.

Edits are kept as an ordered log of operations, so that applying them to a rebuilt alias
table gives the same result as when the user made them, whatever new articles arrived.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import ENTITY_TYPES, EntityType

EDITS_FILE = "entity_edits.json"
_OPS = ("merge", "split", "rename", "retype", "hide", "unhide")


@dataclass(frozen=True)
class Edit:
    """One user operation. `a`/`b` are names; `type` is the entity type it applies to."""

    op: str
    a: str
    b: str = ""
    type: EntityType = "person"
    new_type: EntityType | None = None


def _check_type(t: str) -> EntityType:
    if t not in ENTITY_TYPES:
        raise ValueError(f"unknown entity type: {t!r}")
    return t


@dataclass
class EntityEdits:
    """The ordered list of user edits (merge, split, rename, retype, hide)."""

    ops: list[Edit] = field(default_factory=list)

    # -- operations -------------------------------------------------------------------
    def merge(self, a: str, b: str, type: EntityType) -> None:
        """Merge entity `b` into entity `a` (a's name is kept)."""
        self.ops.append(Edit("merge", a, b, _check_type(type)))

    def split(self, name: str, alias: str, type: EntityType) -> None:
        """Detach `alias` from the entity `name`; it becomes an entity of its own."""
        self.ops.append(Edit("split", name, alias, _check_type(type)))

    def rename(self, old: str, new: str, type: EntityType) -> None:
        """Give the entity `old` the display name `new`."""
        self.ops.append(Edit("rename", old, new, _check_type(type)))

    def retype(self, name: str, old_type: EntityType, new_type: EntityType) -> None:
        """Move an entity to another type."""
        self.ops.append(Edit("retype", name, "", _check_type(old_type), _check_type(new_type)))

    def hide(self, name: str, type: EntityType) -> None:
        """Hide an entity from lists, facets and counts."""
        self.ops.append(Edit("hide", name, "", _check_type(type)))

    def unhide(self, name: str, type: EntityType) -> None:
        """Show a hidden entity again."""
        self.ops.append(Edit("unhide", name, "", _check_type(type)))

    def undo(self) -> Edit | None:
        """Drop the last operation."""
        return self.ops.pop() if self.ops else None

    # -- persistence --------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """Plain JSON form."""
        rows = []
        for e in self.ops:
            row: dict[str, Any] = {"op": e.op, "a": e.a, "type": e.type}
            if e.b:
                row["b"] = e.b
            if e.new_type:
                row["new_type"] = e.new_type
            rows.append(row)
        return {"version": 1, "ops": rows}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EntityEdits:
        """Inverse of `to_json`; unknown operations are skipped."""
        ops = []
        for row in data.get("ops", []):
            if row.get("op") not in _OPS or row.get("type") not in ENTITY_TYPES:
                continue
            new_type = row.get("new_type")
            ops.append(
                Edit(
                    row["op"],
                    str(row.get("a", "")),
                    str(row.get("b", "")),
                    row["type"],
                    new_type if new_type in ENTITY_TYPES else None,
                )
            )
        return cls(ops)

    @classmethod
    def load(cls, path: Path) -> EntityEdits:
        """Read edits from a file, or a directory holding `entity_edits.json`; none when absent."""
        if path.is_dir():
            path = path / EDITS_FILE
        if not path.exists():
            return cls()
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))

    def save(self, path: Path) -> None:
        """Write atomically: a temporary file in the same directory, then os.replace."""
        if path.is_dir():
            path = path / EDITS_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".edits-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(self.to_json(), fh, ensure_ascii=False, indent=1)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise
