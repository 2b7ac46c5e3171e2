"""Entity listings and details computed from the article index.

Counts come from the per-type KEYWORD fields' term statistics (document frequency =
articles, term frequency = mentions), mapped through the alias table; stored mentions
are read only for one entity's detail or one article's entities.
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from whoosh.reading import IndexReader

from .extract.aliases import AliasTable
from .extract.normalize import name_key
from .model import (
    ENTITY_TYPES,
    CoEntity,
    Entity,
    EntityDetail,
    EntitySource,
    EntityType,
    Mention,
    MentionContext,
)

Key = tuple[str, EntityType]  # (canonical name, type)
SORTS = ("articles", "mentions", "name")
CONTEXT_CHARS = 70
_SPACE = re.compile(r"\s+")


def parse_mentions(raw: str) -> list[Mention]:
    """The stored "mentions" field of one article."""
    if not raw:
        return []
    try:
        rows = json.loads(raw)
    except ValueError:
        return []
    return [Mention(**row) for row in rows if isinstance(row, dict)]


def roles_by_entity(
    per_article: Mapping[str, Iterable[Mention]], table: AliasTable
) -> dict[str, dict[str, list[str]]]:
    """The five most frequent roles of each canonical entity: {type: {name: [role, ...]}}."""
    counts: dict[Key, Counter[str]] = defaultdict(Counter)
    for mentions in per_article.values():
        for m in mentions:
            if m.role:
                canon = table.canonical(m.name, m.type)
                if canon is not None:
                    counts[canon][m.role] += 1
    out: dict[str, dict[str, list[str]]] = defaultdict(dict)
    for (name, etype), roles in counts.items():
        out[etype][name] = [r for r, _ in roles.most_common(5)]
    return dict(out)


@dataclass
class EntityState:
    """Entities of one searcher generation: the listing and the index terms behind each."""

    table: AliasTable
    entities: tuple[Entity, ...]
    terms: dict[Key, list[tuple[str, str]]]  # canonical -> (field, indexed term)
    keys: dict[tuple[str, str], Key] = field(default_factory=dict)  # (type, name_key) -> canon
    hidden: set[Key] = field(default_factory=set)
    by_key: dict[Key, Entity] = field(default_factory=dict)

    def resolve(self, name: str, etype: str) -> Key | None:
        """The canonical entity a user-typed name means (aliases, case, bare surnames)."""
        key = name_key(name)
        found = self.keys.get((etype, key))
        if found is not None or etype != "person" or not key:
            return found
        # A bare surname: the one person whose name ends with it.
        owners = {c for (t, k), c in self.keys.items() if t == "person" and k.endswith(" " + key)}
        return owners.pop() if len(owners) == 1 else None

    def canonical(self, name: str, etype: EntityType) -> Key | None:
        """A mention's canonical entity, hidden ones included."""
        canon = self.table.canonical(name, etype)
        if canon is not None:
            return canon
        return self.keys.get((etype, name_key(name)))


def _postings(reader: IndexReader, fieldname: str, raw: bytes) -> tuple[set[int], int]:
    ids: set[int] = set()
    total = 0
    matcher = reader.postings(fieldname, raw)
    while matcher.is_active():
        ids.add(matcher.id())
        total += int(matcher.weight())
        matcher.next()
    return ids, total


def build_state(
    reader: IndexReader, table: AliasTable, roles: Mapping[str, Mapping[str, list[str]]]
) -> EntityState:
    """Group each type field's indexed names into canonical entities and count them."""
    terms: dict[Key, list[tuple[str, str]]] = defaultdict(list)
    stats: dict[Key, list[tuple[str, bytes, int, int]]] = defaultdict(list)
    hidden: set[Key] = set()
    hidden_names = {(name_key(n), t) for n, t in table.hidden()}
    for etype in ENTITY_TYPES:
        for raw, info in reader.iter_field(etype):
            term = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
            canon = table.canonical(term, etype)
            if canon is None:  # hidden: still searchable, never listed
                canon = (table.aliases(term, etype)[0], etype)
                hidden.add(canon)
            elif (name_key(canon[0]), canon[1]) in hidden_names:
                hidden.add(canon)
            terms[canon].append((etype, term))
            stats[canon].append((etype, raw, int(info.doc_frequency()), int(info.weight())))
    deleted = reader.has_deletions()
    entities: list[Entity] = []
    for canon, rows in stats.items():
        if canon in hidden:
            continue
        if len(rows) == 1 and not deleted:
            articles, mentions = rows[0][2], rows[0][3]
        else:  # several names (or stale counts after deletions): walk the postings
            docs: set[int] = set()
            mentions = 0
            for fieldname, raw, _df, _tf in rows:
                ids, total = _postings(reader, fieldname, raw)
                docs |= ids
                mentions += total
            articles = len(docs)
        if not articles:
            continue
        aliases = table.aliases(*canon)
        entities.append(
            Entity(
                name=canon[0],
                type=canon[1],
                aliases=tuple(a for a in aliases if a != canon[0]),
                roles=tuple(roles.get(canon[1], {}).get(canon[0], ())),
                articles=articles,
                mentions=mentions,
            )
        )
    state = EntityState(table, sort_entities(entities, "articles"), dict(terms), hidden=hidden)
    for canon, names in terms.items():
        for fieldname, term in names:
            state.keys.setdefault((fieldname, name_key(term)), canon)
    for ent in state.entities:
        state.by_key[(ent.name, ent.type)] = ent
        for alias in ent.aliases:
            state.keys.setdefault((ent.type, name_key(alias)), (ent.name, ent.type))
        state.keys[(ent.type, name_key(ent.name))] = (ent.name, ent.type)
    return state


def sort_entities(entities: Iterable[Entity], sort: str) -> tuple[Entity, ...]:
    """Entities by article count, mention count or name."""
    if sort == "name":
        return tuple(sorted(entities, key=lambda e: (e.name.casefold(), e.type)))
    if sort == "mentions":
        return tuple(
            sorted(entities, key=lambda e: (-e.mentions, -e.articles, e.name.casefold(), e.type))
        )
    return tuple(
        sorted(entities, key=lambda e: (-e.articles, -e.mentions, e.name.casefold(), e.type))
    )


def matches(entity: Entity, needle: str) -> bool:
    """Does the typed text occur in the entity's name or one of its aliases (any case)?"""
    if not needle:
        return True
    folded = name_key(needle) or needle.casefold()
    return any(
        folded in name_key(n) or needle.casefold() in n.casefold()
        for n in (entity.name, *entity.aliases)
    )


def _clip(text: str, left: bool) -> str:
    text = _SPACE.sub(" ", text)
    if left:
        cut = text[-CONTEXT_CHARS:]
        return cut if len(text) <= CONTEXT_CHARS else "…" + cut.split(" ", 1)[-1]
    cut = text[:CONTEXT_CHARS]
    return cut if len(text) <= CONTEXT_CHARS else cut.rsplit(" ", 1)[0] + "…"


@dataclass
class _SourceRow:
    articles: int = 0
    mentions: int = 0
    dates: list[str] = field(default_factory=list)


def detail(
    state: EntityState,
    canon: Key,
    docs: Iterable[Mapping[str, Any]],
    *,
    limit: int = 500,
) -> EntityDetail:
    """The detail of `canon` from the stored fields of the articles that name it."""
    rows: list[tuple[str, str, int, MentionContext]] = []
    total = 0
    co: Counter[Key] = Counter()
    sources: dict[str, _SourceRow] = defaultdict(_SourceRow)
    articles = 0
    names: set[str] = set()
    roles: Counter[str] = Counter()
    for stored in docs:
        mine = []
        others: set[Key] = set()
        for m in parse_mentions(str(stored.get("mentions") or "")):
            c = state.canonical(m.name, m.type)
            if c == canon:
                mine.append(m)
            elif c is not None and c not in state.hidden:
                others.add(c)
        if not mine:
            continue
        articles += 1
        co.update(others)
        text = str(stored.get("text") or "")
        published = stored.get("published") or None
        source = stored.get("source") or None
        src = sources[source or "(unknown)"]
        src.articles += 1
        src.mentions += len(mine)
        if published:
            src.dates.append(published)
        for m in mine:
            total += 1
            names.update((m.name, m.text))
            if m.role:
                roles[m.role] += 1
            start, end = max(0, m.start), min(len(text), m.end)
            row = MentionContext(
                article_id=str(stored["id"]),
                path=str(stored.get("path", "")),
                title=str(stored.get("title", "")),
                source=source,
                published=published,
                left=_clip(text[max(0, start - CONTEXT_CHARS * 2) : start], left=True),
                match=text[start:end] or m.text,
                right=_clip(text[end : end + CONTEXT_CHARS * 2], left=False),
                offset=m.start,
            )
            rows.append((published or "9999", str(stored["id"]), m.start, row))
    rows.sort(key=lambda r: r[:3])
    entity = state.by_key.get(canon) or Entity(
        name=canon[0],
        type=canon[1],
        aliases=tuple(sorted(n for n in names if n != canon[0])),
        roles=tuple(r for r, _ in roles.most_common(5)),
        articles=articles,
        mentions=total,
    )
    return EntityDetail(
        entity=entity,
        mentions=tuple(r[3] for r in rows[:limit]),
        total_mentions=total,
        cooccurring=tuple(
            CoEntity(n, t, c)
            for (n, t), c in sorted(co.items(), key=lambda kv: (-kv[1], kv[0][0].casefold()))[:50]
        ),
        sources=tuple(
            EntitySource(
                source=name,
                articles=s.articles,
                mentions=s.mentions,
                first=min(s.dates) if s.dates else None,
                last=max(s.dates) if s.dates else None,
            )
            for name, s in sorted(sources.items(), key=lambda kv: (-kv[1].articles, kv[0]))
        ),
        hidden=canon in state.hidden,
    )
