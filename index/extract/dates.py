"""Find date expressions in English, French and Arabic text and resolve them.

`find_dates` runs the grammars of the article's language (all three when it is unknown)
over a same-length folded copy of the text, keeps the longest non-overlapping matches,
drops what is not a date (page chrome such as "Last update on ...", weekday names inside
names, deictic words inside quotations, which refer to the speaker's day), decides the
tense around each cue, and resolves it against the publication date (see `resolve`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from types import ModuleType

from ..model import Precision
from . import dates_ar, dates_en, dates_fr
from .date_resolve import Resolution, Spec, publication_bounds, resolve
from .dates_lex import fold, number
from .sentences import SentenceIndex, sentence_index

GRAMMARS: dict[str, ModuleType] = {"en": dates_en, "fr": dates_fr, "ar": dates_ar}


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in text, with its resolution.

    `relative` is True when the value depends on the publication date; `resolved` is False
    when it could not be computed (no usable publication date): dates are never guessed.
    `future` is the tense read around the cue (used for weekdays, bare months, planned).
    """

    start: int
    end: int
    cue: str
    date_start: str | None
    date_end: str | None
    precision: Precision | None
    resolved: bool
    relative: bool
    kind: str = "abs"
    future: bool = False


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    spec: Spec
    grammar: ModuleType
    order: int


def grammars_for(language: str | None) -> list[ModuleType]:
    """Grammars to run for an ISO language code (all of them when unknown)."""
    code = (language or "").lower()[:2]
    return [GRAMMARS[code]] if code in GRAMMARS else list(GRAMMARS.values())


def _candidates(folded: str, grammars: list[ModuleType]) -> list[_Candidate]:
    found: list[_Candidate] = []
    order = 0
    present: dict[re.Pattern[str], bool] = {}
    for grammar in grammars:
        for rule in grammar.RULES:
            order += 1
            if rule.anchor is not None:
                if rule.anchor not in present:
                    present[rule.anchor] = rule.anchor.search(folded) is not None
                if not present[rule.anchor]:
                    continue
            for match in rule.pattern.finditer(folded):
                spec = rule.build(match)
                if spec is None:
                    continue
                has_cue = "c" in rule.pattern.groupindex and match.group("c") is not None
                start, end = match.span("c") if has_cue else match.span()
                found.append(_Candidate(start, end, spec, grammar, order))
    return found


def _longest_first(cands: list[_Candidate]) -> list[_Candidate]:
    kept: list[_Candidate] = []
    taken: list[tuple[int, int]] = []
    for cand in sorted(cands, key=lambda c: (c.start - c.end, c.order, c.start)):
        if any(cand.start < e and s < cand.end for s, e in taken):
            continue
        kept.append(cand)
        taken.append((cand.start, cand.end))
    return sorted(kept, key=lambda c: c.start)


def _line(text: str, start: int, end: int) -> str:
    lo = text.rfind("\n", 0, start) + 1
    hi = text.find("\n", end)
    return text[lo : hi if hi >= 0 else len(text)]


def _inside_quotes(text: str, pos: int) -> bool:
    para_start = text.rfind("\n", 0, pos) + 1
    before = text[para_start:pos]
    opens = before.count("“") + before.count("«")
    closes = before.count("”") + before.count("»")
    return opens > closes or before.count('"') % 2 == 1


def _is_future(folded: str, cand: _Candidate, sents: SentenceIndex) -> bool:
    """Tense of the nearest tense marker, looking left of the cue first."""
    lo, hi = sents.around(cand.start, cand.end)
    best: tuple[int, bool] | None = None
    for future, pattern in ((True, cand.grammar.FUTURE), (False, cand.grammar.PAST)):
        for m in pattern.finditer(folded, lo, hi):
            if m.end() <= cand.start:
                dist = cand.start - m.end()
            elif m.start() >= cand.end:
                dist = m.start() - cand.end + 25  # right-hand markers weigh less
            else:
                continue
            if best is None or dist < best[0]:
                best = (dist, future)
    return bool(best and best[1])


def _dropped(text: str, folded: str, cand: _Candidate) -> bool:
    if cand.grammar.CHROME.search(_line(folded, cand.start, cand.end)):
        return True  # "Last update on Monday, November 29, 2021" is page metadata
    spec = cand.spec
    before = text[max(0, cand.start - 12) : cand.start]
    if spec.kind == "weekday" and cand.grammar is dates_en:
        return bool(dates_en.NAME_BEFORE_WEEKDAY.search(before))
    # "today" in a quotation is the speaker's day, not the publication's.
    return spec.kind == "rel" and spec.unit == "day" and _inside_quotes(text, cand.start)


def _span_days(folded: str, cand: _Candidate, sents: SentenceIndex) -> tuple[int, bool] | None:
    """A "two-day meeting" / "for three days" in the cue's sentence: (days, starts_here)."""
    lo, hi = sents.around(cand.start, cand.end)
    m = cand.grammar.NDAY.search(folded, lo, hi)
    if m is None:
        return None
    groups = m.groupdict()
    if groups.get("two"):
        days: int | None = 2
    else:
        days = number(groups.get("n") or groups.get("n2"))
    if not days or days < 2 or days > 10:
        return None
    starts = bool(cand.grammar.START_WORDS.search(folded, lo, hi))
    return days, starts


def _extend(res: Resolution, days: int, starts_here: bool) -> Resolution:
    assert res.date_start is not None
    day = dt.date.fromisoformat(res.date_start)
    if starts_here:
        first, last = day, day + dt.timedelta(days=days - 1)
    else:
        first, last = day - dt.timedelta(days=days - 1), day
    return replace(res, date_start=first.isoformat(), date_end=last.isoformat())


def find_dates(text: str, language: str | None, published: str | None) -> list[DateMatch]:
    """All date expressions in `text`, resolved against `published` (ISO, any precision)."""
    folded = fold(text)
    grammars = grammars_for(language)
    cands = [c for c in _longest_first(_candidates(folded, grammars))
             if not _dropped(text, folded, c)]  # fmt: skip
    if not cands:
        return []  # most texts: no sentence split needed
    day_cues = [c for c in cands if c.spec.kind in ("weekday", "abs") and c.spec.day2 is None
                and c.spec.weekday2 is None]  # fmt: skip
    out: list[DateMatch] = []
    bounds = publication_bounds(published)
    sents = sentence_index(folded)
    for cand in cands:
        future = _is_future(folded, cand, sents)
        res = resolve(cand.spec, published, future)
        if res.resolved and res.precision == "day" and res.date_start == res.date_end:
            span = _span_days(folded, cand, sents)
            lo, hi = sents.around(cand.start, cand.end)
            alone = sum(1 for c in day_cues if lo <= c.start < hi) == 1
            if span and alone:
                starts = span[1] or future
                res = _extend(res, span[0], starts)
        if bounds and res.resolved and res.date_start and not future:
            # Resolved ahead of publication (next week, tomorrow): the tense is future.
            future = res.date_start > bounds[1].isoformat()[: len(res.date_start)]
        out.append(DateMatch(cand.start, cand.end, text[cand.start : cand.end],
                             res.date_start, res.date_end, res.precision, res.resolved,
                             res.relative, cand.spec.kind, future))  # fmt: skip
    return out
