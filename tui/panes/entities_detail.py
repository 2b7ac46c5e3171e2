"""The Entities pane's detail view and export rows: one entity, rendered with rich."""

from __future__ import annotations

from typing import Any

from defexplore.index.model import EntityDetail, MentionContext
from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

EXPORT_COLUMNS = ("name", "type", "articles", "mentions", "aliases", "roles")
TYPE_STYLE = {"person": "cyan", "org": "magenta", "place": "green", "equipment": "yellow"}
KWIC_ROWS = 200  # mentions painted; the count line says how many there are
SOURCE_CHARS = 12


def _heading(title: str) -> Text:
    return Text(title, style="bold underline")


def kwic_line(m: MentionContext, width: int, source_chars: int = SOURCE_CHARS) -> Text:
    """Date and source, then the match centred between its left and right context."""
    where = f"{m.published or 'undated':<10} "
    if source_chars:
        where += f"{(m.source or '')[:source_chars]:<{source_chars}} "
    room = max(10, width - len(where) - len(m.match) - 2)
    left_w = room // 2
    right_w = room - left_w
    left, right = m.left.rstrip(), m.right.lstrip()
    left = left if len(left) <= left_w else "…" + left[-(left_w - 1) :]
    right = right if len(right) <= right_w else right[: right_w - 1] + "…"
    return Text.assemble(
        (where, "dim"), left.rjust(left_w), " ", (m.match, "bold yellow"), " ", right
    )


def render_detail(found: EntityDetail, width: int = 80) -> RenderableType:
    """Name, type, aliases and roles; sources; co-occurring entities; mentions in context."""
    e = found.entity
    head = Text.assemble(
        (e.name, "bold"),
        "  ",
        (e.type, TYPE_STYLE.get(e.type, "")),
        ("  hidden (H to show)" if found.hidden else "", "bold red"),
    )
    counts = Text(f"{e.articles:,} articles · {e.mentions:,} mentions", style="dim")
    parts: list[RenderableType] = [head, counts]
    if e.aliases:
        parts.append(Text.assemble(("Aliases: ", "dim"), "; ".join(e.aliases)))
    if e.roles:
        parts.append(Text.assemble(("Roles: ", "dim"), "; ".join(e.roles)))
    if found.sources:
        parts += [Text(""), _heading("Sources")]
        table = Table(box=None, show_header=True, header_style="dim", expand=True, pad_edge=False)
        table.add_column("source", ratio=1, overflow="ellipsis", no_wrap=True)
        table.add_column("articles", justify="right")
        table.add_column("first", no_wrap=True)
        table.add_column("last", no_wrap=True)
        for s in found.sources:
            table.add_row(s.source, str(s.articles), s.first or "–", s.last or "–")
        parts.append(table)
    if found.cooccurring:
        parts += [Text(""), _heading("Named with")]
        line = Text()
        for i, c in enumerate(found.cooccurring[:20]):
            if i:
                line.append(" · ")
            line.append(c.name, style=TYPE_STYLE.get(c.type, ""))
            line.append(f" ({c.count})", style="dim")
        parts.append(line)
    if found.mentions:
        shown = min(len(found.mentions), KWIC_ROWS)
        more = (
            f" ({shown} of {found.total_mentions:,} shown)" if shown < found.total_mentions else ""
        )
        parts += [Text(""), _heading(f"Mentions{more}")]
        rows = found.mentions[:KWIC_ROWS]
        source_chars = min(SOURCE_CHARS, max(len(m.source or "") for m in rows))
        parts += [kwic_line(m, width, source_chars) for m in rows]
    return Group(*parts)


class EntityDetailView(VerticalScroll, can_focus=True):
    """The scrollable detail of the highlighted entity."""

    DEFAULT_CSS = """
    EntityDetailView { padding: 0 1; }
    EntityDetailView > #entity-detail-body { width: 1fr; }
    """

    def compose(self) -> Any:
        yield Static("Highlight an entity to see where it is mentioned.", id="entity-detail-body")

    found: EntityDetail | None = None

    def show(self, found: EntityDetail | None, note: str = "") -> None:
        """Paint `found` (or `note` when there is nothing to show)."""
        self.found = found
        body = self.query_one("#entity-detail-body", Static)
        body.update(self._paint(found) if found is not None else Text(note, style="dim"))
        self.scroll_home(animate=False)

    def _paint(self, found: EntityDetail) -> RenderableType:
        # Content width: the pane less its padding and the vertical scrollbar.
        width = self.size.width - 4 if self.size.width > 20 else 80
        return render_detail(found, width)

    def on_resize(self) -> None:
        if self.found is not None:
            self.query_one("#entity-detail-body", Static).update(self._paint(self.found))
