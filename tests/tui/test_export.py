"""Unit tests for the engine-free export writers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from defexplore.tui.export import (
    columns_of,
    export_rows,
    format_for,
    render,
    to_csv,
    to_json,
    to_markdown,
    with_format,
    write_atomic,
)

ROWS: list[dict[str, Any]] = [
    {"title": 'Rabat, "Tel Aviv" | pact', "score": 1.5, "tags": ["a", "b"]},
    {"title": "Line\nbreak", "score": None, "extra": "x"},
]


def test_columns_in_first_seen_order() -> None:
    assert columns_of(ROWS) == ["title", "score", "tags", "extra"]


def test_csv_round_trips_quotes_commas_and_lists() -> None:
    parsed = list(csv.DictReader(io.StringIO(to_csv(ROWS))))
    assert parsed[0]["title"] == 'Rabat, "Tel Aviv" | pact'
    assert parsed[0]["tags"] == "a; b"
    assert parsed[1]["score"] == "" and parsed[1]["extra"] == "x"


def test_json_keeps_types_and_respects_columns() -> None:
    data = json.loads(to_json(ROWS, columns=["title", "score"]))
    assert data == [
        {"title": 'Rabat, "Tel Aviv" | pact', "score": 1.5},
        {"title": "Line\nbreak", "score": None},
    ]


def test_markdown_escapes_pipes_and_newlines() -> None:
    lines = to_markdown(ROWS, columns=["title", "score"]).splitlines()
    assert lines[0] == "| title | score |"
    assert lines[1].count("---") == 2
    assert "\\|" in lines[2] and "Line break" in lines[3]
    assert len(lines) == 4


def test_render_rejects_unknown_format() -> None:
    with pytest.raises(ValueError):
        render(ROWS, "xlsx")


def test_format_helpers() -> None:
    assert format_for(Path("a.json")) == "json"
    assert format_for(Path("a.markdown")) == "md"
    assert format_for(Path("a.bin")) == "csv"
    assert with_format(Path("out.csv"), "md") == Path("out.md")
    assert with_format(Path("out"), "json") == Path("out.json")


def test_write_atomic_never_overwrites_silently(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.csv"
    write_atomic(target, "one")
    assert target.read_text() == "one"
    with pytest.raises(FileExistsError):
        write_atomic(target, "two")
    assert target.read_text() == "one"
    write_atomic(target, "two", overwrite=True)
    assert target.read_text() == "two"
    # No temporary files are left behind.
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.csv"]


def test_failed_write_leaves_old_file_and_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("old")

    class Boom:
        def __str__(self) -> str:
            raise RuntimeError("cannot render")

    with pytest.raises(RuntimeError):
        export_rows([{"x": Boom()}], target, "csv", overwrite=True)
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]


def test_export_rows_writes_each_format(tmp_path: Path) -> None:
    for fmt in ("csv", "json", "md"):
        path = export_rows(ROWS, tmp_path / f"r.{fmt}", fmt)
        assert path.read_text(encoding="utf-8") == render(ROWS, fmt)
