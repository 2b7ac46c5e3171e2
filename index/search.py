"""Running a search: exact totals, facets, snippets and did-you-mean.

Whoosh's result length can be an estimate when a limit lets it skip low-scoring blocks,
so the total here always comes from the exact set of matching document numbers. That
same set feeds the facet counts, which are intersections with per-value document sets
cached for the life of the searcher.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from whoosh.query import And, Every, Or, Query, Term
from whoosh.searching import Searcher

from .analysis import body_field
from .fastpath import DateIndex, WordMatcher, swap_date_ranges
from .model import EntityType, FacetValue, Hit, SearchResult
from .query import Prepared, QueryBuilder, QueryError

if TYPE_CHECKING:  # numpy loads with the first search, not with the app
    from .extract.aliases import AliasTable
    from .postings import Ids
    from .vector import Mask, VectorIndex

FACET_FIELDS = {"source": "source_key", "year": "year", "language": "language"}
# Entity facets: the top names among the matches, counted over each type's most common
# names only (a few hundred cached posting sets), so facets stay cheap on big corpora.
ENTITY_FACETS: tuple[EntityType, ...] = ("person", "org", "place", "equipment")
ENTITY_FACET_TERMS = 300
ENTITY_FACET_TOP = 10
SNIPPET_CHARS = 220
_SCAN_CHARS = 20_000
SPELL_FIELDS = ("body", "title", "body_fr", "body_ar")


class SearchSession:
    """Per-searcher caches: facet value sets and the spelling vocabulary."""

    def __init__(self, searcher: Searcher, builder: QueryBuilder) -> None:
        self.searcher = searcher
        self.builder = builder
        self._values: dict[str, dict[str, Ids]] = {}
        self._vocab: dict[str, tuple[list[str], list[int]]] = {}
        self.dates = DateIndex()
        self.words = WordMatcher()
        self._vectors: VectorIndex | None = None

    @property
    def vectors(self) -> VectorIndex:
        if self._vectors is None:
            from .vector import VectorIndex

            self._vectors = VectorIndex(self.searcher)
        return self._vectors

    # -- facets ---------------------------------------------------------------------
    def value_sets(self, field: str) -> dict[str, Ids]:
        """Live document numbers per value of an unscored facet field (cached)."""
        cached = self._values.get(field)
        if cached is None:
            cached = {
                (raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)): self._live_docs(
                    field, raw
                )
                for raw in self.searcher.reader().lexicon(field)
            }
            self._values[field] = cached
        return cached

    def _live_docs(self, field: str, raw: bytes | str) -> Ids:
        # Whole posting blocks at a time: a source found in every article is 100k ids.
        docs = self.vectors.postings(field, raw, remember=False).ids
        return docs[self.vectors.live[docs]]

    def facets(self, matched: Mask) -> dict[str, tuple[FacetValue, ...]]:
        """Counts of source, year and language over the matching documents."""
        from . import ranking  # numpy: see ranking.py

        out: dict[str, tuple[FacetValue, ...]] = {}
        for name, field in FACET_FIELDS.items():
            counts = [
                FacetValue(value, n)
                for value, docs in self.value_sets(field).items()
                if (n := ranking.count(matched, docs))
            ]
            counts.sort(key=lambda f: (-f.count, f.value))
            if name == "year":
                counts.sort(key=lambda f: f.value, reverse=True)
            out[name] = tuple(counts)
        return out

    def top_value_sets(self, field: str) -> dict[str, Ids]:
        """Document numbers of the `ENTITY_FACET_TERMS` most frequent names (cached)."""
        key = f"top:{field}"
        cached = self._values.get(key)
        if cached is None:
            reader = self.searcher.reader()
            ranked = sorted(
                ((info.doc_frequency(), raw) for raw, info in reader.iter_field(field)),
                key=lambda p: -p[0],
            )[:ENTITY_FACET_TERMS]
            cached = {
                (raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)): self._live_docs(
                    field, raw
                )
                for _df, raw in ranked
            }
            self._values[key] = cached
        return cached

    def entity_facets(
        self, matched: Mask, names: AliasTable | None = None
    ) -> dict[str, tuple[FacetValue, ...]]:
        """The top entities of each type among the matching documents.

        With the alias table, names count under their canonical entity (an article
        counted once however many of its names it uses), and hidden entities drop out.
        """
        from . import ranking  # numpy: see ranking.py

        groups: dict[tuple[str, str], list[Ids]] = {}
        for field in ENTITY_FACETS:
            for value, docs in self.top_value_sets(field).items():
                canon = (value, field) if names is None else names.canonical(value, field)
                if canon is not None:
                    groups.setdefault(canon, []).append(docs)
        found: dict[str, list[FacetValue]] = {field: [] for field in ENTITY_FACETS}
        for (name, etype), arrays in groups.items():
            if n := ranking.count(matched, ranking.union(arrays)):
                found[etype].append(FacetValue(name, n))
        out: dict[str, tuple[FacetValue, ...]] = {}
        for etype, counts in found.items():
            counts.sort(key=lambda f: (-f.count, f.value))
            out[etype] = tuple(counts[:ENTITY_FACET_TOP])
        return out

    # -- did you mean ---------------------------------------------------------------
    # No separate unstemmed "spell" field: it doubled the ingest cost. Suggestions work on
    # the scored fields' own (stemmed) terms, and a correction is shown as a word that
    # really occurs in an article carrying the corrected term.
    def _vocabulary(self, field: str) -> tuple[list[str], list[int]]:
        cached = self._vocab.get(field)
        if cached is None:
            words: list[str] = []
            freqs: list[int] = []
            for raw, info in self.searcher.reader().iter_field(field):
                word = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
                if len(word) > 2 and not word.isdigit():
                    words.append(word)
                    freqs.append(info.doc_frequency())
            cached = self._vocab[field] = (words, freqs)
        return cached

    def _surface(self, field: str, term: str) -> str | None:
        """A written form of the indexed `term`, taken from an article that has it."""
        reader = self.searcher.reader()
        stored_as = "title" if field == "title" else "text"
        analyzer = self.builder.schema[field].analyzer
        for docnum in reader.postings(field, term).all_ids():
            if reader.is_deleted(docnum):
                continue
            text = str(reader.stored_fields(docnum).get(stored_as) or "")
            for start, end in self.words.spans(analyzer, text[:_SCAN_CHARS], {term}):
                return text[start:end].lower()
            return None
        return None

    def suggest(self, words: Sequence[str], text: str) -> str | None:
        """A corrected query when some words are unknown or very rare in the corpus."""
        reader = self.searcher.reader()
        changed = text
        for word in words:
            low = word.lower()
            if len(low) < 4:
                continue
            cutoff = 1 if len(low) < 6 else 2
            best: tuple[int, int, str, str] | None = None
            for field in SPELL_FIELDS:
                form = self.words.form(self.builder.schema[field].analyzer, low)
                if form is None:
                    continue
                df = reader.doc_frequency(field, form)
                if df > 1:
                    best = None
                    break
                vocab, freqs = self._vocabulary(field)
                for cand, dist, i in process.extract(
                    form, vocab, scorer=Levenshtein.distance, score_cutoff=cutoff, limit=8
                ):
                    key = (int(dist), -freqs[i], cand, field)
                    if freqs[i] > max(df, 1) and (best is None or key < best):
                        best = key
            surface = self._surface(best[3], best[2]) if best is not None else None
            if surface and surface != low:
                changed = re.sub(rf"\b{re.escape(word)}\b", surface, changed, count=1)
        return changed if changed != text else None


def filter_query(
    filters: Mapping[str, Sequence[str]] | None, builder: QueryBuilder | None = None
) -> Query | None:
    """AND across facets, OR within one facet's chosen values.

    Entity filters (person, org, place, equipment, entity) match every alias of the name.
    """
    parts: list[Query] = []
    for name, values in (filters or {}).items():
        if not values:
            continue
        if name in (*ENTITY_FACETS, "entity"):
            expand = (builder or QueryBuilder()).expand_entity
            parts.append(Or([expand(name, v) for v in values]))
            continue
        field = FACET_FIELDS.get(name)
        if field is None:
            known = ", ".join((*FACET_FIELDS, *ENTITY_FACETS, "entity"))
            raise QueryError(f"unknown filter {name!r}; filters: {known}")
        parts.append(Or([Term(field, v) for v in values]))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)


def snippet(
    text: str,
    field: str,
    terms: set[tuple[str, str]],
    builder: QueryBuilder,
    words: WordMatcher | None = None,
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The densest window of `text` around matched terms, with the terms' offsets in it."""
    wanted = {t for f, t in terms if f in (field, "title")}
    analyzer = builder.schema[field].analyzer
    spans: list[tuple[int, int]] = []
    if wanted:
        spans = (words or WordMatcher()).spans(analyzer, text[:_SCAN_CHARS], wanted)
    if not spans:
        cut = text[:SNIPPET_CHARS]
        return (cut.rsplit(" ", 1)[0] + " …" if len(text) > SNIPPET_CHARS else cut), ()
    best_start, best_count = spans[0][0], 0
    j = 0
    for i, (start, _end) in enumerate(spans):
        while spans[j][0] < start - SNIPPET_CHARS // 2:
            j += 1
        count = i - j + 1
        if count > best_count:
            best_start, best_count = spans[j][0], count
    lo = max(0, text.rfind(" ", 0, max(0, best_start - 40)) + 1)
    hi = min(len(text), lo + SNIPPET_CHARS)
    if hi < len(text):
        hi = text.rfind(" ", lo, hi) if text.rfind(" ", lo, hi) > lo else hi
    prefix = "… " if lo > 0 else ""
    suffix = " …" if hi < len(text) else ""
    body = text[lo:hi].replace("\n", " ")
    marks = tuple(
        (s - lo + len(prefix), e - lo + len(prefix)) for s, e in spans if s >= lo and e <= hi
    )
    return prefix + body + suffix, marks


def _query_terms(q: Query, searcher: Searcher) -> set[tuple[str, str]]:
    # Leaf by leaf: compound queries don't expand wildcards and fuzzy terms themselves.
    reader = searcher.reader()
    out: set[tuple[str, str]] = set()
    for leaf in q.leaves():
        for field, raw in leaf.expanded_terms(reader, phrases=True):
            out.add((field, raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)))
    return out


def run(
    session: SearchSession,
    text: str,
    *,
    sort: str = "relevance",
    filters: Mapping[str, Sequence[str]] | None = None,
    limit: int = 20,
    offset: int = 0,
    facets: bool = True,
    names: AliasTable | None = None,
) -> SearchResult:
    """Execute one search; syntax problems come back in `SearchResult.error`.

    `names`, the corpus alias table, names the entity facets (see `entity_facets`).
    """
    base: dict[str, Any] = {"query": text, "offset": offset, "limit": limit, "sort": sort}
    if sort not in ("relevance", "date", "date_asc"):
        return SearchResult(total=0, hits=(), error=f"unknown sort {sort!r}", **base)
    try:
        prepared = session.builder.prepare(text) if text.strip() else Prepared(Every(), ())
        fq = filter_query(filters, session.builder)
    except QueryError as exc:
        return SearchResult(total=0, hits=(), error=str(exc), **base)
    from . import ranking  # numpy: see ranking.py

    ranked = sort == "relevance" and bool(text.strip())
    query = swap_date_ranges(prepared.query, session.dates)
    found = ranking.vector_page(session, query, fq, offset + limit, ranked, sort)
    if found is None:  # a query node the array evaluator does not know
        found = ranking.whoosh_page(session, query, fq, offset + limit, ranked, sort)
    page, matched = found
    s = session.searcher
    terms = _query_terms(prepared.query, s) if text.strip() else set()
    hits = []
    for docnum, score in page[offset : offset + limit]:
        stored = s.stored_fields(docnum)
        snip, marks = snippet(
            stored.get("text", ""),
            body_field(stored.get("language")),
            terms,
            session.builder,
            session.words,
        )
        hits.append(
            Hit(
                id=stored["id"],
                path=stored["path"],
                title=stored.get("title", ""),
                source=stored.get("source") or None,
                published=stored.get("published") or None,
                precision=stored.get("precision"),
                language=stored.get("language"),
                # A date-sorted hit's "score" is its sort key, which means nothing to a user.
                score=round(score, 4) if ranked else 0.0,
                snippet=snip,
                marks=marks,
            )
        )
    total = ranking.count(matched)
    suggestion = session.suggest(prepared.words, text) if total < 3 and prepared.words else None
    return SearchResult(
        total=total,
        hits=tuple(hits),
        facets=(
            {**session.facets(matched), **session.entity_facets(matched, names)} if facets else {}
        ),
        suggestion=suggestion,
        terms=prepared.words,
        **base,
    )
