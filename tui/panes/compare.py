"""The Compare pane: two articles side by side, aligned sentence by sentence.

Rows pair a sentence of A with the sentence of B that says the same thing; sentences only in
one side sit on their own row, marked. Shared verbatim text is underlined, conflicting values
are highlighted on their row and listed in the panel below. n/p jump between differences,
c between conflicts, s swaps the sides, a/b pick a side, m picks B among A's same-story
reports, d picks a pair among the corpus's wire copies and same-story groups, e exports.
The comparison runs in a worker; results come back as messages.
"""

from __future__ import annotations

from typing import ClassVar

from defexplore.index.compare_report import Row, likely_origin, rows
from defexplore.index.corpus import Corpus
from defexplore.index.model import Article, Comparison
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from ..messages import CompareSideChosen, ExportFinished, Side
from ..screens.dialogs import ExportChoice, ExportScreen
from .compare_export import default_path, export_comparison
from .compare_pick import ComparePicking
from .compare_render import GUTTER_TIP, cites, conflicts_panel, row_cells, side_header, summary

EMPTY_TEXT = (
    "Compare two articles side by side.\n\n"
    "Mark side A and side B with a and b in Search or the Reader, or press a / b here to pick "
    "an article by title, and m to pick B among the reports of A's story."
)


class CompareRow(Horizontal):
    """One row: A's sentence, a gutter mark, B's sentence."""

    def __init__(self, index: int, row: Row, cmp: Comparison) -> None:
        classes = f"-{row.status}" + (" -conflict" if row.conflicts else "")
        super().__init__(classes=classes)
        self.index = index
        self.row = row
        self._cells = row_cells(cmp, row)

    def compose(self) -> ComposeResult:
        a, b, mark = self._cells
        yield Static(a, classes="cell cell-a")
        gutter = Static(mark, classes="gutter")
        gutter.tooltip = (
            "conflicting details" if self.row.conflicts else GUTTER_TIP[self.row.status]
        )
        yield gutter
        yield Static(b, classes="cell cell-b")


class ComparePane(Vertical, ComparePicking, can_focus=True):
    """Two articles side by side: shared passages, differences and conflicts."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_difference(1)", "Next diff"),
        Binding("p", "next_difference(-1)", "Prev diff"),
        Binding("c", "next_conflict(1)", "Conflict"),
        Binding("C", "next_conflict(-1)", "Prev conflict", show=False),
        Binding("s", "swap", "Swap"),
        Binding("a", "pick('a')", "Pick A"),
        Binding("b", "pick('b')", "Pick B"),
        Binding("m", "same_story", "Same story"),
        Binding("d", "copies", "Copies"),
        Binding("e,ctrl+s", "export", "Export"),
        Binding("j,down", "move(1)", "Down", show=False),
        Binding("k,up", "move(-1)", "Up", show=False),
    ]
    DEFAULT_CSS = """
    ComparePane { height: 1fr; }
    ComparePane #compare-empty { padding: 1 2; color: $text-muted; display: none; }
    ComparePane.-empty #compare-empty { display: block; }
    ComparePane.-empty #compare-rows, ComparePane.-empty #compare-conflicts,
    ComparePane.-empty #compare-summary { display: none; }
    ComparePane #compare-heads { height: auto; max-height: 3; }
    ComparePane #compare-heads Static {
        width: 1fr; padding: 0 1; height: auto; max-height: 3;
        text-wrap: nowrap; text-overflow: ellipsis;
    }
    ComparePane #head-a { border-right: vkey $primary-muted; }
    ComparePane #compare-summary { padding: 0 1; height: 1; background: $boost; }
    ComparePane.-loading #compare-summary { color: $text-muted; }
    ComparePane #compare-rows { height: 1fr; }
    ComparePane CompareRow { height: auto; }
    ComparePane CompareRow:odd { background: $boost; }
    ComparePane CompareRow .cell { width: 1fr; padding: 0 1; }
    ComparePane CompareRow .gutter { width: 3; content-align: center top; color: $text-muted; }
    ComparePane CompareRow.-same .cell { color: $text-muted; }
    ComparePane CompareRow.-only_a .cell-a { background: $success 15%; }
    ComparePane CompareRow.-only_b .cell-b { background: $primary 20%; }
    ComparePane CompareRow.-conflict .gutter { color: $text-error; text-style: bold; }
    ComparePane CompareRow.-cursor { background: $accent 25%; }
    ComparePane #compare-conflicts {
        height: auto; max-height: 7; padding: 0 1; border-top: hkey $primary-muted;
    }
    """

    class Ready(Message):
        """A comparison arrived from the worker."""

        def __init__(
            self, refs: tuple[str, str], a: Article, b: Article, comparison: Comparison
        ) -> None:
            super().__init__()
            self.refs = refs
            self.a, self.b, self.comparison = a, b, comparison

    class Failed(Message):
        """The comparison of (a_id, b_id) could not run."""

        def __init__(self, a_id: str, b_id: str, error: str) -> None:
            super().__init__()
            self.a_id, self.b_id, self.error = a_id, b_id, error

    def __init__(self, corpus: Corpus, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-empty")
        self.corpus = corpus
        self.a_id: str | None = None
        self.b_id: str | None = None
        self.a: Article | None = None
        self.b: Article | None = None
        self.comparison: Comparison | None = None
        self.rows: list[Row] = []
        self.cursor: int | None = None
        self._announce = False

    def compose(self) -> ComposeResult:
        yield Static(EMPTY_TEXT, id="compare-empty")
        with Horizontal(id="compare-heads"):
            yield Static(side_header("A", None, None, ""), id="head-a")
            yield Static(side_header("B", None, None, ""), id="head-b")
        yield Static("", id="compare-summary")
        yield VerticalScroll(id="compare-rows", can_focus=False)
        yield Static("", id="compare-conflicts")

    # -- state from outside -------------------------------------------------------------
    def set_corpus(self, corpus: Corpus) -> None:
        """Use another corpus (the sides are cleared)."""
        self.corpus = corpus
        self.show_marks(None, None)

    def show_marks(self, a_id: str | None, b_id: str | None) -> bool:
        """Show the sides marked elsewhere; False when nothing changed."""
        if (a_id, b_id) == (self.a_id, self.b_id):
            return False
        self._set(a_id, b_id, announce=False)
        return True

    def compare(self, a_id: str, b_id: str) -> None:
        """Compare two articles (by id, path or unique prefix); the sides are announced."""
        self._set(a_id, b_id, announce=True)

    def set_side(self, side: Side, article_id: str) -> None:
        """Put an article on one side, keeping the other."""
        a, b = (article_id, self.b_id) if side == "a" else (self.a_id, article_id)
        self._set(a, b, announce=True)

    def _set(self, a_id: str | None, b_id: str | None, *, announce: bool) -> None:
        self.a_id, self.b_id = a_id, b_id
        self._announce = announce
        self.comparison, self.rows, self.cursor = None, [], None
        self.query_one("#compare-rows", VerticalScroll).remove_children()
        self.query_one("#compare-conflicts", Static).update("")
        self.set_class(not (a_id and b_id), "-empty")
        self.query_one("#head-a", Static).update(side_header("A", None, None, ""))
        self.query_one("#head-b", Static).update(side_header("B", None, None, ""))
        if a_id and b_id:
            self.add_class("-loading")
            self.query_one("#compare-summary", Static).update("Comparing…")
            self._run(self.corpus, a_id, b_id)
        elif a_id or b_id:
            self._headers_only(a_id, b_id)

    @work(thread=True, exclusive=True, group="compare")
    def _run(self, corpus: Corpus, a_id: str, b_id: str) -> None:
        try:
            a, b = corpus.article(a_id), corpus.article(b_id)
            if a is None or b is None:
                missing = a_id if a is None else b_id
                self.post_message(self.Failed(a_id, b_id, f"no article matches {missing!r}"))
                return
            result = corpus.compare(a.id, b.id)
        except Exception as exc:  # an engine failure must not take the UI down
            self.post_message(self.Failed(a_id, b_id, f"{type(exc).__name__}: {exc}"))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Ready((a_id, b_id), a, b, result))

    @work(thread=True, exclusive=True, group="compare-heads")
    def _headers_only(self, a_id: str | None, b_id: str | None) -> None:
        for side, ref in (("A", a_id), ("B", b_id)):
            article = self.corpus.article(ref) if ref else None
            if article is not None:
                self.app.call_from_thread(
                    self.query_one(f"#head-{side.lower()}", Static).update,
                    side_header(side, article, None, ""),
                )

    def on_compare_pane_failed(self, message: Failed) -> None:
        if (message.a_id, message.b_id) != (self.a_id, self.b_id):
            return
        self.remove_class("-loading")
        self.query_one("#compare-summary", Static).update(message.error)
        self.notify(message.error, title="Compare", severity="error")

    def on_compare_pane_ready(self, message: Ready) -> None:
        a, b, cmp = message.a, message.b, message.comparison
        if message.refs != (self.a_id, self.b_id):
            return  # a later request replaced this one
        self.a, self.b, self.comparison = a, b, cmp
        self.a_id, self.b_id = a.id, b.id
        self.remove_class("-loading")
        self.query_one("#head-a", Static).update(
            side_header("A", a, cmp.reuse_a, cites(cmp.attributions_a))
        )
        self.query_one("#head-b", Static).update(
            side_header("B", b, cmp.reuse_b, cites(cmp.attributions_b))
        )
        self.query_one("#compare-summary", Static).update(
            summary(cmp, likely_origin(cmp, a, b), a, b)
        )
        self.rows = rows(cmp)
        body = self.query_one("#compare-rows", VerticalScroll)
        body.remove_children()
        body.mount_all(CompareRow(n, row, cmp) for n, row in enumerate(self.rows))
        body.scroll_home(animate=False)
        self.cursor = None
        self._paint_conflicts()
        if self._announce:
            self._announce = False
            self.post_message(CompareSideChosen("a", a.id, a.title))
            self.post_message(CompareSideChosen("b", b.id, b.title))

    # -- navigation ---------------------------------------------------------------------
    def _row_widgets(self) -> list[CompareRow]:
        return list(self.query(CompareRow))

    def move_to(self, index: int) -> None:
        """Put the cursor on row `index` and scroll it into view."""
        widgets = self._row_widgets()
        if not widgets:
            return
        index = max(0, min(index, len(widgets) - 1))
        if self.cursor is not None and self.cursor < len(widgets):
            widgets[self.cursor].remove_class("-cursor")
        self.cursor = index
        widgets[index].add_class("-cursor")
        self.query_one("#compare-rows", VerticalScroll).scroll_to_widget(
            widgets[index], animate=False
        )
        self._paint_conflicts()

    def _paint_conflicts(self) -> None:
        if self.comparison is None:
            return
        row = self.rows[self.cursor] if self.cursor is not None else None
        current = row.conflicts[0] if row is not None and row.conflicts else None
        self.query_one("#compare-conflicts", Static).update(
            conflicts_panel(self.comparison, current)
        )

    def _jump(self, step: int, wanted: list[int], what: str) -> None:
        if not wanted:
            self.notify(f"No {what} in this comparison.", timeout=2)
            return
        here = self.cursor if self.cursor is not None else (-1 if step > 0 else len(self.rows))
        ahead = [i for i in wanted if (i > here if step > 0 else i < here)]
        target = (ahead[0] if step > 0 else ahead[-1]) if ahead else wanted[0 if step > 0 else -1]
        self.move_to(target)

    def action_next_difference(self, step: int) -> None:
        self._jump(step, [i for i, r in enumerate(self.rows) if r.is_difference], "differences")

    def action_next_conflict(self, step: int) -> None:
        self._jump(step, [i for i, r in enumerate(self.rows) if r.conflicts], "conflicts")

    def action_move(self, step: int) -> None:
        if self.rows:
            self.move_to((self.cursor if self.cursor is not None else -1) + step)

    def action_swap(self) -> None:
        if self.a_id is None and self.b_id is None:
            return
        self._set(self.b_id, self.a_id, announce=True)

    # -- export -------------------------------------------------------------------------
    def action_export(self) -> None:
        cmp, a, b = self.comparison, self.a, self.b
        if cmp is None or a is None or b is None:
            self.notify("Nothing to export: choose sides A and B first.", severity="warning")
            return

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                self._export(cmp, a, b, choice)

        self.app.push_screen(ExportScreen(default_path(a, b), len(self.rows), "comparison rows"),
                             chosen)  # fmt: skip

    @work(thread=True, group="compare-export")
    def _export(self, cmp: Comparison, a: Article, b: Article, choice: ExportChoice) -> None:
        try:
            path = export_comparison(cmp, a, b, choice.path, choice.fmt,
                                     overwrite=choice.overwrite)  # fmt: skip
        except Exception as exc:  # disk full, permissions, a file that appeared meanwhile
            self.post_message(ExportFinished(None, error=str(exc)))
            return
        self.post_message(ExportFinished(path, 1, "comparison"))
