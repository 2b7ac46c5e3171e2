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

    def _generation(self) -> int:
        """The article index's commit generation: derived data records the one it was
        built from, to tell when it fell behind."""
        return int(self.store.index.latest_generation())
