"""Sub-commands: timeline, stories, story."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from defexplore.index.model import Event, Story, TimelineResult
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ..timeline_format import (
    badge,
    date_label,
    event_json,
    sparkline,
    status_label,
    story_index,
    story_json,
)
from .common import EXIT_OK, EXIT_USAGE, CommandError, add_common, emit_json, err, open_corpus, out


def register(sub: Any) -> None:
    """Add the timeline sub-commands."""
    p = sub.add_parser("timeline", help="dated events, oldest first (filters combine)")
    p.add_argument("--query", "-q", default="", metavar="Q", help="words in the sentence")
    p.add_argument("--entity", "-e", metavar="E", help="events naming this entity")
    p.add_argument("--source", "-s", metavar="S", help="events from this outlet")
    p.add_argument("--from", dest="date_from", metavar="D", help="start on or after YYYY[-MM[-DD]]")
    p.add_argument("--to", dest="date_to", metavar="D", help="start on or before YYYY[-MM[-DD]]")
    p.add_argument("--no-undated", action="store_true", help="leave out unresolved dates")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="at most N events")
    add_common(p)
    p.set_defaults(func=cmd_timeline)

    p = sub.add_parser("stories", help="events reported by several sources, with date conflicts")
    p.add_argument("--min-sources", type=int, default=1, metavar="N")
    add_common(p)
    p.set_defaults(func=cmd_stories)

    p = sub.add_parser("story", help="one story: every source's sentence")
    p.add_argument("id")
    add_common(p)
    p.set_defaults(func=cmd_story)


def _cue_text(event: Event) -> Text:
    text = Text(event.text)
    text.stylize("bold yellow", event.cue_start, event.cue_end)
    return text


def _date_cell(event: Event) -> Text:
    status = status_label(event)
    cell = Text(date_label(event), style="dim" if not event.resolved else "")
    if status:
        cell.append(f"\n{status}", style="italic cyan" if event.planned else "italic dim")
    return cell


def _events_table(events: tuple[Event, ...], stories: dict[str, Story]) -> Table:
    table = Table(show_header=True, header_style="bold", expand=True)
    table.add_column("date", no_wrap=True)
    table.add_column("source", overflow="fold", max_width=18)
    table.add_column("sentence (date cue in bold)", overflow="fold", ratio=1)
    table.add_column("story", overflow="fold", max_width=16)
    for e in events:
        table.add_row(
            _date_cell(e),
            Text(e.source) if e.source else Text(Path(e.path).name, style="dim"),
            _cue_text(e),
            badge(stories.get(e.story or "")),
        )
    return table


def _timeline_json(args: argparse.Namespace, result: TimelineResult) -> dict[str, Any]:
    stories = story_index(result.stories)
    return {
        "query": result.query,
        "filters": {
            "entity": args.entity,
            "source": args.source,
            "from": args.date_from,
            "to": args.date_to,
            "undated": not args.no_undated,
        },
        "total": result.total,
        "shown": len(result.events),
        "undated": result.undated,
        "granularity": result.granularity,
        "histogram": [{"period": b.period, "count": b.count} for b in result.histogram],
        "sources": [{"value": f.value, "count": f.count} for f in result.sources],
        "events": [event_json(e, stories) for e in result.events],
        "error": result.error,
    }


def cmd_timeline(args: argparse.Namespace) -> int:
    """Print the timeline; exit 2 on a query or date error."""
    if args.limit is not None and args.limit < 0:
        raise CommandError("--limit must be 0 or more", EXIT_USAGE)
    with open_corpus(args) as corpus:
        result = corpus.timeline(
            args.query,
            entity=args.entity,
            source=args.source,
            date_from=args.date_from,
            date_to=args.date_to,
            include_unresolved=not args.no_undated,
            limit=args.limit,
        )
    if args.json:
        emit_json(_timeline_json(args, result))
        return EXIT_USAGE if result.error else EXIT_OK
    if result.error:
        err.print(f"[red]query error:[/] {escape(result.error)}")
        return EXIT_USAGE
    shown = len(result.events)
    more = f" ({shown} shown)" if shown < result.total else ""
    out.print(f"[bold]{result.total}[/] events{more}, {result.undated} undated")
    if result.histogram:
        first, last = result.histogram[0].period, result.histogram[-1].period
        out.print(f"{first} [cyan]{sparkline(result.histogram, 60)}[/] {last}")
    out.print(_events_table(result.events, story_index(result.stories)))
    return EXIT_OK


def cmd_stories(args: argparse.Namespace) -> int:
    """List stories of two or more events."""
    if args.min_sources < 1:
        raise CommandError("--min-sources must be 1 or more", EXIT_USAGE)
    with open_corpus(args) as corpus:
        stories = corpus.stories(min_sources=args.min_sources)
    if args.json:
        emit_json({"total": len(stories), "stories": [story_json(s) for s in stories]})
        return EXIT_OK
    out.print(f"[bold]{len(stories)}[/] stories")
    # Short headers and the id under the title: with ids in a column of their own, an
    # 80-column terminal (or a pipe) left the titles five characters wide.
    table = Table(show_header=True, header_style="bold", expand=True)
    table.add_column("date", no_wrap=True)
    for col in ("src", "ev", "conf"):
        table.add_column(col, justify="right", no_wrap=True)
    table.add_column("story (id below)", ratio=1)
    for s in stories:
        table.add_row(
            s.date_start or "undated",
            str(len(s.sources)),
            str(len(s.events)),
            f"[red]{len(s.conflicts)}[/]" if s.conflicts else "",
            f"{escape(s.title)}\n[dim]{escape(s.id)}[/]",
        )
    out.print(table)
    return EXIT_OK


def cmd_story(args: argparse.Namespace) -> int:
    """Show one story with every member event; exit 1 when it is unknown."""
    with open_corpus(args) as corpus:
        story = corpus.story(args.id)
        if story is None:
            raise CommandError(f"no story {args.id!r} (see `defexplore stories`)")
        members = corpus.story_events(story.id)
    stories = {story.id: story}
    if args.json:
        data = story_json(story)
        data["members"] = [event_json(e, stories) for e in members]
        emit_json(data)
        return EXIT_OK
    out.print(f"[bold]{escape(story.title)}[/]")
    out.print(f"[dim]{escape(story.date_start or 'undated')} · {badge(story) or '1 source'}[/]")
    for c in story.conflicts:
        out.print(
            f"[red]date conflict:[/] {escape(c.a_source or c.a_event)} says "
            f"{escape(c.a_cue)} ({c.a_date}), {escape(c.b_source or c.b_event)} says "
            f"{escape(c.b_cue)} ({c.b_date})"
        )
    out.print(_events_table(members, stories))
    return EXIT_OK
