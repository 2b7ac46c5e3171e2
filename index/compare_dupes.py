"""Near-duplicate and same-story groups across a corpus.

Verbatim reuse: word 5-gram shingles, MinHash signatures and LSH banding find candidate pairs,
then exact shingle containment confirms them. Same story: an inverted index over rare name and
fact keys finds candidate pairs, which `story_score` confirms. Profiles are built in worker
processes for large inputs (both cores), the pairing runs in the calling process.
"""

from __future__ import annotations

import zlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import numpy as np

from .compare_story import (
    MAX_GAP_DAYS,
    SAME_STORY,
    VERBATIM_SHARE,
    Background,
    Profile,
    entities_same_story,
    entity_overlap,
    profile,
    profile_gap,
    story_score,
)
from .compare_text import normalize_word
from .model import Article, DuplicateGroup

SHINGLE = 5
_PERMS = 60
_BANDS = 20  # 20 bands of 3 rows: pairs above ~0.37 Jaccard become candidates
_PRIME = np.uint64(4294967311)
_rng = np.random.default_rng(20240601)
_A = _rng.integers(1, 2**32 - 1, size=(_PERMS, 1), dtype=np.uint64)
_B = _rng.integers(0, 2**32 - 1, size=(_PERMS, 1), dtype=np.uint64)
_PARALLEL_MIN = 1500  # below this many articles, worker start-up costs more than it saves
_MAX_POSTING = 30  # name keys shared by more articles than this say nothing about one story

Sketch = tuple[Profile, np.ndarray, np.ndarray]


def shingles(text: str) -> np.ndarray:
    """Sorted unique 32-bit hashes of the word 5-grams of `text`."""
    words = [normalize_word(w) for w in text.split()]
    words = [w.strip(".,;:!?\"'()[]“”‘’«»") for w in words]
    words = [w for w in words if w]
    if len(words) < SHINGLE:
        grams = [" ".join(words)] if words else []
    else:
        grams = [" ".join(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)]
    return np.unique(np.fromiter((zlib.crc32(g.encode()) for g in grams), dtype=np.uint64))


def minhash(hashes: np.ndarray) -> np.ndarray:
    """A `_PERMS`-long MinHash signature of a shingle set."""
    if hashes.size == 0:
        return np.full(_PERMS, np.iinfo(np.uint64).max, dtype=np.uint64)
    sig: np.ndarray = ((_A * hashes[None, :] + _B) % _PRIME).min(axis=1)
    return sig


def sketch(article: Article) -> Sketch:
    """Profile, shingles and signature of one article."""
    sh = shingles(article.body)
    return profile(article), sh, minhash(sh)


def _sketch_chunk(chunk: Sequence[Article]) -> list[Sketch]:
    return [sketch(a) for a in chunk]


def _sketches(
    articles: Sequence[Article], progress: Callable[[int, int], None] | None, workers: int
) -> list[Sketch]:
    total = len(articles)
    if workers <= 1 or total < _PARALLEL_MIN:
        out = []
        for n, art in enumerate(articles, 1):
            out.append(sketch(art))
            if progress and (n % 500 == 0 or n == total):
                progress(n, total)
        return out
    size = max(200, total // (workers * 8))
    chunks = [articles[i : i + size] for i in range(0, total, size)]
    out = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        for part in pool.map(_sketch_chunk, chunks):
            out.extend(part)
            if progress:
                progress(len(out), total)
    return out


def _profile_chunk(chunk: Sequence[Article]) -> list[Profile]:
    return [profile(a) for a in chunk]


def profiles(articles: Sequence[Article], workers: int = 2) -> list[Profile]:
    """Story profiles of `articles`, built in worker processes for large inputs."""
    total = len(articles)
    if workers <= 1 or total < _PARALLEL_MIN:
        return [profile(a) for a in articles]
    size = max(200, total // (workers * 8))
    chunks = [articles[i : i + size] for i in range(0, total, size)]
    out: list[Profile] = []
    with ProcessPoolExecutor(max_workers=workers, mp_context=get_context("spawn")) as pool:
        for part in pool.map(_profile_chunk, chunks):
            out.extend(part)
    return out


def _containment(a: np.ndarray, b: np.ndarray) -> float:
    if a.size == 0 or b.size == 0:
        return 0.0
    shared = np.intersect1d(a, b, assume_unique=True).size
    return shared / min(a.size, b.size)


def _verbatim_edges(sk: Sequence[Sketch]) -> dict[tuple[int, int], float]:
    rows = _PERMS // _BANDS
    candidates: set[tuple[int, int]] = set()
    for band in range(_BANDS):
        buckets: dict[bytes, list[int]] = defaultdict(list)
        for i, (_, sh, sig) in enumerate(sk):
            if sh.size >= 3:
                buckets[sig[band * rows : (band + 1) * rows].tobytes()].append(i)
        for members in buckets.values():
            if 1 < len(members) <= 200:
                for x in range(len(members)):
                    for y in range(x + 1, len(members)):
                        candidates.add((members[x], members[y]))
    edges = {}
    for i, j in candidates:
        c = _containment(sk[i][1], sk[j][1])
        if c >= VERBATIM_SHARE:
            edges[(i, j)] = c
    return edges


def _story_edges(profiles: Sequence[Profile], bg: Background) -> dict[tuple[int, int], float]:
    postings: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(profiles):
        for key in p.names:
            postings[key].append(i)
        for key in p.facts:
            postings["#" + key].append(i)
        for name in p.entities:
            postings["$" + name].append(i)
    votes: Counter[tuple[int, int]] = Counter()
    for key, members in postings.items():
        if not 1 < len(members) <= _MAX_POSTING:
            continue
        weight = 2 if key.startswith("#") else 1
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                votes[(members[x], members[y])] += weight
    edges = {}
    for (i, j), v in votes.items():
        if v < 3:
            continue
        gap = profile_gap(profiles[i], profiles[j])
        if gap is not None and gap > MAX_GAP_DAYS:
            continue
        score = story_score(profiles[i], profiles[j], bg)
        if score >= SAME_STORY:
            edges[(i, j)] = score
            continue
        ents = entity_overlap(profiles[i], profiles[j], bg)
        if entities_same_story(ents, gap):
            edges[(i, j)] = ents
    return edges


def _cluster(n: int, edges: dict[tuple[int, int], float]) -> list[list[int]]:
    """Average-link style merging: join two groups only when most of their members are linked,
    so a chain of loosely similar articles does not collapse into one blob."""
    group = list(range(n))
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    linked = set(edges)
    for (i, j), _ in sorted(edges.items(), key=lambda kv: -kv[1]):
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        mi, mj = members[gi], members[gj]
        links = sum(1 for x in mi for y in mj if (min(x, y), max(x, y)) in linked)
        if links * 2 < len(mi) * len(mj):
            continue
        for x in mj:
            group[x] = gi
        mi.extend(mj)
        del members[gj]
    return [sorted(m) for m in members.values() if len(m) > 1]


def _origin(ids: Sequence[str], published: Sequence[str | None]) -> str | None:
    dated = sorted((p, i) for p, i in zip(published, ids, strict=True) if p)
    if not dated:
        return None
    if len(dated) > 1 and dated[0][0] == dated[1][0]:
        return None  # published the same day: the order is unknown
    return dated[0][1]


def duplicate_groups(
    articles: Iterable[Article],
    progress: Callable[[int, int], None] | None = None,
    workers: int = 2,
) -> list[DuplicateGroup]:
    """Verbatim-copy groups (with their likely origin) and same-story groups, largest first."""
    return groups_and_background(articles, progress, workers)[0]


def background_of(profiles: Iterable[Profile]) -> Background:
    """Document frequencies over `profiles`."""
    bg = Background()
    for p in profiles:
        bg.add(p)
    return bg


def groups_and_background(
    articles: Iterable[Article],
    progress: Callable[[int, int], None] | None = None,
    workers: int = 2,
) -> tuple[list[DuplicateGroup], Background]:
    """`duplicate_groups` plus the corpus `Background` it was computed with (for reuse)."""
    arts = list(articles)
    sk = _sketches(arts, progress, workers)
    profiles = [s[0] for s in sk]
    bg = background_of(profiles)
    verbatim = _verbatim_edges(sk)
    story = _story_edges(profiles, bg)
    for pair, c in verbatim.items():
        story[pair] = max(story.get(pair, 0.0), c)
    out: list[DuplicateGroup] = []
    verbatim_sets = []
    for members in _cluster(len(arts), verbatim):
        ids = [arts[i].id for i in members]
        verbatim_sets.append(frozenset(members))
        score = min(verbatim.get((x, y), 1.0) for x in members for y in members if x < y)
        origin = _origin(ids, [arts[i].published for i in members])
        out.append(DuplicateGroup("verbatim", tuple(ids), origin, round(score, 3)))
    for members in _cluster(len(arts), story):
        if frozenset(members) in verbatim_sets:
            continue
        ids = [arts[i].id for i in members]
        scores = [story[(x, y)] for x in members for y in members if (x, y) in story]
        out.append(DuplicateGroup("same_story", tuple(ids), None, round(min(scores), 3)))
    out.sort(key=lambda g: (g.kind != "verbatim", -len(g.article_ids), g.article_ids))
    return out, bg
