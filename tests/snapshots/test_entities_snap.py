"""Snapshots of the Entities pane on the seeds: people, with the top person's detail."""

from __future__ import annotations

from typing import Any

import pytest
from defexplore.index.corpus import Corpus
from defexplore.tui.screenshots import entities, snapshot_app


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["wide", "small"])
def test_entities_pane(snap_compare: Any, seeds: Corpus, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_app(seeds), terminal_size=size, run_before=entities)
