"""Helpers shared by the sub-commands: corpus opening, JSON output, progress, exit codes."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from defexplore.index.corpus import Corpus
from defexplore.index.model import Progress as EngineProgress, to_json
from defexplore.index.paths import DEFAULT_CORPUS
from defexplore.index.store import StoreError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

EXIT_OK = 0
EXIT_FAILED = 1  # some inputs failed, or what was asked for was not found
EXIT_USAGE = 2  # bad arguments or query syntax

out = Console(highlight=False, soft_wrap=False)
err = Console(stderr=True, highlight=False)


class CommandError(Exception):
    """A user-facing failure: printed without a traceback, with an exit code."""

    def __init__(self, message: str, code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.code = code


def add_common(parser: argparse.ArgumentParser) -> None:
    """--corpus and --json, accepted by every sub-command."""
    parser.add_argument(
        "--corpus",
        default=DEFAULT_CORPUS,
        metavar="NAME",
        help=f"corpus name, or a path to an index directory (default: {DEFAULT_CORPUS})",
    )
    parser.add_argument("--json", action="store_true", help="print JSON (schema in README)")


def emit_json(value: Any) -> None:
    """Print a model value as JSON on stdout."""
    sys.stdout.write(json.dumps(to_json(value), ensure_ascii=False, indent=2) + "\n")


@contextmanager
def open_corpus(args: argparse.Namespace, *, seed: bool = True) -> Iterator[Corpus]:
    """Open the corpus named by --corpus; the default corpus is seeded on first use."""
    try:
        corpus = Corpus.open(args.corpus)
    except (StoreError, ValueError) as exc:
        raise CommandError(str(exc), EXIT_USAGE) from exc
    try:
        if seed and args.corpus == DEFAULT_CORPUS and corpus.count() == 0:
            with progress_bar(quiet=args.json) as cb:
                corpus.ingest_seeds(progress=cb)
        for message in corpus.messages:
            err.print(f"[yellow]note:[/] {message}")
        yield corpus
    finally:
        corpus.close()


@contextmanager
def progress_bar(quiet: bool = False) -> Iterator[Callable[[EngineProgress], None]]:
    """A rich progress bar on stderr when it is a terminal; silent otherwise."""
    if quiet or not err.is_terminal:
        yield lambda _p: None
        return
    columns = (
        TextColumn("{task.description:<6}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("[dim]{task.fields[item]}"),
    )
    with Progress(*columns, console=err, transient=True) as bar:
        tasks: dict[str, Any] = {}

        def update(p: EngineProgress) -> None:
            if p.stage not in tasks:
                tasks[p.stage] = bar.add_task(p.stage, total=p.total, item="")
            bar.update(tasks[p.stage], completed=p.done, total=p.total, item=p.item[-40:])

        yield update
