"""Tests for ``factcheck match``: JSON and table output, thresholds, the ledger's metadata."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from factcheck import store
from factcheck.cli import main
from factcheck.match import DEFAULT_STRONG, DEFAULT_SUGGEST
from factcheck.model import Ledger, Source

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
PUBLISHED = {
    "000": "2017-09",
    "001": "2015-12",
    "002": "2016-07",
    "003": "2016-09",
    "004": "2015-11",
}
PAIR_FIELDS = {"id", "a", "b", "relation", "score", "strong", "reason"}


def dated_seeds(root: Path) -> Path:
    """The seeds copied under ``root`` with their publication dates as front matter."""
    target = root / "seeds"
    target.mkdir()
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        front = f"---\npublished: {PUBLISHED[path.name[:3]]}\n---\n"
        (target / path.name).write_text(front + text, encoding="utf-8")
    return target


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_json_holds_claims_and_pairs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = dated_seeds(tmp_path)
    code, out, err = run(
        ["match", str(seeds), "--claims", str(tmp_path / "claims.yaml"), "--json"], capsys
    )
    assert (code, err) == (0, "")
    payload = json.loads(out)
    assert set(payload) == {"claims", "pairs"}
    claim_ids = {claim["id"] for claim in payload["claims"]}
    pairs = payload["pairs"]
    assert pairs
    assert [pair["id"] for pair in pairs] == sorted(pair["id"] for pair in pairs)
    for pair in pairs:
        assert set(pair) == PAIR_FIELDS
        assert pair["a"] < pair["b"]
        assert {pair["a"], pair["b"]} <= claim_ids
        assert DEFAULT_SUGGEST <= pair["score"] <= 100
        assert pair["strong"] is (pair["score"] >= DEFAULT_STRONG)
    relations = {pair["relation"] for pair in pairs}
    assert {"agree", "contradict"} <= relations


def test_output_is_byte_identical_across_runs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = dated_seeds(tmp_path)
    argv = ["match", str(seeds), "--claims", str(tmp_path / "claims.yaml"), "--json"]
    first = run(argv, capsys)
    assert run(argv, capsys) == first


@pytest.mark.parametrize(("suggest", "strong"), [("30", "45"), ("45", "90")])
def test_thresholds_choose_the_pairs_and_the_strong_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], suggest: str, strong: str
) -> None:
    seeds = dated_seeds(tmp_path)
    argv = ["match", str(seeds), "--claims", str(tmp_path / "claims.yaml"), "--json"]
    code, out, _ = run([*argv, "--suggest", suggest, "--strong", strong], capsys)
    assert code == 0
    pairs = json.loads(out)["pairs"]
    assert pairs
    assert all(pair["score"] >= float(suggest) for pair in pairs)
    assert all(pair["strong"] is (pair["score"] >= float(strong)) for pair in pairs)


def test_thresholds_out_of_order_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seeds = dated_seeds(tmp_path)
    argv = ["match", str(seeds), "--claims", str(tmp_path / "claims.yaml")]
    code, out, err = run([*argv, "--suggest", "70", "--strong", "50"], capsys)
    assert (code, out) == (2, "")
    assert "suggest <= strong" in err
    assert err.count("\n") == 1


def test_table_shows_relation_sources_reason_and_quotes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seeds = dated_seeds(tmp_path)
    code, out, err = run(["match", str(seeds), "--claims", str(tmp_path / "claims.yaml")], capsys)
    assert (code, err) == (0, "")
    assert "−6.7 pts, outside ±10% hedge" in out
    assert "003_1efb293d15d836de ~ 004_2cee8ff8bae27df3" in out
    assert "“it has lost about a third of that.”" in out
    assert out.splitlines()[-1].endswith("related") and " claims, " in out.splitlines()[-1]


def test_table_escapes_control_characters_in_quotes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "news"
    corpus.mkdir()
    sentence = "ISIS lost 40% of its territory in Iraq since 2015, officials said."
    (corpus / "a.txt").write_text(sentence + "\n", encoding="utf-8")
    (corpus / "b.txt").write_text(
        "\x1b[31mISIS lost\x07 40% of its territory in Iraq since 2015, officials said.\n",
        encoding="utf-8",
    )
    code, out, _ = run(["match", str(corpus), "--claims", str(tmp_path / "claims.yaml")], capsys)
    assert code == 0
    assert "ISIS lost" in out
    assert "\x1b" not in out
    assert "\x07" not in out


def test_ledger_supplies_publication_dates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    sources = tuple(
        Source(
            id=path.stem,
            path=f"seeds/{path.name}",
            sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
            published=PUBLISHED[path.name[:3]],
        )
        for path in sorted(SEEDS.glob("*.txt"))
    )
    ledger_path = tmp_path / "claims.yaml"
    store.save(ledger_path, Ledger(sources=sources), expected_digest=None)
    code, out, err = run(
        ["match", str(tmp_path / "seeds"), "--claims", str(ledger_path), "--json"], capsys
    )
    assert (code, err) == (0, "")
    reasons = [pair["reason"] for pair in json.loads(out)["pairs"]]
    assert any("as of publication 2016-09" in reason for reason in reasons)


def test_no_pairs_is_said_plainly(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The bakery sold 40 loaves in Paris in May 2015.\n", "utf-8")
    code, out, _ = run(["match", str(corpus), "--claims", str(tmp_path / "claims.yaml")], capsys)
    assert code == 0
    assert out.endswith("no pairs suggested\n")


def test_missing_path_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        ["match", str(tmp_path / "nowhere"), "--claims", str(tmp_path / "claims.yaml")], capsys
    )
    assert (code, out) == (2, "")
    assert "no such file or directory" in err


def test_help_names_the_default_thresholds(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["match", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert f"(default: {DEFAULT_SUGGEST:g})" in out
    assert f"(default: {DEFAULT_STRONG:g})" in out
