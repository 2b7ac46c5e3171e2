"""Pilot tests: each user flow of the app, driven through keys and clicks."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from defexplore.index.corpus import Corpus
from defexplore.tui.app import DefExploreApp
from defexplore.tui.panes.search import SearchPane
from defexplore.tui.screens.dialogs import ConfirmScreen, ExportScreen, PathScreen
from defexplore.tui.screens.help import HelpScreen, SyntaxScreen
from defexplore.tui.screens.reader import ReaderScreen
from defexplore.tui.screenshots import search, settle, snapshot_app
from defexplore.tui.widgets.facets import FacetList
from defexplore.tui.widgets.header import IngestBar
from defexplore.tui.widgets.results import ResultsList
from defexplore.tui.widgets.timeline_list import TimelineList
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, RadioButton, Static, TabbedContent

from .test_launch import small_folder

FIXTURE_FOLDER = Path(__file__).resolve().parent.parent / "fixtures" / "ingest" / "folder"
Scenario = Callable[[DefExploreApp, Pilot[int]], Awaitable[None]]


def drive(app: DefExploreApp, scenario: Scenario, size: tuple[int, int] = (120, 40)) -> None:
    """Run `scenario` against `app` in a headless terminal of `size`."""

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await scenario(app, pilot)

    asyncio.run(main())


def screen_article(app: DefExploreApp) -> str | None:
    screen = app.screen
    return screen.article_id if isinstance(screen, ReaderScreen) else None


def pane(app: DefExploreApp) -> SearchPane:
    return app.main.search_pane


def test_type_a_query_and_see_hits(seeds: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await search(pilot, "israel")
        result = pane(app).result
        expected = seeds.search("israel")
        assert result is not None and result.total == expected.total > 0
        assert [h.id for h in pane(app).hits] == [h.id for h in expected.hits]
        status = str(app.main.query_one("#status", Static).render())
        assert f"{expected.total} result" in status
        # Each row carries the snippet with its marked terms.
        first = app.main.query_one(ResultsList).row_text(0)
        assert expected.hits[0].title in first

    drive(snapshot_app(seeds), scenario)


def test_syntax_error_is_shown_inline(seeds: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await search(pilot, '"air defense')
        assert app.main.query_one("#query-error", Static).display
        message = str(app.main.query_one("#query-error", Static).render())
        assert "unclosed quote" in message

    drive(snapshot_app(seeds), scenario)


def test_stale_results_are_dropped(seeds: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await search(pilot, "israel")
        p = pane(app)
        before = p.result
        stale = seeds.search("rabat")
        from defexplore.tui.panes.search_parts import SearchRequest

        p.post_message(SearchPane.Results(SearchRequest("rabat", "relevance", ()), stale, False))
        await settle(pilot)
        assert p.result is before

    drive(snapshot_app(seeds), scenario)


def test_keys_typed_in_the_input_stay_in_the_input(seeds: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press(*"jkq12e/?s")
        await settle(pilot)
        assert app.main.query_one("#query", Input).value == "jkq12e/?s"
        assert app.is_running and app.main.active_pane == "search"

    drive(snapshot_app(seeds), scenario)


def test_escape_clears_the_input_then_leaves_it_for_the_list(seeds: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await search(pilot, "israel")
        field = app.main.query_one("#query", Input)
        await pilot.press("escape")
        assert field.value == "" and field.has_focus
        await pilot.press("escape")
        assert isinstance(app.focused, ResultsList)
        await pilot.press("3")  # a pane key now, not a character of the query
        assert app.main.active_pane == "timeline" and field.value == ""

    drive(snapshot_app(seeds), scenario)


def test_escape_leaves_each_panes_filter_for_its_list(seeds: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("tab")  # Entities opens on its type-ahead filter
        await settle(pilot)
        assert isinstance(app.focused, Input) and app.focused.id == "entity-query"
        await pilot.press("escape")
        assert isinstance(app.focused, DataTable) and app.focused.id == "entity-list"
        await pilot.press("escape")
        assert isinstance(app.focused, Input) and app.focused.id == "entity-query"
        await pilot.press("escape", "3")  # to the list, where 3 switches panes
        await settle(pilot)
        assert app.main.active_pane == "timeline"
        assert isinstance(app.focused, Input) and app.focused.id == "tl-query"
        await pilot.press("escape")
        assert isinstance(app.focused, TimelineList)
        await pilot.press("escape")
        assert isinstance(app.focused, Input) and app.focused.id == "tl-query"

    drive(snapshot_app(seeds), scenario)


def test_did_you_mean_applies_on_enter(seeds: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await search(pilot, "moroco")  # no hits: Enter in the input applies it
        p = pane(app)
        assert p.result is not None and p.result.total == 0
        assert p.result.suggestion == "morocco"
        suggestion = app.main.query_one("#suggestion", Static)
        assert suggestion.display and "Did you mean morocco?" in str(suggestion.render())
        await pilot.press("enter")
        await settle(pilot, lambda: p.painted is not None and p.painted.query == "morocco")
        assert p.result is not None and p.result.query == "morocco" and p.result.total > 0
        # The slot stays (a fixed one: no layout pass), empty and out of the focus chain.
        assert str(suggestion.render()) == "" and not suggestion.can_focus

    drive(snapshot_app(seeds), scenario)


def test_did_you_mean_applies_on_click_when_there_are_hits(seeds: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await search(pilot, "morroco")  # a typo one seed has: one hit and a suggestion
        p = pane(app)
        assert p.result is not None and p.result.total > 0
        suggestion = app.main.query_one("#suggestion", Static)
        assert "Did you mean morocco?" in str(suggestion.render())
        await pilot.click("#suggestion")
        await settle(pilot, lambda: p.painted is not None and p.painted.query == "morocco")
        assert p.result is not None and p.result.query == "morocco"
        assert app.main.query_one("#query", Input).value == "morocco"

    drive(snapshot_app(seeds), scenario)


def test_facet_toggles_a_filter(seeds: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await search(pilot, "israel")
        p = pane(app)
        facets = app.main.query_one(FacetList)
        await settle(pilot, lambda: p.facets_for is p.request)
        year = next(fv for fv in p.facets["year"] if fv.value[0].isdigit())
        await pilot.press("escape", "escape")  # leave the input without clearing… then focus
        facets.focus()
        index = facets.get_option_index(f"v\x1fyear\x1f{year.value}")
        facets.highlighted = index
        await pilot.press("enter")
        await settle(pilot, lambda: p.painted is not None and bool(p.painted.filters))
        assert p.request is not None and p.request.filter_map() == {"year": [year.value]}
        assert p.result is not None and p.result.total == year.count
        assert all((h.published or "").startswith(year.value) for h in p.hits)
        await pilot.press("space")  # toggles it off again
        await settle(pilot, lambda: p.painted is not None and not p.painted.filters)
        assert p.result is not None and p.result.total == seeds.search("israel").total

    drive(snapshot_app(seeds), scenario)


def test_sort_by_date(seeds: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await search(pilot, "israel")
        p = pane(app)
        await pilot.press("down", "s")  # to the results, then cycle sort
        await settle(pilot, lambda: p.painted is not None and p.painted.sort == "date")
        dates = [h.published for h in p.hits if h.published]
        assert dates == sorted(dates, reverse=True) and len(dates) >= 2
        await pilot.press("s")
        await settle(pilot, lambda: p.painted is not None and p.painted.sort == "date_asc")
        dates = [h.published for h in p.hits if h.published]
        assert dates == sorted(dates)

    drive(snapshot_app(seeds), scenario)


def test_open_reader_mark_sides_and_go_back(seeds: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await search(pilot, "morocco")
        first = pane(app).hits[0]
        await pilot.press("down", "j", "enter")
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen))
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await settle(pilot, lambda: screen.article is not None)
        assert screen.article is not None and screen.article.id == pane(app).hits[1].id
        meta = str(screen.query_one("#reader-meta", Static).render())
        assert screen.article.title in meta and "Outlet" in meta and "Language" in meta
        body = screen.query_one("#reader-body", Static).render()
        assert "morocco" in str(body).lower()
        await pilot.press("a")
        await settle(pilot)
        assert app.marks["a"][0] == screen.article.id
        header = str(screen.query_one("AppHeader", Static).render())
        assert "A: " in header
        # The bundled samples name no outlet: said as such, not as "0 sources".
        assert "outlets unknown" in header and "0 sources" not in header
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, ReaderScreen)
        assert first.id in [h.id for h in pane(app).hits]

    drive(snapshot_app(seeds), scenario)


def test_similar_articles_open_in_the_reader(seeds: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await search(pilot, "morocco")
        await pilot.press("down", "enter")
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen))
        reader = app.screen
        assert isinstance(reader, ReaderScreen)
        await settle(pilot, lambda: reader.article is not None)
        original = reader.article_id
        await pilot.press("m")
        await settle(pilot, lambda: app.screen is not reader)
        await pilot.press("enter")
        await settle(pilot, lambda: app.screen is reader and screen_article(app) != original)
        assert reader.article is not None and reader.article.id != original

    drive(snapshot_app(seeds), scenario)


def test_help_and_syntax_screens(seeds: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await search(pilot, "israel")
        await pilot.press("f2")
        assert isinstance(app.screen, SyntaxScreen)
        await pilot.press("escape", "down", "question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(w.render()) for w in app.screen.query(Static))
        for key in ("Ctrl+P", "Tab / Shift+Tab", "a / b", "published:[2021 to 2022]"):
            assert key in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)

    drive(snapshot_app(seeds), scenario)


def test_tab_and_digits_switch_panes(seeds: Corpus) -> None:
    # Other panes may hold inputs of their own, so digits and / are pressed from the
    # results list; Tab works from anywhere.
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await search(pilot, "israel")
        await pilot.press("tab")
        assert app.main.active_pane == "entities"
        await pilot.press("shift+tab")
        assert app.main.active_pane == "search"
        assert isinstance(app.focused, Input)
        await pilot.press("down", "3")
        assert app.main.active_pane == "timeline"
        await pilot.press("tab", "tab")
        assert app.main.active_pane == "search"
        await pilot.press("down", "4")
        assert app.main.active_pane == "compare"
        await pilot.press("shift+tab", "shift+tab", "shift+tab")
        assert app.main.active_pane == "search"
        await pilot.press("down", "slash")
        assert isinstance(app.focused, Input) and app.focused.id == "query"
        await pilot.click("#panes Tab#--content-tab-entities")
        assert app.main.query_one(TabbedContent).active == "entities"

    drive(snapshot_app(seeds), scenario)


def test_export_writes_and_asks_before_overwriting(
    seeds: Corpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await search(pilot, "israel")
        total = pane(app).result.total  # type: ignore[union-attr]
        await pilot.press("ctrl+s")
        assert isinstance(app.screen, ExportScreen)
        field = app.screen.query_one("#export-path", Input)
        assert Path(field.value).parent == tmp_path
        await pilot.click("#fmt-json")
        assert field.value.endswith(".json")
        await pilot.click("#ok")
        await settle(pilot)
        target = Path(field.value)
        data = json.loads(target.read_text(encoding="utf-8"))
        assert len(data) == total and data[0]["rank"] == 1 and data[0]["title"]
        # Second export to the same path: a confirmation, declined, then accepted.
        target.write_text("keep me", encoding="utf-8")
        await pilot.press("down", "e")  # from the results list, plain e exports too
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-path", Input).value = str(target)
        app.screen.query_one("#fmt-json", RadioButton).value = True
        await pilot.press("enter")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert target.read_text(encoding="utf-8") == "keep me"
        assert isinstance(app.screen, ExportScreen)
        await pilot.click("#ok")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        assert len(json.loads(target.read_text(encoding="utf-8"))) == total

    drive(snapshot_app(seeds), scenario)


def test_add_folder_shows_progress_and_updates_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []
    original = IngestBar.advance

    def spy(self: IngestBar, progress: object) -> None:
        seen.append(getattr(progress, "stage", "?"))
        original(self, progress)  # type: ignore[arg-type]

    monkeypatch.setattr(IngestBar, "advance", spy)
    corpus = Corpus.open(tmp_path / "fresh")
    folder = small_folder(tmp_path)

    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await settle(pilot)
        assert pane(app).result is not None and pane(app).result.total == 0  # type: ignore[union-attr]
        await pilot.press("ctrl+p")
        await pilot.press(*"add folder")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, PathScreen))
        assert isinstance(app.screen, PathScreen)
        app.screen.query_one(Input).value = str(folder)
        await pilot.press("enter")
        assert app.main.query_one(IngestBar).has_class("-active") or seen
        await settle(pilot, lambda: not app.ingesting)
        await settle(pilot, lambda: bool(pane(app).hits))
        assert seen and "scan" in seen
        assert not app.main.query_one(IngestBar).has_class("-active")
        assert app.last_report is not None and app.last_report.added
        assert pane(app).result.total == corpus.count() > 0  # type: ignore[union-attr]
        assert app.header_info.articles == corpus.count()

    try:
        drive(snapshot_app(corpus), scenario)
    finally:
        corpus.close()


def test_narrow_terminal_hides_the_sidebar(seeds: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await search(pilot, "israel")
        assert not app.main.query_one(FacetList).display
        await pilot.resize_terminal(40, 12)
        await settle(pilot)
        await pilot.resize_terminal(120, 40)
        await settle(pilot)
        assert app.main.query_one(FacetList).display

    drive(snapshot_app(seeds), scenario, size=(60, 20))


def test_a_and_b_on_the_results_mark_compare_sides(seeds: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await search(pilot, "morocco")
        hits = pane(app).hits
        await pilot.press("down", "a", "j", "b")
        await settle(pilot, lambda: "a" in app.marks and "b" in app.marks)
        assert app.marks["a"][0] == hits[0].id and app.marks["b"][0] == hits[1].id
        assert pane(app).query_one("#query", Input).value == "morocco"  # nothing typed

    drive(snapshot_app(seeds), scenario)


def test_path_prompt_rejects_a_missing_path_and_stays_open(seeds: Corpus, tmp_path: Path) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        results: list[Path | None] = []
        app.push_screen(PathScreen("Add", tmp_path), results.append)
        await settle(pilot, lambda: isinstance(app.screen, PathScreen))
        screen = app.screen
        screen.query_one(Input).value = str(tmp_path / "nowhere")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is screen and results == []
        assert "No such file or folder" in str(screen.query_one("#prompt-error", Static).render())
        screen.query_one(Input).value = str(tmp_path)
        await pilot.press("enter")
        await settle(pilot, lambda: bool(results))
        assert results == [tmp_path.resolve()]

    drive(snapshot_app(seeds), scenario)
