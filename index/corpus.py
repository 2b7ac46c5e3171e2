"""`Corpus`: the one API the UI and the CLI use.

It owns the index directory of one corpus, turns files into indexed articles
incrementally, and answers searches with frozen dataclasses that stay valid after the
searcher is gone. Searches share one long-lived searcher (re-opened after each write)
behind a lock, because Textual workers call in from threads.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import search as searching
from .analysis import body_field
from .corpus_base import ProgressFn
from .corpus_compare import CompareMixin
from .corpus_entities import EntitiesMixin
from .corpus_timeline import TimelineMixin
from .model import (
    Article,
    CorpusInfo,
    CorpusStats,
    FacetValue,
    IngestReport,
    Progress,
    SearchResult,
    SimilarArticle,
)
from .paths import DEFAULT_CORPUS, corpora_dir, corpus_dir, seeds_dir
from .query import QueryBuilder
from .records import article_from_stored
from .store import Store, StoreError

if TYPE_CHECKING:
    from .indexer import Outcome


def _noop(_: Progress) -> None:
    return None


class Corpus(EntitiesMixin, TimelineMixin, CompareMixin):
    """A named (or path-addressed) corpus: its index and everything derived from it.

    Entities, the timeline and comparison live in mixins (one module each) that share
    this class's store, lock and searcher.
    """

    def __init__(self, name: str, root: Path, *, create: bool = True) -> None:
        self.name = name
        self.root = root
        self.store = Store(root, create=create)
        self._lock = threading.RLock()
        # Entity filters in queries (person:"X") expand through the alias table.
        self._builder = QueryBuilder(expand=self._expand_entity)
        self._session: searching.SearchSession | None = None

    # -- opening ----------------------------------------------------------------------
    @classmethod
    def open(cls, name_or_path: str | Path = DEFAULT_CORPUS, *, create: bool = True) -> Corpus:
        """Open a corpus by name (under the data dir) or by its index directory path."""
        if isinstance(name_or_path, Path) or os.sep in name_or_path or name_or_path in (".", ".."):
            root = Path(name_or_path).expanduser().resolve()
            return cls(root.name, root, create=create)
        return cls(name_or_path, corpus_dir(name_or_path), create=create)

    @staticmethod
    def list_corpora() -> list[CorpusInfo]:
        """The named corpora on this machine."""
        out: list[CorpusInfo] = []
        base = corpora_dir()
        if not base.is_dir():
            return out
        for sub in sorted(p for p in base.iterdir() if p.is_dir()):
            try:
                corpus = Corpus(sub.name, sub, create=False)
            except StoreError:
                continue
            try:
                out.append(CorpusInfo(sub.name, str(sub), corpus.count()))
            finally:
                corpus.close()
        return out

    def close(self) -> None:
        """Release the searcher and the index."""
        with self._lock:
            if self._session is not None:
                self._session.searcher.close()
                self._session = None
            self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def messages(self) -> list[str]:
        """Notices from the store, e.g. a recovered stale lock."""
        return self.store.messages

    # -- reading ----------------------------------------------------------------------
    def _searching(self) -> searching.SearchSession:
        if self._session is None:
            self._session = searching.SearchSession(self.store.index.searcher(), self._builder)
        return self._session

    def _refresh(self) -> None:
        with self._lock:
            if self._session is not None:
                self._session.searcher.close()
            self._session = None

    def count(self) -> int:
        """Number of articles."""
        with self._lock:
            return int(self._searching().searcher.doc_count())

    def search(
        self,
        query: str,
        *,
        sort: str = "relevance",
        filters: Mapping[str, Sequence[str]] | None = None,
        limit: int = 20,
        offset: int = 0,
        facets: bool = True,
    ) -> SearchResult:
        """Search with Whoosh syntax; a bad query returns a result whose `error` says why."""
        with self._lock:
            return searching.run(
                self._searching(),
                query,
                sort=sort,
                filters=filters,
                limit=limit,
                offset=offset,
                facets=facets,
                names=self._facet_names() if facets else None,
            )

    def resolve(self, ref: str) -> str | None:
        """The id of the article `ref` names: an id, a file path, or a unique id prefix."""
        with self._lock:
            s = self._searching().searcher
            if s.document_number(id=ref) is not None:
                return ref
            path = str(Path(ref).expanduser().resolve()) if ref else ""
            for fields in s.documents(path=path):
                return str(fields["id"])
            matches = [f["id"] for f in s.all_stored_fields() if str(f["id"]).startswith(ref)]
            return str(matches[0]) if len(matches) == 1 else None

    def article(self, ref: str) -> Article | None:
        """The full article named by `ref` (see `resolve`), or None."""
        doc_id = self.resolve(ref)
        if doc_id is None:
            return None
        with self._lock:
            stored = self._searching().searcher.document(id=doc_id)
        return self._with_entities(article_from_stored(stored)) if stored else None

    def similar(self, ref: str, limit: int = 10) -> tuple[SimilarArticle, ...]:
        """Articles most like `ref` (more-like-this on its body terms)."""
        target = self.article(ref)
        if target is None:
            return ()
        with self._lock:
            s = self._searching().searcher
            docnum = s.document_number(id=target.id)
            field = body_field(target.language)
            results = s.more_like(docnum, field, text=target.body, top=limit, numterms=25)
            hits = tuple(
                SimilarArticle(
                    id=h["id"],
                    path=h["path"],
                    title=h.get("title", ""),
                    source=h.get("source") or None,
                    published=h.get("published") or None,
                    language=h.get("language"),
                    score=round(float(h.score or 0.0), 4),
                )
                for h in results
            )
        # Label each hit verbatim / same_story / related (compare engine), closest first.
        return self._with_kinds(target, hits)

    def stats(self) -> CorpusStats:
        """Article and source counts, languages and the date span."""
        with self._lock:
            session = self._searching()
            reader = session.searcher.reader()
            # Undated articles index an empty string, which would sort first.
            dates = sorted(
                text
                for d in reader.lexicon("published")
                if (text := d.decode() if isinstance(d, bytes) else str(d))
            )
            langs = [FacetValue(v, len(docs)) for v, docs in session.value_sets("language").items()]
            sources = [v for v in session.value_sets("source_key") if v != "(unknown)"]
            return CorpusStats(
                name=self.name,
                articles=int(session.searcher.doc_count()),
                sources=len(sources),
                languages=tuple(sorted(langs, key=lambda f: -f.count)),
                first=dates[0] if dates else None,
                last=dates[-1] if dates else None,
                index_dir=str(self.root),
                size_bytes=self.store.size_bytes(),
            )

    # -- writing ----------------------------------------------------------------------
    def ingest_seeds(self, progress: ProgressFn | None = None) -> IngestReport:
        """Index the bundled sample articles."""
        return self.ingest([seeds_dir()], progress=progress)

    def ingest(
        self,
        paths: Sequence[Path | str],
        *,
        include: Sequence[str] = (),
        exclude: Sequence[str] = (),
        prune: bool = False,
        rebuild: bool = False,
        max_bytes: int | None = None,
        extract: bool = True,
        workers: int = 2,
        progress: ProgressFn | None = None,
    ) -> IngestReport:
        """Add or update the articles under `paths`; unchanged files cost one hash check.

        One bad file never stops the run: it is listed in `failed` with its reason.
        `prune` removes articles whose files no longer exist. The article index is
        written in one atomic commit, so an interrupted ingest leaves the last committed
        state; derived data (entities, events, stories) is then brought up to date.
        """
        # Imported here: ingest pulls in the readers and extraction plumbing, which opening
        # a corpus to search does not need.
        from . import indexer
        from .ingest import DEFAULT_MAX_BYTES

        notify = progress or _noop
        started = time.perf_counter()
        with self.store.locked():
            behind = not rebuild and self._events_behind()
            if rebuild:
                self._refresh()
                self.store.reset()
            out = indexer.run(
                self.store,
                [Path(p) for p in paths],
                include=include,
                exclude=exclude,
                prune=prune,
                max_bytes=max_bytes or DEFAULT_MAX_BYTES,
                extract=extract,
                workers=workers,
                notify=notify,
            )
            self._refresh()
            if behind:
                self._catch_up(out, notify)
            elif rebuild or out.added or out.updated or out.removed:
                self._after_ingest(out, rebuild, notify)
        return IngestReport(
            added=tuple(out.added),
            updated=tuple(out.updated),
            unchanged=tuple(out.unchanged),
            removed=tuple(out.removed),
            failed=tuple(out.failed),
            warnings=tuple(out.warnings),
            seconds=round(time.perf_counter() - started, 3),
        )

    def _after_ingest(self, out: Outcome, rebuild: bool, notify: ProgressFn) -> None:
        """Update what is derived from the articles: events and stories, the alias table."""
        self._update_events(out.events, out.changed_ids, rebuild, notify)
        self._update_entities(notify)

    def _catch_up(self, out: Outcome, notify: ProgressFn) -> None:
        """Rebuild the timeline from every stored article: an earlier ingest stopped after
        committing its articles, so their events never reached the events index."""
        self.store.messages.append(
            "the timeline was behind the articles (an earlier ingest was interrupted, or "
            "the events index was lost): its events were derived again from the articles"
        )
        # This run's own articles keep the events it extracted (none if extraction was off).
        fresh = [*out.added, *out.updated]
        events = self._events_from_articles(skip=fresh) + out.events
        self._update_events(events, (), True, notify)
        self._update_entities(notify)
