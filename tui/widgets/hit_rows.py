"""One search hit as rows of styled text: what the results list draws, and what export writes."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from defexplore.index.model import Hit
from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.strip import Strip
from textual.style import Style

HIT_COLUMNS = ("rank", "title", "source", "published", "language", "score", "snippet", "path", "id")
ROWS_PER_HIT = 3


def hit_row(rank: int, hit: Hit) -> dict[str, object]:
    """One export row for a hit."""
    return {
        "rank": rank,
        "title": hit.title,
        "source": hit.source or "",
        "published": hit.published or "",
        "language": hit.language or "",
        "score": hit.score,
        "snippet": hit.snippet,
        "path": hit.path,
        "id": hit.id,
    }


def hit_meta(hit: Hit) -> str:
    """`source · date · language · score`, with words for what is missing.

    Date-sorted and unfiltered listings are not ranked: the engine gives them score 0,
    and showing "score 0.00" would read as "irrelevant".
    """
    parts = [hit.source or "unknown source", hit.published or "undated",
             (hit.language or "??").upper()]  # fmt: skip
    if hit.score:
        parts.append(f"score {hit.score:.2f}")
    return " · ".join(parts)


def focus_snippet(
    text: str, marks: Sequence[tuple[int, int]], lead: int = 12
) -> tuple[str, list[tuple[int, int]]]:
    """The snippet cut to start shortly before its first mark, so the match shows on a
    narrow row, with the marks shifted to match."""
    text = text.replace("\n", " ")
    shift = 0
    if marks and marks[0][0] > lead + 2:
        cut = text.rfind(" ", 0, marks[0][0] - lead) + 1 or marks[0][0] - lead
        text = "… " + text[cut:]
        shift = cut - 2
    return text, [(s - shift, e - shift) for s, e in marks if s - shift >= 0]


Run = tuple[str, str]  # text and a style spec ("" for the row's own style)
_MUTED = "$text-muted"
_MARK = "$text-muted bold $text-warning"  # a matched term inside the muted snippet


class HitRows:
    """One hit's three rows (rank and title; source, date, language and score; snippet)
    as styled runs.

    The runs are drawn straight into strips rather than through `Content` or a `Visual`:
    laying out Content costs about a millisecond a row and every new result set paints
    every visible row, so that cost sat on each keystroke. Rows never wrap (they end in
    an ellipsis), so there is nothing to lay out.
    """

    __slots__ = ("rows",)

    def __init__(self, rank: int, hit: Hit) -> None:
        snippet, marks = focus_snippet(hit.snippet, hit.marks)
        runs: list[Run] = [("    ", "")]
        at = 0
        for start, end in marks:
            if start < at:  # overlapping marks: the first one wins
                continue
            runs += [(snippet[at:start], _MUTED), (snippet[start:end], _MARK)]
            at = end
        runs.append((snippet[at:], _MUTED))
        title = (hit.title or "(untitled)").replace("\n", " ")
        self.rows: tuple[tuple[Run, ...], ...] = (
            ((f"{rank:>3} ", _MUTED), (title, "bold")),
            (("    ", ""), (hit_meta(hit).replace("\n", " "), "$text-secondary")),
            tuple(run for run in runs if run[0]),
        )

    def __str__(self) -> str:
        return "\n".join("".join(text for text, _ in row) for row in self.rows)

    def strips(self, width: int, style: Style, margin: int = 1) -> list[Strip]:
        """The rows drawn `width` cells wide over `style`, the last `margin` cells blank
        (the gap before the scrollbar)."""
        resolved: dict[str, RichStyle] = {}

        def rich(spec: str) -> RichStyle:
            if spec not in resolved:
                resolved[spec] = (style + Style.parse(spec) if spec else style).rich_style
            return resolved[spec]

        base = style.rich_style
        return [
            _row_strip(row, max(width - margin, 0), rich).extend_cell_length(width, base)
            for row in self.rows
        ]


def _row_strip(row: Sequence[Run], width: int, rich: Callable[[str], RichStyle]) -> Strip:
    """One row cut to `width` cells, ending in an ellipsis when it does not fit."""
    segments: list[Segment] = []
    used = 0
    for text, spec in row:
        size = cell_len(text)
        if used + size > width:
            room = width - used - 1
            if room > 0:
                segments.append(Segment(set_cell_size(text, room), rich(spec)))
            if width - used > 0:
                segments.append(Segment("…", rich(spec)))
            used = width
            break
        segments.append(Segment(text, rich(spec)))
        used += size
    return Strip(segments, used)
