"""Pause, kill and resume with one JOBDIR and one incremental state: every article exported once.

Scrapy saves a JOBDIR's request queue only on a clean stop while its duplicate filter grows as
requests are scheduled; ``newsspider/jobdir.py`` makes a resume after a kill crawl again instead
of trusting them. These crawls are slowed down (one request at a time) so that signals land
mid-crawl; records are released without the site-learning hold so that they reach the feed one
by one.
"""

from __future__ import annotations

import csv
import json
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from newsspider.demo.server import DemoServer
from newsspider.jobdir import RUNNING_MARK
from newsspider.state.sqlite import SQLiteStateStore
from newsspider.summary import EXIT_FORCED
from tests.faults.server import FaultServer, article_html, index_html, respond, stall
from tests.helpers import (
    SLOW,
    GatedDemoServer,
    crawl,
    finish,
    paths,
    read_records,
    run_scrapy,
    signal_after_records,
    start_crawl,
)

#: Requests the demo server answers before it holds the rest until the crawl is signalled (~14
#: articles): each stopped run fetches at most that many, however slowly the machine extracts.
STOP_WITHIN = 20
#: Records go to the feed as they come: the tests stop crawls after a number of records.
NO_HOLD = ("-s", "NEWSSPIDER_SITELEARN_HOLD=0")


@pytest.fixture(scope="module")
def server() -> Iterator[GatedDemoServer]:
    with GatedDemoServer() as srv:
        yield srv


def exactly_once(ground_truth: dict[str, Any], *files: Path) -> None:
    counts = Counter(p for f in files for p in paths(read_records(f)))
    assert sorted(p for p, n in counts.items() if n > 1) == []
    assert sorted(counts) == sorted(ground_truth["articles"])


def test_pause_then_kill_then_resume_exports_each_article_once(tmp_path: Path, server: GatedDemoServer, ground_truth: dict[str, Any]) -> None:
    """Ctrl-C, resume, kill -9 mid-crawl, resume again with the same command: its ``-O`` appends to
    the killed run's file instead of deleting the records the state holds as exported."""
    jobdir, state = tmp_path / "job", tmp_path / "state.sqlite"
    out1, out2 = tmp_path / "run1.jsonl", tmp_path / "run2.jsonl"
    settings = ("-s", f"JOBDIR={jobdir}", "-s", "NEWSSPIDER_STATE_ENABLED=1", "-s", f"NEWSSPIDER_STATE_PATH={state}")

    # Ctrl-C once: a clean stop; the feed is closed, the queue saved.
    server.hold_after(STOP_WITHIN)
    log1 = signal_after_records(
        start_crawl(server.url, ("-O", out1), *NO_HOLD, *SLOW, *settings), out1, 3, signal.SIGINT, gate=server
    )
    assert "closing spider (shutdown)" in log1.lower(), log1[-2000:]
    assert (jobdir / "requests.queue" / "active.json").exists() and not (jobdir / RUNNING_MARK).exists()
    first = read_records(out1)
    assert 3 <= len(first) < 48
    assert len(out1.read_text(encoding="utf-8").splitlines()) == len(first)  # every line complete
    with SQLiteStateStore(state) as store:
        assert store.count("demo") == len(first) and store.unclosed_feeds("demo") == []

    # Resumed from the saved queue, then killed: the queue on disk is now stale, the seen-set ahead of it.
    server.hold_after(STOP_WITHIN)
    signal_after_records(start_crawl(server.url, ("-O", out2), *NO_HOLD, *SLOW, *settings), out2, 3, signal.SIGKILL, gate=server)
    assert (jobdir / RUNNING_MARK).exists()
    killed = read_records(out2)
    assert len(killed) >= 3 and len(first) + len(killed) < 48

    # Resumed again with the same -O: it appends to the killed run's file, re-crawls and skips what was exported.
    log3 = finish(start_crawl(server.url, ("-O", out2), *NO_HOLD, *settings))
    assert "did not stop cleanly" in log3
    assert "appending to it instead of overwriting" in log3
    assert [r["url"] for r in read_records(out2)][: len(killed)] == [r["url"] for r in killed]
    assert not (jobdir / RUNNING_MARK).exists()
    exactly_once(ground_truth, out1, out2)


def test_ctrl_c_twice_forces_exit_then_a_resume_exports_the_rest_once(tmp_path: Path) -> None:
    """The first Ctrl-C waits for a download that stalls; the second forces the exit at once (status
    130). The same command with another output file then re-crawls and exports only what is new."""
    jobdir, state, out1, out2 = tmp_path / "job", tmp_path / "state.sqlite", tmp_path / "run1.jsonl", tmp_path / "run2.jsonl"
    first, later = [f"/news/story-{n}.html" for n in range(3)], [f"/news/story-{n}.html" for n in range(3, 5)]
    with FaultServer({"/": respond(index_html([*first, "/more/"])), "/more/": stall(60)}) as site:
        for n, path in enumerate(first + later):
            site.route(path, respond(article_html(n)))

        def start(out: Path) -> subprocess.Popen[str]:
            return start_crawl(
                site.url, ("-O", out), *NO_HOLD, "-s", f"JOBDIR={jobdir}", "-s", "NEWSSPIDER_STATE_ENABLED=1",
                "-s", f"NEWSSPIDER_STATE_PATH={state}", "-s", "NEWSSPIDER_DISCOVERY=links", "-s", "ROBOTSTXT_OBEY=False",
                "-s", "DOWNLOAD_TIMEOUT=60", "-s", "NEWSSPIDER_MIN_BODY_WORDS=20", spider="news",
            )  # fmt: skip

        proc = start(out1)
        deadline = time.monotonic() + 60
        while (len(read_records(out1)) < 3 or not site.hits("/more/")) and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        time.sleep(1)
        assert proc.poll() is None, "the graceful stop should wait for the stalled download"
        proc.send_signal(signal.SIGINT)
        _, log = proc.communicate(timeout=30)
        assert "forcing unclean shutdown" in log.lower(), log[-2000:]
        assert proc.returncode == EXIT_FORCED
        assert len(read_records(out1)) == 3  # every complete line of the forced-off feed is readable
        assert (jobdir / RUNNING_MARK).exists()  # the next run with this JOBDIR re-crawls instead of resuming

        site.route("/more/", respond(index_html(later)))  # the section that stalled answers now
        log2 = finish(start(out2))
    assert "did not stop cleanly" in log2
    assert sorted(paths(read_records(out1))) == first and sorted(paths(read_records(out2))) == later


def test_a_jobdir_in_use_is_refused(tmp_path: Path, server: DemoServer) -> None:
    """A second crawl on the JOBDIR of a running one would take its queue for a killed crawl's."""
    jobdir, out = tmp_path / "job", tmp_path / "run1.jsonl"
    running = start_crawl(server.url, ("-O", out), *NO_HOLD, *SLOW, "-s", f"JOBDIR={jobdir}")
    try:
        deadline = time.monotonic() + 60
        while not (jobdir / RUNNING_MARK).exists() and running.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        second = run_scrapy("crawl", "demo", "-a", f"url={server.url}", "-O", str(tmp_path / "run2.jsonl"), "-s", f"JOBDIR={jobdir}")
        assert second.returncode == 2
        assert f"JOBDIR {jobdir} is in use by a running crawl (pid {running.pid})" in second.stderr
    finally:
        running.kill()
        running.communicate()


def feed_urls(path: Path, fmt: str) -> list[str]:
    """URLs of the complete records of a whole JSON lines or CSV feed (read here, not by the code under test)."""
    with path.open(encoding="utf-8", newline="") as stream:
        if fmt == "csv":
            return [row["url"] for row in csv.DictReader(stream)]
        return [json.loads(line)["url"] for line in stream if line.strip()]


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_killed_crawls_feed_is_read_back_so_its_records_are_not_exported_again(tmp_path: Path, fmt: str) -> None:
    """The window between a record's write and its state commit, made deterministic: a crawl killed
    right after flushing its first record leaves that record (and a second one cut short) in its feed
    file, the file noted open in the state, no record committed -- ExportStatePipeline notes the
    feed, flushes, then commits. The next crawl reads the file back and exports only the others."""
    state = tmp_path / "state.sqlite"
    (tmp_path / "full").mkdir()
    (tmp_path / "rerun").mkdir()
    with FaultServer() as site:
        site.serve_articles(3)
        full = crawl(tmp_path / "full", site.url, "NEWSSPIDER_DISCOVERY=links", "NEWSSPIDER_SITELEARN_HOLD=0",
                             output=f"full.{fmt}")  # fmt: skip
        assert full.proc.returncode == 0, full.proc.stderr[-3000:]
        exported = feed_urls(tmp_path / "full" / f"full.{fmt}", fmt)
        assert len(exported) == 3
        text = (tmp_path / "full" / f"full.{fmt}").read_text(encoding="utf-8")
        killed = tmp_path / f"killed.{fmt}"
        killed.write_text(text[: text.index(exported[1]) + 200], encoding="utf-8")  # the second record cut mid-way
        with SQLiteStateStore(state) as store:
            store.feed_opened("news", str(killed.resolve()), fmt, datetime.now(UTC).isoformat(timespec="seconds"))

        rerun = crawl(tmp_path / "rerun", site.url, "NEWSSPIDER_DISCOVERY=links", "NEWSSPIDER_SITELEARN_HOLD=0",
                              "NEWSSPIDER_STATE_ENABLED=1", f"NEWSSPIDER_STATE_PATH={state}")  # fmt: skip
    assert rerun.proc.returncode == 0, rerun.proc.stderr[-3000:]
    assert sorted(r["url"] for r in rerun.records) == sorted(exported[1:])  # not the first one again
    assert rerun.stat("newsspider/state/recovered") == 1
    with SQLiteStateStore(state) as store:
        assert store.count("news") == 3 and store.unclosed_feeds("news") == []
