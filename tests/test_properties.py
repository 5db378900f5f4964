"""Property tests: the quantity and date finders accept any text and report spans inside it, a
generated ledger survives a save and a load unchanged, and every claim of a generated article
quotes its own span."""

from __future__ import annotations

import string
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck import store
from factcheck.aliases import DEFAULT_ENTITIES
from factcheck.dates import find_dates
from factcheck.entities import EntityIndex
from factcheck.extract import extract_claims
from factcheck.model import (
    Article,
    Claim,
    Entity,
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
from factcheck.quantities import find_quantities

ROOT = Path(__file__).resolve().parents[1]
SEED_SENTENCES = tuple(
    sentence.strip() + "."
    for seed in sorted((ROOT / "seeds").glob("*.txt"))
    for sentence in seed.read_text(encoding="utf-8").split(". ")
    if 20 < len(sentence) < 400
)
INDEX = EntityIndex.build(DEFAULT_ENTITIES)

# Bounded so that the whole module runs in seconds; the database keeps failures found earlier.
settings.register_profile(
    "properties",
    max_examples=150,
    deadline=None,
    suppress_health_check=(HealthCheck.too_slow, HealthCheck.data_too_large),
)
PROPERTIES = settings.get_profile("properties")

# Any text at all, and text made of the pieces the finders look for, so that most examples
# reach deep into them.
ANY_TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=300)
PIECES = st.sampled_from(
    [
        "about", "over", "between", "and", "to", "-", "–", "%", " per cent", "million", "bn",
        "km", "sq km", "$", "£", "€", "troops", "people", "a third of", "half", "dozens of",
        "since", "until", "last", "next", "week", "month", "year", "ago", "in", "the", "early",
        "late", "mid-", "January", "March", "Sept.", "Monday", "2014", "2015-11-13", "1990s",
        "13", "1,200", "45.000", "3.5", "1/2", "½", "twenty-five", "seventy", "first", "'90s",
        ",", ".", ";", "(", ")", "\"", "“", "”", "\n", "\n\n", " ", "  ", "\t", "\x1b[2J",
    ]
)  # fmt: skip
MIXED_TEXT = st.lists(st.one_of(PIECES, ANY_TEXT.map(lambda t: t[:8])), max_size=60).map(" ".join)
TEXTS = st.one_of(ANY_TEXT, MIXED_TEXT)
PUBLISHED = st.one_of(st.none(), st.sampled_from(["2015", "2016-07", "2017-09-14", "2000-02-29"]))


@PROPERTIES
@given(text=TEXTS, start=st.integers(-5, 320), length=st.integers(0, 320))
def test_quantity_finder_accepts_any_text_and_stays_inside_it(
    text: str, start: int, length: int
) -> None:
    low = max(0, min(start, len(text)))
    high = min(len(text), low + length)
    for found in (find_quantities(text), find_quantities(text, start, start + length)):
        ends = [quantity.end for quantity in found]
        for quantity in found:
            assert 0 <= quantity.start < quantity.end <= len(text)
            assert text[quantity.start : quantity.end] == quantity.text
        assert ends == sorted(ends)
    for quantity in find_quantities(text, start, start + length):
        assert low <= quantity.start and quantity.end <= high


@PROPERTIES
@given(text=TEXTS, published=PUBLISHED, start=st.integers(0, 320), length=st.integers(0, 320))
def test_date_finder_accepts_any_text_and_stays_inside_it(
    text: str, published: str | None, start: int, length: int
) -> None:
    low = min(start, len(text))
    high = min(len(text), low + length)
    for found in (find_dates(text, published), find_dates(text, published, start, start + length)):
        for span in found:
            assert 0 <= span.start < span.end <= len(text)
            assert text[span.start : span.end] == span.text
            if span.first is not None and span.last is not None:
                assert span.first <= span.last
    for span in find_dates(text, published, start, start + length):
        assert low <= span.start and span.end <= high


@PROPERTIES
@given(
    parts=st.lists(st.one_of(st.sampled_from(SEED_SENTENCES), TEXTS), min_size=1, max_size=8),
    breaks=st.lists(st.sampled_from([" ", "\n", "\n\n", "\r\n\r\n"]), min_size=8, max_size=8),
    front=st.booleans(),
    published=PUBLISHED,
)
def test_every_extracted_claim_quotes_its_own_span(
    parts: list[str], breaks: list[str], front: bool, published: str | None
) -> None:
    body = "".join(part + brk for part, brk in zip(parts, breaks, strict=False))
    text = ("---\ntitle: Generated\n---\n" if front else "") + body
    source = Source("gen", "gen.txt", "0" * 64, published=published)
    claims = extract_claims(Article(source, text), INDEX)
    for claim in claims:
        assert claim.source == "gen"
        assert text[claim.start : claim.end] == claim.text
        for quantity in claim.quantities:
            assert text[quantity.start : quantity.end] == quantity.text
        if claim.time is not None:
            assert text[claim.time.start : claim.time.end] == claim.time.text
    assert len({claim.id for claim in claims}) == len(claims)


# Ledger values as the schema allows them: names without control characters, offsets ≥ 0 with
# start ≤ end, finite numbers with low ≤ high, dates in order and ISO timestamps.
NAMES = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=12)
FREE = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
OPTIONAL = st.one_of(st.none(), FREE)
# Source paths are relative and stay inside the repository, or loading refuses the ledger.
PATHS = st.from_regex(
    r"[a-z0-9_][a-z0-9_ .-]{0,8}(/[a-z0-9_][a-z0-9_ .-]{0,8}){0,2}", fullmatch=True
).filter(lambda path: ".." not in path.split("/"))
NUMBER = st.floats(allow_nan=False, allow_infinity=False, width=64)
DATES = st.dates().map(lambda day: day.isoformat()).filter(lambda iso: len(iso) == 10)
STAMPS = st.builds(
    lambda day, second, fraction: (
        f"{day}T{second // 3600:02d}:{second // 60 % 60:02d}:{second % 60:02d}.{fraction:06d}Z"
    ),
    DATES,
    st.integers(0, 86399),
    st.integers(0, 999999),
)


@st.composite
def spans(draw: st.DrawFn) -> tuple[int, int]:
    start = draw(st.integers(0, 10**6))
    return start, start + draw(st.integers(0, 10**4))


@st.composite
def quantities(draw: st.DrawFn) -> Quantity:
    start, end = draw(spans())
    bounds = sorted(draw(st.lists(NUMBER, min_size=2, max_size=2)))
    low, high = draw(st.sampled_from([(None, None), (bounds[0], None), (None, bounds[1])]))
    if draw(st.booleans()):
        low, high = bounds[0], bounds[1]
    return Quantity(
        text=draw(FREE),
        start=start,
        end=end,
        value=draw(st.one_of(st.none(), NUMBER)),
        low=low,
        high=high,
        unit=draw(OPTIONAL),
        original_unit=draw(OPTIONAL),
        noun=draw(OPTIONAL),
        approx=draw(st.booleans()),
        hedge=draw(OPTIONAL),
        base=draw(OPTIONAL),
    )


@st.composite
def times(draw: st.DrawFn) -> TimeSpan:
    start, end = draw(spans())
    days = sorted(draw(st.lists(DATES, min_size=2, max_size=2)))
    first, last = draw(st.sampled_from([(days[0], days[1]), (None, None), (days[0], None)]))
    return TimeSpan(
        text=draw(FREE),
        start=start,
        end=end,
        first=first,
        last=last,
        precision=draw(st.sampled_from(Precision)),
        relative=draw(st.booleans()),
        resolved=draw(st.booleans()),
        qualifier=draw(OPTIONAL),
    )


@st.composite
def ledgers(draw: st.DrawFn) -> Ledger:
    source_ids = sorted(draw(st.sets(NAMES, max_size=4)))
    sources = tuple(
        Source(
            id=name,
            path=draw(PATHS),
            sha256=draw(st.text("0123456789abcdef", min_size=64, max_size=64)),
            entry=draw(st.one_of(st.none(), NAMES)),
            title=draw(OPTIONAL),
            outlet=draw(OPTIONAL),
            url=draw(OPTIONAL),
            published=draw(st.one_of(st.none(), DATES, DATES.map(lambda iso: iso[:7]))),
            language=draw(st.one_of(st.none(), st.sampled_from(["en", "es", "de"]))),
        )
        for name in source_ids
    )
    entities = tuple(
        Entity(name, tuple(draw(st.lists(NAMES, max_size=3))), draw(OPTIONAL))
        for name in sorted(draw(st.sets(NAMES, max_size=3)))
    )
    claims: list[Claim] = []
    for name in sorted(draw(st.sets(NAMES, max_size=5))):
        start, end = draw(spans())
        claims.append(
            Claim(
                id=name,
                source=draw(st.sampled_from(source_ids)) if source_ids else draw(NAMES),
                start=start,
                end=end,
                text=draw(FREE),
                subject=draw(OPTIONAL),
                predicate=draw(OPTIONAL),
                scope=draw(OPTIONAL),
                attributed_to=draw(OPTIONAL),
                time=draw(st.one_of(st.none(), times())),
                quantities=tuple(draw(st.lists(quantities(), max_size=2))),
                entities=tuple(draw(st.lists(NAMES, max_size=2))),
            )
        )
    pairs = tuple(
        Pair(
            id=name,
            a=draw(NAMES),
            b=draw(NAMES),
            relation=draw(st.sampled_from(Relation)),
            score=draw(NUMBER),
            reason=draw(FREE),
            stale=draw(st.booleans()),
        )
        for name in sorted(draw(st.sets(NAMES, max_size=4)))
    )
    keys = draw(st.sets(st.tuples(NAMES, NAMES, STAMPS), max_size=5))
    reviews = tuple(
        Review(pair, who, draw(st.sampled_from(Verdict)), stamp, draw(FREE))
        for pair, who, stamp in sorted(keys)
    )
    return Ledger(
        sources=sources, entities=entities, claims=tuple(claims), pairs=pairs, reviews=reviews
    )


@settings(PROPERTIES, max_examples=80)
@given(ledger=ledgers())
def test_a_saved_ledger_loads_back_equal(ledger: Ledger) -> None:
    assert store.loads(store.dumps(ledger)) == ledger


@settings(PROPERTIES, max_examples=25)
@given(ledger=ledgers())
def test_a_ledger_saved_to_disk_loads_back_equal_and_byte_identical(ledger: Ledger) -> None:
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "claims.yaml"
        digest = store.save(path, ledger, expected_digest=None)
        loaded = store.load(path)
        assert loaded.ledger == ledger
        assert loaded.digest == digest
        assert store.save(path, loaded.ledger, expected_digest=digest) == digest


def test_seed_sentences_were_found() -> None:
    assert len(SEED_SENTENCES) > 40
    assert all(set(sentence) & set(string.ascii_letters) for sentence in SEED_SENTENCES)
