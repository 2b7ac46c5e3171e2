"""Corpus methods for the timeline: the events index, stories and date conflicts."""

from __future__ import annotations

from collections.abc import Sequence

from .corpus_base import CorpusBase, ProgressFn
from .model import Event


class TimelineMixin(CorpusBase):
    """Timeline queries (filled in by the timeline work)."""

    def _update_events(
        self, events: Sequence[Event], changed: Sequence[str], rebuild: bool, notify: ProgressFn
    ) -> None:
        """Replace the events of changed articles, add new ones, and regroup stories."""
        return None
