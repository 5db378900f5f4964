"""Provides the ``factcheck`` command line: parse arguments, call the core, map errors to exit
codes.

Exit codes: 0 all good, 1 a check found problems, 2 bad input or usage, 130 interrupted (Ctrl-C),
143 terminated (SIGTERM).
Heavy modules (textual, rapidfuzz) are imported inside the command that needs them, so that
``factcheck --help`` and ``factcheck check`` start fast.
"""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, NoReturn

from factcheck import __version__
from factcheck.errors import FactcheckError

if TYPE_CHECKING:
    from factcheck.corpus import Corpus
    from factcheck.model import Entity, Source

DEFAULT_CLAIMS = "claims.yaml"
CACHE = ".factcheck"

Handler = Callable[[argparse.Namespace], int]


def run() -> NoReturn:
    """The ``factcheck`` program: :func:`main`, with SIGINT left to end the process silently
    outside it, while Python starts and exits, as SIGTERM does."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, signal.SIG_DFL)
    sys.exit(main())


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Handler | None = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    signals = _Signals()
    try:
        try:
            signals.install()
            code = _run(handler, args)
        finally:
            signals.restore()
    except KeyboardInterrupt as err:
        # A signal may land while the handlers are put back; the outer level still reports it.
        signals.restore()
        return _interrupted(signals.received or _signal_of(err))
    except Exception:
        # An extension module being imported as the signal lands (numpy's, for one) reports
        # the KeyboardInterrupt as an ImportError of its own; the signal is what happened.
        if signals.received is None:
            raise
        return _interrupted(signals.received)
    return code if signals.received is None else _interrupted(signals.received)


def _run(handler: Handler, args: argparse.Namespace) -> int:
    try:
        return handler(args)
    except FactcheckError as err:
        print(f"factcheck: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every ``finally`` runs and temporary files go."""


class _Signals:
    """Turns SIGINT into KeyboardInterrupt and SIGTERM into :class:`Terminated` while a command
    runs, and remembers which arrived, whatever exception it became on its way out.

    A signal is taken over only where its handling is the default: not off the main thread, nor
    when the caller ignores or handles it itself; its handler is put back afterwards.
    """

    def __init__(self) -> None:
        self.received: int | None = None
        self._installed: list[tuple[int, object]] = []

    def install(self) -> None:
        if threading.current_thread() is not threading.main_thread():
            return
        for signum, defaults in (
            (signal.SIGINT, (signal.default_int_handler, signal.SIG_DFL)),
            (signal.SIGTERM, (signal.SIG_DFL,)),
        ):
            before = signal.getsignal(signum)
            if any(before is default for default in defaults):
                self._installed.append((signum, before))
                signal.signal(signum, self._receive)

    def restore(self) -> None:
        while self._installed:
            signum, before = self._installed[-1]
            signal.signal(signum, before)  # type: ignore[arg-type]
            self._installed.pop()

    def _receive(self, signum: int, frame: FrameType | None) -> None:
        if self.received is None:
            self.received = signum
        raise Terminated if signum == signal.SIGTERM else KeyboardInterrupt


def _signal_of(err: KeyboardInterrupt) -> int:
    return signal.SIGTERM if isinstance(err, Terminated) else signal.SIGINT


def _interrupted(signum: int) -> int:
    """Report the signal that stopped the command; return 128 + its number."""
    # Files are saved by renaming a complete temporary file, so an interrupt leaves each one
    # whole: as it was, or fully written.
    what = "terminated" if signum == signal.SIGTERM else "interrupted"
    print(f"factcheck: {what}; no file was left half-written", file=sys.stderr)
    return 128 + signum


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
    check.add_argument(
        "--no-rerun",
        action="store_true",
        help="skip the up-to-date rule, which re-runs extraction and matching on the sources",
    )
    check.add_argument(
        "--no-cache",
        action="store_true",
        help=f"re-run the up-to-date rule even when {CACHE}/ remembers these inputs as clean",
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
    match.add_argument(
        "--suggest",
        type=float,
        default=None,
        metavar="N",
        help="lowest score (0-100) of a suggested pair (default: 40)",
    )
    match.add_argument(
        "--strong",
        type=float,
        default=None,
        metavar="N",
        help="score (0-100) from which a pair is a strong match (default: 60)",
    )

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
    from factcheck.check import Rule, render, run_checks

    path = Path(args.claims)
    extra: tuple[Rule, ...] = ()
    if not args.no_rerun:
        from factcheck.cleancache import remembered
        from factcheck.freshness import up_to_date

        extra = (up_to_date if args.no_cache else remembered(up_to_date, path.parent / CACHE),)
    findings = run_checks(path, strict=args.strict, extra=extra)
    sys.stdout.write(render(findings, args.format, str(path)))
    return 1 if findings else 0


def cmd_extract(args: argparse.Namespace) -> int:
    """Print the claims of the given articles."""

    from factcheck import jsonout
    from factcheck.claimtable import claims_table
    from factcheck.entities import EntityIndex
    from factcheck.extract import extract_claims
    from factcheck.jsonout import claim_to_json

    corpus, entities = _read_articles(args.claims, args.paths, root=Path.cwd())
    index = EntityIndex.build(entities)
    sources = {article.source.id: article.source for article in corpus.articles}
    claims = sorted(
        (claim for article in corpus.articles for claim in extract_claims(article, index)),
        key=lambda claim: claim.id,
    )
    if args.json:
        payload = {"claims": [claim_to_json(claim, sources[claim.source]) for claim in claims]}
        print(jsonout.dumps(payload))
    else:
        sys.stdout.write(claims_table(claims))
    return 0


def cmd_match(args: argparse.Namespace) -> int:
    """Print claims and suggested pairs of the given articles."""

    from factcheck import jsonout
    from factcheck.jsonout import claim_to_json
    from factcheck.match import DEFAULT_STRONG, DEFAULT_SUGGEST, check_thresholds, match_claims
    from factcheck.pairtable import pairs_table
    from factcheck.pipeline import extract_all

    suggest = DEFAULT_SUGGEST if args.suggest is None else args.suggest
    strong = DEFAULT_STRONG if args.strong is None else args.strong
    check_thresholds(suggest, strong)
    claims_path: Path = args.claims
    corpus, entities = _read_articles(claims_path, args.paths, root=claims_path.resolve().parent)
    sources = {article.source.id: article.source for article in corpus.articles}
    claims = sorted(extract_all(corpus.articles, entities), key=lambda claim: claim.id)
    pairs = match_claims(claims, sources, suggest=suggest, strong=strong, entities=entities)
    if args.json:
        payload = {
            "claims": [claim_to_json(claim, sources[claim.source]) for claim in claims],
            "pairs": [
                {
                    "id": pair.id,
                    "a": pair.a,
                    "b": pair.b,
                    "relation": str(pair.relation),
                    "score": pair.score,
                    "strong": pair.score >= strong,
                    "reason": pair.reason,
                }
                for pair in pairs
            ],
        }
        print(jsonout.dumps(payload))
    else:
        sys.stdout.write(pairs_table(pairs, claims, strong=strong))
    return 0


def _read_articles(
    claims_path: Path, paths: Sequence[Path], *, root: Path
) -> tuple[Corpus, tuple[Entity, ...]]:
    """The articles at ``paths`` and the alias table to read them with: the ledger's, whose
    sources also lend their metadata and whose directory is then the root, when it exists;
    otherwise the default table and ``root``. Warnings for unreadable articles go to stderr."""
    from factcheck.aliases import DEFAULT_ENTITIES
    from factcheck.corpus import read_corpus, recorded_sources

    entities = DEFAULT_ENTITIES
    known: dict[str, Source] = {}
    if claims_path.exists():
        from factcheck import store

        ledger = store.load(claims_path).ledger
        root = claims_path.resolve().parent
        entities = ledger.entities or DEFAULT_ENTITIES
        known = recorded_sources(ledger.sources)
    corpus = read_corpus(paths, root, known)
    for problem in corpus.problems:
        print(f"factcheck: warning: {problem}", file=sys.stderr)
    return corpus, entities


def cmd_update(args: argparse.Namespace) -> int:
    """Merge fresh claims and pairs into the ledger, merging again when it changed on disk."""
    from factcheck.progress import ProgressBar
    from factcheck.updating import Hooks, update_ledger

    claims_path: Path = args.claims
    with ProgressBar("extracting", sys.stderr) as bar:

        def warn(problem: str) -> None:
            bar.clear()
            print(f"factcheck: warning: {problem}", file=sys.stderr)

        def retrying() -> None:
            bar.clear()
            print(
                f"factcheck: {claims_path} changed on disk meanwhile; merging again",
                file=sys.stderr,
            )

        result = update_ledger(claims_path, args.paths, Hooks(warn, bar.update, retrying))
    if not result.saved:
        print(f"{claims_path}: up to date")
        return 0
    changes = result.changes
    print(f"{claims_path}: updated")
    for line in changes.summary():
        print(f"  {line}")
    for pair_id in changes.stale_pairs:
        print(f"  stale pair {pair_id}: its claims changed or disappeared; verdicts kept")
    for pair_id in changes.removed_pairs:
        print(f"  removed pair {pair_id}: no longer suggested and never reviewed")
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    """Open the review app; the reviewer defaults to git's user.name, then the login name."""
    import getpass
    import subprocess

    from factcheck.errors import UsageError

    reviewer = (args.reviewer or "").strip()
    if not reviewer:
        try:
            found = subprocess.run(
                ["git", "config", "user.name"],
                check=False,
                capture_output=True,
                text=True,
                timeout=5,
            )
            reviewer = found.stdout.strip() if found.returncode == 0 else ""
        except (OSError, subprocess.SubprocessError):
            reviewer = ""
    if not reviewer:
        try:
            reviewer = getpass.getuser()
        except (OSError, KeyError):
            reviewer = ""
    if not reviewer or any(ord(c) < 32 or ord(c) == 127 for c in reviewer):
        raise UsageError(
            "no usable reviewer name", hint="give one with --reviewer NAME (no control characters)"
        )
    from factcheck.tui.app import run_review

    return run_review(Path(args.claims), reviewer)


def cmd_agreement(args: argparse.Namespace) -> int:
    """Print per-reviewer counts and Cohen's kappa or Krippendorff's alpha."""
    from factcheck import store
    from factcheck.agreement import format_report, measure

    sys.stdout.write(format_report(measure(store.load(Path(args.claims)).ledger)))
    return 0


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
