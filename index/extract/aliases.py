"""Corpus-level alias merging and aggregation into `Entity` values.

Merging, from most to least certain:
1. same name key (case, diacritics, hyphens, particles: "El Farouk" = "el-Farouk");
2. a surface form bound to one entity in some article (an acronym beside its expansion,
   a surname beside the full name) names that entity in articles where it stands alone,
   when that surface is unambiguous across the corpus;
3. a surname alone joins the one full name ending with it (two people who share a surname:
   no merge);
4. transliterations and typos: equal skeleton keys ("Kohavi"/"Cochavi", "Morroco") or a
   rapidfuzz ratio >= 92 on them, never across different digits ("Hermes 450"/"Hermes 900"),
   and never for two names that appear side by side in one article (they are different).
User edits are applied last.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from rapidfuzz import fuzz, process

from ..model import Entity, EntityType, Mention
from .edit_apply import replay
from .edits import EntityEdits
from .gazetteer import gazetteer
from .normalize import digits, is_acronym, name_key, skeleton

Node = tuple[str, str]  # (type, key)


class _Clusters:
    """Union-find over nodes with display names, counts and co-occurrence."""

    def __init__(self) -> None:
        self.parent: dict[Node, Node] = {}
        self.names: dict[Node, Counter[str]] = defaultdict(Counter)
        self.surfaces: dict[Node, set[str]] = defaultdict(set)
        self.articles: dict[Node, set[str]] = defaultdict(set)

    def add(self, node: Node) -> None:
        self.parent.setdefault(node, node)

    def find(self, node: Node) -> Node:
        root = node
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[node] != root:
            self.parent[node], node = root, self.parent[node]
        return root

    def union(self, keep: Node, other: Node) -> None:
        a, b = self.find(keep), self.find(other)
        if a != b:
            self.parent[b] = a

    def groups(self) -> dict[Node, list[Node]]:
        out: dict[Node, list[Node]] = defaultdict(list)
        for node in self.parent:
            out[self.find(node)].append(node)
        return out


def _node(name: str, etype: str) -> Node:
    return (etype, name_key(name))


class AliasTable:
    """Maps any (name, type) seen in the corpus to its canonical entity; JSON-serialisable."""

    def __init__(
        self, entities: list[dict[str, Any]], hidden: Iterable[tuple[str, str]] = ()
    ) -> None:
        self._entities = entities
        self._index: dict[Node, int] = {}
        for i, ent in enumerate(entities):
            for name, etype in ent["members"]:
                self._index.setdefault(_node(name, etype), i)
            self._index[_node(ent["name"], ent["type"])] = i
        self._hidden = {_node(n, t) for n, t in hidden}

    # -- queries ----------------------------------------------------------------------
    def _lookup(self, name: str, etype: EntityType) -> dict[str, Any] | None:
        i = self._index.get(_node(name, etype))
        if i is None:
            entry = gazetteer().lookup(name)
            if entry is not None and entry.type == etype:
                i = self._index.get(_node(entry.name, etype))
        return None if i is None else self._entities[i]

    def canonical(self, name: str, type: EntityType) -> tuple[str, EntityType] | None:
        """The canonical (name, type) for a mention's name; None when the entity is hidden."""
        ent = self._lookup(name, type)
        result: tuple[str, EntityType] = (ent["name"], ent["type"]) if ent else (name, type)
        if _node(*result) in self._hidden:
            return None
        return result

    def aliases(self, name: str, type: EntityType) -> tuple[str, ...]:
        """Every name merged into this entity, canonical first (for query expansion)."""
        ent = self._lookup(name, type)
        if ent is None:
            return (name,)
        return (ent["name"], *sorted({n for n in ent["aliases"] if n != ent["name"]}))

    def hidden(self) -> tuple[tuple[str, str], ...]:
        """Hidden entities as (name, type)."""
        return tuple(
            sorted(
                (e["name"], e["type"])
                for e in self._entities
                if _node(e["name"], e["type"]) in self._hidden
            )
        )

    # -- serialisation ------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        """Plain JSON form (the lead stores it as a sidecar)."""
        hidden = [
            [e["name"], e["type"]]
            for e in self._entities
            if _node(e["name"], e["type"]) in self._hidden
        ]
        return {"version": 1, "entities": self._entities, "hidden": hidden}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AliasTable:
        """Inverse of `to_json`."""
        return cls(list(data.get("entities", [])), [(n, t) for n, t in data.get("hidden", [])])

    # -- building -----------------------------------------------------------------------
    @classmethod
    def build(
        cls, per_article: Mapping[str, Sequence[Mention]], edits: EntityEdits | None = None
    ) -> AliasTable:
        """Merge the names of all articles, then apply the user's edits."""
        cl = _Clusters()
        surface_to: dict[Node, set[Node]] = defaultdict(set)
        for art, mentions in per_article.items():
            for m in mentions:
                node = _node(m.name, m.type)
                cl.add(node)
                cl.names[node][m.name] += 1
                cl.surfaces[node].add(m.text)
                cl.articles[node].add(art)
                surface = _node(m.text, m.type)
                if surface != node:
                    surface_to[surface].add(node)
        _merge_surfaces(cl, surface_to)
        _merge_surnames(cl)
        _merge_fuzzy(cl)
        return _apply(cl, edits or EntityEdits())


def _cooccur(cl: _Clusters, a: Node, b: Node) -> bool:
    return bool(cl.articles[a] & cl.articles[b])


def _merge_surfaces(cl: _Clusters, surface_to: dict[Node, set[Node]]) -> None:
    for surface, targets in surface_to.items():
        if surface in cl.parent and len(targets) == 1:
            target = next(iter(targets))
            if surface[0] == "person" and len(surface[1].split()) > 1:
                continue  # a full name is never folded into another full name this way
            cl.union(target, surface)


def _merge_surnames(cl: _Clusters) -> None:
    fulls: dict[str, set[Node]] = defaultdict(set)
    for node in cl.parent:
        toks = node[1].split()
        if node[0] == "person" and len(toks) >= 2:
            fulls[toks[-1]].add(cl.find(node))
    for node in list(cl.parent):
        toks = node[1].split()
        if node[0] == "person" and len(toks) == 1:
            roots = fulls.get(toks[0], set())
            if len(roots) == 1:
                cl.union(next(iter(roots)), node)


def _merge_fuzzy(cl: _Clusters) -> None:
    import numpy as np  # only for this pass: opening a corpus should not pay for it

    by_type: dict[str, list[Node]] = defaultdict(list)
    for node in cl.parent:
        if (len(node[1]) >= 4 and not is_acronym(node[1].upper())) or len(node[1]) >= 6:
            by_type[node[0]].append(node)
    for etype, nodes in by_type.items():
        skels = [skeleton(n[1]) for n in nodes]
        blocks: dict[str, list[int]] = defaultdict(list)
        for i, s in enumerate(skels):
            blocks[s[:1]].append(i)
        for idx in blocks.values():
            if len(idx) < 2:
                continue
            choices = [skels[i] for i in idx]
            # One C-level pass per block; only pairs above the cutoff come back to Python.
            scores = process.cdist(
                choices, choices, scorer=fuzz.ratio, score_cutoff=92, dtype=np.uint8
            )
            for a_pos, b_pos in zip(*np.nonzero(np.triu(scores, k=1)), strict=True):
                i, j = idx[int(a_pos)], idx[int(b_pos)]
                if min(len(skels[i]), len(skels[j])) < 5:
                    continue
                if _compatible(cl, etype, nodes[i], nodes[j], float(scores[a_pos, b_pos])):
                    cl.union(nodes[i], nodes[j])


def _compatible(cl: _Clusters, etype: str, a: Node, b: Node, score: float) -> bool:
    if cl.find(a) == cl.find(b):
        return False
    if digits(a[1]) != digits(b[1]) or _cooccur(cl, a, b):
        return False
    if etype == "person":
        ta, tb = a[1].split(), b[1].split()
        if len(ta) != len(tb):
            return False
        # Every name part must be close: "Abdullah ... Al Nuaimi" is not "Theyab ... Al Nuaimi".
        return all(fuzz.ratio(skeleton(x), skeleton(y)) >= 80 for x, y in zip(ta, tb, strict=True))
    return score >= 92 and min(len(a[1]), len(b[1])) >= 5


def _display(cl: _Clusters, nodes: list[Node]) -> str:
    names: Counter[str] = Counter()
    for n in nodes:
        names.update(cl.names[n])
    g = gazetteer()
    for name, _ in names.most_common():
        entry = g.lookup(name)
        if entry is not None and entry.name == name:
            return name
    return max(names.items(), key=lambda kv: (kv[1], len(kv[0].split()), len(kv[0])))[0]


def _apply(cl: _Clusters, edits: EntityEdits) -> AliasTable:
    """Turn clusters into table rows, then replay the user's edits on them."""
    rows: dict[Node, dict[str, Any]] = {}
    for root, nodes in cl.groups().items():
        names = {n for node in nodes for n in cl.names[node]} | {
            s for node in nodes for s in cl.surfaces[node]
        }
        members = sorted({(n, node[0]) for node in nodes for n in cl.names[node]})
        rows[root] = {
            "name": _display(cl, nodes),
            "type": root[0],
            "members": [list(m) for m in members],
            "aliases": sorted(names),
        }
    entities, hidden = replay(list(rows.values()), edits)
    return AliasTable(entities, hidden)


def aggregate(per_article: Mapping[str, Sequence[Mention]], table: AliasTable) -> list[Entity]:
    """Corpus entities with article and mention counts, merged aliases and roles."""
    arts: dict[tuple[str, EntityType], set[str]] = defaultdict(set)
    count: Counter[tuple[str, EntityType]] = Counter()
    names: dict[tuple[str, EntityType], set[str]] = defaultdict(set)
    roles: dict[tuple[str, EntityType], Counter[str]] = defaultdict(Counter)
    for art, mentions in per_article.items():
        for m in mentions:
            canon = table.canonical(m.name, m.type)
            if canon is None:
                continue
            arts[canon].add(art)
            count[canon] += 1
            names[canon].update((m.name, m.text))
            if m.role:
                roles[canon][m.role] += 1
    out = [
        Entity(
            name=k[0],
            type=k[1],
            aliases=tuple(sorted(n for n in names[k] if n != k[0])),
            roles=tuple(r for r, _ in roles[k].most_common(5)),
            articles=len(arts[k]),
            mentions=count[k],
        )
        for k in arts
    ]
    out.sort(key=lambda e: (-e.articles, -e.mentions, e.type, e.name))
    return out
