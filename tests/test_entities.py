"""Tests for the entity alias table and its index."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.aliases import DEFAULT_ENTITIES
from factcheck.entities import _NON_ASCII, EntityIndex, _non_ascii, find_names, name_key
from factcheck.model import Entity

INDEX = EntityIndex.build(DEFAULT_ENTITIES)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ISIS", "isis"),
        ("the Islamic State", "isis"),
        ("Daesh", "isis"),
        ("IS", "isis"),
        ("is", None),
        ("Bagdad", "baghdad"),
        ("Baji", "baiji"),
        ("the Pentagon", "pentagon"),
        ("Al- Hashimi", "hisham-al-hashimi"),
        ("al Kaim", "al-kaim"),
        ("Hezbolla", "hezbollah"),
        ("Fallujha", "fallujah"),
        ("J. M. Berger", "jm-berger"),
        ("Raqqā", "raqqa"),
        ("Parish", None),
        ("Syrians", None),
        ("analysts", None),
        ("", None),
    ],
)
def test_resolve(name: str, expected: str | None) -> None:
    assert INDEX.resolve(name) == expected


def test_fuzzy_resolves_a_misspelling_missing_from_the_table() -> None:
    index = EntityIndex.build([Entity("baghdad", ("Baghdad",), "place")])
    assert index.resolve("Bagdad") == "baghdad"
    text = "Fallujah (69 km west of Bagdad)"
    assert index.find(text) == [(text.index("Bagdad"), len(text) - 1, "baghdad")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("IS only controls a part", [("IS", "isis")]),
        ("this is what it is", []),
        ("Islamic State militants fled", [("Islamic State", "isis")]),
        ("the Caliphate troops", [("Caliphate", "isis")]),
        ("the northern Iraqi town of Sinjar", [("Iraqi", "iraq"), ("Sinjar", "sinjar")]),
        ("the Iraqi army and its allies", [("Iraqi army", "iraqi-forces")]),
        ("a turkey dinner in Turkey", [("Turkey", "turkey")]),
        ("said J.M. Berger, co-author", [("J.M. Berger", "jm-berger")]),
        ("Al- Hashimi also pointed out", [("Al- Hashimi", "hisham-al-hashimi")]),
        ("ISIS’s terrorist attacks", [("ISIS", "isis")]),
        ("the IS’ fortunes", [("IS", "isis")]),
        (
            "Kurdish People’s Protection Units (YPG)",
            [("Kurdish People’s Protection Units", "kurdish-forces"), ("YPG", "kurdish-forces")],
        ),
    ],
)
def test_find(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(text[a:b], entity) for a, b, entity in INDEX.find(text)] == expected


def test_find_offsets_respect_the_range() -> None:
    text = "Mosul fell. Later Raqqa fell."
    start = text.index("Later")
    assert INDEX.find(text, start) == [(text.index("Raqqa"), text.index("Raqqa") + 5, "raqqa")]


def test_later_entity_wins_a_shared_alias_and_ledger_table_replaces_default() -> None:
    index = EntityIndex.build([Entity("isis", ("Daesh",), "group"), Entity("other", ("Daesh",))])
    assert index.resolve("Daesh") == "other"
    assert index.resolve("Mosul") is None


def test_default_ids_are_lowercase_slugs_and_kinds_known() -> None:
    ids = [entity.id for entity in DEFAULT_ENTITIES]
    assert len(ids) == len(set(ids))
    for entity in DEFAULT_ENTITIES:
        assert entity.id == entity.id.lower() and " " not in entity.id
        assert entity.kind in {"group", "place", "person", "org"}


@pytest.mark.parametrize(
    ("name", "key"),
    [("The Washington Post", "washingtonpost"), ("Al-Kaim", "alkaim"), ("Raqqā", "raqqa")],
)
def test_name_key(name: str, key: str) -> None:
    assert name_key(name) == key


def test_find_names() -> None:
    text = "Syria analyst Fabrice Balanche said that Abu Mohamed al Adnani died."
    names = [name for _, _, name in find_names(text)]
    assert "Fabrice Balanche" in names
    assert "Abu Mohamed al Adnani" in names


_PIECES = st.sampled_from(
    [
        "Islamic",
        "State",
        "Islamic State",
        "IS",
        "is",
        "ISIS",
        "U.S.",
        "US",
        "Bagdad",
        "Baghdad",
        "Al-Kaim",
        "al Kaim",
        "Raqqā",
        "Kurdish People’s Protection Units",
        "Parish",
        "Mosul",
        "Hashimi",
        "İstanbul",
        "ſyria",
        "the",
        "x",
        "’",
        "'",
        "-",
        ".",
        " ",
        "  ",
        "\n",
        "\n\n",
    ]
)
_TEXTS = st.lists(_PIECES, max_size=25).map("".join)


@settings(max_examples=400, deadline=None)
@given(text=_TEXTS, cuts=st.lists(st.integers(0, 300), min_size=2, max_size=8))
def test_mentions_of_the_whole_text_give_each_window_what_find_gives(
    text: str, cuts: list[int]
) -> None:
    mentions = INDEX.mentions(text)
    points = sorted(min(cut, len(text)) for cut in cuts)
    for start, end in itertools.pairwise(points):
        assert mentions.within(start, end) == INDEX.find(text, start, end)


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ("Mosul fell to the Islamic State in June.", "Mosul fell to the Islamic"),
        ("They said ISIS. Later Bagdad.", "ISIS. Later Bagdad."),
        ("Forces of the Islamic\nState retreated.", "State retreated."),
    ],
)
def test_mentions_of_a_window_cut_inside_a_name(text: str, window: str) -> None:
    start = text.index(window)
    end = start + len(window)
    assert INDEX.mentions(text).within(start, end) == INDEX.find(text, start, end)


@pytest.mark.parametrize(
    "text",
    [
        "Bagdad and Bagdad again, then Bagdads.",
        "Mosul-Bagdad road, Bagdad.",
        "Bagdad-Bagdad, xBagdad, Bagdad’s.",
        "In Baghdad, Bagdad",
    ],
)
def test_mentions_find_each_misspelt_name_where_find_does(text: str) -> None:
    """Capitalised words resolved by spelling are placed as a word-by-word walk places them,
    also after a hyphen, where a word may continue the one before it."""
    found = INDEX.find(text)
    assert INDEX.mentions(text).within(0, len(text)) == found
    assert any(entity == "baghdad" for _, _, entity in found)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300) | st.text("ab’é—", max_size=300))
def test_characters_past_ascii_found_stretch_by_stretch(text: str) -> None:
    assert _non_ascii(text) == set(_NON_ASCII.findall(text))
