"""Choosing what the Compare pane shows: an article per side (fuzzy search over titles), B
among the reports of A's story, or a pair from the corpus's copy and same-story groups."""

from __future__ import annotations

from defexplore.index.corpus import Corpus
from defexplore.index.model import Progress
from textual import work
from textual.message import Message
from textual.widget import Widget

from ..messages import Side
from ..screens.compare_picker import ComparePickerScreen, PickEntry

GROUP_PREFIX = "group:"


class ComparePicking(Widget):
    """The Compare pane's pickers (a mixin: the pane provides the state and `set_side`)."""

    corpus: Corpus
    a_id: str | None
    b_id: str | None

    class Entries(Message):
        """Articles (or groups) to offer in the picker for `side`."""

        def __init__(
            self,
            side: Side,
            title: str,
            entries: list[PickEntry],
            pairs: dict[str, tuple[str, str]] | None = None,
        ) -> None:
            super().__init__()
            self.side, self.title, self.entries = side, title, entries
            self.pairs = pairs or {}  # entry id -> (A, B) for group entries

    def set_side(self, side: Side, article_id: str) -> None:
        """Put an article on one side (the pane implements it)."""
        raise NotImplementedError

    def compare(self, a_id: str, b_id: str) -> None:
        """Compare two articles (the pane implements it)."""
        raise NotImplementedError

    def action_pick(self, side: Side) -> None:
        self._entries(self.corpus, side)

    @work(thread=True, exclusive=True, group="compare-pick")
    def _entries(self, corpus: Corpus, side: Side) -> None:
        found = corpus.search("", sort="date", limit=max(corpus.count(), 1), facets=False)
        entries = [PickEntry(h.id, h.title, h.source, h.published, h.language) for h in found.hits]
        self.post_message(self.Entries(side, f"Side {side.upper()}: choose an article", entries))

    def action_same_story(self) -> None:
        if self.a_id is None:
            self.notify("Choose side A first (press a).", timeout=3)
            return
        self._same_story(self.corpus, self.a_id)

    @work(thread=True, exclusive=True, group="compare-pick")
    def _same_story(self, corpus: Corpus, a_id: str) -> None:
        try:
            found = corpus.similar_kinds(a_id, 20)
        except LookupError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error")
            return
        entries = [PickEntry(s.id, s.title, s.source, s.published, s.language, s.kind)
                   for s in found]  # fmt: skip
        self.post_message(self.Entries("b", "Side B: reports related to A", entries))

    def action_copies(self) -> None:
        if self.corpus.cached_duplicates() is None:
            self.notify("Finding copies and same-story groups…", timeout=3)
        self._copies(self.corpus)

    @work(thread=True, exclusive=True, group="compare-pick")
    def _copies(self, corpus: Corpus) -> None:
        def progress(_p: Progress) -> None:
            return None

        groups = corpus.duplicates(progress)
        entries, pairs = [], {}
        for n, g in enumerate(groups):
            # The likely origin of a copy group goes on side A, one copy on side B.
            first = g.origin or g.article_ids[0]
            pairs[f"{GROUP_PREFIX}{n}"] = (first, next(i for i in g.article_ids if i != first))
            art = corpus.article(first)
            origin = " · origin (published first)" if g.origin else ""
            entries.append(
                PickEntry(
                    f"{GROUP_PREFIX}{n}",
                    art.title if art else first,
                    f"{len(g.article_ids)} articles{origin}",
                    art.published if art else None,
                    art.language if art else None,
                    g.kind,
                )
            )
        title = "Copies and same-story groups: compare a pair"
        self.post_message(self.Entries("a", title, entries, pairs))

    def on_compare_picking_entries(self, message: Entries) -> None:
        if not message.entries:
            self.notify("Nothing to choose from.", severity="warning", timeout=3)
            return
        other = self.b_id if message.side == "a" else self.a_id
        side, pairs = message.side, message.pairs

        def chosen(choice: str | None) -> None:
            if choice in pairs:
                self.compare(*pairs[choice])
            elif choice:
                self.set_side(side, choice)

        self.app.push_screen(ComparePickerScreen(message.title, message.entries, other), chosen)
