"""What the Corpus mixins may rely on: the attributes `Corpus` sets up for them."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from .model import Progress

if TYPE_CHECKING:
    from . import search as searching
    from .store import Store

ProgressFn = Callable[[Progress], None]


class CorpusBase:
    """Shared state: the corpus directory, its article store, the lock and the searcher."""

    name: str
    root: Path
    store: Store
    _lock: threading.RLock

    def _searching(self) -> searching.SearchSession:
        raise NotImplementedError

    def _refresh(self) -> None:
        raise NotImplementedError

    def _commit_key(self) -> str:
        """Changes with every commit to the article index, and with a rebuild (which starts
        the generations again): what cached and derived data record to tell when they
        fell behind."""
        index = self.store.index
        gen = index.latest_generation()
        toc = self.store.dir / f"_{getattr(index, 'indexname', 'MAIN')}_{gen}.toc"
        try:
            stamp = toc.stat().st_mtime_ns
        except OSError:
            stamp = 0
        return f"{gen}:{stamp}:{index.doc_count()}"
