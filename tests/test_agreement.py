"""Tests for factcheck.agreement against textbook examples and hand-computed values."""

from __future__ import annotations

from pathlib import Path

import pytest

from factcheck import store
from factcheck.agreement import (
    cohen_kappa,
    format_report,
    krippendorff_alpha,
    latest_verdicts,
    measure,
)
from factcheck.cli import main
from factcheck.model import Ledger, Pair, Relation, Review, Verdict

A, C, U = Verdict.AGREE, Verdict.CONTRADICT, Verdict.UNRELATED

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", example C: four observers,
# twelve units, nominal values 1-5 with missing values (None); alpha = 0.743.
_OBSERVERS = (
    (1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None),
    (1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3),
    (None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None),
    (1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None),
)
KRIPPENDORFF_C = [[v for v in unit if v is not None] for unit in zip(*_OBSERVERS, strict=True)]
# The same paper, example A: two observers, binary data, no missing values; alpha = 0.095.
KRIPPENDORFF_A = list(
    zip((0, 1, 0, 0, 0, 0, 0, 0, 1, 0), (1, 1, 1, 0, 0, 1, 0, 0, 0, 0), strict=True)
)


@pytest.mark.parametrize(
    ("units", "expected"),
    [
        (KRIPPENDORFF_C, 0.743),
        (KRIPPENDORFF_A, 0.095),
        ([("a", "a"), ("b", "b"), ("a", "a")], 1.0),
        # Two units, each split between a and b: o_ab = o_ba = 2, n_a = n_b = 2, n = 4,
        # so alpha = 1 - (n - 1) * 4 / (2 * 2 + 2 * 2) = -0.5.
        ([("a", "b"), ("b", "a")], -0.5),
    ],
)
def test_krippendorff_alpha_matches_worked_examples(
    units: list[list[int]], expected: float
) -> None:
    alpha = krippendorff_alpha(units)
    assert alpha is not None
    assert alpha == pytest.approx(expected, abs=5e-4)


@pytest.mark.parametrize(
    "units",
    [[], [("a",), ("b",)], [("a", "a"), ("a", "a", "a")]],
)
def test_krippendorff_alpha_is_undefined_without_variation(units: list[tuple[str, ...]]) -> None:
    assert krippendorff_alpha(units) is None


# A hand-computed kappa: 50 items, yes/yes 20, yes/no 5, no/yes 10, no/no 15.
# p_o = 35/50 = 0.7; p_e = 0.5*0.6 + 0.5*0.4 = 0.5; kappa = (0.7 - 0.5) / 0.5 = 0.4.
KAPPA_TABLE = [("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15


@pytest.mark.parametrize(
    ("ratings", "expected"),
    [
        (KAPPA_TABLE, 0.4),
        # p_o = 0.8, p_e = 0.6*0.6 + 0.4*0.4 = 0.52 -> (0.8 - 0.52) / 0.48 = 0.5833
        ([("a", "a")] * 5 + [("b", "b")] * 3 + [("a", "b"), ("b", "a")], 0.58333),
        ([("a", "b"), ("b", "a")], -1.0),
        (KRIPPENDORFF_A, 0.0909),
    ],
)
def test_cohen_kappa_matches_hand_computation(
    ratings: list[tuple[str, str]], expected: float
) -> None:
    kappa = cohen_kappa(ratings)
    assert kappa is not None
    assert kappa == pytest.approx(expected, abs=5e-4)


@pytest.mark.parametrize("ratings", [[], [("a", "a"), ("a", "a")]])
def test_cohen_kappa_is_undefined_when_chance_explains_everything(
    ratings: list[tuple[str, str]],
) -> None:
    assert cohen_kappa(ratings) is None


def _review(pair: str, who: str, verdict: Verdict, minute: int) -> Review:
    return Review(pair, who, verdict, f"2025-01-01T00:{minute:02d}:00Z")


def test_latest_verdict_of_each_reviewer_counts() -> None:
    reviews = [
        _review("p1", "ann", A, 1),
        _review("p1", "ann", C, 3),
        _review("p1", "bob", U, 2),
        _review("p2", "bob", A, 1),
    ]
    assert latest_verdicts(reversed(reviews)) == {"p1": {"ann": C, "bob": U}, "p2": {"bob": A}}


def _ledger(reviews: list[Review], pairs: int = 4) -> Ledger:
    return Ledger(
        pairs=tuple(Pair(f"p{i}", "a", "b", Relation.AGREE, 0.5, "") for i in range(1, pairs + 1)),
        reviews=tuple(reviews),
    )


def test_measure_two_reviewers_reports_kappa_on_shared_pairs() -> None:
    report = measure(
        _ledger(
            [
                _review("p1", "ann", A, 1),
                _review("p1", "bob", A, 1),
                _review("p2", "ann", C, 1),
                _review("p2", "bob", C, 1),
                _review("p3", "ann", A, 1),
                _review("p3", "bob", C, 1),
                _review("p3", "bob", C, 2),
                _review("p4", "ann", U, 1),
            ]
        )
    )
    assert (report.total, report.reviewed, report.shared, report.disagreements) == (4, 4, 3, 1)
    assert report.raters == ("ann", "bob")
    assert [(r.reviewer, r.pairs) for r in report.reviewers] == [("ann", 4), ("bob", 3)]
    assert dict(report.reviewers[0].verdicts) == {A: 2, C: 1, U: 1}
    # ratings (A,A) (C,C) (A,C): p_o = 2/3, p_e = (2/3)(1/3) + (1/3)(2/3) = 4/9 -> kappa = 0.4
    assert report.kappa == pytest.approx(0.4)
    text = format_report(report)
    assert "Cohen's kappa (ann and bob): 0.400 (on 3 pairs)" in text
    assert "Krippendorff's alpha (nominal):" in text


def test_measure_three_reviewers_reports_alpha_only() -> None:
    report = measure(
        _ledger(
            [
                _review("p1", "ann", A, 1),
                _review("p1", "bob", A, 1),
                _review("p1", "cy", C, 1),
                _review("p2", "ann", C, 1),
                _review("p2", "cy", C, 1),
            ]
        )
    )
    assert report.kappa is None
    assert report.raters == ("ann", "bob", "cy")
    units = [(A, A, C), (C, C)]
    assert report.alpha == pytest.approx(krippendorff_alpha(units))
    text = format_report(report)
    assert "Cohen" not in text
    assert f"Krippendorff's alpha (nominal): {report.alpha:.3f} (on 2 pairs)" in text


def test_report_without_shared_pairs_says_what_is_needed() -> None:
    text = format_report(measure(_ledger([_review("p1", "ann", A, 1)])))
    assert "needs two reviewers" in text
    assert text.splitlines()[1].split() == ["ann", "1", "1", "0", "0"]


def test_agreement_command_prints_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "claims.yaml"
    reviews = [_review("p1", "ann", A, 1), _review("p1", "bob", C, 1), _review("p2", "ann", A, 2)]
    path.write_text(store.dumps(_ledger(reviews)), encoding="utf-8")
    assert main(["agreement", str(path)]) == 0
    out = capsys.readouterr().out
    assert out == format_report(measure(store.load(path).ledger))
    assert "where they disagree: 1" in out


def test_agreement_command_reports_a_missing_ledger(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["agreement", str(tmp_path / "none.yaml")]) == 2
    assert "no such file" in capsys.readouterr().err
