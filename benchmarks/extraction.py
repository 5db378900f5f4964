"""Measures claim extraction: throughput on generated news-sized articles, start-up-inclusive time
of ``factcheck extract seeds/ --json``, killed/injured counts against the Gun Violence Archive
development split, and how much GVA page furniture slips through as claims.

Run from the repository root: ``python benchmarks/extraction.py [--articles 10000] [--jobs 2]``.
Speed is measured in one process, then through ``pipeline.extract_all`` with ``--jobs``
processes: this one and forked helpers, each extracting whole articles, the helpers sending their
claims back. Prints tables; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from factcheck.aliases import DEFAULT_ENTITIES  # noqa: E402
from factcheck.entities import EntityIndex  # noqa: E402
from factcheck.extract import extract_claims, is_age  # noqa: E402
from factcheck.furniture import is_furniture  # noqa: E402
from factcheck.model import Article, Claim, Source  # noqa: E402
from factcheck.pipeline import extract_all  # noqa: E402
from factcheck.sentences import split_sentences  # noqa: E402

GVA = ROOT.parent / "shared" / "benchmarks" / "gva-dev" / "incidents.jsonl"
ARTICLES = 10_000
SEED = 20151120
PEOPLE = re.compile(
    r"people|persons?|others?|men|women|man|woman|boys?|girls?|teens?|teenagers?|victims?|"
    r"children|child|kids?|adults?|students?|officers?|toddlers?|infants?|babies|baby|suspects?|"
    r"individuals?|customers?|bystanders?|residents?|members?",
    re.IGNORECASE,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=ARTICLES, help="generated articles")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the second run")
    args = parser.parse_args()
    index = EntityIndex.build(DEFAULT_ENTITIES)
    gva = _gva_articles()
    _speed(index, gva, args.articles, args.jobs)
    _cli_time()
    if gva:
        _gva_counts(index, gva)
        _furniture_sample(index, gva)
    else:
        print(f"\nGVA split not found at {GVA}; skipped its tables")


def _sentence_pool(gva: list[tuple[dict[str, object], Article]]) -> list[str]:
    pool: list[str] = []
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        pool.extend(text[a:b] for a, b in split_sentences(text))
    for _, article in gva[:150]:
        text = article.text
        pool.extend(text[a:b] for a, b in split_sentences(text))
    return pool


def _generate(gva: list[tuple[dict[str, object], Article]], count: int) -> list[Article]:
    pool = _sentence_pool(gva)
    rng = random.Random(SEED)
    number = re.compile(r"\d[\d,.]*")
    articles = []
    for serial in range(count):
        size = rng.randint(3000, 5000)
        parts: list[str] = []
        length = 0
        while length < size:
            sentence = number.sub(lambda _: str(rng.randint(2, 90_000)), rng.choice(pool))
            parts.append(sentence)
            length += len(sentence) + 1
            if rng.random() < 0.25:
                parts.append("\n\n")
        text = " ".join(parts)
        source = Source(id=f"gen{serial:05d}", path="gen.jsonl", sha256="", published="2015-11-20")
        articles.append(Article(source, text))
    return articles


def _speed(
    index: EntityIndex, gva: list[tuple[dict[str, object], Article]], count: int, jobs: int
) -> None:
    articles = _generate(gva, count)
    megabytes = sum(len(article.text.encode("utf-8")) for article in articles) / 1e6
    print("## Extraction speed (generated articles)\n")
    print("| processes | articles | MB | claims | seconds | MB/s | same claims as 1 process |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    reference: list[Claim] = []
    for processes in sorted({1, max(1, jobs)}):
        began = time.perf_counter()
        if processes == 1:
            claims = [claim for article in articles for claim in extract_claims(article, index)]
            reference = claims
        else:
            claims = extract_all(articles, DEFAULT_ENTITIES, jobs=processes)
        elapsed = time.perf_counter() - began
        same = "yes" if claims == reference else "NO"
        print(
            f"| {processes} | {count} | {megabytes:.1f} | {len(claims)} | {elapsed:.2f} "
            f"| {megabytes / elapsed:.2f} | {same} |"
        )


def _cli_time() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-m", "factcheck", "extract", "seeds/", "--json"]
    runs = []
    for _ in range(5):
        began = time.perf_counter()
        subprocess.run(command, cwd=ROOT, env=env, check=True, capture_output=True)
        runs.append(time.perf_counter() - began)
    print("\n## `factcheck extract seeds/ --json`, end to end\n")
    print("| runs | best s | median s |")
    print("| ---: | ---: | ---: |")
    print(f"| {len(runs)} | {min(runs):.3f} | {sorted(runs)[len(runs) // 2]:.3f} |")


def _gva_articles() -> list[tuple[dict[str, object], Article]]:
    if not GVA.exists():
        return []
    found = []
    for line in GVA.read_text(encoding="utf-8").splitlines():
        incident = json.loads(line)
        for entry in incident["articles"]:
            published = entry.get("date") or None
            source = Source(id=entry["id"], path="gva", sha256="", published=published)
            found.append((incident, Article(source, entry["text"])))
    return found


def stated_count(text: str, claims: list[Claim], predicate: str) -> int | None:
    """The largest number of people an article says were ``predicate``, or ``None`` when no
    claim states it. A claim with that predicate but no count of people counts as one."""
    best: int | None = None
    for claim in claims:
        if claim.predicate != predicate:
            continue
        counts = [
            quantity
            for quantity in claim.quantities
            if quantity.unit is None
            and quantity.value is not None
            and not is_age(text, quantity)
            and (quantity.noun is None or PEOPLE.fullmatch(quantity.noun.split()[-1]))
            and quantity.value < 1000
        ]
        value = int(max(quantity.value or 0 for quantity in counts)) if counts else 1
        best = value if best is None else max(best, value)
    return best


def _gva_counts(index: EntityIndex, gva: list[tuple[dict[str, object], Article]]) -> None:
    rows = {"killed": [0, 0, 0], "injured": [0, 0, 0]}
    for incident, article in gva:
        claims = extract_claims(article, index)
        for predicate, gold_key in (("killed", "killed"), ("injured", "injured")):
            row = rows[predicate]
            row[0] += 1
            stated = stated_count(article.text, claims, predicate)
            if stated is None:
                continue
            row[1] += 1
            row[2] += stated == incident[gold_key]
    print("\n## GVA development split: counts against the incident's gold figures\n")
    print("| count | articles | articles stating it | correct | share correct |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for predicate, (articles, stating, correct) in rows.items():
        share = correct / stating if stating else 0.0
        print(f"| {predicate} | {articles} | {stating} | {correct} | {share:.1%} |")


def _furniture_sample(index: EntityIndex, gva: list[tuple[dict[str, object], Article]]) -> None:
    rng = random.Random(SEED)
    sample = rng.sample(gva, min(60, len(gva)))
    claims = [claim for _, article in sample for claim in extract_claims(article, index)]
    slipped = [claim for claim in claims if _looks_like_furniture(claim.text)]
    print("\n## GVA furniture check (60 random articles)\n")
    print("| claims | look like furniture | share |")
    print("| ---: | ---: | ---: |")
    share = len(slipped) / len(claims) if claims else 0.0
    print(f"| {len(claims)} | {len(slipped)} | {share:.1%} |")
    for claim in slipped[:15]:
        print(f"- {claim.text[:100]!r}")


_SUSPECT = re.compile(
    r"\b(?:copyright|reserved|javascript|click|subscribe|newsletter|share|follow|photo|video"
    r"|updated|posted|published|advertisement|related|read more|e-?mail|twitter|facebook)\b",
    re.IGNORECASE,
)


def _looks_like_furniture(text: str) -> bool:
    return is_furniture(text) or bool(_SUSPECT.search(text))


if __name__ == "__main__":
    main()
