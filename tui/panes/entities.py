"""The Entities pane (placeholder until the entities issue lands)."""

from __future__ import annotations

from defexplore.index.corpus import Corpus
from textual.widgets import Static

NOTE = (
    "Entities will list the people, organisations, places and equipment named in the "
    "corpus, with counts, and the articles that mention each one."
)


class EntitiesPane(Static):
    """People, organisations, places and equipment across the corpus."""

    DEFAULT_CSS = """
    EntitiesPane { height: 1fr; padding: 1 2; color: $text-muted; }
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
