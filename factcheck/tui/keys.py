"""Provides the review app's key bindings as one table per screen, and their help text.

Each row names the keys, the action, a short footer label and the help line; the footer shows
only rows marked ``show``, the help screen shows every row.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding, BindingType


@dataclass(frozen=True, slots=True)
class Key:
    """One row of a key table."""

    keys: str
    action: str
    label: str
    help: str
    show: bool = True
    display: str | None = None


REVIEW_KEYS: tuple[Key, ...] = (
    Key("a,1", "verdict('agree')", "agree", "the two claims say the same thing", display="a"),
    Key("x,2", "verdict('contradict')", "contradict", "they cannot both be true", display="x"),
    Key("i,3", "verdict('unrelated')", "unrelated", "they speak of different things", display="i"),
    Key("space", "skip", "skip", "leave this pair undecided and go on"),
    Key("u,backspace", "undo", "undo", "take back your last verdict or note", display="u"),
    Key("n", "note", "note", "note on your verdict here, or on the one you just made"),
    Key("slash", "filter", "filter", "filter: relation:… verdict:… is:… by:… outlet:… or text"),
    Key("d", "disagreements", "disagreements", "show only pairs where reviewers disagree"),
    Key("enter", "article", "article", "read the article of the claim in context"),
    Key("question_mark", "help", "help", "show every key"),
    Key("q", "app.quit", "quit", "save and quit"),
    Key("j,down", "move(1)", "down", "next pair", show=False),
    Key("k,up", "move(-1)", "up", "previous pair", show=False),
    Key("J,shift+j", "undecided(1)", "next open", "next pair you have not decided", show=False),
    Key("K,shift+k", "undecided(-1)", "previous open", "previous undecided pair", show=False),
    Key("pagedown", "move(20)", "page down", "twenty pairs down", show=False),
    Key("pageup", "move(-20)", "page up", "twenty pairs up", show=False),
    Key("g,home", "first", "first", "first pair", show=False),
    Key("G,shift+g,end", "last", "last", "last pair", show=False),
    Key("escape", "close_filter", "close filter", "close the filter bar", show=False),
)

ARTICLE_KEYS: tuple[Key, ...] = (
    Key("escape", "back", "back", "back to the pair"),
    Key("tab", "swap", "other article", "the other article of the pair"),
    Key("right_square_bracket", "claim(1)", "next claim", "scroll to the next claim", display="]"),
    Key(
        "left_square_bracket",
        "claim(-1)",
        "prev claim",
        "scroll to the previous claim",
        display="[",
    ),
    Key("j,down", "scroll(1)", "down", "scroll down", show=False),
    Key("k,up", "scroll(-1)", "up", "scroll up", show=False),
    Key("question_mark", "help", "help", "show every key"),
)

NOTE_KEYS: tuple[Key, ...] = (Key("escape", "close", "cancel", "close without changing the note"),)

HELP_KEYS: tuple[Key, ...] = (Key("escape,question_mark,q", "close", "close", "close the help"),)

GLOBAL_KEYS: tuple[Key, ...] = (
    Key("ctrl+p", "command_palette", "commands", "search every action by name"),
)


def bindings(table: tuple[Key, ...]) -> list[BindingType]:
    """Textual bindings for a key table."""
    return [
        Binding(row.keys, row.action, row.label, show=row.show, key_display=row.display)
        for row in table
    ]


def help_rows(table: tuple[Key, ...]) -> list[tuple[str, str]]:
    """(keys as typed, help) for the help screen."""
    return [
        (
            ", ".join(_typed(key) for key in row.keys.split(",") if not key.startswith("shift+")),
            row.help,
        )
        for row in table
    ]


def parse_action(action: str) -> tuple[str, tuple[object, ...]]:
    """Split ``name(argument)`` into the name and its one argument, as ``check_action`` gets it."""
    name, _, rest = action.partition("(")
    if not rest:
        return name, ()
    value = rest.rstrip(")").strip("'\"")
    return name, (int(value) if value.lstrip("-").isdigit() else value,)


_TYPED = {
    "slash": "/",
    "question_mark": "?",
    "right_square_bracket": "]",
    "left_square_bracket": "[",
    "pagedown": "PgDn",
    "pageup": "PgUp",
}


def _typed(key: str) -> str:
    return _TYPED.get(key, key)
