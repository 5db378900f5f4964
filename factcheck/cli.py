"""Provides the ``factcheck`` command line: parse arguments, call the core, map errors to exit
codes.

Exit codes: 0 all good, 1 a check found problems, 2 bad input or usage, 130 interrupted.
Heavy modules (textual, rapidfuzz) are imported inside the command that needs them, so that
``factcheck --help`` and ``factcheck check`` start fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from factcheck import __version__
from factcheck.errors import FactcheckError

DEFAULT_CLAIMS = "claims.yaml"

Handler = Callable[[argparse.Namespace], int]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return handler(args)
    except FactcheckError as err:
        print(f"factcheck: error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("factcheck: interrupted; claims.yaml is unchanged", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


def build_parser() -> argparse.ArgumentParser:
    """Build the argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="factcheck",
        description="Compare what several news articles say: extract claims, normalise their "
        "numbers and dates, pair the same claim across outlets, and review the pairs.",
        epilog="Run 'factcheck COMMAND --help' for a command's options and an example.",
    )
    parser.add_argument("--version", action="version", version=f"factcheck {__version__}")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    check = _command(
        commands,
        "check",
        cmd_check,
        "verify claims.yaml against its articles (the CI gate)",
        "factcheck check claims.yaml --format github",
    )
    check.add_argument("claims", nargs="?", default=DEFAULT_CLAIMS, help="the ledger to check")
    check.add_argument(
        "--format", choices=("text", "json", "github"), default="text", help="report format"
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help="also fail while a suggested contradiction has no verdict",
    )

    extract = _command(
        commands,
        "extract",
        cmd_extract,
        "list the claims in articles, normalised",
        "factcheck extract seeds/ --json",
    )
    extract.add_argument("paths", nargs="+", type=Path, help="articles, directories or JSONL")
    _claims_option(extract)
    extract.add_argument("--json", action="store_true", help='print {"claims": [...]} as JSON')

    match = _command(
        commands,
        "match",
        cmd_match,
        "pair the same claim across sources and compare each pair",
        "factcheck match seeds/ --json",
    )
    match.add_argument("paths", nargs="+", type=Path, help="articles, directories or JSONL")
    _claims_option(match)
    match.add_argument("--json", action="store_true", help='print {"claims", "pairs"} as JSON')

    update = _command(
        commands,
        "update",
        cmd_update,
        "extract, match and merge into claims.yaml, keeping verdicts",
        "factcheck update seeds/",
    )
    update.add_argument("paths", nargs="*", type=Path, help="sources (default: the ledger's)")
    _claims_option(update)

    review = _command(
        commands,
        "review",
        cmd_review,
        "adjudicate the suggested pairs in a terminal app",
        "factcheck review claims.yaml --reviewer alice",
    )
    review.add_argument("claims", nargs="?", default=DEFAULT_CLAIMS, help="the ledger to review")
    review.add_argument("--reviewer", help="your name (default: git user.name, then login)")

    agreement = _command(
        commands,
        "agreement",
        cmd_agreement,
        "per-reviewer counts and inter-annotator agreement",
        "factcheck agreement claims.yaml",
    )
    agreement.add_argument("claims", nargs="?", default=DEFAULT_CLAIMS, help="the ledger")
    return parser


def cmd_check(args: argparse.Namespace) -> int:
    """Check the ledger; 0 consistent, 1 findings."""
    raise FactcheckError("check is not available in this build")


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the claims of the given articles."""
    raise FactcheckError("extract is not available in this build")


def cmd_match(args: argparse.Namespace) -> int:
    """Print claims and suggested pairs of the given articles."""
    raise FactcheckError("match is not available in this build")


def cmd_update(args: argparse.Namespace) -> int:
    """Merge fresh claims and pairs into the ledger."""
    raise FactcheckError("update is not available in this build")


def cmd_review(args: argparse.Namespace) -> int:
    """Open the review app."""
    raise FactcheckError("review is not available in this build")


def cmd_agreement(args: argparse.Namespace) -> int:
    """Print reviewer agreement."""
    raise FactcheckError("agreement is not available in this build")


def _command(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    name: str,
    handler: Handler,
    summary: str,
    example: str,
) -> argparse.ArgumentParser:
    sub = commands.add_parser(
        name,
        help=summary,
        description=summary[0].upper() + summary[1:] + ".",
        epilog=f"example:\n  {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    sub.set_defaults(handler=handler)
    return sub


def _claims_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--claims",
        type=Path,
        default=Path(DEFAULT_CLAIMS),
        help="the ledger whose entity aliases and source metadata to use (default: claims.yaml)",
    )
