"""Dated events of one article: one timeline row per (sentence, date expression).

Rows are dropped when the date is page metadata rather than news: a dateline
("Jerusalem, July 17 The ...", "Tel Aviv, July 17 (Xinhua):"), or a line that is little
more than a date ("July 17, 2022", "By News Desk - October 20 2022"). Repeats inside one
article (a photo caption printed twice, a headline restated by the lede) collapse into
one event: same date and mostly the same words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Event, Mention
from .date_resolve import publication_bounds
from .dates import DateMatch, find_dates
from .sentences import sentence_index
from .textkeys import capitalised_names, content_words

# Place name(s) and a comma before a date at the start of a line: a dateline.
_DATELINE_PREFIX = re.compile(r"^\s*(?:[A-ZÀ-Ý][\w'’.-]*(?:\s+[\w\[\]'’.-]+){0,3},\s*)?$")
_DATELINE_AFTER = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?(?:[:—–]|-\s|$)")
_DATELINE_AFTER_PLACE = re.compile(r"^\s*(?:\([^)]{1,40}\)\s*)?(?:[:—–]|-\s|[A-Z]|$)")
_WORDS = re.compile(r"[^\W\d_]+")


@dataclass
class _Row:
    match: DateMatch
    start: int  # sentence span in the text it came from
    end: int
    text: str
    in_body: bool
    words: set[str]


def _is_dateline(text: str, match: DateMatch, published: str | None) -> bool:
    line_start = text.rfind("\n", 0, match.start) + 1
    prefix = text[line_start : match.start]
    if match.precision not in ("day", None) or not _DATELINE_PREFIX.match(prefix):
        return False
    line_end = text.find("\n", match.end)
    after = text[match.end : line_end if line_end >= 0 else len(text)]
    if prefix.strip():  # "Jerusalem, July 17 The ..." / "Tel Aviv, July 17 (Xinhua):"
        return bool(_DATELINE_AFTER_PLACE.match(after))
    # A bare "July 17 (Xinhua) -" is a dateline only when it is the publication day: a
    # chronology line such as "24 November 2021 - MoU signed" is an event.
    return bool(_DATELINE_AFTER.match(after)) and published == match.date_start


def _is_metadata_line(text: str, match: DateMatch) -> bool:
    """A line that is a date plus at most a few capitalised words (byline, stamp)."""
    line_start = text.rfind("\n", 0, match.start) + 1
    line_end = text.find("\n", match.end)
    line = text[line_start : line_end if line_end >= 0 else len(text)]
    rest = line.replace(match.cue, " ")
    words = _WORDS.findall(rest)
    if len(words) > 4:
        return False
    return not any(w[0].islower() and len(w) > 3 for w in words)


def _rows(text: str, matches: list[DateMatch], in_body: bool, published: str | None) -> list[_Row]:
    if not matches:
        return []
    sents = sentence_index(text)
    rows: list[_Row] = []
    for match in matches:
        if _is_dateline(text, match, published) or _is_metadata_line(text, match):
            continue
        lo, hi = sents.around(match.start, match.end)
        sentence = text[lo:hi].replace("\n", " ").replace("\t", " ")
        rows.append(_Row(match, lo, hi, sentence, in_body, content_words(sentence)))
    return rows


def _same_event(a: _Row, b: _Row) -> bool:
    ma, mb = a.match, b.match
    if (ma.date_start, ma.date_end, ma.precision) != (mb.date_start, mb.date_end, mb.precision):
        return False
    if not ma.resolved and ma.cue.lower() != mb.cue.lower():
        return False
    small = min(len(a.words), len(b.words))
    if small < 3:
        return a.text == b.text
    return len(a.words & b.words) / small >= 0.6


def _dedupe(rows: list[_Row]) -> list[_Row]:
    kept: list[_Row] = []
    for row in rows:
        twin = next((k for k in kept if _same_event(k, row)), None)
        if twin is None:
            kept.append(row)
        elif len(row.text) > len(twin.text) and row.in_body >= twin.in_body:
            # Keep the fuller wording (the lede over the headline) in the earlier slot.
            kept[kept.index(twin)] = row
    return kept


def _planned(match: DateMatch, published: str | None) -> bool:
    if not match.future:
        return False
    bounds = publication_bounds(published)
    if bounds and match.resolved and match.date_end:
        # A date wholly before publication already happened, whatever the verb says.
        return match.date_end >= bounds[0].isoformat()[: len(match.date_end)]
    return True


def _entities(row: _Row, mentions: Sequence[Mention]) -> tuple[str, ...]:
    if row.in_body and mentions:
        names = [m.name for m in mentions if row.start <= m.start < row.end]
    else:
        names = capitalised_names(row.text)
    return tuple(dict.fromkeys(names))


def extract_events(
    article_id: str,
    path: str,
    source: str | None,
    body: str,
    captions: str,
    language: str | None,
    published: str | None,
    mentions: Sequence[Mention] = (),
) -> list[Event]:
    """Timeline rows of one article (see module docstring); ids are f"{article_id}#{n}"."""
    rows = _rows(body, find_dates(body, language, published), True, published)
    if captions.strip():
        rows += _rows(captions, find_dates(captions, language, published), False, published)
    events: list[Event] = []
    for n, row in enumerate(_dedupe(rows), start=1):
        match = row.match
        offset = row.start if row.in_body else max(body.find(row.text), 0)
        cue_start = match.start - row.start
        events.append(Event(
            id=f"{article_id}#{n}",
            article_id=article_id,
            path=path,
            source=source,
            date_start=match.date_start,
            date_end=match.date_end,
            precision=match.precision,
            text=row.text,
            cue=row.text[cue_start : cue_start + len(match.cue)],  # line breaks as spaces
            cue_start=cue_start,
            cue_end=cue_start + len(match.cue),
            planned=_planned(match, published),
            resolved=match.resolved,
            entities=_entities(row, mentions),
            offset=offset,
        ))  # fmt: skip
    return events
