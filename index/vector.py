"""Whole-array evaluation of parsed queries over Whoosh's postings.

Whoosh scores a query by walking a tree of matchers one posting at a time, in Python: a
word found in most articles costs tens of thousands of method calls (bench/RESULTS.md).
Here each leaf term's postings are read a block at a time into numpy arrays
(postings.py), and the query tree is combined with array operations into a match mask
and a score per document. Scores use Whoosh's BM25F formula with its own statistics
(idf, average field length, the byte-encoded field length), so relevance ranking stays
Whoosh's.

An AND evaluates its most selective part first and hands the survivors down as
`within`: the other parts then skip posting blocks that hold none of them, and a phrase
decodes positions only there. Outside `within` a part's result may be incomplete, which
is safe because the AND discards it.

A node this module does not know raises `Unsupported`, and the caller falls back to
Whoosh's matchers: an unusual query is slower, never wrong.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial, reduce

import numpy as np
from numpy.typing import NDArray
from whoosh import query as wq
from whoosh.reading import IndexReader, TermNotFound
from whoosh.scoring import BM25F
from whoosh.searching import Searcher

from .blocks import PackedValues
from .fastpath import DateDocs, DateIndex
from .positions import phrase_docs, position_decoder
from .postings import Block, Ids, Postings, distinct, leaf_blocks, segment_lengths

Mask = NDArray[np.bool_]
Scores = NDArray[np.float64]

# Postings kept from recent queries, counted in documents (16 bytes each: about 32 MB).
RECENT_POSTINGS = 2_000_000
RECENT_PHRASES = 64
# Expansions longer than this (e.g. `a*`) are matched but not scored term by term.
_TOO_MANY_TERMS = 1024


class Unsupported(Exception):
    """A query node this module does not evaluate; use Whoosh's matchers instead."""


@dataclass
class Matches:
    """Which documents match (global docnums), and each one's score (0 elsewhere)."""

    mask: Mask
    scores: Scores


class VectorIndex:
    """Per-searcher state (segments, deletions, field lengths) and the evaluator."""

    def __init__(self, searcher: Searcher) -> None:
        self.searcher = searcher
        self.schema = searcher.schema
        reader = searcher.reader()
        # An empty index has one reader with no columns or postings: skip it.
        self.leaves: list[tuple[IndexReader, int]] = [
            (leaf, base) for leaf, base in reader.leaf_readers() if leaf.doc_count_all()
        ]
        self.size = int(reader.doc_count_all())
        self.live: Mask = np.ones(self.size, dtype=bool)
        for leaf, base in self.leaves:
            if leaf.has_deletions():
                dead = getattr(leaf, "deleted_docs_set", None)
                if dead is None:  # not a whoosh SegmentReader: ask document by document
                    dead = [d for d in range(leaf.doc_count_all()) if leaf.is_deleted(d)]
                self.live[np.fromiter(dead, dtype=np.int64) + base] = False
        self._lengths: dict[str, NDArray[np.float64]] = {}
        self._pubnums: Ids | None = None
        self._recent: OrderedDict[tuple[str, str | bytes], Postings] = OrderedDict()
        self._recent_size = 0
        # (field, words, slop) -> documents holding the phrase, for recent phrases.
        self._phrases: OrderedDict[tuple[str, tuple[bytes, ...], int], Ids] = OrderedDict()
        weighting = searcher.weighting
        self.weighting: BM25F | None = weighting if isinstance(weighting, BM25F) else None

    # -- reading --------------------------------------------------------------------
    def postings(
        self,
        field: str,
        text: str | bytes,
        values: bool = False,
        within: Ids | None = None,
        remember: bool = True,
    ) -> Postings:
        """A term's postings; with `within`, possibly only the blocks that hold those docs.

        Complete reads without positions are kept (least recently used out first): a
        query typed key by key re-reads the same words at every keystroke. Callers that
        keep the result themselves pass `remember=False`.
        """
        key = (field, text)
        if not values:
            hit = self._recent.get(key)
            if hit is not None:
                self._recent.move_to_end(key)
                return hit
            # Skipping blocks pays only when `within` misses most of them; otherwise read
            # everything for about the same cost, and keep it.
            if within is not None and len(within) * 4 >= self._blocks(field, text):
                within = None
        found = self._read(field, text, values, within)
        if remember and within is None:  # a read with positions also gives the plain one
            self._remember(key, Postings(found.ids, found.weights, None))
        return found

    def _remember(self, key: tuple[str, str | bytes], postings: Postings) -> None:
        self._recent[key] = postings
        self._recent_size += len(postings.ids)
        while self._recent_size > RECENT_POSTINGS and len(self._recent) > 1:
            _key, old = self._recent.popitem(last=False)
            self._recent_size -= len(old.ids)

    def _blocks(self, field: str, text: str | bytes) -> int:
        """About how many posting blocks the term has (Whoosh writes 128 per block)."""
        return int(self.searcher.reader().doc_frequency(field, text)) // 128 + 1

    def _read(self, field: str, text: str | bytes, values: bool, within: Ids | None) -> Postings:
        parts: list[Block] = []
        for leaf, base in self.leaves:
            try:
                matcher = leaf.postings(field, text)
            except TermNotFound:
                continue
            local = None if within is None else within - base
            ids, weights, block_values = leaf_blocks(matcher, values, local)
            parts.append((ids + base, weights, block_values))
        if not parts:
            empty = PackedValues([]) if values else None
            return Postings(np.zeros(0, np.int64), np.zeros(0), empty)
        vals = PackedValues([v for p in parts for v in p[2]]) if values else None
        return Postings(
            np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]), vals
        )

    def lengths(self, field: str) -> NDArray[np.float64]:
        cached = self._lengths.get(field)
        if cached is None:
            pieces = [segment_lengths(leaf, field) for leaf, _base in self.leaves]
            cached = np.concatenate(pieces) if pieces else np.zeros(0)
            self._lengths[field] = cached
        return cached

    def pubnums(self, dates: DateIndex) -> Ids:
        """Each document's YYYYMMDD date (0 when unknown), for sorting by date."""
        if self._pubnums is None:
            out = np.zeros(self.size, dtype=np.int64)
            for leaf, base in self.leaves:
                values, docs = dates.column(leaf)
                out[np.asarray(docs, dtype=np.int64) + base] = values
            self._pubnums = out
        return self._pubnums

    def _empty(self) -> Matches:
        return Matches(np.zeros(self.size, dtype=bool), np.zeros(self.size))

    def _from_ids(self, ids: Ids, score: float | NDArray[np.float64]) -> Matches:
        out = self._empty()
        out.mask[ids] = True
        out.scores[ids] = score
        return out

    # -- scoring --------------------------------------------------------------------
    def _term_scores(self, field: str, text: str | bytes, p: Postings) -> Scores:
        """Whoosh's BM25F score of each posting (the weight, for unscored fields)."""
        if not self.schema[field].scorable or not p.ids.size:  # no idf for an absent term
            return p.weights
        if self.weighting is None:
            raise Unsupported("a weighting model other than BM25F")
        k1 = self.weighting.K1
        b = self.weighting._field_B.get(field, self.weighting.B)
        idf = self.searcher.idf(field, text)
        avg = self.searcher.avg_field_length(field) or 1
        dl = self.lengths(field)[p.ids]
        tf = p.weights
        return np.asarray(idf * (tf * (k1 + 1)) / (tf + k1 * ((1 - b) + b * dl / avg)))

    def _term(
        self, field: str, text: str | bytes, boost: float, within: Ids | None = None
    ) -> Matches:
        if field not in self.schema:
            return self._empty()
        p = self.postings(field, text, within=within)
        return self._from_ids(p.ids, self._term_scores(field, text, p) * boost)

    def _phrase(self, q: wq.Phrase, within: Ids | None) -> Matches:
        field = q.fieldname
        if field not in self.schema or not q.words:
            return self._empty()
        fobj = self.schema[field]
        if not fobj.format or not fobj.format.supports("positions"):
            raise Unsupported("phrase on a field without positions")
        words = [fobj.to_bytes(w) for w in q.words]
        key = (field, tuple(words), int(q.slop))
        chosen = self._phrases.get(key)
        if chosen is None:
            chosen = self._phrase_docs(field, words, int(q.slop), within)
            if within is None:  # the app runs each query twice: hits, then facets
                self._phrases[key] = chosen
                if len(self._phrases) > RECENT_PHRASES:
                    self._phrases.popitem(last=False)
        elif within is not None:
            chosen = np.intersect1d(chosen, within, assume_unique=True)
        out = self._empty()
        out.mask[chosen] = True
        # A phrase scores as its words do in the documents that hold it.
        for word in words:
            p = self.postings(field, word, within=chosen)  # kept from the check, mostly
            scores = self._term_scores(field, word, p)
            out.scores[chosen] += scores[np.searchsorted(p.ids, chosen)]
        out.scores *= q.boost
        return out

    def _phrase_docs(self, field: str, words: list[bytes], slop: int, within: Ids | None) -> Ids:
        """The documents holding `words` in order, checked on their positions."""
        plist = [self.postings(field, w, values=True, within=within) for w in words]
        docs = reduce(partial(np.intersect1d, assume_unique=True), [p.ids for p in plist])
        if within is not None:
            docs = np.intersect1d(docs, within, assume_unique=True)
        if docs.size == 0:
            return np.zeros(0, dtype=np.int64)
        # Positions of each word in the candidate documents only.
        where = [np.searchsorted(p.ids, docs).tolist() for p in plist]
        values = [(p.values or PackedValues([]), at) for p, at in zip(plist, where, strict=True)]
        keep = phrase_docs(docs.tolist(), values, position_decoder(self.schema[field].format), slop)
        return np.array(keep, dtype=np.int64)

    def _multiterm(self, q: wq.MultiTerm, within: Ids | None) -> Matches:
        field = q.field()
        reader = self.searcher.reader()
        texts = [t for t in q._btexts(reader) if t] if field in self.schema else []
        if not texts:
            return self._empty()
        if len(texts) == 1:
            return self._term(field, texts[0], q.boost, within)
        # A wildcard's or range's terms are scored one by one, as Whoosh does above 5,000
        # documents (below, its matcher choice makes them constant): ranking should not
        # change with corpus size. Past this many terms, they share one score.
        if len(texts) > _TOO_MANY_TERMS:
            ids = distinct(
                np.concatenate([self.postings(field, t, within=within).ids for t in texts])
            )
            return self._from_ids(ids, q.boost)
        parts = [self._term(field, t, 1.0, within) for t in texts]
        return self._combine(parts, any_of=True, boost=q.boost)

    def _combine(self, parts: list[Matches], *, any_of: bool, boost: float) -> Matches:
        if not parts:
            return self._empty()
        mask = reduce(np.logical_or if any_of else np.logical_and, [p.mask for p in parts])
        scores = reduce(np.add, [p.scores for p in parts])
        scores = np.where(mask, scores, 0.0) * boost
        return Matches(np.asarray(mask), np.asarray(scores))

    def _dates(self, q: DateDocs) -> Matches:
        ids = [
            np.asarray(q.index.docs(leaf, q.lo, q.hi), dtype=np.int64) + base
            for leaf, base in self.leaves
        ]
        return self._from_ids(np.concatenate(ids) if ids else np.zeros(0, np.int64), q.boost)

    # -- the tree -------------------------------------------------------------------
    def evaluate(self, q: wq.Query) -> Matches:
        """The documents `q` matches and their scores; deleted documents never match."""
        out = self._eval(q)
        out.mask &= self.live
        out.scores[~out.mask] = 0.0
        return out

    def _eval(self, q: wq.Query, within: Ids | None = None) -> Matches:
        if isinstance(q, wq.Term):
            return self._term(q.fieldname, q.text, q.boost, within)
        if isinstance(q, wq.Phrase):
            return self._phrase(q, within)
        if isinstance(q, DateDocs):
            return self._dates(q)
        if isinstance(q, wq.Every) and q.fieldname in (None, "", "*"):
            return Matches(self.live.copy(), np.where(self.live, q.boost, 0.0))
        if q is wq.NullQuery:
            return self._empty()
        if isinstance(q, wq.Not):
            # Whoosh's inverse matcher scores its boost, so a NOT adds that to each hit.
            outside = ~self._eval(q.query, within).mask
            return Matches(outside, np.where(outside, q.boost, 0.0))
        if isinstance(q, wq.AndNot):
            return self._and([q.a, wq.Not(q.b, boost=0.0)], 1.0, within)
        if isinstance(q, wq.AndMaybe):
            req = self._eval(q.a, within)
            opt = self._eval(q.b, _narrow(req.mask, within))
            return Matches(req.mask, np.where(req.mask, req.scores + opt.scores, 0.0))
        if isinstance(q, wq.Or) and q.scale is None:
            parts = [self._eval(sub, within) for sub in q.subqueries]
            return self._combine(parts, any_of=True, boost=q.boost)
        if isinstance(q, wq.And):
            return self._and(q.subqueries, q.boost, within)
        if isinstance(q, wq.MultiTerm):
            return self._multiterm(q, within)
        raise Unsupported(type(q).__name__)

    def _and(self, subs: Sequence[wq.Query], boost: float, within: Ids | None) -> Matches:
        """Most selective part first; each later part only looks at the survivors."""
        reader = self.searcher.reader()
        ordered = sorted(subs, key=lambda sub: _selectivity(sub, reader))
        parts: list[Matches] = []
        mask: Mask | None = None
        for sub in ordered:
            part = self._eval(sub, within if mask is None else _narrow(mask, within))
            parts.append(part)
            mask = part.mask if mask is None else mask & part.mask
            if not mask.any():
                return self._empty()
        return self._combine(parts, any_of=False, boost=boost)


def _narrow(mask: Mask, within: Ids | None) -> Ids:
    ids = np.flatnonzero(mask)
    return ids if within is None else np.intersect1d(ids, within, assume_unique=True)


def _selectivity(q: wq.Query, reader: IndexReader) -> float:
    """About how many documents `q` matches; NOTs, which match most, go last."""
    if isinstance(q, wq.Not):
        return float("inf")
    try:
        return float(q.estimate_size(reader))
    except Exception:  # some node types cannot estimate: evaluate them late
        return float(reader.doc_count_all())
