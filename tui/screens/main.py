"""The main screen: header, ingest bar, the four panes on tabs, footer."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from defexplore.index.corpus import Corpus
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widget import MountError
from textual.widgets import Footer, Input, TabbedContent, TabPane

from ..messages import (
    ArticleChosen,
    CompareRequested,
    EntitySearchRequested,
    TimelineRequested,
)
from ..panes.search import SearchPane
from ..widgets.header import AppHeader, IngestBar
from .reader import ReaderScreen

if TYPE_CHECKING:
    from ..panes.compare import ComparePane
    from ..panes.entities import EntitiesPane
    from ..panes.timeline import TimelinePane

PANES: tuple[tuple[str, str], ...] = (
    ("search", "Search"),
    ("entities", "Entities"),
    ("timeline", "Timeline"),
    ("compare", "Compare"),
)


class MainScreen(Screen[None]):
    """Coordinates the panes: opens the reader, switches tabs, hands the corpus down.

    Every pane takes the corpus in its constructor and has `set_corpus(corpus)`.
    """

    AUTO_FOCUS = "#query"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("tab", "cycle_pane(1)", "Next pane", show=False),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False),
        Binding("slash", "focus_search", "Search", key_display="/"),
        *(
            Binding(str(i), f"show_pane('{pid}')", title, show=False)
            for i, (pid, title) in enumerate(PANES, 1)
        ),
    ]

    def __init__(self, corpus: Corpus) -> None:
        super().__init__()
        self.corpus = corpus

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield IngestBar()
        with TabbedContent(initial="search", id="panes"):
            with TabPane("1 Search", id="search"):
                yield SearchPane(self.corpus, id="search-pane")
            # The hidden panes are mounted after the first frame (_mount_hidden_panes).
            yield TabPane("2 Entities", id="entities")
            yield TabPane("3 Timeline", id="timeline")
            yield TabPane("4 Compare", id="compare")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#query", Input).focus()
        # Queued as a message of its own once the first frame is out, not run among the
        # after-refresh callbacks: those run one after another, and the first search (the
        # Search pane's) and anything else asked for after that frame would wait ~0.2 s
        # for these imports and mounts.
        self.call_after_refresh(self.call_later, self._mount_hidden_panes)
        # The app keeps the Compare marks (a/b from Search or the Reader) and repaints the
        # header on each one: follow that to hand the marks down to the Compare pane.
        self.watch(self.app, "header_info", self._marks_changed, init=False)

    async def _mount_hidden_panes(self) -> None:
        # Imported here, not at the top: their modules (and the Textual widgets they use,
        # such as DataTable) cost about 0.1 s to import, which start-up would otherwise
        # pay before the first frame. Like textual.lazy.Lazy, but for the import too.
        from ..panes.compare import ComparePane
        from ..panes.entities import EntitiesPane
        from ..panes.timeline import TimelinePane

        try:
            await self.query_one("#entities", TabPane).mount(
                EntitiesPane(self.corpus, id="entities-pane")
            )
            await self.query_one("#timeline", TabPane).mount(
                TimelinePane(self.corpus, id="timeline-pane")
            )
            await self.query_one("#compare", TabPane).mount(
                ComparePane(self.corpus, id="compare-pane")
            )
        except MountError:
            return  # the user quit as the app started: the tabs are being torn down

    @property
    def search_pane(self) -> SearchPane:
        """The Search pane."""
        return self.query_one(SearchPane)

    @property
    def active_pane(self) -> str:
        """The id of the pane on show."""
        return str(self.query_one(TabbedContent).active)

    def set_corpus(self, corpus: Corpus) -> None:
        """Hand a new corpus down to the panes."""
        self.corpus = corpus
        self.search_pane.set_corpus(corpus)
        for pane in self._lazy_panes():
            if pane.is_mounted:
                pane.set_corpus(corpus)
            else:  # its first query, on mount, will use this corpus
                pane.corpus = corpus

    def _lazy_panes(self) -> list[EntitiesPane | TimelinePane | ComparePane]:
        # The hidden panes join the DOM after the first frame and compose only when
        # mounted: calling into one before that would query children it does not have yet.
        from ..panes.compare import ComparePane
        from ..panes.entities import EntitiesPane
        from ..panes.timeline import TimelinePane

        return [*self.query(EntitiesPane), *self.query(TimelinePane), *self.query(ComparePane)]

    def refresh_results(self) -> None:
        """Re-run the current search (after the corpus changed)."""
        from ..panes.entities import EntitiesPane
        from ..panes.timeline import TimelinePane

        self.search_pane.run_search()
        for pane in self._lazy_panes():
            if not pane.is_mounted:
                continue
            if isinstance(pane, TimelinePane):
                pane.run_query()
            elif isinstance(pane, EntitiesPane):
                pane.refresh_entities()

    def on_article_chosen(self, message: ArticleChosen) -> None:
        message.stop()
        self.app.push_screen(
            ReaderScreen(
                self.corpus, message.article_id, message.terms, message.offset, message.length
            )
        )

    def on_entity_search_requested(self, message: EntitySearchRequested) -> None:
        message.stop()
        self.action_show_pane("search")
        self.search_pane.set_query(message.query)

    def on_timeline_requested(self, message: TimelineRequested) -> None:
        from ..panes.timeline import TimelinePane

        message.stop()
        self.action_show_pane("timeline")
        if message.entity:
            self.query_one(TimelinePane).show_entity(message.entity)

    # -- compare ------------------------------------------------------------------------
    def _marks_changed(self) -> None:
        # Deferred to the app's queue, so both marks of one gesture (e.g. a swap) land first.
        self.app.call_later(self._sync_marks)

    def _sync_marks(self) -> None:
        from ..panes.compare import ComparePane

        marks: dict[str, tuple[str, str]] = getattr(self.app, "marks", {})
        a, b = marks.get("a", (None, ""))[0], marks.get("b", (None, ""))[0]
        panes = self.query(ComparePane)  # not there yet in the first frame
        if panes and panes.first().show_marks(a, b) and a and b:
            self._show_compare()

    def on_compare_requested(self, message: CompareRequested) -> None:
        from ..panes.compare import ComparePane

        message.stop()
        panes = self.query(ComparePane)
        if not panes:  # not mounted yet in the first frame; ask again after it
            self.call_after_refresh(self.post_message, CompareRequested(message.a_id, message.b_id))
            return
        panes.first().compare(message.a_id, message.b_id)
        self._show_compare()

    def _show_compare(self) -> None:
        """Bring the Compare tab up, closing a reader opened over this screen."""
        popped = False
        while len(self.app.screen_stack) > 1 and isinstance(self.app.screen, ReaderScreen):
            self.app.pop_screen()
            popped = True
        if popped:  # after the pop, or restoring the old focus would switch tabs back
            self.app.call_later(self.action_show_pane, "compare")
        else:
            self.action_show_pane("compare")

    # -- actions ------------------------------------------------------------------------
    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        event.stop()
        self._focus_pane(str(event.pane.id))

    def _focus_pane(self, pane_id: str) -> None:
        # Move focus into the pane on show: a hidden Input keeping focus would swallow keys.
        if pane_id == "search":
            self.search_pane.query_one("#query", Input).focus()
            return
        pane = self.query_one(TabbedContent).get_pane(pane_id)
        self.set_focus(next((w for w in pane.query("*") if w.can_focus), None))

    def action_show_pane(self, pane: str) -> None:
        self.query_one(TabbedContent).active = pane
        self._focus_pane(pane)

    def action_cycle_pane(self, step: int) -> None:
        ids = [pid for pid, _ in PANES]
        current = ids.index(self.active_pane) if self.active_pane in ids else 0
        self.action_show_pane(ids[(current + step) % len(ids)])

    def action_focus_search(self) -> None:
        self.action_show_pane("search")
