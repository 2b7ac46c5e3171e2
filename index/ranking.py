"""Choosing the page of hits: by array evaluation, else through Whoosh's collectors.

Kept apart from search.py so that numpy is imported with the first search rather than
with the engine: the app paints its first frame before any search runs.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np
from whoosh.collectors import Collector, FilterCollector, SortingCollector
from whoosh.query import Query

from .fastpath import AllMatches
from .postings import Ids, distinct
from .vector import Mask, Unsupported

if TYPE_CHECKING:
    from .search import SearchSession

Page = tuple[list[tuple[int, float]], Mask]


def ids(docnums: Iterable[int]) -> Ids:
    """Document numbers as an array, for facet counts against a match mask."""
    return np.fromiter(docnums, dtype=np.int64)


def union(arrays: list[Ids]) -> Ids:
    """The documents in any of `arrays` (each sorted, without repeats)."""
    return arrays[0] if len(arrays) == 1 else distinct(np.concatenate(arrays))


def count(mask: Mask, docs: Ids | None = None) -> int:
    """How many of `docs` (default: all documents) the mask marks as matching."""
    return int(np.count_nonzero(mask if docs is None else mask[docs]))


def vector_page(
    session: SearchSession, query: Query, fq: Query | None, n: int, ranked: bool, sort: str
) -> Page | None:
    """The first `n` (docnum, score) in order, and the match mask, by array evaluation."""
    vectors = session.vectors
    try:
        found = vectors.evaluate(query)
        mask = found.mask if fq is None else found.mask & vectors.evaluate(fq).mask
    except Unsupported:
        return None
    docs = np.flatnonzero(mask)
    if ranked:
        keys = found.scores[docs]
        if docs.size > n:
            # Everything scoring at least the n-th best, so ties at the cut are all kept.
            floor = np.partition(keys, docs.size - n)[docs.size - n]
            docs, keys = docs[keys >= floor], keys[keys >= floor]
        # Best score first; equal scores in index order, as Whoosh ranks them.
        order = np.lexsort((docs, -keys))[:n]
        return [(int(d), float(v)) for d, v in zip(docs[order], keys[order], strict=True)], mask
    dates = vectors.pubnums(session.dates)[docs]
    order = np.lexsort((docs, -dates if sort != "date_asc" else dates))[:n]
    return [(int(d), 0.0) for d in docs[order]], mask


def whoosh_page(
    session: SearchSession, query: Query, fq: Query | None, n: int, ranked: bool, sort: str
) -> Page:
    """The same as `vector_page`, through Whoosh's own matchers and collectors."""
    s = session.searcher
    mask = np.zeros(session.vectors.size, dtype=bool)
    allow = set(s.docs_for_query(fq)) if fq is not None else None
    if allow is not None and not allow:  # Whoosh reads an empty allow-set as "no filter"
        return [], mask
    # One pass yields both the page and the exact set of matches (total and facets).
    top: Collector
    if not ranked:
        top = SortingCollector("pubnum", limit=max(1, n), reverse=sort != "date_asc")
    else:
        top = AllMatches(max(1, n))
    collector = top if allow is None else FilterCollector(top, allow=allow)
    s.search_with_collector(query, collector)
    page = [(hit.docnum, float(hit.score or 0.0)) for hit in collector.results()[:n]]
    mask[ids(top.docset)] = True
    return page, mask
