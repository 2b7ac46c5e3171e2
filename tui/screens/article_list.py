"""The frame shared by pop-up lists of articles: a centred box, a title, an option list."""

from __future__ import annotations

from textual.screen import ModalScreen
from textual.widgets import OptionList


class ArticleListScreen(ModalScreen[str | None]):
    """Dismisses with the chosen option's id (an article id), or None on Esc.

    Subclasses compose a `Vertical` holding a `Label`, maybe an input, and an `OptionList`,
    and bind their own keys to the `down` and `up` actions.
    """

    # Type selectors match subclasses too, so this styles every list pop-up.
    DEFAULT_CSS = """
    ArticleListScreen { align: center middle; }
    ArticleListScreen > Vertical {
        width: 90%; max-width: 110; height: auto; max-height: 85%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    ArticleListScreen Label { color: $text-accent; text-style: bold; padding: 0 0 1 0; }
    ArticleListScreen OptionList {
        border: none; height: auto; max-height: 24; text-wrap: nowrap; text-overflow: ellipsis;
    }
    """

    def action_down(self) -> None:
        self.query_one(OptionList).action_cursor_down()

    def action_up(self) -> None:
        self.query_one(OptionList).action_cursor_up()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option_id)
