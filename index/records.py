"""Turning stored index fields back into model values."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from .model import Article, Mention


def _mentions(raw: str) -> tuple[Mention, ...]:
    if not raw:
        return ()
    try:
        rows = json.loads(raw)
    except ValueError:
        return ()
    return tuple(Mention(**row) for row in rows if isinstance(row, dict))


def article_from_stored(fields: Mapping[str, Any]) -> Article:
    """Build an Article from a document's stored fields."""
    return Article(
        id=fields["id"],
        path=fields["path"],
        title=fields.get("title", ""),
        source=fields.get("source") or None,
        url=fields.get("url") or None,
        author=fields.get("author") or None,
        published=fields.get("published") or None,
        precision=fields.get("precision"),
        language=None if fields.get("language") in (None, "", "und") else fields["language"],
        body=fields.get("text", ""),
        captions=fields.get("captions", ""),
        hash=fields.get("hash", ""),
        mentions=_mentions(fields.get("mentions", "")),
    )
