"""Sub-commands: compare (two articles side by side), duplicates (copies and same-story groups)."""

from __future__ import annotations

import argparse
from typing import Any

from defexplore.index.compare_report import STATUS_LABEL, duplicates_report, report, rows
from defexplore.index.corpus_compare import ArticleNotFound
from defexplore.index.model import Article, Comparison
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .common import EXIT_OK, CommandError, add_common, emit_json, open_corpus, out, progress_bar

ROW_STYLE = {"same": "", "paraphrase": "", "only_a": "green", "only_b": "cyan", "merged": ""}


def register(sub: Any) -> None:
    """Add the compare sub-commands."""
    p = sub.add_parser("compare", help="two articles side by side: shared text, conflicts")
    p.add_argument("a", metavar="A", help="article id, path or unique id prefix")
    p.add_argument("b", metavar="B", help="article id, path or unique id prefix")
    add_common(p)
    p.set_defaults(func=cmd_compare)

    p = sub.add_parser("duplicates", help="wire copies (with their origin) and same-story groups")
    add_common(p)
    p.set_defaults(func=cmd_duplicates)


def _headline(side: str, art: Article, share: float) -> str:
    meta = " · ".join(x for x in (art.source, art.published, (art.language or "").upper()) if x)
    return (
        f"[bold]{side}[/] {escape(art.title or art.id)}\n    [dim]{escape(meta or 'no metadata')}"
        f" · {escape(art.id)} · {share:.0%} reused[/]"
    )


def _print_comparison(cmp: Comparison, a: Article, b: Article, origin: str | None) -> None:
    out.print(_headline("A", a, cmp.reuse_a))
    out.print(_headline("B", b, cmp.reuse_b))
    out.print(
        f"\n[bold]{cmp.kind}[/], similarity {cmp.similarity:.2f}: {len(cmp.pairs)} aligned, "
        f"{len(cmp.only_a)} only in A, {len(cmp.only_b)} only in B, "
        f"{len(cmp.passages)} shared passages, {len(cmp.conflicts)} conflicts"
    )
    if origin:
        out.print(f"likely origin (published first): [bold]{escape(origin)}[/]")
    if cmp.conflicts:
        table = Table("kind", "A says", "B says", "A sentence", "B sentence", title="Conflicts",
                      expand=True, header_style="bold red")  # fmt: skip
        for c in cmp.conflicts:
            kind = f"{c.kind} ({c.role})" if c.role else c.kind
            table.add_row(kind, c.a_value, c.b_value, c.a_sentence, c.b_sentence)
        out.print(table)
    for side, atts in (("A", cmp.attributions_a), ("B", cmp.attributions_b)):
        for x in atts:
            out.print(f"[dim]{side} attribution:[/] {escape(x.who)} [dim]({x.kind})[/]")
    table = Table("A", "B", "", expand=True, header_style="bold")
    for row in rows(cmp):
        ta = Text(cmp.a_sentences[row.a] if row.a is not None else "")
        tb = Text(cmp.b_sentences[row.b] if row.b is not None else "")
        status = "conflict" if row.conflicts else row.status
        table.add_row(ta, tb, Text(STATUS_LABEL[status], style="red" if row.conflicts else
                                   ROW_STYLE.get(row.status, "")))  # fmt: skip
    out.print(table)


def cmd_compare(args: argparse.Namespace) -> int:
    """Compare two articles; exit 1 when one is not found."""
    with open_corpus(args) as corpus:
        try:
            a = corpus.article(args.a)
            b = corpus.article(args.b)
            if a is None or b is None:
                raise ArticleNotFound(args.a if a is None else args.b)
            cmp = corpus.compare(a.id, b.id)
        except ArticleNotFound as exc:
            raise CommandError(str(exc)) from exc
    doc = report(cmp, a, b)
    if args.json:
        emit_json(doc)
        return EXIT_OK
    _print_comparison(cmp, a, b, doc["origin"])
    return EXIT_OK


def cmd_duplicates(args: argparse.Namespace) -> int:
    """List verbatim and same-story groups (computed once per index, then cached)."""
    with open_corpus(args) as corpus:
        with progress_bar(quiet=args.json) as cb:
            groups = corpus.duplicates(progress=cb)
        members = {i for g in groups for i in g.article_ids}
        articles = {i: art for i in sorted(members) if (art := corpus.article(i)) is not None}
    doc = duplicates_report(groups, articles)
    if args.json:
        emit_json(doc)
        return EXIT_OK
    if not groups:
        out.print("no verbatim copies or same-story groups found")
        return EXIT_OK
    for n, g in enumerate(doc["groups"], 1):
        out.print(f"\n[bold]{n}. {g['kind']}[/] ({len(g['article_ids'])} articles, "
                  f"score {g['score']:.2f})")  # fmt: skip
        table = Table("", "published", "source", "lang", "title", "id", expand=True)
        for h in g["articles"]:
            star = "origin" if h["id"] == g["origin"] else ""
            table.add_row(star, h["published"] or "", h["source"] or "?",
                          h["language"] or "", h["title"], h["id"])  # fmt: skip
        out.print(table)
    return EXIT_OK
