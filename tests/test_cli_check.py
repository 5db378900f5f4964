"""``factcheck check`` as CI runs it: exit codes, where findings point, one-line errors."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factcheck.cli import main

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "ledger" / "valid"


def workspace(tmp_path: Path) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(FIXTURE, target)
    return target / "claims.yaml"


def edit(path: Path, old: str, new: str) -> None:
    data = path.read_bytes()
    assert old.encode() in data
    path.write_bytes(data.replace(old.encode(), new.encode(), 1))


def line_after(claims: Path, after: str, needle: str) -> int:
    lines = claims.read_text("utf-8").splitlines()
    start = lines.index(after)
    return next(n for n in range(start, len(lines)) if lines[n].startswith(needle)) + 1


def test_a_consistent_ledger_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    claims = workspace(tmp_path)
    assert main(["check", "--no-rerun", str(claims), "--strict"]) == 0
    out, err = capsys.readouterr()
    assert out == f"{claims}: no problems found\n"
    assert err == ""


def test_check_reads_claims_yaml_in_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = workspace(tmp_path)
    monkeypatch.chdir(claims.parent)
    assert main(["check", "--no-rerun"]) == 0
    assert capsys.readouterr().out == "claims.yaml: no problems found\n"


# The four edits the issue names: one quote, one offset, one source byte, one verdict.
ONE_CHANGE = {
    "quote": (
        "claims.yaml",
        "lost about 60% of the territory",
        "lost about 61% of the territory",
        ("- id: a-1", "  text:"),
        "provenance",
    ),
    "offset": (
        "claims.yaml",
        "  end: 167\n",
        "  end: 166\n",
        ("- id: b-2", "  end:"),
        "provenance",
    ),
    "source byte": (
        "articles/b.md",
        "About 40,000",
        "About 45,000",
        ("- id: b", "  sha256:"),
        "provenance",
    ),
    "verdict": (
        "claims.yaml",
        "  reviewer: bob\n  verdict: agree\n",
        "  reviewer: bob\n  verdict: contradict\n",
        ("- pair: p-3", "  verdict:"),
        "verdicts",
    ),
}


@pytest.mark.parametrize("change", sorted(ONE_CHANGE))
def test_one_change_fails_with_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: str
) -> None:
    relative, old, new, (after, needle), rule = ONE_CHANGE[change]
    claims = workspace(tmp_path)
    edit(claims.parent / relative, old, new)
    assert main(["check", "--no-rerun", str(claims)]) == 1
    out, err = capsys.readouterr()
    line = line_after(claims, after, needle)
    assert f"{claims}:{line}: [{rule}] " in out
    assert out.splitlines()[-1].startswith(f"{claims}: ")
    assert err == ""


def test_one_change_annotates_the_line_on_github(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = workspace(tmp_path)
    edit(claims, "  start: 72\n", "  start: 70\n")
    assert main(["check", "--no-rerun", str(claims), "--format", "github"]) == 1
    first = capsys.readouterr().out.splitlines()[0]
    line = line_after(claims, "- id: b-1", "  start:")
    assert first.startswith(f"::error file={claims},line={line},title=factcheck provenance::")


def test_json_format_lists_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    claims = workspace(tmp_path)
    edit(claims, "  b: wire-1-1\n", "  b: nowhere\n")
    assert main(["check", "--no-rerun", str(claims), "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["ok"] is False
    assert [(f["rule"], f["line"]) for f in document["findings"]] == [
        ("references", line_after(claims, "- id: p-2", "  b:"))
    ]


def test_strict_exits_1_on_an_unreviewed_contradiction(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = workspace(tmp_path)
    edit(claims, "  relation: related\n", "  relation: contradict\n")
    edit(claims, "- pair: p-5\n  reviewer: carol\n  verdict: unrelated\n", "")
    edit(claims, "  timestamp: '2024-05-03T08:01:00Z'\n", "")
    assert main(["check", "--no-rerun", str(claims)]) == 0
    assert main(["check", "--no-rerun", str(claims), "--strict"]) == 1
    assert "[unreviewed] pair 'p-5'" in capsys.readouterr().out


UNREADABLE = {
    "malformed YAML": (
        "claims.yaml",
        "  relation: agree\n",
        "  relation: [agree\n",
        "not valid YAML",
    ),
    "non-mapping document": (
        "claims.yaml",
        "",
        "- version: 1\n- sources: []\n",
        "must be a mapping",
    ),
    "unknown schema version": ("claims.yaml", "version: 1\n", "version: 7\n", "schema version 7"),
    "python object tag": (
        "claims.yaml",
        "  title: IS in retreat\n",
        "  title: !!python/object/apply:os.system ['echo pwned']\n",
        "!!python/object/apply:os.system",
    ),
    "invalid UTF-8": ("claims.yaml", "  outlet: Wire\n", "  outlet: W\udcffire\n", "UTF-8"),
}


@pytest.mark.parametrize("case", sorted(UNREADABLE))
def test_unreadable_input_is_one_line_on_stderr_and_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    relative, old, new, words = UNREADABLE[case]
    claims = workspace(tmp_path)
    target = claims.parent / relative
    data = target.read_bytes()
    assert old.encode() in data
    replaced = new.encode("utf-8", "surrogateescape")
    target.write_bytes(data.replace(old.encode(), replaced, 1) if old else replaced)
    assert main(["check", "--no-rerun", str(claims)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith(f"factcheck: error: {claims}:")
    assert words in err
    assert "Traceback" not in err


def test_a_missing_source_file_is_exit_2_naming_the_ledger_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = workspace(tmp_path)
    (claims.parent / "articles" / "c.txt").unlink()
    assert main(["check", "--no-rerun", str(claims)]) == 2
    out, err = capsys.readouterr()
    line = line_after(claims, "- id: c", "  path:")
    assert out == ""
    assert err.startswith(f"factcheck: error: {claims}:{line}: source 'c': articles/c.txt")
    assert err.count("\n") == 1


def test_a_missing_ledger_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(tmp_path / "claims.yaml")]) == 2
    err = capsys.readouterr().err
    assert "no such file" in err
    assert err.count("\n") == 1
