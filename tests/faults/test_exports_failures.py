"""Exports that cannot be written, and crawls that export nothing, end with a non-zero exit status.

Statuses (``newsspider/summary.py``, docs/exports.md "Exit status"): 2 an unwritable feed path (before the
crawl), 3 a feed write failed during the crawl (full disk), 4 an empty crawl.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsspider.exporters import read_complete_lines
from newsspider.parquet import read_parts
from newsspider.state.sqlite import SQLiteStateStore
from newsspider.summary import (
    EXIT_EMPTY,
    EXIT_FEED_ERROR,
    EXIT_FORCED,
    EXIT_OK,
    crawl_summary,
    exit_status,
)
from tests.faults.server import FaultServer, article_html, index_html, reset, respond
from tests.helpers import crawl, run_scrapy

ARTICLES = 30


@pytest.fixture(scope="module")
def site() -> Iterator[FaultServer]:
    """An index page linking to ``ARTICLES`` article pages, and one whose only link resets the connection."""
    paths = [f"/news/story-{n}.html" for n in range(ARTICLES)]
    routes = {"/": respond(index_html(paths)), "/empty/": respond(index_html(["/reset"])), "/reset": reset()}
    with FaultServer(routes) as server:
        for n, path in enumerate(paths):
            server.route(path, respond(article_html(n, title=f"Story {n} " + "long headline words " * 8)))
        yield server


def test_full_disk_stops_the_crawl_with_exit_status_3(tmp_path: Path, site: FaultServer) -> None:
    result = crawl(tmp_path, site.url, "NEWSSPIDER_DISCOVERY=links", "NEWSSPIDER_SITELEARN_HOLD=0", output="/dev/full:jsonl")
    assert result.proc.returncode == EXIT_FEED_ERROR, result.proc.stderr[-3000:]
    assert result.stats["finish_reason"] == "feed_write_error"
    assert result.stat("newsspider/feed/write_errors") >= 1
    assert "could not be written to the feed /dev/full" in result.proc.stderr
    assert "ERROR: a feed could not be written" in result.proc.stderr  # the summary says it too
    assert not Path("/dev/full.crawl.json").exists()  # no crawl record beside a device (newsspider/crawlinfo.py)


def test_unwritable_feed_path_fails_before_the_crawl(tmp_path: Path, site: FaultServer) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    before = len(site.requests)
    result = crawl(tmp_path, site.url, output=str(tmp_path / "a-file" / "out.jsonl"))
    assert result.proc.returncode == 2
    assert f"cannot write the feed {tmp_path / 'a-file' / 'out.jsonl'}: {tmp_path / 'a-file'} is not a folder" in result.proc.stderr
    assert len(site.requests) == before  # nothing was crawled


def test_empty_crawl_says_so_with_exit_status_4(tmp_path: Path, site: FaultServer) -> None:
    """The only link resets the connection: nothing exported (exit 4); the failed download is one log line."""
    result = crawl(tmp_path, site.url_for("/empty/"), "NEWSSPIDER_DISCOVERY=links", "NEWSSPIDER_RETRY_BACKOFF=0.05")
    log = result.proc.stderr
    assert result.proc.returncode == EXIT_EMPTY, log[-3000:]
    assert "articles exported  0" in log and "EMPTY: no article was exported" in log
    assert result.stat("newsspider/dropped/connection") == 1
    [line] = [line for line in log.splitlines() if "Error downloading" in line]
    assert " ERROR: Error downloading <GET " + site.url_for("/reset") + ">: " in line
    assert "Traceback" not in log


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    """A 64 KiB tmpfs (root only): a disk that fills up in the middle of a crawl."""
    mount = tmp_path / "tiny"
    mount.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount)],
                                           capture_output=True).returncode != 0:  # fmt: skip
        pytest.skip("mounting a tmpfs needs root")
    try:
        yield mount
    finally:
        unmount(mount)


def unmount(mount: Path, wait: float = 10.0) -> None:
    """Unmount ``mount``, retrying while it is busy: on a loaded machine a file the crawl or the
    test read there can take a moment to be released (CI once saw "target is busy"); after
    ``wait`` seconds it is detached lazily (the kernel frees it when the last file closes)."""
    deadline = time.monotonic() + wait
    while subprocess.run(["umount", str(mount)], capture_output=True).returncode != 0:
        if time.monotonic() > deadline:
            subprocess.run(["umount", "--lazy", str(mount)], check=True)
            return
        time.sleep(0.25)


def test_disk_full_mid_crawl_loses_nothing_recorded(tmp_path: Path, site: FaultServer, tiny_disk: Path) -> None:
    """The disk fills after some records: exit 3, the file's complete lines are records, and the
    incremental state holds no record the file lacks (a rerun will fetch those again)."""
    (tiny_disk / "ballast").write_bytes(b"\0" * 40 * 1024)
    out, state = tiny_disk / "out.jsonl", tmp_path / "state.sqlite"
    # Not the harness's crawl(): it would read the feed back strictly, and its last line is cut short.
    proc = run_scrapy("crawl", "news", "-a", f"url={site.url}", "-O", str(out), "-s", "ROBOTSTXT_OBEY=False",
                      "-s", "NEWSSPIDER_MIN_BODY_WORDS=20", "-s", "NEWSSPIDER_DISCOVERY=links", "-s", "NEWSSPIDER_SITELEARN_HOLD=0",
                      "-s", "NEWSSPIDER_STATE_ENABLED=1", "-s", f"NEWSSPIDER_STATE_PATH={state}")  # fmt: skip
    assert proc.returncode == EXIT_FEED_ERROR, proc.stderr[-3000:]
    written = [r["url"] for r in read_complete_lines(out)]
    assert 0 < len(written) < ARTICLES
    with SQLiteStateStore(state) as store:
        recorded = [u for u in (site.url_for(f"/news/story-{n}.html") for n in range(ARTICLES)) if store.past_export("news", u)]
    assert set(recorded) <= set(written)


def test_disk_full_mid_crawl_keeps_the_parquet_parts_whole(tmp_path: Path, site: FaultServer, tiny_disk: Path) -> None:
    """The same with a Parquet feed in parts of 3: exit 3, every part left is whole and readable, the
    unfinished one is gone, and the state holds only records of the closed parts."""
    (tiny_disk / "ballast").write_bytes(b"\0" * 40 * 1024)
    out, state = tiny_disk / "out.parquet", tmp_path / "state.sqlite"
    proc = run_scrapy("crawl", "news", "-a", f"url={site.url}", "-O", str(out), "-s", "ROBOTSTXT_OBEY=False",
                      "-s", "NEWSSPIDER_MIN_BODY_WORDS=20", "-s", "NEWSSPIDER_DISCOVERY=links", "-s", "NEWSSPIDER_SITELEARN_HOLD=0",
                      "-s", "NEWSSPIDER_PARQUET_PART_RECORDS=3",
                      "-s", "NEWSSPIDER_STATE_ENABLED=1", "-s", f"NEWSSPIDER_STATE_PATH={state}")  # fmt: skip
    assert proc.returncode == EXIT_FEED_ERROR, proc.stderr[-3000:]
    assert "lost the" in proc.stderr and "its closed parts are whole" in proc.stderr
    assert all(p.name.startswith("part-") for p in out.iterdir())
    written = [r["url"] for r in read_parts(out)]
    assert 0 < len(written) < ARTICLES and len(written) % 3 == 0
    with SQLiteStateStore(state) as store:
        recorded = [u for u in (site.url_for(f"/news/story-{n}.html") for n in range(ARTICLES)) if store.past_export("news", u)]
    assert sorted(recorded) == sorted(written)


def test_exit_status_from_stats() -> None:
    done = {"finish_reason": "finished"}
    assert exit_status({**done, "item_scraped_count": 3}) == EXIT_OK
    assert exit_status({"item_scraped_count": 3}) == EXIT_FORCED  # never closed: a second Ctrl-C
    assert exit_status({**done, "item_scraped_count": 3, "feedexport/failed_count/FileFeedStorage": 1}) == EXIT_FEED_ERROR
    assert exit_status(done) == EXIT_EMPTY
    assert exit_status(done, shared=True) == EXIT_OK  # another worker may have exported
    assert exit_status({"finish_reason": "shutdown"}) == EXIT_OK  # paused with Ctrl-C
    assert exit_status({**done, "newsspider/skipped/already_exported": 48}) == EXIT_OK  # nothing new
    summary = crawl_summary({**done, "newsspider/refused/internal_address": 2, "newsspider/skipped/out_of_window": 4}, 1.0)
    assert "refused            2  (internal_address 2)" in summary
    assert "NOTHING NEW" in summary
