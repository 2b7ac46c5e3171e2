"""Headless sub-commands of the `defexplore` CLI, one module per area.

Each module exposes `register(subparsers)`, which adds its parsers and sets `func` to a
callable taking the parsed arguments and returning the exit code.
"""
