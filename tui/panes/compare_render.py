"""What the Compare pane paints: column headers, row cells with shared text and conflicting
values highlighted, the conflicts panel. Pure functions from engine values to `Content`."""

from __future__ import annotations

import re
from collections.abc import Sequence

from defexplore.index.compare_report import Row
from defexplore.index.model import Article, Attribution, Comparison, Conflict
from textual.content import Content

SHARED_STYLE = "underline $text-success"
CONFLICT_STYLE = "bold reverse $text-error"
ATTRIB_STYLE = "italic $text-accent"
GUTTER = {"same": "=", "paraphrase": "≈", "only_a": "◀", "only_b": "▶", "merged": "┘"}
GUTTER_TIP = {"same": "same sentence", "paraphrase": "same content, other words",
              "only_a": "only in A", "only_b": "only in B",
              "merged": "the other side says this in the sentence above"}  # fmt: skip


def side_header(side: str, article: Article | None, share: float | None, cites: str) -> Content:
    """Title, then outlet · date · language · reuse share, then who it cites."""
    if article is None:
        return Content.assemble(
            (f"{side} ", "bold $text-accent"),
            (f"not chosen: press {side.lower()} to pick an article", "$text-muted"),
        )
    # Short fields first: a long outlet name is what a narrow column cuts.
    meta = " · ".join(
        [article.published or "undated", (article.language or "??").upper(),
         article.source or "unknown outlet"]
    )  # fmt: skip
    parts: list[str | tuple[str, str]] = [
        (f"{side} ", "bold $text-accent"),
        (article.title or article.id, "bold"),
        "\n",
    ]
    if share is not None:  # first on its line: narrow terminals cut the end of it
        parts.append((f"{share:.0%} reused · ", "$text-success" if share else "$text-muted"))
    parts.append((meta, "$text-muted"))
    if cites:
        parts += ["\n", ("cites: " + cites, "$text-muted italic")]
    return Content.assemble(*parts)


def cites(attributions: Sequence[Attribution]) -> str:
    """Distinct attributed sources, in order, for the header."""
    seen: dict[str, None] = {}
    for x in attributions:
        seen.setdefault(x.who.strip(), None)
    return "; ".join(list(seen)[:4]) + (" …" if len(seen) > 4 else "")


def _spans(passages: Sequence[tuple[int, int]], span: tuple[int, int]) -> list[tuple[int, int]]:
    s, e = span
    return [(max(s, ps) - s, min(e, pe) - s) for ps, pe in passages if ps < e and pe > s]


def _find(text: str, value: str) -> tuple[int, int] | None:
    if not value:
        return None
    m = re.search(re.escape(value), text, re.IGNORECASE)
    return (m.start(), m.end()) if m else None


def cell(
    text: str,
    span: tuple[int, int] | None,
    passages: Sequence[tuple[int, int]],
    values: Sequence[str],
    attributions: Sequence[Attribution],
) -> Content:
    """One sentence: shared passages underlined, conflicting values and attributions marked."""
    content = Content(text)
    if span is not None and span[1] - span[0] == len(text):
        for start, end in _spans(passages, span):
            content = content.stylize(SHARED_STYLE, start, end)
    for x in attributions:
        found = _find(text, x.text)
        if found:
            content = content.stylize(ATTRIB_STYLE, *found)
    for value in values:
        found = _find(text, value)
        if found:
            content = content.stylize(CONFLICT_STYLE, *found)
    return content


def row_cells(cmp: Comparison, row: Row) -> tuple[Content, Content, str]:
    """The A cell, the B cell and the gutter mark of one row."""
    conflicts = [cmp.conflicts[n] for n in row.conflicts]
    pa = [(p.a_start, p.a_end) for p in cmp.passages]
    pb = [(p.b_start, p.b_end) for p in cmp.passages]
    a = b = Content("")
    if row.a is not None:
        span = cmp.a_spans[row.a] if row.a < len(cmp.a_spans) else None
        atts = [x for x in cmp.attributions_a if x.sentence_index == row.a]
        a = cell(cmp.a_sentences[row.a], span, pa, [c.a_value for c in conflicts], atts)
    if row.b is not None:
        span = cmp.b_spans[row.b] if row.b < len(cmp.b_spans) else None
        atts = [x for x in cmp.attributions_b if x.sentence_index == row.b]
        b = cell(cmp.b_sentences[row.b], span, pb, [c.b_value for c in conflicts], atts)
    mark = "⚠" if conflicts else GUTTER[row.status]
    return a, b, mark


def conflict_note(conflict: Conflict) -> Content:
    """One line for a conflict: its kind (and role), then both values."""
    role = f" ({conflict.role})" if conflict.role else ""
    return Content.assemble(
        ("⚠ ", "$text-error"),
        (f"{conflict.kind}{role}: ", "bold"),
        ("A: ", "$text-muted"),
        (conflict.a_value, "bold $text-error"),
        ("  vs  B: ", "$text-muted"),
        (conflict.b_value, "bold $text-error"),
    )


def conflicts_panel(cmp: Comparison, current: int | None) -> Content:
    """Every conflict, one per line; the one the cursor is on is marked."""
    if not cmp.conflicts:
        return Content.styled("No conflicting details found.", "$text-muted")
    lines = [Content.styled(f"Conflicts ({len(cmp.conflicts)})  c: next", "bold")]
    for n, c in enumerate(cmp.conflicts):
        pointer = Content.styled("▸ " if n == current else "  ", "$text-accent")
        lines.append(pointer + conflict_note(c))
    return Content("\n").join(lines)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def summary(cmp: Comparison, origin: str | None, a: Article, b: Article) -> Content:
    """The line under the headers: kind, similarity, counts and the likely origin."""
    kind = cmp.kind.replace("_", " ")
    parts: list[str | tuple[str, str]] = [
        (kind, "bold $text-warning" if cmp.kind == "verbatim" else "bold"),
        f" · similarity {cmp.similarity:.2f} · {len(cmp.pairs)} aligned · "
        f"{len(cmp.only_a)} only A · {len(cmp.only_b)} only B · "
        f"{_plural(len(cmp.passages), 'shared passage')} · ",
        (_plural(len(cmp.conflicts), "conflict"), "bold $text-error" if cmp.conflicts else ""),
    ]
    if origin:
        side = "A" if origin == a.id else "B" if origin == b.id else origin
        parts.append((f" · likely origin: {side} (published first)", "$text-warning"))
    return Content.assemble(*parts)
