"""Bad input as a user meets it through the command line: every refusal is one line on stderr
naming the file and line, exit 2, no traceback, and not one byte written anywhere.

Each table row is a kind of bad input from the hardening issue; each row runs through every
command that reads that input. ``review`` runs in a child process, so that a refusal that failed
would show as a timeout rather than as an app waiting for keys inside the test run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from factcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "fixtures" / "ledger" / "valid"
HEAD = "version: 1\n"
LAUGHS = (
    HEAD
    + "entities:\n"
    + "".join(
        f"- &l{i} [" + ", ".join([f"*l{i - 1}"] * 10 if i else ["lol"] * 10) + "]\n"
        for i in range(9)
    )
)
FRONT_LAUGHS = "".join(
    f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10 if i else ["lol"] * 10) + "]\n"
    for i in range(9)
)
LEDGER_COMMANDS = ("check", "update", "extract", "match", "review", "agreement")
ARTICLE_COMMANDS = ("check", "update", "extract", "match")
# Root reads any file whatever its mode; without these two capabilities it obeys the mode bits.
NO_OVERRIDE = ("setpriv", "--bounding-set=-dac_override,-dac_read_search")

Setup = Callable[[Path], None]


@dataclass(frozen=True)
class Row:
    """One kind of bad input: how to make it, and where the error must point."""

    setup: Setup
    where: str
    words: str
    commands: tuple[str, ...]
    target: str = "articles/a.txt"
    confined: bool = False


def ledger(text: str | bytes) -> Setup:
    def setup(repo: Path) -> None:
        data = text.encode("utf-8") if isinstance(text, str) else text
        (repo / "claims.yaml").write_bytes(data)

    return setup


def article(data: bytes, name: str = "articles/a.txt") -> Setup:
    def setup(repo: Path) -> None:
        (repo / name).write_bytes(data)

    return setup


def source_path(value: str) -> Setup:
    def setup(repo: Path) -> None:
        if value == "link":
            (repo.parent / "secret.txt").write_text("Secret.\n", "utf-8")
            (repo / "articles" / "link.txt").symlink_to(repo.parent / "secret.txt")
        recorded = "articles/link.txt" if value == "link" else value
        claims = repo / "claims.yaml"
        text = claims.read_text("utf-8")
        claims.write_text(text.replace("path: articles/a.txt", f"path: {recorded}", 1), "utf-8")

    return setup


def outside(kind: str) -> Setup:
    def setup(repo: Path) -> None:
        (repo.parent / "out.txt").write_text("ISIS lost 40,000 fighters.\n", "utf-8")
        if kind == "link":
            (repo / "articles" / "link.txt").symlink_to(repo.parent / "out.txt")

    return setup


def oversized(repo: Path) -> None:
    # A sparse file: its size is known from stat without writing 250 MB to the disk.
    with (repo / "claims.yaml").open("r+b") as handle:
        handle.truncate(250_000_000)


def locked_file(repo: Path) -> None:
    (repo / "articles" / "locked.txt").write_text("Text.\n", "utf-8")
    (repo / "articles" / "locked.txt").chmod(0)


def locked_directory(repo: Path) -> None:
    (repo / "articles" / "more").mkdir()
    (repo / "articles" / "more" / "d.txt").write_text("Text.\n", "utf-8")
    (repo / "articles" / "more").chmod(0)


def dangling_link(repo: Path) -> None:
    (repo / "articles" / "gone.txt").symlink_to(repo / "nowhere.txt")


def pipe(repo: Path) -> None:
    os.mkfifo(repo / "articles" / "pipe.txt")


SOURCE_LINE = "claims.yaml:6: "
ESCAPE_COMMANDS = ("update", "extract", "match", "review")

REFUSED: dict[str, Row] = {
    "malformed YAML": Row(
        ledger(HEAD + "sources: [\n"), "claims.yaml:3: ", "is not valid YAML", LEDGER_COMMANDS
    ),
    "YAML that is a list": Row(
        ledger("- 1\n- 2\n"), "claims.yaml:1: ", "not a list", LEDGER_COMMANDS
    ),
    "YAML that is a scalar": Row(
        ledger("just words\n"), "claims.yaml:1: ", "not a single value", LEDGER_COMMANDS
    ),
    "unknown schema version": Row(
        ledger("version: 2\n"), "claims.yaml:1: ", "schema version 2", LEDGER_COMMANDS
    ),
    "duplicate keys": Row(
        ledger(HEAD + "sources: []\nversion: 1\n"),
        "claims.yaml:3: ",
        "repeats the key 'version'",
        LEDGER_COMMANDS,
    ),
    "python object tag": Row(
        ledger(HEAD + "sources: !!python/object/apply:os.system [touch pwned]\n"),
        "claims.yaml:2: ",
        "'!!python/object/apply:os.system'",
        LEDGER_COMMANDS,
    ),
    "non-standard tag": Row(
        ledger(HEAD + "claims:\n- id: !thing c1\n"), "claims.yaml:3: ", "'!thing'", LEDGER_COMMANDS
    ),
    "alias bomb": Row(ledger(LAUGHS), "claims.yaml:6: ", "alias bomb", LEDGER_COMMANDS),
    "ledger too large": Row(oversized, "claims.yaml: ", "is 250 MB", LEDGER_COMMANDS),
    "ledger not UTF-8": Row(
        ledger(b"version: 1\n\xff\n"), "claims.yaml:2: ", "not valid UTF-8", LEDGER_COMMANDS
    ),
    "ledger with NUL bytes": Row(
        ledger(b"version: 1\nsources: []\x00\n"), "claims.yaml:2: ", "U+0000", LEDGER_COMMANDS
    ),
    "article not UTF-8": Row(
        article(b"Mosul fell.\n\xff\xfe broken\n"),
        "articles/a.txt:2: ",
        "not valid UTF-8",
        ARTICLE_COMMANDS,
    ),
    "binary article": Row(
        article(bytes(range(256))), "articles/a.txt:1: ", "NUL bytes", ARTICLE_COMMANDS
    ),
    "NUL bytes in an article": Row(
        article(b"Mosul fell.\nIS\x00 lost.\n"), "articles/a.txt:2: ", "NUL bytes", ARTICLE_COMMANDS
    ),
    "front matter alias bomb": Row(
        article(("---\n" + FRONT_LAUGHS + "title: *l8\n---\nText.\n").encode()),
        "articles/a.txt:5: ",
        "alias bomb",
        ARTICLE_COMMANDS,
    ),
    "front matter nested deep": Row(
        article(("---\ntitle: " + "[" * 100_000 + "\n---\nText.\n").encode()),
        "articles/a.txt:2: ",
        "nested more than",
        ARTICLE_COMMANDS,
    ),
    "front matter python tag": Row(
        article(b"---\ntitle: !!python/object/apply:os.system [touch pwned]\n---\nText.\n"),
        "articles/a.txt:2: ",
        "'!!python/object/apply:os.system'",
        ARTICLE_COMMANDS,
    ),
    "front matter list value": Row(
        article(b"---\noutlet: Wire\ntitle: [a, b]\n---\nText.\n"),
        "articles/a.txt:3: ",
        "`title` must be a single value",
        ARTICLE_COMMANDS,
    ),
    "unreadable file in a directory": Row(
        locked_file,
        "articles/locked.txt: ",
        "cannot be read: Permission denied",
        ("update", "extract", "match"),
        target="articles",
        confined=True,
    ),
    "unreadable directory in a directory": Row(
        locked_directory,
        "articles/more: ",
        "cannot be listed: Permission denied",
        ("update", "extract", "match"),
        target="articles",
        confined=True,
    ),
    "broken link in a directory": Row(
        dangling_link,
        "articles/gone.txt: ",
        "symbolic link to nothing",
        ("update", "extract", "match"),
        target="articles",
    ),
    "pipe in a directory": Row(
        pipe,
        "articles/pipe.txt: ",
        "not a regular file",
        ("update", "extract", "match"),
        target="articles",
    ),
    "source path with ..": Row(
        source_path("../secret.txt"), SOURCE_LINE, "not a relative path inside", ESCAPE_COMMANDS
    ),
    "absolute source path": Row(
        source_path("/etc/passwd"), SOURCE_LINE, "not a relative path inside", ESCAPE_COMMANDS
    ),
    "source path through a link out": Row(
        source_path("link"),
        SOURCE_LINE,
        "outside the repository through a symbolic link",
        ESCAPE_COMMANDS,
    ),
    "article argument with ..": Row(
        outside("file"),
        "../out.txt: ",
        "lies outside the repository",
        ("update", "extract", "match"),
        target="../out.txt",
    ),
    "article argument through a link out": Row(
        outside("link"),
        "articles/link.txt: ",
        "lies outside the repository",
        ("update", "extract", "match"),
        target="articles/link.txt",
    ),
}


def cases() -> Iterator[object]:
    for name, row in REFUSED.items():
        for command in row.commands:
            yield pytest.param(name, command, id=f"{name}-{command}")


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "repo"
    shutil.copytree(FIXTURE, target)
    monkeypatch.chdir(target)
    return target


def snapshot(top: Path) -> dict[str, bytes | str]:
    """Every entry under ``top``: a file's bytes, or what kind of thing it is."""
    found: dict[str, bytes | str] = {}
    for path in sorted(top.rglob("*")):
        name = path.relative_to(top).as_posix()
        if path.is_symlink():
            found[name] = f"link to {os.readlink(path)}"
        elif path.is_file() and os.access(path, os.R_OK) and path.stat().st_size < 10_000_000:
            found[name] = path.read_bytes()
        else:
            found[name] = f"{path.stat().st_mode:o} {path.stat().st_size}"
    return found


def argv_for(command: str, row: Row) -> list[str]:
    if command in ("check", "review", "agreement"):
        extra = ["--reviewer", "tester"] if command == "review" else []
        return [command, "claims.yaml", *extra]
    return [command, row.target]


def run_child(argv: list[str], repo: Path, *, confined: bool) -> tuple[int, str, str]:
    prefix: list[str] = []
    if confined and os.geteuid() == 0:
        if shutil.which("setpriv") is None:
            pytest.skip("running as root without setpriv: permissions cannot be denied")
        prefix = list(NO_OVERRIDE)
    result = subprocess.run(
        [*prefix, sys.executable, "-m", "factcheck", *argv],
        cwd=repo,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    return result.returncode, result.stdout, result.stderr


def run(
    argv: list[str],
    repo: Path,
    capsys: pytest.CaptureFixture[str],
    *,
    child: bool = False,
    confined: bool = False,
) -> tuple[int, str, str]:
    if child or confined:
        return run_child(argv, repo, confined=confined)
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(("name", "command"), list(cases()))
def test_bad_input_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str], name: str, command: str
) -> None:
    row = REFUSED[name]
    row.setup(repo)
    before = snapshot(repo.parent)
    try:
        code, out, err = run(
            argv_for(command, row), repo, capsys, child=command == "review", confined=row.confined
        )
    finally:
        after = snapshot(repo.parent)
        for path in repo.rglob("*"):
            if not path.is_symlink():
                path.chmod(0o755 if path.is_dir() else 0o644)
    # For check, a source that cannot be read is the ledger's problem: the error points at the
    # source's line in claims.yaml and names the file in its message.
    where = (
        SOURCE_LINE if command == "check" and row.where.startswith("articles/a.txt") else row.where
    )
    assert code == 2, (out, err)
    assert err.count("\n") == 1, err
    assert err.startswith(f"factcheck: error: {where}"), err
    assert row.words in err
    assert err.endswith(")\n"), "the line ends with a hint in brackets"
    assert "Traceback" not in err
    assert after == before


@pytest.mark.parametrize("value", ["../secret.txt", "/etc/passwd", "link"])
def test_a_source_path_leading_out_is_a_check_finding(
    repo: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    """``check`` surveys the ledger, so a path out of the repository is a finding (exit 1) on
    stdout at the source's line, not an error; the file outside is never read."""
    source_path(value)(repo)
    before = snapshot(repo.parent)
    code, out, err = run(["check", "--no-rerun", "claims.yaml"], repo, capsys)
    assert code == 1, err
    assert out.startswith(f"{SOURCE_LINE}[provenance] source path "), out
    assert err == ""
    assert snapshot(repo.parent) == before


WARNED = {
    "empty article": (b"", "articles/a.txt", "articles/a.txt: is empty, so it gives no claims"),
    "article with front matter only": (
        b"---\ntitle: Nothing yet\n---\n",
        "articles/a.txt",
        "articles/a.txt: is empty",
    ),
    "JSONL with a broken line": (
        b'{"id": "z1", "text": "Mosul fell in June 2014."}\n{broken\n'
        b'{"id": "z2", "text": "ISIS lost 45,000 fighters."}\n',
        "articles/new.jsonl",
        "articles/new.jsonl:2: line is not valid JSON",
    ),
    "JSONL with a line not UTF-8": (
        b'{"id": "z1", "text": "Mosul fell in June 2014."}\n{"id": "z3", "text": "\xff"}\n'
        b'{"id": "z2", "text": "ISIS lost 45,000 fighters."}\n',
        "articles/new.jsonl",
        "articles/new.jsonl:2: line is not valid UTF-8",
    ),
    "JSONL with NUL in a line": (
        b'{"id": "z1", "text": "Mosul fell in June 2014."}\n{"id": "z3", "text": "a\x00"}\n'
        b'{"id": "z2", "text": "ISIS lost 45,000 fighters."}\n',
        "articles/new.jsonl",
        "articles/new.jsonl:2: line contains NUL bytes",
    ),
    "JSONL with an empty text": (
        b'{"id": "z1", "text": "Mosul fell in June 2014."}\n{"id": "z3", "text": " "}\n'
        b'{"id": "z2", "text": "ISIS lost 45,000 fighters."}\n',
        "articles/new.jsonl",
        "articles/new.jsonl:2: entry 'z3' has an empty `text`",
    ),
}


@pytest.mark.parametrize("command", ["extract", "match", "update"])
@pytest.mark.parametrize("name", list(WARNED))
def test_a_warning_names_the_line_and_the_rest_is_read(
    repo: Path, capsys: pytest.CaptureFixture[str], name: str, command: str
) -> None:
    data, target, message = WARNED[name]
    (repo / target).write_bytes(data)
    (repo / "claims.yaml").unlink()
    before = snapshot(repo.parent)
    argv = [command, target] + (["--json"] if command != "update" else [])
    code, out, err = run(argv, repo, capsys)
    assert code == 0, err
    assert err.count("\n") == 1, err
    assert err.startswith(f"factcheck: warning: {message}"), err
    assert err.endswith(")\n")
    changed = {name for name, value in snapshot(repo.parent).items() if before.get(name) != value}
    if command != "update":
        assert changed == set()
        assert ('"z2:' in out) == target.endswith(".jsonl")
        assert '"z3:' not in out
        return
    assert changed == {"repo/claims.yaml", "repo/.claims.yaml.lock"}
    written = (repo / "claims.yaml").read_text("utf-8")
    assert ("entry: z2" in written) == target.endswith(".jsonl")
    # An empty entry is read and recorded (with no claims); a broken line is not read at all.
    assert ("entry: z3" in written) == name.endswith("empty text")
    assert not list(repo.glob(".*.tmp"))
    assert main(["check", "--no-rerun", "claims.yaml"]) == 0


TEXTS = {
    "BOM": "\ufeffMosul fell in June 2014.\nISIS lost 45,000 fighters in 2016.\n",
    "CRLF": "Mosul fell in June 2014.\r\nISIS lost 45,000 fighters in 2016.\r\n",
    "BOM and CRLF": "\ufeffMosul fell in June 2014.\r\nISIS lost 45,000 fighters in 2016.\r\n",
    "CR only": "Mosul fell in June 2014.\rISIS lost 45,000 fighters in 2016.\r",
}


@pytest.mark.parametrize("name", list(TEXTS))
def test_offsets_index_the_decoded_text_exactly(
    repo: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """A BOM is dropped before offsets are counted; line endings are kept as written, so
    ``text[start:end]`` of the decoded article is the quote."""
    import json

    raw = TEXTS[name].encode("utf-8")
    (repo / "articles" / "new.txt").write_bytes(raw)
    (repo / "claims.yaml").unlink()
    code, out, err = run(["extract", "articles/new.txt", "--json"], repo, capsys)
    assert (code, err) == (0, "")
    text = raw.decode("utf-8").removeprefix("\ufeff")
    claims = json.loads(out)["claims"]
    assert claims
    for claim in claims:
        assert text[claim["start"] : claim["end"]] == claim["text"]
        for quantity in claim.get("quantities", []):
            assert text[quantity["start"] : quantity["end"]] == quantity["text"]
    assert run(["update", "articles/new.txt"], repo, capsys)[0] == 0
    assert run(["check", "--no-rerun", "claims.yaml"], repo, capsys)[0] == 0


@pytest.mark.parametrize(
    ("name", "transform"),
    [
        ("BOM", lambda data: b"\xef\xbb\xbf" + data),
        ("CRLF", lambda data: data.replace(b"\n", b"\r\n")),
        ("BOM and CRLF", lambda data: b"\xef\xbb\xbf" + data.replace(b"\n", b"\r\n")),
    ],
)
def test_a_ledger_with_a_bom_or_crlf_reads_the_same(
    repo: Path, capsys: pytest.CaptureFixture[str], name: str, transform: Callable[[bytes], bytes]
) -> None:
    claims = repo / "claims.yaml"
    expected = run(["agreement", "claims.yaml"], repo, capsys)
    claims.write_bytes(transform(claims.read_bytes()))
    assert run(["agreement", "claims.yaml"], repo, capsys) == expected
    code, out, err = run(["check", "--no-rerun", "claims.yaml"], repo, capsys)
    assert (code, err) == (0, ""), (name, out)
    assert out == "claims.yaml: no problems found\n"
