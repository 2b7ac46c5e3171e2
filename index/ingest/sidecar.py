"""Sidecar metadata: an INDEX.tsv or metadata.csv beside the articles, mapping files to facts.

A sidecar row wins over anything guessed from the text. Reads are cached per folder (and
invalidated when the sidecar changes) so that parsing stays a cheap, pure-ish function.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .dates import DateValue, parse_date
from .types import Source

SIDECAR_NAMES = ("index.tsv", "metadata.tsv", "metadata.csv", "index.csv")
"""Sidecar file names, matched case-insensitively, in order of preference."""

_COLUMNS: dict[str, tuple[str, ...]] = {
    "file": ("file", "filename", "file_name", "path", "name"),
    "url": ("url", "link", "source_url", "href"),
    "source": ("outlet", "source", "site", "site_name", "publisher", "media"),
    "language": ("language", "lang"),
    "published": ("publication_date", "published", "date", "pubdate", "published_at"),
    "title": ("title", "headline"),
    "author": ("author", "authors", "byline"),
}
_URL_TITLE_PREFIX = "[from url]"


@dataclass(frozen=True)
class SidecarEntry:
    """Known facts about one file; None means unknown (an empty cell)."""

    url: str | None = None
    source: str | None = None
    language: str | None = None
    published: str | None = None
    title: str | None = None
    author: str | None = None


def _cell(row: dict[str, str | None], names: tuple[str, ...]) -> str | None:
    for name in names:
        value = row.get(name)
        if value is not None and value.strip():
            return value.strip()
    return None


def _title(value: str | None) -> str | None:
    # "[from URL] ..." marks a title rebuilt from the URL slug: keep the words, drop the tag.
    if value and value.lower().startswith(_URL_TITLE_PREFIX):
        value = value[len(_URL_TITLE_PREFIX) :].strip()
    return value or None


def parse_sidecar(text: str, delimiter: str) -> dict[str, SidecarEntry]:
    """Parse a sidecar's text into entries keyed by the file name it gives (posix)."""
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    if reader.fieldnames is None:
        return {}
    reader.fieldnames = [(f or "").strip().lower() for f in reader.fieldnames]
    entries: dict[str, SidecarEntry] = {}
    for row in reader:
        name = _cell(row, _COLUMNS["file"])
        if not name:
            continue
        language = _cell(row, _COLUMNS["language"])
        entries[name.replace("\\", "/").removeprefix("./")] = SidecarEntry(
            url=_cell(row, _COLUMNS["url"]),
            source=_cell(row, _COLUMNS["source"]),
            language=language.lower()[:2] if language else None,
            published=_cell(row, _COLUMNS["published"]),
            title=_title(_cell(row, _COLUMNS["title"])),
            author=_cell(row, _COLUMNS["author"]),
        )
    return entries


@lru_cache(maxsize=256)
def _load(path: str, mtime_ns: int, size: int) -> dict[str, SidecarEntry]:
    del mtime_ns, size  # part of the cache key only: a changed sidecar is read again
    try:
        with open(path, encoding="utf-8-sig", errors="replace", newline="") as handle:
            text = handle.read()
    except OSError:
        return {}
    delimiter = "\t" if path.lower().endswith(".tsv") else ","
    try:
        return parse_sidecar(text, delimiter)
    except csv.Error:
        return {}


@lru_cache(maxsize=1024)
def _sidecar_paths(directory: str, mtime_ns: int) -> tuple[str, ...]:
    # Keyed on the folder's mtime: adding or removing a sidecar changes it.
    del mtime_ns
    try:
        names = {entry.name.lower(): entry.path for entry in os.scandir(directory)}
    except OSError:
        return ()
    return tuple(names[n] for n in SIDECAR_NAMES if n in names)


@lru_cache(maxsize=256)
def _merged(keys: tuple[tuple[str, int, int], ...]) -> dict[str, SidecarEntry]:
    merged: dict[str, SidecarEntry] = {}
    for path, mtime_ns, size in reversed(keys):  # earlier names win
        merged.update(_load(path, mtime_ns, size))
    return merged


def sidecar_for_dir(directory: Path) -> dict[str, SidecarEntry]:
    """The merged sidecar entries of one folder ({} when it has none)."""
    try:
        mtime = os.stat(directory).st_mtime_ns
    except OSError:
        return {}
    keys = []
    for path in _sidecar_paths(str(directory), mtime):
        try:
            st = os.stat(path)
        except OSError:
            continue
        keys.append((path, st.st_mtime_ns, st.st_size))
    return _merged(tuple(keys)) if keys else {}


def lookup(source: Source) -> SidecarEntry | None:
    """The sidecar entry for a source file, searching its folder then parents up to the root."""
    directory = source.path.parent
    root = source.root
    while True:
        entries = sidecar_for_dir(directory)
        if entries:
            rel = source.path.relative_to(directory).as_posix()
            entry = entries.get(rel)
            if entry is None and directory == source.path.parent:
                entry = entries.get(source.path.name)
            if entry is not None:
                return entry
        if directory == root or directory.parent == directory or root not in directory.parents:
            return None
        directory = directory.parent


def sidecar_date(entry: SidecarEntry | None) -> DateValue | None:
    """The entry's publication date as (iso, precision), when it has a valid one."""
    if entry is None or entry.published is None:
        return None
    return parse_date(entry.published)
