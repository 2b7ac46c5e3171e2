"""Extraction on worker processes, fed while the ingest goes on parsing.

The workers are forked from the warm fork server (batch.warm_context), which needs ~2 s
to import spaCy and load the model. Handing a first chunk to a process pool blocks until
a worker exists, so chunks are handed over by a feeder thread: the ingest keeps parsing
while the server loads, and the workers start on the chunks parsed meanwhile. Results
come back in the order the chunks were given.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..batch import warm_context
from ..ingest import RawArticle
from ..pipeline import Analysis, analyze

# Called with the number of articles done so far, and a message when something went wrong.
Notify = Callable[[int, str | None], None]


class ExtractionPool:
    """`submit` chunks of articles, then read their analyses in order from `results`."""

    def __init__(self, workers: int) -> None:
        self._executor = ProcessPoolExecutor(max_workers=workers, mp_context=warm_context())
        self._chunks: list[list[RawArticle]] = []
        self._futures: list[Future[list[Analysis]] | None] = []  # None: could not submit
        self._inbox: queue.SimpleQueue[list[RawArticle] | None] = queue.SimpleQueue()
        self._feeder = threading.Thread(target=self._feed, name="extract-feeder", daemon=True)
        self._feeder.start()

    def _feed(self) -> None:
        broken = False
        while (chunk := self._inbox.get()) is not None:
            future: Future[list[Analysis]] | None = None
            if not broken:
                try:
                    future = self._executor.submit(analyze, chunk)
                except (BrokenProcessPool, RuntimeError):  # broken, or shut down by close()
                    broken = True
            self._futures.append(future)

    def submit(self, chunk: list[RawArticle]) -> None:
        """Queue one chunk for the workers; never blocks."""
        self._chunks.append(chunk)
        self._inbox.put(chunk)

    def results(self, notify: Notify) -> Iterator[list[Analysis]]:
        """The analyses of every submitted chunk, in order. Chunks the workers could not
        do (they failed to start or died) are analysed in this process instead."""
        self._inbox.put(None)
        self._feeder.join()
        done = 0
        broken = broken_said = False
        for chunk, future in zip(self._chunks, self._futures, strict=True):
            analyses: list[Analysis] | None = None
            message = None
            if future is not None and not broken:
                try:
                    analyses = future.result()
                except BrokenProcessPool:
                    # Workers could not start or died (e.g. spawn cannot re-import a
                    # __main__ read from stdin, or memory ran out): finish here rather
                    # than lose the ingest.
                    broken = True
            if analyses is None:  # the workers failed: this chunk and the rest are done here
                message = None if broken_said else "worker processes failed; continuing"
                broken = broken_said = True
                analyses = analyze(chunk)
            done += len(chunk)
            notify(done, message)
            yield analyses
        self.close()

    def close(self) -> None:
        """Stop the workers; chunks not yet done are dropped."""
        self._inbox.put(None)
        self._feeder.join()
        self._executor.shutdown(wait=True, cancel_futures=True)
