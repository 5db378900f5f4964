"""The check rules: each fails on a broken copy of the fixture ledger, at the right line, and
passes on the fixture itself; findings render as text, JSON and GitHub annotations.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from factcheck import store
from factcheck.check import Context, Finding, format_github, format_json, format_text, run_checks
from factcheck.errors import LedgerError

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ledger" / "valid"

Edit = Callable[[Path], None]


def workspace(tmp_path: Path) -> Path:
    """A private copy of the fixture repository; returns its claims.yaml."""
    target = tmp_path / "repo"
    shutil.copytree(FIXTURE, target)
    return target / "claims.yaml"


def replace_in(relative: str, old: str, new: str) -> Edit:
    def edit(claims: Path) -> None:
        path = claims.parent / relative
        data = path.read_bytes()
        assert old.encode() in data, f"{old!r} not in {relative}"
        path.write_bytes(data.replace(old.encode(), new.encode(), 1))

    return edit


def ledger_edit(old: str, new: str) -> Edit:
    return replace_in("claims.yaml", old, new)


def both(*edits: Edit) -> Edit:
    def edit(claims: Path) -> None:
        for each in edits:
            each(claims)

    return edit


def line_of(claims: Path, needle: str, after: str = "") -> int:
    """1-based line of the first line starting with ``needle`` at or after the line ``after``."""
    lines = claims.read_text("utf-8").splitlines()
    start = lines.index(after) if after else 0
    return next(n for n in range(start, len(lines)) if lines[n].startswith(needle)) + 1


def test_the_fixture_ledger_passes_every_rule(tmp_path: Path) -> None:
    claims = workspace(tmp_path)
    assert run_checks(claims) == []
    assert run_checks(claims, strict=True) == []


def test_a_stale_pair_passes_by_default_and_fails_under_strict(tmp_path: Path) -> None:
    claims = workspace(tmp_path)
    reason = "  reason: 'different quantities: % vs km2'\n"
    ledger_edit(reason, reason + "  stale: true\n")(claims)
    assert run_checks(claims) == []
    findings = run_checks(claims, strict=True)
    assert [f.rule for f in findings] == ["unreviewed"]
    assert "'p-5' is stale" in findings[0].message
    assert findings[0].line == line_of(claims, "  stale: true")


# Each case: an edit, the rule that must catch it, where (a line prefix, after an entry's first
# line) and words the message must hold.
FAILING = {
    "schema: unknown relation": (
        ledger_edit("  relation: agree\n", "  relation: agrees\n"),
        "schema",
        ("  relation: agrees", "- id: p-1"),
        "'agrees'",
    ),
    "schema: missing reason": (
        ledger_edit("  reason: 60% = 60%\n", ""),
        "schema",
        ("- id: p-3", ""),
        "`reason` is missing",
    ),
    "schema: offset is text": (
        ledger_edit("  start: 139\n", "  start: one\n"),
        "schema",
        ("  start: one", "- id: b-2"),
        "character offset",
    ),
    "references: duplicate id": (
        ledger_edit("- id: c-2\n", "- id: c-1\n"),
        "references",
        ("- id: c-1", "  text: the Islamic State’s territory has shrunk by 60% since 2014"),
        "share the id 'c-1'",
    ),
    "references: unknown source": (
        ledger_edit("  source: c\n", "  source: z\n"),
        "references",
        ("  source: z", "- id: c-1"),
        "source 'z'",
    ),
    "references: unknown claim": (
        ledger_edit("  b: wire-1-1\n", "  b: wire-9\n"),
        "references",
        ("  b: wire-9", "- id: p-2"),
        "claim 'wire-9'",
    ),
    "references: claim paired with itself": (
        ledger_edit("  a: a-1\n  b: b-1\n", "  a: a-1\n  b: a-1\n"),
        "references",
        ("  b: a-1", "- id: p-1"),
        "with itself",
    ),
    "references: same two claims paired twice": (
        ledger_edit("- id: p-4\n  a: a-1\n  b: c-1\n", "- id: p-4\n  a: b-1\n  b: a-1\n"),
        "references",
        ("- id: p-4", ""),
        "'p-1' and 'p-4' link the same two claims",
    ),
    "references: review of unknown pair": (
        ledger_edit("- pair: p-5\n", "- pair: p-9\n"),
        "references",
        ("- pair: p-9", ""),
        "pair 'p-9'",
    ),
    "provenance: quote edited": (
        ledger_edit("lost about 60% of the territory", "lost about 70% of the territory"),
        "provenance",
        ("  text: Islamic State has lost about 70%", "- id: a-1"),
        "is not in articles/a.txt",
    ),
    "provenance: offset edited": (
        ledger_edit("  start: 72\n", "  start: 73\n"),
        "provenance",
        ("  start: 73", "- id: b-1"),
        "is not at 73:137 of articles/b.md but at 72:137",
    ),
    "provenance: one source byte changed": (
        replace_in("articles/a.txt", "Monday", "Mondax"),
        "provenance",
        ("  sha256:", "- id: a"),
        "articles/a.txt changed since it was recorded",
    ),
    "provenance: quoted byte changed": (
        replace_in("articles/c.txt", "regained", "regaimed"),
        "provenance",
        ("  text: Assad’s forces regained", "- id: c-2"),
        "no longer contains the quote",
    ),
    "provenance: quote moved": (
        replace_in("articles/a.txt", "Islamic State has", "BREAKING: Islamic State has"),
        "provenance",
        ("  start: 0", "- id: a-1"),
        "moved from 0:65 to 10:75",
    ),
    "provenance: quantity span": (
        ledger_edit("    start: 99\n", "    start: 98\n"),
        "provenance",
        ("    start: 98", "- id: b-1"),
        "quantity 1 of claim 'b-1'",
    ),
    "provenance: time quote": (
        ledger_edit("    text: since 2014\n", "    text: since 2015\n"),
        "provenance",
        ("    text: since 2015", "- id: b-1"),
        "the time of claim 'b-1'",
    ),
    "provenance: path climbs out": (
        ledger_edit("  path: articles/a.txt\n", "  path: ../a.txt\n"),
        "provenance",
        ("  path: ../a.txt", "- id: a"),
        "not a relative path inside the repository",
    ),
    "provenance: absolute path": (
        ledger_edit("  path: articles/a.txt\n", "  path: /etc/hostname\n"),
        "provenance",
        ("  path: /etc/hostname", "- id: a"),
        "not a relative path inside the repository",
    ),
    "provenance: JSONL entry gone": (
        ledger_edit("  entry: wire-1\n", "  entry: wire-9\n"),
        "provenance",
        ("  entry: wire-9", "- id: wire-1"),
        "no entry with the id 'wire-9'",
    ),
    "provenance: JSONL text changed": (
        replace_in("articles/wire.jsonl", "30,000 fighters", "35,000 fighters"),
        "provenance",
        ("  sha256:", "- id: wire-1"),
        "articles/wire.jsonl#wire-1 changed",
    ),
    "verdicts: agree links contradict": (
        ledger_edit("- pair: p-4\n  reviewer: carol\n  verdict: agree\n",
                    "- pair: p-4\n  reviewer: carol\n  verdict: contradict\n"),
        "verdicts",
        ("  verdict: contradict", "- pair: p-4"),
        "pair 'p-4' is judged contradict, but its claims 'a-1' and 'c-1' are linked by agree "
        "verdicts on 'p-1', 'p-3'",
    ),
    "verdicts: latest verdict counts": (
        ledger_edit("  timestamp: '2024-05-03T08:01:00Z'\n",
                    "  timestamp: '2024-05-03T08:01:00Z'\n- pair: p-4\n  reviewer: dave\n"
                    "  verdict: contradict\n  timestamp: '2024-06-01T00:00:00Z'\n"),
        "verdicts",
        ("  verdict: contradict", "  reviewer: dave"),
        "pair 'p-4' is judged contradict",
    ),
    "verdicts: two verdicts from one reviewer": (
        ledger_edit("  timestamp: '2024-05-03T08:01:00Z'\n",
                    "  timestamp: '2024-05-03T08:01:00Z'\n- pair: p-1\n  reviewer: alice\n"
                    "  verdict: unrelated\n  timestamp: '2024-05-04T00:00:00Z'\n"),
        "verdicts",
        ("  verdict: unrelated", "  timestamp: '2024-05-03T08:01:00Z'"),
        "'alice' gave two verdicts on pair 'p-1'",
    ),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(FAILING))
def test_each_rule_catches_its_breakage_at_the_right_line(tmp_path: Path, name: str) -> None:
    edit, rule, (needle, after), words = FAILING[name]
    claims = workspace(tmp_path)
    edit(claims)
    findings = run_checks(claims)
    ours = [f for f in findings if f.rule == rule and words in f.message]
    assert ours, findings
    assert ours[0].line == line_of(claims, needle, after)
    assert ours[0].path == str(claims)
    assert ours[0].hint


PASSING = {
    "verdicts: an earlier contradict is superseded by a later agree": ledger_edit(
        "  timestamp: '2024-05-03T08:01:00Z'\n",
        "  timestamp: '2024-05-03T08:01:00Z'\n- pair: p-4\n  reviewer: dave\n"
        "  verdict: contradict\n  timestamp: '2024-05-02T00:00:00Z'\n",
    ),
    "verdicts: unrelated verdicts link nothing": ledger_edit(
        "  reviewer: carol\n  verdict: agree\n", "  reviewer: carol\n  verdict: unrelated\n"
    ),
    "provenance: a changed byte that no claim quotes, with the new hash recorded": both(
        replace_in("articles/a.txt", "Monday", "Mondax"),
        ledger_edit(
            "2d2a1c367dab2901670145bb8768f530dabae1e240a9076d86cbcc48af90b35a",
            "228e0af5b121" + "0" * 52,
        ),
    ),
    "provenance: a symbolic link inside the repository": both(
        lambda claims: (claims.parent / "linked.txt").symlink_to("articles/a.txt"),
        ledger_edit("  path: articles/a.txt\n", "  path: linked.txt\n"),
    ),
    "references: a review of a pair that exists": ledger_edit(
        "- pair: p-5\n  reviewer: carol\n", "- pair: p-3\n  reviewer: carol\n"
    ),
}


@pytest.mark.parametrize("name", sorted(PASSING))
def test_edits_that_keep_the_ledger_consistent_pass(tmp_path: Path, name: str) -> None:
    claims = workspace(tmp_path)
    PASSING[name](claims)
    findings = run_checks(claims)
    if "recorded" in name:
        # The recorded hash above is a made-up one: only the hash finding may remain.
        assert [f.rule for f in findings] == ["provenance"]
        assert "sha256" in findings[0].message
        return
    assert findings == []


def test_a_symbolic_link_out_of_the_repository_is_refused(tmp_path: Path) -> None:
    claims = workspace(tmp_path)
    outside = tmp_path / "outside.txt"
    shutil.copyfile(claims.parent / "articles" / "a.txt", outside)
    (claims.parent / "articles" / "escape.txt").symlink_to(outside)
    ledger_edit("  path: articles/a.txt\n", "  path: articles/escape.txt\n")(claims)
    findings = run_checks(claims)
    assert [f.rule for f in findings] == ["provenance"]
    assert "outside the repository through a symbolic link" in findings[0].message
    assert findings[0].line == line_of(claims, "  path: articles/escape.txt")


def test_schema_problems_stop_the_other_rules(tmp_path: Path) -> None:
    claims = workspace(tmp_path)
    ledger_edit("relation: agree", "relation: agrees")(claims)
    ledger_edit("lost about 60% of", "lost about 70% of")(claims)
    findings = run_checks(claims)
    assert [f.rule for f in findings] == ["schema"]


def test_strict_fails_while_a_suggested_contradiction_is_unreviewed(tmp_path: Path) -> None:
    claims = workspace(tmp_path)
    text = claims.read_text("utf-8")
    start = text.index("- pair: p-2\n  reviewer: alice")
    end = text.index("- pair: p-3\n")
    claims.write_text(text[:start] + text[end:], "utf-8")
    assert run_checks(claims) == []
    findings = run_checks(claims, strict=True)
    assert [(f.rule, f.line) for f in findings] == [
        ("unreviewed", line_of(claims, "  relation: contradict", "- id: p-2"))
    ]
    assert "'p-2'" in findings[0].message


def test_a_missing_source_file_is_an_error_naming_the_ledger_line(tmp_path: Path) -> None:
    claims = workspace(tmp_path)
    (claims.parent / "articles" / "b.md").unlink()
    with pytest.raises(LedgerError) as caught:
        run_checks(claims)
    assert caught.value.line == line_of(claims, "  path: articles/b.md")
    assert "articles/b.md" in caught.value.message
    assert "restore" in caught.value.hint


def test_extra_rules_see_the_ledger_and_read_each_source_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    claims = workspace(tmp_path)
    reads: list[str] = []
    real_read_bytes = Path.read_bytes

    def counting(self: Path) -> bytes:
        reads.append(self.name)
        return real_read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", counting)

    def longest_claim(context: Context) -> Iterator[Finding]:
        for index, source in enumerate(context.ledger.sources):
            article = context.article(index)
            assert article is not None
            if len(article.text) > 150:
                yield context.finding(
                    "length", f"{source.id} is long", "split it", section="sources", index=index
                )

    findings = run_checks(claims, extra=[longest_claim])
    assert [(f.rule, f.message) for f in findings] == [("length", "b is long")]
    assert findings[0].line == line_of(claims, "- id: b")
    assert sorted(name for name in reads if name != "claims.yaml") == [
        "a.txt",
        "b.md",
        "c.txt",
        "wire.jsonl",
    ]


# --- output formats -----------------------------------------------------------------------

SAMPLE = [
    Finding("claims.yaml", 12, "provenance", "claim 'c1': quote moved", "set start: 3"),
    Finding("claims.yaml", None, "schema", "unknown key", ""),
]


def test_text_format_gives_file_line_rule_message_hint_and_a_summary() -> None:
    assert format_text(SAMPLE, "claims.yaml").splitlines() == [
        "claims.yaml:12: [provenance] claim 'c1': quote moved (set start: 3)",
        "claims.yaml: [schema] unknown key",
        "claims.yaml: 2 problems found (provenance 1, schema 1)",
    ]
    assert format_text([], "claims.yaml") == "claims.yaml: no problems found\n"


def test_json_format_is_one_object_with_every_field() -> None:
    document = json.loads(format_json(SAMPLE, "claims.yaml"))
    assert document["ok"] is False
    assert document["findings"][0] == {
        "path": "claims.yaml",
        "line": 12,
        "rule": "provenance",
        "message": "claim 'c1': quote moved",
        "hint": "set start: 3",
    }
    assert json.loads(format_json([], "claims.yaml"))["ok"] is True


def test_github_format_escapes_data_and_properties() -> None:
    finding = Finding("dir,x/a:b.yaml", 7, "pro,ve:nance", "100% sure\r\nnext", "a,b: c")
    first = format_github([finding], "claims.yaml").splitlines()[0]
    assert first == (
        "::error file=dir%2Cx/a%3Ab.yaml,line=7,title=factcheck pro%2Cve%3Anance"
        "::100%25 sure%0D%0Anext (a,b: c)"
    )


@pytest.mark.parametrize("render", [format_text, format_github, format_json])
def test_control_characters_never_reach_the_terminal_raw(
    render: Callable[[list[Finding], str], str],
) -> None:
    finding = Finding("claims.yaml", 3, "provenance", "quote 'a\x1b[2Jb\x07' moved", "x\u202ey")
    out = render([finding], "claims.yaml")
    assert all(char.isprintable() or char == "\n" for char in out)


def test_article_escape_sequences_are_quoted_in_messages(tmp_path: Path) -> None:
    claims = workspace(tmp_path)
    ledger_edit(
        "  text: Assad’s forces regained over 60,000 sq km\n",
        '  text: "\\e[2JAssad’s forces regained over 60,000 sq km"\n',
    )(claims)
    findings = run_checks(claims)
    assert len(findings) == 1
    rendered = format_text(findings, str(claims))
    assert "\x1b" not in rendered
    assert "\\x1b[2J" in rendered


def test_finding_lines_match_store_line_of(tmp_path: Path) -> None:
    claims = workspace(tmp_path)
    ledger_edit("  start: 72\n", "  start: 73\n")(claims)
    (finding,) = run_checks(claims)
    assert finding.line == store.line_of(store.load(claims), "claims", "b-1", "start")


def test_checks_do_not_write_anything(tmp_path: Path) -> None:
    claims = workspace(tmp_path)
    before = {p: p.stat().st_mtime_ns for p in claims.parent.rglob("*")}
    run_checks(claims, strict=True)
    after = {p: p.stat().st_mtime_ns for p in claims.parent.rglob("*")}
    assert before == after
    assert not any(name.startswith(".") for name in os.listdir(claims.parent))
