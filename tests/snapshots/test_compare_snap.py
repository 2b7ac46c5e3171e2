"""Snapshots of the Compare pane (two seeds on one meeting, cursor on the first conflict)."""

from __future__ import annotations

from typing import Any

import pytest
from defexplore.index.corpus import Corpus
from defexplore.tui.screenshots import compare, snapshot_app


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["wide", "small"])
def test_compare_pane(snap_compare: Any, seeds: Corpus, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_app(seeds), terminal_size=size, run_before=compare)
