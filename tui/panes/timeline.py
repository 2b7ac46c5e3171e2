"""The Timeline pane (placeholder until the timeline issue lands)."""

from __future__ import annotations

from defexplore.index.corpus import Corpus
from textual.widgets import Static

NOTE = (
    "Timeline will put the dated events reported in the corpus in order, grouped into"
    " stories, and flag sources that disagree on a date."
)


class TimelinePane(Static):
    """Dated events across sources, grouped into stories."""

    DEFAULT_CSS = """
    TimelinePane { height: 1fr; padding: 1 2; color: $text-muted; }
    """

    def __init__(self, corpus: Corpus, *, id: str | None = None) -> None:
        super().__init__(
            NOTE,
            id=id,
        )
        self.corpus = corpus

    def set_corpus(self, corpus: Corpus) -> None:
        """Use another corpus."""
        self.corpus = corpus

    def run_query(self) -> None:
        """Re-read the timeline (nothing to read yet)."""

    def show_entity(self, entity: str) -> None:
        """Filter to events naming `entity` (nothing to filter yet)."""
