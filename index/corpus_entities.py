"""Corpus methods for entities: the corpus-wide alias table, listings and user edits."""

from __future__ import annotations

from .corpus_base import CorpusBase, ProgressFn


class EntitiesMixin(CorpusBase):
    """Entity listing and editing (filled in by the entities work)."""

    def _update_entities(self, notify: ProgressFn) -> None:
        """Rebuild the corpus-wide alias table after the articles changed."""
        return None
