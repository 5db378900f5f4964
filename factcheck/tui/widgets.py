"""Provides the review app's widgets: the queue (a lazily rendered Line API list), the two claim
panels with the comparison between them, the status bar and the article text.

Article text, titles, outlets and notes are data: they go into ``Content`` objects or Rich
segments as plain strings with explicit styles, never through markup, and control characters are
first swapped for visible symbols (one character for one, so offsets still line up).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import ClassVar

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual import events
from textual.content import Content
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual
from textual.widgets import Static

from factcheck.corpus import body_start
from factcheck.excerpt import excerpt_bounds
from factcheck.model import Claim, Quantity, Relation, Review, Source, TimeSpan, Verdict
from factcheck.review import Progress, ReviewSession, Row

_VISIBLE = {code: chr(0x2400 + code) for code in range(0x20)} | {
    0x09: " ",
    0x0A: "\n",
    0x0D: " ",
    0x7F: "\u2421",
    **dict.fromkeys(range(0x80, 0xA0), "\ufffd"),
    **dict.fromkeys((0x2028, 0x2029), " "),
    # Bidirectional overrides could reorder what the reviewer reads; show them as marks instead.
    **dict.fromkeys((*range(0x202A, 0x202F), *range(0x2066, 0x206A)), "\ufffd"),
}

_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n)+")

VERDICT_MARK = {Verdict.AGREE: "✓", Verdict.CONTRADICT: "✗", Verdict.UNRELATED: "∅"}
RELATION_STYLE = {
    Relation.CONTRADICT: "bold $error",
    Relation.CHANGED: "bold $warning",
    Relation.AGREE: "bold $success",
    Relation.RELATED: "$text-muted",
}


def visible(text: str) -> str:
    """``text`` with control and direction-override characters replaced one for one by visible
    symbols (ESC becomes ␛), so nothing in it can steer the terminal."""
    return text.translate(_VISIBLE)


def one_line(text: str) -> str:
    """:func:`visible`, with line breaks as spaces."""
    return visible(text).replace("\n", " ")


def verdict_label(verdict: Verdict | None) -> str:
    """A verdict with its mark; ``·`` for none."""
    return f"{VERDICT_MARK[verdict]} {verdict.value}" if verdict else "· open"


def number(value: float) -> str:
    """A number as an editor writes it: thousands separated, no trailing zeros."""
    if math.isfinite(value) and value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def quantity_facts(quantity: Quantity) -> str:
    """The normalised reading of a quantity on one line."""
    parts = [f"“{one_line(quantity.text)}”"]
    if quantity.value is not None:
        parts.append(f"= {number(quantity.value)}")
    exact = quantity.low == quantity.high == quantity.value
    if (quantity.low is not None or quantity.high is not None) and not exact:
        low = number(quantity.low) if quantity.low is not None else "…"
        high = number(quantity.high) if quantity.high is not None else "…"
        parts.append(f"[{low} – {high}]")
    if quantity.unit:
        parts.append(one_line(quantity.unit))
    if quantity.noun:
        parts.append(one_line(quantity.noun))
    notes = []
    if quantity.hedge:
        notes.append(f"hedge: {one_line(quantity.hedge)}")
    if quantity.base:
        notes.append(f"of: {one_line(quantity.base)}")
    return " · ".join([" ".join(parts), *notes])


def time_facts(time: TimeSpan) -> str:
    """The normalised reading of a time on one line."""
    text = f"“{one_line(time.text)}”"
    if not time.resolved or time.first is None:
        return f"{text} (not anchored: the source has no date)"
    span = time.first if time.first == time.last else f"{time.first} – {time.last}"
    qualifier = f"{time.qualifier} " if time.qualifier else ""
    return f"{text} = {qualifier}{span} ({time.precision.value})"


class QueueList(ScrollView, can_focus=True):
    """The queue of pairs, one line each, rendered only for the lines on screen."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "queue--cursor",
        "queue--contradict",
        "queue--changed",
        "queue--agree",
        "queue--related",
        "queue--decided",
        "queue--open",
        "queue--disagree",
        "queue--muted",
    }

    class Clicked(Message):
        """A row was clicked."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, session: ReviewSession, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.empty_text = "No pairs to review."
        self._styles: dict[str, RichStyle] = {}

    def notify_style_update(self) -> None:
        self._styles.clear()
        super().notify_style_update()

    def _style(self, name: str) -> RichStyle:
        found = self._styles.get(name)
        if found is None:
            found = self._styles[name] = self.get_component_rich_style(name)
        return found

    def sync(self) -> None:
        """Take in the session's view and cursor: size, scroll and repaint."""
        self.virtual_size = Size(self.size.width, max(1, len(self.session.view)))
        height = self.scrollable_content_region.height
        cursor = self.session.cursor
        top = round(self.scroll_offset.y)
        if height > 0 and not top <= cursor < top + height:
            target = cursor if cursor < top else cursor - height + 1
            self.scroll_to(y=target, animate=False, immediate=True)
        self.refresh()

    def on_resize(self) -> None:
        self.sync()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        index = round(self.scroll_offset.y) + y
        view = self.session.view
        if not view:
            text = f"  {self.empty_text}" if y == 0 else ""
            muted = self._style("queue--muted")
            return Strip([Segment(set_cell_size(text, width), base + muted)], width)
        if index >= len(view):
            return Strip.blank(width, base)
        segments = list(self._row_segments(self.session.row(index), width))
        if index == self.session.cursor:
            cursor = self._style("queue--cursor")
            segments = [Segment(text, (style or base) + cursor) for text, style, _ in segments]
        strip = Strip(segments).adjust_cell_length(width, base)
        return strip.apply_offsets(0, index)

    def _row_segments(self, row: Row, width: int) -> Iterable[Segment]:
        style = self._style
        relation = row.pair.relation
        verdict_width = 14
        others_width = 7
        outlets_width = max(12, (width - 15 - verdict_width - others_width) * 2 // 5)
        subject_width = max(0, width - 2 - 12 - outlets_width - verdict_width - others_width - 3)
        marker = "▸ " if row.pair.id == self.session.view[self.session.cursor] else "  "
        outlets = f"{one_line(row.outlet_a)} ↔ {one_line(row.outlet_b)}"
        stale = " (stale)" if row.pair.stale else ""
        yield Segment(marker, style("queue--muted"))
        yield Segment(set_cell_size(relation.value, 12), style(f"queue--{relation.value}"))
        yield Segment(_fit(outlets, outlets_width) + " ", style("queue--muted"))
        yield Segment(_fit(one_line(row.subject) + stale, subject_width) + " ")
        mine_style = style("queue--decided" if row.mine else "queue--open")
        yield Segment(set_cell_size(verdict_label(row.mine), verdict_width) + " ", mine_style)
        if row.others:
            marks = "".join(VERDICT_MARK[review.verdict] for review in row.others[:3])
            others = f"{'≠' if row.disagreement else '+'}{marks}"
            others_style = style("queue--disagree" if row.disagreement else "queue--muted")
            yield Segment(set_cell_size(others, others_width), others_style)

    def on_click(self, event: events.Click) -> None:
        index = round(self.scroll_offset.y) + event.y
        if 0 <= index < len(self.session.view):
            self.post_message(self.Clicked(index))

    def scroll_cursor_region(self) -> Region:
        """The cursor's line, for scrolling it into view."""
        return Region(0, self.session.cursor, self.size.width, 1)


class StatusBar(Static):
    """The header: where and who on the left, progress and saving on the right (one line; a
    change repaints it without a layout pass)."""

    _shown: Content | None = None

    def show(self, where: str, progress: Progress, saving: str) -> None:
        """Set what the bar says."""
        parts: list[tuple[str, str]] = [
            (f"{progress.reviewed}/{progress.total} reviewed", "bold"),
            ("  ·  ", "$text-muted"),
            (
                f"{progress.open_contradictions} contradiction"
                f"{'' if progress.open_contradictions == 1 else 's'} open",
                "bold $error" if progress.open_contradictions else "$text-muted",
            ),
            ("  ·  ", "$text-muted"),
            (
                f"{progress.disagreements} disagreement"
                f"{'' if progress.disagreements == 1 else 's'}",
                "bold $warning" if progress.disagreements else "$text-muted",
            ),
        ]
        if saving:
            parts += [("  ·  ", "$text-muted"), (one_line(saving), "$text-muted")]
        right = Content.assemble(*parts)
        left = Content.styled(one_line(where), "bold")
        gap = max(1, self.size.width - 2 - left.cell_length - right.cell_length)
        shown = Content.assemble(left, " " * gap, right)
        if shown != self._shown:
            self._shown = shown
            self.update(shown, layout=False)


class TextPane(ScrollView):
    """A scrollable block of text wrapped to the pane's width and drawn line by line, so new
    text repaints the pane without a layout pass."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._content = Content("")
        self._strips: list[Strip] = []
        self._width = -1

    @property
    def content(self) -> Content:
        """What the pane shows."""
        return self._content

    def set_content(self, content: Content) -> None:
        """Show ``content`` from its top."""
        self._content = content
        self._width = -1
        self.scroll_to(y=0, animate=False, immediate=True)
        self._wrap()
        self.refresh()

    def on_resize(self) -> None:
        self._wrap()

    def _wrap(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._width:
            return
        self._width = width
        self._strips = Visual.to_strips(self, self._content, width, None, self.visual_style)
        self.virtual_size = Size(width, len(self._strips))

    def render_line(self, y: int) -> Strip:
        self._wrap()
        width = self.scrollable_content_region.width
        index = round(self.scroll_offset.y) + y
        if index >= len(self._strips):
            return Strip.blank(width, self.rich_style)
        return self._strips[index].adjust_cell_length(width, self.rich_style)


class ClaimPanel(TextPane):
    """One claim: its source, the quote inside its paragraph, and what was read from it."""

    def show(self, side: str, claim: Claim, source: Source | None, text: str | None) -> None:
        """Show ``claim``; ``text`` is its article, or ``None`` when it cannot be read."""
        outlet = (source.outlet or source.id) if source else claim.source
        parts: list[tuple[str, str] | str | Content] = [
            (f"{side} ", "bold reverse"),
            (f" {one_line(outlet)}", "bold"),
        ]
        if source is not None:
            parts.append((f"  {source.published or 'no date'}", "$text-muted"))
            if source.title:
                parts.append((f"\n{one_line(source.title)}", "italic"))
        parts += ["\n\n", _excerpt(claim, text), "\n\n", _facts(claim)]
        self.set_content(Content.assemble(*parts))


def _excerpt(claim: Claim, text: str | None) -> Content:
    if text is None or text[claim.start : claim.end] != claim.text:
        note = "article not readable" if text is None else "the article changed since extraction"
        return Content.assemble(
            (f"“{visible(claim.text)}”", "bold $accent"), (f"\n({note})", "$text-muted")
        )
    found = excerpt_bounds(text, claim.start, claim.end)
    before = ("… " if found.clipped_start else "") + visible(text[found.start : claim.start])
    after = visible(text[claim.end : found.end]) + (" …" if found.clipped_end else "")
    return Content.assemble(
        (before, "$text-muted"),
        (visible(claim.text), "bold $text on $accent 35%"),
        (after, "$text-muted"),
    )


def _facts(claim: Claim) -> Content:
    rows: list[tuple[str, str]] = [("quantity", quantity_facts(q)) for q in claim.quantities]
    if claim.time is not None:
        rows.append(("time", time_facts(claim.time)))
    if claim.attributed_to:
        rows.append(("said by", one_line(claim.attributed_to)))
    said = " · ".join(
        one_line(part) for part in (claim.subject, claim.predicate, claim.scope) if part
    )
    if said:
        rows.append(("about", said))
    if claim.entities:
        rows.append(("entities", ", ".join(one_line(e) for e in claim.entities)))
    if not rows:
        rows.append(("values", "nothing normalised"))
    parts: list[tuple[str, str] | str] = []
    for label, value in rows:
        parts += ["\n" if parts else "", (f"{label:<9} ", "$text-muted"), value]
    return Content.assemble(*parts)


class ComparisonBand(TextPane):
    """What lies between the two claims: the suggested relation, its arithmetic, and the
    reviewers' verdicts and notes."""

    def show(self, row: Row, mine: Review | None) -> None:
        """Show the comparison of ``row``."""
        relation = row.pair.relation
        parts: list[tuple[str, str] | str] = [
            (f" {relation.value.upper()} ", f"reverse {RELATION_STYLE[relation]}"),
            (f"  score {row.pair.score:.3g}", "$text-muted"),
            ("  (stale: a claim changed since)" if row.pair.stale else "", "$warning"),
            "\n",
            one_line(row.pair.reason),
        ]
        verdicts = ([mine] if mine else []) + list(row.others)
        for review in verdicts:
            who = "you" if review is mine else one_line(review.reviewer)
            parts += ["\n", (f"{who}: ", "bold"), verdict_label(review.verdict)]
            if review.note:
                parts.append((f" — {one_line(review.note)}", "italic"))
        self.set_content(Content.assemble(*parts))


class ArticleParagraph(Static):
    """One paragraph of an article with the claims in it highlighted."""

    def __init__(self, content: Content, start: int, end: int) -> None:
        super().__init__(content, markup=False)
        self.start = start
        self.end = end


def article_paragraphs(
    text: str, claims: Iterable[Claim], focus: Claim | None
) -> list[ArticleParagraph]:
    """Split an article at blank lines into paragraphs with every claim highlighted and the
    ``focus`` claim marked more strongly."""
    shown = visible(text)
    start = body_start(text)
    bounds: list[tuple[int, int]] = [(0, start)] if start else []
    for found in _BLANK_LINES.finditer(shown):
        bounds.append((start, found.start()))
        start = found.end()
    bounds.append((start, len(shown)))
    spans = sorted((c.start, c.end, c.id) for c in claims)
    paragraphs: list[ArticleParagraph] = []
    for low, end in bounds:
        high = low + len(shown[low:end].rstrip("\n"))
        if not shown[low:high].strip():
            continue
        content = Content(shown[low:high])
        if low == 0 and start:
            content = content.stylize("$text-muted")
        for first, last, claim_id in spans:
            if first < high and last > low:
                strong = focus is not None and claim_id == focus.id
                style = "bold $text on $accent 45%" if strong else "underline $text on $primary 25%"
                content = content.stylize(style, max(first, low) - low, min(last, high) - low)
        paragraphs.append(ArticleParagraph(content, low, high))
    return paragraphs


def _fit(text: str, width: int) -> str:
    if cell_len(text) <= width:
        return set_cell_size(text, width)
    return set_cell_size(text, max(0, width - 1)) + "…" if width > 0 else ""
