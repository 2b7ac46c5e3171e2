"""Group events from different articles into stories and flag date conflicts.

Two events are linked when their dates are compatible and they share enough rare keys
(entity names, places through a small multilingual gazetteer, numbers such as "$22m"
or "36 units") and words, weighted by rarity across the corpus; this is what carries the
grouping across languages. Dates decide what may be linked: overlapping intervals link
easily, an unresolved date needs more evidence, dates a few days (or one month) apart
link only on strong evidence, and are then candidate conflicts; dates further apart never
link. Links are merged greedily, strongest first, never into a group holding a far-apart
date (complete-link on dates, single-link on evidence).

A story is dated by the member date that most other members' dates hold ("Wednesday"
over "this week"). Conflicts are measured against the member interval that most others
overlap: a member from another source whose date does not overlap it, and whose words
around the cue say the same thing as an agreeing member's, is a date conflict carrying
both cues.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from ..model import DateConflict, Event, Story
from .date_resolve import publication_bounds
from .textkeys import capitalised_names, content_words, entity_keys, numbers

COMPATIBLE, UNKNOWN, NEAR, FAR = "compatible", "unknown", "near", "far"
# Shared evidence needed per date relation, in units of log(corpus size) so that the
# scale does not drift with the number of events.
THRESHOLD = {COMPATIBLE: 2.5, UNKNOWN: 3.5, NEAR: 4.5}
# Two sentences of one article share its topic's names and words whether or not they tell
# of one happening (a visit, then the neighbour's protest; a deal, then its budget), so
# a same-article pair needs evidence only near-repeats reach. Such events still join
# one story through other sources' reports. On our gold, from 1.0 to this: story pair
# precision 0.78 -> 0.95, recall unchanged.
SAME_ARTICLE_EXTRA = 5.0
YEAR_EXTRA = 0.5  # "in 2020" overlaps every 2020 event: ask for more in common
MIN_COSINE = 0.12  # two long sentences sharing a few words by chance are not one story
MAX_KEY_DF = 400  # keys shared by more events than this do not generate candidate pairs
RARE_KEY_DF = 30  # a key this rare alone makes a pair worth scoring
NEAR_DAYS = 31  # the widest gap still NEAR (month-precision dates); wider is FAR


@dataclass
class _Item:
    event: Event
    index: int
    lo: dt.date | None
    hi: dt.date | None
    keys: dict[str, float] = field(default_factory=dict)
    words: dict[str, float] = field(default_factory=dict)
    idf: dict[str, float] = field(default_factory=dict)
    context: set[str] = field(default_factory=set)
    # `relation` runs on every candidate pair and inside every merge: day numbers and
    # precision flags worked out once make it several times cheaper than date objects.
    days: tuple[int, int] | None = None
    year: bool = False
    month: bool = False

    def __post_init__(self) -> None:
        if self.lo is not None and self.hi is not None:
            self.days = (self.lo.toordinal(), self.hi.toordinal())
        self.year = self.event.precision == "year"
        self.month = self.event.precision == "month"

    @property
    def source(self) -> str:
        return self.event.source or self.event.article_id


def _interval(event: Event) -> tuple[dt.date | None, dt.date | None]:
    if not event.resolved or not event.date_start:
        return None, None
    first = publication_bounds(event.date_start)
    last = publication_bounds(event.date_end or event.date_start)
    if first is None or last is None:
        return None, None
    return first[0], last[1]


def relation(a: _Item, b: _Item) -> str:
    """How two events' dates relate: compatible, unknown, near (conflict range) or far."""
    da, db = a.days, b.days
    if da is None or db is None:
        return UNKNOWN
    if da[0] <= db[1] and db[0] <= da[1]:
        return COMPATIBLE
    if a.year or b.year:
        return FAR
    gap = max(da[0], db[0]) - min(da[1], db[1])
    return NEAR if gap <= (NEAR_DAYS if a.month or b.month else 7) else FAR


def _context(event: Event, width: int = 60) -> set[str]:
    lo = max(0, event.cue_start - width)
    return content_words(event.text[lo : event.cue_end + width])


def _weights(raw: list[set[str]]) -> tuple[list[dict[str, float]], dict[str, float]]:
    df: dict[str, int] = defaultdict(int)
    for keys in raw:
        for key in keys:
            df[key] += 1
    n = len(raw) + 1
    idf = {k: math.log(n / d) + 0.1 for k, d in df.items()}
    out: list[dict[str, float]] = []
    for keys in raw:
        # Sorted, so sums over these dicts run in one order whatever the hash seed: the
        # grouping compares them with thresholds, and stories must not vary by run.
        vec = {k: idf[k] for k in sorted(keys)}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        out.append({k: v / norm for k, v in vec.items()})
    return out, idf


def _cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(v * b[k] for k, v in a.items() if k in b)


def score(a: _Item, b: _Item) -> float:
    """Similarity of two events' keys and words (0..1), rarer items weighing more."""
    return 0.55 * _cosine(a.keys, b.keys) + 0.45 * _cosine(a.words, b.words)


def date_bonus(a: _Item, b: _Item) -> float:
    """Agreeing dates are evidence too: the same day most, overlapping days, the same month."""
    if a.lo is None or b.lo is None or relation(a, b) != COMPATIBLE:
        return 0.0
    pa, pb = a.event.precision, b.event.precision
    if pa == pb == "day":
        return 1.5 if (a.lo, a.hi) == (b.lo, b.hi) else 1.0
    if pa == pb == "month" and (a.lo, a.hi) == (b.lo, b.hi):
        return 0.75
    return 0.0


def evidence(a: _Item, b: _Item) -> float:
    """Summed rarity of what two events share (names and numbers count double), divided
    by log(corpus size), plus agreement of dates."""
    keys = sum(a.idf[k] for k in a.keys if k in b.keys)
    words = sum(a.idf["w:" + w] for w in a.words if w in b.words)
    return (2 * keys + words) / a.idf["#n"] + date_bonus(a, b)


def _items(events: Sequence[Event]) -> list[_Item]:
    items: list[_Item] = []
    raw_keys: list[set[str]] = []
    raw_words: list[set[str]] = []
    for i, event in enumerate(events):
        lo, hi = _interval(event)
        items.append(_Item(event, i, lo, hi, context=_context(event)))
        # Extractor names plus capitalised runs: either may miss what the other catches.
        keys = entity_keys((*event.entities, *capitalised_names(event.text)), event.text)
        keys |= numbers(event.text, (event.cue_start, event.cue_end))
        raw_keys.append(keys)
        raw_words.append(content_words(event.text))
    key_vecs, key_idf = _weights(raw_keys)
    word_vecs, word_idf = _weights(raw_words)
    idf = key_idf | {"w:" + w: v for w, v in word_idf.items()}
    idf["#n"] = math.log(len(events) + 2)
    for item, key_vec, word_vec in zip(items, key_vecs, word_vecs, strict=True):
        item.keys, item.words, item.idf = key_vec, word_vec, idf
    return items


def _candidate_pairs(items: list[_Item]) -> set[tuple[int, int]]:
    postings: dict[str, list[int]] = defaultdict(list)
    for item in items:
        for key in item.keys:
            postings[key].append(item.index)
    # Keys shared by a large part of the corpus ("morocco" in a Morocco corpus) carry
    # little evidence and would make the pair count quadratic.
    cap = min(MAX_KEY_DF, max(50, len(items) // 20))
    pairs: set[tuple[int, int]] = set()
    common: Counter[tuple[int, int]] = Counter()
    for members in postings.values():
        if len(members) > cap:
            continue
        # A rare key is evidence enough to look at the pair; two events that share only
        # one common key almost never reach the threshold, and scoring every such pair
        # made grouping quadratic on big corpora, so those need a second shared key.
        linked = _not_far(items, members)
        (pairs if len(members) <= RARE_KEY_DF else common).update(linked)
    # Two reports of one happening often share only common names ("Israel", "Morocco" in
    # a corpus about both) but several rarer words ("committee", "steering"): two such
    # words make a pair worth scoring too.
    words: dict[str, list[int]] = defaultdict(list)
    for item in items:
        for word in item.words:
            words[word].append(item.index)
    for members in words.values():
        if 1 < len(members) <= RARE_KEY_DF:
            common.update(_not_far(items, members))
    pairs.update(p for p, n in common.items() if n >= 2)
    return pairs


def _not_far(items: list[_Item], members: list[int]) -> Iterator[tuple[int, int]]:
    """The pairs (i < j) of `members` whose dates are not FAR apart (and a few that are).

    Most pairs that share a key have dates far apart and would be dropped unscored, but
    forming them cost more than all the scoring: dated members are walked in date order
    instead, each paired only with those starting at most NEAR_DAYS after it ends.
    """
    undated = [m for m in members if items[m].days is None]
    dated = sorted((m for m in members if items[m].days is not None), key=_start_of(items))
    yield from combinations(undated, 2)  # members ascend, so each pair is (low, high)
    for u in undated:
        for d in dated:
            yield (u, d) if u < d else (d, u)
    for k, x in enumerate(dated):
        reach = _span(items[x])[1] + NEAR_DAYS
        for y in dated[k + 1 :]:
            if _span(items[y])[0] > reach:
                break
            yield (x, y) if x < y else (y, x)


def _span(item: _Item) -> tuple[int, int]:
    assert item.days is not None
    return item.days


def _start_of(items: list[_Item]) -> Callable[[int], int]:
    return lambda m: _span(items[m])[0]


def _edges(items: list[_Item]) -> list[tuple[float, int, int]]:
    edges: list[tuple[float, int, int]] = []
    for i, j in _candidate_pairs(items):
        a, b = items[i], items[j]
        rel = relation(a, b)
        if rel == FAR:
            continue
        need = THRESHOLD[rel]
        if a.event.article_id == b.event.article_id:
            need += SAME_ARTICLE_EXTRA
        if rel == COMPATIBLE and "year" in (a.event.precision, b.event.precision):
            need += YEAR_EXTRA
        strength = evidence(a, b)
        if strength >= need and score(a, b) >= MIN_COSINE:
            edges.append((strength, i, j))
    edges.sort(key=lambda e: (-e[0], e[1], e[2]))
    return edges


def _cluster(items: list[_Item]) -> list[list[_Item]]:
    group_of = list(range(len(items)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(items))}
    bounds = {i: _bounds(it) for i, it in enumerate(items)}
    for _, i, j in _edges(items):
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        if _far_apart(bounds[gi], bounds[gj]):
            continue
        if len(members[gi]) < len(members[gj]):
            gi, gj = gj, gi
        for x in members.pop(gj):
            group_of[x] = gi
            members[gi].append(x)
        merged = bounds[gi]
        for kind, (lo, hi) in bounds.pop(gj).items():
            old = merged.get(kind)
            merged[kind] = (max(lo, old[0]), min(hi, old[1])) if old else (lo, hi)
    return [[items[i] for i in sorted(group)] for group in members.values()]


# Complete link needs "is any member of one group FAR from any member of the other?".
# Two dated events are FAR when one starts more than a limit after the other ends (the
# limit depends on their precisions; any gap at all for a year), so per precision a group
# only needs its latest start and earliest end: a check in constant time, where comparing
# every pair of members made merging big groups quadratic.
_LIMIT = {
    (a, b): 0 if "year" in (a, b) else NEAR_DAYS if "month" in (a, b) else 7
    for a in ("day", "month", "year")
    for b in ("day", "month", "year")
}
Bounds = dict[str, tuple[int, int]]  # precision -> (latest start, earliest end), in days


def _bounds(item: _Item) -> Bounds:
    if item.days is None:
        return {}  # an undated event is never FAR from anything
    return {"year" if item.year else "month" if item.month else "day": item.days}


def _far_apart(a: Bounds, b: Bounds) -> bool:
    for pa, (a_start, a_end) in a.items():
        for pb, (b_start, b_end) in b.items():
            limit = _LIMIT[pa, pb]
            if b_start - a_end > limit or a_start - b_end > limit:
                return True
    return False


def _consensus(group: list[_Item], *, specific: bool = False) -> _Item | None:
    """The member date most others agree with (what conflicts are measured against).

    `specific` ranks first by how many members' dates hold this one, which names the
    story: "this week" and "November 2021" vouch for "Wednesday 24th", while a week that
    overlaps every member is held by few. (As the conflict anchor it would turn the
    day before, "flew in on Tuesday", into a conflict.)
    """
    dated = [it for it in group if it.lo is not None]
    if not dated:
        return None
    rank = {"day": 0, "month": 1, "year": 2}

    def support(it: _Item) -> tuple[int, int, int, int, int]:
        lo, hi = _span(it)
        held = sum(1 for o in dated if _span(o)[0] <= lo and hi <= _span(o)[1]) if specific else 0
        agree = sum(1 for o in dated if relation(it, o) == COMPATIBLE)
        exact = sum(1 for o in dated if (o.lo, o.hi) == (it.lo, it.hi))
        return (-held, -agree, rank.get(it.event.precision or "year", 2), -exact, it.index)

    return min(dated, key=support)


def _conflicts(story_id: str, group: list[_Item], anchor: _Item) -> list[DateConflict]:
    agreeing = [it for it in group if it.lo is not None and relation(it, anchor) == COMPATIBLE]
    found: list[DateConflict] = []
    for it in group:
        if it.lo is None or relation(it, anchor) != NEAR:
            continue
        best: tuple[float, _Item] | None = None
        for other in agreeing:
            if other.source == it.source:
                continue
            shared = len(it.context & other.context)
            small = min(len(it.context), len(other.context)) or 1
            overlap = shared / small
            if shared >= 2 and overlap >= 0.25 and (best is None or overlap > best[0]):
                best = (overlap, other)
        if best is None:
            continue
        a, b = best[1].event, it.event
        found.append(DateConflict(story_id, a.id, b.id, a.cue, b.cue, a.date_start,
                                  b.date_start, a.source, b.source))  # fmt: skip
    return found


def _story(group: list[_Item]) -> Story:
    events = [it.event for it in group]
    story_id = "s:" + min(e.id for e in events)
    anchor = _consensus(group)
    named = _consensus(group, specific=True)
    head = named.event if named else events[0]
    title = head.text if len(head.text) <= 120 else head.text[:117].rstrip() + "..."
    sources = tuple(sorted({it.source for it in group}))
    conflicts = _conflicts(story_id, group, anchor) if anchor else []
    return Story(
        id=story_id,
        title=title,
        date_start=head.date_start if anchor else None,
        date_end=head.date_end if anchor else None,
        precision=head.precision if anchor else None,
        sources=sources,
        events=tuple(e.id for e in events),
        conflicts=tuple(conflicts),
    )


def group_stories(events: Sequence[Event]) -> tuple[list[Story], dict[str, str]]:
    """Stories over all `events` (singletons included) and the event id -> story id map."""
    items = _items(events)
    stories = [_story(group) for group in _cluster(items)]
    stories.sort(key=lambda s: (s.date_start or "9999", s.id))
    assignment = {event_id: story.id for story in stories for event_id in story.events}
    return stories, assignment
