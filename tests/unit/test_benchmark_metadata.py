"""benchmarks/metadata.py: the demo table (core fields exact), wcxb-dev by split part, the news labels, the scoring rules."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from benchmarks import metadata
from benchmarks.split import corpus_folder


def test_metadata_benchmark_on_demo_site(capsys: pytest.CaptureFixture[str]) -> None:
    assert metadata.main(["--corpus", "demo", "--mismatches", "3"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["field", "newsspider", "trafilatura", "Δ"]
    rows = {line.split()[0]: line.split()[1:] for line in lines[2 : 2 + len(metadata.FIELDS)]}
    assert set(rows) == set(metadata.FIELDS)
    for name in ("title", "authors", "published", "published_day"):
        assert rows[name][0] == "1.000", (name, rows[name])
    assert rows["modified"][1] == "n/a"  # trafilatura gives no modification date
    assert float(rows["title"][1]) > 0.5  # the baseline really ran
    assert "demo articles" in out
    assert "by the page's HTML size: 0-100 KB:" in out  # the demo's pages are small


def test_timer_splits_pages_by_size() -> None:
    timer = metadata.Timer(pages=[(50_000, 1.0, 0.2), (150_000, 2.0, 0.2), (900_000, 4.0, 0.5), (90_000, 1.0, 0.3)])
    parts = {label: (pages, part) for label, pages, part in timer.by_size((100_000, 400_000))}
    assert list(parts) == ["0-100 KB", "100-400 KB", ">= 400 KB"]
    assert parts["0-100 KB"][0] == 2 and parts["0-100 KB"][1].share == pytest.approx(0.5 / 1.5)
    assert parts["100-400 KB"][1].share == pytest.approx(0.2 / 1.8)
    assert parts[">= 400 KB"][1].share == pytest.approx(0.5 / 3.5)


def test_metadata_benchmark_missing_site_fails_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert metadata.main(["--corpus", "demo", "--site", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "nope" in err


def test_metadata_benchmark_on_wcxb_pages_by_part(capsys: pytest.CaptureFixture[str]) -> None:
    assert metadata.main(["--corpus", "wcxb-dev", "--limit", "6", "--mismatches", "50"]) == 0
    out = capsys.readouterr().out
    assert "wcxb-dev article pages, tuning part" in out
    assert "wcxb-dev article pages, validation part" in out
    assert "language: the detector agrees" in out
    assert "metadata step (assume_article=True):" in out and "metadata step (as a crawl calls it" in out and "adds" in out
    listed = {line.split()[1].rstrip(":") for line in out.splitlines() if line.startswith("  ") and ": got " in line}
    parts = {case.page_id: case.part for case in metadata.wcxb_cases(limit=6)}
    assert "mismatches, by field" in out
    assert all(parts[page] == "tuning" for page in listed)  # never a validation page


@pytest.mark.parametrize(
    ("got", "want", "same"),
    [
        (["Jane Doe", "John Roe"], "John Roe and Jane Doe", True),
        (["Dylan Bailey"], "Dylan Bailey, MS, RD, FAND", True),
        (["Genevieve Carlton"], "Genevieve Carlton, Ph.D.", True),
        (["Zoë Castellanos"], "zoe castellanos", True),
        (["A, B"], "A, B, and C", False),
        ([], None, True),
        (["Jane Doe"], None, False),
    ],
)
def test_author_sets(got: list[str], want: str | None, same: bool) -> None:
    assert (metadata.author_set(got) == metadata.author_set(want)) is same


@pytest.mark.parametrize(
    ("got", "want", "expected"),
    [
        ("2024-03-05T10:30:00+01:00", "2024-03-05T09:30:00+00:00", True),
        ("2024-03-05T10:30:59+01:00", "2024-03-05T10:30:00+01:00", True),
        ("2024-03-05T10:30:00", "2024-03-05T10:30:00+01:00", False),
        ("2024-03-05", "2024-03-05T10:30:00+01:00", False),
        (None, "2024-03-05T10:30:00+01:00", False),
        ("2024-03-05T10:30:00+01:00", "2024-03-05", None),
        # the truth has a time and no zone (the page states none): the wall-clock minute
        ("2024-03-05T10:30:00+01:00", "2024-03-05T10:30", True),
        ("2024-03-05T10:30:00", "2024-03-05T10:30", True),
        ("2024-03-05T09:30:00+00:00", "2024-03-05T10:30", False),
    ],
)
def test_published_to_the_minute(got: str | None, want: str, expected: bool | None) -> None:
    assert metadata.same_minute(got, want) is expected


def test_title_normalisation() -> None:
    assert metadata.norm_text("Fish &amp;amp; chips’  shop") == metadata.norm_text("Fish & chips' shop")
    assert metadata.norm_text("Harbour reopens") != metadata.norm_text("Harbour reopens - Coast News")


@pytest.mark.parametrize(
    ("got", "want", "f1"),
    [
        (["Harbour", "Budget"], ["budget", "harbour"], 1.0),
        (["Harbour"], ["Harbour", "Budget"], 2 / 3),
        (["Fleet"], ["Harbour"], 0.0),
        ([], ["Harbour"], 0.0),
        (["Harbour"], [], None),  # not scored without the truth's tags
    ],
)
def test_tags_f1(got: list[str], want: list[str], f1: float | None) -> None:
    assert metadata.tags_f1(got, want) == (pytest.approx(f1) if f1 is not None else None)


def test_date_precision_against_the_page_itself() -> None:
    precision = metadata.DatePrecision()
    page = b'<meta property="article:published_time" content="2024-03-05T10:30:00+01:00">'
    precision.add("tuning", page, "2024-03-05")  # the page writes a time and an offset: we gave neither
    precision.add("tuning", page, "2024-03-05T10:30:00+01:00")
    precision.add("tuning", b'<time datetime="2024-03-05T10:30">', "2024-03-05T10:30:00")  # a time, no offset
    precision.add("tuning", b'<meta content="2024-03-04T10:30:00Z">', "2024-03-05")  # another day: not counted
    assert precision.counts["tuning"] == [3, 2, 2, 1]
    assert "a time on 2/3 pages" in precision.format("tuning") and "an offset on 1/2" in precision.format("tuning")


def test_the_news_labels_cover_every_news_page_with_well_formed_values() -> None:
    """benchmarks/data/article-extraction-metadata.json: one label per page of the news corpus
    (the shared copy or the bundled one), each field of the form the scoring reads."""
    truth = json.loads((corpus_folder("article-extraction") / "ground-truth.json").read_text(encoding="utf-8"))
    labels = metadata.news_labels()
    assert set(labels) == set(truth)
    for page_id, fields in labels.items():
        assert isinstance(fields["title"], str) and fields["title"].strip(), page_id
        assert isinstance(fields["authors"], list) and all(isinstance(a, str) and a.strip() for a in fields["authors"]), page_id
        assert isinstance(fields["tags"], list), page_id
        if fields["published"] is not None:
            assert datetime.fromisoformat(fields["published"].replace("Z", "+00:00")), page_id


def test_news_cases_read_the_labels_as_their_truth(tmp_path: Path) -> None:
    labels = tmp_path / "labels.json"
    some_id = sorted(metadata.news_labels())[0]
    labels.write_text(json.dumps([{"id": some_id, "title": "T", "authors": ["A B"], "published": "2019-11-19", "tags": ["x"]}]))
    cases = {c.page_id: c for c in metadata.news_cases(labels=labels)}
    assert cases[some_id].expected == {"title": "T", "authors": ["A B"], "published": "2019-11-19", "tags": ["x"]}
    assert sum(1 for c in cases.values() if c.expected) == 1  # the other pages: no truth
