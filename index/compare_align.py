"""Sentence alignment and verbatim passages between two texts.

Alignment is order-free (a reordered story still aligns) and one-to-one: every sentence pair is
scored by weighted word overlap plus name and number overlap, then the best pairs are taken
greedily. A sentence one side split in two (or two it joined) then joins its aligned
neighbour as a "merged" pair. Verbatim passages are maximal runs of identical normalized words
(>= `min_words`).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .compare_facts import dates, places, quantities
from .compare_text import STOPWORDS, Sentence, Token, content_stems, fold, name_runs, skeleton

ALIGN_MIN = 0.32  # below this two sentences are not shown on one row
SAME_MIN = 0.8  # word-set overlap above which an aligned pair is "same" rather than paraphrase
# A sentence that one side split in two, or two that it joined: the unaligned neighbour of
# an aligned sentence joins the pair when, together, they match the other side's sentence
# at least MERGE_GAIN better than the aligned one alone, and it matches it a little itself.
MERGE_GAIN = 0.1
MERGE_PART = 0.2


@dataclass(frozen=True)
class SentenceFeatures:
    """What sentence similarity looks at."""

    stems: Counter[str]
    words: frozenset[str]
    names: frozenset[str]
    numbers: frozenset[str]
    non_latin: bool = False  # some stems are not ASCII (Arabic script): set by `features`


def features(text: str, extra_names: Sequence[str] = ()) -> SentenceFeatures:
    """Stems, folded words, name keys and number/date keys of one sentence."""
    names: set[str] = set()
    for name, _, _ in name_runs(text):
        for word in name.split():
            key = skeleton(word)
            if len(key) >= 2 and fold(word) not in STOPWORDS:
                names.add(key)
    for place, _ in places(text):
        names.add("@" + place.name)
    for name in extra_names:
        names.update(skeleton(w) for w in name.split() if len(skeleton(w)) >= 2)
    if not text.isascii():
        # Scripts without capitals: every longer word may be a transliterated name.
        names.update(skeleton(w) for w in text.split() if not w.isascii() and len(skeleton(w)) >= 3)
    numbers = {f"{q.key}={q.value:.4g}" for q in quantities(text)}
    numbers.update(f"d{d.year}-{d.month}-{d.day}-{d.weekday}" for d in dates(text))
    words = frozenset(fold(w) for w in text.split())
    stems = Counter(content_stems(text))
    non_latin = any(not w.isascii() for w in stems)
    return SentenceFeatures(stems, words, frozenset(names), frozenset(numbers), non_latin)


def idf_weights(docs: Sequence[Sequence[SentenceFeatures]]) -> dict[str, float]:
    """Inverse sentence frequency, counted within each article (the larger count wins): a
    word that both articles use once is rare, not common."""
    df: Counter[str] = Counter()
    total = max((len(doc) for doc in docs), default=1)
    for doc in docs:
        counts: Counter[str] = Counter()
        for feats in doc:
            counts.update(feats.stems.keys())
        for w, n in counts.items():
            df[w] = max(df[w], n)
    return {w: math.log(1.0 + total / n) for w, n in df.items()}


def _cosine(a: Counter[str], b: Counter[str], idf: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    dot = sum(min(a[w], b[w]) * idf.get(w, 1.0) ** 2 for w in a.keys() & b.keys())
    if not dot:
        return 0.0
    na = math.sqrt(sum((c * idf.get(w, 1.0)) ** 2 for w, c in a.items()))
    nb = math.sqrt(sum((c * idf.get(w, 1.0)) ** 2 for w, c in b.items()))
    return float(dot / (na * nb))


def _overlap(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return float(len(a & b) / min(len(a), len(b)) * (len(a & b) / len(a | b)) ** 0.5)


def similarity(a: SentenceFeatures, b: SentenceFeatures, idf: dict[str, float]) -> float:
    """Sentence similarity in [0, 1]: lexical cosine blended with name and number overlap."""
    return _blend(a, b, _cosine(a.stems, b.stems, idf))


def _same_script(a: SentenceFeatures, b: SentenceFeatures) -> bool:
    return a.non_latin == b.non_latin


def _vector(stems: Counter[str], idf: dict[str, float]) -> tuple[dict[str, float], float]:
    vec = {w: c * idf.get(w, 1.0) for w, c in stems.items()}
    return vec, math.sqrt(sum(v * v for v in vec.values()))


def _similarity(
    a: SentenceFeatures,
    b: SentenceFeatures,
    va: tuple[dict[str, float], float],
    vb: tuple[dict[str, float], float],
) -> float:
    (xa, na), (xb, nb) = va, vb
    dot = sum(min(x, xb[w]) * min(x, xb[w]) for w, x in xa.items() if w in xb) if na and nb else 0
    lex = dot / (na * nb) if dot else 0.0
    return _blend(a, b, lex)


def _blend(a: SentenceFeatures, b: SentenceFeatures, lex: float) -> float:
    score, weight = 0.65 * lex, 0.65
    if a.names or b.names:
        score += 0.25 * _overlap(a.names, b.names)
        weight += 0.25
    if a.numbers or b.numbers:
        score += 0.10 * _overlap(a.numbers, b.numbers)
        weight += 0.10
    blended = score / weight
    # Never let names alone carry a pair that shares no content word in the same language.
    return max(lex, blended) if lex > 0.05 or not a.stems or not _same_script(a, b) else lex


def align(
    fa: Sequence[SentenceFeatures], fb: Sequence[SentenceFeatures], minimum: float = ALIGN_MIN
) -> list[tuple[int, int, float, str]]:
    """(a_index, b_index, similarity, kind) pairs in A order: one-to-one ("same",
    "paraphrase"), plus "merged" pairs for a sentence that the other side joined to its
    aligned neighbour (see `_merges`)."""
    idf = idf_weights([fa, fb])
    va = [_vector(x.stems, idf) for x in fa]
    vb = [_vector(y.stems, idf) for y in fb]
    # Inverted index over stems and names: only sentence pairs sharing something are scored.
    postings: dict[str, list[int]] = {}
    for j, y in enumerate(fb):
        for key in (*y.stems, *("@" + n for n in y.names)):
            postings.setdefault(key, []).append(j)
    scored = []
    for i, x in enumerate(fa):
        cands: set[int] = set()
        for key in (*x.stems, *("@" + n for n in x.names)):
            cands.update(postings.get(key, ()))
        for j in cands:
            s = _similarity(fa[i], fb[j], va[i], vb[j])
            if s >= minimum:
                scored.append((s, i, j))
    scored.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for s, i, j in scored:
        if i in used_a or j in used_b:
            continue
        used_a.add(i)
        used_b.add(j)
        wa, wb = fa[i].words, fb[j].words
        same = len(wa & wb) / max(1, len(wa | wb)) >= SAME_MIN
        pairs.append((i, j, round(s, 3), "same" if same else "paraphrase"))
    pairs += _merges(fa, fb, pairs, idf)
    pairs.sort()
    return pairs


def _joined(x: SentenceFeatures, y: SentenceFeatures) -> SentenceFeatures:
    return SentenceFeatures(x.stems + y.stems, x.words | y.words, x.names | y.names,
                            x.numbers | y.numbers, x.non_latin or y.non_latin)  # fmt: skip


def _merges(
    fa: Sequence[SentenceFeatures],
    fb: Sequence[SentenceFeatures],
    pairs: Sequence[tuple[int, int, float, str]],
    idf: dict[str, float],
) -> list[tuple[int, int, float, str]]:
    """(a, b, similarity, "merged") for sentences that complete an aligned pair: B wrote
    in one sentence what A wrote in two (or the other way round)."""
    used = ({i for i, _, _, _ in pairs}, {j for _, j, _, _ in pairs})
    out: list[tuple[int, int, float, str]] = []
    for i, j, s, _ in pairs:
        for side, own, other in ((0, fa, fb[j]), (1, fb, fa[i])):
            k = (i, j)[side]
            for n in (k - 1, k + 1):
                if not 0 <= n < len(own) or n in used[side]:
                    continue
                if similarity(own[n], other, idf) < MERGE_PART:
                    continue
                both = similarity(_joined(own[k], own[n]), other, idf)
                if both >= s + MERGE_GAIN:
                    used[side].add(n)
                    out.append((n, j, round(both, 3), "merged") if side == 0 else
                               (i, n, round(both, 3), "merged"))  # fmt: skip
                    break
    return out


# --- verbatim passages ----------------------------------------------------------------------


def raw_runs(
    a: Sequence[Token], b: Sequence[Token], min_words: int = 8
) -> list[tuple[int, int, int]]:
    """Every maximal common word run as (a_word_index, b_word_index, length)."""
    if len(a) < min_words or len(b) < min_words:
        return []
    an = [t.norm for t in a]
    bn = [t.norm for t in b]
    index: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(bn) - min_words + 1):
        index.setdefault(tuple(bn[j : j + min_words]), []).append(j)
    covered: dict[int, int] = {}  # diagonal (i - j) -> A index up to which it is already a run
    runs = []
    for i in range(len(an) - min_words + 1):
        for j in index.get(tuple(an[i : i + min_words]), ()):
            if covered.get(i - j, -1) > i:
                continue
            n = min_words
            while i + n < len(an) and j + n < len(bn) and an[i + n] == bn[j + n]:
                n += 1
            covered[i - j] = i + n
            runs.append((i, j, n))
    return runs


def reuse(runs: Sequence[tuple[int, int, int]], len_a: int, len_b: int) -> tuple[float, float]:
    """Share of A's words and of B's words that lie in some shared run."""
    cov_a: set[int] = set()
    cov_b: set[int] = set()
    for i, j, n in runs:
        cov_a.update(range(i, i + n))
        cov_b.update(range(j, j + n))
    return len(cov_a) / max(1, len_a), len(cov_b) / max(1, len_b)


def shared_runs(runs: Sequence[tuple[int, int, int]]) -> list[tuple[int, int, int]]:
    """The longest runs that overlap neither in A nor in B, in A order."""
    runs = list(runs)
    runs.sort(key=lambda r: (-r[2], r[0]))
    taken: list[tuple[int, int, int]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for i, j, n in runs:
        span_a = set(range(i, i + n))
        span_b = set(range(j, j + n))
        if span_a & used_a or span_b & used_b:
            continue
        used_a |= span_a
        used_b |= span_b
        taken.append((i, j, n))
    return sorted(taken)


def sentence_of(sentences: Sequence[Sentence], offset: int) -> int:
    """Index of the sentence containing `offset` (or the nearest before it)."""
    lo, hi = 0, len(sentences) - 1
    best = 0
    while lo <= hi:
        mid = (lo + hi) // 2
        if sentences[mid].start <= offset:
            best = mid
            lo = mid + 1
        else:
            hi = mid - 1
    return best
