"""Pilot flows for the Timeline pane, shared by the snapshot tests and the screenshot script."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable

from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from .panes.timeline import TimelinePane
from .widgets.timeline_list import TimelineList


async def _until(pilot: Pilot[int], done: Callable[[], bool], seconds: float = 10) -> None:
    deadline = time.monotonic() + seconds
    while True:
        # An exclusive worker replaced by a newer one raises here: just look again.
        with contextlib.suppress(WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if done() or time.monotonic() > deadline:
            break
    await pilot.pause()


def pane_of(pilot: Pilot[int]) -> TimelinePane:
    """The Timeline pane of the app under test."""
    return pilot.app.screen_stack[0].query_one(TimelinePane)


async def timeline(pilot: Pilot[int]) -> None:
    """Switch to the Timeline tab and wait for its events to be painted."""
    await _until(pilot, lambda: True)
    await pilot.press("tab", "tab")
    pane = pane_of(pilot)
    await _until(pilot, lambda: pane.painted is not None and pane.request == pane.painted)


async def timeline_story(pilot: Pilot[int]) -> None:
    """The timeline with the story of the first multi-source event expanded."""
    await timeline(pilot)
    pane = pane_of(pilot)
    listing = pane.query_one(TimelineList)
    stories = {s.id: s for s in (pane.result.stories if pane.result else ())}
    ranked = sorted(
        (e for e in listing.events if e.story in stories),
        key=lambda e: (not stories[e.story or ""].conflicts, -len(stories[e.story or ""].sources)),
    )
    listing.focus()
    if ranked:
        listing.select_event(ranked[0].id)
    await pilot.press("s")
    await _until(pilot, lambda: pane.has_class("-story"))
