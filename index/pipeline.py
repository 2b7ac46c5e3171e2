"""Per-file work done at ingest, shaped to run in worker processes.

`process` parses one file's bytes and, when asked, runs extraction on its articles. It
is a module-level function of plain, picklable values so a process pool can run it on
both cores; NLP models are loaded lazily inside the worker, never in the UI process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .ingest import ParseResult, RawArticle, Source, parse
from .model import Mention
from .store import pubnum


@dataclass(frozen=True)
class Analysis:
    """What extraction found in one article."""

    mentions: tuple[Mention, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class FileWork:
    """One file to (re)index: its source, raw bytes and whole-file hash."""

    source: Source
    data: bytes
    filehash: str


@dataclass(frozen=True)
class FileResult:
    """The outcome of `process` for one file."""

    work: FileWork
    parsed: ParseResult
    analyses: list[Analysis]


def analyze(articles: list[RawArticle]) -> list[Analysis]:
    """Run extraction on a batch of articles (one Analysis per article, same order)."""
    return [Analysis() for _ in articles]


def process(work: FileWork, extract: bool) -> FileResult:
    """Parse a file and optionally extract from its articles."""
    parsed = parse(work.source, work.data)
    analyses = analyze(parsed.articles) if extract else [Analysis() for _ in parsed.articles]
    # The bytes are no longer needed; don't ship them back across the process boundary.
    slim = FileWork(work.source, b"", work.filehash)
    return FileResult(slim, parsed, analyses)


def to_document(raw: RawArticle, filehash: str, analysis: Analysis) -> dict[str, Any]:
    """The Whoosh document for one article."""
    from .analysis import body_field

    doc: dict[str, Any] = {
        "id": raw.id,
        "path": raw.path,
        "filehash": filehash,
        "hash": raw.hash,
        "title": raw.title,
        body_field(raw.language): raw.body,
        "text": raw.body,
        "captions": raw.captions,
        "spell": f"{raw.title}\n{raw.body}",
        "source": raw.source or "",
        "source_key": raw.source or "(unknown)",
        "url": raw.url or "",
        "author": raw.author or "",
        "published": raw.published or "",
        "precision": raw.precision,
        "pubnum": pubnum(raw.published),
        "year": raw.published[:4] if raw.published else "(undated)",
        "language": raw.language or "und",
        "mentions": "",
    }
    return doc
