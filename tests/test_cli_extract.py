"""Tests for ``factcheck extract``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from factcheck.cli import main

ROOT = Path(__file__).resolve().parents[1]
CLAIM_FIELDS = {
    "id",
    "source",
    "path",
    "start",
    "end",
    "text",
    "subject",
    "predicate",
    "scope",
    "attributed_to",
    "entities",
    "time",
    "quantities",
}
QUANTITY_FIELDS = {
    "text",
    "start",
    "end",
    "value",
    "low",
    "high",
    "unit",
    "original_unit",
    "noun",
    "approx",
    "hedge",
    "base",
}


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_json_on_seeds(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(ROOT / "seeds", workdir / "seeds")
    assert main(["extract", "seeds", "--json"]) == 0
    out = capsys.readouterr().out
    payload = json.loads(out)
    assert list(payload) == ["claims"]
    claims = payload["claims"]
    assert claims and [claim["id"] for claim in claims] == sorted(claim["id"] for claim in claims)
    texts = {path.name: path.read_text(encoding="utf-8") for path in (workdir / "seeds").iterdir()}
    for claim in claims:
        assert set(claim) >= CLAIM_FIELDS
        text = texts[Path(claim["path"]).name]
        assert text[claim["start"] : claim["end"]] == claim["text"]
        for quantity in claim["quantities"]:
            assert set(quantity) == QUANTITY_FIELDS
    pentagon = [claim for claim in claims if claim["attributed_to"] == "pentagon"]
    assert [claim["predicate"] for claim in pentagon] == ["fighters lost"]
    assert out == json.dumps(payload, sort_keys=True, ensure_ascii=False, indent=2) + "\n"


def test_table_escapes_control_characters(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (workdir / "a.txt").write_text(
        "ISIS lost 40% of its territory in Iraq \x1b[31mred\x07 since 2015.\n", encoding="utf-8"
    )
    assert main(["extract", "a.txt"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == [
        "id",
        "source",
        "subject",
        "predicate",
        "quantities",
        "time",
        "quote",
    ]
    assert "\x1b" not in out and "\x07" not in out
    assert "isis" in lines[1] and "territory lost" in lines[1] and "40%" in lines[1]


def test_broken_jsonl_line_is_reported_and_the_rest_read(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = json.dumps({"id": "x1", "text": "Two people were killed in Houston on Sunday."})
    (workdir / "c.jsonl").write_text(good + "\n{broken\n", encoding="utf-8")
    assert main(["extract", "c.jsonl", "--json"]) == 0
    captured = capsys.readouterr()
    assert "c.jsonl:2" in captured.err
    (claim,) = json.loads(captured.out)["claims"]
    assert (claim["source"], claim["predicate"]) == ("x1", "killed")


def test_missing_path_is_a_usage_error(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["extract", "nowhere.txt"]) == 2
    assert "no such file" in capsys.readouterr().err
