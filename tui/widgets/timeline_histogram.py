"""The histogram above the timeline: event counts per period as a sparkline, with an axis."""

from __future__ import annotations

from defexplore.index.model import TimelineResult
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Sparkline, Static

from ..timeline_format import month_name


def axis_text(result: TimelineResult, width: int) -> str:
    """First period on the left, last on the right, the busiest one in between."""
    bins = result.histogram
    if not bins:
        return ""
    first, last = bins[0].period, bins[-1].period
    peak = max(bins, key=lambda b: b.count)
    label = month_name(peak.period) if result.granularity == "month" else peak.period
    mid = f"peak {label}: {peak.count}"
    width = max(width, len(first) + len(last) + len(mid) + 4)
    gap = width - len(first) - len(last) - len(mid)
    return f"{first}{' ' * (gap // 2)}{mid}{' ' * (gap - gap // 2)}{last}"


class TimelineHistogram(Vertical):
    """Counts of the matching events over time (every match, not only the listed rows)."""

    DEFAULT_CSS = """
    TimelineHistogram { height: auto; }
    TimelineHistogram #tl-spark { height: 2; margin: 1 1 0 1; }
    Screen.-short TimelineHistogram #tl-spark { height: 1; margin: 0 1; }
    TimelineHistogram #tl-axis { height: 1; padding: 0 1; color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Sparkline([], id="tl-spark", summary_function=max)
        yield Static("", id="tl-axis")

    def show(self, result: TimelineResult) -> None:
        """Draw the histogram of `result`."""
        self.query_one("#tl-spark", Sparkline).data = [float(b.count) for b in result.histogram]
        self.query_one("#tl-axis", Static).update(axis_text(result, self.size.width - 2))
