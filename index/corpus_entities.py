"""Corpus methods for entities: the corpus-wide alias table, listings and user edits.

The alias table is rebuilt from the articles' stored mentions after every ingest and
after every user edit (no NLP: the mentions are already in the index), with the user's
edit log (`entity_edits.json`) replayed on top, and saved atomically as `aliases.json`
beside the index. Listings are cached per searcher generation.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
from collections.abc import Callable
from typing import Any

from whoosh.query import Or, Query, Term

from .corpus_base import CorpusBase, ProgressFn
from .entity_view import (
    SORTS,
    EntityState,
    Key,
    build_state,
    detail,
    matches,
    parse_mentions,
    roles_by_entity,
    sort_entities,
)
from .extract.aliases import AliasTable, aggregate
from .extract.edits import EDITS_FILE, Edit, EntityEdits
from .model import ENTITY_TYPES, Article, Entity, EntityDetail, EntityType, Mention, Progress
from .search import SearchSession
from .store import write_json_atomic

ALIASES_FILE = "aliases.json"
SIDECAR_VERSION = 1


class EntitiesMixin(CorpusBase):
    """Entity listing, detail, query expansion and editing."""

    _entity_cache: tuple[SearchSession, EntityState] | None = None
    # Stored mentions of every article, kept for the generation they were read from so
    # that a burst of edits rebuilds the table without re-reading 20k documents.
    _mention_cache: tuple[int, dict[str, list[Mention]]] | None = None
    # (index generation, alias table or None) for naming entities in search facets.
    _facet_table: tuple[int, AliasTable | None] | None = None

    # -- building the table -------------------------------------------------------------
    def _generation(self) -> int:
        return int(self.store.index.latest_generation())

    def _all_mentions(self) -> dict[str, list[Mention]]:
        gen = self._generation()
        cached = self._mention_cache
        if cached is not None and cached[0] == gen:
            return cached[1]
        reader = self._searching().searcher.reader()
        per_article = {
            str(f["id"]): parse_mentions(str(f.get("mentions") or ""))
            for f in reader.all_stored_fields()
        }
        self._mention_cache = (gen, per_article)
        return per_article

    def _rebuild_table(self) -> tuple[AliasTable, dict[str, dict[str, list[str]]]]:
        """Merge all stored mentions, replay the edits, save the sidecar atomically."""
        per_article = self._all_mentions()
        table = AliasTable.build(per_article, EntityEdits.load(self.root))
        roles = roles_by_entity(per_article, table)
        data = {
            "version": SIDECAR_VERSION,
            "generation": self._generation(),
            "table": table.to_json(),
            "roles": roles,
        }
        # A read-only corpus still works: the table is then rebuilt at each open.
        with contextlib.suppress(OSError):
            write_json_atomic(self.root / ALIASES_FILE, data)
        self._entity_cache = None
        self._facet_table = (self._generation(), table)
        return table, roles

    def _facet_names(self) -> AliasTable | None:
        """The alias table that names search facets, when its sidecar is current.

        Never rebuilt here: a search must not read every article's mentions. Ingest and
        edits write the sidecar, so it is current except on indexes from other versions.
        """
        gen = self._generation()
        cached = self._facet_table
        if cached is None or cached[0] != gen:
            data = self._current_sidecar()
            table = AliasTable.from_json(data["table"]) if data is not None else None
            cached = self._facet_table = (gen, table)
        return cached[1]

    def _current_sidecar(self) -> dict[str, Any] | None:
        """The saved alias table, if it was built for the index as it is now."""
        try:
            data = json.loads((self.root / ALIASES_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if (
            isinstance(data, dict)
            and data.get("version") == SIDECAR_VERSION
            and data.get("generation") == self._generation()
        ):
            return data
        return None

    def _load_table(self) -> tuple[AliasTable, dict[str, dict[str, list[str]]]]:
        data = self._current_sidecar()
        if data is not None:
            return AliasTable.from_json(data["table"]), dict(data.get("roles") or {})
        return self._rebuild_table()

    def _update_entities(self, notify: ProgressFn) -> None:
        """Rebuild the corpus-wide alias table after the articles changed."""
        with self._lock:
            notify(Progress("entities", 0, 1))
            self._rebuild_table()
            notify(Progress("entities", 1, 1))

    def _entity_state(self) -> EntityState:
        with self._lock:
            session = self._searching()
            cached = self._entity_cache
            if cached is not None and cached[0] is session:
                return cached[1]
            table, roles = self._load_table()
            state = build_state(session.searcher.reader(), table, roles)
            self._entity_cache = (session, state)
            return state

    # -- reading --------------------------------------------------------------------------
    def entities(
        self,
        *,
        type: str | None = None,
        article: str | None = None,
        query: str = "",
        sort: str = "articles",
        limit: int | None = None,
    ) -> tuple[Entity, ...]:
        """Entities with article and mention counts, filtered and sorted.

        `article` limits the list to one article's entities (counts within it); `query`
        keeps names or aliases containing the text. Raises ValueError on a bad type/sort.
        """
        if type is not None and type not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {type!r}; types: {', '.join(ENTITY_TYPES)}")
        if sort not in SORTS:
            raise ValueError(f"unknown sort {sort!r}; sorts: {', '.join(SORTS)}")
        if article is not None:
            found = self._article_entities(article)
            if found is None:
                raise KeyError(article)
            pool: tuple[Entity, ...] = found
        else:
            pool = self._entity_state().entities
        picked = [e for e in pool if (type is None or e.type == type) and matches(e, query)]
        ordered = sort_entities(picked, sort)
        return ordered if limit is None else ordered[: max(0, limit)]

    def _article_entities(self, ref: str) -> tuple[Entity, ...] | None:
        with self._lock:
            doc_id = self.resolve(ref)  # type: ignore[attr-defined]
            if doc_id is None:
                return None
            stored = self._searching().searcher.document(id=doc_id)
            if not stored:
                return None
            return self._entities_of(str(doc_id), parse_mentions(stored.get("mentions", "")))

    def _entities_of(self, doc_id: str, mentions: list[Mention]) -> tuple[Entity, ...]:
        return tuple(aggregate({doc_id: mentions}, self._entity_state().table))

    def _with_entities(self, article: Article) -> Article:
        """`article` with its entities filled in from its mentions and the alias table."""
        return dataclasses.replace(
            article, entities=self._entities_of(article.id, list(article.mentions))
        )

    def entity(
        self, name: str, type: str | None = None, *, limit: int = 500
    ) -> EntityDetail | None:
        """One entity's detail: mentions in context, co-occurring entities, sources.

        `name` may be the canonical name or any alias; without `type`, the type with the
        most articles wins. None when no such entity exists.
        """
        types: tuple[str, ...] = ENTITY_TYPES if type is None else (type,)
        with self._lock:
            state = self._entity_state()
            found = [c for t in types if (c := state.resolve(name, t)) is not None]
            if not found:
                return None
            canon = max(found, key=lambda c: _article_count(state, c))
            reader = self._searching().searcher.reader()
            docs: set[int] = set()
            for fieldname, term in state.terms.get(canon, ()):
                docs.update(reader.postings(fieldname, term).all_ids())
            stored = [reader.stored_fields(d) for d in sorted(docs)]
        return detail(state, canon, stored, limit=limit)

    def _expand_entity(self, fieldname: str, value: str) -> Query | None:
        """person:/org:/place:/equipment:/entity: value -> every indexed name of the entity."""
        types = ENTITY_TYPES if fieldname == "entity" else (fieldname,)
        state = self._entity_state()
        terms: list[tuple[str, str]] = []
        for t in types:
            canon = state.resolve(value, t)
            if canon is not None:
                terms += state.terms.get(canon, [])
        # An unknown name still filters literally (it may arrive with the next ingest).
        unique = list(dict.fromkeys(terms)) or [(t, value) for t in types]
        return Or([Term(f, v) for f, v in unique]) if len(unique) > 1 else Term(*unique[0])

    # -- editing --------------------------------------------------------------------------
    def _edit(self, change: Callable[[EntityEdits], object]) -> object:
        with self._lock:
            edits = EntityEdits.load(self.root)
            result = change(edits)
            edits.save(self.root / EDITS_FILE)
            self._rebuild_table()
            return result

    def _require(self, name: str, type: str) -> EntityType:
        if type not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {type!r}; types: {', '.join(ENTITY_TYPES)}")
        if self._entity_state().resolve(name, type) is None:
            raise ValueError(f"no {type} named {name!r}")
        return type

    def merge_entities(self, a: str, b: str, type: str) -> None:
        """Merge entity `b` into `a` (a's name is kept); persisted and re-applied."""
        t = self._require(a, type)
        self._require(b, type)
        self._edit(lambda e: e.merge(self._canon_name(a, t), self._canon_name(b, t), t))

    def split_entity(self, name: str, alias: str, type: str) -> None:
        """Detach `alias` from entity `name`: it becomes an entity of its own."""
        t = self._require(name, type)
        self._edit(lambda e: e.split(self._canon_name(name, t), alias, t))

    def rename_entity(self, old: str, new: str, type: str) -> None:
        """Show entity `old` under the name `new`."""
        t = self._require(old, type)
        if not new.strip():
            raise ValueError("the new name is empty")
        self._edit(lambda e: e.rename(self._canon_name(old, t), new.strip(), t))

    def retype_entity(self, name: str, old: str, new: str) -> None:
        """Move entity `name` from type `old` to type `new`."""
        t = self._require(name, old)
        if new not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {new!r}; types: {', '.join(ENTITY_TYPES)}")
        self._edit(lambda e: e.retype(self._canon_name(name, t), t, new))

    def hide_entity(self, name: str, type: str) -> None:
        """Hide an entity from listings, counts and facets (search still finds it)."""
        t = self._require(name, type)
        self._edit(lambda e: e.hide(self._canon_name(name, t), t))

    def unhide_entity(self, name: str, type: str) -> None:
        """Show a hidden entity again."""
        t = self._require(name, type)
        self._edit(lambda e: e.unhide(self._canon_name(name, t), t))

    def undo_entity_edit(self) -> Edit | None:
        """Undo the last entity edit; returns it (None when there was none)."""
        result = self._edit(lambda e: e.undo())
        return result if isinstance(result, Edit) else None

    def entity_edits(self) -> tuple[Edit, ...]:
        """The saved edit log, oldest first."""
        return tuple(EntityEdits.load(self.root).ops)

    def hidden_entities(self) -> tuple[tuple[str, str], ...]:
        """Hidden entities as (name, type)."""
        return self._entity_state().table.hidden()

    def _canon_name(self, name: str, type: EntityType) -> str:
        canon = self._entity_state().resolve(name, type)
        return canon[0] if canon is not None else name


def _article_count(state: EntityState, canon: Key) -> int:
    ent = state.by_key.get(canon)
    return ent.articles if ent is not None else 0
