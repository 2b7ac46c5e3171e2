"""The help screen lists every single-key binding of each pane."""

from __future__ import annotations

import re

import pytest
from defexplore.tui.panes.compare import ComparePane
from defexplore.tui.panes.entities import EntitiesPane
from defexplore.tui.panes.timeline import TimelinePane
from defexplore.tui.screens.help import KEYS
from textual.binding import Binding
from textual.widget import Widget


def _listed(section: str) -> set[str]:
    rows = dict(KEYS)[section]
    return {tok for keys, _what in rows for tok in re.split(r"[\s/,]+", keys) if tok}


@pytest.mark.parametrize(
    "section, pane",
    [("Entities", EntitiesPane), ("Timeline", TimelinePane), ("Compare", ComparePane)],
)
def test_every_letter_binding_is_in_the_help(section: str, pane: type[Widget]) -> None:
    listed = _listed(section)
    bound = {
        key
        for b in pane.BINDINGS
        if isinstance(b, Binding)
        for key in b.key.split(",")
        if len(key) == 1
    }
    assert bound, f"{pane.__name__} has no single-key bindings"
    assert bound <= listed, f"missing from the {section} help: {sorted(bound - listed)}"
