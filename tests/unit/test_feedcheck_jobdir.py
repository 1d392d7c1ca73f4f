"""Feed paths checked up front, a feed write failure stopping the crawl, and a killed crawl's
JOBDIR discarded (newsspider/feedcheck.py, newsspider/jobdir.py), on real files and crawlers."""

from __future__ import annotations

import asyncio
import logging
import os
import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from newsspider.compat import feed_slots
from newsspider.feedcheck import FEED_WRITE_ERROR, WRITE_ERRORS_STAT, FeedWriteGuard, feed_problems, local_feed_path, path_problem
from newsspider.items import Article
from newsspider.jobdir import RUNNING_MARK, JobdirGuard, JobdirInUse, crawl_using, discard_unreliable

# -- feed paths -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("uri", "expected"),
    [
        ("file:///tmp/out.jsonl", Path("/tmp/out.jsonl")),
        ("exports/out.csv", Path("exports/out.csv")),
        ("/abs/out.jsonl", Path("/abs/out.jsonl")),
        ("C:\\feeds\\out.csv", Path("C:\\feeds\\out.csv")),
        ("s3://bucket/out.jsonl", None),
        ("ftp://host/out.jsonl", None),
        ("stdout:", None),
    ],
)
def test_local_feed_path(uri: str, expected: Path | None) -> None:
    assert local_feed_path(uri) == expected


def test_path_problems(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "old.jsonl").write_text("{}\n")
    assert path_problem(tmp_path) == f"{tmp_path} is a folder"
    assert path_problem(tmp_path / "old.jsonl") is None  # appended to / overwritten
    assert path_problem(tmp_path / "new.jsonl") is None
    assert path_problem(tmp_path / "a" / "b" / "new.jsonl") is None  # folders are created
    assert path_problem(tmp_path / "file.txt" / "out.jsonl") == f"{tmp_path / 'file.txt'} is not a folder"
    assert path_problem(tmp_path / "file.txt" / "sub" / "out.jsonl") == f"{tmp_path / 'file.txt'} is not a folder"
    assert path_problem(tmp_path / "file.txt" / "%(name)s" / "out.jsonl") is None  # known only at open


def test_feed_problems_name_each_bad_local_feed(tmp_path: Path) -> None:
    (tmp_path / "file.txt").write_text("x")
    feeds = {
        str(tmp_path / "ok.jsonl"): {},
        str(tmp_path): {},
        (tmp_path / "file.txt" / "x.csv").as_uri(): {},
        "s3://bucket/x.jsonl": {},
    }
    assert feed_problems(feeds) == [
        f"cannot write the feed {tmp_path}: {tmp_path} is a folder",
        f"cannot write the feed {(tmp_path / 'file.txt' / 'x.csv').as_uri()}: {tmp_path / 'file.txt'} is not a folder",
    ]
    assert feed_problems({}) == []


# -- FeedWriteGuard -------------------------------------------------------------------------


def _feed_crawler(feeds: dict[str, Any]) -> Any:
    crawler = get_crawler(settings_dict={"FEEDS": feeds, "LOGSTATS_INTERVAL": 0})
    crawler.spider = crawler._create_spider("guarded")
    return crawler


def _scrape(crawler: Any, item: dict[str, Any]) -> None:
    crawler.signals.send_catch_log(signals.item_scraped, item=item, response=None, spider=crawler.spider)


def in_loop(test: Any) -> None:
    """Run ``test`` in a running asyncio loop, as a crawl does: what it schedules (the feed
    exporter's batch close, the guard's close_spider) is cancelled when it returns."""

    async def main() -> None:
        test()

    asyncio.run(main())


def test_feed_write_guard_quiet_while_feeds_take_records(tmp_path: Path) -> None:
    in_loop(lambda: _quiet_while_feeds_take_records(tmp_path))


def _quiet_while_feeds_take_records(tmp_path: Path) -> None:
    crawler = _feed_crawler(
        {
            str(tmp_path / "all.jsonl"): {"format": "jsonlines"},
            str(tmp_path / "batch-%(batch_id)d.jsonl"): {"format": "jsonlines", "batch_item_count": 1},
            str(tmp_path / "none.jsonl"): {"format": "jsonlines", "item_classes": ["scrapy.Item"]},
        }
    )
    guard = FeedWriteGuard.from_crawler(crawler)
    crawler.signals.send_catch_log(signals.spider_opened, spider=crawler.spider)
    for n in range(3):
        _scrape(crawler, {"url": f"http://example.com/{n}"})
    assert crawler.stats.get_value(WRITE_ERRORS_STAT) is None
    assert guard.stopping is False


def test_feed_write_guard_counts_every_failed_record(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "file.txt").write_text("x")
    bad = str(tmp_path / "file.txt" / "out.jsonl")
    crawler = _feed_crawler({str(tmp_path / "good.jsonl"): {"format": "jsonlines"}, bad: {"format": "jsonlines"}})
    guard = FeedWriteGuard(crawler)
    crawler.signals.send_catch_log(signals.spider_opened, spider=crawler.spider)
    with caplog.at_level(logging.ERROR, logger="newsspider.feedcheck"):
        guard.stopping = True  # the engine is not running here: count only
        _scrape(crawler, {"url": "http://example.com/1"})
        _scrape(crawler, {"url": "http://example.com/2"})
    assert crawler.stats.get_value(WRITE_ERRORS_STAT) == 2
    assert not [r for r in caplog.records if r.name == "newsspider.feedcheck"]


def test_feed_write_guard_notices_a_feed_failing_after_records(tmp_path: Path) -> None:
    articles = tmp_path / "articles.jsonl"
    crawler = _feed_crawler(
        {
            str(tmp_path / "none.jsonl"): {"format": "jsonlines", "item_classes": ["scrapy.Request"]},  # takes nothing
            str(articles): {"format": "jsonlines", "item_classes": ["newsspider.items.Article"]},
        }
    )
    guard = FeedWriteGuard(crawler)
    guard.stopping = True  # the engine is not running here: count only
    crawler.signals.send_catch_log(signals.spider_opened, spider=crawler.spider)
    for n in (1, 2):
        _scrape(crawler, Article(url=f"http://example.com/{n}"))
    assert crawler.stats.get_value(WRITE_ERRORS_STAT) is None
    (slot,) = [slot for slot in feed_slots(crawler) if slot.uri == str(articles)]
    slot.file.close()  # the disk is gone
    _scrape(crawler, Article(url="http://example.com/3"))
    _scrape(crawler, {"url": "http://example.com/4"})  # not for that feed
    assert crawler.stats.get_value(WRITE_ERRORS_STAT) == 1


def test_feed_write_guard_first_failure_logs_and_closes(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    in_loop(lambda: _first_failure_logs_and_closes(tmp_path, caplog))


def _first_failure_logs_and_closes(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / "file.txt").write_text("x")
    bad = str(tmp_path / "file.txt" / "out.jsonl")
    crawler = _feed_crawler({bad: {"format": "jsonlines"}})
    crawler.engine = crawler._create_engine()
    crawler.engine.spider = crawler.spider  # as once the engine has opened the spider
    guard = FeedWriteGuard(crawler)
    crawler.signals.send_catch_log(signals.spider_opened, spider=crawler.spider)
    with caplog.at_level(logging.ERROR, logger="newsspider.feedcheck"):
        _scrape(crawler, {"url": "http://example.com/1"})
        _scrape(crawler, {"url": "http://example.com/2"})
    assert guard.stopping is True
    assert crawler.stats.get_value(WRITE_ERRORS_STAT) == 2
    messages = [r.getMessage() for r in caplog.records if r.name == "newsspider.feedcheck"]
    assert len(messages) == 1
    assert bad in messages[0] and FEED_WRITE_ERROR in messages[0]
    coros: list[Any] = [task.get_coro() for task in asyncio.all_tasks()]
    (closing,) = [coro for coro in coros if coro.__qualname__ == "ExecutionEngine.close_spider_async"]
    assert closing.cr_frame.f_locals["reason"] == FEED_WRITE_ERROR


# -- JOBDIR ---------------------------------------------------------------------------------


def _killed_jobdir(jobdir: Path, pid: int) -> None:
    (jobdir / "requests.queue").mkdir(parents=True)
    (jobdir / "requests.queue" / "p0").write_bytes(b"x")
    (jobdir / "requests.seen").write_text("abc\n")
    (jobdir / "spider.state").write_bytes(b"kept")
    (jobdir / RUNNING_MARK).write_text(f"pid {pid} started 2026-01-01T00:00:00+00:00\n")


@pytest.fixture
def dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def _wait_for_exec(pid: int, marker: bytes) -> None:
    """Until the child has exec'd: between fork and exec /proc shows the parent's command line."""
    cmdline = Path(f"/proc/{pid}/cmdline")
    for _ in range(2000):  # a budget, not a timing check: normally the first or second read
        if not cmdline.exists() or marker in cmdline.read_bytes():
            return
        time.sleep(0.005)


@pytest.fixture
def live_process() -> Iterator[subprocess.Popen[bytes]]:
    procs: list[subprocess.Popen[bytes]] = []

    def start(*argv: str) -> subprocess.Popen[bytes]:
        procs.append(subprocess.Popen(["sh", "-c", "sleep 60", *argv]))
        _wait_for_exec(procs[-1].pid, argv[-1].encode())
        return procs[-1]

    yield start  # type: ignore[misc]
    for proc in procs:
        proc.kill()
        proc.wait()


def test_discard_unreliable(tmp_path: Path) -> None:
    _killed_jobdir(tmp_path, 1)
    assert discard_unreliable(tmp_path) == ["requests.seen", "requests.queue"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [RUNNING_MARK, "spider.state"]
    assert discard_unreliable(tmp_path) == []
    (tmp_path / "requests.queue").write_text("a file")  # whatever it is, it goes
    assert discard_unreliable(tmp_path) == ["requests.queue"]


def test_crawl_using(tmp_path: Path, dead_pid: int, live_process: Any) -> None:
    mark = tmp_path / RUNNING_MARK
    assert crawl_using(tmp_path) is None  # no mark
    for text in ("", "pid", "pid x started"):
        mark.write_text(text)
        assert crawl_using(tmp_path) is None
    mark.write_text(f"pid {os.getpid()} started now")
    assert crawl_using(str(tmp_path)) is None  # this very crawl
    mark.write_text(f"pid {dead_pid} started now")
    assert crawl_using(tmp_path) is None
    crawl = live_process("scrapy")
    mark.write_text(f"pid {crawl.pid} started now")
    assert crawl_using(tmp_path) == crawl.pid
    crawl = live_process("newsspider")
    mark.write_text(f"pid {crawl.pid} started now")
    assert crawl_using(tmp_path) == crawl.pid
    other = live_process("other")
    mark.write_text(f"pid {other.pid} started now")
    assert crawl_using(tmp_path) is None  # a reused pid


def test_jobdir_guard_off_without_jobdir() -> None:
    with pytest.raises(NotConfigured):
        JobdirGuard.from_crawler(get_crawler())


def test_jobdir_guard_marks_and_unmarks(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    jobdir = tmp_path / "job"
    crawler = get_crawler(settings_dict={"JOBDIR": str(jobdir)})
    with caplog.at_level(logging.WARNING, logger="newsspider.jobdir"):
        guard = JobdirGuard.from_crawler(crawler)
    assert re.fullmatch(rf"pid {os.getpid()} started 20\d\d-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00\n", (jobdir / RUNNING_MARK).read_text())
    assert crawl_using(jobdir) is None
    assert crawler.stats.get_value("newsspider/jobdir/unclean_resume") is None
    assert not caplog.records
    crawler.signals.send_catch_log(signals.spider_closed, spider=None, reason="finished")
    assert not (jobdir / RUNNING_MARK).exists()
    guard.spider_closed()  # twice is fine


@pytest.mark.parametrize("state", [True, False])
def test_jobdir_guard_discards_a_killed_crawls_queue(
    tmp_path: Path, dead_pid: int, state: bool, caplog: pytest.LogCaptureFixture
) -> None:
    _killed_jobdir(tmp_path, dead_pid)
    crawler = get_crawler(settings_dict={"JOBDIR": str(tmp_path), "NEWSSPIDER_STATE_ENABLED": state})
    with caplog.at_level(logging.WARNING, logger="newsspider.jobdir"):
        JobdirGuard.from_crawler(crawler)
    assert not (tmp_path / "requests.seen").exists() and not (tmp_path / "requests.queue").exists()
    assert (tmp_path / "spider.state").read_bytes() == b"kept"
    assert crawler.stats.get_value("newsspider/jobdir/unclean_resume") == 1
    (message,) = [r.getMessage() for r in caplog.records]
    assert "discarded requests.seen, requests.queue;" in message
    assert ("exported again" in message) is not state
    assert (tmp_path / RUNNING_MARK).read_text().startswith(f"pid {os.getpid()} ")


def test_jobdir_guard_killed_crawl_with_nothing_queued(tmp_path: Path, dead_pid: int, caplog: pytest.LogCaptureFixture) -> None:
    (tmp_path / RUNNING_MARK).write_text(f"pid {dead_pid} started now\n")
    crawler = get_crawler(settings_dict={"JOBDIR": str(tmp_path)})
    with caplog.at_level(logging.WARNING, logger="newsspider.jobdir"):
        JobdirGuard.from_crawler(crawler)
    assert "discarded nothing;" in caplog.records[0].getMessage()


def test_jobdir_guard_refuses_a_jobdir_in_use(tmp_path: Path, live_process: Any) -> None:
    _killed_jobdir(tmp_path, live_process("scrapy").pid)
    with pytest.raises(JobdirInUse, match="in use by a running crawl"):
        JobdirGuard.from_crawler(get_crawler(settings_dict={"JOBDIR": str(tmp_path)}))
    assert (tmp_path / "requests.seen").exists()  # the live crawl's files are left alone
