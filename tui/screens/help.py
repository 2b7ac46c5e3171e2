"""The help screen (every key binding, by context) and the query-syntax pop-up."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

# (context, ((keys, what it does), ...)). The README's keys table is built from this too;
# tests check that every key listed here is really bound.
KEYS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Everywhere",
        (
            ("/", "focus the search input"),
            ("? / F1", "this help"),
            ("F2", "query syntax"),
            ("Ctrl+P", "command palette: add folder, switch corpus, export, rebuild, theme"),
            ("Tab / Shift+Tab", "next / previous pane"),
            ("1 2 3 4", "Search, Entities, Timeline, Compare"),
            ("Ctrl+S / e", "export the current results"),
            ("q / Ctrl+Q", "quit"),
        ),
    ),
    (
        "Search",
        (
            ("type", "search as you type (Whoosh syntax)"),
            ("Enter", "in the input: go to the results, or apply the did-you-mean"),
            ("↓", "from the input: go to the results"),
            ("Esc", "back to the input; in the input: clear it, then go to the list"),
            ("f", "go to the facet sidebar"),
            ("s", "cycle sort: relevance, newest, oldest"),
            ("x", "clear all facet filters"),
        ),
    ),
    (
        "Results and facets",
        (
            ("j / k, ↑ / ↓", "move"),
            ("g / G, Home / End", "first / last loaded hit"),
            ("PgUp / PgDn", "page (more hits load as you near the end)"),
            ("Enter", "results: open the article; facets: toggle the filter"),
            ("a / b", "results: mark the hit as side A / B for Compare"),
            ("Space", "facets: toggle the filter"),
        ),
    ),
    (
        "Reader",
        (
            ("j / k, Space", "scroll"),
            ("m", "similar articles"),
            ("a / b", "mark as side A / B for Compare"),
            ("o", "open the URL or file outside the app"),
            ("Esc", "back"),
        ),
    ),
    (
        "Entities",
        (
            ("type", "filter the list as you type"),
            ("Esc", "in the filter: clear it, then go to the list; in the list: to the filter"),
            ("y / s", "cycle the type filter / the sort (articles, mentions, name)"),
            ("Enter", "search the articles that name the entity"),
            ("t", "the entity's timeline"),
            ("d", "go to the detail (aliases, roles, mentions in context, sources)"),
            ("M / S / R / H", "merge / split / rename / hide (or show) the entity"),
            ("u", "undo the last edit"),
            ("Space", "select rows for export"),
            ("Ctrl+S / e", "export the selection, or the whole list"),
        ),
    ),
    (
        "Timeline",
        (
            ("Enter", "open the article at the event's sentence"),
            ("+ / -", "zoom in (year, month, day) / out"),
            ("s", "expand the event's story: every source side by side"),
            ("c", "compare this article with another source of its story"),
            ("← / →", "scroll the story's columns"),
            ("x", "clear the filters"),
            ("Esc", "close the story; in a filter: go to the events; else: to the filter"),
            ("Ctrl+S / e", "export the matching events"),
        ),
    ),
    (
        "Compare",
        (
            ("a / b", "pick side A / B (fuzzy search over titles)"),
            ("s", "swap A and B"),
            ("n / p", "next / previous difference"),
            ("c / C", "next / previous conflict"),
            ("m", "pick B among A's same-story articles"),
            ("d", "pick a pair among verbatim copies and same-story groups"),
            ("j / k", "move"),
            ("Ctrl+S / e", "export the comparison (Markdown or JSON)"),
        ),
    ),
)

SYNTAX: tuple[tuple[str, str], ...] = (
    ("drone israel", "both words (AND is implied)"),
    ("drone OR uav", "either word"),
    ("drone NOT turkey", "without a word"),
    ('"air defense"', "exact phrase"),
    ("missil*", "prefix wildcard; ? matches one letter"),
    ("barak~", "fuzzy match (typos)"),
    ("title:morocco", "one field: title, body, captions, source, author, url, language"),
    ("published:2021-11", "a year, month or day"),
    ("published:[2021 to 2022]", "a date range (open ends allowed)"),
    ("person:gantz  org:idf", "entities: person, org, place, equipment, entity"),
    ("(a OR b) AND c", "group with brackets"),
)


def keys_table() -> Content:
    """Every binding, grouped by where it applies."""
    parts: list[Content | str | tuple[str, str]] = []
    for context, rows in KEYS:
        parts += [(context, "bold $text-accent"), "\n"]
        for keys, what in rows:
            parts += [(f"  {keys:<20}", "bold"), what, "\n"]
        parts.append("\n")
    return Content.assemble(*parts)


def syntax_table() -> Content:
    """Query syntax examples."""
    parts: list[Content | str | tuple[str, str]] = [("Query syntax", "bold $text-accent"), "\n"]
    for example, what in SYNTAX:
        parts += [(f"  {example:<26}", "bold $text-warning"), what, "\n"]
    return Content.assemble(*parts)


class _Popup(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Close"),
        Binding("q", "dismiss(None)", "Close", show=False),
        Binding("j", "scroll('down')", "Down", show=False),
        Binding("k", "scroll('up')", "Up", show=False),
    ]

    DEFAULT_CSS = """
    _Popup { align: center middle; }
    _Popup > VerticalScroll {
        width: 90%; max-width: 96; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    _Popup .hint { color: $text-muted; padding-top: 1; }
    """

    def action_scroll(self, direction: str) -> None:
        scroller = self.query_one(VerticalScroll)
        if direction == "down":
            scroller.scroll_down()
        else:
            scroller.scroll_up()


class HelpScreen(_Popup):
    """Every key binding, then the query syntax."""

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Help"
            yield Static(keys_table())
            yield Static(syntax_table())
            yield Static("Esc to close · mouse works everywhere", classes="hint")


class SyntaxScreen(_Popup):
    """The query syntax pop-up."""

    def compose(self) -> ComposeResult:
        with VerticalScroll() as scroll:
            scroll.border_title = "Search syntax"
            yield Static(syntax_table())
            yield Static("Esc to close", classes="hint")
