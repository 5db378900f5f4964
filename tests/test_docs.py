"""Every command is documented: listed in the README's command table, and its ``--help`` ends with
an example that names the command."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from factcheck.cli import build_parser

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    actions = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    (action,) = actions
    return dict(action.choices)


def test_there_are_commands_to_document() -> None:
    assert {"check", "extract", "match", "update", "review", "agreement"} <= set(subcommands())


@pytest.mark.parametrize("name", sorted(subcommands()))
def test_each_command_is_in_the_readme_and_its_help_has_an_example(name: str) -> None:
    assert f"| `factcheck {name}" in README, f"README's command table lacks factcheck {name}"
    text = subcommands()[name].format_help()
    example = text.split("example:", 1)[1].strip().splitlines()
    assert example and example[0].startswith(f"factcheck {name}"), text
