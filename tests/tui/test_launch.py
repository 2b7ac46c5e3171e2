"""Launching: `run()` argument errors, PATHs ingested at start, first-run seeding."""

from __future__ import annotations

import asyncio
import gc
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from defexplore.index.corpus import Corpus
from defexplore.tui import app as tui_app
from defexplore.tui.app import GC_YOUNG, DefExploreApp, build_app, make_app, run
from defexplore.tui.screenshots import settle
from defexplore.tui.widgets.header import IngestBar

FIXTURE_FOLDER = Path(__file__).resolve().parent.parent / "fixtures" / "ingest" / "folder"


def test_run_refuses_missing_paths_without_opening_the_app(tmp_path: Path, capsys) -> None:
    assert run(corpus="seeds", paths=[tmp_path / "nope"]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_run_refuses_a_bad_corpus_name(capsys) -> None:
    assert run(corpus="bad name!", paths=[]) == 2
    assert "cannot open corpus" in capsys.readouterr().err


def test_build_app_resolves_paths(tmp_path: Path) -> None:
    app = build_app(tmp_path / "idx", [Path(".")])
    try:
        assert app.paths == [Path(".").resolve()]
        assert app.corpus.name == "idx"
    finally:
        app.corpus.close()


def small_folder(tmp_path: Path) -> Path:
    """Two small files: few enough that the engine ingests them in-process (fast)."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("plain.txt", "sub/note.md"):
        (folder / Path(name).name).write_bytes((FIXTURE_FOLDER / name).read_bytes())
    return folder


def _until_ingested(app: DefExploreApp) -> int:
    async def main() -> int:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            assert app.ingesting or app.last_report is not None
            await settle(pilot, lambda: not app.ingesting and app.last_report is not None)
            await settle(pilot, lambda: app.header_info.articles == app.corpus.count())
            assert not app.main.query_one(IngestBar).has_class("-active")
            result = app.main.search_pane.result
            assert result is not None
            return result.total

    return asyncio.run(main())


def test_paths_given_at_launch_are_ingested(tmp_path: Path) -> None:
    corpus = Corpus.open(tmp_path / "mine")
    try:
        app = make_app(corpus, paths=[small_folder(tmp_path)])
        app.animation_level = "none"
        shown = _until_ingested(app)
        assert app.last_report is not None and len(app.last_report.added) == 2
        assert corpus.count() == 2 == shown
    finally:
        corpus.close()


def test_first_run_indexes_the_bundled_seeds() -> None:
    corpus = Corpus.open("seeds")  # under the test's private DEFEXPLORE_HOME: empty
    try:
        assert corpus.count() == 0
        app = make_app(corpus)
        app.animation_level = "none"
        shown = _until_ingested(app)
        assert corpus.count() == 5 == shown
    finally:
        corpus.close()


def test_first_run_with_paths_indexes_seeds_and_paths(tmp_path: Path) -> None:
    corpus = Corpus.open("seeds")  # the default corpus, still empty
    try:
        app = make_app(corpus, paths=[small_folder(tmp_path)])
        app.animation_level = "none"
        shown = _until_ingested(app)
        assert app.last_report is not None and len(app.last_report.added) == 7
        assert corpus.count() == 7 == shown
    finally:
        corpus.close()


def test_palette_lists_the_app_commands(seeds: Corpus) -> None:
    app = make_app(seeds, seed=False)
    titles: list[str] = []

    async def main() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            titles.extend(c.title for c in app.get_system_commands(app.screen))

    asyncio.run(main())
    for title in (
        "Add folder to corpus",
        "Switch corpus",
        "Export results",
        "Rebuild index",
        "Toggle theme",
    ):
        assert title in titles


def test_rebuild_reindexes_the_same_files(tmp_path: Path) -> None:
    corpus = Corpus.open(tmp_path / "mine")
    try:
        corpus.ingest([small_folder(tmp_path)], extract=False)
        before = sorted(h.id for h in corpus.search("", limit=10).hits)
        app = make_app(corpus)
        app.animation_level = "none"

        async def main() -> None:
            async with app.run_test(size=(100, 30)) as pilot:
                await settle(pilot)
                app.action_rebuild()
                await pilot.press("y")
                await settle(pilot, lambda: app.last_report is not None and not app.ingesting)

        asyncio.run(main())
        assert app.last_report is not None and sorted(app.last_report.added) == before
        assert sorted(h.id for h in corpus.search("", limit=10).hits) == before
    finally:
        corpus.close()


def test_switch_corpus_opens_another_one(seeds: Corpus, tmp_path: Path) -> None:
    other = Corpus.open("other")  # a named corpus under the test's DEFEXPLORE_HOME
    other.ingest([small_folder(tmp_path)], extract=False)
    other.close()
    first = Corpus.open(tmp_path / "first")
    app = make_app(first, seed=False)

    async def main() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await settle(pilot)
            app.action_switch()
            await settle(pilot)
            await pilot.press("enter")  # the first listed corpus: "other"
            await settle(pilot, lambda: app.corpus.name == "other")
            await settle(pilot, lambda: app.header_info.articles == 2)
            pane = app.main.search_pane
            await settle(pilot, lambda: pane.result is not None and pane.result.total == 2)

    try:
        asyncio.run(main())
        assert app.corpus.name == "other"
    finally:
        app.corpus.close()


class _QuitAtOnce(DefExploreApp):
    """Quits as soon as the first frame is out, as a user pressing q at launch would."""

    CSS_PATH = str(Path(tui_app.__file__).with_name("app.tcss"))  # relative: to this file

    def on_ready(self) -> None:
        self.exit(return_code=3)


def test_quitting_as_the_app_starts_is_clean(seeds: Corpus) -> None:
    # The hidden panes mount just after the first frame; quitting before they are in
    # used to raise MountError, which Textual reports as a crash (return code 1).
    app = _QuitAtOnce(seeds, seed=False)
    app.run(headless=True, size=(100, 30))
    assert app.return_code == 3


@pytest.fixture
def gc_thresholds() -> Iterator[None]:
    saved = gc.get_threshold()
    yield
    gc.set_threshold(*saved)


def test_garbage_is_collected_in_pauses_not_per_keystroke(seeds: Corpus, gc_thresholds) -> None:
    app = make_app(seeds, seed=False)
    app.animation_level = "none"
    collected: list[float] = []
    app.collect_garbage = lambda: collected.append(time.monotonic())  # type: ignore[method-assign]

    async def main() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            pane = app.main.search_pane
            await settle(pilot, lambda: gc.get_threshold()[0] == GC_YOUNG)
            assert gc.get_threshold()[0] == GC_YOUNG  # raised once the engine is warm
            before = len(collected)
            await pilot.press(*"gantz")
            await settle(pilot, lambda: pane.facets_for is pane.request)
            # The facet counts come only after a pause in typing: one collection then.
            assert pane.facets_for is pane.request
            assert len(collected) == before + 1

    asyncio.run(main())
