"""Sub-commands: index, search, article, similar, corpora, stats."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from defexplore.index.corpus import Corpus
from defexplore.index.ingest import DEFAULT_MAX_BYTES
from defexplore.index.model import Hit, IngestReport, to_json as model_json
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    add_common,
    emit_json,
    err,
    open_corpus,
    out,
    progress_bar,
)


def _size(text: str) -> int:
    units = {"k": 1024, "m": 1024**2, "g": 1024**3}
    text = text.strip().lower().rstrip("b")
    try:
        if text and text[-1] in units:
            return int(float(text[:-1]) * units[text[-1]])
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a size: {text!r} (e.g. 20M, 500k)") from None


def register(sub: Any) -> None:
    """Add the core sub-commands."""
    p = sub.add_parser("index", help="ingest files or folders into a corpus")
    p.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    p.add_argument("--prune", action="store_true", help="remove articles whose files are gone")
    p.add_argument("--rebuild", action="store_true", help="drop the index and re-ingest")
    p.add_argument("--include", action="append", default=[], metavar="GLOB")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB")
    p.add_argument(
        "--max-size",
        type=_size,
        default=DEFAULT_MAX_BYTES,
        metavar="SIZE",
        help="skip files larger than this (default 64M)",
    )
    p.add_argument("--no-extract", action="store_true", help="skip entity/date extraction")
    p.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    add_common(p)
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("search", help="full-text search (Whoosh query syntax)")
    p.add_argument("query")
    p.add_argument("--sort", choices=["relevance", "date", "date_asc"], default="relevance")
    p.add_argument("--limit", type=int, default=20)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument(
        "--filter",
        action="append",
        default=[],
        metavar="FACET=VALUE",
        help="source=..., year=... or language=...; repeatable",
    )
    add_common(p)
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("article", help="show one article (id, path or unique id prefix)")
    p.add_argument("id")
    add_common(p)
    p.set_defaults(func=cmd_article)

    p = sub.add_parser("similar", help="articles similar to one article")
    p.add_argument("id")
    p.add_argument("--limit", type=int, default=10)
    add_common(p)
    p.set_defaults(func=cmd_similar)

    p = sub.add_parser("corpora", help="list the corpora on this machine")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_corpora)

    p = sub.add_parser("stats", help="counts and date span of a corpus")
    add_common(p)
    p.set_defaults(func=cmd_stats)


def _report_rows(report: IngestReport) -> list[tuple[str, int]]:
    return [
        ("added", len(report.added)),
        ("updated", len(report.updated)),
        ("unchanged", len(report.unchanged)),
        ("removed", len(report.removed)),
        ("failed", len(report.failed)),
        ("warnings", len(report.warnings)),
    ]


def cmd_index(args: argparse.Namespace) -> int:
    """Ingest paths; exit 1 when any input failed."""
    missing = [str(p) for p in args.paths if not p.exists() and not p.is_symlink()]
    with open_corpus(args, seed=False) as corpus, progress_bar(quiet=args.json) as cb:
        report = corpus.ingest(
            args.paths,
            include=args.include,
            exclude=args.exclude,
            prune=args.prune,
            rebuild=args.rebuild,
            max_bytes=args.max_size,
            extract=not args.no_extract,
            workers=args.workers,
            progress=cb,
        )
        for message in corpus.messages:
            err.print(f"[yellow]note:[/] {escape(message)}")
    if args.json:
        data = model_json(report)
        data["corpus"] = args.corpus
        data["counts"] = dict(_report_rows(report))
        data.pop("unchanged")
        emit_json(data)
    else:
        summary = ", ".join(f"{n} {k}" for k, n in _report_rows(report) if n or k == "added")
        out.print(f"[bold]{escape(args.corpus)}[/]: {summary} in {report.seconds:.1f}s")
        for problem in report.failed:
            line = f":{problem.line}" if problem.line else ""
            err.print(f"[red]failed[/] {escape(problem.path)}{line}: {escape(problem.reason)}")
        for problem in report.warnings:
            line = f":{problem.line}" if problem.line else ""
            err.print(f"[yellow]warning[/] {escape(problem.path)}{line}: {escape(problem.reason)}")
    if missing and not report.failed:
        return EXIT_FAILED
    return EXIT_OK if report.ok else EXIT_FAILED


def _filters(items: list[str]) -> dict[str, list[str]]:
    filters: dict[str, list[str]] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not value:
            raise CommandError(f"--filter wants FACET=VALUE, got {item!r}", EXIT_USAGE)
        filters.setdefault(key.strip(), []).append(value.strip())
    return filters


def hit_text(hit: Hit) -> Text:
    """A snippet with its matched terms in bold."""
    text = Text(hit.snippet)
    for start, end in hit.marks:
        text.stylize("bold yellow", start, end)
    return text


def cmd_search(args: argparse.Namespace) -> int:
    """Run a search; exit 2 on a query syntax error."""
    with open_corpus(args) as corpus:
        result = corpus.search(
            args.query,
            sort=args.sort,
            limit=args.limit,
            offset=args.offset,
            filters=_filters(args.filter),
        )
    if args.json:
        emit_json(result)
    elif result.error:
        err.print(f"[red]query error:[/] {escape(result.error)}")
    else:
        shown = f"{args.offset + 1}-{args.offset + len(result.hits)}" if result.hits else "0"
        out.print(f"[bold]{result.total}[/] hits ({shown} shown)")
        if result.suggestion:
            out.print(f"did you mean: [italic]{escape(result.suggestion)}[/]")
        table = Table(show_header=True, header_style="bold", expand=True)
        for col in ("id", "date", "source", "lang", "title / snippet"):
            table.add_column(col, overflow="fold")
        for hit in result.hits:
            cell = Text(hit.title + "\n", style="bold") + hit_text(hit)
            table.add_row(hit.id, hit.published or "", hit.source or "?", hit.language or "", cell)
        out.print(table)
    return EXIT_USAGE if result.error else EXIT_OK


def cmd_article(args: argparse.Namespace) -> int:
    """Print one article; exit 1 when it is not found."""
    with open_corpus(args) as corpus:
        article = corpus.article(args.id)
    if article is None:
        raise CommandError(f"no article matches {args.id!r} (give an id, a path or a prefix)")
    if args.json:
        emit_json(article)
        return EXIT_OK
    out.print(f"[bold]{escape(article.title)}[/]")
    meta = [
        article.source or "unknown outlet",
        article.published or "undated",
        article.language or "?",
        article.author or "",
        article.url or "",
        article.path,
    ]
    out.print("[dim]" + escape(" · ".join(m for m in meta if m)) + "[/]\n")
    out.print(escape(article.body))
    if article.captions:
        out.print("\n[dim]Captions:\n" + escape(article.captions) + "[/]")
    return EXIT_OK


def cmd_similar(args: argparse.Namespace) -> int:
    """List articles similar to one article."""
    with open_corpus(args) as corpus:
        target = corpus.resolve(args.id)
        if target is None:
            raise CommandError(f"no article matches {args.id!r}")
        similar = corpus.similar(target, args.limit)
    if args.json:
        emit_json({"id": target, "similar": similar})
        return EXIT_OK
    table = Table("id", "kind", "score", "date", "source", "title", expand=True)
    for s in similar:
        table.add_row(s.id, s.kind, f"{s.score:.2f}", s.published or "", s.source or "?", s.title)
    out.print(table)
    return EXIT_OK


def cmd_corpora(args: argparse.Namespace) -> int:
    """List known corpora."""
    corpora = Corpus.list_corpora()
    if args.json:
        emit_json({"corpora": corpora})
        return EXIT_OK
    table = Table("name", "articles", "path")
    for c in corpora:
        table.add_row(c.name, str(c.articles), c.path)
    out.print(table if corpora else "no corpora yet: run `defexplore` or `defexplore index`")
    return EXIT_OK


def cmd_stats(args: argparse.Namespace) -> int:
    """Print corpus statistics."""
    with open_corpus(args) as corpus:
        stats = corpus.stats()
    if args.json:
        emit_json(stats)
        return EXIT_OK
    langs = ", ".join(f"{f.value} {f.count}" for f in stats.languages)
    out.print(
        f"[bold]{escape(stats.name)}[/]: {stats.articles} articles, {stats.sources} "
        f"sources, {stats.first or '?'} – {stats.last or '?'}; languages: {langs}; "
        f"{stats.size_bytes / 1e6:.1f} MB at {escape(stats.index_dir)}"
    )
    return EXIT_OK
