"""A pop-up list of articles similar to the one in the reader."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from defexplore.index.model import SimilarArticle
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from .article_list import ArticleListScreen


class SimilarScreen(ArticleListScreen):
    """Pick a similar article; dismisses with its id, or None on Esc."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("j", "down", "Down", show=False),
        Binding("k", "up", "Up", show=False),
    ]

    DEFAULT_CSS = """
    SimilarScreen > Vertical { max-height: 80%; }
    SimilarScreen OptionList { max-height: 30; }
    """

    def __init__(self, similar: Sequence[SimilarArticle]) -> None:
        super().__init__()
        self.similar = list(similar)

    def compose(self) -> ComposeResult:
        options = [
            Option(
                Content.assemble(
                    (s.title or "(untitled)", "bold"),
                    "\n",
                    (
                        f"{s.source or 'unknown source'} · {s.published or 'undated'} · "
                        f"{(s.language or '??').upper()} · {s.kind} · {s.score:.2f}",
                        "$text-muted",
                    ),
                ),
                id=s.id,
            )
            for s in self.similar
        ]
        with Vertical():
            yield Label("Similar articles  (Enter to read, Esc to close)")
            yield OptionList(*options, id="similar-list")
