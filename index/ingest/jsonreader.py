"""Readers for JSON (one object, or a list of them) and JSON Lines (one article per line)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from .build import Found
from .dates import DateValue, make_date, parse_date
from .language import normalise_language
from .units import split_units

TEXT_FIELDS = (
    "text",
    "body",
    "content",
    "article",
    "full_text",
    "fulltext",
    "maintext",
    "article_text",
    "article_body",
    "articlebody",
    "story",
)
TITLE_FIELDS = ("title", "headline", "heading")
DATE_FIELDS = (
    "date",
    "published",
    "published_at",
    "publication_date",
    "pubdate",
    "date_published",
    "date_publish",
    "datepublished",
    "published_date",
    "datetime",
    "created_at",
    "time",
    "timestamp",
)
SOURCE_FIELDS = (
    "source",
    "outlet",
    "site",
    "site_name",
    "sitename",
    "publisher",
    "media",
    "newspaper",
    "source_name",
    "domain",
)
URL_FIELDS = ("url", "link", "source_url", "canonical_url", "href", "permalink")
AUTHOR_FIELDS = ("author", "authors", "byline", "creator", "creators")
LANGUAGE_FIELDS = ("language", "lang", "locale")
ID_FIELDS = ("id", "_id", "doc_id", "article_id", "uuid", "guid")
_WRAPPERS = ("articles", "items", "data", "records", "documents", "docs", "results", "entries")


@dataclass(frozen=True)
class Record:
    """One JSON object with where it came from (1-based number, line when known)."""

    number: int
    value: Any
    raw: bytes | None  # the record's own bytes when they exist (JSONL lines)
    line: int | None = None


def _lowered(record: dict[str, Any]) -> dict[str, Any]:
    return {k.lower(): v for k, v in record.items() if isinstance(k, str)}


def _get(record: dict[str, Any], names: tuple[str, ...], lowered: bool = False) -> Any:
    if not lowered:
        record = _lowered(record)
    for name in names:
        value = record.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = [_as_text(v) for v in value]
        joined = "\n\n".join(p for p in parts if p)
        return joined or None
    if isinstance(value, dict):
        return _as_text(_get(value, ("name", "title", "text", "value", "#text")))
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _as_names(value: Any) -> str | None:
    if isinstance(value, list):
        names = [_as_text(v) for v in value]
        joined = ", ".join(n.strip() for n in names if n and n.strip())
        return joined or None
    return _as_text(value)


def _as_date(value: Any) -> DateValue | None:
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 10**8:
        seconds = value / 1000 if value > 10**11 else value  # epoch seconds or milliseconds
        try:
            moment = datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            return None
        return make_date(moment.year, moment.month, moment.day)
    return parse_date(value)


def record_id(record: dict[str, Any]) -> str | None:
    """The record's own id, when it has one."""
    value = _get(record, ID_FIELDS)
    if isinstance(value, str | int) and not isinstance(value, bool):
        text = str(value).strip()
        return text or None
    return None


def record_found(record: dict[str, Any]) -> Found | str:
    """What a JSON record says about its article, or why it cannot be one."""
    fields = _lowered(record)
    text = _as_text(_get(fields, TEXT_FIELDS, lowered=True)) or ""
    title = _as_text(_get(fields, TITLE_FIELDS, lowered=True))
    if not text.strip() and not (title and title.strip()):
        return "record has neither text nor title (" + ", ".join(TEXT_FIELDS[:3]) + ", title)"
    # A title alone is still an article: wire services publish one-line briefs.
    return Found(
        title=title,
        source=_as_text(_get(fields, SOURCE_FIELDS, lowered=True)),
        url=_as_text(_get(fields, URL_FIELDS, lowered=True)),
        author=_as_names(_get(fields, AUTHOR_FIELDS, lowered=True)),
        date=_as_date(_get(fields, DATE_FIELDS, lowered=True)),
        language=normalise_language(_as_text(_get(fields, LANGUAGE_FIELDS, lowered=True))),
        units=split_units(text.replace("\r\n", "\n")),
    )


def json_records(text: str) -> list[Record] | tuple[str, int | None]:
    """The records of a JSON document, or (reason, line) when it is malformed."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return f"malformed JSON: {exc.msg} (line {exc.lineno}, column {exc.colno})", exc.lineno
    except RecursionError:
        return "malformed JSON: nested too deeply", None
    if isinstance(value, dict) and _get(value, TEXT_FIELDS) is None:
        for key in _WRAPPERS:
            inner = value.get(key)
            if isinstance(inner, list):
                value = inner
                break
    if isinstance(value, dict):
        return [Record(1, value, None)]
    if isinstance(value, list):
        return [Record(n, item, None) for n, item in enumerate(value, 1)]
    return "JSON holds neither an object nor a list of objects", None


def jsonl_lines(data: bytes) -> Iterator[tuple[int, bytes]]:
    """Non-blank lines of a JSON Lines file with their 1-based line numbers."""
    for number, raw in enumerate(data.split(b"\n"), 1):
        line = raw.rstrip(b"\r")
        if line.strip():
            yield number, line


def parse_jsonl_line(line: bytes) -> tuple[Any, str | None, str | None]:
    """(value, error, warning) for one JSONL line; invalid UTF-8 is replaced and flagged."""
    warning = None
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = line.decode("utf-8-sig", errors="replace")
        warning = (
            f"invalid UTF-8 (byte {exc.start} of the line); decoded with replacement characters"
        )
    try:
        return json.loads(text), None, warning
    except json.JSONDecodeError as exc:
        return None, f"malformed JSON line: {exc.msg} (column {exc.colno})", warning
    except RecursionError:
        return None, "malformed JSON line: nested too deeply", warning
