"""The search results list: three lines per hit, loaded page by page as the user scrolls."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import ClassVar

from defexplore.index.model import Hit
from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.binding import Binding, BindingType
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..messages import CompareSideChosen, Side

# Ask for the next page when the cursor or the viewport gets this close to the end.
PREFETCH_ROWS = 10


HIT_COLUMNS = ("rank", "title", "source", "published", "language", "score", "snippet", "path", "id")


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


class HitVisual(Visual):
    """One hit's three rows (rank and title; source, date, language and score; snippet).

    Drawn straight from styled runs rather than through `Content`: laying out and
    wrapping Content costs about a millisecond a row, and every new result set repaints
    every visible row, so that cost sat on each keystroke. Rows never wrap (they end in
    an ellipsis), so there is nothing to lay out.
    """

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

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(sum(cell_len(text) for text, _ in row) for row in self.rows)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.rows)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        resolved: dict[str, RichStyle] = {}

        def rich(spec: str) -> RichStyle:
            if spec not in resolved:
                resolved[spec] = (style + options.get_style(spec) if spec else style).rich_style
            return resolved[spec]

        strips = [_row_strip(row, width, rich) for row in self.rows]
        return strips if height is None else strips[:height]


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


class ResultsList(OptionList):
    """Hits of the current search. Posts `NeedMore` when close to the last loaded hit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
        Binding("enter", "select", "Open", show=True),
        Binding("a", "mark('a')", "Side A"),
        Binding("b", "mark('b')", "Side B"),
    ]

    DEFAULT_CSS = """
    ResultsList {
        height: 1fr;
        max-height: 100%;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        border: none;
        padding: 0;
        & > .option-list--option { padding: 0 1 0 0; }
        &:focus { border: none; }
    }
    """

    class NeedMore(Message):
        """More hits should be loaded after the `loaded` ones."""

        def __init__(self, loaded: int) -> None:
            super().__init__()
            self.loaded = loaded

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hits: list[Hit] = []
        self.total = 0

    def show(self, hits: Sequence[Hit], total: int) -> None:
        """Replace the list with the first page of a new result."""
        self.hits = list(hits)
        self.total = total
        self.set_options(self._options_for(self.hits, 0))
        if self.hits:
            self.highlighted = 0
        self.scroll_home(animate=False)

    def extend(self, hits: Sequence[Hit], offset: int) -> None:
        """Append a later page; pages that don't continue the list are ignored."""
        if offset != len(self.hits) or not hits:
            return
        self.hits.extend(hits)
        self.add_options(self._options_for(hits, offset))

    @staticmethod
    def _options_for(hits: Sequence[Hit], offset: int) -> list[Option]:
        return [Option(HitVisual(offset + i + 1, h)) for i, h in enumerate(hits)]

    @property
    def has_more(self) -> bool:
        """True while some matching hits are not loaded yet."""
        return len(self.hits) < self.total

    @property
    def current(self) -> Hit | None:
        """The highlighted hit."""
        index = self.highlighted
        return self.hits[index] if index is not None and index < len(self.hits) else None

    def action_mark(self, side: Side) -> None:
        """Mark the highlighted hit as side A or B for the Compare pane."""
        hit = self.current
        if hit is not None:
            self.post_message(CompareSideChosen(side, hit.id, hit.title))

    def _check_more(self) -> None:
        # Only once the user moves: prefetching right after a new result would compete
        # with the next keystroke's search for the corpus.
        if not self.has_more:
            return
        cursor = self.highlighted or 0
        near_cursor = cursor > 0 and cursor >= len(self.hits) - PREFETCH_ROWS
        near_bottom = self.scroll_y > 0 and self.scroll_y >= self.max_scroll_y - self.size.height
        if near_cursor or near_bottom:
            self.post_message(self.NeedMore(len(self.hits)))

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        self._check_more()

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._check_more()
