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
COMMAND_MODULES = ("core",)
OPTIONAL_COMMAND_MODULES = ("entities", "timeline", "compare")


def _command_parser() -> tuple[argparse.ArgumentParser, set[str]]:
    parser = argparse.ArgumentParser(
        prog="defexplore",
        description="Explore a folder of news articles: search, entities, timeline, compare. "
        "Run without a command to open the terminal app.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES + OPTIONAL_COMMAND_MODULES:
        try:
            module = import_module(f"defexplore.tui.commands.{name}")
        except ModuleNotFoundError as exc:
            if name in OPTIONAL_COMMAND_MODULES and exc.name == f"defexplore.tui.commands.{name}":
                continue
            raise
        module.register(sub)
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
        parser, commands = _command_parser()
        if args_list and (args_list[0] in ("-h", "--help") or args_list[0] in commands):
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
    try:
        app_module = import_module("defexplore.tui.app")
    except ModuleNotFoundError:
        _command_parser()[0].print_help()
        return 0
    return int(app_module.run(corpus=args.corpus, paths=args.paths))


if __name__ == "__main__":
    sys.exit(main())
