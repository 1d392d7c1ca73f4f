"""The Parquet feed end to end: a demo crawl exported as JSON lines and Parquet at once loads in
pyarrow, pandas and Hugging Face ``datasets`` with every field equal; crawls killed (in the window
between closing a part and recording it, and with records in an unfinished part) and resumed leave
each article exactly once across the readable parts; a crawl without pyarrow is refused up front."""

from __future__ import annotations

import os
import signal
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsspider.demo.server import DemoServer
from newsspider.parquet import MISSING_PYARROW, read_parts
from newsspider.state.sqlite import SQLiteStateStore
from tests.helpers import (
    SLOW,
    assert_refused_command_line,
    crawl_demo,
    finish,
    paths,
    run_scrapy,
    start_crawl,
    wait_until,
)

#: Records go to the feed as they come (no site-learning hold): parts close after so many records.
NO_HOLD = ("-s", "NEWSSPIDER_SITELEARN_HOLD=0")
#: The state backend of tests/fixtures/killing_state.py: kill -9 inside the n-th commit to the state.
KILLING_STATE = ("-s", "NEWSSPIDER_STATE_BACKEND=tests.fixtures.killing_state.KillingStateStore")


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer() as srv:
        yield srv


def part_names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def utc(iso: str | None) -> datetime | None:
    """The test's own reading of an ISO 8601 string (as documented: no zone means UTC)."""
    if not iso:
        return None
    parsed = datetime.fromisoformat(iso)
    return (parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)).astimezone(UTC)


def test_demo_crawl_as_parquet_loads_everywhere_and_matches_the_jsonl_feed(
    tmp_path: Path, server: DemoServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    jsonl, folder = tmp_path / "demo.jsonl", tmp_path / "demo.parquet"
    run = crawl_demo(server, jsonl, "-O", str(folder))
    assert len(run.records) == 48
    assert part_names(folder) == ["part-00000.parquet"]  # 48 records: one part, closed at the end
    assert run.stat("newsspider/feed/parts") == 1

    table = pq.read_table(folder)
    rows = {row["url"]: row for row in table.to_pylist()}
    assert len(rows) == table.num_rows == 48
    for record in run.records:
        row = rows[record["url"]]
        assert {k: row[k] for k in record} == record  # every field, typed: lists, ints, strings, nulls
        for name in ("published", "modified", "fetched_at"):
            assert row[f"{name}_ts"] == utc(record[name])
    assert table.schema.field("authors").type == pa.list_(pa.string())
    assert table.schema.field("published_ts").type == pa.timestamp("us", tz="UTC")

    frame = pd.read_parquet(folder)
    assert sorted(frame["url"]) == sorted(rows) and str(frame["word_count"].dtype) == "int64"
    assert isinstance(frame["published_ts"].dtype, pd.DatetimeTZDtype) and str(frame["published_ts"].dt.tz) == "UTC"

    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    import datasets

    dataset = datasets.load_dataset("parquet", data_files=str(folder / "*.parquet"), split="train", cache_dir=str(tmp_path / "hf"))
    assert dataset.num_rows == 48
    assert dataset.features["tags"] == datasets.List(datasets.Value("string"))
    assert sorted(dataset.to_list(), key=lambda r: r["url"]) == sorted(rows.values(), key=lambda r: r["url"])

    # The size bar: zstd-compressed columns against the same records as JSON lines.
    parquet_bytes = sum(p.stat().st_size for p in folder.iterdir())
    assert parquet_bytes <= 0.45 * jsonl.stat().st_size, (parquet_bytes, jsonl.stat().st_size)


def test_killed_and_resumed_crawls_leave_each_article_once_in_the_readable_parts(
    tmp_path: Path, server: DemoServer, ground_truth: dict[str, Any]
) -> None:
    state, run1, run2 = tmp_path / "state.sqlite", tmp_path / "run1.parquet", tmp_path / "run2.parquet"
    settings = ("-s", "NEWSSPIDER_STATE_ENABLED=1", "-s", f"NEWSSPIDER_STATE_PATH={state}", *NO_HOLD,
                "-s", "NEWSSPIDER_PARQUET_PART_RECORDS=5", "-s", "NEWSSPIDER_EXTRACTION_WORKERS=0")  # fmt: skip

    # 1. kill -9 inside the second part's commit: that part is closed and readable, not in the state.
    # (A part's records are committed as it closes, the record that closed it right after: commits
    # 1 and 2 are the first part's, commit 3 the second's.)
    killed = start_crawl(server.url, ("-O", run1), *settings, *KILLING_STATE, "-s", "NEWSSPIDER_TEST_KILL_AT_RECORD=3")
    _, log = killed.communicate(timeout=300)
    assert killed.returncode == -signal.SIGKILL, log[-3000:]
    assert part_names(run1) == ["part-00000.parquet", "part-00001.parquet"]
    with SQLiteStateStore(state) as store:
        assert (len(list(read_parts(run1))), store.count("demo")) == (10, 5)

    # 2. The next crawl reads the killed crawl's parts back, then is killed -9 with records in an
    # unfinished part (its temporary file exists once the part has a record).
    resumed = start_crawl(server.url, ("-O", run2), *settings, *SLOW)
    unfinished = run2 / ".part-00002.parquet.tmp"
    assert wait_until(lambda: unfinished.exists() or resumed.poll() is not None)
    resumed.kill()
    _, log = resumed.communicate(timeout=60)
    assert resumed.returncode == -signal.SIGKILL, log[-3000:]
    assert f"Recorded 5 records of {run1.resolve()}, a feed left open by a stopped crawl" in log
    assert part_names(run2) == [unfinished.name, "part-00000.parquet", "part-00001.parquet"]
    with SQLiteStateStore(state) as store:
        assert store.count("demo") == 20  # every record of a closed part, none of the unfinished one

    # 3. Resumed appending to the same folder (-o): the unfinished part goes, its records are fetched again.
    finish(start_crawl(server.url, ("-o", run2), *settings))
    assert not [name for name in part_names(run2) if not name.startswith("part-")]
    counts = Counter(paths([*read_parts(run1), *read_parts(run2)]))
    assert [p for p, n in counts.items() if n > 1] == []
    assert sorted(counts) == sorted(ground_truth["articles"])
    assert pq.read_table(run2).num_rows + 10 == 48
    with SQLiteStateStore(state) as store:
        assert store.count("demo") == 48 and store.unclosed_feeds("demo") == []


def test_without_pyarrow_a_parquet_feed_is_refused_before_the_crawl(tmp_path: Path) -> None:
    """One line naming the fix, exit status 2, and the folder's earlier parts untouched (-O would clear them)."""
    hidden = tmp_path / "hidden"
    (hidden / "pyarrow").mkdir(parents=True)
    (hidden / "pyarrow" / "__init__.py").write_text('raise ImportError("hidden by the test")\n', encoding="utf-8")
    folder = tmp_path / "x.parquet"
    folder.mkdir()
    pq.write_table(pa.table({"url": ["https://news.example.com/a"]}), folder / "part-00000.parquet")
    proc = run_scrapy(
        "crawl", "demo", "-a", "url=http://127.0.0.1:9/", "-O", str(folder),
        env={"PYTHONPATH": os.pathsep.join([str(hidden), os.environ.get("PYTHONPATH", "")])},
    )  # fmt: skip
    assert_refused_command_line(proc, f"cannot write the feed {folder}: {MISSING_PYARROW}")
    assert part_names(folder) == ["part-00000.parquet"]
