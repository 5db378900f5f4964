"""Reading articles: front matter, JSONL, directories, encodings and paths."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from factcheck.corpus import read_article, read_corpus, relative_path, resolve_inside
from factcheck.errors import CorpusError
from factcheck.model import Source


def write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        path.write_bytes(data.encode("utf-8"))
    else:
        path.write_bytes(data)
    return path


def test_front_matter_fills_metadata_and_offsets_count_it(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Raqqa falls\noutlet: Example Times\npublished: 2015-11-20\n---\n"
        "IS lost 40% of it.\n"
    )
    article = read_article(write(tmp_path / "a.md", text), tmp_path)
    assert article.source.title == "Raqqa falls"
    assert article.source.outlet == "Example Times"
    assert article.source.published == "2015-11-20"
    assert article.text == text
    start = text.index("40%")
    assert article.text[start : start + 3] == "40%"


@pytest.mark.parametrize(
    ("published", "stored"),
    [("2015", "2015"), ("2015-11", "2015-11"), ("'2015-11-20'", "2015-11-20")],
)
def test_published_takes_year_month_or_day(tmp_path: Path, published: str, stored: str) -> None:
    path = write(tmp_path / "a.txt", f"---\npublished: {published}\n---\nText.\n")
    assert read_article(path, tmp_path).source.published == stored


@pytest.mark.parametrize(
    "published", ["2015-13", "Nov 2015", "2015-02-30", "15-11-20", "2015-02-31x"]
)
def test_bad_published_date_names_file_and_fix(tmp_path: Path, published: str) -> None:
    path = write(tmp_path / "a.txt", f"---\npublished: {published}\n---\nText.\n")
    with pytest.raises(CorpusError) as err:
        read_article(path, tmp_path)
    assert "a.txt" in str(err.value)
    assert "YYYY-MM-DD" in str(err.value)


def test_plain_file_takes_metadata_from_the_ledger(tmp_path: Path) -> None:
    path = write(tmp_path / "seeds" / "001.txt", "Baiji fell in October.\n")
    known = {
        "seeds/001.txt": Source(id="001", path="seeds/001.txt", sha256="", published="2015-12")
    }
    article = read_article(path, tmp_path, known)
    assert article.source.id == "001"
    assert article.source.published == "2015-12"
    assert article.source.sha256 == hashlib.sha256(b"Baiji fell in October.\n").hexdigest()


def test_crlf_offsets_stay_exact_and_bom_is_dropped(tmp_path: Path) -> None:
    raw = "\ufeffLine one.\r\nISIS lost 45,000 fighters.\r\n".encode()
    article = read_article(write(tmp_path / "a.txt", raw), tmp_path)
    assert not article.text.startswith("\ufeff")
    start = article.text.index("45,000")
    assert article.text[start : start + 6] == "45,000"
    assert "\r\n" in article.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"ok\n\xff\xfe broken", "not valid UTF-8"),
        (b"text\x00with nul", "NUL bytes"),
    ],
)
def test_binary_or_non_utf8_article_is_refused_with_its_line(
    tmp_path: Path, data: bytes, message: str
) -> None:
    path = write(tmp_path / "bad.txt", data)
    with pytest.raises(CorpusError) as err:
        read_article(path, tmp_path)
    assert message in str(err.value)
    assert "bad.txt:" in str(err.value)


def test_jsonl_reads_good_lines_and_reports_the_broken_one(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": "Mosul fell.", "outlet": "Wire", "published": "2014-06"}),
        "{not json",
        json.dumps({"id": "a2", "text": "Raqqa held."}),
    ]
    write(tmp_path / "corpus.jsonl", "\n".join(lines) + "\n")
    corpus = read_corpus([tmp_path / "corpus.jsonl"], tmp_path)
    assert [a.source.id for a in corpus.articles] == ["a1", "a2"]
    assert corpus.articles[0].source.entry == "a1"
    assert corpus.articles[0].source.outlet == "Wire"
    assert len(corpus.problems) == 1
    assert corpus.problems[0].line == 2
    assert "corpus.jsonl:2:" in str(corpus.problems[0])


def test_directory_is_read_in_sorted_order_skipping_other_files(tmp_path: Path) -> None:
    write(tmp_path / "d" / "b.txt", "B.")
    write(tmp_path / "d" / "a.md", "A.")
    write(tmp_path / "d" / "notes.csv", "x")
    write(tmp_path / "d" / ".hidden.txt", "H.")
    corpus = read_corpus([tmp_path / "d"], tmp_path)
    assert [a.source.path for a in corpus.articles] == ["d/a.md", "d/b.txt"]


def test_duplicate_source_ids_are_refused(tmp_path: Path) -> None:
    write(tmp_path / "x" / "a.txt", "A.")
    write(tmp_path / "y" / "a.txt", "B.")
    with pytest.raises(CorpusError, match="share the id"):
        read_corpus([tmp_path / "x", tmp_path / "y"], tmp_path)


def test_article_outside_the_repository_is_refused(tmp_path: Path) -> None:
    outside = write(tmp_path / "outside.txt", "X.")
    root = tmp_path / "repo"
    root.mkdir()
    with pytest.raises(CorpusError, match="outside the repository"):
        relative_path(outside, root)


@pytest.mark.parametrize("rel", ["../etc/passwd", "/etc/passwd", "a/../../b.txt", "a\\b.txt"])
def test_recorded_paths_may_not_escape(tmp_path: Path, rel: str) -> None:
    with pytest.raises(CorpusError, match="inside the repository"):
        resolve_inside(rel, tmp_path, where="claims.yaml", line=3)


def test_symlink_escaping_the_repository_is_refused(tmp_path: Path) -> None:
    secret = write(tmp_path / "secret.txt", "S.")
    root = tmp_path / "repo"
    root.mkdir()
    (root / "link.txt").symlink_to(secret)
    with pytest.raises(CorpusError, match="symbolic link"):
        resolve_inside("link.txt", root, where="claims.yaml")


def test_missing_path_is_reported(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="no such file"):
        read_corpus([tmp_path / "nope.txt"], tmp_path)
