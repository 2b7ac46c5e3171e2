"""The results list (a Line API widget) and the search box: keys, mouse, lazy loading,
and keystrokes that repaint without a layout pass."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from defexplore.index.corpus import Corpus
from defexplore.index.model import Hit
from defexplore.tui.app import DefExploreApp
from defexplore.tui.screens.reader import ReaderScreen
from defexplore.tui.screenshots import search, settle, snapshot_app
from defexplore.tui.widgets.query_input import QueryInput
from defexplore.tui.widgets.results import ResultsList
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import Input

ARTICLES = 45  # more than two pages of 20


def hits(count: int, start: int = 0) -> list[Hit]:
    return [
        Hit(f"a{i}", f"/x/a{i}.txt", f"Title {i}", "Reuters", "2021-11-24", "day", "en", 1.0,
            f"snippet {i}", ())
        for i in range(start, start + count)
    ]  # fmt: skip


class ListApp(App[None]):
    CSS = "ResultsList { width: 60; height: 12; }"  # four hits on show

    def __init__(self) -> None:
        super().__init__()
        self.messages: list[object] = []

    def compose(self) -> ComposeResult:
        yield ResultsList(id="results")

    def on_results_list_selected(self, message: ResultsList.Selected) -> None:
        self.messages.append(("selected", message.index))

    def on_results_list_need_more(self, message: ResultsList.NeedMore) -> None:
        self.messages.append(("more", message.loaded))


def run_list(scenario: Callable[[ListApp, ResultsList, Pilot[None]], Awaitable[None]]) -> None:
    async def main() -> None:
        app = ListApp()
        async with app.run_test(size=(80, 20)) as pilot:
            results = app.query_one(ResultsList)
            results.focus()
            await scenario(app, results, pilot)

    asyncio.run(main())


def test_keys_move_the_cursor_and_keep_it_in_view() -> None:
    async def scenario(app: ListApp, results: ResultsList, pilot: Pilot[None]) -> None:
        results.show(hits(20), 20)
        await pilot.pause()
        assert results.highlighted == 0 and results.scroll_y == 0
        await pilot.press("j", "down", "down", "down", "down")
        assert results.highlighted == 5
        assert results.scroll_y > 0  # hit 5 (lines 15-17) is below a 12-line view
        top = int(results.scroll_y)
        assert top <= 15 and top + results.scrollable_content_region.height >= 18
        await pilot.press("k")
        assert results.highlighted == 4
        await pilot.press("G")
        assert results.highlighted == 19 and results.scroll_y == results.max_scroll_y
        await pilot.press("g")
        assert results.highlighted == 0 and results.scroll_y == 0
        await pilot.press("pagedown")
        assert results.highlighted == 4  # a page is the hits that fit: 12 // 3
        await pilot.press("enter")
        await pilot.pause()
        assert app.messages == [("selected", 4)]
        assert results.current is not None and results.current.id == "a4"

    run_list(scenario)


def test_the_highlighted_row_is_drawn_in_the_cursor_style() -> None:
    async def scenario(app: ListApp, results: ResultsList, pilot: Pilot[None]) -> None:
        results.show(hits(3), 3)
        await pilot.pause()
        width = results.size.width
        lines = results.render_lines(Region(0, 0, width, 6))
        assert lines[0].text.startswith("  1 Title 0") and lines[3].text.startswith("  2 Title 1")
        first, second = lines[0], lines[3]
        assert next(iter(first)).style != next(iter(second)).style
        await pilot.press("down")
        await pilot.pause()
        lines = results.render_lines(Region(0, 0, width, 6))
        # The cursor moved: the two rows swapped styles.
        assert [s.style for s in lines[3]][:1] == [s.style for s in first][:1]

    run_list(scenario)


def test_clicking_a_hit_selects_it_and_hover_marks_it() -> None:
    async def scenario(app: ListApp, results: ResultsList, pilot: Pilot[None]) -> None:
        results.show(hits(3), 3)
        await pilot.pause()
        width = results.size.width
        before = results.render_lines(Region(0, 6, width, 1))[0]
        await pilot.hover(ResultsList, offset=(5, 7))  # the third hit's second line
        await pilot.pause()
        hovered = results.render_lines(Region(0, 6, width, 1))[0]
        assert [s.style for s in hovered][:1] != [s.style for s in before][:1]
        await pilot.click(ResultsList, offset=(5, 4))  # the second hit
        await pilot.pause()
        assert results.highlighted == 1 and app.messages == [("selected", 1)]
        await pilot.click(ResultsList, offset=(5, 10))  # below the last hit: nothing
        await pilot.pause()
        assert app.messages == [("selected", 1)]

    run_list(scenario)


def test_near_the_end_it_asks_for_more_and_appends_them() -> None:
    async def scenario(app: ListApp, results: ResultsList, pilot: Pilot[None]) -> None:
        results.show(hits(20), 100)
        await pilot.pause()
        assert results.has_more and app.messages == []  # a new result never prefetches
        await pilot.press("G")
        await pilot.pause()
        assert ("more", 20) in app.messages
        results.extend(hits(20, 20), 20)
        results.extend(hits(20, 20), 20)  # a repeated page doesn't continue the list
        await pilot.pause()
        assert len(results.hits) == 40 and results.hits[20].id == "a20"
        assert results.virtual_size.height == 120
        await pilot.press("G")
        assert results.highlighted == 39 and results.current is not None
        assert results.current.id == "a39"

    run_list(scenario)


def test_a_new_result_changes_no_geometry(monkeypatch: pytest.MonkeyPatch) -> None:
    # A layout pass of the screen costs more than drawing the rows: showing results of
    # any length asks for none (the scrollbar is always there; only its thumb follows).
    layouts: list[int] = []
    original = ResultsList.refresh

    def spy(self: ResultsList, *regions: Region, **kwargs: bool) -> ResultsList:
        if kwargs.get("layout"):
            layouts.append(len(self.hits))
        return original(self, *regions, **kwargs)

    monkeypatch.setattr(ResultsList, "refresh", spy)

    async def scenario(app: ListApp, results: ResultsList, pilot: Pilot[None]) -> None:
        results.show(hits(2), 2)
        await pilot.pause()
        view = results.scrollable_content_region.height
        assert results.virtual_size.height == view and results.show_vertical_scrollbar
        layouts.clear()
        results.show(hits(4), 4)
        results.show([], 0)
        assert results.virtual_size.height == view and results.highlighted is None
        results.show(hits(20), 20)
        await pilot.pause()
        assert results.virtual_size.height == 60 == results.vertical_scrollbar.window_virtual_size
        await pilot.press("G")
        assert results.scroll_y == results.max_scroll_y == 60 - view
        results.show(hits(1), 1)
        await pilot.pause()
        assert results.scroll_y == 0 and results.vertical_scrollbar.window_virtual_size == view
        assert layouts == []

    run_list(scenario)


def test_typing_in_the_search_box_asks_for_no_layout(
    seeds: Corpus, monkeypatch: pytest.MonkeyPatch
) -> None:
    layouts: list[str] = []
    original = Input.refresh

    def spy(self: Input, *regions: Region, **kwargs: bool) -> Input:
        if kwargs.get("layout") and self.id == "query":
            layouts.append(self.value)
        return original(self, *regions, **kwargs)

    monkeypatch.setattr(Input, "refresh", spy)

    async def main() -> None:
        app = snapshot_app(seeds)
        async with app.run_test(size=(120, 40)) as pilot:
            await search(pilot, "rabat drone")
            field = app.main.query_one("#query", QueryInput)
            assert field.value == "rabat drone" and field.cursor_position == len("rabat drone")
            assert layouts == []
            # Other layout requests still go through.
            field.styles.height = 4
            assert layouts == ["rabat drone"]

    asyncio.run(main())


@pytest.fixture
def many(tmp_path: Path) -> Corpus:
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(ARTICLES):
        (folder / f"n{i:02}.txt").write_text(
            f"Drone order {i}\n\nThe navy ordered drone number {i} for coastal patrols.\n",
            encoding="utf-8",
        )
    corpus = Corpus.open(tmp_path / "index")
    assert corpus.ingest([folder], extract=False, workers=1).ok
    return corpus


def test_scrolling_the_app_loads_every_hit_and_a_click_opens_one(many: Corpus) -> None:
    async def main() -> None:
        app = snapshot_app(many)
        async with app.run_test(size=(80, 24)) as pilot:
            await search(pilot, "drone")
            pane = app.main.search_pane
            assert pane.result is not None and pane.result.total == ARTICLES
            assert len(pane.hits) == 20
            await pilot.press("down", "G")  # to the list, then its last loaded hit
            await settle(pilot, lambda: len(pane.hits) == ARTICLES)
            await pilot.press("G")
            results = app.main.query_one(ResultsList)
            assert results.highlighted == ARTICLES - 1
            assert f"{ARTICLES} results" in str(app.main.query_one("#status").render())
            await pilot.press("g")
            await pilot.click(ResultsList, offset=(10, 3))  # the second hit's title
            await settle(pilot, lambda: isinstance(app.screen, ReaderScreen))
            assert isinstance(app.screen, ReaderScreen)
            assert app.screen.article_id == pane.hits[1].id

    try:
        asyncio.run(main())
    finally:
        many.close()


def test_the_app_shows_an_empty_result_without_hiding_the_list(seeds: Corpus) -> None:
    async def main() -> None:
        app: DefExploreApp = snapshot_app(seeds)
        async with app.run_test(size=(120, 40)) as pilot:
            await search(pilot, "qqqzzz")
            results = app.main.query_one(ResultsList)
            assert results.has_class("-empty") and results.display and results.hits == []
            await pilot.press("down", "enter")  # an empty list takes no focus, opens nothing
            await settle(pilot)
            assert not isinstance(app.screen, ReaderScreen)
            assert isinstance(app.focused, QueryInput)

    asyncio.run(main())
