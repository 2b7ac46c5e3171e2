"""Corpus methods for comparing articles: side by side, similar kinds, duplicates."""

from __future__ import annotations

from .corpus_base import CorpusBase


class CompareMixin(CorpusBase):
    """Comparison queries (filled in by the compare work)."""
