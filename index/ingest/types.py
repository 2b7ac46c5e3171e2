"""Values the ingest package hands to the store: raw articles, sources and parse results."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..model import Precision, Problem

DEFAULT_MAX_BYTES = 64 * 1024 * 1024
"""Files larger than this are skipped (checked with stat before reading)."""

TEXT_SUFFIXES = frozenset({".txt", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm"})
JSON_SUFFIXES = frozenset({".json"})
JSONL_SUFFIXES = frozenset({".jsonl"})
SUPPORTED_SUFFIXES: frozenset[str] = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
"""File suffixes (lower case, with the dot) that ingest knows how to read."""


@dataclass(frozen=True)
class RawArticle:
    """One article as read from its file, before entity extraction."""

    id: str
    path: str  # absolute path of the source file
    title: str  # never empty: falls back to the first sentence, then the file stem
    source: str | None  # outlet
    url: str | None
    author: str | None
    published: str | None  # ISO date truncated to its precision: 2021, 2021-11, 2021-11-24
    precision: Precision | None
    language: str | None  # ISO 639-1
    body: str  # cleaned article text, paragraphs separated by a blank line
    captions: str  # photo captions and credits, one per line, "" when none
    hash: str  # sha256 hex[:16] of the record's raw bytes


@dataclass(frozen=True)
class Source:
    """A file to ingest and the root it was found under (ids are relative to the root)."""

    path: Path
    root: Path

    @property
    def relpath(self) -> str:
        """The file's path relative to its root, in posix form (the base of its ids)."""
        try:
            return self.path.relative_to(self.root).as_posix()
        except ValueError:
            return self.path.name


@dataclass(frozen=True)
class ParseResult:
    """What one file gave: articles, skipped inputs and kept-but-flagged inputs."""

    articles: list[RawArticle] = field(default_factory=list)
    failed: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
