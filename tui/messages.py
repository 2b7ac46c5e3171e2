"""Messages shared by several panes and screens (messages go up, attributes come down)."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from defexplore.index.model import IngestReport, Progress
from textual.message import Message

from .widgets.header import HeaderInfo

Side = Literal["a", "b"]


class ArticleChosen(Message):
    """The user asked to read an article; `terms` are highlighted in the reader.

    `offset` (a body offset) opens the reader scrolled there, with `length` characters
    from it marked: the Timeline opens an event's sentence this way.
    """

    def __init__(
        self, article_id: str, terms: tuple[str, ...] = (), offset: int | None = None,
        length: int = 0,
    ) -> None:  # fmt: skip
        super().__init__()
        self.article_id = article_id
        self.terms = terms
        self.offset = offset
        self.length = length


class CompareSideChosen(Message):
    """An article was marked as side A or B for the Compare pane."""

    def __init__(self, side: Side, article_id: str, title: str = "") -> None:
        super().__init__()
        self.side: Side = side
        self.article_id = article_id
        self.title = title


class IngestProgress(Message):
    """Progress of a background ingest (posted from the worker thread)."""

    def __init__(self, progress: Progress) -> None:
        super().__init__()
        self.progress = progress


class IngestFinished(Message):
    """A background ingest ended; `error` is set when it could not run at all."""

    def __init__(self, report: IngestReport | None, error: str | None = None) -> None:
        super().__init__()
        self.report = report
        self.error = error


class CorpusChanged(Message):
    """The corpus content (or the corpus itself) changed: panes should refresh."""


class TimelineRequested(Message):
    """Show the Timeline pane, filtered to the events naming `entity` when given."""

    def __init__(self, entity: str | None = None) -> None:
        super().__init__()
        self.entity = entity


class CompareRequested(Message):
    """Compare two articles now (e.g. two reports of one story in the Timeline)."""

    def __init__(self, a_id: str, b_id: str) -> None:
        super().__init__()
        self.a_id = a_id
        self.b_id = b_id


class EntitySearchRequested(Message):
    """Show the Search pane filtered to the articles naming an entity (all its aliases)."""

    def __init__(self, name: str, type: str) -> None:
        super().__init__()
        self.name = name
        self.type = type

    @property
    def query(self) -> str:
        """The search query: `person:"Benny Gantz"`."""
        return f'{self.type}:"{self.name.replace(chr(34), " ")}"'


class ExportFinished(Message):
    """An export ended: `rows` items of `what` went to `path`, or `error` says why not.

    Panes post it from their export workers; the app alone reports it to the user.
    """

    def __init__(
        self, path: Path | None, rows: int = 0, what: str = "rows", error: str | None = None
    ) -> None:
        super().__init__()
        self.path = path
        self.rows = rows
        self.what = what
        self.error = error


class StatsReady(Message):
    """Fresh corpus statistics for the header."""

    def __init__(self, info: HeaderInfo) -> None:
        super().__init__()
        self.info = info


class WarmedUp(Message):
    """The engine's lazy caches are built."""


class RebuildReady(Message):
    """The files to re-read for a rebuild were listed."""

    def __init__(self, paths: list[Path]) -> None:
        super().__init__()
        self.paths = paths
