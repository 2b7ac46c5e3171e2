"""Article profiles and the "same story?" score between two articles.

A profile holds what story detection looks at: name keys (cross-script skeletons and gazetteer
places), content stems, specific numbers and dates, and the publication date. Weights come
from document frequencies over a corpus when one is given (`Background`), so names that every
article on the topic shares ("Morocco", "Israel") count for little.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from .compare_facts import dates, day_months, places, quantities
from .compare_gazetteer import country_of
from .compare_text import STOPWORDS, content_stems, fold, name_runs, skeleton
from .model import Article

VERBATIM_SHARE = 0.5  # share of the shorter article inside shared runs for "verbatim"
SAME_STORY = 0.34
RELATED = 0.16
MAX_GAP_DAYS = 12  # two reports of one event are published within this many days
NEAR_GAP_DAYS = 5  # published this close, shared salient entities are enough
# Salient-entity overlap (`entity_overlap`) that makes two reports one story: with close
# publication dates, or with at least one date unknown.
ENTITY_NEAR = 0.2
ENTITY_SAME = 0.42
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
LEDE_CHARS = 400  # mentions this early in the body (the lede) weigh double


_COMMON_CAPS = frozenset(
    """minister ministry defense defence general army forces armed royal government
    president prime chief director inspector office affairs committee council foreign
    national state military security kingdom agency news report read more north south
    east west new former first department international commander staff head deputy
    spokesperson""".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class Profile:
    """What story detection knows about one article."""

    id: str
    published: str | None
    names: frozenset[str]
    stems: dict[str, float]
    facts: frozenset[str]
    words: int
    # Canonical entity names (from the extractor's mentions; countries left out) and their
    # salience: mentions counted, those in the lede twice.
    entities: dict[str, float] = field(default_factory=dict)
    # Undated articles: the month of the latest date their text gives (they appeared after).
    after: str | None = None


@dataclass
class Background:
    """Document frequencies over a corpus, for weighting shared names and words."""

    docs: int = 0
    names: Counter[str] = field(default_factory=Counter)
    stems: Counter[str] = field(default_factory=Counter)
    entities: Counter[str] = field(default_factory=Counter)

    _weights: dict[str, float] = field(default_factory=dict)
    _vectors: dict[int, tuple[Profile, dict[str, float], float]] = field(default_factory=dict)

    def add(self, profile: Profile) -> None:
        """Count one article."""
        self.docs += 1
        self.names.update(profile.names)
        self.stems.update(profile.stems.keys())
        self.entities.update(profile.entities.keys())
        self._weights.clear()
        self._vectors.clear()

    def name_weight(self, key: str) -> float:
        """Rare names weigh more; with no corpus, places weigh less than other names."""
        if self.docs < 5:
            return 0.35 if key.startswith("@") else 1.0
        return math.log((self.docs + 1) / (self.names.get(key, 0) + 0.5))

    def entity_weight(self, name: str) -> float:
        """Inverse document frequency of a canonical entity (1 without a corpus)."""
        if self.docs < 5:
            return 1.0
        return max(0.0, math.log((self.docs + 1) / (self.entities.get(name, 0) + 0.5)))

    def stem_weight(self, key: str) -> float:
        """Inverse document frequency of a stem (1 without a corpus)."""
        if self.docs < 5:
            return 1.0
        w = self._weights.get(key)
        if w is None:
            w = self._weights[key] = math.log((self.docs + 1) / (self.stems.get(key, 0) + 0.5))
        return w

    def vector(self, p: Profile) -> tuple[dict[str, float], float]:
        """The tf-idf vector of a profile and its norm (cached per profile object)."""
        got = self._vectors.get(id(p))
        # The profile itself is kept in the entry: an id() can be reused once it is freed.
        if got is None or got[0] is not p:
            vec = {w: v * self.stem_weight(w) for w, v in p.stems.items()}
            got = (p, vec, math.sqrt(sum(x * x for x in vec.values())))
            if len(self._vectors) > 200_000:
                self._vectors.clear()
            self._vectors[id(p)] = got
        return got[1], got[2]


def _text(article: Article) -> str:
    return f"{article.title}\n\n{article.body}" if article.title else article.body


_PROFILES: dict[Article, Profile] = {}


def profile(article: Article) -> Profile:
    """The story profile of an article (remembered: a target is compared with many others)."""
    got = _PROFILES.get(article)
    if got is None:
        if len(_PROFILES) >= 2048:
            _PROFILES.clear()
        got = _PROFILES[article] = _profile(article)
    return got


def clear_profiles() -> None:
    """Forget remembered profiles (benchmarks time cold runs)."""
    _PROFILES.clear()


def _profile(article: Article) -> Profile:
    text = _text(article)
    names: set[str] = set()
    # A capitalized word that the same text also writes in lower case is a common word
    # ("Defense Minister" vs "the defense minister"), not a name.
    lower = set(re.findall(r"\b[a-zà-ÿ][\w'’-]*", text))
    for name, _, _ in name_runs(text):
        for word in name.split():
            low = fold(word).strip(".,'’")
            key = skeleton(word)
            if (len(key) < 3 or low in STOPWORDS or low in _COMMON_CAPS or word.isdigit()
                    or word.lower() in lower or country_of(word)):  # fmt: skip
                continue
            names.add(key)
    for place, _ in places(text):
        names.add("@" + place.name)
    for mention in article.mentions:
        names.update(skeleton(w) for w in mention.name.split() if len(skeleton(w)) >= 3)
    if not text.isascii():
        names.update(
            skeleton(w) for w in re.findall(r"[\u0600-\u06ff]+", text) if len(skeleton(w)) >= 3
        )
    stems = Counter(content_stems(text))
    tf = {w: 1.0 + math.log(c) for w, c in stems.items()}
    facts = {f"{q.key}={q.value:.4g}" for q in quantities(text, words=False) if q.value >= 10}
    facts.update(f"{m}-{d}" for m, d in day_months(text))
    entities: dict[str, float] = {}
    for mention in article.mentions:
        if mention.type == "place" and country_of(mention.name):
            continue  # every report on the topic names the countries
        weight = 2.0 if mention.start < LEDE_CHARS else 1.0
        entities[mention.name] = entities.get(mention.name, 0.0) + weight
    after = None if article.published else latest_date(f"{article.body}\n{article.captions}")
    return Profile(
        article.id, article.published, frozenset(names), tf, frozenset(facts),
        len(text.split()), entities, after,
    )  # fmt: skip


def latest_date(text: str) -> str | None:
    """The month of the latest dated reference (with a year) in `text`.

    An article appears after the events it dates, so for an undated article this is a lower
    bound on its publication date (month precision keeps a margin).
    """
    best: tuple[int, int] | None = None
    # Only the text around a year can give a dated reference: look there, not everywhere.
    for m in _YEAR.finditer(text):
        for ref in dates(text[max(0, m.start() - 24) : m.end()]):
            if ref.year is None or ref.month is None or not 1900 < ref.year < 2200:
                continue
            if best is None or (ref.year, ref.month) > best:
                best = (ref.year, ref.month)
    return f"{best[0]:04d}-{best[1]:02d}" if best else None


def entity_overlap(a: Profile, b: Profile, bg: Background) -> float:
    """How much of their salient entities two articles share, in [0, 1] (0 without entities).

    Language-independent: canonical names are the same in English, French and Arabic text.
    The geometric mean of containment (a short report inside a long one) and a Jaccard-like
    share, each entity weighted by rarity and the square root of its salience.
    """
    if not a.entities or not b.entities:
        return 0.0
    w = bg.entity_weight
    total_a = sum(math.sqrt(c) * w(n) for n, c in a.entities.items())
    total_b = sum(math.sqrt(c) * w(n) for n, c in b.entities.items())
    shared = sum(
        min(math.sqrt(a.entities[n]), math.sqrt(b.entities[n])) * w(n)
        for n in a.entities.keys() & b.entities.keys()
    )
    if shared <= 0 or min(total_a, total_b) <= 0:
        return 0.0
    return math.sqrt((shared / min(total_a, total_b)) * (shared / max(total_a, total_b)))


def entities_same_story(overlap: float, gap: float | None) -> bool:
    """Shared salient entities alone make one story: a lower bar when published close."""
    if gap is not None and gap > MAX_GAP_DAYS:
        return False
    near = gap is not None and gap <= NEAR_GAP_DAYS
    return overlap >= (ENTITY_NEAR if near else ENTITY_SAME)


def _days(published: str | None) -> tuple[date, str] | None:
    if not published:
        return None
    parts = published.split("-")
    try:
        if len(parts) >= 3:
            return date(int(parts[0]), int(parts[1]), int(parts[2][:2])), "day"
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 15), "month"
        return date(int(parts[0]), 7, 1), "year"
    except ValueError:
        return None


def date_gap(a: str | None, b: str | None) -> float | None:
    """Days between two publication dates, minus the slack of their precision."""
    da, db = _days(a), _days(b)
    if da is None or db is None:
        return None
    slack = {"day": 0, "month": 16, "year": 183}
    return max(0.0, abs((da[0] - db[0]).days) - slack[da[1]] - slack[db[1]])


def profile_gap(a: Profile, b: Profile) -> float | None:
    """Days between two articles' publication, as far as it is known.

    When one is undated, its text's latest date bounds it from below: a dated article
    published well before that bound is far from it; otherwise the gap is unknown.
    """
    if a.published and b.published:
        return date_gap(a.published, b.published)
    for undated, dated in ((a, b), (b, a)):
        if dated.published and not undated.published and undated.after:
            da, db = _days(dated.published), _days(undated.after)
            if da is not None and db is not None and da[0] < db[0]:
                return date_gap(dated.published, undated.after)
    return None


def _weighted_overlap(a: Iterable[str], b: Iterable[str], weight: dict[str, float]) -> float:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return 0.0
    shared = sum(weight[k] for k in sa & sb)
    small = min(sum(weight[k] for k in sa), sum(weight[k] for k in sb))
    union = sum(weight[k] for k in sa | sb)
    if small <= 0 or union <= 0:
        return 0.0
    # Geometric mean of containment and Jaccard: a short report inside a long one still scores.
    return math.sqrt((shared / small) * (shared / union))


def story_score(a: Profile, b: Profile, bg: Background) -> float:
    """How likely two articles report one event, in [0, 1]."""
    keys = a.names | b.names
    nweights = {k: max(0.0, bg.name_weight(k)) for k in keys}
    names = _weighted_overlap(a.names, b.names, nweights)
    va, na = bg.vector(a)
    vb, nb = bg.vector(b)
    if len(va) > len(vb):
        va, vb = vb, va
    dot = sum(x * vb[w] for w, x in va.items() if w in vb)
    words = dot / (na * nb) if na and nb else 0.0
    facts = min(1.0, len(a.facts & b.facts) / 3.0)
    return 0.45 * names + 0.4 * words + 0.15 * facts


PAIR_SAME_STORY = 0.18  # on `pair_score`, which also counts aligned sentences
PAIR_RELATED = 0.08


def pair_score(score: float, aligned_share: float) -> float:
    """Blend the profile score with the share of strongly aligned sentences (pairwise only)."""
    return 0.5 * score + 0.5 * aligned_share


def pair_kind(combined: float, gap: float | None, reuse_short: float, entities: float = 0.0) -> str:
    """Kind of a pair from `pair_score`, the date gap, the verbatim reuse share and the
    salient-entity overlap."""
    if reuse_short >= VERBATIM_SHARE:
        return "verbatim"
    far = gap is not None and gap > MAX_GAP_DAYS
    if (combined >= PAIR_SAME_STORY and not far) or entities_same_story(entities, gap):
        return "same_story"
    if entities >= ENTITY_NEAR:
        return "related"
    if combined >= PAIR_RELATED:
        return "related"
    return "unrelated"


def story_kind(score: float, gap: float | None, reuse_short: float) -> str:
    """verbatim / same_story / related / unrelated from the score, date gap and reuse."""
    if reuse_short >= VERBATIM_SHARE:
        return "verbatim"
    far = gap is not None and gap > MAX_GAP_DAYS
    if score >= SAME_STORY and not far:
        return "same_story"
    if score >= RELATED or (score >= SAME_STORY and far):
        return "related"
    return "unrelated"
