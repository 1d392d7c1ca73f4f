"""benchmarks/metadata.py on the bundled demo site: the table prints, core fields are exact."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import metadata


def test_metadata_benchmark_on_demo_site(capsys: pytest.CaptureFixture[str]) -> None:
    assert metadata.main(["--mismatches", "3"]) == 0
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


def test_metadata_benchmark_missing_site_fails_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert metadata.main(["--site", str(tmp_path / "nope")]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "nope" in err
