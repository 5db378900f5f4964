"""Provides the review app's screens: the pair review (queue, the selected pair side by side,
filter bar), the article reader, the help and the note editor.

Screens change the session only through its methods and hand every resulting record to the
desk's ``record`` callable at once, so a verdict is on its way to disk before the screen repaints.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Footer, Input, Label, Static

from factcheck.errors import UsageError
from factcheck.model import Pair, Review, Source, Verdict
from factcheck.review import Record, ReviewSession
from factcheck.tui.keys import (
    ARTICLE_KEYS,
    GLOBAL_KEYS,
    HELP_KEYS,
    NOTE_KEYS,
    REVIEW_KEYS,
    Key,
    bindings,
    help_rows,
    parse_action,
)
from factcheck.tui.widgets import (
    ArticleParagraph,
    ClaimPanel,
    ComparisonBand,
    QueueList,
    StatusBar,
    article_paragraphs,
    one_line,
    verdict_label,
)

FILTER_HELP = (
    "relation:contradict|changed|agree|related   verdict:agree|contradict|unrelated|none|any   "
    "is:disagreement|contested|stale   by:REVIEWER   outlet:NAME   any other word: free text "
    "(all must match; values may be shortened)"
)


@dataclass(slots=True)
class Desk:
    """What the screens work with: the session, article texts (``None`` when unreadable), where
    records go, a UTC clock, the header's caption, the saving state, and reviews that other
    sessions saved since the last call (``None`` when nothing new)."""

    session: ReviewSession
    texts: Callable[[Source], str | None]
    record: Callable[[Record], None]
    clock: Callable[[], str]
    caption: str
    saving: Callable[[], str]
    incoming: Callable[[], tuple[Review, ...] | None]


class ReviewScreen(Screen[None]):
    """The queue on top, the selected pair below, the keys in the footer."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(REVIEW_KEYS)

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk
        self._shown: tuple[object, ...] | None = None
        self._enabled: tuple[bool | None, ...] = ()
        self._filter_before_disagreements = ""

    @property
    def session(self) -> ReviewSession:
        """The review session."""
        return self.desk.session

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status", markup=False)
        yield QueueList(self.session, id="queue")
        with Vertical(id="pair"):
            with Horizontal(id="claims"):
                yield ClaimPanel(id="claim-a")
                yield ClaimPanel(id="claim-b")
            yield ComparisonBand(id="comparison")
        yield Label(id="message", markup=False)
        yield Input(placeholder=FILTER_HELP, id="filter")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(QueueList).focus()
        self.refresh_view()
        self.set_interval(0.5, self._poll)

    def refresh_view(self) -> None:
        """Show the session's current state."""
        session = self.session
        queue = self.query_one(QueueList)
        queue.empty_text = (
            f"No pairs match “{one_line(session.filter_text)}”. Press / to change the filter."
            if session.filter_text
            else "No pairs to review: this ledger has no suggested pairs yet."
        )
        queue.sync()
        self.query_one(StatusBar).show(self.desk.caption, session.progress(), self.desk.saving())
        self._show_pair()
        enabled = tuple(self.check_action(*parse_action(row.action)) for row in REVIEW_KEYS)
        if enabled != self._enabled:
            self._enabled = enabled
            self.refresh_bindings()

    def say(self, text: str, *, error: bool = False) -> None:
        """Show a one-line message above the footer."""
        message = self.query_one("#message", Label)
        message.set_class(error, "error")
        message.update(Content(one_line(text)), layout=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        session = self.session
        if action in ("verdict", "skip", "article"):
            return session.current is not None or None
        if action == "undo":
            return session.can_undo or None
        if action == "note":
            return session.note_target is not None or None
        step = parameters[0] if parameters and isinstance(parameters[0], int) else 1
        if action == "move":
            at_end = session.cursor >= len(session.view) - 1 if step > 0 else session.cursor <= 0
            return (bool(session.view) and not at_end) or None
        if action == "undecided":
            return session.has_undecided(step) or None
        if action in ("first", "last"):
            return bool(session.view) or None
        return True

    def action_verdict(self, name: str) -> None:
        review = self.session.decide(Verdict(name), self.desk.clock())
        self.desk.record(review)
        self.say(f"{verdict_label(review.verdict)}: {review.pair}   (u undoes)")
        self.refresh_view()

    def action_skip(self) -> None:
        self.session.skip()
        self.refresh_view()

    def action_undo(self) -> None:
        retraction = self.session.undo(self.desk.clock())
        if retraction is not None:
            self.desk.record(retraction)
            self.say(f"undone: your last change on {retraction.pair}")
        self.refresh_view()

    def action_note(self) -> None:
        target = self.session.note_target
        if target is None:
            return
        verdict = self.session.verdict(target)
        title = f"Note on {target} (your verdict: {verdict_label(verdict)})"

        def done(text: str | None) -> None:
            if text is None:
                return
            review = self.session.annotate(text, self.desk.clock())
            if review is not None:
                self.desk.record(review)
                self.say(f"note saved on {review.pair}" if review.note else "note removed")
            self.refresh_view()

        self.app.push_screen(NoteScreen(title, self.session.note(target)), done)

    def action_move(self, step: int) -> None:
        self.session.move(step)
        self.refresh_view()

    def action_undecided(self, step: int) -> None:
        self.session.next_undecided(step)
        self.refresh_view()

    def action_first(self) -> None:
        self.session.go(0)
        self.refresh_view()

    def action_last(self) -> None:
        self.session.go(-1)
        self.refresh_view()

    def action_filter(self) -> None:
        bar = self.query_one("#filter", Input)
        bar.value = self.session.filter_text
        bar.add_class("open")
        bar.focus()
        self.say(FILTER_HELP)

    def action_close_filter(self) -> None:
        bar = self.query_one("#filter", Input)
        if bar.has_class("open"):
            bar.remove_class("open")
            self.query_one(QueueList).focus()
            self.say("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._apply_filter(event.value)

    def action_disagreements(self) -> None:
        if self.session.filter_text == "is:disagreement":
            self._apply_filter(self._filter_before_disagreements)
        else:
            self._filter_before_disagreements = self.session.filter_text
            self._apply_filter("is:disagreement")

    def action_article(self) -> None:
        pair = self.session.current
        if pair is not None:
            self.app.push_screen(ArticleScreen(self.desk, pair))

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(REVIEW_KEYS + GLOBAL_KEYS, FILTER_HELP))

    def on_queue_list_clicked(self, event: QueueList.Clicked) -> None:
        self.session.go(event.index)
        self.refresh_view()

    def on_screen_resume(self) -> None:
        self.refresh_view()

    def on_resize(self) -> None:
        self.refresh_view()

    def _apply_filter(self, query: str) -> None:
        try:
            count = self.session.set_filter(query)
        except UsageError as err:
            self.say(str(err), error=True)
            return
        self.action_close_filter()
        total = len(self.session.order)
        self.say(f"filter “{query.strip()}”: {count} of {total} pairs" if query.strip() else "")
        self.refresh_view()

    def _show_pair(self) -> None:
        session = self.session
        pair = session.current
        latest = session.latest(pair.id) if pair else {}
        key = (pair, tuple(sorted((name, r.timestamp) for name, r in latest.items())))
        if key == self._shown:
            return
        self._shown = key
        self.query_one("#pair").display = pair is not None
        if pair is None:
            return
        row = session.row(session.cursor)
        for side, claim, panel in (("A", row.a, "#claim-a"), ("B", row.b, "#claim-b")):
            source = session.source(claim.source)
            text = self.desk.texts(source) if source else None
            self.query_one(panel, ClaimPanel).show(side, claim, source, text)
        self.query_one(ComparisonBand).show(row, latest.get(session.reviewer))

    def _poll(self) -> None:
        incoming = self.desk.incoming()
        if incoming is not None and self.session.absorb(incoming):
            self._shown = None
            self.refresh_view()
        else:
            self.query_one(StatusBar).show(
                self.desk.caption, self.session.progress(), self.desk.saving()
            )


class ArticleScreen(Screen[None]):
    """One article with every claim extracted from it highlighted."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(ARTICLE_KEYS)

    def __init__(self, desk: Desk, pair: Pair) -> None:
        super().__init__()
        self.desk = desk
        self.pair = pair
        self.focus_claim = desk.session.claim(pair.a)

    def compose(self) -> ComposeResult:
        yield Label(id="article-heading", markup=False)
        yield VerticalScroll(id="article")
        yield Label(id="message", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._render_article()

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_swap(self) -> None:
        other = self.pair.b if self.focus_claim.id == self.pair.a else self.pair.a
        self.focus_claim = self.desk.session.claim(other)
        self._render_article()

    def action_claim(self, step: int) -> None:
        claims = self.desk.session.claims_of(self.focus_claim.source)
        if not claims:
            return
        ids = [claim.id for claim in claims]
        index = ids.index(self.focus_claim.id) if self.focus_claim.id in ids else -step
        self.focus_claim = claims[min(max(index + step, 0), len(claims) - 1)]
        self._render_article()

    def action_scroll(self, step: int) -> None:
        self.query_one("#article", VerticalScroll).scroll_relative(y=step, animate=False)

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(ARTICLE_KEYS + GLOBAL_KEYS, ""))

    def _render_article(self) -> None:
        session = self.desk.session
        claim = self.focus_claim
        source = session.source(claim.source)
        text = self.desk.texts(source) if source else None
        claims = session.claims_of(claim.source)
        side = "A" if claim.id == self.pair.a else "B" if claim.id == self.pair.b else "·"
        heading: list[tuple[str, str] | str] = [(f" {side} ", "reverse bold")]
        if source is not None:
            heading += [
                ("  " + one_line(source.outlet or source.id), "bold"),
                ("  " + one_line(source.title or ""), "italic"),
                (f"  {source.published or 'no date'}  ·  {one_line(source.path)}", "$text-muted"),
            ]
        self.query_one("#article-heading", Label).update(Content.assemble(*heading))
        article = self.query_one("#article", VerticalScroll)
        article.remove_children()
        if text is None:
            where = one_line(source.path) if source else claim.source
            article.mount(Static(Content(f"The article {where} cannot be read."), markup=False))
            return
        paragraphs = article_paragraphs(text, claims, claim)
        article.mount_all(paragraphs)
        position = [c.id for c in claims].index(claim.id) + 1 if claim in claims else 0
        self.query_one("#message", Label).update(
            Content(f"claim {position} of {len(claims)}: {claim.id}")
        )
        target = next((p for p in paragraphs if p.start <= claim.start < p.end + 1), None)
        if target is not None:
            self.call_after_refresh(_scroll_into_view, article, target)


def _scroll_into_view(article: VerticalScroll, paragraph: ArticleParagraph) -> None:
    article.scroll_to_widget(paragraph, animate=False, top=True, immediate=True)


class HelpScreen(ModalScreen[None]):
    """Every key of the screen it was opened from, and the filter syntax."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(HELP_KEYS)

    def __init__(self, table: tuple[Key, ...], filter_help: str) -> None:
        super().__init__()
        self.table = table
        self.filter_help = filter_help

    def compose(self) -> ComposeResult:
        rows = help_rows(self.table)
        width = max(len(keys) for keys, _ in rows)
        parts: list[tuple[str, str] | str] = [("Keys\n", "bold")]
        for keys, text in rows:
            parts += [(f"\n  {keys:<{width}}  ", "bold $accent"), text]
        if self.filter_help:
            parts += [("\n\nFilter\n", "bold"), "\n  " + self.filter_help]
        with Vertical(id="help"):
            yield Static(Content.assemble(*parts), markup=False)
            yield Label("escape closes", classes="hint")

    def action_close(self) -> None:
        self.dismiss(None)


class NoteScreen(ModalScreen[str | None]):
    """A one-line note on the reviewer's verdict; enter saves, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = bindings(NOTE_KEYS)

    def __init__(self, title: str, note: str) -> None:
        super().__init__()
        self.title_text = title
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note"):
            yield Label(Content(one_line(self.title_text)), markup=False)
            yield Input(value=self.note, placeholder="why, or what to check", id="note-input")
            yield Label("enter saves · an empty note removes it · escape cancels", classes="hint")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(one_line(event.value))

    def action_close(self) -> None:
        self.dismiss(None)
