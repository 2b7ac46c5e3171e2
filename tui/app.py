"""The defexplore Textual app: `DefExploreApp(corpus)`, `make_app(corpus)` and `run()`."""

from __future__ import annotations

import gc
import re
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import ClassVar

from defexplore.index.corpus import Corpus
from defexplore.index.model import IngestReport, Progress
from defexplore.index.paths import DEFAULT_CORPUS, seeds_dir
from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen

from .export import export_rows
from .messages import (
    CompareSideChosen,
    CorpusChanged,
    ExportFinished,
    IngestFinished,
    IngestProgress,
    RebuildReady,
    StatsReady,
    WarmedUp,
)
from .panes.search_parts import SearchRequest
from .screens.dialogs import ConfirmScreen, CorpusScreen, ExportChoice, ExportScreen, PathScreen
from .screens.help import HelpScreen, SyntaxScreen
from .screens.main import MainScreen
from .widgets.header import HeaderInfo, IngestBar
from .widgets.hit_rows import HIT_COLUMNS, hit_row

# Progress messages are throttled so a big ingest can't flood the UI's queue.
PROGRESS_EVERY = 0.05
GC_YOUNG = 50_000
WARM_UP_QUERY = "qzxwarmup"  # a word no corpus has: it exercises did-you-mean and facets


class DefExploreApp(App[int]):
    """Search, read and (soon) explore entities, timelines and comparisons of a corpus."""

    CSS_PATH = "app.tcss"
    TITLE = "defexplore"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-normal"), (120, "-wide")]  # noqa: RUF012
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]  # noqa: RUF012
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("f2", "syntax", "Syntax"),
        Binding("ctrl+s", "export", "Export"),
        Binding("e", "export", "Export", show=False),
    ]

    header_info: reactive[HeaderInfo] = reactive(HeaderInfo, always_update=True)

    def __init__(self, corpus: Corpus, *, paths: Sequence[Path] = (), seed: bool = True) -> None:
        super().__init__()
        self.corpus = corpus
        self.paths = [Path(p) for p in paths]
        self.seed = seed
        self.marks: dict[str, tuple[str, str]] = {}  # side -> (article id, title)
        self.ingesting = False
        self.last_report: IngestReport | None = None

    def get_default_screen(self) -> Screen[None]:
        return MainScreen(self.corpus)

    @property
    def main(self) -> MainScreen:
        """The main screen (always at the bottom of the stack)."""
        screen = self.screen_stack[0]
        assert isinstance(screen, MainScreen)
        return screen

    def on_mount(self) -> None:
        self.header_info = HeaderInfo(name=self.corpus.name)
        # After the first frame: the stats thread (the best part of a second on a large
        # corpus) holds the GIL in turns with the UI thread and would delay that frame.
        self.call_after_refresh(self.refresh_stats)
        # The main screen's widgets exist only after the first refresh; the ingest bar is
        # one of them.
        self.call_after_refresh(self._initial_ingest)

    def _initial_ingest(self) -> None:
        seeding = self.seed and self.corpus.name == DEFAULT_CORPUS and self.corpus.count() == 0
        if seeding and self.paths:  # first run with PATHs: one ingest does both
            what = f"Indexing the bundled sample articles and {_describe(self.paths)}…"
            self.start_ingest([seeds_dir(), *self.paths], what)
        elif seeding:
            self.start_ingest([seeds_dir()], "Indexing the bundled sample articles…")
        elif self.paths:
            self.start_ingest(self.paths, f"Adding {_describe(self.paths)}…")

    # -- header -------------------------------------------------------------------------
    def _marks(self) -> dict[str, str]:
        return {side: title for side, (_id, title) in self.marks.items()}

    def refresh_stats(self) -> None:
        """Recompute the header counts in the background."""
        self._stats(self.corpus)

    @work(thread=True, exclusive=True, group="stats")
    def _stats(self, corpus: Corpus) -> None:
        stats = corpus.stats()
        self.post_message(StatsReady(HeaderInfo.from_stats(stats, {})))

    def warm_up(self) -> None:
        """Fill the engine's lazy caches (facet value sets, spelling vocabulary) in the
        background once the first results are up, so early keystrokes don't pay for them."""
        self._warm(self.corpus)

    @work(thread=True, exclusive=True, group="warm")
    def _warm(self, corpus: Corpus) -> None:
        corpus.search(WARM_UP_QUERY, limit=1)
        self.post_message(WarmedUp())

    def on_warmed_up(self, _message: WarmedUp) -> None:
        # The engine's caches and the app's widgets now make up most of the heap and
        # live as long as the app. Frozen, the collector stops scanning them: its full
        # passes took 10-130 ms each on a 21.5k-article corpus, a dozen times in 150
        # keystrokes, each one landing on a keystroke's paint.
        gc.freeze()
        # A keystroke allocates enough (a search, new rows, a frame) to trigger five to
        # eight young collections, 3-4 ms of its time. Fewer, larger ones: the young
        # generation is collected every GC_YOUNG allocations instead of 700.
        gc.set_threshold(GC_YOUNG, *gc.get_threshold()[1:])

    def collect_garbage(self) -> None:
        """Collect the young generations now, while the user has paused (the Search pane
        calls this once a pause brought its facet counts), so fewer collections fall
        due while they type."""
        gc.collect(1)

    def on_stats_ready(self, message: StatsReady) -> None:
        info = message.info
        if info.name == self.corpus.name:
            self.header_info = HeaderInfo(
                info.name, info.articles, info.sources, info.first, info.last, self._marks()
            )

    def on_compare_side_chosen(self, message: CompareSideChosen) -> None:
        entry = (message.article_id, message.title or message.article_id)
        if self.marks.get(message.side) == entry:
            return
        self.marks[message.side] = entry
        old = self.header_info
        self.header_info = HeaderInfo(
            old.name, old.articles, old.sources, old.first, old.last, self._marks()
        )
        self.notify(
            f"Side {message.side.upper()}: {message.title or message.article_id}",
            title="Compare",
            timeout=3,
        )

    # -- ingest -------------------------------------------------------------------------
    def start_ingest(self, paths: Sequence[Path], what: str, *, rebuild: bool = False) -> bool:
        """Ingest `paths` in the background with a progress bar; False if one is running."""
        if self.ingesting:
            self.notify("An ingest is already running.", severity="warning")
            return False
        self.ingesting = True
        self.main.query_one(IngestBar).start(what)
        self._ingest(self.corpus, list(paths), rebuild)
        return True

    @work(thread=True, group="ingest")
    def _ingest(self, corpus: Corpus, paths: list[Path], rebuild: bool) -> None:
        last = 0.0

        def progress(p: Progress) -> None:
            nonlocal last
            now = time.monotonic()
            if now - last >= PROGRESS_EVERY or (p.total is not None and p.done >= p.total):
                last = now
                self.post_message(IngestProgress(p))

        try:
            if rebuild and not paths:
                paths = [seeds_dir()]
            report = corpus.ingest(paths, rebuild=rebuild, progress=progress)
        except Exception as exc:  # the engine's own errors are reported, never crash the UI
            self.post_message(IngestFinished(None, f"{type(exc).__name__}: {exc}"))
            return
        self.post_message(IngestFinished(report))

    def on_ingest_progress(self, message: IngestProgress) -> None:
        self.main.query_one(IngestBar).advance(message.progress)

    def on_ingest_finished(self, message: IngestFinished) -> None:
        self.ingesting = False
        self.main.query_one(IngestBar).stop()
        self.last_report = message.report
        if message.report is None:
            self.notify(message.error or "ingest failed", title="Ingest failed", severity="error")
            return
        r = message.report
        summary = (
            f"{len(r.added)} added, {len(r.updated)} updated, {len(r.unchanged)} unchanged"
            + (f", {len(r.removed)} removed" if r.removed else "")
            + f" in {r.seconds:.1f}s"
        )
        if r.failed:
            names = ", ".join(f"{Path(p.path).name} ({p.reason})" for p in r.failed[:3])
            more = f" and {len(r.failed) - 3} more" if len(r.failed) > 3 else ""
            self.notify(f"{summary}. Skipped: {names}{more}", title="Ingest", severity="warning")
        else:
            self.notify(summary, title="Ingest done")
        self.post_message(CorpusChanged())

    def on_corpus_changed(self, _message: CorpusChanged) -> None:
        self.refresh_stats()
        self.main.refresh_results()

    # -- corpus -------------------------------------------------------------------------
    def switch_corpus(self, name: str) -> None:
        """Close the current corpus and open `name` (created when new)."""
        if self.ingesting:
            self.notify("Wait for the ingest to finish first.", severity="warning")
            return
        if name == self.corpus.name:
            return
        try:
            corpus = Corpus.open(name)
        except Exception as exc:  # a broken or locked index must not take the app down
            self.notify(f"Cannot open {name}: {exc}", severity="error")
            return
        while len(self.screen_stack) > 1:
            self.pop_screen()
        old, self.corpus = self.corpus, corpus
        self.marks.clear()
        self.header_info = HeaderInfo(name=corpus.name)
        self.main.set_corpus(corpus)
        old.close()
        self.refresh_stats()
        if name == DEFAULT_CORPUS and corpus.count() == 0:
            self.start_ingest([seeds_dir()], "Indexing the bundled sample articles…")
        elif corpus.count() == 0:
            self.notify(f"{name} is empty: add a folder from the command palette (Ctrl+P).")

    # -- commands and actions ----------------------------------------------------------
    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        yield SystemCommand(
            "Add folder to corpus", "Ingest a file or folder (progress shown)", self.action_add
        )
        yield SystemCommand(
            "Switch corpus", "Open another corpus, or a new one", self.action_switch
        )
        yield SystemCommand(
            "Export results",
            "Save the current results as CSV, JSON or Markdown",
            self.action_export,
        )
        yield SystemCommand(
            "Rebuild index", "Drop the index and re-read its files", self.action_rebuild
        )
        yield SystemCommand(
            "Toggle theme", "Switch between dark and light", self.action_toggle_theme
        )
        yield SystemCommand("Help", "Every key binding and the query syntax", self.action_help)
        yield SystemCommand("Query syntax", "How to write a search", self.action_syntax)
        yield from super().get_system_commands(screen)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_syntax(self) -> None:
        if not isinstance(self.screen, SyntaxScreen):
            self.push_screen(SyntaxScreen())

    def action_toggle_theme(self) -> None:
        self.theme = "textual-light" if self.current_theme.dark else "textual-dark"

    def action_add(self) -> None:
        def chosen(path: Path | None) -> None:
            if path is not None:
                self.start_ingest([path], f"Adding {_describe([path])}…")

        self.push_screen(PathScreen("Add a file or folder to the corpus", Path.cwd()), chosen)

    def action_switch(self) -> None:
        def chosen(name: str | None) -> None:
            if name:
                self.switch_corpus(name)

        self.push_screen(CorpusScreen(Corpus.list_corpora(), self.corpus.name), chosen)

    def action_rebuild(self) -> None:
        def confirmed(yes: bool | None) -> None:
            if yes:
                self._rebuild(self.corpus)

        question = f"Drop the index of {self.corpus.name} and re-read all its files?"
        self.push_screen(ConfirmScreen(question, yes="Rebuild"), confirmed)

    @work(thread=True, exclusive=True, group="rebuild")
    def _rebuild(self, corpus: Corpus) -> None:
        # The engine keeps no list of roots: re-read every file the index was built from.
        found = corpus.search("", sort="date", limit=max(corpus.count(), 1), facets=False)
        paths = sorted({Path(h.path) for h in found.hits if Path(h.path).exists()})
        self.post_message(RebuildReady(paths))

    def on_rebuild_ready(self, message: RebuildReady) -> None:
        self.start_ingest(message.paths, "Rebuilding the index…", rebuild=True)

    # -- export -------------------------------------------------------------------------
    def action_export(self) -> None:
        pane = self.main.search_pane
        result, request = pane.result, pane.request
        if result is None or request is None or result.total == 0:
            self.notify("Nothing to export: the search has no results.", severity="warning")
            return
        slug = re.sub(r"\W+", "-", request.query.lower()).strip("-")[:40] or "all"
        initial = Path.cwd() / f"defexplore-{slug}.csv"

        def chosen(choice: ExportChoice | None) -> None:
            if choice is not None:
                self._export(self.corpus, request, result.total, choice)

        self.push_screen(ExportScreen(initial, result.total), chosen)

    @work(thread=True, group="export")
    def _export(
        self, corpus: Corpus, request: SearchRequest, total: int, choice: ExportChoice
    ) -> None:
        try:
            found = corpus.search(
                request.query,
                sort=request.sort,
                filters=request.filter_map(),
                limit=max(total, 1),
                facets=False,
            )
            rows = [hit_row(i, h) for i, h in enumerate(found.hits, 1)]
            path = export_rows(
                rows, choice.path, choice.fmt, columns=HIT_COLUMNS, overwrite=choice.overwrite
            )
        except Exception as exc:  # disk full, permissions, a file that appeared meanwhile
            self.post_message(ExportFinished(None, error=str(exc)))
            return
        self.post_message(ExportFinished(path, len(rows), "results"))

    def on_export_finished(self, message: ExportFinished) -> None:
        if message.error or message.path is None:
            self.notify(message.error or "export failed", title="Export failed", severity="error")
        else:
            self.notify(f"{message.rows:,} {message.what} → {message.path}", title="Exported")


def _describe(paths: Sequence[Path]) -> str:
    if len(paths) == 1:
        return paths[0].name or str(paths[0])
    return f"{len(paths)} paths"


def make_app(corpus: Corpus, *, paths: Sequence[Path] = (), seed: bool = True) -> DefExploreApp:
    """The app for `corpus` (what tests, screenshots and `run` build)."""
    return DefExploreApp(corpus, paths=paths, seed=seed)


def build_app(corpus: str | Path = DEFAULT_CORPUS, paths: Sequence[Path] = ()) -> DefExploreApp:
    """Open the corpus and build the app, as `defexplore` does."""
    return make_app(Corpus.open(corpus), paths=[Path(p).expanduser().resolve() for p in paths])


def run(corpus: str = DEFAULT_CORPUS, paths: Sequence[Path] = ()) -> int:
    """Run the app until the user quits; returns the exit code."""
    missing = [str(p) for p in paths if not Path(p).expanduser().exists()]
    if missing:
        print(f"defexplore: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    try:
        app = build_app(corpus, paths)
    except Exception as exc:  # bad name, unreadable or locked index: say why, no traceback
        print(f"defexplore: cannot open corpus {corpus!r}: {exc}", file=sys.stderr)
        return 2
    try:
        app.run()
    finally:
        app.corpus.close()
    return int(app.return_code or 0)
