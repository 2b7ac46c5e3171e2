"""The search result rows, drawn by `HitRows` straight from styled runs."""

from __future__ import annotations

import asyncio

from defexplore.index.model import Hit
from defexplore.tui.widgets.hit_rows import HitRows
from defexplore.tui.widgets.results import ResultsList
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip

LONG_TITLE = "Morocco and Israel sign a long security cooperation agreement " * 3
SNIPPET = "The two ministers signed the drone deal in Rabat on Wednesday."
FOCUSED = "… ministers signed the drone deal in Rabat on Wednesday."  # starts near the mark


def hit(title: str = LONG_TITLE, source: str | None = "Reuters", score: float = 2.5) -> Hit:
    start = SNIPPET.index("drone")
    return Hit("a1", "/x/a1.txt", title, source, "2021-11-24", "day", "en", score, SNIPPET,
               ((start, start + len("drone")),))  # fmt: skip


class RowsApp(App[None]):
    CSS = "ResultsList { width: 72; height: 12; }"

    def compose(self) -> ComposeResult:
        yield ResultsList(id="results")


def rows(hits: list[Hit]) -> list[Strip]:
    """The first rows of a ResultsList showing `hits`, as painted."""
    out: list[Strip] = []

    async def main() -> None:
        app = RowsApp()
        async with app.run_test(size=(80, 20)) as pilot:
            results = app.query_one(ResultsList)
            results.show(hits, len(hits))
            await pilot.pause()
            out.extend(results.render_lines(Region(0, 0, results.size.width, 6)))

    asyncio.run(main())
    return out


def test_rows_are_cut_to_the_width_with_an_ellipsis() -> None:
    title, meta, snippet = (strip.text for strip in rows([hit()])[:3])
    assert title.startswith("  1 Morocco and Israel")
    # 72 columns less the scrollbar (always shown, 2): one cell stays free on the right
    # of the 70, then the ellipsis.
    assert title.rstrip().endswith("…") and len(title.rstrip()) == 69
    assert meta.strip() == "Reuters · 2021-11-24 · EN · score 2.50"
    assert snippet.strip() == FOCUSED


def test_matched_terms_are_bold_and_missing_values_have_words() -> None:
    strips = rows([hit(title="", source=None, score=0.0), hit()])
    assert strips[0].text.startswith("  1 (untitled)")
    assert strips[1].text.strip() == "unknown source · 2021-11-24 · EN"  # no "score 0.00"
    # The second hit: the first is highlighted, and the highlight is bold throughout.
    assert strips[3].text.startswith("  2 Morocco")
    bold = [seg.text for seg in strips[5] if seg.style is not None and seg.style.bold]
    assert bold == ["drone"]


def test_the_plain_text_of_a_row_is_its_str() -> None:
    text = str(HitRows(3, hit(title="Short")))
    assert text.splitlines() == [
        "  3 Short",
        "    Reuters · 2021-11-24 · EN · score 2.50",
        "    " + FOCUSED,
    ]
