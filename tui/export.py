"""Writers for tabular exports: rows of dicts to CSV, JSON or Markdown, written atomically.

Engine-free so that any pane (search results, entities, timeline) can reuse it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

Row = Mapping[str, Any]
FORMATS: dict[str, str] = {"csv": ".csv", "json": ".json", "md": ".md"}
FORMAT_NAMES: dict[str, str] = {"csv": "CSV", "json": "JSON", "md": "Markdown"}


def columns_of(rows: Sequence[Row]) -> list[str]:
    """Column names in first-seen order across all rows."""
    seen: dict[str, None] = {}
    for row in rows:
        for key in row:
            seen.setdefault(str(key), None)
    return list(seen)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return "; ".join(_cell(v) for v in value)
    return str(value)


def to_csv(rows: Sequence[Row], columns: Sequence[str] | None = None) -> str:
    """CSV with a header row; lists are joined with '; '."""
    cols = list(columns) if columns is not None else columns_of(rows)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(cols)
    for row in rows:
        writer.writerow([_cell(row.get(c)) for c in cols])
    return buf.getvalue()


def to_json(rows: Sequence[Row], columns: Sequence[str] | None = None) -> str:
    """A JSON array of objects (keys limited to `columns` when given)."""
    cols = list(columns) if columns is not None else None
    data = [{c: row.get(c) for c in cols} if cols is not None else dict(row) for row in rows]
    return json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n"


def _md_cell(value: Any) -> str:
    # Pipes and newlines would break the table's structure.
    return _cell(value).replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip()


def to_markdown(rows: Sequence[Row], columns: Sequence[str] | None = None) -> str:
    """A GitHub-flavoured Markdown table."""
    cols = list(columns) if columns is not None else columns_of(rows)
    if not cols:
        return ""
    lines = [
        "| " + " | ".join(_md_cell(c) for c in cols) + " |",
        "|" + "|".join(" --- " for _ in cols) + "|",
    ]
    lines.extend("| " + " | ".join(_md_cell(row.get(c)) for c in cols) + " |" for row in rows)
    return "\n".join(lines) + "\n"


def render(rows: Sequence[Row], fmt: str, columns: Sequence[str] | None = None) -> str:
    """Rows rendered in `fmt` ('csv', 'json' or 'md')."""
    if fmt == "csv":
        return to_csv(rows, columns)
    if fmt == "json":
        return to_json(rows, columns)
    if fmt == "md":
        return to_markdown(rows, columns)
    raise ValueError(f"unknown export format {fmt!r}; formats: {', '.join(FORMATS)}")


def format_for(path: Path, default: str = "csv") -> str:
    """The format implied by a file's suffix, else `default`."""
    suffix = path.suffix.lower()
    for fmt, ext in FORMATS.items():
        if suffix == ext or (fmt == "md" and suffix == ".markdown"):
            return fmt
    return default


def with_format(path: Path, fmt: str) -> Path:
    """`path` with the suffix of `fmt` (an unknown suffix is replaced, none is added)."""
    ext = FORMATS[fmt]
    if path.suffix.lower() in (*FORMATS.values(), ".markdown", ".txt"):
        return path.with_suffix(ext)
    return path.with_name(path.name + ext)


def write_atomic(path: Path, text: str, *, overwrite: bool = False) -> Path:
    """Write `text` to `path` via a temporary file and `os.replace`.

    Raises FileExistsError when `path` exists and `overwrite` is false, so a file is
    never replaced without the caller having asked the user.
    """
    path = path.expanduser()
    if path.exists() and not overwrite:
        raise FileExistsError(f"{path} already exists")
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a directory")
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with _suppress():
            os.unlink(tmp)
        raise
    return path


def export_rows(
    rows: Sequence[Row],
    path: Path,
    fmt: str,
    *,
    columns: Sequence[str] | None = None,
    overwrite: bool = False,
) -> Path:
    """Render `rows` as `fmt` and write them atomically to `path`."""
    return write_atomic(path, render(rows, fmt, columns), overwrite=overwrite)


class _suppress:
    """Ignore OSError while cleaning up after a failed write."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, exc_type: object, exc: object, tb: object) -> bool:
        return isinstance(exc, OSError)
