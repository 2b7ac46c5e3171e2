"""A comparison as a report: the JSON document of `defexplore compare --json`, the rows the
Compare pane shows, and a Markdown rendering for export.

Rows put aligned sentences side by side in reading order of A, with sentences found only in
B placed after the nearest preceding aligned B sentence, so both columns read top to bottom.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .model import AlignedPair, Article, Comparison, Conflict, DuplicateGroup, to_json

STATUS_LABEL = {"same": "same", "paraphrase": "paraphrase", "only_a": "only in A",
                "only_b": "only in B", "merged": "joins the row above",
                "conflict": "conflict"}  # fmt: skip


@dataclass(frozen=True)
class Row:
    """One row of the side-by-side view: a sentence index on each side (or None)."""

    a: int | None
    b: int | None
    status: str  # same | paraphrase | only_a | only_b | merged
    similarity: float = 0.0
    conflicts: tuple[int, ...] = ()  # indices into Comparison.conflicts

    @property
    def is_difference(self) -> bool:
        """Anything but an identical pair: what n/p jump between."""
        return self.status != "same" or bool(self.conflicts)


def header(article: Article) -> dict[str, Any]:
    """The metadata shown over each column (and in the JSON `a` / `b` objects)."""
    return {
        "id": article.id,
        "path": article.path,
        "title": article.title,
        "source": article.source,
        "published": article.published,
        "language": article.language,
    }


def likely_origin(cmp: Comparison, a: Article, b: Article) -> str | None:
    """For a verbatim pair, the earlier-published side (the likely wire source)."""
    if cmp.kind != "verbatim" or not a.published or not b.published:
        return None
    if a.published == b.published:
        return None
    return a.id if a.published < b.published else b.id


def rows(cmp: Comparison) -> list[Row]:
    """The side-by-side rows: pairs in A's order, unmatched sentences where they fall.

    A "merged" pair gets a row of its own under the row it completes, its other cell left
    empty: the sentence on the row above holds what it says.
    """
    by_a: dict[int, list[AlignedPair]] = {}
    for p in cmp.pairs:
        by_a.setdefault(p.a_index, []).append(p)
    conflicts_at: dict[tuple[int, int], list[int]] = {}
    for n, c in enumerate(cmp.conflicts):
        conflicts_at.setdefault((c.a_index, c.b_index), []).append(n)
    # Each B-only sentence goes after the aligned B sentence just before it.
    after_b: dict[int, list[int]] = {}
    aligned_b = sorted({p.b_index for p in cmp.pairs})
    leading: list[int] = []
    for j in cmp.only_b:
        prev = [x for x in aligned_b if x < j]
        if prev:
            after_b.setdefault(prev[-1], []).append(j)
        else:
            leading.append(j)
    out = [Row(None, j, "only_b") for j in leading]
    placed: set[tuple[int, int]] = set()
    shown_b: set[int] = set()
    for i in range(len(cmp.a_sentences)):
        pairs = sorted(by_a.get(i, ()), key=lambda p: p.b_index)
        if not pairs:
            out.append(Row(i, None, "only_a", 0.0, tuple(_loose(conflicts_at, i))))
            continue
        for n, pair in enumerate(pairs):
            key = (i, pair.b_index)
            placed.add(key)
            found = tuple(conflicts_at.get(key, ()))
            if pair.b_index in shown_b:  # A's second sentence for a B sentence shown above
                out.append(Row(i, None, "merged", pair.similarity, found))
            elif n:  # B's second sentence for this A sentence
                out.append(Row(None, pair.b_index, "merged", pair.similarity, found))
            else:
                kind = "same" if pair.kind == "same" else "paraphrase"
                out.append(Row(i, pair.b_index, kind, pair.similarity, found))
            shown_b.add(pair.b_index)
            out.extend(Row(None, j, "only_b") for j in after_b.pop(pair.b_index, ()))
    for rest in after_b.values():
        out.extend(Row(None, j, "only_b") for j in rest)
    # Conflicts between sentences that are not aligned (same role, other rows) stay
    # reachable: attach them to the row of their A sentence.
    for key, ns in conflicts_at.items():
        if key in placed:
            continue
        for k, row in enumerate(out):
            if row.a == key[0] and row.status != "only_a":
                out[k] = Row(row.a, row.b, row.status, row.similarity, row.conflicts + tuple(ns))
                break
    return out


def _loose(conflicts_at: dict[tuple[int, int], list[int]], i: int) -> list[int]:
    return [n for (a, _), ns in conflicts_at.items() if a == i for n in ns]


def report(cmp: Comparison, a: Article, b: Article) -> dict[str, Any]:
    """The JSON document for a comparison: article headers, then every `Comparison` field."""
    doc: dict[str, Any] = {"a": header(a), "b": header(b), "origin": likely_origin(cmp, a, b)}
    doc.update(to_json(cmp))
    return doc


def duplicates_report(
    groups: tuple[DuplicateGroup, ...], articles: dict[str, Article]
) -> dict[str, Any]:
    """The JSON document of `defexplore duplicates`: groups with their members' headers."""
    return {
        "groups": [
            {
                **to_json(g),
                "articles": [header(articles[i]) for i in g.article_ids if i in articles],
            }
            for g in groups
        ]
    }


def _md(text: str) -> str:
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("\n", " ").strip()


def _conflict_line(c: Conflict) -> str:
    role = f" ({c.role})" if c.role else ""
    return (
        f"- **{c.kind}**{role}: A says **{_md(c.a_value)}**, B says **{_md(c.b_value)}**\n"
        f"  - A: {_md(c.a_sentence)}\n  - B: {_md(c.b_sentence)}"
    )


def markdown(cmp: Comparison, a: Article, b: Article) -> str:
    """A Markdown report of the comparison (headers, conflicts, side-by-side table)."""
    lines = ["# Comparison", ""]
    for side, art, share in (("A", a, cmp.reuse_a), ("B", b, cmp.reuse_b)):
        meta = " · ".join(x for x in (art.source, art.published, art.language) if x)
        lines.append(f"- **{side}**: {_md(art.title or art.id)} ({_md(meta or 'no metadata')}); "
                     f"`{art.id}`; {share:.0%} of it reused verbatim")  # fmt: skip
    origin = likely_origin(cmp, a, b)
    lines += ["", f"Kind: **{cmp.kind}**, similarity {cmp.similarity:.2f}; "
              f"{len(cmp.pairs)} aligned sentences, {len(cmp.only_a)} only in A, "
              f"{len(cmp.only_b)} only in B, {len(cmp.passages)} shared passages."]  # fmt: skip
    if origin:
        lines.append(f"Likely origin (published first): `{origin}`.")
    lines += ["", f"## Conflicts ({len(cmp.conflicts)})", ""]
    lines += [_conflict_line(c) for c in cmp.conflicts] or ["None found."]
    for side, atts in (("A", cmp.attributions_a), ("B", cmp.attributions_b)):
        if atts:
            lines += ["", f"## Attributions in {side}", ""]
            lines += [f"- {_md(x.who)} ({x.kind}): “{_md(x.text)}”" for x in atts]
    if cmp.passages:
        lines += ["", "## Shared passages", ""]
        lines += [f"- ({p.words} words) “{_md(p.text)}”" for p in cmp.passages]
    lines += ["", "## Side by side", "", "| A | B | status |", "| --- | --- | --- |"]
    for row in rows(cmp):
        ta = cmp.a_sentences[row.a] if row.a is not None else ""
        tb = cmp.b_sentences[row.b] if row.b is not None else ""
        status = "conflict" if row.conflicts else row.status
        lines.append(f"| {_md(ta)} | {_md(tb)} | {STATUS_LABEL[status]} |")
    return "\n".join(lines) + "\n"
