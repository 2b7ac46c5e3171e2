"""Corpus methods for comparing articles: side by side, similar kinds, duplicate groups.

Two derived results are cached in the corpus directory, keyed by the article index's
generation (so any commit invalidates them) and written atomically:

- `compare-background.json`: document frequencies of name keys and stems over the corpus,
  which weight "same story?" evidence (a name every article shares counts for little);
- `compare-duplicates.json`: the verbatim / same-story groups.

Unknown references raise `ArticleNotFound` (a `LookupError`) with the reference in the
message; callers (CLI, panes) turn it into "not found".
"""

from __future__ import annotations

import json
import threading
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .corpus_base import CorpusBase, ProgressFn
from .model import Article, Comparison, DuplicateGroup, Progress, SimilarArticle
from .records import article_from_stored
from .store import write_json_atomic

if TYPE_CHECKING:
    from .compare_story import Background

# The compare engine (and numpy under it) is imported inside the methods that use it, so
# opening a corpus to search does not pay for it.

BACKGROUND_FILE = "compare-background.json"
DUPLICATES_FILE = "compare-duplicates.json"
CACHE_VERSION = 2
BACKGROUND_SAMPLE = 3000  # articles the standalone background is built from, at most
KIND_RANK = {"verbatim": 0, "same_story": 1, "related": 2}

# One lock for the compare caches of every corpus: building them is long, and holding the
# corpus lock meanwhile would stall searches.
_CACHE_LOCK = threading.Lock()


class ArticleNotFound(LookupError):
    """No article (or more than one, for a prefix) matches a reference."""

    def __init__(self, ref: str) -> None:
        super().__init__(f"no article matches {ref!r} (give an id, a path or a unique id prefix)")
        self.ref = ref


def _load(path: Path, key: str) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return None
    return data if data.get("key") == key else None


def _group(row: dict[str, Any]) -> DuplicateGroup:
    return DuplicateGroup(
        kind=str(row["kind"]),
        article_ids=tuple(str(x) for x in row["article_ids"]),
        origin=row.get("origin"),
        score=float(row.get("score", 0.0)),
    )


class CompareMixin(CorpusBase):
    """Compare two articles, label similar ones, and group copies and same-story reports."""

    if TYPE_CHECKING:  # provided by Corpus

        def article(self, ref: str) -> Article | None: ...

        def similar(self, ref: str, limit: int = 10) -> tuple[SimilarArticle, ...]: ...

        def count(self) -> int: ...

    _compare_bg: tuple[str, Background]
    _compare_groups: tuple[str, tuple[DuplicateGroup, ...]]
    _kind_memo: tuple[str, dict[tuple[str, str], tuple[str, float] | None]]

    # -- public API ---------------------------------------------------------------------
    def compare(self, a_ref: str, b_ref: str) -> Comparison:
        """Compare two articles side by side; raises `ArticleNotFound` for an unknown ref."""
        a = self._need(a_ref)
        b = self._need(b_ref)
        from .compare import compare as compare_articles

        return compare_articles(a, b, self.compare_background())

    def duplicates(
        self, progress: ProgressFn | None = None, *, workers: int = 2
    ) -> tuple[DuplicateGroup, ...]:
        """Verbatim-copy groups (with their likely origin) and same-story groups.

        Computed once per index generation and cached in the corpus directory.
        """
        cached = self.cached_duplicates()
        if cached is not None:
            return cached
        with _CACHE_LOCK:
            key = self._commit_key()
            data = _load(self.root / DUPLICATES_FILE, key)
            if data is not None:
                return tuple(_group(g) for g in data["groups"])
            articles = self._all_articles()

            def step(done: int, total: int) -> None:
                if progress is not None:
                    progress(Progress("compare", done, total))

            from .compare_dupes import groups_and_background

            groups, bg = groups_and_background(articles, step, workers)
            self._store_background(bg, key)
            rows = [
                {"kind": g.kind, "article_ids": list(g.article_ids), "origin": g.origin,
                 "score": g.score}
                for g in groups
            ]  # fmt: skip
            write_json_atomic(
                self.root / DUPLICATES_FILE, {"version": CACHE_VERSION, "key": key, "groups": rows}
            )
            self._compare_groups = (key, tuple(groups))
            return tuple(groups)

    def cached_duplicates(self) -> tuple[DuplicateGroup, ...] | None:
        """The duplicate groups when they are already computed for this index, else None."""
        key = self._commit_key()
        got: tuple[str, tuple[DuplicateGroup, ...]] | None = getattr(self, "_compare_groups", None)
        if got is not None and got[0] == key:
            return got[1]
        data = _load(self.root / DUPLICATES_FILE, key)
        if data is None:
            return None
        groups = tuple(_group(g) for g in data["groups"])
        self._compare_groups = (key, groups)
        return groups

    def duplicate_group(self, ref: str) -> DuplicateGroup | None:
        """The cached group `ref` belongs to (None when not grouped or not computed yet)."""
        groups = self.cached_duplicates()
        doc_id = self._resolve_id(ref)
        if not groups or doc_id is None:
            return None
        return next((g for g in groups if doc_id in g.article_ids), None)

    def similar_kinds(self, ref: str, limit: int = 10) -> tuple[SimilarArticle, ...]:
        """Articles at least related to `ref`, labelled verbatim / same_story / related.

        Candidates are the more-like-this hits plus the members of `ref`'s duplicate group
        (when the groups are cached); each is classified against `ref`, closest kinds first.
        A fellow group member keeps at least the group's kind: the group links it to most
        of the other reports, evidence a single pair (say Arabic against French) may lack.
        Raises `ArticleNotFound` for an unknown ref.
        """
        target = self._need(ref)
        hits = {h.id: h for h in self.similar(target.id, limit)}
        group = self.duplicate_group(target.id)
        members = [i for i in (group.article_ids if group else ()) if i != target.id]
        for i in members:
            if i not in hits:
                hits[i] = self._as_similar(i)
        labelled = {h.id: h for h in self._classified(target, tuple(hits.values()))}
        if group is not None:
            for i in members:
                h = labelled.get(i, hits[i])
                if KIND_RANK.get(h.kind, 3) > KIND_RANK[group.kind] or i not in labelled:
                    labelled[i] = replace(h, kind=group.kind, score=max(h.score, group.score))
        out = sorted(labelled.values(), key=lambda h: (KIND_RANK.get(h.kind, 3), -h.score))
        return tuple(out[:limit])

    def compare_background(self) -> Background:
        """Corpus document frequencies for story scoring (built once, then cached)."""
        key = self._commit_key()
        got: tuple[str, Background] | None = getattr(self, "_compare_bg", None)
        if got is not None and got[0] == key:
            return got[1]
        from .compare_dupes import background_of, profiles
        from .compare_story import Background

        with _CACHE_LOCK:
            data = _load(self.root / BACKGROUND_FILE, key)
            if data is not None:
                bg = Background(
                    docs=int(data["docs"]),
                    names=Counter(data["names"]),
                    stems=Counter(data["stems"]),
                    entities=Counter(data["entities"]),
                )
            else:
                bg = background_of(profiles(self._sample_articles(BACKGROUND_SAMPLE)))
                self._store_background(bg, key)
            self._compare_bg = (key, bg)
            return bg

    # -- helpers ------------------------------------------------------------------------
    def _with_kinds(
        self, target: Article, hits: tuple[SimilarArticle, ...]
    ) -> tuple[SimilarArticle, ...]:
        """`hits` labelled by the classifier; a hit it finds unrelated stays "related"
        (more-like-this found it), a fellow member of a cached duplicate group gets at least
        the group's kind, and the closest kinds come first."""
        kinds = {h.id: h.kind for h in self._classified(target, hits)}
        group = self.duplicate_group(target.id)
        for i in group.article_ids if group else ():
            if group and KIND_RANK.get(kinds.get(i, "related"), 3) > KIND_RANK[group.kind]:
                kinds[i] = group.kind
        out = [replace(h, kind=kinds.get(h.id, "related")) for h in hits]
        out.sort(key=lambda h: (KIND_RANK.get(h.kind, 3), -h.score))
        return tuple(out)

    def _classified(
        self, target: Article, hits: tuple[SimilarArticle, ...]
    ) -> list[SimilarArticle]:
        """The hits the engine finds at least related to `target`, closest kinds first.

        Verdicts are remembered per index generation: `similar_kinds` labels the same
        more-like-this hits that `similar` just labelled.
        """
        key = self._commit_key()
        got: tuple[str, dict[tuple[str, str], tuple[str, float] | None]] | None
        got = getattr(self, "_kind_memo", None)
        if got is None or got[0] != key or len(got[1]) > 50_000:
            got = (key, {})
            self._kind_memo = got
        memo = got[1]
        todo = [h for h in hits if (target.id, h.id) not in memo]
        arts = [a for a in (self.article(h.id) for h in todo) if a is not None]
        from .compare import similar_kinds as classify_candidates

        found = classify_candidates(target, arts, self.compare_background())
        for h in todo:
            memo[(target.id, h.id)] = None
        for i, kind, score in found:
            memo[(target.id, i)] = (kind, score)
        out = []
        for h in hits:
            verdict = memo.get((target.id, h.id))
            if verdict is not None:
                out.append(replace(h, kind=verdict[0], score=verdict[1]))
        out.sort(key=lambda h: (KIND_RANK.get(h.kind, 3), -h.score))
        return out

    def _as_similar(self, doc_id: str) -> SimilarArticle:
        art = self._need(doc_id)
        return SimilarArticle(
            art.id, art.path, art.title, art.source, art.published, art.language, 0.0
        )

    def _need(self, ref: str) -> Article:
        art = self.article(ref) if ref else None
        if art is None:
            raise ArticleNotFound(ref)
        return art

    def _resolve_id(self, ref: str) -> str | None:
        art = self.article(ref) if ref else None
        return art.id if art else None

    def _all_articles(self) -> list[Article]:
        with self._lock:
            fields = list(self._searching().searcher.all_stored_fields())
        return [article_from_stored(f) for f in fields]

    def _sample_articles(self, limit: int) -> list[Article]:
        """Every article, or an even sample of `limit` of them in a large corpus (document
        frequencies from a sample weigh words just as well, and the first `m` stays quick)."""
        with self._lock:
            searcher = self._searching().searcher
            total = searcher.doc_count_all()
            if total <= limit:
                fields = list(searcher.all_stored_fields())
            else:
                reader, step = searcher.reader(), total / limit
                picks = (int(k * step) for k in range(limit))
                fields = [searcher.stored_fields(n) for n in picks if not reader.is_deleted(n)]
        return [article_from_stored(f) for f in fields]

    def _store_background(self, bg: Background, key: str) -> None:
        data = {"version": CACHE_VERSION, "key": key, "docs": bg.docs,
                "names": dict(bg.names), "stems": dict(bg.stems),
                "entities": dict(bg.entities)}  # fmt: skip
        write_json_atomic(self.root / BACKGROUND_FILE, data)
        self._compare_bg = (key, bg)
