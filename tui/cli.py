"""The `defexplore` entry point: the TUI by default, headless sub-commands otherwise.

`defexplore [PATH...] [--corpus NAME]` opens the app (ingesting PATHs first, in the
background); `defexplore <command> ... [--json]` runs one headless command.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module
from pathlib import Path

from defexplore.index.paths import DEFAULT_CORPUS

from .commands.common import EXIT_USAGE, CommandError, err

# Modules under defexplore.tui.commands that register sub-commands, in help order.
COMMAND_MODULES = ("core", "entities", "timeline", "compare")
# The sub-command names, known without importing the modules, so that launching the app
# does not pay for building every command's parser (a test keeps this list true).
COMMANDS = frozenset(
    {"index", "search", "article", "similar", "corpora", "stats", "entities", "entity",
     "timeline", "stories", "story", "compare", "duplicates"}
)  # fmt: skip


def build_parser() -> tuple[argparse.ArgumentParser, set[str]]:
    """The sub-command parser and the names it accepts."""
    parser = argparse.ArgumentParser(
        prog="defexplore",
        description="Explore a folder of news articles: search, entities, timeline, compare. "
        "Run without a command to open the terminal app.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        import_module(f"defexplore.tui.commands.{name}").register(sub)
    return parser, set(sub.choices)


def _app_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="defexplore",
        description="Open the terminal app. PATHs are ingested into the corpus first, "
        "in the background. Commands: index, search, article, similar, corpora, stats "
        "(see `defexplore --help`).",
    )
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH")
    parser.add_argument(
        "--corpus",
        default=DEFAULT_CORPUS,
        metavar="NAME",
        help=f"corpus to open (default: {DEFAULT_CORPUS})",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run defexplore; returns the process exit code."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    try:
        if args_list and (args_list[0] in ("-h", "--help") or args_list[0] in COMMANDS):
            parser = build_parser()[0]
            args = parser.parse_args(args_list)
            if not getattr(args, "func", None):
                parser.print_help()
                return EXIT_USAGE
            return int(args.func(args))
        return _launch(_app_parser().parse_args(args_list))
    except CommandError as exc:
        err.print(f"[red]error:[/] {exc}")
        return exc.code
    except KeyboardInterrupt:
        err.print("interrupted")
        return 130
    except SystemExit as exc:  # argparse exits 2 on usage errors; keep its code
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE


def _launch(args: argparse.Namespace) -> int:
    from .app import run

    return int(run(corpus=args.corpus, paths=args.paths))


if __name__ == "__main__":
    sys.exit(main())
