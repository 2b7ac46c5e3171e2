"""The Search pane: query input, sort, facet sidebar, did-you-mean and the results list.

Searches run in an exclusive thread worker; each carries the request it answers, and a
result for a request that is no longer current is dropped.
"""

from __future__ import annotations

import time
from functools import partial
from typing import ClassVar

from defexplore.index.corpus import Corpus
from defexplore.index.model import FacetValue, Hit, SearchResult
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Input, Select, Static
from textual.worker import get_current_worker

from ..messages import ArticleChosen
from ..paint_hold import PaintHold
from ..widgets.facets import FacetList
from ..widgets.query_input import QueryInput
from ..widgets.results import ResultsList
from .search_parts import ErrorLine, SearchRequest, Suggestion

PAGE = 20
# Keys closer together than this are a burst: wait for the typist before searching.
DEBOUNCE = 0.06
# How long a keystroke's echo may wait for its results, so that both are painted in one
# frame (see PaintHold); a slower search shows the echo first.
ECHO_HOLD = 0.04
# The status line dims only when a search takes longer than this: restyling it on every
# keystroke, and back when the hits came, cost two style passes per key.
LOADING_AFTER = 0.15
# Facet counts cost as much as the hits and hold the corpus while they run, so a key
# pressed meanwhile waits for them: they follow only once the typist has paused this long
# (brisk typing is 100-250 ms a key).
FACET_DELAY = 0.35
SORTS: tuple[tuple[str, str], ...] = (
    ("Relevance", "relevance"),
    ("Newest first", "date"),
    ("Oldest first", "date_asc"),
)


class SearchPane(Vertical):
    """Search as you type over the corpus; Enter on a hit posts `ArticleChosen`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down", "focus_results", "Results", key_display="↓"),
        Binding("escape", "back", "Back", show=False),
        Binding("f", "focus_facets", "Facets"),
        Binding("s", "cycle_sort", "Sort"),
        Binding("x", "clear_filters", "Clear filters", show=False),
    ]

    DEFAULT_CSS = """
    SearchPane { height: 1fr; }
    SearchPane #search-bar { height: 3; }
    SearchPane #query { width: 1fr; }
    SearchPane #sort { width: 18; margin: 1 1 0 1; }
    SearchPane #query-error { color: $text-error; padding: 0 1; display: none; }
    SearchPane #query-error.-shown { display: block; }
    SearchPane #status-row { height: 1; }
    SearchPane #suggestion { padding: 0 1; color: $text-warning; width: 2fr; }
    SearchPane #suggestion { text-wrap: nowrap; text-overflow: ellipsis; }
    SearchPane #suggestion:focus { background: $boost; text-style: bold; }
    SearchPane #status { padding: 0 1; color: $text-muted; width: 3fr; }
    SearchPane #status.-loading { color: $text-disabled; }
    SearchPane #search-body { height: 1fr; }
    SearchPane #facets { width: 26; border-right: vkey $foreground 10%; }
    """

    class Results(Message):
        """A page of results for `request` (posted by the search workers)."""

        def __init__(self, request: SearchRequest, result: SearchResult, append: bool) -> None:
            super().__init__()
            self.request = request
            self.result = result
            self.append = append

    class Facets(Message):
        """Facet counts for `request` (posted by the facet worker)."""

        def __init__(self, request: SearchRequest, result: SearchResult) -> None:
            super().__init__()
            self.request = request
            self.result = result

    def __init__(self, corpus: Corpus, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.corpus = corpus
        self.request: SearchRequest | None = None
        self.result: SearchResult | None = None
        self.painted: SearchRequest | None = None  # last request whose hits were painted
        self.painted_at = 0.0  # when it was (perf_counter), for the latency bench
        self.facets: dict[str, tuple[FacetValue, ...]] = {}
        self.facets_for: SearchRequest | None = None  # the request `facets` counts
        self._last_key = 0.0
        self._more_pending: int | None = None
        self._hold: PaintHold | None = None
        self._loading: Timer | None = None

    def compose(self) -> ComposeResult:
        with Horizontal(id="search-bar"):
            yield QueryInput(placeholder="Search…  (F2: query syntax)", id="query")
            yield Select(SORTS, value="relevance", allow_blank=False, id="sort", compact=True)
        yield ErrorLine(id="query-error")
        # One row of fixed slots: the did-you-mean coming and going is a repaint. (On a
        # line of its own it moved everything below; sized to its text, it reflowed the
        # screen: either way a layout pass on many keystrokes.)
        with Horizontal(id="status-row"):
            yield Static("", id="status")
            yield Suggestion(id="suggestion")
        with Horizontal(id="search-body"):
            yield FacetList(id="facets")
            yield ResultsList(id="results")

    def on_mount(self) -> None:
        if self.app.is_headless:
            # Deterministic screenshots and snapshots: no blinking cursor.
            self.query_one("#query", Input).cursor_blink = False
        # Search from the value's watcher, inside the key press, rather than on
        # Input.Changed: that message reaches the pane only after the input's own repaint
        # and layout pass, 10-20 ms later, and the search thread could have run meanwhile.
        self.watch(self.query_one("#query", Input), "value", self._query_changed, init=False)
        # The first search starts once the first frame is up, so its thread doesn't share
        # the GIL with the work of drawing that frame.
        self.call_after_refresh(self.run_search)

    # -- state --------------------------------------------------------------------------
    @property
    def query_text(self) -> str:
        """The text in the search input."""
        return self.query_one("#query", Input).value

    def set_query(self, text: str) -> None:
        """Replace the query (the change triggers a search)."""
        field = self.query_one("#query", Input)
        field.value = text
        field.cursor_position = len(text)

    @property
    def hits(self) -> list[Hit]:
        """The hits loaded so far."""
        return self.query_one(ResultsList).hits

    def _current_request(self) -> SearchRequest:
        sort = self.query_one("#sort", Select).value
        filters = self.query_one(FacetList).filters()
        return SearchRequest(
            self.query_text.strip(),
            str(sort) if isinstance(sort, str) else "relevance",
            tuple((k, tuple(v)) for k, v in sorted(filters.items())),
        )

    def set_corpus(self, corpus: Corpus) -> None:
        """Point the pane at another corpus and search it afresh."""
        self.corpus = corpus
        self.query_one(FacetList).clear_filters()
        self.run_search()

    # -- searching ----------------------------------------------------------------------
    def run_search(self, *, debounce: bool = False) -> None:
        """Search for the current input, sort and filters."""
        request = self._current_request()
        now = time.monotonic()
        delay = DEBOUNCE if debounce and now - self._last_key < DEBOUNCE else 0.0
        self._last_key = now
        self.request = request
        self._more_pending = None
        # Transient state goes on leaf widgets: a class on the pane restyles all of it.
        if self._loading is None:
            status = self.query_one("#status", Static)
            self._loading = self.set_timer(LOADING_AFTER, lambda: status.add_class("-loading"))
        self._search(request, delay)

    @work(thread=True, exclusive=True, group="search")
    def _search(self, request: SearchRequest, delay: float) -> None:
        worker = get_current_worker()
        if delay:
            time.sleep(delay)
        if worker.is_cancelled:
            return
        result = self.corpus.search(
            request.query, sort=request.sort, filters=request.filter_map(), limit=PAGE, facets=False
        )
        if not worker.is_cancelled:
            self.post_message(self.Results(request, result, append=False))

    @work(thread=True, exclusive=True, group="search-facets")
    def _facets(self, request: SearchRequest) -> None:
        worker = get_current_worker()
        time.sleep(FACET_DELAY)
        if worker.is_cancelled or request != self.request:
            return
        result = self.corpus.search(
            request.query, sort=request.sort, filters=request.filter_map(), limit=1
        )
        if not worker.is_cancelled:
            self.post_message(self.Facets(request, result))

    @work(thread=True, exclusive=True, group="search-more")
    def _more(self, request: SearchRequest, offset: int) -> None:
        result = self.corpus.search(
            request.query,
            sort=request.sort,
            filters=request.filter_map(),
            limit=PAGE * 2,
            offset=offset,
            facets=False,
        )
        if not get_current_worker().is_cancelled:
            self.post_message(self.Results(request, result, append=True))

    def on_search_pane_results(self, message: Results) -> None:
        message.stop()
        if message.request != self.request:
            return  # stale: the input, sort or filters changed since
        try:
            self._show_results(message)
        finally:
            # After the changes: each changed widget tells the screen when it is next
            # idle, and those asked first are idle first, so the screen hears of them
            # all before its own prompt to paint.
            if self._hold is not None:
                self._hold.release()

    def _show_results(self, message: Results) -> None:
        result = message.result
        results = self.query_one(ResultsList)
        if message.append:
            results.extend(result.hits, result.offset)
            self._more_pending = None
            self._show_status()
            return
        if self._loading is not None:
            self._loading.stop()
            self._loading = None
            self.query_one("#status", Static).remove_class("-loading")
        error = self.query_one(ErrorLine)
        error.set_class(bool(result.error), "-shown")
        if result.error:
            error.show(
                Content.assemble(("⚠ ", "bold"), result.error),
                partial(self._painted, message.request),
            )
            return
        self.result = result
        results.show(result.hits, result.total, partial(self._painted, message.request))
        # The sidebar keeps the last counts until fresh ones come: dimming it meanwhile
        # restyled and repainted all its rows on every keystroke.
        self._facets(message.request)
        # A modifier only: hiding the empty list made every keystroke between some hits
        # and none a layout pass; an empty list draws the same blank background.
        results.set_class(result.total == 0, "-empty")
        self._show_suggestion(result)
        self._show_status()

    def on_search_pane_facets(self, message: Facets) -> None:
        message.stop()
        if message.request != self.request:
            return
        self.facets, self.facets_for = message.result.facets, message.request
        self.query_one(FacetList).show(self.facets)
        collect = getattr(self.app, "collect_garbage", None)
        if collect is not None:
            self.call_after_refresh(collect)

    def _painted(self, request: SearchRequest) -> None:
        first = self.painted is None
        self.painted = request
        self.painted_at = time.perf_counter()
        warm_up = getattr(self.app, "warm_up", None)
        if first and warm_up is not None:
            warm_up()

    def _show_suggestion(self, result: SearchResult) -> None:
        suggestion = self.query_one(Suggestion)
        suggestion.set_class(bool(result.suggestion), "-shown")
        suggestion.can_focus = bool(result.suggestion)
        text = Content("")
        if result.suggestion:
            hint = "Enter" if result.total == 0 else "click"
            text = Content.assemble(
                "Did you mean ", (result.suggestion, "bold underline"), f"?  ({hint})"
            )
        suggestion.update(text, layout=False)

    def _show_status(self) -> None:
        result = self.result
        if result is None:
            return
        results = self.query_one(ResultsList)
        label = dict((v, k) for k, v in SORTS)[result.sort].lower()
        if not result.query:
            label = "oldest first" if result.sort == "date_asc" else "newest first"
        noun = "result" if result.total == 1 else "results"
        parts = [f"{result.total:,} {noun}", label]
        if results.has_more:
            parts.append(f"{len(results.hits):,} loaded")
        filters = self.query_one(FacetList).filters()
        if filters:
            parts.append("filters: " + ", ".join(f"{k}={'|'.join(v)}" for k, v in filters.items()))
        # One fixed-height line: no layout pass needed (it costs a reflow per keystroke).
        self.query_one("#status", Static).update(" · ".join(parts), layout=False)

    # -- events -------------------------------------------------------------------------
    def _query_changed(self) -> None:
        if self._hold is None:
            self._hold = PaintHold(self.app, ECHO_HOLD)
        self._hold.hold()
        self.run_search(debounce=True)

    @on(Input.Submitted, "#query")
    def _query_submitted(self) -> None:
        result = self.result
        if result is not None and result.total == 0 and result.suggestion:
            self.set_query(result.suggestion)
        elif self.hits:
            self.query_one(ResultsList).focus()

    @on(Select.Changed, "#sort")
    def _sort_changed(self) -> None:
        self.run_search()

    @on(FacetList.Toggled)
    def _facet_toggled(self, event: FacetList.Toggled) -> None:
        event.stop()
        self.run_search()

    @on(Suggestion.Applied)
    def _apply_suggestion(self, event: Suggestion.Applied) -> None:
        event.stop()
        if self.result is not None and self.result.suggestion:
            self.set_query(self.result.suggestion)
            self.query_one("#query", Input).focus()

    @on(ResultsList.NeedMore)
    def _need_more(self, event: ResultsList.NeedMore) -> None:
        event.stop()
        if self.request is None or self._more_pending == event.loaded:
            return
        self._more_pending = event.loaded
        self._more(self.request, event.loaded)

    @on(ResultsList.Selected)
    def _hit_selected(self, event: ResultsList.Selected) -> None:
        event.stop()
        hits = self.hits
        if 0 <= event.index < len(hits):
            terms = self.result.terms if self.result else ()
            self.post_message(ArticleChosen(hits[event.index].id, terms))

    # -- actions ------------------------------------------------------------------------
    def action_focus_results(self) -> None:
        results = self.query_one(ResultsList)
        if results.hits:  # an empty list stays on show (no layout pass) but takes no focus
            results.focus()

    def action_focus_facets(self) -> None:
        self.query_one(FacetList).focus()

    def action_back(self) -> None:
        field = self.query_one("#query", Input)
        if field.has_focus and field.value:
            field.value = ""
        elif field.has_focus:
            # An empty input has nothing to clear: leave it, so that j/k, 1-4 and q act
            # on the list instead of being typed.
            self.query_one(ResultsList).focus()
        else:
            field.focus()

    def action_cycle_sort(self) -> None:
        select = self.query_one("#sort", Select)
        values = [v for _, v in SORTS]
        current = select.value if isinstance(select.value, str) else "relevance"
        select.value = values[(values.index(current) + 1) % len(values)]

    def action_clear_filters(self) -> None:
        self.query_one(FacetList).clear_filters()
        self.run_search()
