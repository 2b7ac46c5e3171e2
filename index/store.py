"""The Whoosh article index: schema, opening, locking and atomic batched writes.

Whoosh commits atomically (a new table of contents replaces the old one last), so a
crash mid-write leaves the last committed state. On top of that we hold a corpus-level
lock file carrying the writer's PID, so a lock left by a killed process is recognised
as stale and recovered instead of blocking the next ingest forever.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from whoosh import index as windex
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.index import Index

from . import lazyfile
from .analysis import arabic, english, french, plain
from .model import ENTITY_TYPES

if TYPE_CHECKING:
    from .batch import Batch

lazyfile.install()

SCHEMA_VERSION = 1
ARTICLES = "articles"
META_FILE = "corpus.json"
LOCK_FILE = "ingest.lock"


class StoreError(Exception):
    """The index cannot be opened or written; the message says why and what to do."""


def build_schema() -> Schema:
    """The article index schema.

    Only the title and the per-language body fields are scored; everything used for
    filters and facets is an unscored ID/KEYWORD or a sortable column, which keeps
    queries cheap at 100k documents.
    """
    fields: dict[str, Any] = {
        "id": ID(stored=True, unique=True),
        "path": ID(stored=True),
        "filehash": ID(stored=True),
        "hash": ID(stored=True),
        "title": TEXT(stored=True, analyzer=english(), field_boost=2.0),
        "body": TEXT(analyzer=english()),
        "body_fr": TEXT(analyzer=french()),
        "body_ar": TEXT(analyzer=arabic()),
        "text": STORED(),
        "captions": TEXT(stored=True, analyzer=english()),
        "source": TEXT(stored=True, analyzer=plain()),
        "source_key": ID(sortable=True),
        "url": ID(stored=True),
        "author": TEXT(stored=True, analyzer=plain()),
        "published": ID(stored=True),
        "precision": STORED(),
        "pubnum": NUMERIC(int, bits=32, sortable=True, signed=False),
        "year": ID(sortable=True),
        "language": ID(stored=True, sortable=True),
        "mentions": STORED(),
    }
    for etype in ENTITY_TYPES:
        fields[etype] = KEYWORD(commas=True, scorable=True)
    return Schema(**fields)


def pubnum(published: str | None) -> int:
    """Sortable integer YYYYMMDD for an ISO date of any precision (0 when unknown)."""
    if not published:
        return 0
    parts = [*published.split("-"), "01", "01"][:3]
    try:
        return int(parts[0]) * 10000 + int(parts[1]) * 100 + int(parts[2])
    except ValueError:
        return 0


@dataclass(frozen=True)
class Stored:
    """What the index remembers of one article, for incremental re-ingest."""

    id: str
    path: str
    filehash: str
    hash: str


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def read_json_object(path: Path) -> dict[str, Any]:
    """A JSON object from a sidecar file; {} when it is missing, unreadable or not an object."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def write_json_atomic(path: Path, data: Any) -> None:
    """Write JSON next to `path` and rename it in place, so readers never see half a file."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    # No indent: with one, json falls back to its pure-Python encoder, which made writing
    # the alias sidecar a visible part of an ingest. Machine files; a viewer can indent.
    tmp.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


class Store:
    """An article index in one corpus directory."""

    def __init__(self, root: Path, *, create: bool = True) -> None:
        self.root = root
        self.dir = root / ARTICLES
        self.messages: list[str] = []
        self.index = self._open(create)

    def _open(self, create: bool) -> Index:
        meta = self.root / META_FILE
        if self.dir.exists() and windex.exists_in(str(self.dir)):
            version = self._meta().get("schema_version")
            if version != SCHEMA_VERSION:
                raise StoreError(
                    f"index at {self.dir} has schema version {version}, this defexplore "
                    f"needs {SCHEMA_VERSION}: run `defexplore index --rebuild PATH...`"
                )
            try:
                return windex.open_dir(str(self.dir))
            except Exception as exc:  # whoosh raises many kinds on a damaged index
                raise StoreError(f"cannot open index at {self.dir}: {exc}") from exc
        if not create:
            raise StoreError(f"no index at {self.root}: run `defexplore index PATH...` first")
        self.dir.mkdir(parents=True, exist_ok=True)
        index = windex.create_in(str(self.dir), build_schema())
        write_json_atomic(meta, {"schema_version": SCHEMA_VERSION})
        return index

    def _meta(self) -> dict[str, Any]:
        return read_json_object(self.root / META_FILE)

    def reset(self) -> None:
        """Drop every document and recreate an empty index (for --rebuild)."""
        self.index.close()
        shutil.rmtree(self.dir, ignore_errors=True)
        self.index = self._open(create=True)

    def manifest(self) -> dict[str, Stored]:
        """Every stored article's id, path and hashes, keyed by id."""
        out: dict[str, Stored] = {}
        with self.index.searcher() as s:
            for fields in s.all_stored_fields():
                out[fields["id"]] = Stored(
                    fields["id"], fields["path"], fields["filehash"], fields["hash"]
                )
        return out

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the corpus write lock; a lock whose owner is dead is reported and taken over."""
        lock = self.root / LOCK_FILE
        for _ in range(2):
            try:
                fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
            except FileExistsError:
                try:
                    pid = int(lock.read_text().strip() or "0")
                except (OSError, ValueError):
                    pid = 0
                if pid and _pid_alive(pid):
                    raise StoreError(
                        f"corpus {self.root.name} is being written by process {pid}; "
                        "try again when it finishes"
                    ) from None
                self.messages.append(
                    f"recovered a stale lock left by process {pid or '?'} "
                    "(killed during a write); the last committed state is intact"
                )
                lock.unlink(missing_ok=True)
                continue
            with os.fdopen(fd, "w") as fh:
                fh.write(str(os.getpid()))
            break
        try:
            yield
        finally:
            lock.unlink(missing_ok=True)

    @contextlib.contextmanager
    def batch(
        self, *, procs: int = 0, notify: Callable[[str], None] | None = None
    ) -> Iterator[Batch]:
        """A `Batch` of deletes and adds committed atomically when the block ends.

        With `procs` >= 2 and enough documents, the adds are analysed and written by that
        many worker processes while the caller goes on producing documents. An exception
        cancels the batch: the index keeps its last committed state.
        """
        # Imported here: only ingest writes, and opening a corpus to search should not
        # pay for the multiprocessing machinery.
        from .batch import Batch

        batch = Batch(self.index, procs=procs, limitmb=256, notify=notify)
        try:
            yield batch
        except BaseException:
            batch.cancel()
            raise
        try:
            batch.commit()
        except BaseException:
            batch.cancel()
            raise

    def size_bytes(self) -> int:
        """Bytes used by the index files."""
        return sum(p.stat().st_size for p in self.dir.iterdir() if p.is_file())

    def close(self) -> None:
        """Release the index."""
        self.index.close()
