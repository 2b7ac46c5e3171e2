"""Pilot tests of the Compare pane: marking sides, navigation, swap, picker, export."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from defexplore.index.corpus import Corpus
from defexplore.tui.app import DefExploreApp
from defexplore.tui.messages import ArticleChosen, CompareRequested
from defexplore.tui.panes.compare import ComparePane, CompareRow
from defexplore.tui.screens.compare_picker import ComparePickerScreen
from defexplore.tui.screens.dialogs import ExportScreen
from defexplore.tui.screens.reader import ReaderScreen
from defexplore.tui.screenshots import search, settle as settle_once, snapshot_app
from textual.pilot import Pilot
from textual.widgets import Input, Static, TabbedContent

from tests.unit.test_compare import JOINED, SPLIT
from tests.unit.test_compare_corpus import COPY, OTHER, REWRITE, WIRE

Scenario = Callable[[DefExploreApp, Pilot[int]], Awaitable[None]]


async def settle(pilot: Pilot[int], until: Callable[[], bool] | None = None) -> None:
    """`settle` with a longer patience: the machine running the tests may be loaded."""
    deadline = time.monotonic() + 40
    await settle_once(pilot, until)
    while until is not None and not until() and time.monotonic() < deadline:
        await settle_once(pilot, until)


def drive(app: DefExploreApp, scenario: Scenario, size: tuple[int, int] = (120, 40)) -> None:
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await scenario(app, pilot)

    asyncio.run(main())


@pytest.fixture(scope="module")
def invented(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Corpus]:
    folder = tmp_path_factory.mktemp("compare-tui-fixtures")
    for name, text in (("wire", WIRE), ("copy", COPY), ("rewrite", REWRITE), ("other", OTHER)):
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    corpus = Corpus.open(tmp_path_factory.mktemp("compare-tui-index") / "invented")
    assert corpus.ingest([folder], extract=False, workers=1).ok
    yield corpus
    corpus.close()


def ids(corpus: Corpus) -> dict[str, str]:
    hits = corpus.search("", limit=20, facets=False).hits
    return {Path(h.path).stem: h.id for h in hits}


def pane_of(app: DefExploreApp) -> ComparePane:
    return app.main.query_one(ComparePane)


async def request(app: DefExploreApp, pilot: Pilot[int], a: str, b: str) -> ComparePane:
    await settle(pilot, lambda: bool(app.main.query(ComparePane)))  # panes mount lazily
    pane = pane_of(app)
    app.main.post_message(CompareRequested(a, b))
    await settle(pilot, lambda: pane.comparison is not None and pane.a_id == a)
    return pane


def test_mark_a_and_b_from_the_reader_opens_compare(seeds: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await search(pilot, "Gantz")
        hits = app.main.search_pane.hits
        assert len(hits) >= 2
        for n, side in enumerate("ab"):
            app.main.post_message(ArticleChosen(hits[n].id))
            await settle(pilot, lambda: isinstance(app.screen, ReaderScreen))
            screen = app.screen
            assert isinstance(screen, ReaderScreen)
            await settle(pilot, lambda s=screen: s.article is not None)  # type: ignore[misc]
            await pilot.press(side)
            await settle(pilot)
            if side == "a":
                await pilot.press("escape")
                await settle(pilot)
        tabs = app.main.query_one(TabbedContent)
        await settle(pilot, lambda: bool(app.main.query(ComparePane)))
        pane = pane_of(app)
        await settle(pilot, lambda: pane.comparison is not None and tabs.active == "compare")
        assert not isinstance(app.screen, ReaderScreen)
        assert tabs.active == "compare"
        assert (pane.a_id, pane.b_id) == (hits[0].id, hits[1].id)
        assert len(pane.query(CompareRow)) == len(pane.rows) > 0

    drive(snapshot_app(seeds), scenario)


def test_navigation_conflicts_and_swap(invented: Corpus) -> None:
    names = ids(invented)

    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        pane = await request(app, pilot, names["wire"], names["rewrite"])
        assert app.main.query_one(TabbedContent).active == "compare"
        cmp = pane.comparison
        assert cmp is not None and cmp.conflicts
        diffs = [i for i, r in enumerate(pane.rows) if r.is_difference]
        await pilot.press("n")
        assert pane.cursor == diffs[0]
        await pilot.press("n", "p")
        assert pane.cursor == diffs[0]
        await pilot.press("c")
        assert pane.cursor is not None and pane.rows[pane.cursor].conflicts
        row = pane.query(CompareRow)[pane.cursor]
        assert row.has_class("-cursor", "-conflict")
        panel = str(pane.query_one("#compare-conflicts", Static).render())
        assert "480 million euros" in panel and "520 million euros" in panel and "▸" in panel
        # The marks reached the app (header) too.
        assert app.marks["a"][0] == names["wire"] and app.marks["b"][0] == names["rewrite"]
        await pilot.press("s")
        await settle(pilot, lambda: pane.comparison is not None)
        assert (pane.a_id, pane.b_id) == (names["rewrite"], names["wire"])
        assert pane.comparison is not None and pane.comparison.a_id == names["rewrite"]
        assert app.marks["a"][0] == names["rewrite"] and app.marks["b"][0] == names["wire"]

    drive(snapshot_app(invented), scenario)


def test_pick_a_side_with_fuzzy_search(invented: Corpus) -> None:
    names = ids(invented)

    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        pane = await request(app, pilot, names["wire"], names["rewrite"])
        pane.focus()
        await pilot.press("b")
        await settle(pilot, lambda: isinstance(app.screen, ComparePickerScreen))
        picker = app.screen
        assert isinstance(picker, ComparePickerScreen)
        assert names["wire"] not in picker.shown  # A is not offered for B
        await pilot.press(*"harvest festivl")
        await settle(pilot)
        assert picker.shown[0] == names["other"]
        await pilot.press("enter")
        await settle(pilot, lambda: pane.comparison is not None and pane.b_id == names["other"])
        assert pane.comparison is not None and pane.comparison.kind == "unrelated"

    drive(snapshot_app(invented), scenario)


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_export_comparison(invented: Corpus, tmp_path: Path, fmt: str) -> None:
    names = ids(invented)
    target = tmp_path / f"report.{fmt}"

    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        pane = await request(app, pilot, names["wire"], names["copy"])
        pane.focus()
        await pilot.press("e")
        await settle(pilot, lambda: isinstance(app.screen, ExportScreen))
        assert isinstance(app.screen, ExportScreen)
        app.screen.query_one("#export-format").query_one(f"#fmt-{fmt}").value = True  # type: ignore[attr-defined]
        await settle(pilot)
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await settle(pilot, target.exists)

    drive(snapshot_app(invented), scenario)
    text = target.read_text(encoding="utf-8")
    if fmt == "md":
        assert "| A | B | status |" in text and "verbatim" in text
    else:
        doc = json.loads(text)
        assert doc["a"]["id"] == names["wire"] and doc["kind"] == "verbatim"
        assert doc["origin"] == names["wire"]


def test_empty_pane_explains_how_to_start(invented: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press("4")
        await settle(pilot, lambda: bool(app.main.query(ComparePane)))
        pane = pane_of(app)
        assert pane.has_class("-empty")
        assert "press a / b here" in str(pane.query_one("#compare-empty", Static).render())

    drive(snapshot_app(invented), scenario)


def test_same_story_and_copies_pickers(invented: Corpus) -> None:
    names = ids(invented)

    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        pane = await request(app, pilot, names["wire"], names["other"])
        pane.focus()
        # m: B among the reports related to A, labelled by kind.
        await pilot.press("m")
        await settle(pilot, lambda: isinstance(app.screen, ComparePickerScreen))
        picker = app.screen
        assert isinstance(picker, ComparePickerScreen)
        kinds = {e.id: e.kind for e in picker.entries}
        assert kinds.get(names["copy"]) == "verbatim"
        assert kinds.get(names["rewrite"]) == "same_story"
        assert names["other"] not in kinds
        await pilot.press("escape")
        await settle(pilot)
        # d: a pair from the copy groups; the origin goes on side A.
        await pilot.press("d")
        await settle(pilot, lambda: isinstance(app.screen, ComparePickerScreen))
        picker = app.screen
        assert isinstance(picker, ComparePickerScreen)
        assert picker.entries[0].kind == "verbatim"
        await pilot.press("enter")
        await settle(pilot, lambda: pane.comparison is not None and pane.b_id == names["copy"])
        assert pane.a_id == names["wire"]
        assert pane.comparison is not None and pane.comparison.kind == "verbatim"
        summary = str(pane.query_one("#compare-summary", Static).render())
        assert "likely origin: A" in summary

    drive(snapshot_app(invented), scenario)


def test_a_sentence_the_other_side_split_shows_as_a_joined_row(tmp_path: Path) -> None:
    folder = tmp_path / "files"
    folder.mkdir()
    (folder / "split.txt").write_text(SPLIT, encoding="utf-8")
    (folder / "joined.txt").write_text(JOINED, encoding="utf-8")
    with Corpus.open(tmp_path / "index") as corpus:
        assert corpus.ingest([folder], extract=False, workers=1).ok
        by_name = ids(corpus)

        async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
            pane = await request(app, pilot, by_name["split"], by_name["joined"])
            await settle(pilot, lambda: bool(pane.query(CompareRow)))
            statuses = [r.row.status for r in pane.query(CompareRow)]
            assert statuses.count("merged") == 1 and "only_a" not in statuses
            joined = next(r for r in pane.query(CompareRow) if r.row.status == "merged")
            assert joined.has_class("-merged")
            assert "┘" in str(joined.query_one(".gutter", Static).render())

        drive(snapshot_app(corpus), scenario)
