"""The Compare pane (placeholder until the compare issue lands)."""

from __future__ import annotations

from defexplore.index.corpus import Corpus
from textual.widgets import Static

NOTE = (
    "Compare will set two articles side by side (mark them with a and b in the "
    "reader) and show shared passages, differences and conflicting details."
)


class ComparePane(Static):
    """Two articles side by side: shared passages, differences and conflicts."""

    DEFAULT_CSS = """
    ComparePane { height: 1fr; padding: 1 2; color: $text-muted; }
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

    def show_marks(self, a_id: str | None, b_id: str | None) -> bool:
        """Show the sides marked in the reader; False when nothing changed."""
        if (a_id, b_id) == getattr(self, "_marks", (None, None)):
            return False
        self._marks = (a_id, b_id)
        sides = ", ".join(f"{s}: {v}" for s, v in (("A", a_id), ("B", b_id)) if v)
        self.update(f"{NOTE}\n\nMarked so far: {sides}" if sides else NOTE)
        return True

    def compare(self, a_id: str, b_id: str) -> None:
        """Compare two articles (only remembered until the Compare issue lands)."""
        self.show_marks(a_id, b_id)
