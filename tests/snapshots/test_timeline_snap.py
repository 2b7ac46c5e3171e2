"""Snapshots of the Timeline pane on the seeds: the grouped list, and a story expanded."""

from __future__ import annotations

from typing import Any

import pytest
from defexplore.index.corpus import Corpus
from defexplore.tui.screenshots import snapshot_app
from defexplore.tui.timeline_shots import timeline, timeline_story


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["wide", "small"])
def test_timeline_pane(snap_compare: Any, seeds: Corpus, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_app(seeds), terminal_size=size, run_before=timeline)


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["wide", "small"])
def test_timeline_story_expanded(snap_compare: Any, seeds: Corpus, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_app(seeds), terminal_size=size, run_before=timeline_story)
