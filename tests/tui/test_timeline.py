"""Pilot tests of the Timeline pane: filters, zoom, stories, the reader, export."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from pathlib import Path

from defexplore.index.corpus import Corpus
from defexplore.tui.app import DefExploreApp
from defexplore.tui.messages import TimelineRequested
from defexplore.tui.panes.compare import ComparePane
from defexplore.tui.panes.reader import ReaderPane
from defexplore.tui.panes.timeline import TimelinePane
from defexplore.tui.screens.dialogs import ExportChoice
from defexplore.tui.screens.reader import ReaderScreen
from defexplore.tui.screenshots import settle, snapshot_app
from defexplore.tui.timeline_format import TimelineRequest
from defexplore.tui.timeline_shots import timeline, timeline_story
from defexplore.tui.widgets.story_panel import StoryPanel
from defexplore.tui.widgets.timeline_list import TimelineList
from textual.pilot import Pilot
from textual.widgets import Input, Static, TabbedContent

Scenario = Callable[[DefExploreApp, Pilot[int]], Awaitable[None]]


def drive(app: DefExploreApp, scenario: Scenario, size: tuple[int, int] = (120, 40)) -> None:
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await scenario(app, pilot)

    asyncio.run(main())


def pane(app: DefExploreApp) -> TimelinePane:
    return app.main.query_one(TimelinePane)


async def painted(pilot: Pilot[int], p: TimelinePane) -> None:
    await settle(pilot, lambda: p.request is not None and p.painted == p.request)


async def type_into(pilot: Pilot[int], p: TimelinePane, field: str, text: str) -> None:
    # One change event rather than a keypress per character keeps the test quick.
    p.query_one(f"#tl-{field}", Input).value = text
    await pilot.pause()
    await painted(pilot, p)


def test_events_are_listed_under_date_headings(pact: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await timeline(pilot)
        p = pane(app)
        listing = p.query_one(TimelineList)
        expected = pact.timeline()
        assert [e.id for e in listing.events] == [e.id for e in expected.events]
        assert None in listing.rows  # headings between the events
        assert listing.current is not None  # the cursor starts on an event, not a heading
        status = str(p.query_one("#tl-status", Static).render())
        assert f"{expected.total} events" in status and "1 undated" in status
        assert "1 with date conflicts" in status
        assert app.main.query_one(TabbedContent).active == "timeline"

    drive(snapshot_app(pact), scenario)


def test_filters_narrow_the_list_and_errors_show_inline(pact: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await timeline(pilot)
        p = pane(app)
        await type_into(pilot, p, "source", "harbor post")
        assert {e.source for e in p.events} == {"Harbor Post"} and len(p.events) == 2
        await type_into(pilot, p, "from", "2024")
        assert [e.date_start for e in p.events] == ["2024-03-13"]
        p.action_clear_filters()
        await painted(pilot, p)
        await type_into(pilot, p, "entity", "Port Amal")
        assert p.events and all("Port Amal" in e.entities for e in p.events)
        p.query_one("#tl-query", Input).focus()
        await pilot.press(*'"nav')
        await painted(pilot, p)
        assert p.has_class("-error")
        assert "unclosed quote" in str(p.query_one("#tl-error", Static).render())

    drive(snapshot_app(pact), scenario)


def test_zoom_in_and_out(pact: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await timeline(pilot)
        p = pane(app)
        listing = p.query_one(TimelineList)
        listing.focus()
        signing = next(e for e in p.events if e.date_start == "2024-03-13")
        assert listing.select_event(signing.id)
        await pilot.press("plus")
        await painted(pilot, p)
        assert p.zoom == "day" and p.result is not None and p.result.granularity == "day"
        assert p.query_one("#tl-from", Input).value == "2024-03"
        assert {e.date_start[:7] for e in p.events if e.date_start} == {"2024-03"}
        await pilot.press("minus")
        await painted(pilot, p)
        assert p.zoom == "month" and p.query_one("#tl-from", Input).value == ""
        await pilot.press("minus")
        await painted(pilot, p)
        assert p.zoom == "year" and p.result is not None and p.result.granularity == "year"
        assert p.result.histogram[0].period == "2019"

    drive(snapshot_app(pact), scenario)


def test_expand_a_story_shows_every_source_side_by_side(pact: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await timeline_story(pilot)
        p = pane(app)
        assert p.has_class("-story")
        panel = p.query_one(StoryPanel)
        assert panel.story is not None and len(panel.story.sources) == 3
        columns = panel.query(".story-column")
        assert len(columns) == 3
        assert len(panel.query(".-conflict")) == 2  # both sides of the disagreement
        text = " ".join(str(c.render()) for c in columns)
        assert "Harbor Post" in text and "13 March 2024" in text
        await pilot.press("s")
        assert not p.has_class("-story")

    drive(snapshot_app(pact), scenario)


def test_enter_opens_the_reader_at_the_sentence(pact: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await timeline(pilot)
        p = pane(app)
        listing = p.query_one(TimelineList)
        listing.focus()
        event = next(e for e in p.events if e.source == "Desert Daily" and e.resolved)
        listing.select_event(event.id)
        await pilot.press("enter")
        await settle(pilot, lambda: isinstance(app.screen, ReaderScreen))
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        await settle(pilot, lambda: screen.article is not None)
        assert screen.article is not None and screen.article.id == event.article_id
        body = str(screen.query_one("#reader-body", Static).render())
        assert event.text.split()[0] in body
        assert screen.query_one(ReaderPane).article is screen.article

    drive(snapshot_app(pact), scenario)


def test_timeline_requested_switches_tab_and_filters(pact: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await settle(pilot)
        app.main.search_pane.post_message(TimelineRequested("Halcyon"))
        p = pane(app)
        await settle(pilot, lambda: p.painted is not None and p.painted.entity == "Halcyon")
        assert app.main.query_one(TabbedContent).active == "timeline"
        assert p.query_one("#tl-entity", Input).value == "Halcyon"
        assert p.events and all("Halcyon" in e.entities for e in p.events)

    drive(snapshot_app(pact), scenario)


def test_stale_results_are_dropped(pact: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await timeline(pilot)
        p = pane(app)
        before = p.result
        stale = TimelineRequest(query="patrol")
        p.post_message(TimelinePane.Results(stale, pact.timeline("patrol")))
        await settle(pilot)
        assert p.result is before

    drive(snapshot_app(pact), scenario)


def test_export_writes_every_matching_event(pact: Corpus, tmp_path: Path) -> None:
    target = tmp_path / "events.json"

    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await timeline(pilot)
        p = pane(app)
        await type_into(pilot, p, "entity", "Port Amal")
        assert p.request is not None
        p._export(pact, p.request, ExportChoice(target, "json"))
        await settle(pilot, target.exists)

    drive(snapshot_app(pact), scenario)
    rows = json.loads(target.read_text(encoding="utf-8"))
    assert len(rows) == pact.timeline(entity="Port Amal").total
    assert {"date", "precision", "status", "source", "text", "cue", "story"} <= set(rows[0])
    assert any(r["conflict"] for r in rows)


def test_c_compares_two_sources_of_the_story(pact: Corpus) -> None:
    async def scenario(app: DefExploreApp, pilot: Pilot[int]) -> None:
        await timeline_story(pilot)
        p = pane(app)
        event = p.query_one(TimelineList).current
        assert event is not None and event.story
        await pilot.press("escape")  # close the story panel, keep the event highlighted
        await pilot.press("c")
        await settle(pilot, lambda: app.main.active_pane == "compare")
        compare = app.main.query_one(ComparePane)
        await settle(pilot, lambda: compare.a_id is not None and compare.b_id is not None)
        members = {e.article_id for e in pact.story_events(event.story)}
        assert compare.a_id == event.article_id
        assert compare.b_id in members and compare.b_id != event.article_id

    drive(snapshot_app(pact), scenario)
