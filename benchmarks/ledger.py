"""Measures the ledger: ``factcheck --help`` start-up, ``factcheck check`` end to end on a
generated ledger of 10,000 claims and 10,000 pairs, and its parts (load with yaml_rs and with
PyYAML, checks, save). Prints a table; exits 1 if a target is missed.

The generated claims are not what the extractor would find in the generated articles, so the
check runs with ``--no-rerun``: every rule but the up-to-date one, whose cost is extraction and
matching and is measured on a real corpus by ``benchmarks/matching.py``.

Run: ``PYTHONPATH=. python benchmarks/ledger.py [--claims 10000] [--pairs 10000] [--runs 5]``
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck import check, corpus, schema, store, yamlio  # noqa: E402
from factcheck.model import (  # noqa: E402
    Claim,
    Ledger,
    Pair,
    Precision,
    Quantity,
    Relation,
    Review,
    Source,
    TimeSpan,
    Verdict,
)

HELP_TARGET = 0.200
CHECK_TARGET = 2.0
CLAIMS_PER_SOURCE = 20
OUTLETS = ("Example Times", "Daily Wire Service", "Le Monde Exemple", "The Gazette", "Post & Co")
SUBJECTS = ("Islamic State", "the coalition", "Assad’s forces", "Kurdish fighters", "officials")
NOUNS = ("fighters", "civilians", "sq km", "villages", "troops", "refugees", "strikes")
HEDGES = ("about", "over", "nearly", "at least", "")
MONTHS = ("January", "March", "June", "September", "November")


def generate(directory: Path, claims: int, pairs: int, seed: int = 7) -> Path:
    """Write articles and a consistent ledger of about ``claims`` claims and ``pairs`` pairs."""
    rng = random.Random(seed)
    articles_dir = directory / "articles"
    articles_dir.mkdir(parents=True)
    source_count = max(2, claims // CLAIMS_PER_SOURCE)
    jsonl_count = source_count // 5
    sources: list[Source] = []
    all_claims: list[Claim] = []
    jsonl_lines: list[str] = []
    for number in range(source_count):
        sentences = [_sentence(rng) for _ in range(CLAIMS_PER_SOURCE)]
        year = rng.choice((2015, 2016, 2017))
        published = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        outlet = rng.choice(OUTLETS)
        source_id = f"s{number:04d}"
        if number < jsonl_count:
            body = " ".join(sentence for sentence, _ in sentences)
            record = {"id": source_id, "text": body, "outlet": outlet, "published": published}
            jsonl_lines.append(json.dumps(record, ensure_ascii=False))
            text, rel, entry = body, "articles/wire.jsonl", source_id
        else:
            header = f"---\ntitle: Report {number}\noutlet: {outlet}\npublished: {published}\n---\n"
            text = header + "\n\n".join(sentence for sentence, _ in sentences) + "\n"
            rel, entry = f"articles/{source_id}.md", None
            (directory / rel).write_bytes(text.encode("utf-8"))
        sources.append(
            Source(
                id=source_id,
                path=rel,
                sha256=corpus.sha256(text.encode("utf-8")),
                entry=entry,
                outlet=outlet,
                published=published,
            )
        )
        offset = 0
        for index, (sentence, parts) in enumerate(sentences):
            start = text.index(sentence, offset)
            offset = start + len(sentence)
            all_claims.append(
                _claim(f"{source_id}-c{index:02d}", source_id, start, sentence, parts)
            )
    (articles_dir / "wire.jsonl").write_text("\n".join(jsonl_lines) + "\n", encoding="utf-8")
    all_pairs, reviews = _pairs(rng, all_claims, pairs)
    ledger = Ledger(
        sources=tuple(sources),
        claims=tuple(all_claims),
        pairs=tuple(all_pairs),
        reviews=tuple(reviews),
    )
    path = directory / "claims.yaml"
    store.save(path, ledger, expected_digest=None)
    return path


def _sentence(rng: random.Random) -> tuple[str, dict[str, object]]:
    hedge = rng.choice(HEDGES)
    amount = rng.randint(2, 900) * 100
    noun = rng.choice(NOUNS)
    quantity = f"{hedge} {amount:,} {noun}".strip()
    month = rng.choice(MONTHS)
    year = rng.choice((2014, 2015, 2016))
    when = f"in {month} {year}"
    subject = rng.choice(SUBJECTS)
    sentence = f"{subject} reported {quantity} {when}, according to local sources"
    parts = {"quantity": quantity, "amount": amount, "noun": noun, "hedge": hedge, "when": when}
    parts["month"] = MONTHS.index(month)
    parts["year"] = year
    return sentence, parts


def _claim(
    claim_id: str, source: str, start: int, sentence: str, parts: dict[str, object]
) -> Claim:
    quantity_text = str(parts["quantity"])
    quantity_start = start + sentence.index(quantity_text)
    amount = float(str(parts["amount"]))
    hedge = str(parts["hedge"]) or None
    quantity = Quantity(
        text=quantity_text,
        start=quantity_start,
        end=quantity_start + len(quantity_text),
        value=None if hedge in ("over", "at least") else amount,
        low=amount,
        high=None if hedge in ("over", "at least") else amount,
        unit="km2" if parts["noun"] == "sq km" else None,
        noun=str(parts["noun"]),
        approx=hedge in ("about", "nearly"),
        hedge=hedge,
    )
    when = str(parts["when"])
    time_start = start + sentence.index(when)
    month = (1, 3, 6, 9, 11)[int(str(parts["month"]))]
    time_span = TimeSpan(
        text=when,
        start=time_start,
        end=time_start + len(when),
        first=f"{parts['year']}-{month:02d}-01",
        last=f"{parts['year']}-{month:02d}-28",
        precision=Precision.MONTH,
    )
    return Claim(
        id=claim_id,
        source=source,
        start=start,
        end=start + len(sentence),
        text=sentence,
        subject=sentence.split(" reported ", maxsplit=1)[0],
        predicate="reported",
        time=time_span,
        quantities=(quantity,),
    )


def _pairs(rng: random.Random, claims: list[Claim], count: int) -> tuple[list[Pair], list[Review]]:
    pairs: list[Pair] = []
    reviews: list[Review] = []
    seen: set[frozenset[str]] = set()
    while len(pairs) < count:
        a, b = rng.sample(claims, 2)
        key = frozenset((a.id, b.id))
        if a.source == b.source or key in seen:
            continue
        seen.add(key)
        relation = rng.choice(list(Relation))
        pair = Pair(
            id=f"p{len(pairs):05d}",
            a=a.id,
            b=b.id,
            relation=relation,
            score=round(rng.uniform(0.4, 1.0), 3),
            reason=f"{a.quantities[0].text} vs {b.quantities[0].text}",
        )
        pairs.append(pair)
        if len(pairs) % 5 == 0:
            # Only unrelated verdicts: random agree/contradict verdicts would contradict each
            # other through the agree links, and the benchmark ledger must check clean.
            reviews.append(
                Review(
                    pair=pair.id,
                    reviewer=rng.choice(("alice", "bob", "carol")),
                    verdict=Verdict.UNRELATED,
                    timestamp=f"2024-05-{rng.randint(1, 28):02d}T10:{rng.randint(0, 59):02d}:00Z",
                )
            )
    return pairs, reviews


def timed(action: Callable[[], object], runs: int) -> float:
    """Median wall time of ``runs`` calls, in seconds."""
    times = []
    for _ in range(runs):
        begin = time.perf_counter()
        action()
        times.append(time.perf_counter() - begin)
    return statistics.median(times)


def command(*args: str) -> Callable[[], object]:
    """A factcheck subprocess run as CI would run it."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}

    def run() -> object:
        return subprocess.run(
            [sys.executable, "-m", "factcheck", *args], env=env, capture_output=True, check=False
        )

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--claims", type=int, default=10_000)
    parser.add_argument("--pairs", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    rows: list[tuple[str, float, str]] = []
    rows.append(("factcheck --help (subprocess)", timed(command("--help"), args.runs), "< 0.200"))
    with tempfile.TemporaryDirectory() as scratch:
        path = generate(Path(scratch), args.claims, args.pairs)
        result = subprocess.run(
            [sys.executable, "-m", "factcheck", "check", "--no-rerun", str(path)],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            print(result.stdout[-2000:], result.stderr[-2000:], file=sys.stderr)
            return 2
        text = path.read_text("utf-8")
        loaded = store.load(path)
        size = f"{len(text.encode('utf-8')) / 1e6:.1f} MB, {text.count(chr(10)):,} lines"
        rows.append(
            (
                "factcheck check --no-rerun (subprocess)",
                timed(command("check", "--no-rerun", str(path)), args.runs),
                "< 2.0",
            )
        )
        rows.append(
            (
                "  parse: yaml_rs (after the safety gate)",
                timed(lambda: yamlio.parse(text, "c"), args.runs),
                "",
            )
        )
        rows.append(
            (
                "  parse: PyYAML reference reader (libyaml)",
                timed(lambda: yamlio.parse_reference(text, "c"), args.runs),
                "",
            )
        )
        plain_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        rows.append(
            (
                "  parse: yaml.load with CSafeLoader (for scale)",
                timed(lambda: yaml.load(text, Loader=plain_loader), args.runs),
                "",
            )
        )
        data = yamlio.parse(text, "c")
        rows.append(
            ("  build dataclasses + validate", timed(lambda: schema.build(data), args.runs), "")
        )
        rows.append(
            (
                "  store.load (read, hash, parse, build)",
                timed(lambda: store.load(path), args.runs),
                "",
            )
        )
        rows.append(
            (
                "  run_checks (load + every rule)",
                timed(lambda: check.run_checks(path), args.runs),
                "",
            )
        )
        rows.append(("  store.dumps", timed(lambda: store.dumps(loaded.ledger), args.runs), ""))

        def save_again() -> None:
            current = store.load(path)
            store.save(path, current.ledger, expected_digest=current.digest)

        rows.append(
            ("  store.load + store.save (same bytes: no write)", timed(save_again, args.runs), "")
        )
    print(f"ledger: {args.claims:,} claims, {args.pairs:,} pairs, {size}; median of {args.runs}")
    print(f"{'step':<50} {'seconds':>8}  target")
    for name, seconds, target in rows:
        print(f"{name:<50} {seconds:>8.3f}  {target}")
    missed = rows[0][1] >= HELP_TARGET or rows[1][1] >= CHECK_TARGET
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
