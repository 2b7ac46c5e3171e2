"""Per-article work done at ingest: extraction, and the Whoosh document it yields.

`analyze` is a module-level function of picklable values so a process pool can run it
on both cores; NLP models are loaded lazily inside the worker, never in the UI process.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from typing import Any

from .analysis import body_field
from .ingest import RawArticle
from .model import ENTITY_TYPES, Event, Mention
from .store import pubnum

# Field names of a Mention, in declaration order: what `dataclasses.asdict` would give, built
# directly (asdict deep-copies every value; for every mention of every article it was a
# tenth of the ingest process's own CPU time).
_MENTION_FIELDS = tuple(f.name for f in fields(Mention))


def mention_record(mention: Mention) -> dict[str, Any]:
    """A mention as the JSON object stored with its article (same as dataclasses.asdict)."""
    return {name: getattr(mention, name) for name in _MENTION_FIELDS}


@dataclass(frozen=True)
class Analysis:
    """What extraction found in one article."""

    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    extracted: bool = True  # False: ingested with extraction off (no mentions, no events)


def analyze(articles: list[RawArticle]) -> list[Analysis]:
    """Run extraction on a batch of articles (one Analysis per article, same order)."""
    # Imported here so that opening a corpus never loads the NLP stack.
    from .extract.entities import DocText, extract_mentions
    from .extract.events import extract_events

    docs = [DocText(a.body, a.language, a.captions) for a in articles]
    out: list[Analysis] = []
    for raw, mentions in zip(articles, extract_mentions(docs), strict=True):
        events = extract_events(
            raw.id, raw.path, raw.source, raw.body, raw.captions, raw.language,
            raw.published, mentions,
        )  # fmt: skip
        out.append(Analysis(tuple(mentions), tuple(events)))
    return out


def to_document(raw: RawArticle, filehash: str, analysis: Analysis) -> dict[str, Any]:
    """The Whoosh document for one article."""
    doc: dict[str, Any] = {
        "id": raw.id,
        "path": raw.path,
        "filehash": filehash,
        "hash": raw.hash,
        "title": raw.title,
        body_field(raw.language): raw.body,
        "text": raw.body,
        "captions": raw.captions,
        "source": raw.source or "",
        "source_key": raw.source or "(unknown)",
        "url": raw.url or "",
        "author": raw.author or "",
        "published": raw.published or "",
        "precision": raw.precision,
        "pubnum": pubnum(raw.published),
        "year": raw.published[:4] if raw.published else "(undated)",
        "language": raw.language or "und",
        # Empty, not "[]", when extraction was off: re-deriving events from the stored
        # articles (after an interrupted ingest) must leave such articles without events.
        "mentions": json.dumps([mention_record(m) for m in analysis.mentions], ensure_ascii=False)
        if analysis.extracted
        else "",
    }
    for etype in ENTITY_TYPES:
        # One keyword per mention, so the index's term frequencies count mentions and its
        # document frequencies count articles. Commas separate keywords.
        names = [m.name.replace(",", " ") for m in analysis.mentions if m.type == etype]
        doc[etype] = ",".join(names)
    return doc
