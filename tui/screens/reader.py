"""The reader screen: one article full-screen, with similar articles and Compare marks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import ClassVar

from defexplore.index.corpus import Corpus
from defexplore.index.model import Article, SimilarArticle
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer
from textual.worker import get_current_worker

from ..messages import CompareSideChosen, Side
from ..panes.reader import ReaderPane
from ..widgets.header import AppHeader
from .similar import SimilarScreen


def open_externally(target: str) -> str | None:
    """Start the platform's opener for a file without waiting; returns an error or None."""
    try:
        if sys.platform == "win32":
            os.startfile(target)  # type: ignore[attr-defined,unused-ignore]
            return None
        opener = "open" if sys.platform == "darwin" else "xdg-open"
        if shutil.which(opener) is None:
            return f"cannot open {target}: {opener} is not installed"
        subprocess.Popen(
            [opener, target],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        return f"cannot open {target}: {exc}"
    return None


class ReaderScreen(Screen[None]):
    """Shows one article; Esc goes back to where the reader was opened from."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back"),
        Binding("m", "similar", "Similar"),
        Binding("a", "mark('a')", "Side A"),
        Binding("b", "mark('b')", "Side B"),
        Binding("o", "open", "Open"),
    ]

    class Loaded(Message):
        """The article (or None when it is gone) arrived from the worker."""

        def __init__(self, article_id: str, article: Article | None) -> None:
            super().__init__()
            self.article_id = article_id
            self.article = article

    class SimilarFound(Message):
        """Similar articles for the current one arrived from the worker."""

        def __init__(self, article_id: str, similar: tuple[SimilarArticle, ...]) -> None:
            super().__init__()
            self.article_id = article_id
            self.similar = similar

    def __init__(
        self, corpus: Corpus, article_id: str, terms: tuple[str, ...] = (),
        offset: int | None = None, length: int = 0,
    ) -> None:  # fmt: skip
        super().__init__()
        self.corpus = corpus
        self.article_id = article_id
        self.terms = terms
        # Where to open (a body offset and length), for the first article shown only.
        self.mark = (offset, offset + length) if offset is not None else None

    def compose(self) -> ComposeResult:
        yield AppHeader()
        yield ReaderPane(id="reader")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(ReaderPane).focus()
        self.load(self.article_id)

    def load(self, article_id: str) -> None:
        """Show another article in this reader."""
        self.article_id = article_id
        self.query_one(ReaderPane).add_class("-loading")
        self._load(article_id)

    @work(thread=True, exclusive=True, group="reader")
    def _load(self, article_id: str) -> None:
        article = self.corpus.article(article_id)
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(article_id, article))

    def on_reader_screen_loaded(self, message: Loaded) -> None:
        if message.article_id != self.article_id:
            return
        pane = self.query_one(ReaderPane)
        if message.article is None:
            pane.missing(message.article_id)
        else:
            pane.show(message.article, self.terms, self.mark)
            self.mark = None

    @property
    def article(self) -> Article | None:
        """The article on screen."""
        return self.query_one(ReaderPane).article

    # -- actions ------------------------------------------------------------------------
    def action_back(self) -> None:
        self.dismiss(None)

    def action_mark(self, side: Side) -> None:
        article = self.article
        if article is not None:
            self.post_message(CompareSideChosen(side, article.id, article.title))

    def action_open(self) -> None:
        article = self.article
        if article is None:
            return
        if article.url:
            self.app.open_url(article.url)
            self.notify(f"Opening {article.url}", timeout=3)
            return
        if not Path(article.path).exists():
            self.notify(f"{article.path} no longer exists", severity="error")
            return
        error = open_externally(article.path)
        if error:
            self.notify(error, severity="error")
        else:
            self.notify(f"Opening {Path(article.path).name}", timeout=3)

    def action_similar(self) -> None:
        if self.article is not None:
            self.notify("Finding similar articles…", timeout=1.5)
            self._similar(self.article.id)

    @work(thread=True, exclusive=True, group="similar")
    def _similar(self, article_id: str) -> None:
        found = self.corpus.similar(article_id, 15)
        if not get_current_worker().is_cancelled:
            self.post_message(self.SimilarFound(article_id, found))

    def on_reader_screen_similar_found(self, message: SimilarFound) -> None:
        if message.article_id != self.article_id:
            return
        if not message.similar:
            self.notify("No similar articles found", severity="warning")
            return

        def chosen(article_id: str | None) -> None:
            if article_id:
                self.load(article_id)

        self.app.push_screen(SimilarScreen(message.similar), chosen)
