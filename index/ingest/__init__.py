"""Ingest: find input files, read them, and turn them into raw articles.

`discover` expands paths into sources, `read_source` reads a file's bytes once, and
`parse` (a pure function of the source and its bytes, plus the folder's sidecar) gives
the articles with their metadata, or the reasons they were skipped.
"""

from __future__ import annotations

from .discovery import discover, file_hash, read_source
from .parse import parse, parse_stream
from .types import DEFAULT_MAX_BYTES, SUPPORTED_SUFFIXES, ParseResult, RawArticle, Source

__all__ = [
    "DEFAULT_MAX_BYTES",
    "SUPPORTED_SUFFIXES",
    "ParseResult",
    "RawArticle",
    "Source",
    "discover",
    "file_hash",
    "parse",
    "parse_stream",
    "read_source",
]
