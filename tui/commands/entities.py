"""Sub-commands: entities (the list) and entity (one entity's detail)."""

from __future__ import annotations

import argparse
from typing import Any

from defexplore.index.model import ENTITY_TYPES, Entity, EntityDetail, to_json
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from .common import EXIT_OK, EXIT_USAGE, CommandError, add_common, emit_json, open_corpus, out

SORTS = ("articles", "mentions", "name")


def register(sub: Any) -> None:
    """Add the entities sub-commands."""
    p = sub.add_parser("entities", help="people, organisations, places and equipment, counted")
    p.add_argument("--type", "-t", choices=ENTITY_TYPES, help="only this type")
    p.add_argument("--article", "-a", metavar="ID", help="only the entities of this article")
    p.add_argument("--query", "-q", default="", metavar="Q", help="names or aliases containing Q")
    p.add_argument("--sort", "-s", choices=SORTS, default="articles")
    p.add_argument("--limit", "-n", type=int, default=None, metavar="N", help="at most N rows")
    add_common(p)
    p.set_defaults(func=cmd_entities)

    p = sub.add_parser("entity", help="one entity: aliases, mentions in context, sources")
    p.add_argument("name", help="canonical name or any alias")
    p.add_argument("--type", "-t", choices=ENTITY_TYPES, help="its type (default: best match)")
    p.add_argument("--limit", "-n", type=int, default=200, metavar="N", help="mentions shown")
    add_common(p)
    p.set_defaults(func=cmd_entity)


def entity_row(entity: Entity) -> dict[str, Any]:
    """The JSON object of one entity (also used by `article --json` and exports)."""
    return {
        "name": entity.name,
        "type": entity.type,
        "aliases": list(entity.aliases),
        "roles": list(entity.roles),
        "articles": entity.articles,
        "mentions": entity.mentions,
    }


def cmd_entities(args: argparse.Namespace) -> int:
    """List entities; exit 1 when --article names no article, 2 on bad arguments."""
    if args.limit is not None and args.limit < 0:
        raise CommandError("--limit must be 0 or more", EXIT_USAGE)
    with open_corpus(args) as corpus:
        try:
            found = corpus.entities(
                type=args.type,
                article=args.article,
                query=args.query,
                sort=args.sort,
                limit=args.limit,
            )
        except KeyError:
            raise CommandError(f"no article matches {args.article!r}") from None
        except ValueError as exc:
            raise CommandError(str(exc), EXIT_USAGE) from exc
    if args.json:
        emit_json({"entities": [entity_row(e) for e in found]})
        return EXIT_OK
    table = Table(show_header=True, header_style="bold", expand=True)
    table.add_column("name", overflow="fold", ratio=2)
    table.add_column("type", no_wrap=True)
    table.add_column("articles", justify="right", no_wrap=True)
    table.add_column("mentions", justify="right", no_wrap=True)
    table.add_column("aliases / roles", overflow="fold", ratio=3)
    for e in found:
        extra = Text("; ".join(e.aliases))
        if e.roles:
            extra.append(("\n" if e.aliases else "") + "; ".join(e.roles), style="italic dim")
        table.add_row(e.name, e.type, f"{e.articles:,}", f"{e.mentions:,}", extra)
    out.print(table)
    out.print(f"[dim]{len(found):,} entities[/]")
    return EXIT_OK


def detail_json(found: EntityDetail) -> dict[str, Any]:
    """The JSON object of an entity's detail."""
    data: dict[str, Any] = entity_row(found.entity)
    data["hidden"] = found.hidden
    data["total_mentions"] = found.total_mentions
    data["contexts"] = to_json(found.mentions)
    data["cooccurring"] = to_json(found.cooccurring)
    data["sources"] = to_json(found.sources)
    return data


def cmd_entity(args: argparse.Namespace) -> int:
    """Show one entity; exit 1 when there is no such entity."""
    with open_corpus(args) as corpus:
        found = corpus.entity(args.name, args.type, limit=max(0, args.limit))
    if found is None:
        kind = f"{args.type} " if args.type else ""
        raise CommandError(f"no {kind}entity named {args.name!r}")
    if args.json:
        emit_json(detail_json(found))
        return EXIT_OK
    e = found.entity
    out.print(
        f"[bold]{escape(e.name)}[/] [dim]({e.type})[/]"
        + (" [red]hidden[/]" if found.hidden else "")
    )
    out.print(f"{e.articles:,} articles · {e.mentions:,} mentions")
    if e.aliases:
        out.print("[dim]aliases:[/] " + escape("; ".join(e.aliases)))
    if e.roles:
        out.print("[dim]roles:[/] " + escape("; ".join(e.roles)))
    if found.sources:
        out.print("\n[bold]Sources[/]")
        for s in found.sources:
            span = f"{s.first or '?'} – {s.last or '?'}"
            out.print(f"  {escape(s.source)}: {s.articles} articles, {s.mentions} mentions, {span}")
    if found.cooccurring:
        top = ", ".join(f"{c.name} ({c.count})" for c in found.cooccurring[:15])
        out.print("\n[bold]Named with[/] " + escape(top))
    if found.mentions:
        out.print(f"\n[bold]Mentions[/] ({found.total_mentions:,})")
        table = Table(show_header=False, expand=True, box=None)
        table.add_column("date", no_wrap=True, style="dim")
        table.add_column("left", justify="right", overflow="ellipsis", no_wrap=True, ratio=1)
        table.add_column("match", no_wrap=True, style="bold yellow")
        table.add_column("right", overflow="ellipsis", no_wrap=True, ratio=1)
        for m in found.mentions:
            table.add_row(m.published or "undated", m.left, m.match, m.right)
        out.print(table)
    return EXIT_OK
