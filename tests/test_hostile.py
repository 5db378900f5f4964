"""Hostile text: articles holding Rich markup, terminal escapes (CSI, OSC 8 hyperlinks, C1
controls), bidirectional overrides, ``%``, ``::`` and CRLF go through update, the extract and
match tables and JSON, every format of ``check`` and the review app; everywhere they show as
text and never act on the terminal, the markup or the CI log."""

from __future__ import annotations

import asyncio
import functools
import json
import re
from collections.abc import Callable, Coroutine
from dataclasses import replace
from pathlib import Path
from typing import Any, ParamSpec

import pytest
from textual.content import Content

from factcheck import store
from factcheck.cli import main
from factcheck.review import ReviewSession
from factcheck.tui.app import ArticleTexts, ReviewApp
from factcheck.tui.screens import ArticleScreen, Desk, ReviewScreen
from factcheck.tui.widgets import ArticleParagraph, ClaimPanel, ComparisonBand

P = ParamSpec("P")
MARKUP = "[bold red]x[/]"
LINK = "[link=file:///etc/passwd]click[/link]"
CLEAR = "\x1b[2J"
OSC8 = "\x1b]8;;https://evil.example/\x07here\x1b]8;;\x07"
C1 = "\x9b31m"
BIDI = "\u202eevil\u202c"
GITHUB = "::error file=x::owned %0A"
# Anything that could steer a terminal: C0 (but newline), DEL, C1, and direction overrides.
STEERING = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

ARTICLES = {
    "wire.txt": (
        '---\ntitle: "Breaking ' + MARKUP + ' \\e]0;pwned\\a"\noutlet: Wire ' + LINK + "\n"
        "published: 2017-09-04\n---\n"
        f"Officials said {MARKUP} the group has lost 40% of its territory in Iraq since 2015 "
        f"{CLEAR}and more.\r\n\r\n"
        f"The Pentagon said {OSC8} around 45,000 fighters had been killed {C1}in the campaign.\r\n"
        f"\r\n{GITHUB} Analysts said {BIDI} 20,000 fighters remain in Iraq.\r\n"
    ),
    "post.txt": (
        "---\ntitle: Ministry figures\noutlet: Post\npublished: 2017-09-05\n---\n"
        f"A statement read {LINK} that the group lost 60% of its territory in Iraq since 2015.\n\n"
        f"Local media said {CLEAR} 45,000 fighters were killed in the campaign {MARKUP}.\n\n"
        "Analysts said 30,000 fighters remain in Iraq, 100% sure :: of it.\n"
    ),
}


def assert_inert(out: str) -> None:
    found = STEERING.findall(out)
    assert not found, f"raw control characters reach the output: {found!r}"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    # A directory name with the characters GitHub properties must escape.
    directory = tmp_path / "re::po,100%"
    (directory / "articles").mkdir(parents=True)
    for name, text in ARTICLES.items():
        (directory / "articles" / name).write_bytes(text.encode("utf-8"))
    path = directory / "claims.yaml"
    assert main(["update", str(directory / "articles"), "--claims", str(path)]) == 0
    ledger = store.load(path).ledger
    assert any(MARKUP in claim.text or CLEAR in claim.text for claim in ledger.claims)
    assert ledger.pairs
    return path


@pytest.mark.parametrize("command", ["extract", "match"])
@pytest.mark.parametrize("as_json", [False, True])
def test_tables_and_json_show_hostile_text_as_text(
    repo: Path, capsys: pytest.CaptureFixture[str], command: str, as_json: bool
) -> None:
    capsys.readouterr()
    argv = [command, str(repo.parent / "articles"), "--claims", str(repo)]
    assert main(argv + (["--json"] if as_json else [])) == 0
    out = capsys.readouterr().out
    if as_json:
        # JSON escapes every C0 control and DEL; what it lets through is checked below.
        assert not re.findall(r"[\x00-\x09\x0b-\x1f\x7f]", out)
        texts = [claim["text"] for claim in json.loads(out)["claims"]]
        assert any(CLEAR in text for text in texts)
        assert any(MARKUP in text for text in texts)
    else:
        assert_inert(out)
        assert MARKUP in out or LINK in out


@pytest.mark.parametrize("command", ["extract", "match"])
def test_json_output_escapes_c1_controls_and_direction_overrides(
    repo: Path, capsys: pytest.CaptureFixture[str], command: str
) -> None:
    capsys.readouterr()
    assert main([command, str(repo.parent / "articles"), "--claims", str(repo), "--json"]) == 0
    assert_inert(capsys.readouterr().out)


def tamper(path: Path) -> None:
    """Put hostile text where the ledger quotes the article, so that check reports it."""
    ledger = store.load(path).ledger
    hostile = f"{CLEAR}{OSC8}{C1}{BIDI}\r\n{GITHUB}{MARKUP} 100%"
    claims = tuple(
        replace(claim, text=hostile) if MARKUP in claim.text else claim for claim in ledger.claims
    )
    assert claims != ledger.claims
    path.write_text(store.dumps(replace(ledger, claims=claims)), encoding="utf-8")


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_check_output_escapes_hostile_text(
    repo: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    tamper(repo)
    capsys.readouterr()
    assert main(["check", "--no-rerun", "--format", fmt, str(repo)]) == 1
    out = capsys.readouterr().out
    assert_inert(out)
    if fmt == "json":
        document = json.loads(out)
        assert any("\\x1b[2J" in finding["message"] for finding in document["findings"])
    elif fmt == "github":
        commands = [line for line in out.splitlines() if line.startswith("::")]
        assert commands and all(line.startswith("::error file=") for line in commands)
        for line in commands:
            properties, _, message = line[len("::error ") :].partition("::")
            assert all(part.count("=") == 1 for part in properties.split(","))
            assert "re%3A%3Apo%2C100%25" in properties
            assert "\r" not in message
        assert len(commands) == len(out.strip().splitlines()) - 1
        assert "\\r\\n::error file=x::owned %250A" in out
    else:
        assert "\\x1b[2J" in out


def synchronously(test: Callable[P, Coroutine[Any, Any, None]]) -> Callable[P, None]:
    """Run an async test body in its own event loop (the project uses no asyncio plugin)."""

    @functools.wraps(test)
    def run(*args: P.args, **kwargs: P.kwargs) -> None:
        asyncio.run(test(*args, **kwargs))

    return run


def app_on(path: Path) -> ReviewApp:
    session = ReviewSession(store.load(path).ledger, "alice")
    desk = Desk(
        session=session,
        texts=ArticleTexts(path.parent),
        record=lambda record: None,
        clock=lambda: "2025-03-01T09:00:00.000000Z",
        caption=f"factcheck review · {path.name} · alice",
        saving=lambda: "saved",
        incoming=lambda: None,
    )
    return ReviewApp(desk)


@synchronously
async def test_review_app_shows_hostile_text_as_text(repo: Path) -> None:
    app = app_on(repo)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        shown: list[str] = []
        for _ in screen.session.view:
            for panel in screen.query(ClaimPanel):
                content = panel.content
                shown.append(content.plain)
                assert not [
                    s for s in content.spans if "red" in str(s.style) or "link" in str(s.style)
                ]
            shown.append(screen.query_one(ComparisonBand).content.plain)
            await pilot.press("j")
        await pilot.press("g", "enter")
        await pilot.pause()
        assert isinstance(app.screen, ArticleScreen)
        for _ in range(2):
            article = [paragraph.visual for paragraph in app.screen.query(ArticleParagraph)]
            assert article and all(isinstance(visual, Content) for visual in article)
            shown += [visual.plain for visual in article if isinstance(visual, Content)]
            await pilot.press("tab")
            await pilot.pause()
        screenshot = app.export_screenshot().replace("&#160;", " ")
    plain = "\n".join(shown)
    assert_inert(plain)
    assert MARKUP in plain or LINK in plain
    assert "␛[2J" in plain
    assert "␛]8;;https://evil.example/␇here␛]8;;␇" in plain
    assert_inert(screenshot)
    assert "file:///etc/passwd" not in re.findall(r'href="([^"]*)"', screenshot)
    assert "evil.example" not in "".join(re.findall(r'href="([^"]*)"', screenshot))
