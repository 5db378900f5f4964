"""Tests for finding many words in one text together."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.wordscan import Vocabulary, WordScan

_WORDS = ["share", "sha", "sh", "said", "copyright", "©", "(@", "@", "a ", "www.", "\ud800x1"]
_VOCABULARY = Vocabulary(_WORDS)
_TEXT = st.text() | st.lists(
    st.sampled_from([*_WORDS, "s", "h", "ar", "e", " ", "é", "’", "\ud800", "x", "\n"]),
    max_size=40,
).map("".join)


def _by_find(text: str, words: list[str]) -> list[tuple[int, str]]:
    found = []
    for word in dict.fromkeys(words):
        at = text.find(word)
        while at >= 0:
            found.append((at, word))
            at = text.find(word, at + 1)
    return sorted(found)


@settings(max_examples=400, deadline=None)
@given(_TEXT)
def test_words_found_together_as_one_by_one(text: str) -> None:
    assert WordScan(text).places(_VOCABULARY) == _by_find(text, _WORDS)
