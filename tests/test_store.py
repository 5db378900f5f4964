"""The ledger store: canonical dumps, both parsers agreeing, refusals, line numbers, safe saving."""

from __future__ import annotations

import dataclasses
import errno
import hashlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import atomicfile, schema, store, yamlio
from factcheck.errors import ConflictError, LedgerError
from factcheck.model import (
    Claim,
    Entity,
    Ledger,
    Pair,
    Precision,
    Quantity,
    Relation,
    Review,
    Source,
    TimeSpan,
    Verdict,
)

ROOT = Path(__file__).resolve().parents[1]
VALID = ROOT / "tests" / "fixtures" / "ledger" / "valid" / "claims.yaml"
FIXTURE_SCHEMA_REF = "../../../../factcheck/claims.schema.json"
SHA = "0" * 64


def valid_text() -> str:
    return VALID.read_text("utf-8")


def tiny_ledger(text: str = "Islamic State lost 60% of its land") -> Ledger:
    return Ledger(
        sources=(Source(id="s1", path="a.txt", sha256=SHA, title=text),),
        claims=(
            Claim(
                id="c1",
                source="s1",
                start=0,
                end=len(text),
                text=text,
                subject=text,
                quantities=(
                    Quantity(text=text, start=0, end=len(text), value=60.0, low=60.0, high=60.0),
                ),
            ),
        ),
        pairs=(Pair(id="p1", a="c1", b="c2", relation=Relation.AGREE, score=0.5, reason=text),),
        reviews=(
            Review(
                pair="p1",
                reviewer="alice",
                verdict=Verdict.AGREE,
                timestamp="2024-05-01T09:30:00Z",
                note=text,
            ),
        ),
    )


def outcome(text: str, *, fast: bool) -> tuple[object, ...]:
    """What reading ``text`` gives: the ledger and problems, or the error's line."""
    try:
        survey = store.survey_text(text, path="claims.yaml", digest="", fast=fast)
    except LedgerError as err:
        return ("error", err.line)
    return ("ok", survey.loaded.ledger, survey.problems)


# --- canonical form -----------------------------------------------------------------------


def test_fixture_ledger_is_in_canonical_form() -> None:
    loaded = store.load(VALID)
    assert store.dumps(loaded.ledger, schema_ref=FIXTURE_SCHEMA_REF) == loaded.text
    assert loaded.digest == hashlib.sha256(VALID.read_bytes()).hexdigest()


def test_dumps_is_the_same_whatever_order_the_entries_come_in() -> None:
    ledger = store.load(VALID).ledger
    rng = random.Random(3)
    shuffled = {
        name: tuple(rng.sample(getattr(ledger, name), len(getattr(ledger, name))))
        for name in schema.SECTIONS
    }
    assert store.dumps(dataclasses.replace(ledger, **shuffled)) == store.dumps(ledger)


def test_dump_starts_with_the_schema_comment_and_keeps_section_order() -> None:
    text = store.dumps(store.load(VALID).ledger)
    first, second = text.splitlines()[:2]
    assert first == f"# yaml-language-server: $schema={store.SCHEMA_REF}"
    assert second.startswith("# ")
    tops = [line.split(":")[0] for line in text.splitlines() if line[:1].isalpha()]
    assert tops == ["version", *schema.SECTIONS]


def test_defaults_are_left_out_and_other_values_written() -> None:
    span = TimeSpan(text="2014", start=0, end=4, first=None, last=None, precision=Precision.YEAR)
    claim = Claim(id="c1", source="s1", start=0, end=4, text="2014", time=span)
    pair = Pair(id="p1", a="c1", b="c2", relation=Relation.RELATED, score=1.0, reason="")
    review = Review(pair="p1", reviewer="bob", verdict=Verdict.UNRELATED, timestamp="2024-01-01")
    lean = store.dumps(Ledger(claims=(claim,), pairs=(pair,), reviews=(review,)))
    for absent in ("null", "stale", "note", "resolved", "relative", "first", "quantities"):
        assert absent not in lean
    assert "reason: ''" in lean
    full = store.dumps(
        Ledger(
            claims=(dataclasses.replace(claim, time=dataclasses.replace(span, resolved=False)),),
            pairs=(dataclasses.replace(pair, stale=True),),
            reviews=(dataclasses.replace(review, note="checked"),),
        )
    )
    for present in ("resolved: false", "stale: true", "note: checked"):
        assert present in full


TRICKY = [
    "yes", "No", "on", "off", "y", "null", "~", "", "true", "False", "1e5", "0x1F", "012",
    "1_000", "_1", "+.inf", ".NaN", "1:20", "2017-09-01", "2024-05-01T09:30:00Z", "- item",
    "a: b", "#hash", "x #y", "'single'", '"double"', "line\nbreak", "two\n\nbreaks", "\ttab",
    " leading", "trailing ", "\u2028", "a\x85b", "é’“”", "\x1b[31mred", "!tag", "&anchor",
    "*alias", "[x]", "{x: 1}", "%YAML", "@at", "`tick", "|", ">", "?", "<<", "=", "-", "---",
    "...", "\ufeff", "crlf\r\n", "\x00nul", "\uffff", "🙂 emoji", "a" * 300,
]  # fmt: skip


@pytest.mark.parametrize("text", TRICKY)
def test_tricky_strings_survive_a_round_trip_through_both_readers(text: str) -> None:
    ledger = tiny_ledger(text)
    written = store.dumps(ledger)
    assert outcome(written, fast=True) == ("ok", ledger, ())
    assert outcome(written, fast=False) == ("ok", ledger, ())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    text=st.text(max_size=40),
    score=st.floats(allow_nan=False, allow_infinity=False),
    offset=st.integers(min_value=0, max_value=2**70),
)
def test_any_text_and_number_round_trips_identically_through_both_readers(
    text: str, score: float, offset: int
) -> None:
    ledger = tiny_ledger(text)
    pair = dataclasses.replace(ledger.pairs[0], score=score)
    claim = dataclasses.replace(ledger.claims[0], start=offset, end=offset + 1)
    ledger = dataclasses.replace(ledger, pairs=(pair,), claims=(claim,))
    written = store.dumps(ledger)
    assert outcome(written, fast=True) == ("ok", ledger, ())
    assert outcome(written, fast=False) == ("ok", ledger, ())
    assert store.dumps(store.loads(written)) == written


# --- both readers agree on hostile and hand-written input ---------------------------------

HEAD = "version: 1\n"
LAUGHS = HEAD + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}' if i else 'lol'] * 9)}]\n" for i in range(10)
)
HOSTILE = {
    "fixture": valid_text(),
    "fixture with CRLF": valid_text().replace("\n", "\r\n"),
    "malformed": HEAD + "sources: [\n",
    "tab indentation": HEAD + "sources:\n\t- id: x\n",
    "list document": "- 1\n- 2\n",
    "scalar document": "just words\n",
    "empty document": "",
    "only comments": "# nothing\n",
    "two documents": HEAD + "---\nversion: 1\n",
    "explicit start": "---\n" + HEAD,
    "unknown version": "version: 2\n",
    "version as text": "version: '1'\n",
    "no version": "sources: []\n",
    "duplicate top key": HEAD + "version: 1\n",
    "duplicate nested key": HEAD + "pairs:\n- id: p\n  id: q\n",
    "python object": HEAD + "sources: !!python/object/apply:os.system [echo]\n",
    "python name": HEAD + "claims:\n- id: !!python/name:os.system x\n",
    "custom tag": HEAD + "claims:\n- id: !thing c1\n",
    "non-specific tag": HEAD + "claims:\n- id: ! c1\n",
    "binary tag": HEAD + "claims:\n- id: !!binary aGk=\n",
    "set tag": HEAD + "claims: !!set {a, b}\n",
    "timestamp tag": HEAD + "reviews:\n- timestamp: !!timestamp 2024-01-01\n",
    "core tags": HEAD + "pairs:\n- {id: !!str 7, a: a, b: b, relation: agree, score: !!int '3',"
    " reason: !!str x}\n",
    "bad core tag": HEAD + "pairs:\n- {id: p, a: a, b: b, relation: agree, score: !!int x,"
    " reason: x}\n",
    "directive": "%YAML 1.1\n---\n" + HEAD,
    "billion laughs": LAUGHS,
    "recursive alias": HEAD + "claims: &x [*x]\n",
    "undefined alias": HEAD + "claims: *nothing\n",
    "small alias": HEAD + "entities:\n- id: e1\n  aliases: &names [A, B]\n- id: e2\n"
    "  aliases: *names\n",
    "deep flow": HEAD + "claims: " + "[" * 5000 + "]" * 5000 + "\n",
    "moderate flow": HEAD + "claims: " + "[" * 40 + "]" * 40 + "\n",
    "deep compact": HEAD + "claims:\n" + "- " * 5000 + "x\n",
    "moderate compact": HEAD + "claims:\n" + "- " * 7 + "x\n",
    "deep indentation": HEAD + "claims:\n" + "".join(" " * i + "-\n" for i in range(0, 200, 1)),
    "control character": HEAD + 'sources:\n- id: "a\x07b"\n',
    "raw escape sequence": HEAD + "claims:\n- id: c\x1b[2J\n",
    "next line character": HEAD + "claims:\n- id: 'a\x85b'\n",
    "line separator": HEAD + "claims:\n- id: a\u2028b\n",
    "byte order mark inside": HEAD + "claims:\n- id: a\ufeffb\n",
    "complex key": HEAD + "? [a, b]\n: 1\n",
    "mapping key": HEAD + "claims:\n- {{a: 1}: 2}\n",
    "number key": HEAD + "1: x\n",
    "null key": HEAD + "~: x\n",
    "merge key": HEAD + "pairs:\n- <<: {id: p}\n",
    "yaml 1.1 booleans": HEAD + "pairs:\n- {id: p, a: a, b: b, relation: agree, score: 1,"
    " reason: r, stale: yes}\n",
    "underscored numbers": HEAD + "claims:\n- {id: c, source: s, start: 1_0, end: 0x1F, text: t}\n",
    "octal-looking offset": HEAD
    + "claims:\n- {id: c, source: s, start: 010, end: 0o17, text: t}\n",
    "infinite score": HEAD + "pairs:\n- {id: p, a: a, b: b, relation: agree, score: .inf,"
    " reason: r}\n",
    "unknown fields": HEAD + "claims:\n- id: c\n  sourse: s\n  start: 0\n  end: 1\n  text: t\n",
    "wrong shapes": HEAD + "sources: {a: 1}\nclaims:\n- 3\n- [x]\npairs: text\n",
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_fast_and_reference_readers_give_the_same_result(name: str) -> None:
    text = HOSTILE[name]
    assert outcome(text, fast=True) == outcome(text, fast=False)


def test_the_fast_reader_is_used_for_a_clean_ledger_and_not_for_tags() -> None:
    assert not yamlio.needs_reference(valid_text())
    for name in ("python object", "custom tag", "billion laughs", "deep compact", "deep flow"):
        assert yamlio.needs_reference(HOSTILE[name]), name


def test_reading_works_without_yaml_rs(monkeypatch: pytest.MonkeyPatch) -> None:
    expected = store.loads(valid_text())
    monkeypatch.setattr(yamlio, "yaml_rs", None)
    assert store.loads(valid_text()) == expected


@pytest.mark.parametrize(
    ("name", "line", "words"),
    [
        ("malformed", 3, "not valid YAML"),
        ("tab indentation", 3, "not valid YAML"),
        ("list document", 1, "must be a mapping"),
        ("scalar document", 1, "must be a mapping"),
        ("empty document", 1, "empty document"),
        ("two documents", 2, "more than one YAML document"),
        ("unknown version", 1, "schema version 2"),
        ("version as text", 1, "schema version '1'"),
        ("no version", 1, "has no `version`"),
        ("duplicate top key", 2, "repeats the key 'version'"),
        ("duplicate nested key", 4, "repeats the key 'id'"),
        ("python object", 2, "!!python/object/apply:os.system"),
        ("python name", 3, "!!python/name:os.system"),
        ("custom tag", 3, "'!thing'"),
        ("non-specific tag", 3, "'!'"),
        ("binary tag", 3, "!!binary"),
        ("set tag", 2, "!!set"),
        ("timestamp tag", 3, "!!timestamp"),
        ("bad core tag", 3, "not a valid int"),
        ("billion laughs", 6, "alias bomb"),
        ("recursive alias", 2, "contains it"),
        ("undefined alias", 2, "no anchor"),
        ("deep flow", 2, "nested more than"),
        ("deep compact", 3, "nested more than"),
        ("deep indentation", 66, "nested more than"),
        ("control character", 3, "U+0007"),
        ("raw escape sequence", 3, "U+001B"),
        ("complex key", 2, "list or mapping as a key"),
    ],
)
def test_refusals_are_one_line_errors_with_line_and_hint(name: str, line: int, words: str) -> None:
    with pytest.raises(LedgerError) as caught:
        store.loads(HOSTILE[name], path="claims.yaml")
    error = caught.value
    assert error.line == line
    assert words in error.message
    assert error.hint
    rendered = str(error)
    assert rendered.startswith(f"claims.yaml:{line}: ")
    assert "\n" not in rendered
    assert rendered.isprintable()


def test_a_deep_document_fails_cleanly_in_a_fresh_process() -> None:
    # A native stack overflow would kill the process rather than raise, so look from outside.
    script = textwrap.dedent(
        """
        from factcheck import store
        from factcheck.errors import LedgerError
        for text in ("version: 1\\nclaims:\\n" + "- " * 200000 + "x\\n",
                     "version: 1\\nclaims: " + "[" * 200000 + "\\n",
                     "version: 1\\nclaims: " + "{a: " * 200000 + "\\n"):
            try:
                store.loads(text)
            except LedgerError as err:
                print(err.line, err.message)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-500:]
    assert result.stdout.count("nested more than") == 3


def test_small_aliases_are_read_as_copies() -> None:
    ledger = store.loads(HOSTILE["small alias"])
    assert [entity.aliases for entity in ledger.entities] == [("A", "B"), ("A", "B")]


@pytest.mark.parametrize(
    ("replace", "by", "field_line", "words"),
    [
        ("  start: 0\n", "  start: -3\n", "  start: -3", "`start` must be a character offset"),
        ("  start: 0\n", "  start: '0'\n", "  start: '0'", "`start` must be a character offset"),
        ("  relation: agree\n", "  relation: agreed\n", "  relation: agreed", "'agreed'"),
        ("  verdict: agree\n", "  verdict: maybe\n", "  verdict: maybe", "'maybe'"),
        ("    precision: year\n", "    precision: era\n", "    precision: era", "era"),
        ("  score: 0.91\n", "  score: high\n", "  score: high", "finite number"),
        ("  reason: 'different quantities: % vs km2'\n",
         "  reason: 'different quantities: % vs km2'\n  stale: sure\n", "  stale: sure",
         "true or false"),
        ("  end: 65\n", "  end: 65\n  ned: 3\n", "  ned: 3", "unknown field 'ned'"),
        ("- id: a-1\n  source: a\n", "- source: a\n", "- source: a", "`id` is missing"),
        ("  timestamp: '2024-05-01T09:30:00Z'\n", "  timestamp: May 1\n", "  timestamp: May",
         "ISO 8601"),
        ("  sha256: 2d2a", "  sha256: XX2d2a", "  sha256: XX", "64 lowercase hex"),
        ("  published: 2017-09\n", "  published: Sept 2017\n", "  published: Sept", "YYYY"),
        ("    first: '2014-01-01'\n", "    first: '2014-1-1'\n", "    first: '2014-1-1'",
         "YYYY-MM-DD"),
        ("  - text: about 60%\n", "  - text: about 60%\n    colour: red\n", "    colour: red",
         "unknown field 'colour'"),
        ("  start: 0\n  end: 65\n", "  start: 70\n  end: 65\n", "  end: 65", "is before"),
        ("version: 1\n", "version: 1\nextras: []\n", "extras: []", "unknown top-level key"),
    ],
)  # fmt: skip
def test_schema_problems_name_the_field_line(
    replace: str, by: str, field_line: str, words: str
) -> None:
    original = valid_text()
    assert replace in original
    broken = original.replace(replace, by, 1)
    expected = broken.splitlines().index(
        next(line for line in broken.splitlines() if line.startswith(field_line))
    )
    with pytest.raises(LedgerError) as caught:
        store.loads(broken)
    assert words in caught.value.message
    assert caught.value.line == expected + 1


def test_problems_are_counted_when_there_are_several() -> None:
    broken = valid_text().replace("relation: agree", "relation: agreed")
    with pytest.raises(LedgerError) as caught:
        store.loads(broken)
    assert "and 2 more problems" in caught.value.message


@pytest.mark.parametrize(
    ("data", "line", "words"),
    [
        (b"version: 1\nsources: []\n\xff\xfe\n", 3, "not valid UTF-8"),
        (b"\xef\xbb\xbfversion: 1\n", None, ""),
    ],
)
def test_file_bytes_are_decoded_as_utf8(
    tmp_path: Path, data: bytes, line: int | None, words: str
) -> None:
    path = tmp_path / "claims.yaml"
    path.write_bytes(data)
    if not words:
        assert store.load(path).ledger == Ledger()
        return
    with pytest.raises(LedgerError) as caught:
        store.load(path)
    assert caught.value.line == line
    assert words in caught.value.message


def test_missing_ledger_says_how_to_create_one(tmp_path: Path) -> None:
    with pytest.raises(LedgerError) as caught:
        store.load(tmp_path / "claims.yaml")
    assert "no such file" in caught.value.message
    assert "factcheck update" in caught.value.hint


# --- line numbers -------------------------------------------------------------------------


def line_number(text: str, needle: str, after: str = "") -> int:
    lines = text.splitlines()
    start = lines.index(after) if after else 0
    return next(n for n in range(start, len(lines)) if lines[n].startswith(needle)) + 1


@pytest.mark.parametrize(
    ("section", "entry_id", "field", "needle", "after"),
    [
        ("sources", "wire-1", None, "- id: wire-1", ""),
        ("sources", "b", "published", "  published:", "- id: b"),
        ("claims", "b-1", None, "- id: b-1", ""),
        ("claims", "b-1", "text", "  text:", "- id: b-1"),
        ("claims", "b-1", "time.end", "    end:", "- id: b-1"),
        ("claims", "b-1", "quantities.0.start", "    start: 99", "- id: b-1"),
        ("claims", "a-1", "entities.0", "  - islamic-state", "- id: a-1"),
        ("pairs", "p-4", "relation", "  relation:", "- id: p-4"),
        ("reviews", "p-4/carol/2024-05-03T08:00:00Z", "verdict", "  verdict:", "- pair: p-4"),
    ],
)
def test_line_of_finds_entries_and_fields(
    section: str, entry_id: str, field: str | None, needle: str, after: str
) -> None:
    loaded = store.load(VALID)
    assert store.line_of(loaded, section, entry_id, field) == line_number(
        loaded.text, needle, after
    )


def test_line_of_an_unknown_entry_is_none() -> None:
    assert store.line_of(store.load(VALID), "claims", "no-such-claim") is None


def test_line_of_falls_back_to_yaml_marks_for_hand_written_layouts(tmp_path: Path) -> None:
    ledger = store.load(VALID).ledger
    data = schema.to_data(ledger)
    text = "version: 1\n"
    for section in schema.SECTIONS:
        entries = [json.dumps(entry, ensure_ascii=False) for entry in data[section]]  # type: ignore[attr-defined]
        text += f"{section}: [\n  " + ",\n  ".join(entries) + "\n]\n"
    path = tmp_path / "claims.yaml"
    path.write_text(text, "utf-8")
    loaded = store.load(path)
    assert loaded.ledger == ledger
    lines = text.splitlines()
    for claim in ledger.claims:
        expected = next(n for n, line in enumerate(lines) if f'"id": "{claim.id}"' in line) + 1
        assert store.line_of(loaded, "claims", claim.id) == expected
        assert store.line_of(loaded, "claims", claim.id, "text") == expected


# --- saving -------------------------------------------------------------------------------


def copy_valid(tmp_path: Path) -> Path:
    target = tmp_path / "claims.yaml"
    shutil.copyfile(VALID, target)
    return target


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_save_writes_canonical_bytes_and_returns_their_digest(tmp_path: Path) -> None:
    path = tmp_path / "claims.yaml"
    ledger = store.load(VALID).ledger
    digest = store.save(path, ledger, expected_digest=None)
    data = path.read_bytes()
    assert digest == hashlib.sha256(data).hexdigest()
    assert data.decode("utf-8") == store.dumps(ledger)
    assert store.save(path, ledger, expected_digest=digest) == digest
    assert path.read_bytes() == data
    assert leftovers(tmp_path) == []
    assert (tmp_path / ".claims.yaml.lock").exists()


def test_save_keeps_the_schema_comment_and_file_mode(tmp_path: Path) -> None:
    path = copy_valid(tmp_path)
    path.chmod(0o640)
    loaded = store.load(path)
    review = dataclasses.replace(loaded.ledger.reviews[0], note="rechecked")
    changed = dataclasses.replace(loaded.ledger, reviews=(review, *loaded.ledger.reviews[1:]))
    store.save(path, changed, expected_digest=loaded.digest)
    text = path.read_text("utf-8")
    assert text.startswith(f"# yaml-language-server: $schema={FIXTURE_SCHEMA_REF}\n")
    assert "note: rechecked" in text
    assert path.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("case", ["changed", "removed", "created"])
def test_save_refuses_to_overwrite_what_changed_on_disk(tmp_path: Path, case: str) -> None:
    path = copy_valid(tmp_path)
    loaded = store.load(path)
    expected: str | None = loaded.digest
    if case == "changed":
        path.write_text(loaded.text + "# someone else's edit\n", "utf-8")
    elif case == "removed":
        path.unlink()
    else:
        expected = None
    before = path.read_bytes() if path.exists() else None
    with pytest.raises(ConflictError) as caught:
        store.save(path, Ledger(), expected_digest=expected)
    assert "nothing was written" in caught.value.message
    assert (path.read_bytes() if path.exists() else None) == before
    assert leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("target", "failure"),
    [
        ("replace", OSError(errno.EIO, "Input/output error")),
        ("fsync", OSError(errno.EIO, "Input/output error")),
        ("write", OSError(errno.ENOSPC, "No space left on device")),
        ("fsync", KeyboardInterrupt()),
        ("replace", KeyboardInterrupt()),
    ],
)
def test_a_failed_save_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str, failure: BaseException
) -> None:
    path = copy_valid(tmp_path)
    before = path.read_bytes()
    loaded = store.load(path)

    def broken(*args: object, **kwargs: object) -> None:
        raise failure

    monkeypatch.setattr(os, target, broken)
    expected_error = LedgerError if isinstance(failure, OSError) else KeyboardInterrupt
    with pytest.raises(expected_error) as caught:
        store.save(path, Ledger(), expected_digest=loaded.digest)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []
    if isinstance(caught.value, LedgerError):
        assert "unchanged" in caught.value.hint
        if target == "write":
            assert "disk space" in caught.value.hint


def test_an_interrupt_as_the_temporary_file_is_created_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_valid(tmp_path)
    before = path.read_bytes()
    loaded = store.load(path)
    real_open = os.open

    def opens_then_interrupted(name: str, flags: int, mode: int = 0o777) -> int:
        fd = real_open(name, flags, mode)
        if not str(name).endswith(".tmp"):
            return fd
        os.close(fd)
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "open", opens_then_interrupted)
    with pytest.raises(KeyboardInterrupt):
        store.save(path, Ledger(), expected_digest=loaded.digest)
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_a_read_only_directory_is_a_ledger_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_valid(tmp_path)
    before = path.read_bytes()
    loaded = store.load(path)
    real_open = os.open

    def read_only(name: object, flags: int, *args: object) -> int:
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(name, flags, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", read_only)
    with pytest.raises(LedgerError) as caught:
        store.save(path, Ledger(), expected_digest=loaded.digest)
    monkeypatch.undo()
    assert "Read-only" in caught.value.message
    assert path.read_bytes() == before


KILLED_WRITER = """
import os, sys, time
from pathlib import Path
from factcheck import store
path = Path(sys.argv[1])
loaded = store.load(path)
real_fsync = os.fsync
def slow_fsync(fd):
    real_fsync(fd)
    print("writing", flush=True)
    time.sleep(60)
os.fsync = slow_fsync
store.save(path, loaded.ledger.__class__(), expected_digest=loaded.digest)
"""


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM])
def test_a_writer_killed_mid_save_leaves_the_old_file(tmp_path: Path, sig: signal.Signals) -> None:
    path = copy_valid(tmp_path)
    before = path.read_bytes()
    writer = subprocess.Popen(
        [sys.executable, "-c", KILLED_WRITER, str(path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert writer.stdout is not None
    assert writer.stdout.readline().strip() == "writing"
    writer.send_signal(sig)
    writer.wait(timeout=30)
    assert path.read_bytes() == before
    if sig == signal.SIGINT:
        assert leftovers(tmp_path) == []
    loaded = store.load(path)
    store.save(path, loaded.ledger, expected_digest=loaded.digest)
    assert leftovers(tmp_path) == []


def test_a_concurrent_writer_holds_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fcntl = pytest.importorskip("fcntl")
    path = copy_valid(tmp_path)
    loaded = store.load(path)
    monkeypatch.setattr(atomicfile, "LOCK_TIMEOUT", 0.2)
    with (tmp_path / ".claims.yaml.lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(LedgerError) as caught:
            store.save(path, Ledger(), expected_digest=loaded.digest)
    assert "another factcheck process" in caught.value.message
    assert path.read_bytes() == VALID.read_bytes()


# --- the JSON Schema ----------------------------------------------------------------------

DEFS = {
    "source": Source,
    "entity": Entity,
    "claim": Claim,
    "time": TimeSpan,
    "quantity": Quantity,
    "pair": Pair,
    "review": Review,
}
OPTIONAL_WITHOUT_DEFAULT = {"first", "last", "value", "low", "high"}


@pytest.mark.parametrize("name", sorted(DEFS))
def test_json_schema_lists_exactly_the_model_fields(name: str) -> None:
    definition = store.json_schema()["$defs"][name]
    fields = dataclasses.fields(DEFS[name])
    assert list(definition["properties"]) == [f.name for f in fields]
    required = [
        f.name
        for f in fields
        if f.default is dataclasses.MISSING
        and f.default_factory is dataclasses.MISSING
        and f.name not in OPTIONAL_WITHOUT_DEFAULT
    ]
    assert definition["required"] == required
    assert definition["additionalProperties"] is False


def test_json_schema_enums_match_the_model() -> None:
    defs = store.json_schema()["$defs"]
    assert defs["pair"]["properties"]["relation"]["enum"] == [r.value for r in Relation]
    assert defs["review"]["properties"]["verdict"]["enum"] == [v.value for v in Verdict]
    assert defs["time"]["properties"]["precision"]["enum"] == [p.value for p in Precision]


BROKEN_FOR_SCHEMA = [
    ("relation: agree", "relation: agreed"),
    ("  start: 0\n", "  start: -1\n"),
    ("  score: 0.91", "  score: high"),
    ("  end: 65\n", "  end: 65\n  ned: 1\n"),
    ("version: 1", "version: 2"),
    ("  sha256: 2d2a", "  sha256: ZZ2d"),
    ("  timestamp: '2024-05-01T09:30:00Z'", "  timestamp: yesterday"),
]


@pytest.mark.parametrize(("old", "new"), BROKEN_FOR_SCHEMA)
def test_json_schema_and_loader_refuse_the_same_edits(old: str, new: str) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft202012Validator(store.json_schema())
    good = yamlio.parse(valid_text(), "claims.yaml")
    assert list(validator.iter_errors(good)) == []
    bad_text = valid_text().replace(old, new, 1)
    assert list(validator.iter_errors(yamlio.parse(bad_text, "claims.yaml")))
    with pytest.raises(LedgerError):
        store.loads(bad_text)


def test_check_jsonschema_accepts_the_fixture_and_refuses_a_broken_copy(tmp_path: Path) -> None:
    tool = shutil.which("check-jsonschema") or (
        str(Path(sys.executable).with_name("check-jsonschema"))
        if Path(sys.executable).with_name("check-jsonschema").exists()
        else None
    )
    if tool is None:
        pytest.skip("check-jsonschema is not installed")
    schema_file = ROOT / "factcheck" / "claims.schema.json"
    broken = tmp_path / "claims.yaml"
    broken.write_text(valid_text().replace("verdict: agree", "verdict: maybe", 1), "utf-8")
    runs = {
        name: subprocess.run(
            [tool, "--schemafile", str(schema_file), str(target)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        for name, target in (("valid", VALID), ("broken", broken))
    }
    assert runs["valid"].returncode == 0, runs["valid"].stdout + runs["valid"].stderr
    assert runs["broken"].returncode == 1
    assert "maybe" in runs["broken"].stdout + runs["broken"].stderr


# --- start-up cost ------------------------------------------------------------------------


def test_core_modules_do_not_import_textual_or_rich() -> None:
    script = (
        "import sys, factcheck.cli, factcheck.store, factcheck.check\n"
        "print(sorted(m for m in ('textual', 'rich', 'rapidfuzz') if m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "[]"
