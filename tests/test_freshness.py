"""``factcheck update`` and the up-to-date rule of ``factcheck check``, like a lock-file check,
and the cache that lets a second check of unchanged inputs skip the re-run."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from factcheck import store
from factcheck.check import Context, run_checks
from factcheck.cleancache import inputs_key, remembered
from factcheck.cli import main
from factcheck.freshness import up_to_date
from factcheck.model import Review, Verdict
from factcheck.report import Finding

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    monkeypatch.chdir(tmp_path)
    assert main(["update", "seeds/"]) == 0
    return tmp_path


def test_update_then_check_is_clean_and_a_second_update_changes_nothing(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = (repo / "claims.yaml").read_bytes()
    capsys.readouterr()
    assert main(["check", "--no-cache"]) == 0
    assert main(["update"]) == 0
    assert capsys.readouterr().out.endswith("claims.yaml: up to date\n")
    assert (repo / "claims.yaml").read_bytes() == before


def test_a_removed_pair_is_what_update_would_add_back(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = repo / "claims.yaml"
    ledger = store.load(claims).ledger
    dropped = ledger.pairs[0]
    shorter = dataclasses.replace(ledger, pairs=ledger.pairs[1:])
    store.save(claims, shorter, expected_digest=store.load(claims).digest)
    capsys.readouterr()
    assert main(["check", "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert "[up-to-date]" in out
    assert f"pair {dropped.id} would be added" in out
    assert "run 'factcheck update'" in out
    assert main(["update"]) == 0
    assert main(["check", "--no-cache"]) == 0


def test_a_changed_article_is_reported_with_the_claims_update_would_change(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = repo / "seeds" / "003_1efb293d15d836de.txt"
    article.write_text(
        article.read_text("utf-8").replace("lost 40% of their", "lost 45% of their"), "utf-8"
    )
    capsys.readouterr()
    assert main(["check", "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert "[provenance]" in out
    assert "[up-to-date]" in out
    assert main(["update"]) == 0
    assert main(["check", "--no-cache"]) == 0


def test_a_source_whose_bytes_changed_but_not_its_claims_is_named(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    article = repo / "seeds" / "000_563ba91b96e602f7.txt"
    article.write_bytes(article.read_bytes() + b"\n")
    capsys.readouterr()
    assert main(["check", "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert "sources: 1 changed (source 000_563ba91b96e602f7 would be re-recorded)" in out
    assert main(["update"]) == 0
    assert main(["check", "--no-cache"]) == 0


def test_a_pair_no_longer_suggested_is_kept_stale_when_reviewed_and_removed_otherwise(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    claims = repo / "claims.yaml"
    ledger = store.load(claims).ledger
    # Pairs of claims an earlier extraction found and this one no longer does.
    ghosts = tuple(
        dataclasses.replace(ledger.pairs[0], id=f"p-gone-{index}", a=f"c-gone-{index}a")
        for index in range(2)
    )
    review = Review(ghosts[0].id, "ann", Verdict.AGREE, "2026-01-01T00:00:00Z", "seen")
    edited = dataclasses.replace(
        ledger,
        pairs=tuple(sorted((*ledger.pairs, *ghosts), key=lambda pair: pair.id)),
        reviews=(review,),
    )
    store.save(claims, edited, expected_digest=store.load(claims).digest)
    capsys.readouterr()
    assert main(["update"]) == 0
    out = capsys.readouterr().out
    assert "pairs: 1 removed, 1 marked stale" in out
    after = store.load(claims).ledger
    kept = {pair.id: pair for pair in after.pairs}
    assert kept[ghosts[0].id].stale
    assert ghosts[1].id not in kept
    assert after.reviews == (review,)
    assert main(["check", "--no-cache"]) == 0


def test_the_cache_remembers_only_clean_inputs_and_forgets_on_any_change(repo: Path) -> None:
    claims = repo / "claims.yaml"
    calls: list[str] = []

    def counted(context: Context) -> list[Finding]:
        calls.append(context.display)
        return list(up_to_date(context))

    cached = remembered(counted, repo / ".factcheck")
    assert run_checks(claims, extra=(cached,)) == []
    assert run_checks(claims, extra=(cached,)) == []
    assert len(calls) == 1
    assert len(list((repo / ".factcheck").glob("up-to-date-*"))) == 1

    article = repo / "seeds" / "000_563ba91b96e602f7.txt"
    article.write_bytes(article.read_bytes() + b"\nIt lost 12 towns in 2016.\n")
    findings = run_checks(claims, extra=(cached,))
    assert {finding.rule for finding in findings} >= {"provenance", "up-to-date"}
    assert len(calls) == 2
    run_checks(claims, extra=(cached,))
    assert len(calls) == 3


def test_the_key_covers_the_ledger_text_and_every_source(repo: Path) -> None:
    claims = repo / "claims.yaml"

    def key() -> str | None:
        return inputs_key(Context(store.survey_file(claims), claims))

    first = key()
    assert first is not None and first == key()
    claims.write_bytes(claims.read_bytes() + b"\n")
    second = key()
    assert second not in {None, first}
    article = repo / "seeds" / "002_982672ba60860e58.txt"
    article.write_bytes(article.read_bytes().replace(b"2014", b"2013", 1))
    assert key() not in {None, first, second}
    article.unlink()
    assert key() is None
