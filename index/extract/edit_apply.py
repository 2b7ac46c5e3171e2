"""Replaying user edits on the automatically merged entity rows."""

from __future__ import annotations

from typing import Any

from .edits import EntityEdits
from .normalize import name_key

Row = dict[str, Any]


def _find(rows: list[Row], name: str, etype: str) -> Row | None:
    key = name_key(name)
    for row in rows:
        if row["type"] == etype and name_key(row["name"]) == key:
            return row
    for row in rows:
        if any(t == etype and name_key(n) == key for n, t in row["members"]):
            return row
    for row in rows:
        if row["type"] == etype and any(name_key(a) == key for a in row["aliases"]):
            return row
    return None


def _new_row(name: str, etype: str) -> Row:
    return {"name": name, "type": etype, "members": [[name, etype]], "aliases": [name]}


def replay(rows: list[Row], edits: EntityEdits) -> tuple[list[Row], list[tuple[str, str]]]:
    """Apply edits in order; edits naming entities that no longer exist are skipped."""
    hidden: list[tuple[str, str]] = []
    for e in edits.ops:
        row = _find(rows, e.a, e.type)
        if e.op == "merge":
            other = _find(rows, e.b, e.type)
            if row is None:
                if other is None:
                    continue
                row = _new_row(e.a, e.type)
                rows.append(row)
            if other is None or other is row:
                row["members"].append([e.b, e.type])
                continue
            row["members"] += other["members"]
            row["aliases"] = sorted(set(row["aliases"]) | set(other["aliases"]) | {other["name"]})
            rows.remove(other)
        elif row is None:
            continue
        elif e.op == "split":
            key = name_key(e.b)
            moved = [m for m in row["members"] if name_key(m[0]) == key]
            if not moved and key not in {name_key(a) for a in row["aliases"]}:
                continue
            row["members"] = [m for m in row["members"] if name_key(m[0]) != key]
            row["aliases"] = [a for a in row["aliases"] if name_key(a) != key]
            if name_key(row["name"]) == key:
                row["name"] = next((m[0] for m in row["members"]), row["name"])
            rows.append(
                {"name": e.b, "type": e.type, "members": moved or [[e.b, e.type]], "aliases": [e.b]}
            )
        elif e.op == "rename":
            hidden = [
                (e.b, t) if t == row["type"] and name_key(n) == name_key(row["name"]) else (n, t)
                for n, t in hidden
            ]
            row["members"].append([row["name"], row["type"]])
            row["aliases"] = sorted(set(row["aliases"]) | {row["name"]})
            row["name"] = e.b
        elif e.op == "retype" and e.new_type:
            target = _find(rows, row["name"], e.new_type)
            hidden = [
                (n, e.new_type)
                if t == row["type"] and name_key(n) == name_key(row["name"])
                else (n, t)
                for n, t in hidden
            ]
            row["type"] = e.new_type
            if target is not None and target is not row:
                target["members"] += row["members"]
                target["aliases"] = sorted(set(target["aliases"]) | set(row["aliases"]))
                rows.remove(row)
        elif e.op == "hide":
            hidden.append((row["name"], row["type"]))
        elif e.op == "unhide":
            hidden = [
                h for h in hidden if name_key(h[0]) != name_key(row["name"]) or h[1] != row["type"]
            ]
    return rows, hidden
