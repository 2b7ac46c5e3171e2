"""Hold the app's repaints briefly, so a keystroke's echo and its results share one frame."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any

from textual.app import App


class PaintHold:
    """Suspends repaints (`App.batch_update`) from `hold()` until `release()` or `limit`
    seconds, whichever comes first.

    Why: Textual paints at most once per frame slot (1/60 s), and after a paint that
    follows a pause it skips ahead, so the next one comes 17 to 33 ms later. The search
    box's echo of a key took that paint, and the results, ready a few milliseconds
    after, waited for the next slot. Held, both go out in the first paint after the
    results, and nothing is drawn twice. The limit bounds how late the echo can be when
    a search is slow.
    """

    def __init__(self, app: App[Any], limit: float) -> None:
        self.app = app
        self.limit = limit
        self._batch: AbstractContextManager[None] | None = None
        self._holds = 0  # which hold a time limit belongs to

    @property
    def held(self) -> bool:
        """True while repaints are held."""
        return self._batch is not None

    def hold(self) -> None:
        """Hold repaints (again a no-op while held: the first limit stands)."""
        if self._batch is not None:
            return
        self._batch = self.app.batch_update()
        self._batch.__enter__()
        self._holds += 1
        hold = self._holds
        self.app.set_timer(self.limit, lambda: self._expire(hold), name="paint-hold")

    def _expire(self, hold: int) -> None:
        if hold == self._holds:  # the limit of an earlier hold, released since, is moot
            self.release()

    def release(self) -> None:
        """Let repaints through; what changed meanwhile is painted in the next frame."""
        batch, self._batch = self._batch, None
        if batch is None:
            return
        batch.__exit__(None, None, None)
        # Widgets that asked for a repaint during the hold are waiting on the screen,
        # which looks for them when idle: prompt it.
        self.app.screen.check_idle()
