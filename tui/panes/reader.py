"""The reader: an article's metadata header, its body with query terms highlighted, captions."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from defexplore.index.model import Article
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

HIGHLIGHT = "bold $text-warning"
MARK = "underline $text-accent"  # a passage the reader was opened at


def term_pattern(terms: Sequence[str]) -> re.Pattern[str] | None:
    """Words starting with any query term (a cheap stand-in for the index's stemming)."""
    words = sorted({t.lower() for t in terms if len(t) > 1}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE)


def highlight(text: str, terms: Sequence[str]) -> Content:
    """`text` as Content with every match of the query terms styled."""
    content = Content(text)
    pattern = term_pattern(terms)
    if pattern is None:
        return content
    for m in pattern.finditer(text):
        content = content.stylize(HIGHLIGHT, m.start(), m.end())
    return content


def metadata(article: Article) -> Content:
    """The header block: title, then outlet, date, author, URL, language and file."""
    date = article.published or "undated"
    if article.published and article.precision and article.precision != "day":
        date += f" ({article.precision})"
    rows = (
        ("Outlet", article.source or "unknown"),
        ("Date", date),
        ("Author", article.author or "—"),
        ("URL", article.url or "—"),
        ("Language", (article.language or "unknown").upper()),
        ("File", Path(article.path).name),
    )
    parts: list[Content | str | tuple[str, str]] = [(article.title or "(untitled)", "bold"), "\n"]
    for label, value in rows:
        parts += ["\n", (f"{label:<9}", "$text-muted"), value]
    return Content.assemble(*parts)


class ReaderPane(VerticalScroll):
    """Scrollable article view; the reader screen feeds it with `show`."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "End", show=False),
    ]

    DEFAULT_CSS = """
    ReaderPane { height: 1fr; padding: 0 2; }
    ReaderPane #reader-meta {
        padding: 1 0; border-bottom: solid $foreground 15%; margin-bottom: 1;
    }
    ReaderPane #reader-body { padding-bottom: 1; }
    ReaderPane #reader-captions-title { color: $text-accent; text-style: bold; }
    ReaderPane #reader-captions {
        color: $text-muted; text-style: italic; border-left: thick $accent 40%; padding-left: 1;
    }
    ReaderPane.-no-captions #reader-captions-title, ReaderPane.-no-captions #reader-captions {
        display: none;
    }
    ReaderPane.-loading #reader-body { color: $text-disabled; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, can_focus=True)
        self.article: Article | None = None

    def compose(self) -> ComposeResult:
        yield Static("Loading…", id="reader-meta")
        yield Static("", id="reader-body")
        yield Static("Captions", id="reader-captions-title")
        yield Static("", id="reader-captions")

    def show(
        self, article: Article, terms: Sequence[str] = (), mark: tuple[int, int] | None = None
    ) -> None:
        """Display `article` with `terms` highlighted; `mark` (body offsets) is marked and
        scrolled to."""
        self.article = article
        self.remove_class("-loading")
        self.query_one("#reader-meta", Static).update(metadata(article))
        body = article.body.strip() or "(this article has no body text)"
        content = highlight(body, terms)
        lead = len(article.body) - len(article.body.lstrip())
        start = mark[0] - lead if mark else -1
        if mark and 0 <= start < len(body):
            content = content.stylize(MARK, start, min(mark[1] - lead, len(body)))
        self.query_one("#reader-body", Static).update(content)
        captions = article.captions.strip()
        self.set_class(not captions, "-no-captions")
        self.query_one("#reader-captions", Static).update(highlight(captions, terms))
        self.scroll_home(animate=False)
        if mark and 0 <= start < len(body):
            self.call_after_refresh(self._scroll_to_body, body[:start])

    def _scroll_to_body(self, before: str) -> None:
        # The marked text starts on the line after everything wrapped before it.
        widget = self.query_one("#reader-body", Static)
        lines = len(Content(before).wrap(max(widget.content_region.width, 1))) - 1
        self.scroll_to(y=max(0, widget.virtual_region.y + lines - 2), animate=False)

    def missing(self, article_id: str) -> None:
        """Say the article is gone (e.g. removed by a re-ingest)."""
        self.article = None
        self.add_class("-no-captions")
        self.query_one("#reader-meta", Static).update(f"Article {article_id} is not in the corpus.")
        self.query_one("#reader-body", Static).update("")
