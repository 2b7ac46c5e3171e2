"""Finding input files (recursive, deterministic) and reading their bytes safely."""

from __future__ import annotations

import errno
import fnmatch
import hashlib
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from ..model import Problem
from .types import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, Source

# Files that sit in article folders but are not articles (notes about the folder itself).
# Only skipped during recursion: a file named explicitly is always read.
_NOT_ARTICLES = ("readme*", "license*", "licence*", "changelog*", "contributing*")


def file_hash(data: bytes) -> str:
    """The content hash used for change detection: sha256 hex, first 16 characters."""
    return hashlib.sha256(data).hexdigest()[:16]


def _matches(rel: str, patterns: Sequence[str]) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(name, p) for p in patterns)


def _oserror_reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if exc.errno == errno.ENOENT:
        return "file not found"
    return exc.strerror or str(exc)


class _Walker:
    """Recursive directory walk that reports loops, dangling links and unreadable folders."""

    def __init__(self, include: Sequence[str], exclude: Sequence[str]) -> None:
        self.include = tuple(include)
        self.exclude = tuple(exclude)
        self.sources: list[Source] = []
        self.problems: list[Problem] = []
        self.seen_files: set[tuple[int, int]] = set()

    def add_file(self, path: Path, root: Path, st: os.stat_result) -> None:
        key = (st.st_dev, st.st_ino)
        if key in self.seen_files:  # the same file reached twice (overlapping paths, links)
            return
        self.seen_files.add(key)
        self.sources.append(Source(path=path, root=root))

    def walk(self, directory: Path, root: Path, active: frozenset[tuple[int, int]]) -> None:
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError as exc:
            self.problems.append(Problem(str(directory), _oserror_reason(exc)))
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden files and folders (.git, editor swap files, ...)
            path = Path(entry.path)
            rel = path.relative_to(root).as_posix()
            if self.exclude and _matches(rel, self.exclude):
                continue
            try:
                st = path.stat()  # follows symlinks
            except OSError as exc:
                if entry.is_symlink():
                    reason = "symlink loop" if exc.errno == errno.ELOOP else "dangling symlink"
                else:
                    reason = _oserror_reason(exc)
                self.problems.append(Problem(str(path), reason))
                continue
            if stat.S_ISDIR(st.st_mode):
                key = (st.st_dev, st.st_ino)
                if key in active:
                    self.problems.append(Problem(str(path), "symlink loop"))
                    continue
                self.walk(path, root, active | {key})
            elif stat.S_ISREG(st.st_mode):
                if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                    continue  # unsupported types are ignored silently while recursing
                if _matches(rel.lower(), _NOT_ARTICLES):
                    continue
                if self.include and not _matches(rel, self.include):
                    continue
                self.add_file(path, root, st)


def discover(
    paths: Sequence[Path], include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> tuple[list[Source], list[Problem]]:
    """Expand files and folders into sources (recursive, sorted, deterministic).

    `include`/`exclude` are fnmatch globs tested on the path relative to the root and on
    the bare name; excluded folders are not entered. Files given explicitly are taken as
    they are, but reported when missing, unreadable or of an unsupported type.
    """
    walker = _Walker(include, exclude)
    for given in paths:
        path = Path(given).absolute()
        try:
            st = path.stat()
        except OSError as exc:
            if path.is_symlink():
                reason = "symlink loop" if exc.errno == errno.ELOOP else "dangling symlink"
            else:
                reason = _oserror_reason(exc)
            walker.problems.append(Problem(str(path), reason))
            continue
        # Resolved once here so that paths (and article paths) are canonical: the same
        # folder reached through a symlink or a relative path gives the same ids.
        path = path.resolve()
        if stat.S_ISDIR(st.st_mode):
            walker.walk(path, path, frozenset({(st.st_dev, st.st_ino)}))
        elif stat.S_ISREG(st.st_mode):
            if path.suffix.lower() not in SUPPORTED_SUFFIXES:
                supported = ", ".join(sorted(SUPPORTED_SUFFIXES))
                walker.problems.append(
                    Problem(
                        str(path),
                        f"unsupported file type {path.suffix or '(none)'!r}"
                        f" (supported: {supported})",
                    )
                )
                continue
            walker.add_file(path, path.parent, st)
        else:
            walker.problems.append(Problem(str(path), "not a regular file or folder"))
    return walker.sources, walker.problems


def read_source(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes | Problem:
    """Read a file's raw bytes once; a Problem when it is missing, unreadable or too large."""
    try:
        size = os.stat(path).st_size
        if size > max_bytes:
            return Problem(str(path), f"file too large ({size} bytes, limit {max_bytes})")
        with open(path, "rb") as handle:
            data = handle.read(max_bytes + 1)  # the file may have grown since stat
    except IsADirectoryError:
        return Problem(str(path), "is a folder, not a file")
    except OSError as exc:
        return Problem(str(path), _oserror_reason(exc))
    if len(data) > max_bytes:
        return Problem(str(path), f"file too large (over {max_bytes} bytes)")
    return data
