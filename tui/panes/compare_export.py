"""The Compare pane's export: the comparison as Markdown, JSON (the CLI's schema) or CSV rows."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from defexplore.index.compare_report import STATUS_LABEL, markdown, report, rows
from defexplore.index.model import Article, Comparison

from ..export import render, write_atomic

CSV_COLUMNS = ["row", "status", "a_index", "a_sentence", "b_index", "b_sentence", "conflicts"]


def _csv_rows(cmp: Comparison) -> list[dict[str, Any]]:
    out = []
    for n, row in enumerate(rows(cmp), 1):
        notes = [
            f"{c.kind}: {c.a_value} vs {c.b_value}"
            for c in (cmp.conflicts[k] for k in row.conflicts)
        ]
        out.append({
            "row": n,
            "status": STATUS_LABEL["conflict" if row.conflicts else row.status],
            "a_index": row.a,
            "a_sentence": cmp.a_sentences[row.a] if row.a is not None else "",
            "b_index": row.b,
            "b_sentence": cmp.b_sentences[row.b] if row.b is not None else "",
            "conflicts": notes,
        })  # fmt: skip
    return out


def export_text(cmp: Comparison, a: Article, b: Article, fmt: str) -> str:
    """The comparison rendered as `fmt`: 'md', 'json' or 'csv'."""
    if fmt == "md":
        return markdown(cmp, a, b)
    if fmt == "json":
        return json.dumps(report(cmp, a, b), ensure_ascii=False, indent=2) + "\n"
    return render(_csv_rows(cmp), fmt, CSV_COLUMNS)


def default_path(a: Article, b: Article) -> Path:
    """A file name in the working directory naming both sides."""

    def slug(art: Article) -> str:
        return re.sub(r"\W+", "-", (art.title or art.id).lower()).strip("-")[:24] or "article"

    return Path.cwd() / f"defexplore-compare-{slug(a)}--{slug(b)}.md"


def export_comparison(
    cmp: Comparison, a: Article, b: Article, path: Path, fmt: str, *, overwrite: bool = False
) -> Path:
    """Write the comparison to `path` atomically (never replacing a file unless asked)."""
    return write_atomic(path, export_text(cmp, a, b, fmt), overwrite=overwrite)
