"""The one-line header (corpus name, counts, date span, compare marks) and the ingest bar."""

from __future__ import annotations

from dataclasses import dataclass, field

from defexplore.index.model import CorpusStats, Progress
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Label, ProgressBar, Static


@dataclass(frozen=True)
class HeaderInfo:
    """What the header shows; the app replaces it as a whole (attributes down)."""

    name: str = ""
    articles: int = 0
    sources: int = 0
    first: str | None = None
    last: str | None = None
    marks: dict[str, str] = field(default_factory=dict)  # side -> short title

    @classmethod
    def from_stats(cls, stats: CorpusStats, marks: dict[str, str]) -> HeaderInfo:
        """Build from `Corpus.stats()`."""
        return cls(stats.name, stats.articles, stats.sources, stats.first, stats.last, marks)


def _span(first: str | None, last: str | None) -> str:
    first, last = first or None, last or None
    if first and last:
        return first if first == last else f"{first} → {last}"
    return first or last or "undated"


def _short(title: str, width: int = 24) -> str:
    return title if len(title) <= width else title[: width - 1] + "…"


class AppHeader(Static):
    """Corpus name and counts on the left, Compare marks on the right."""

    DEFAULT_CSS = """
    AppHeader {
        dock: top;
        height: 1;
        width: 1fr;
        background: $panel;
        color: $foreground;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "header_info", self.show, init=True)

    def show(self, info: HeaderInfo) -> None:
        """Render `info`."""
        articles = "article" if info.articles == 1 else "articles"
        sources = f"{info.sources:,} source" + ("" if info.sources == 1 else "s")
        if info.articles and not info.sources:
            sources = "outlets unknown"  # not "0 sources": the files named none
        parts: list[Content | str | tuple[str, str]] = [
            ("defexplore ", "bold $text-primary"),
            ("▸ ", "$text-muted"),
            (info.name or "?", "bold"),
            ("  │  ", "$text-muted"),
            f"{info.articles:,} {articles} · {sources} · {_span(info.first, info.last)}",
        ]
        for side in ("a", "b"):
            if side in info.marks:
                parts += [("  │  ", "$text-muted"), (f"{side.upper()}: ", "bold $text-accent")]
                parts.append(_short(info.marks[side]))
        self.update(Content.assemble(*parts))


class IngestBar(Horizontal):
    """Shown while an ingest runs: stage, progress bar and current file."""

    DEFAULT_CSS = """
    IngestBar {
        dock: top;
        height: 1;
        display: none;
        background: $boost;
        padding: 0 1;
        &.-active { display: block; }
        #ingest-label { width: auto; min-width: 16; padding-right: 1; }
        #ingest-progress { width: 40; }
        #ingest-item { width: 1fr; color: $text-muted; padding-left: 1;
                       text-wrap: nowrap; text-overflow: ellipsis; }
    }
    """

    def compose(self) -> ComposeResult:
        yield Label("Indexing…", id="ingest-label")
        yield ProgressBar(id="ingest-progress", show_eta=False)
        yield Label("", id="ingest-item")

    def start(self, what: str) -> None:
        """Show the bar for a new run."""
        self.add_class("-active")
        self.query_one("#ingest-label", Label).update(what)
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.query_one("#ingest-item", Label).update("")

    def advance(self, progress: Progress) -> None:
        """Reflect one progress report."""
        label = {"scan": "Reading", "parse": "Analysing", "write": "Writing"}.get(
            progress.stage, progress.stage.title()
        )
        self.query_one("#ingest-label", Label).update(f"{label}…")
        self.query_one(ProgressBar).update(total=progress.total or None, progress=progress.done)
        self.query_one("#ingest-item", Label).update(progress.item)

    def stop(self) -> None:
        """Hide the bar."""
        self.remove_class("-active")
