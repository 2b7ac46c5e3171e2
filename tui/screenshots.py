"""Write SVG screenshots of each pane: `python -m defexplore.tui.screenshots [OUT_DIR]`.

The flows here are the same ones the snapshot tests replay, so the README's pictures and
the tests show the same screens. The corpus is the bundled seeds, indexed into a
temporary directory.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from defexplore.index.corpus import Corpus
from defexplore.index.paths import seeds_dir
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from .app import DefExploreApp, make_app
from .screens.reader import ReaderScreen
from .timeline_shots import timeline, timeline_story

Flow = Callable[[Pilot[int]], Awaitable[None]]
SIZES: dict[str, tuple[int, int]] = {"wide": (120, 40), "small": (80, 24)}


async def settle(pilot: Pilot[int], until: Callable[[], bool] | None = None) -> None:
    """Wait for workers and the messages they post, until `until()` holds (10 s at most)."""
    deadline = time.monotonic() + 10
    while True:
        # An exclusive worker replaced by a newer one raises here: just look again.
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if until is None or until() or time.monotonic() > deadline:
            break
    await pilot.pause()


def _app(pilot: Pilot[int]) -> DefExploreApp:
    app = pilot.app
    assert isinstance(app, DefExploreApp)
    return app


async def search(pilot: Pilot[int], query: str = "morocco israel") -> None:
    """Type a query and wait for its hits to be painted."""
    app = _app(pilot)
    await settle(pilot)
    await pilot.press(*query)
    pane = app.main.search_pane
    await settle(pilot, lambda: pane.painted is not None and pane.painted.query == query)


async def reader(pilot: Pilot[int]) -> None:
    """Search, then open the first hit."""
    await search(pilot, "morocco")
    await pilot.press("down", "enter")
    await settle(pilot, lambda: isinstance(pilot.app.screen, ReaderScreen))
    screen = pilot.app.screen
    await settle(pilot, lambda: isinstance(screen, ReaderScreen) and screen.article is not None)


async def help_screen(pilot: Pilot[int]) -> None:
    """The help screen over the search pane."""
    await search(pilot, "drone")
    await pilot.press("f1")
    await settle(pilot)


async def compare(pilot: Pilot[int]) -> None:
    """Two seeds on one meeting side by side, the cursor on the first conflict."""
    from .messages import CompareRequested
    from .panes.compare import ComparePane

    app = _app(pilot)
    await settle(pilot)
    first, second = sorted(h.id for h in app.corpus.search("", limit=50, facets=False).hits)[:2]
    pane = app.main.query_one(ComparePane)
    app.main.post_message(CompareRequested(first, second))
    await settle(pilot, lambda: pane.comparison is not None)
    await pilot.press("c" if pane.comparison and pane.comparison.conflicts else "n")
    await settle(pilot)
    app.clear_notifications()  # the "Side A/B" toasts time out: keep pictures stable
    await settle(pilot)


async def entities(pilot: Pilot[int]) -> None:
    """The Entities pane, people only, with the most named person's detail."""
    from .panes.entities import EntitiesPane

    await settle(pilot)
    await pilot.press("tab")
    pane = _app(pilot).main.query_one(EntitiesPane)
    await settle(pilot, lambda: pane.listed is not None and pane.detail is not None)
    await pilot.press("down", "y")  # into the list; y: all types -> people
    await settle(pilot, lambda: pane.listed is not None and pane.listed.type == "person")
    await settle(pilot, lambda: pane.detail is not None and pane.detail.entity.type == "person")


def _tab(count: int) -> Flow:
    async def flow(pilot: Pilot[int]) -> None:
        await settle(pilot)
        await pilot.press(*(["tab"] * count))
        await settle(pilot)

    return flow


FLOWS: dict[str, Flow] = {
    "search": search,
    "reader": reader,
    "help": help_screen,
    "entities": entities,
    "timeline": timeline,
    "timeline-story": timeline_story,
    "compare": compare,
}


def snapshot_app(corpus: Corpus) -> DefExploreApp:
    """An app for screenshots and snapshots: no animation, no first-run seeding."""
    app = make_app(corpus, seed=False)
    app.animation_level = "none"
    return app


async def shoot(corpus: Corpus, out: Path) -> list[Path]:
    """Run every flow at every size and save the SVGs under `out`."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, flow in FLOWS.items():
        for size_name, size in SIZES.items():
            app = snapshot_app(corpus)
            async with app.run_test(size=size) as pilot:
                await flow(pilot)
                svg = app.export_screenshot(title=f"defexplore: {name}")
            path = out / f"{name}-{size_name}.svg"
            path.write_text(svg, encoding="utf-8")
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    """Index the seeds into a temporary corpus and write the screenshots."""
    args = sys.argv[1:] if argv is None else argv
    out = Path(args[0]) if args else Path("screenshots")
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Corpus.open(Path(tmp) / "seeds")
        try:
            corpus.ingest([seeds_dir()])
            for path in asyncio.run(shoot(corpus, out)):
                print(path)
        finally:
            corpus.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
