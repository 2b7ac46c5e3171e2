"""PaintHold: repaints wait for `release()` or the time limit, whichever comes first."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from defexplore.tui.paint_hold import PaintHold
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.visual import VisualType
from textual.widgets import Static


class Counting(Static):
    """A Static that counts its renders (a paint of new content makes one or more)."""

    renders = 0

    def render(self) -> VisualType:
        self.renders += 1
        return super().render()


class HoldApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Counting("a")


def run(
    limit: float, scenario: Callable[[HoldApp, Counting, PaintHold, Pilot[None]], Awaitable[None]]
) -> None:
    async def main() -> None:
        app = HoldApp()
        async with app.run_test() as pilot:
            await pilot.pause()
            await scenario(app, app.query_one(Counting), PaintHold(app, limit), pilot)

    asyncio.run(main())


def test_repaints_wait_for_release() -> None:
    async def scenario(app: HoldApp, label: Counting, hold: PaintHold, pilot: Pilot[None]) -> None:
        before = label.renders
        hold.hold()
        hold.hold()  # a second hold is the same hold
        label.update("b")
        await pilot.pause(0.2)
        assert hold.held and label.renders == before
        hold.release()
        await pilot.pause(0.1)
        assert not hold.held and label.renders > before
        assert "b" in str(label.render())
        hold.release()  # releasing again is harmless

    run(10.0, scenario)


def test_the_time_limit_releases_the_hold() -> None:
    async def scenario(app: HoldApp, label: Counting, hold: PaintHold, pilot: Pilot[None]) -> None:
        before = label.renders
        hold.hold()
        label.update("b")
        await pilot.pause(0.3)
        assert not hold.held and label.renders > before
        # A limit that belonged to an earlier, released hold doesn't cut a new one short.
        hold.hold()
        hold.release()
        hold.hold()
        await pilot.pause(0.02)
        assert hold.held

    run(0.05, scenario)
