"""benchmarks/metadata.py: the demo table (core fields exact), wcxb-dev by split part, the scoring rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import metadata


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
