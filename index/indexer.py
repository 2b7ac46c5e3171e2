"""One ingest run: scan, hash, parse, diff against the index, extract, write.

Only what changed does any work: a file whose bytes hash the same as last time is not
even parsed, and inside a changed JSONL file only records whose own hash changed are
re-extracted. Extraction runs on article batches in worker processes, and a big run's
new documents are analysed and written by writer processes (see batch.py) while this
one parses, so one big JSONL file still uses both cores.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .batch import start_warm_server
from .ingest import RawArticle, Source, discover, file_hash, parse_stream, read_source
from .model import Event, Problem, Progress
from .pipeline import Analysis, analyze, to_document
from .store import Store, Stored

ProgressFn = Callable[[Progress], None]
_BATCH_BYTES = 64 * 1024 * 1024  # bytes of raw input held in memory at once
_EXTRACT_CHUNK = 32  # articles per worker task: big enough to batch NLP, small for progress
_NOTHING = Analysis(extracted=False)  # what an article without extraction carries


@dataclass
class Outcome:
    """What a run changed, plus the new events for the timeline index."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    @property
    def changed_ids(self) -> list[str]:
        """Articles whose derived data (events, entities) must be replaced."""
        return self.updated + self.removed


def _read_changed(
    sources: Sequence[Source],
    known: dict[str, tuple[str, list[str]]],
    max_bytes: int,
    out: Outcome,
    notify: ProgressFn,
) -> Iterator[list[tuple[Source, bytes, str]]]:
    """Read and hash each file; yield batches of the files whose bytes changed."""
    batch: list[tuple[Source, bytes, str]] = []
    size = 0
    for i, source in enumerate(sources, 1):
        notify(Progress("scan", i, len(sources), source.path.name))
        data = read_source(source.path, max_bytes)
        if isinstance(data, Problem):
            out.failed.append(data)
            continue
        digest = file_hash(data)
        prior = known.get(str(source.path.resolve()))
        if prior is not None and prior[0] == digest:
            out.unchanged.extend(prior[1])
            continue
        batch.append((source, data, digest))
        size += len(data)
        if size >= _BATCH_BYTES:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _in_process(
    chunks: list[list[RawArticle]], total: int, notify: ProgressFn
) -> Iterator[list[Analysis]]:
    done = 0
    for chunk in chunks:
        analyses = analyze(chunk)
        done += len(chunk)
        notify(Progress("extract", done, total))
        yield analyses


def _parse_files(
    files: list[tuple[Source, bytes, str]],
    manifest: dict[str, Stored],
    by_path: dict[str, list[str]],
    out: Outcome,
    delete: list[str],
    notify: ProgressFn,
) -> Iterator[tuple[RawArticle, str]]:
    """Parse changed files; yield each new or changed article with its file's hash."""
    for n, (source, data, digest) in enumerate(files, 1):
        notify(Progress("parse", n, len(files), source.path.name))
        seen: set[str] = set()
        for parsed in parse_stream(source, data):
            out.failed.extend(parsed.failed)
            out.warnings.extend(parsed.warnings)
            for raw in parsed.articles:
                seen.add(raw.id)
                prior = manifest.get(raw.id)
                if prior is not None and prior.hash == raw.hash and prior.path == raw.path:
                    out.unchanged.append(raw.id)
                    continue
                (out.updated if prior is not None else out.added).append(raw.id)
                if prior is not None:
                    delete.append(raw.id)
                yield raw, digest
        for old in by_path.get(str(source.path.resolve()), []):
            if old not in seen:
                out.removed.append(old)
                delete.append(old)


def run(
    store: Store,
    paths: Sequence[Path],
    *,
    include: Sequence[str],
    exclude: Sequence[str],
    prune: bool,
    max_bytes: int,
    extract: bool,
    workers: int,
    notify: ProgressFn,
) -> Outcome:
    """Bring the index in line with `paths`; the caller holds the store lock."""
    out = Outcome()
    sources, problems = discover(paths, include, exclude)
    out.failed.extend(problems)
    manifest = store.manifest()
    by_path: dict[str, list[str]] = {}
    for stored in manifest.values():
        by_path.setdefault(stored.path, []).append(stored.id)
    known = {s.path: (s.filehash, by_path[s.path]) for s in manifest.values()}
    pending: list[tuple[RawArticle, str]] = []
    delete: list[str] = []

    def fallback(message: str) -> None:
        notify(Progress("write", 0, None, message))

    # Imported here: the pool brings multiprocessing and threads, which a run without
    # extraction does not need.
    from .extract.pool import ExtractionPool

    pool: ExtractionPool | None = None
    sent = 0  # articles of `pending` given to the pool

    # One atomic commit for the whole run. Without extraction each document is handed to
    # the batch as soon as it is parsed, so writer processes analyse and write while this
    # one goes on parsing; with it, chunks go to the extraction pool as they are parsed
    # (from the second one on: one chunk alone is done here) and documents follow the
    # pool's results.
    with contextlib.ExitStack() as stack, store.batch(procs=workers, notify=fallback) as batch:
        for files in _read_changed(sources, known, max_bytes, out, notify):
            for raw, digest in _parse_files(files, manifest, by_path, out, delete, notify):
                if not extract:
                    batch.add(to_document(raw, digest, _NOTHING))
                    continue
                pending.append((raw, digest))
                if workers > 1 and len(pending) - sent > _EXTRACT_CHUNK:
                    if pool is None:
                        start_warm_server()  # loads the model while this process parses
                        pool = ExtractionPool(workers)
                        stack.callback(pool.close)  # an interrupted run stops the workers
                    pool.submit([r for r, _ in pending[sent : sent + _EXTRACT_CHUNK]])
                    sent += _EXTRACT_CHUNK
        if prune:
            removed = set(out.removed)
            for path, ids in by_path.items():
                if not os.path.exists(path):
                    gone = [i for i in ids if i not in removed]
                    out.removed.extend(gone)
                    delete.extend(gone)
        if pending:
            raws = [raw for raw, _ in pending[sent:]]
            rest = [raws[i : i + _EXTRACT_CHUNK] for i in range(0, len(raws), _EXTRACT_CHUNK)]
            chunks: Iterator[list[Analysis]]
            if pool is None:
                chunks = _in_process(rest, len(pending), notify)
            else:
                for chunk in rest:
                    pool.submit(chunk)
                total = len(pending)

                def progress(done: int, message: str | None) -> None:
                    notify(Progress("extract", done, total, message or ""))

                chunks = pool.results(progress)
            analyses = (a for chunk in chunks for a in chunk)
            for (raw, digest), analysis in zip(pending, analyses, strict=True):
                out.events.extend(analysis.events)
                batch.add(to_document(raw, digest, analysis))
        for doc_id in delete:
            batch.delete(doc_id)
        if batch.count or batch.deleted:
            notify(Progress("write", 0, batch.count))
    if batch.count or batch.deleted:
        notify(Progress("write", batch.count, batch.count))
    return out
