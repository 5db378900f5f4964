"""Tests for sentence and block splitting."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.sentences import _END, _ends, split_blocks, split_sentences


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "“The city is besieged 360 degrees,” said Maj. Gen. Thamir Ismail, commander. "
            "“Daesh lost Baiji,” he said.",
            [
                "“The city is besieged 360 degrees,” said Maj. Gen. Thamir Ismail, commander.",
                "“Daesh lost Baiji,” he said.",
            ],
        ),
        (
            "It was a fellow at the U.S. Army said J.M. Berger on Dec. 5 in the city.",
            ["It was a fellow at the U.S. Army said J.M. Berger on Dec. 5 in the city."],
        ),
        (
            "They moved to the U.S. The army followed.",
            ["They moved to the U.S.", "The army followed."],
        ),
        (
            "Forces regained 60,000 sq. km. Then they stopped.",
            ["Forces regained 60,000 sq. km.", "Then they stopped."],
        ),
        (
            "ISIS is losing ground. Will that mean more attacks overseas?",
            ["ISIS is losing ground.", "Will that mean more attacks overseas?"],
        ),
        (
            "He said it. “Next we go.” Then silence.",
            ["He said it.", "“Next we go.”", "Then silence."],
        ),
        (
            "GOODLETTSVILLE, Tenn. (WKRN) – Police came.",
            ["GOODLETTSVILLE, Tenn. (WKRN) – Police came."],
        ),
        (
            "It happened at 7:45 p.m. Friday near the shop.",
            ["It happened at 7:45 p.m. Friday near the shop."],
        ),
        (
            "Change of strategy\n\nSince 2015 ISIS has lost 40%.",
            ["Change of strategy", "Since 2015 ISIS has lost 40%."],
        ),
        ("- first item here\n- second item here", ["first item here", "second item here"]),
        (
            "A wrapped line that goes\non here. Next one.",
            ["A wrapped line that goes\non here.", "Next one."],
        ),
        ("  \n\n  ", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "headings"),
    [
        ("Iraqi front\n\nThe army moved on Mosul.", ["Iraqi front"]),
        ("Select Page\nMedia ID: 55345953\nThe army moved.", ["Select Page", "Media ID: 55345953"]),
        ("ISIS is losing ground. Will that mean more?\n", []),
    ],
)
def test_headings(text: str, headings: list[str]) -> None:
    found = [text[block.start : block.end] for block in split_blocks(text) if block.heading]
    assert found == headings


def test_offsets_on_crlf_and_range() -> None:
    text = "Skip this.\r\nFirst one here. Second one.\r\n"
    start = text.index("First")
    spans = split_sentences(text, start)
    assert [text[a:b] for a, b in spans] == ["First one here.", "Second one."]


_MARKS = st.lists(
    st.sampled_from(["a", "U.S", ".", "..", "!", "?", "…", "”", '"', ")", "»", " ", "\n", "’"]),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(text=_MARKS, start=st.integers(0, 40), end=st.integers(0, 40))
def test_sentence_ends_are_those_of_one_search(text: str, start: int, end: int) -> None:
    lo, hi = sorted((min(start, len(text)), min(end, len(text))))
    expected = [match.span() for match in _END.finditer(text, lo, hi)]
    assert [match.span() for match in _ends(text, lo, hi)] == expected
