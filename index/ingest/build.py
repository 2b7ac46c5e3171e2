"""Assembling a RawArticle from what a reader found, with the precedence rules in one place.

Precedence: explicit values (JSON fields, sidecar rows) win over anything guessed from the
text; the outlet falls back to the site line, then to the URL's domain, else stays None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .boilerplate import clean_units, word_count
from .dates import DateValue
from .language import detect_language
from .metadata import DATELINE, outlet_from_url
from .sidecar import SidecarEntry, sidecar_date
from .types import RawArticle

_TITLE_MAX = 150
_SENTENCE_END = re.compile(r"[.!?؟][\"”»’]?\s+(?=\S)")
_MIN_SENTENCE = 25  # chars: a shorter "sentence" ended at an abbreviation (M., Gen., U.S.)


@dataclass
class Found:
    """Everything a reader learnt about one article; None means not found."""

    title: str | None = None
    source: str | None = None
    url: str | None = None
    author: str | None = None
    date: DateValue | None = None
    language: str | None = None
    units: list[str] = field(default_factory=list)  # paragraphs, chrome not yet removed
    captions: list[str] = field(default_factory=list)
    site: str | None = None  # a site name seen in the text (a guess, below explicit source)


def first_sentence_title(body: str) -> str | None:
    """A title made from the start of the body: its first sentence, shortened if needed."""
    lines = (line.strip() for line in body.strip().split("\n"))
    # A line that is only a dateline ("Abu Dhabi (WAM)") gives way to the next one.
    first = next((rest for line in lines if (rest := DATELINE.sub("", line, count=1))), "")
    if not first:
        return None
    for m in _SENTENCE_END.finditer(first):
        if m.start() >= _MIN_SENTENCE:
            first = first[: m.start() + 1]
            break
    if len(first) > _TITLE_MAX:
        cut = first[:_TITLE_MAX].rsplit(" ", 1)[0].rstrip(",;:-–— ")
        first = (cut or first[:_TITLE_MAX]) + "…"
    return first


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def _clean_value(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def build_article(
    found: Found,
    *,
    article_id: str,
    path: Path,
    digest: str,
    entry: SidecarEntry | None = None,
    clean: bool = True,
    title_only_ok: bool = False,
) -> RawArticle | str:
    """The article, or the reason there is none (no text left once the chrome is removed)."""
    entry = entry or SidecarEntry()
    title = _clean_value(entry.title) or _clean_value(found.title)
    units = list(found.units)
    # The headline is often repeated as the first line of the text.
    if title and units and _norm(units[0]) == _norm(title):
        units.pop(0)
    if clean:
        cleaned = clean_units(units)
        body_units, captions = cleaned.body, list(found.captions) + cleaned.captions
    else:
        body_units, captions = [u.strip() for u in units if u.strip()], list(found.captions)
    body = "\n\n".join(body_units)
    if not body.strip() and not (title_only_ok and title):
        return "no article text (empty, or only page chrome)"
    if not title:
        title = first_sentence_title(body) or path.stem
    date = sidecar_date(entry) or found.date
    url = _clean_value(entry.url) or _clean_value(found.url)
    source = (
        _clean_value(entry.source)
        or _clean_value(found.source)
        or _clean_value(found.site)
        or outlet_from_url(url)
    )
    language = entry.language or found.language or detect_language(body or title or "")
    author = _clean_value(entry.author) or _clean_value(found.author)
    if author and word_count(author) > 12:
        author = None  # a sentence, not a name
    return RawArticle(
        id=article_id,
        path=str(path),
        title=title,
        source=source,
        url=url,
        author=author,
        published=date[0] if date else None,
        precision=date[1] if date else None,
        language=language,
        body=body,
        captions="\n".join(dict.fromkeys(c.strip() for c in captions if c.strip())),
        hash=digest,
    )
