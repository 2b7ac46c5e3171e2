"""parse(): one file's bytes to articles, never raising for bad input."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from ..model import Problem
from .build import Found, build_article
from .decode import binary_reason, decode_bytes
from .discovery import file_hash
from .jsonreader import json_records, jsonl_lines, parse_jsonl_line, record_found, record_id
from .readers import html_charset, read_html, read_plain
from .sidecar import SidecarEntry, lookup, sidecar_date
from .types import (
    HTML_SUFFIXES,
    JSON_SUFFIXES,
    JSONL_SUFFIXES,
    SUPPORTED_SUFFIXES,
    TEXT_SUFFIXES,
    ParseResult,
    RawArticle,
    Source,
)

STREAM_RECORDS = 64
"""Articles per part of a JSON Lines file in `parse_stream`."""


def _record_defaults(entry: SidecarEntry | None, single: bool) -> SidecarEntry | None:
    # A sidecar row describes a file. For a file of many records only its outlet and
    # language can be shared by all of them; title, date and URL belong to one article.
    if entry is None or single:
        return entry
    return SidecarEntry(source=entry.source, language=entry.language)


def _with_fallbacks(found: Found, entry: SidecarEntry | None) -> Found:
    # In JSON the record's own fields are explicit facts: they win over the sidecar.
    if entry is None:
        return found
    found.title = found.title or entry.title
    found.source = found.source or entry.source
    found.url = found.url or entry.url
    found.author = found.author or entry.author
    found.language = found.language or entry.language
    found.date = found.date or sidecar_date(entry)
    return found


def _sidecar(source: Source) -> SidecarEntry | None:
    try:
        return lookup(source)
    except (OSError, ValueError):
        return None


class _Records:
    """Collects the articles of a multi-record file, reporting bad records by number."""

    def __init__(self, source: Source, entry: SidecarEntry | None, single: bool) -> None:
        self.source = source
        self.path = str(source.path)
        self.relpath = source.relpath
        self.entry = _record_defaults(entry, single)
        self.result = ParseResult()
        self.ids: set[str] = set()

    def add(self, number: int, value: Any, digest: str, line: int | None) -> None:
        where = f"line {line}" if line is not None else f"record {number}"
        if not isinstance(value, dict):
            self.result.failed.append(Problem(self.path, f"{where}: not a JSON object", line))
            return
        found = record_found(value)
        if isinstance(found, str):
            self.result.failed.append(Problem(self.path, f"{where}: {found}", line))
            return
        found = _with_fallbacks(found, self.entry)
        article_id = record_id(value) or f"{self.relpath}#{number}"
        if article_id in self.ids:
            self.result.failed.append(
                Problem(self.path, f"{where}: duplicate id {article_id!r}", line)
            )
            return
        article = build_article(
            found, article_id=article_id, path=self.source.path, digest=digest, title_only_ok=True
        )
        if isinstance(article, str):
            self.result.failed.append(Problem(self.path, f"{where}: {article}", line))
            return
        self.ids.add(article_id)
        self.result.articles.append(article)


def _parse_jsonl(source: Source, data: bytes) -> Iterator[ParseResult]:
    records = _Records(source, _sidecar(source), single=False)
    kept = 0
    for line_no, raw in jsonl_lines(data):
        value, error, warning = parse_jsonl_line(raw)
        if warning:
            records.result.warnings.append(Problem(records.path, warning, line_no))
        if error:
            records.result.failed.append(Problem(records.path, error, line_no))
        else:
            records.add(line_no, value, file_hash(raw), line_no)
        if len(records.result.articles) >= STREAM_RECORDS:
            # Hand over what is done, so a big file is written while the rest is parsed.
            kept += len(records.result.articles)
            yield records.result
            records.result = ParseResult()
    if not kept and not records.result.articles and not records.result.failed:
        records.result.failed.append(Problem(records.path, "empty file (no JSON lines)"))
    yield records.result


def _parse_json(source: Source, text: str, data: bytes) -> ParseResult:
    parsed = json_records(text)
    if isinstance(parsed, tuple):
        reason, line = parsed
        return ParseResult(failed=[Problem(str(source.path), reason, line)])
    single = len(parsed) == 1
    records = _Records(source, _sidecar(source), single=single)
    for rec in parsed:
        if single:
            digest = file_hash(data)
        else:
            canonical = json.dumps(rec.value, sort_keys=True, ensure_ascii=False)
            digest = file_hash(canonical.encode("utf-8"))
        records.add(rec.number, rec.value, digest, rec.line)
    if not parsed:
        records.result.failed.append(Problem(records.path, "JSON list is empty"))
    return records.result


def _parse_document(source: Source, text: str, data: bytes, suffix: str) -> RawArticle | str:
    if suffix in HTML_SUFFIXES:
        found: Found | str = read_html(text)
    else:
        found = read_plain(text, markdown=suffix == ".md")
    if isinstance(found, str):
        return found
    return build_article(
        found,
        article_id=source.relpath,
        path=source.path,
        digest=file_hash(data),
        entry=_sidecar(source),
    )


def _decode_html(data: bytes) -> tuple[str | None, str | None, str | None]:
    charset = html_charset(data)
    if charset and charset.replace("-", "").replace("_", "") not in ("utf8", "utf8mb4"):
        reason = binary_reason(data)
        if reason is None and data.strip():
            try:
                return data.decode(charset, errors="replace"), None, None
            except LookupError:
                pass  # an unknown charset name: fall back to UTF-8 below
    decoded = decode_bytes(data)
    return decoded.text, decoded.error, decoded.warning


def parse(source: Source, data: bytes) -> ParseResult:
    """Parse one file's bytes into articles. Never raises for bad input.

    Whole-file problems and single bad records (with their line numbers) go to `failed`;
    articles kept despite a problem (invalid UTF-8 replaced) are listed in `warnings`.
    """
    result = ParseResult()
    for part in parse_stream(source, data):
        result.articles.extend(part.articles)
        result.failed.extend(part.failed)
        result.warnings.extend(part.warnings)
    return result


def parse_stream(source: Source, data: bytes) -> Iterator[ParseResult]:
    """`parse` in consecutive parts: a JSON Lines file every `STREAM_RECORDS` articles.

    If a reader bug stops a file midway, the last part reports it in `failed`; the
    articles of the earlier parts stand.
    """
    path = str(source.path)
    suffix = source.path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        yield ParseResult(failed=[Problem(path, f"unsupported file type {suffix or '(none)'!r}")])
        return
    try:
        if suffix in JSONL_SUFFIXES:
            if not data.strip():
                yield ParseResult(failed=[Problem(path, "empty file")])
                return
            reason = binary_reason(data)
            if reason:
                yield ParseResult(failed=[Problem(path, reason)])
                return
            yield from _parse_jsonl(source, data)
            return
        yield _parse_single(source, data, suffix)
    except Exception as exc:  # a reader bug must not stop the whole ingest
        yield ParseResult(failed=[Problem(path, f"could not parse: {exc!r}")])


def _parse_single(source: Source, data: bytes, suffix: str) -> ParseResult:
    path = str(source.path)
    if suffix in HTML_SUFFIXES:
        text, error, warning = _decode_html(data)
    else:
        decoded = decode_bytes(data)
        text, error, warning = decoded.text, decoded.error, decoded.warning
    if text is None:
        return ParseResult(failed=[Problem(path, error or "could not decode")])
    warnings = [Problem(path, warning)] if warning else []
    if suffix in JSON_SUFFIXES:
        result = _parse_json(source, text, data)
        return ParseResult(result.articles, result.failed, warnings + result.warnings)
    assert suffix in TEXT_SUFFIXES | HTML_SUFFIXES
    article = _parse_document(source, text, data, suffix)
    if isinstance(article, str):
        return ParseResult(failed=[Problem(path, article)], warnings=warnings)
    return ParseResult(articles=[article], warnings=warnings)
