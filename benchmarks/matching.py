"""Measures the matcher: "same claim" quality on MRPC sentence pairs against two baselines,
pairing and relations on Gun Violence Archive incidents, speed, memory and blocking recall on
generated claims, and ``factcheck update`` end to end on a generated corpus of articles.

Scale rows give wall time and CPU time (the matcher's own process and its forked workers) and
two peaks: the matcher's process and its largest worker (``ru_maxrss`` of each; the workers
share the claims they inherit until they touch them, and each ``ru_maxrss`` counts those shared
pages in full); and the peak of the summed proportional set size (PSS, each shared page split
among the processes that map it) of the process and its workers, sampled every 50 ms. Reading
PSS makes the kernel walk every page of each process, which at a million claims costs some 20 s
of CPU and slows the run, so each size runs twice: timed without sampling, then sampled.

Run from the repository root: ``python benchmarks/matching.py [--quick]`` (``--quick`` skips the
million-claim run). Prints one table; asserts nothing. See the ``matching.py`` section of
``benchmarks/README.md`` for what each row means.
"""

from __future__ import annotations

import argparse
import bisect
import csv
import itertools
import json
import math
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from factcheck import store  # noqa: E402
from factcheck.aliases import DEFAULT_ENTITIES  # noqa: E402
from factcheck.entities import EntityIndex  # noqa: E402
from factcheck.extract import extract_claims  # noqa: E402
from factcheck.features import Lexicon  # noqa: E402
from factcheck.match import (  # noqa: E402
    DEFAULT_STRONG,
    DEFAULT_SUGGEST,
    blocked_pairs,
    exhaustive_pairs,
    group_numbers,
    match_claims,
)
from factcheck.model import (  # noqa: E402
    Article,
    Claim,
    Entity,
    Pair,
    Precision,
    Quantity,
    Relation,
    Source,
    TimeSpan,
)
from factcheck.sentences import split_sentences  # noqa: E402
from factcheck.signature import signatures  # noqa: E402

SHARED = ROOT.parent / "shared" / "benchmarks"
MRPC = SHARED / "mrpc-numeric" / "msr_paraphrase_test.numeric-sample.tsv"
GVA = SHARED / "gva-dev" / "incidents.jsonl"
SIZES = (10_000, 100_000, 1_000_000)
SAMPLE = 20_000
SWEEP = (30.0, 35.0, 40.0, 45.0, 50.0, 60.0)

Row = tuple[str, str, str]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="skip the million-claim run")
    parser.add_argument("--scale-child", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--sample-memory", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.scale_child:
        print(json.dumps(scale_child(args.scale_child, sample=args.sample_memory)))
        return
    rows: list[Row] = []
    rows += mrpc_rows()
    rows += gva_rows()
    rows += scale_rows(SIZES[:2] if args.quick else SIZES)
    rows += recall_rows()
    rows += update_rows()
    print_table(rows)


# MRPC: every sentence a one-sentence article of its own outlet, without a publication date.


def mrpc_rows() -> list[Row]:
    if not MRPC.exists():
        return [("mrpc", "skipped", f"{MRPC} not found")]
    with MRPC.open(encoding="utf-8") as handle:
        rows = list(csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]
    labels = [row[0] == "1" for row in rows]
    index = EntityIndex.build(DEFAULT_ENTITIES)
    extracted: list[Claim] = []
    whole: list[Claim] = []
    sources: dict[str, Source] = {}
    for number, row in enumerate(rows):
        for side, text in (("a", row[3]), ("b", row[4])):
            source = Source(id=f"mrpc{number:03d}{side}", path="", sha256="")
            sources[source.id] = source
            found = extract_claims(Article(source, text), index)
            extracted += found
            whole.append(sentence_claim(source, text, found))
    out: list[Row] = []
    for name, claims in (("matcher (a claim per sentence)", whole), ("extract + match", extracted)):
        scores = best_pair_scores(claims, sources, len(rows))
        predicted = [score >= DEFAULT_SUGGEST for score in scores]
        out.append(("mrpc", f"{name}, suggest {DEFAULT_SUGGEST:g}", quality(predicted, labels)))
        if name.startswith("matcher"):
            sweep = ", ".join(
                f"{cut:g}: {f1(predicted, labels):.3f}/{accuracy(predicted, labels):.3f}"
                for cut in SWEEP
                for predicted in [[score >= cut for score in scores]]
            )
            out.append(("mrpc", "matcher F1/accuracy by suggest", sweep))
    out.append(("mrpc", "baseline: always same", quality([True] * len(labels), labels)))
    ratios = [fuzz.ratio(row[3], row[4]) for row in rows]
    best = max(range(101), key=lambda cut: (f1([r >= cut for r in ratios], labels), -cut))
    predicted = [ratio >= best for ratio in ratios]
    out.append(("mrpc", f"baseline: fuzz.ratio >= {best} (best F1)", quality(predicted, labels)))
    return out


def sentence_claim(source: Source, text: str, found: Sequence[Claim]) -> Claim:
    """The whole sentence as one claim, with the structure the extractor found in it."""
    first = found[0] if found else None
    return Claim(
        id=f"{source.id}:0",
        source=source.id,
        start=0,
        end=len(text),
        text=text,
        subject=first.subject if first else None,
        predicate=first.predicate if first else None,
        scope=first.scope if first else None,
        time=first.time if first else None,
        quantities=tuple(q for claim in found for q in claim.quantities),
        entities=tuple(sorted({e for claim in found for e in claim.entities})),
    )


def best_pair_scores(claims: list[Claim], sources: dict[str, Source], count: int) -> list[float]:
    """For each sentence pair, the best score of a pair between its two sentences (-1: none)."""
    best = [-1.0] * count
    for pair in match_claims(claims, sources, suggest=min(SWEEP), strong=100.0):
        a, b = pair.a.split(":")[0], pair.b.split(":")[0]
        if a[:-1] == b[:-1]:
            number = int(a[4:-1])
            best[number] = max(best[number], pair.score)
    return best


def quality(predicted: Sequence[bool], labels: Sequence[bool]) -> str:
    hits = sum(p and label for p, label in zip(predicted, labels, strict=True))
    precision = hits / max(sum(predicted), 1)
    recall = hits / max(sum(labels), 1)
    return (
        f"P {precision:.3f}  R {recall:.3f}  F1 {f1(predicted, labels):.3f}  "
        f"acc {accuracy(predicted, labels):.3f}"
    )


def f1(predicted: Sequence[bool], labels: Sequence[bool]) -> float:
    hits = sum(p and label for p, label in zip(predicted, labels, strict=True))
    return 2 * hits / max(sum(predicted) + sum(labels), 1)


def accuracy(predicted: Sequence[bool], labels: Sequence[bool]) -> float:
    right = sum(p == label for p, label in zip(predicted, labels, strict=True))
    return right / len(labels)


# GVA: each incident's articles matched together, as one story would be.


def gva_rows() -> list[Row]:
    if not GVA.exists():
        return [("gva", "skipped", f"{GVA} not found")]
    index = EntityIndex.build(DEFAULT_ENTITIES)
    tallies = {measure: [0, 0, 0] for measure in ("killed", "injured")}
    with GVA.open(encoding="utf-8") as handle:
        incidents = [json.loads(line) for line in handle]
    for incident in incidents:
        claims: list[Claim] = []
        sources: dict[str, Source] = {}
        for article in incident["articles"]:
            published = (article.get("date") or "")[:10] or None
            source = Source(id=article["id"], path="", sha256="", published=published)
            sources[source.id] = source
            claims += extract_claims(Article(source, article["text"]), index)
        pairs = match_claims(claims, sources)
        for measure, tally in tallies.items():
            counted = gva_incident(claims, pairs, measure)
            for place in range(3):
                tally[place] += counted[place]
    rows = []
    for measure, (total, paired, right) in tallies.items():
        rows.append(
            (
                "gva",
                f"{measure}: article pairs that both state a count",
                f"{total}; paired {paired / max(total, 1):.1%}; relation right "
                f"{right / max(total, 1):.1%} ({right} of {paired} paired)",
            )
        )
    return rows


def gva_incident(claims: list[Claim], pairs: list[Pair], measure: str) -> tuple[int, int, int]:
    """Article pairs of one incident that both state a count of ``measure``, how many were
    paired (some claim of one with some claim of the other), and how many of those got the
    right relation for their best pair (agree when the counts are equal, else contradict or
    changed)."""
    counting = defaultdict(list)
    for claim in claims:
        if claim.predicate == measure and count_of(claim) is not None:
            counting[claim.source].append(claim.id)
    by_id = {claim.id: claim for claim in claims}
    best: dict[tuple[str, str], Pair] = {}
    for pair in pairs:
        key = (pair.a, pair.b)
        if by_id[pair.a].source != by_id[pair.b].source:
            best[key] = pair
    total = paired = right = 0
    for first, second in itertools.combinations(sorted(counting), 2):
        total += 1
        found = [
            best[key]
            for a in counting[first]
            for b in counting[second]
            if (key := (min(a, b), max(a, b))) in best
        ]
        if not found:
            continue
        paired += 1
        pair = max(found, key=lambda item: item.score)
        equal = count_of(by_id[pair.a]) == count_of(by_id[pair.b])
        expected = {Relation.AGREE} if equal else {Relation.CONTRADICT, Relation.CHANGED}
        right += pair.relation in expected
    return total, paired, right


def count_of(claim: Claim) -> float | None:
    for quantity in claim.quantities:
        if quantity.unit is None and quantity.value is not None:
            return quantity.value
    return None


# Scale: generated claims with the skew of news (a few entities in most claims).

HOT = (("isis", "Islamic State", "group"), ("united-states", "United States", "group"))
COUNTRIES = (("iraq", "Iraq"), ("syria", "Syria"), ("turkey", "Turkey"), ("russia", "Russia"))
VERBS = {
    "territory lost": ("lost", "has lost", "gave up", "was driven out of", "ceded"),
    "captured": ("seized", "captured", "took", "overran", "conquered"),
    "killed": ("killed", "left dead", "slew", "claimed the lives of"),
    "injured": ("injured", "wounded", "hurt"),
    "troops": ("has", "fields", "counts", "numbers"),
    "attacked": ("attacked", "struck", "bombed", "hit"),
    "arrested": ("arrested", "detained", "charged"),
    "territory held": ("controls", "holds", "rules"),
    "raised": ("raised", "earned", "collected"),
    "recruited": ("recruited", "enlisted", "drew in"),
}
NOUNS = [
    "fighters",
    "civilians",
    "people",
    "soldiers",
    "villages",
    "towns",
    "wells",
    "barrels",
    "dollars",
    "checkpoints",
    "vehicles",
    "tanks",
    "recruits",
    "refugees",
    "schools",
    "hospitals",
    "bridges",
    "roads",
    "weapons",
    "airstrikes",
    "sorties",
    "prisoners",
]
ATTRIBUTIONS = (
    "officials said",
    "according to analysts",
    "a monitoring group reported",
    "the ministry said",
    "commanders told reporters",
    "local sources said",
    "a spokesman confirmed",
    "witnesses said",
)
HEDGES = ("about", "around", "nearly", "some", "approximately", "more than", "at least")
SYLLABLES = [
    "ka",
    "ra",
    "ba",
    "ta",
    "sa",
    "ma",
    "la",
    "na",
    "da",
    "ha",
    "za",
    "ya",
    "qa",
    "fa",
    "ja",
    "wa",
    "ki",
    "ri",
    "bi",
    "ti",
    "si",
    "mi",
    "li",
    "ni",
    "di",
    "hi",
]
MONTHS = "January February March April May June July August September October November December"


def generate(count: int, seed: int = 7) -> tuple[list[Claim], dict[str, Source], list[Entity]]:
    """``count`` claims of events each reported by one to eight sources in varied words: Zipf
    skew over groups, places, nouns, predicates and vocabulary; numbers and dates varied."""
    rng = random.Random(seed)
    names = {key: name for key, name, _ in HOT} | dict(COUNTRIES)
    kinds = {key: kind for key, _, kind in HOT} | {key: "place" for key, _ in COUNTRIES}
    taken = set(names.values())

    def fresh(words: int, kind: str) -> str:
        while True:
            name = " ".join(word(rng).capitalize() for _ in range(words))
            if name not in taken:
                taken.add(name)
                key = name.lower().replace(" ", "-")
                names[key], kinds[key] = name, kind
                return key

    places = [fresh(rng.choice((1, 1, 2)), "place") for _ in range(max(100, count // 5))]
    groups = [key for key, _, _ in HOT] + [fresh(2, "group") for _ in range(max(20, count // 500))]
    # Vocabulary grows with the corpus, as in real news (Heaps' law).
    vocabulary = sorted({word(rng, 5) for _ in range(int(40 * math.sqrt(count)))})
    pick_place, pick_group = zipf(places, 1.0), zipf(groups, 1.2)
    pick_word, pick_noun, pick_verb = (
        zipf(vocabulary, 1.0),
        zipf(NOUNS, 0.9),
        zipf(list(VERBS), 0.8),
    )
    sources = {
        f"s{n:07d}": Source(
            id=f"s{n:07d}", path="", sha256="", published=f"{2012 + n % 8}-{1 + n % 12:02d}"
        )
        for n in range(max(2, count // 20))
    }
    source_ids = list(sources)
    claims: list[Claim] = []
    writer = Writer(rng, names, pick_word)
    while len(claims) < count:
        subject, predicate = pick_group(rng), pick_verb(rng)
        place, country, noun = pick_place(rng), rng.choice(COUNTRIES)[0], pick_noun(rng)
        details = [pick_word(rng) for _ in range(rng.randint(3, 6))]
        share = predicate.startswith("territory")
        value = float(
            rng.randint(2, 90)
            if share
            else rng.choice((rng.randint(2, 99), rng.randint(100, 99999)))
        )
        year, month = rng.randint(2011, 2019), rng.randint(1, 12)
        for _ in range(min(1 + int(rng.expovariate(0.7)), 8)):
            if len(claims) >= count:
                break
            source = rng.choice(source_ids)
            event = Event(subject, predicate, place, country, noun, details, value, share)
            claims.append(writer.report(f"{source}:{len(claims):07d}", source, event, year, month))
    entities = [
        Entity(id=key, aliases=(name,), kind=kinds[key]) for key, name in sorted(names.items())
    ]
    return claims, sources, entities


@dataclass(frozen=True)
class Event:
    """What several sources report: who did what where, with which details and number."""

    subject: str
    predicate: str
    place: str
    country: str
    noun: str
    details: list[str]
    value: float
    share: bool


@dataclass
class Writer:
    """Words one source's report of an event; shares equal times between claims."""

    rng: random.Random
    names: dict[str, str]
    pick_word: Callable[[random.Random], str]
    spans: dict[tuple[int, int], TimeSpan] = field(default_factory=dict)

    def report(self, claim_id: str, source: str, event: Event, year: int, month: int) -> Claim:
        """Its own filler and attribution, maybe a hedge, a differing number, no date."""
        rng = self.rng
        shown = event.value
        if rng.random() >= 0.8:
            shown = float(round(event.value * rng.uniform(0.6, 1.4)))
        hedge = rng.choice(HEDGES) if rng.random() < 0.4 else None
        bound = hedge in ("more than", "at least")
        number = f"{shown:,.0f}{'%' if event.share else ''}"
        amount = f"{hedge} {number}" if hedge else number
        dated = rng.random() < 0.6
        words = rng.sample(event.details, k=max(2, len(event.details) - rng.randint(0, 2)))
        words += [self.pick_word(rng) for _ in range(rng.randint(2, 7))]
        rng.shuffle(words)
        cut = rng.randint(0, len(words))
        what = f"{amount} of its territory" if event.share else f"{amount} {event.noun}"
        who = self.names[event.subject] if rng.random() < 0.85 else "the group"
        when = f" in {MONTHS.split()[month - 1]} {year}" if dated else ""
        text = " ".join(
            f"{' '.join(words[:cut]).capitalize()} {who} {rng.choice(VERBS[event.predicate])} "
            f"{what} in {self.names[event.place]}, {self.names[event.country]}, "
            f"{' '.join(words[cut:])}{when}, {rng.choice(ATTRIBUTIONS)}.".split()
        )
        start = text.find(number)
        quantity = Quantity(
            text=amount,
            start=start,
            end=start + len(number),
            value=None if bound else shown,
            low=shown,
            high=None if bound else shown,
            unit="%" if event.share else None,
            noun=None if event.share else event.noun,
            approx=hedge is not None and not bound,
            hedge=hedge,
        )
        return Claim(
            id=claim_id,
            source=source,
            start=0,
            end=len(text),
            text=text,
            subject=event.subject,
            predicate=event.predicate,
            scope=event.place,
            time=self.span(year, month) if dated else None,
            quantities=(quantity,),
            entities=tuple(sorted({event.subject, event.place, event.country})),
        )

    def span(self, year: int, month: int) -> TimeSpan:
        known = self.spans.get((year, month))
        if known is None:
            text = f"in {MONTHS.split()[month - 1]} {year}"
            first, last = f"{year}-{month:02d}-01", f"{year}-{month:02d}-28"
            known = self.spans[(year, month)] = TimeSpan(
                text, 0, len(text), first, last, Precision.MONTH
            )
        return known


def word(rng: random.Random, longest: int = 4) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, longest)))


def zipf(items: Sequence[str], exponent: float) -> Callable[[random.Random], str]:
    weights = list(itertools.accumulate(1.0 / rank**exponent for rank in range(1, len(items) + 1)))

    def pick(rng: random.Random) -> str:
        return items[bisect.bisect_left(weights, rng.random() * weights[-1])]

    return pick


def scale_child(count: int, *, sample: bool) -> dict[str, float]:
    """``match_claims`` on ``count`` generated claims: its time, its peaks of RSS and, when
    ``sample``, of PSS (whose sampling slows the run, so times come from runs without it)."""
    claims, sources, entities = generate(count)
    started, before = time.perf_counter(), cpu_seconds()
    with PssPeak(enabled=sample) as pss:
        pairs = match_claims(claims, sources, entities=entities)
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "claims": count,
        "seconds": seconds,
        "cpu_seconds": cpu_seconds() - before,
        "peak_mib": peak,
        "worker_mib": worker,
        "pss_mib": pss.peak / 1024,
        "pairs": len(pairs),
    }


class PssPeak:
    """The peak, in KiB, of the summed PSS of this process and its descendants, sampled every
    ``interval`` seconds by a thread while the ``with`` block runs (0 where ``/proc`` has no
    ``smaps_rollup``). PSS splits each page among the processes that map it, so the pages a
    forked worker still shares with its parent count once in the sum, not once per process."""

    def __init__(self, interval: float = 0.05, *, enabled: bool = True) -> None:
        self.interval = interval
        self.enabled = enabled
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> PssPeak:
        if self.enabled:
            self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        if self.enabled:
            self._stop.set()
            self._thread.join()

    def _sample(self) -> None:
        while True:
            self.peak = max(self.peak, sum(map(pss_kib, family(os.getpid()))))
            if self._stop.wait(self.interval):
                return


def family(pid: int) -> list[int]:
    """``pid`` and its descendants (children of any of their threads), as ``/proc`` lists them."""
    found, pending = [], [pid]
    while pending:
        current = pending.pop()
        found.append(current)
        for children in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                pending += [int(child) for child in children.read_text().split()]
            except OSError:
                continue
    return found


def pss_kib(pid: int) -> int:
    """The proportional set size of process ``pid`` in KiB (0 once it has ended)."""
    try:
        rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
    return int(found.group(1)) if found else 0


def cpu_seconds() -> float:
    """User and system time of this process and its finished workers."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def scale_rows(sizes: Sequence[int]) -> list[Row]:
    runs = []
    for count in sizes:
        timed, sampled = (_scale_run(count, sample=sample) for sample in (False, True))
        runs.append(timed | {"pss_mib": sampled["pss_mib"], "sampled_seconds": sampled["seconds"]})
    rows = [
        (
            "scale",
            f"{run['claims']:,} claims in, pairs out",
            f"{run['seconds']:.1f} s ({run['cpu_seconds']:.1f} s CPU), peak RSS "
            f"{run['peak_mib']:,.0f} MiB (whole process) + {run['worker_mib']:,.0f} MiB "
            f"(largest worker); peak PSS {run['pss_mib']:,.0f} MiB (process and workers "
            f"together, in a second run sampling it: {run['sampled_seconds']:.1f} s), "
            f"{run['pairs']:,} pairs",
        )
        for run in runs
    ]
    xs = [math.log(run["claims"]) for run in runs]
    ys = [math.log(run["seconds"]) for run in runs]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mean_x) ** 2 for x in xs
    )
    rows.append(("scale", "growth exponent (log-log slope of time)", f"{slope:.2f}"))
    return rows


def _scale_run(count: int, *, sample: bool) -> dict[str, float]:
    """:func:`scale_child` in a process of its own."""
    command = [sys.executable, __file__, "--scale-child", str(count)]
    done = subprocess.run(
        command + (["--sample-memory"] if sample else []),
        capture_output=True,
        text=True,
        check=True,
    )
    found: dict[str, float] = json.loads(done.stdout)
    return found


def recall_rows() -> list[Row]:
    claims, _, entities = generate(5 * SAMPLE)
    sample = sorted(random.Random(1).sample(claims, SAMPLE), key=lambda claim: claim.id)
    packed = signatures(sample, Lexicon.build(entities))
    groups = group_numbers([claim.source for claim in sample])
    started = time.perf_counter()
    first, second, _ = blocked_pairs(packed, groups, DEFAULT_SUGGEST)
    blocked_seconds = time.perf_counter() - started
    started = time.perf_counter()
    all_first, all_second, _ = exhaustive_pairs(packed, groups, DEFAULT_SUGGEST)
    all_seconds = time.perf_counter() - started
    found = set(zip(first.tolist(), second.tolist(), strict=True))
    everything = set(zip(all_first.tolist(), all_second.tolist(), strict=True))
    kept = len(found & everything) / max(len(everything), 1)
    return [
        (
            "blocking",
            f"{SAMPLE:,}-claim sample, suggest {DEFAULT_SUGGEST:g}: share of all-pairs pairs kept",
            f"{kept:.1%} ({len(found & everything):,} of {len(everything):,}); "
            f"blocked {blocked_seconds:.1f} s, all pairs {all_seconds:.1f} s",
        )
    ]


# Update: a corpus of articles through `factcheck update`, end to end, as a user runs it.

ARTICLES = 500


def update_rows() -> list[Row]:
    if not GVA.exists():
        return [("update", "skipped", f"{GVA} not found")]
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        corpus = root / "articles"
        corpus.mkdir()
        for serial, text in enumerate(update_corpus(ARTICLES)):
            published = f"2015-{1 + serial % 12:02d}-{1 + serial % 28:02d}"
            (corpus / f"a{serial:04d}.md").write_text(
                f"---\npublished: {published}\n---\n{text}\n", encoding="utf-8"
            )
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "factcheck", "update", "articles", "--claims", "claims.yaml"],
            cwd=root,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.perf_counter() - started
        if done.returncode != 0:
            return [("update", "failed", done.stderr.strip().splitlines()[-1])]
        ledger = store.load(root / "claims.yaml").ledger
    claims, pairs = len(ledger.claims), len(ledger.pairs)
    return [
        (
            "update",
            f"`factcheck update` on {ARTICLES} articles of 5-8 KB, new ledger, end to end",
            f"{seconds:.1f} s; {claims:,} claims, {pairs:,} pairs",
        )
    ]


def update_corpus(count: int, seed: int = 11) -> list[str]:
    """``count`` articles of 5-8 KB made of seed and GVA sentences, numbers redrawn."""
    pool: list[str] = []
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "seeds").glob("*.txt"))]
    with GVA.open(encoding="utf-8") as handle:
        texts += [entry["text"] for line in handle for entry in json.loads(line)["articles"]]
    for text in texts:
        pool += [text[start:end] for start, end in split_sentences(text)]
    rng = random.Random(seed)
    number = re.compile(r"\d[\d,.]*\d|\d")
    articles = []
    for _ in range(count):
        size, parts = rng.randint(5000, 8000), []
        while sum(map(len, parts)) < size:
            parts.append(number.sub(lambda _: str(rng.randint(2, 90_000)), rng.choice(pool)))
        articles.append(" ".join(parts))
    return articles


def print_table(rows: Sequence[Row]) -> None:
    print(f"thresholds: suggest {DEFAULT_SUGGEST:g}, strong {DEFAULT_STRONG:g}")
    print("| part | measure | value |")
    print("| --- | --- | --- |")
    for part, measure, value in rows:
        print(f"| {part} | {measure} | {value} |")


if __name__ == "__main__":
    main()
