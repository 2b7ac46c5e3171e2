"""One atomic commit to the article index, its new documents analysed on both cores.

Whoosh is pure Python: analysing a document and sorting and writing its postings is most
of an ingest without extraction. A Whoosh commit can list several new segments, so
worker processes each write a segment of their share of the new documents (without the
index lock, which this process holds) while this process goes on parsing, and the commit
writes one table of contents naming the old segments (with their deletions) and the new
ones. Until that file is written nobody sees the new segments, so a crash leaves the last
committed state; the files of an unfinished segment are referenced by no table of
contents, and Whoosh deletes them at the next commit.

Documents go round-robin to the workers in fixed-size chunks, so the same input gives the
same segments and document order (ties in ranked and sorted results stay stable).

Whoosh's own MpWriter does this too, but forks (unsafe from the app's ingest thread) and
passes every document through a pickled temporary file; on 2,000 Reuters articles it took
more CPU and more wall time than one process.

Worker processes are spawned (a fresh interpreter each), except after an ingest with
extraction started the warm fork server (`start_warm_server`): then writers are forked
from it like the extraction workers, with Whoosh and the model already loaded, which
saves each of them an interpreter start and the imports.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
import threading
import traceback
from collections.abc import Callable, Mapping
from multiprocessing import forkserver
from multiprocessing.connection import wait
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any, Union

from whoosh import index as windex
from whoosh.index import Index
from whoosh.writing import SegmentWriter

if TYPE_CHECKING:  # ForkServerContext does not exist on Windows
    from multiprocessing.context import ForkServerContext, SpawnContext

Doc = Mapping[str, Any]
Context = Union["ForkServerContext", "SpawnContext"]

PARALLEL_MIN_DOCS = 400
"""Fewer new documents than this are written in this process: starting the workers
(a Python interpreter and Whoosh each) costs more than they would save."""

_CHUNK = 64  # documents per message: amortises pickling, keeps both workers busy
_QUEUED = 8  # chunks waiting per worker: bounds memory when parsing outruns writing
_POLL = 0.25  # seconds between checks that the workers are still alive
# Whoosh's posting buffer per worker (its estimate, close to the real memory) before it
# spills sorted runs to disk and merges them at the end: 256 MB keeps ~1.5M postings,
# about 18k Reuters-sized articles, in memory, so a 21.5k corpus never spills.
_WORKER_LIMIT_MB = 256


_WARM_MODULE = "defexplore.index.extract.warm"
_warm_started = False


def warm_context() -> Context:
    """Where extraction workers come from: a fork server that preloads `extract.warm`.

    Not plain fork: the app ingests from a thread, and forking a threaded process can
    deadlock the child. A fork server is a fresh single-threaded process that imports the
    model and the extraction tables once; workers forked from it start warm, where each
    spawned worker would spend ~2 s of CPU loading the same. Spawn where there is no fork
    server (Windows).
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([_WARM_MODULE])
    return ctx


def start_warm_server() -> None:
    """Start the warm fork server now (it loads while the caller goes on); idempotent.

    The server lives as long as this process, so a later ingest starts warm at once.
    """
    global _warm_started
    if warm_context().get_start_method() == "forkserver":
        forkserver.ensure_running()
        _warm_started = True


def warm_server_started() -> bool:
    """Whether an ingest in this process started the warm fork server."""
    return _warm_started


def writer_context() -> Context:
    """Where writer processes come from: the warm fork server once it runs, else spawn.

    A run without extraction never starts the server just for its writers: loading the
    model would cost more than the spawned interpreters it saves.
    """
    return warm_context() if _warm_started else multiprocessing.get_context("spawn")


class _Lengths:
    """Field lengths per document, each read once while a segment's postings are written.

    Whoosh asks for the length of the document of every posting (for its block length
    bounds) and reads it from the lengths column each time, with a file-existence check
    for fields that have none: a quarter of a commit's CPU time on Reuters articles.
    """

    def __init__(self, reader: Any, docs: int, schema: Any) -> None:
        self._reader = reader
        self._docs = docs
        # Unscored fields store no lengths: Whoosh would stat a missing file per posting.
        self._unscored = {name for name, field in schema.items() if not field.scorable}
        self._by_field: dict[str, list[Any]] = {}

    def doc_field_length(self, docnum: int, fieldname: str, default: int = 0) -> Any:
        if fieldname in self._unscored:
            return default
        lengths = self._by_field.get(fieldname)
        if lengths is None:
            get = self._reader.doc_field_length
            lengths = [get(d, fieldname, default) for d in range(self._docs)]
            self._by_field[fieldname] = lengths
        return lengths[docnum]


class LengthCachingWriter(SegmentWriter):  # type: ignore[misc]
    """Whoosh's segment writer with field lengths read once per field at the flush."""

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        reader = self.per_document_reader() if self.codec.length_stats else None
        lengths = _Lengths(reader, self.docnum, self.schema) if reader is not None else None
        try:
            self.fieldwriter.add_postings(self.schema, lengths, self.pool.iter_postings())
        finally:
            self.fieldwriter.close()
            if reader is not None:
                reader.close()


class WriterFailed(Exception):
    """A writer process failed after it started; nothing was committed."""


def _exit_with_parent() -> None:
    """End this worker as soon as its parent dies (e.g. killed), wherever it is blocked.

    A worker holds both ends of its queue's pipe, so a dead parent gives no end-of-file,
    and a parent killed halfway through sending a chunk would leave it waiting forever.
    Its unfinished segment files are referenced by nothing and go at the next commit.
    """
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _write_segment(index_dir: str, slot: int, jobs: Any, results: Any) -> None:
    """Worker: add every chunk it is sent to one new segment and hand the segment back."""
    _exit_with_parent()
    try:
        ix = windex.open_dir(index_dir)
        # No lock: the parent holds the index's write lock for the whole commit.
        writer = LengthCachingWriter(ix, _lk=False, limitmb=_WORKER_LIMIT_MB)
        results.put(("ready", slot, None))
        count = 0
        while (chunk := jobs.get()) is not None:
            for doc in chunk:
                writer.add_document(**doc)
            count += len(chunk)
        if count:
            results.put(("done", slot, writer._finalize_segment()))
        else:
            writer._close_segment()
            results.put(("done", slot, None))
    except BaseException:  # reported to the parent, which decides what to do
        results.put(("error", slot, traceback.format_exc()))


class Batch:
    """Deletes and adds that become visible together at `commit`, or not at all."""

    def __init__(
        self,
        index: Index,
        *,
        procs: int = 0,
        limitmb: int = 256,
        notify: Callable[[str], None] | None = None,
    ) -> None:
        self._index = index
        self._limitmb = limitmb
        self._writer_: SegmentWriter | None = None
        self._procs = procs if procs >= 2 else 0
        self._notify = notify or (lambda _message: None)
        self._buffer: list[Doc] = []  # documents not yet given to a writer
        self._workers: list[BaseProcess] = []
        self._jobs: list[Any] = []
        self._results: Any = None
        self._ready: set[int] = set()
        self._done: dict[int, Any] = {}
        self._turn = 0
        self._sent = False
        self.count = 0
        self.deleted = 0

    @property
    def _writer(self) -> SegmentWriter:
        # Opened on first use: a run that changes nothing takes no lock and leaves no files.
        if self._writer_ is None:
            self._writer_ = LengthCachingWriter(self._index, limitmb=self._limitmb)
        return self._writer_

    # -- public ----------------------------------------------------------------------
    def delete(self, doc_id: str, field: str = "id") -> None:
        """Delete the committed documents whose `field` is `doc_id` (documents added here
        are not affected)."""
        self._writer.delete_by_term(field, doc_id)
        self.deleted += 1

    def add(self, doc: Doc) -> None:
        """Add one document."""
        writer = self._writer  # opened (and locked) before any work is given out
        self.count += 1
        if not self._procs:
            writer.add_document(**doc)
            return
        self._buffer.append(doc)
        if not self._workers:
            if len(self._buffer) >= PARALLEL_MIN_DOCS:
                self._start()
            return
        if len(self._ready) < len(self._workers):
            # Keep parsing while the workers start; give up on them if they cannot.
            self._poll(block=False)
            if len(self._ready) < len(self._workers):
                return
        while len(self._buffer) >= _CHUNK:
            self._send(self._buffer[:_CHUNK])
            del self._buffer[:_CHUNK]

    def commit(self, mergetype: Callable[..., Any] | None = None) -> int:
        """Make every delete and add visible in one new table of contents.

        `mergetype` is Whoosh's merge policy (e.g. `writing.CLEAR` to drop every older
        segment); by default small segments are merged as Whoosh does.
        """
        if not self.count and not self.deleted:
            self.cancel()  # nothing to commit: no new generation for readers to reload
            return 0
        if not self._workers:
            for doc in self._buffer:
                self._writer.add_document(**doc)
            self._buffer.clear()
            self._writer.commit(mergetype=mergetype)
            return self.count
        while len(self._ready) < len(self._workers):
            self._poll(block=True)
        if not self._workers:  # they failed to start: _poll fell back to this process
            return self.commit(mergetype)
        for i in range(0, len(self._buffer), _CHUNK):
            self._send(self._buffer[i : i + _CHUNK])
        self._buffer.clear()
        for slot in range(len(self._jobs)):
            self._put(slot, None)
        while len(self._done) < len(self._workers):
            self._poll(block=True)
        writer = self._writer
        # The same steps as SegmentWriter.commit, with the workers' segments added: the
        # merge policy may fold small old segments into this writer's own segment.
        segments = writer._merge_segments(mergetype, None, None)
        if writer._added:
            segments.append(writer._finalize_segment())
        else:
            writer._close_segment()
        segments.extend(s for _, s in sorted(self._done.items()) if s is not None)
        writer._commit_toc(segments)
        writer._finish()
        self._stop(graceful=True)
        return self.count

    def cancel(self) -> None:
        """Drop everything; the index keeps its last committed state."""
        self._stop(graceful=False)
        if self._writer_ is not None and not self._writer_.is_closed:
            self._writer_.cancel()

    # -- workers ---------------------------------------------------------------------
    def _start(self) -> None:
        # Not plain fork: the app ingests from a thread, and forking a threaded process
        # can deadlock the child (see writer_context).
        ctx = writer_context()
        self._results = ctx.Queue()
        index_dir = str(self._index.storage.folder)
        for slot in range(self._procs):
            jobs = ctx.Queue(maxsize=_QUEUED)
            proc = ctx.Process(
                target=_write_segment, args=(index_dir, slot, jobs, self._results), daemon=True
            )
            proc.start()
            self._jobs.append(jobs)
            self._workers.append(proc)

    def _send(self, chunk: list[Doc]) -> None:
        self._sent = True
        self._put(self._turn, chunk)
        self._turn = (self._turn + 1) % len(self._jobs)

    def _put(self, slot: int, item: list[Doc] | None) -> None:
        while True:
            try:
                self._jobs[slot].put(item, timeout=_POLL)
                return
            except queue.Full:
                self._poll(block=False)

    def _poll(self, *, block: bool) -> None:
        """Take the workers' messages; notice a worker that died without one."""
        try:
            self._handle(self._results.get(block, _POLL))
            return
        except queue.Empty:
            pass
        dead = [
            slot
            for slot, proc in enumerate(self._workers)
            if slot not in self._done and not proc.is_alive()
        ]
        if not dead:
            return
        try:
            # A worker exits right after its last message, which is in the pipe by then:
            # read it before calling the worker failed.
            self._handle(self._results.get(timeout=1.0))
        except queue.Empty:
            self._failed(dead[0], f"exit code {self._workers[dead[0]].exitcode}")

    def _handle(self, message: tuple[str, int, Any]) -> None:
        kind, slot, value = message
        if kind == "ready":
            self._ready.add(slot)
        elif kind == "done":
            self._done[slot] = value
        else:
            self._failed(slot, str(value))

    def _failed(self, slot: int, why: str) -> None:
        if self._sent:
            # Documents are already in a worker's unfinished segment: give up cleanly.
            self.cancel()
            raise WriterFailed(f"index writer process {slot} failed; nothing was committed: {why}")
        # Workers could not start (e.g. spawn cannot re-import a __main__ read from stdin)
        # and nothing was sent yet, so this process writes everything instead.
        self._stop(graceful=False)
        self._procs = 0
        self._notify("writer processes failed to start; writing in this process")
        for doc in self._buffer:
            self._writer.add_document(**doc)
        self._buffer.clear()

    def _stop(self, *, graceful: bool) -> None:
        for proc in self._workers:
            if graceful:
                proc.join(timeout=10)
            if proc.is_alive():
                proc.terminate()
                proc.join()
        for jobs in self._jobs:
            if not graceful:
                jobs.cancel_join_thread()  # unread chunks must not block our exit
            jobs.close()
        if self._results is not None:
            self._results.close()
        self._workers, self._jobs, self._results = [], [], None
        self._ready.clear()
        self._done.clear()
