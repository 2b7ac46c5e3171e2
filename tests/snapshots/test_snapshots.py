"""Snapshot tests: every pane at 120x40 and 80x24, replaying the screenshot script's flows.

Regenerate after an intended visual change with `pytest tests/snapshots --snapshot-update`
and look at the report before committing the new SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from defexplore.index.corpus import Corpus
from defexplore.tui.screenshots import FLOWS, SIZES, snapshot_app


@pytest.mark.parametrize("size", sorted(SIZES))
@pytest.mark.parametrize("flow", list(FLOWS))
def test_pane_snapshot(
    flow: str, size: str, seeds: Corpus, snap_compare: Callable[..., bool]
) -> None:
    run_before: Any = FLOWS[flow]
    assert snap_compare(snapshot_app(seeds), terminal_size=SIZES[size], run_before=run_before)
