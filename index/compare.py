"""Compare two sources: alignment, shared passages, conflicts and same-story detection.

Public API (pure functions over `model` dataclasses, no I/O, no UI):

- `compare(a, b, background=None) -> Comparison`
- `classify_pair(a, b, background=None) -> str` (verbatim / same_story / related / unrelated)
- `similar_kinds(target, candidates) -> list[(id, kind, score)]`
- `duplicate_groups(articles, progress=None, workers=2) -> list[DuplicateGroup]`
- `attributions(text) -> list[Attribution]`
"""

from __future__ import annotations

from collections.abc import Sequence

from .compare_align import align, features, raw_runs, reuse, shared_runs
from .compare_attrib import attributions, sentence_attributions
from .compare_conflicts import find_conflicts
from .compare_dupes import duplicate_groups
from .compare_story import (
    ENTITY_NEAR,
    Background,
    entity_overlap,
    pair_kind,
    pair_score,
    profile,
    profile_gap,
    story_score,
)
from .compare_text import split_sentences, tokens
from .model import AlignedPair, Article, Comparison, SharedPassage

__all__ = [
    "Background",
    "attributions",
    "classify_pair",
    "compare",
    "duplicate_groups",
    "similar_kinds",
]

MIN_PASSAGE_WORDS = 8


def _mention_names(article: Article, start: int, end: int) -> list[str]:
    return [m.name for m in article.mentions if start <= m.start < end]


def _reuse_short(a: Article, b: Article) -> tuple[float, float, list[tuple[int, int, int]]]:
    ta, tb = tokens(a.body), tokens(b.body)
    runs = raw_runs(ta, tb, MIN_PASSAGE_WORDS)
    ra, rb = reuse(runs, len(ta), len(tb))
    return ra, rb, runs


def compare(a: Article, b: Article, background: Background | None = None) -> Comparison:
    """Align the sentences of two articles and list what they share and where they differ."""
    bg = background or Background()
    sa, sb = split_sentences(a.body), split_sentences(b.body)
    fa = [features(s.text, _mention_names(a, s.start, s.end)) for s in sa]
    fb = [features(s.text, _mention_names(b, s.start, s.end)) for s in sb]
    aligned = align(fa, fb)
    # Merged pairs complete a one-to-one pair: the score and the conflicts look at the
    # one-to-one pairs (a merged sentence's facts come from its neighbour's row too).
    one_to_one = [p for p in aligned if p[3] != "merged"]
    ta, tb = tokens(a.body), tokens(b.body)
    runs = raw_runs(ta, tb, MIN_PASSAGE_WORDS)
    reuse_a, reuse_b = reuse(runs, len(ta), len(tb))
    passages = tuple(
        SharedPassage(
            ta[i].start,
            ta[i + n - 1].end,
            tb[j].start,
            tb[j + n - 1].end,
            a.body[ta[i].start : ta[i + n - 1].end],
            n,
        )
        for i, j, n in shared_runs(runs)
    )
    pa, pb = profile(a), profile(b)
    score = story_score(pa, pb, bg)
    # Aligned sentences are direct evidence of one story: blend their share into the score.
    combined = pair_score(score, _strong_share(one_to_one, len(sa), len(sb)))
    similarity = round(min(1.0, max(combined, max(reuse_a, reuse_b))), 3)
    short = reuse_a if len(ta) <= len(tb) else reuse_b
    ents = entity_overlap(pa, pb, bg)
    kind = pair_kind(combined, profile_gap(pa, pb), short, ents)
    texts_a = tuple(s.text for s in sa)
    texts_b = tuple(s.text for s in sb)
    conflicts = find_conflicts(
        texts_a,
        texts_b,
        [(i, j, s) for i, j, s, _ in one_to_one],
        a.body,
        b.body,
        same_story=kind in ("verbatim", "same_story"),
    )
    pairs = tuple(AlignedPair(i, j, texts_a[i], texts_b[j], s, k) for i, j, s, k in aligned)
    used_a = {p.a_index for p in pairs}
    used_b = {p.b_index for p in pairs}
    return Comparison(
        a_id=a.id,
        b_id=b.id,
        similarity=similarity,
        kind=kind,  # type: ignore[arg-type]
        reuse_a=round(reuse_a, 3),
        reuse_b=round(reuse_b, 3),
        a_sentences=texts_a,
        b_sentences=texts_b,
        pairs=pairs,
        only_a=tuple(i for i in range(len(sa)) if i not in used_a),
        only_b=tuple(j for j in range(len(sb)) if j not in used_b),
        passages=passages,
        conflicts=tuple(conflicts),
        attributions_a=tuple(x for i, s in enumerate(texts_a) for x in sentence_attributions(s, i)),
        attributions_b=tuple(x for j, s in enumerate(texts_b) for x in sentence_attributions(s, j)),
        a_spans=tuple((s.start, s.end) for s in sa),
        b_spans=tuple((s.start, s.end) for s in sb),
    )


def classify_pair(a: Article, b: Article, background: Background | None = None) -> str:
    """verbatim, same_story, related or unrelated (cheaper than a full `compare`)."""
    return _classify(a, b, background or Background())[0]


def _strong_share(aligned: Sequence[tuple[int, int, float, str]], na: int, nb: int) -> float:
    strong = sum(1 for _, _, s, _ in aligned if s >= 0.5)
    return strong / max(1, min(na, nb))


def _classify(a: Article, b: Article, bg: Background) -> tuple[str, float]:
    pa, pb = profile(a), profile(b)
    score = story_score(pa, pb, bg)
    ents = entity_overlap(pa, pb, bg)
    ra, rb, _ = _reuse_short(a, b)
    wa, wb = len(a.body.split()), len(b.body.split())
    short = ra if wa <= wb else rb
    gap = profile_gap(pa, pb)
    if short < 0.5 and score < 0.02 and ents < ENTITY_NEAR:
        return "unrelated", score  # nothing in common: skip the sentence alignment
    sa, sb = split_sentences(a.body), split_sentences(b.body)
    aligned = align([features(s.text) for s in sa], [features(s.text) for s in sb])
    one_to_one = [p for p in aligned if p[3] != "merged"]
    combined = pair_score(score, _strong_share(one_to_one, len(sa), len(sb)))
    kind = pair_kind(combined, gap, short, ents)
    return kind, max(combined, ents) if kind == "same_story" else combined


def similar_kinds(
    target: Article, candidates: Sequence[Article], background: Background | None = None
) -> list[tuple[str, str, float]]:
    """(article id, kind, score) for each candidate that is at least related, best first."""
    bg = background
    if bg is None:
        bg = Background()
        for art in (target, *candidates):
            bg.add(profile(art))
    out = []
    for cand in candidates:
        if cand.id == target.id:
            continue
        kind, score = _classify(target, cand, bg)
        if kind != "unrelated":
            out.append((cand.id, kind, round(score, 3)))
    rank = {"verbatim": 0, "same_story": 1, "related": 2}
    out.sort(key=lambda t: (rank[t[1]], -t[2]))
    return out


attributions = attributions  # re-exported: extraction of "according to X" phrases
