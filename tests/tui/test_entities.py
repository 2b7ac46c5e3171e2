"""Pilot tests of the Entities pane: filter, type-ahead, sort, detail, edits, Enter/t."""

from __future__ import annotations

import asyncio
import csv
import shutil
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from defexplore.index.corpus import Corpus
from defexplore.tui.app import DefExploreApp
from defexplore.tui.panes.entities import EntitiesPane
from defexplore.tui.panes.timeline import TimelinePane
from defexplore.tui.screens.dialogs import ConfirmScreen, ExportScreen
from defexplore.tui.screens.entity_dialogs import EntityNameScreen, EntityPickScreen
from defexplore.tui.screenshots import settle, snapshot_app
from textual.pilot import Pilot
from textual.widgets import Input, Select

Scenario = Callable[[DefExploreApp, Pilot[int]], Awaitable[None]]


@pytest.fixture
def corpus(valdoria_dir: Path, tmp_path: Path) -> Iterator[Corpus]:
    # A private copy: edits must not leak between tests.
    root = tmp_path / "index"
    shutil.copytree(valdoria_dir, root)
    c = Corpus.open(root, create=False)
    yield c
    c.close()


def drive(app: DefExploreApp, scenario: Scenario, size: tuple[int, int] = (120, 40)) -> None:
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await scenario(app, pilot)

    asyncio.run(main())


def pane_of(app: DefExploreApp) -> EntitiesPane:
    return app.main.query_one(EntitiesPane)


async def listed(pilot: Pilot[int], pane: EntitiesPane) -> None:
    await settle(pilot, lambda: pane.request is not None and pane.listed == pane.request)


async def open_pane(app: DefExploreApp, pilot: Pilot[int]) -> EntitiesPane:
    await settle(pilot)
    await pilot.press("tab")
    pane = pane_of(app)
    await listed(pilot, pane)
    await settle(pilot, lambda: pane.detail is not None)
    return pane


def names(pane: EntitiesPane) -> list[str]:
    return [e.name for e in pane.entities]


def test_list_filter_type_ahead_and_sort(corpus: Corpus) -> None:
    app = snapshot_app(corpus)

    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        pane = await open_pane(app, pilot)
        assert isinstance(app.focused, Input) and app.focused.id == "entity-query"
        counts = [e.articles for e in pane.entities]
        assert counts == sorted(counts, reverse=True)
        await pilot.press(*"morv")
        await listed(pilot, pane)
        assert names(pane) == ["Daniel Morvan", "Claire Morvan"]
        await pilot.press("escape")  # clears the filter
        await listed(pilot, pane)
        assert len(names(pane)) > 2
        pane.query_one("#entity-type", Select).value = "place"
        await listed(pilot, pane)
        assert {e.type for e in pane.entities} == {"place"}
        await pilot.press("down")  # into the list, then `s` cycles the sort
        await pilot.press("s")
        await listed(pilot, pane)
        assert pane.listed is not None and pane.listed.sort == "mentions"
        await pilot.press("s")
        await listed(pilot, pane)
        got = names(pane)
        assert got == sorted(got, key=str.casefold)
        status = str(pane.query_one("#entities-status").render())
        assert f"{len(got)} entit" in status

    drive(app, scenario)


def test_detail_enter_to_search_and_t_to_timeline(corpus: Corpus) -> None:
    app = snapshot_app(corpus)

    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        pane = await open_pane(app, pilot)
        await pilot.press(*"daniel", "enter")  # Enter in the filter moves to the list
        await listed(pilot, pane)
        await settle(
            pilot, lambda: pane.detail is not None and pane.detail.entity.name == "Daniel Morvan"
        )
        assert pane.detail is not None
        assert pane.detail.total_mentions == 3
        assert {s.source for s in pane.detail.sources} == {"Harbor Times"}
        await pilot.press("t")
        await settle(pilot)
        assert app.main.active_pane == "timeline"
        timeline = app.main.query_one(TimelinePane)
        assert timeline.query_one("#tl-entity", Input).value == "Daniel Morvan"
        await pilot.press("shift+tab")
        await settle(pilot)
        pane.query_one("#entity-list").focus()
        await pilot.press("enter")
        search = app.main.search_pane
        await settle(
            pilot, lambda: search.painted is not None and search.painted.query.startswith("person:")
        )
        assert app.main.active_pane == "search"
        assert search.query_text == 'person:"Daniel Morvan"'
        assert search.result is not None and search.result.total == 2

    drive(app, scenario)


def test_rename_hide_merge_dialogs(corpus: Corpus) -> None:
    app = snapshot_app(corpus)

    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        pane = await open_pane(app, pilot)
        await pilot.press(*"valdorian", "enter")
        await listed(pilot, pane)
        assert pane.highlighted is not None and pane.highlighted.name == "Valdorian Armed Forces"
        await pilot.press("R")
        await settle(pilot, lambda: isinstance(app.screen, EntityNameScreen))
        field = app.screen.query_one("#entity-name", Input)
        field.value = "Valdorian Army"
        await pilot.press("enter")
        await settle(pilot, lambda: "Valdorian Army" in {e.name for e in corpus.entities()})
        await pilot.press("escape", "escape")
        pane.set_query("")
        await listed(pilot, pane)
        assert "Valdorian Army" in names(pane) and "Valdorian Armed Forces" not in names(pane)

        pane.set_query("Norland")
        await listed(pilot, pane)
        pane.query_one("#entity-list").focus()
        assert pane.highlighted is not None and pane.highlighted.name == "Norland"
        await pilot.press("M")
        await settle(pilot, lambda: isinstance(app.screen, EntityPickScreen))
        await pilot.press(*"aero", "enter")
        await settle(pilot, lambda: not isinstance(app.screen, EntityPickScreen))
        await settle(pilot, lambda: len(corpus.entity_edits()) == 2)
        await listed(pilot, pane)
        assert names(pane) == ["Norland"]
        assert [op.op for op in corpus.entity_edits()] == ["rename", "merge"]

        pane.set_query("Kestrel")
        await listed(pilot, pane)
        pane.query_one("#entity-list").focus()
        await pilot.press("H")
        await settle(pilot, lambda: isinstance(app.screen, ConfirmScreen))
        await pilot.press("y")
        await settle(pilot, lambda: len(corpus.entity_edits()) == 3)
        await listed(pilot, pane)
        assert names(pane) == []
        await pilot.press("escape")
        pane.query_one("#entity-list").focus()
        await pilot.press("u")  # undo the hide
        await settle(pilot, lambda: len(corpus.entity_edits()) == 2)
        await listed(pilot, pane)
        assert names(pane) == ["Kestrel City"]

    drive(app, scenario)


def test_export_selection(corpus: Corpus, tmp_path: Path) -> None:
    app = snapshot_app(corpus)
    out = tmp_path / "picked.csv"

    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        pane = await open_pane(app, pilot)
        await pilot.press("down", "space", "down", "space")
        assert len(pane.marked) == 2
        await pilot.press("ctrl+s")
        await settle(pilot, lambda: isinstance(app.screen, ExportScreen))
        app.screen.query_one("#export-path", Input).value = str(out)
        await pilot.press("enter")
        await settle(pilot, lambda: out.exists())

    drive(app, scenario)
    with out.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 2  # the two selected rows, not the whole list
    assert set(rows[0]) == {"name", "type", "articles", "mentions", "aliases", "roles"}
    assert {r["name"] for r in rows} == {e.name for e in corpus.entities()[:2]}


def test_split_an_alias_off_after_a_merge(corpus: Corpus) -> None:
    app = snapshot_app(corpus)

    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        pane = await open_pane(app, pilot)
        pane.set_query("Norland")
        await listed(pilot, pane)
        pane.query_one("#entity-list").focus()
        await pilot.press("S")  # nothing to split yet: a warning, no dialog
        await pilot.pause()
        assert not isinstance(app.screen, EntityPickScreen)
        await pilot.press("M")
        await settle(pilot, lambda: isinstance(app.screen, EntityPickScreen))
        await pilot.press(*"aero", "enter")
        await settle(pilot, lambda: len(corpus.entity_edits()) == 1)
        await listed(pilot, pane)
        merged = pane.highlighted
        assert merged is not None and merged.name == "Norland"
        folded = [a for a in merged.aliases if "aero" in a.lower()]
        assert folded, merged.aliases
        await pilot.press("S")
        await settle(pilot, lambda: isinstance(app.screen, EntityPickScreen))
        await pilot.press(*folded[0][:6], "enter")
        await settle(pilot, lambda: len(corpus.entity_edits()) == 2)
        assert [op.op for op in corpus.entity_edits()] == ["merge", "split"]
        by_name = {e.name: e for e in corpus.entities()}
        assert folded[0] in by_name  # an entity of its own again
        assert folded[0] not in by_name["Norland"].aliases

    drive(app, scenario)
