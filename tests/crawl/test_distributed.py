"""Distributed crawling through a real redis-server: exactly once across workers, fail fast."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import pytest
import redis
import scrapy
from scrapy.exceptions import CloseSpider, DontCloseSpider
from scrapy.settings import Settings
from scrapy.utils.reactor import install_reactor, is_reactor_installed
from scrapy.utils.test import get_crawler

from newsspider.demo.server import DemoServer
from newsspider.distributed import RedisCoordinator, RedisCrawl, RedisScheduler, shown_url
from newsspider.spiders.demo import DemoSpider
from newsspider.state.base import ExportedRecord, url_fingerprint
from newsspider.state.redis_store import RedisStateStore
from newsspider.summary import EXIT_FAILED, REDIS_UNAVAILABLE
from tests.helpers import EXIT_CANNOT_START, REPO_ROOT, read_jsonl, run_scrapy
from tests.redis_server import RedisServer, needs_redis_server

#: Bounds, not timings: a worker that stalls instead of exiting fails the test.
EXIT_BOUND = 90


def _worker(url: str, redis_url: str, out: Path, *settings: str) -> subprocess.Popen[str]:
    """``scrapy crawl demo`` as one distributed worker, started in the background."""
    args = ["-s", f"NEWSSPIDER_REDIS_URL={redis_url}", "-s", "NEWSSPIDER_REDIS_IDLE_TIMEOUT=2", "-s", "NEWSSPIDER_REDIS_WORKERS=2"]
    for setting in settings:
        args += ["-s", setting]
    cmd = [sys.executable, "-m", "scrapy", "crawl", "demo", "-a", f"url={url}", "-O", str(out), *args]
    return subprocess.Popen(cmd, cwd=REPO_ROOT, env=dict(os.environ), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def _path(url: str) -> str:
    return urlsplit(url).path or "/"


def test_two_workers_export_every_article_exactly_once(
    tmp_path: Path, redis_url: str, ground_truth: dict[str, Any], redis_server: RedisServer
) -> None:
    with DemoServer() as site:
        # An extra seed pushed twice, and as a tracking variant, to the seed list: it must be
        # fetched once all the same (the shared duplicate filter uses the canonical fingerprint).
        seeds = (site.url + "world/", site.url + "world/", site.url + "world?utm_source=newsletter#top")
        redis_server.client().rpush("demo:start_urls", *seeds)
        outs = [tmp_path / "w1.jsonl", tmp_path / "w2.jsonl"]
        # A small delay keeps the crawl long enough for both workers to take part.
        workers = [_worker(site.url, redis_url, out, "DOWNLOAD_DELAY=0.05", "AUTOTHROTTLE_ENABLED=False") for out in outs]
        logs = [w.communicate(timeout=300)[1] for w in workers]
        requests = Counter(site.requests)
    for worker, log in zip(workers, logs):
        assert worker.returncode == 0, log[-3000:]
    per_worker = [[_path(r["url"]) for r in read_jsonl(out)] for out in outs]
    exported = per_worker[0] + per_worker[1]
    assert sorted(exported) == sorted(ground_truth["articles"])  # every article, exactly once
    fetched_twice = {path: n for path, n in requests.items() if n > 1 and path != "/robots.txt"}
    assert not fetched_twice, f"fetched more than once across workers: {fetched_twice}"
    assert requests["/"] == 1 and requests["/world/"] == 1
    counts = [len(p) for p in per_worker]
    print(f"articles per worker: {counts}; pages fetched: {sum(requests.values())}")
    assert all(counts), f"a worker exported nothing: {counts}"  # both took part in the shared crawl


@needs_redis_server
def test_workers_exit_non_zero_when_redis_dies_mid_crawl(tmp_path: Path) -> None:
    with DemoServer() as site, RedisServer(tmp_path) as redis:
        slow = ("DOWNLOAD_DELAY=0.3", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS=2", "CONCURRENT_REQUESTS_PER_DOMAIN=1")
        workers = [_worker(site.url, redis.url, tmp_path / f"w{i}.jsonl", *slow) for i in (1, 2)]
        client, deadline = redis.client(), time.monotonic() + EXIT_BOUND
        while client.scard("demo:dupefilter") < 5:  # the crawl is under way
            assert time.monotonic() < deadline, "the crawl did not start"
            assert all(w.poll() is None for w in workers), "a worker exited before Redis died"
            time.sleep(0.1)
        redis.stop()
        died = time.monotonic()
        logs = [w.communicate(timeout=EXIT_BOUND)[1] for w in workers]
        print(f"workers exited {time.monotonic() - died:.1f} s after Redis died")  # a figure, not an assertion
    for worker, log in zip(workers, logs):
        assert worker.returncode == 1, log[-3000:]
        assert "is unreachable" in log and "Spider closed (redis_unavailable)" in log


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines(keepends=True) if path.exists() else []


@needs_redis_server
def test_worker_that_loses_redis_closes_cleanly_with_its_feed_whole(tmp_path: Path) -> None:
    """Redis killed mid-crawl: the worker closes through the engine (no hard exit), exits 1,
    prints the summary, and its JSON lines file holds whole records, each line parseable. The
    incremental state (in Redis, as in a real distributed crawl) raises no error either."""
    out = tmp_path / "worker.jsonl"
    with DemoServer() as site, RedisServer(tmp_path) as redis:
        # Slow enough that Redis dies mid-crawl; few requests in flight, so the close drains quickly.
        slow = ("DOWNLOAD_DELAY=0.1", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS=2", "CONCURRENT_REQUESTS_PER_DOMAIN=1")
        worker = _worker(site.url, redis.url, out, *slow, "NEWSSPIDER_STATE_ENABLED=1")
        deadline = time.monotonic() + EXIT_BOUND
        while len(_lines(out)) < 2:  # records exported before Redis dies
            assert time.monotonic() < deadline, "no record exported"
            assert worker.poll() is None, "the worker exited before Redis died"
            time.sleep(0.1)
        redis.stop()
        log = worker.communicate(timeout=EXIT_BOUND)[1]
    assert worker.returncode == EXIT_FAILED, log[-3000:]
    assert "Traceback" not in log, log[-3000:]
    assert "Spider closed (redis_unavailable)" in log
    assert "'newsspider/redis/unavailable': 1" in log  # counted in the stats dump
    assert "'log_count/ERROR': 1," in log  # the one error: Redis is unreachable
    assert "finish reason      redis_unavailable" in log and "FAILED: Redis was lost mid-crawl" in log  # the summary
    lines = _lines(out)
    assert len(lines) >= 2 and all(line.endswith("\n") for line in lines)  # no record cut short
    records = [json.loads(line) for line in lines]
    assert all(record["title"] and record["body"] for record in records)


@needs_redis_server
def test_redis_state_answers_as_empty_once_redis_is_lost(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    record = ExportedRecord("demo", "http://a.test/x", "http://a.test/x", "f" * 40, "2024-01-02", "2024-01-03T00:00:00")
    with RedisServer(tmp_path) as server:
        store = RedisStateStore(redis.Redis.from_url(server.url, socket_connect_timeout=2))
        store.record([record])
        store.feed_opened("demo", "/tmp/feed.jsonl", "jsonlines", "2024-01-03T00:00:00")
        assert store.past_export("demo", "http://a.test/x") is not None
    # Redis is gone: no error reaches the caller, the state looks empty, one warning says so.
    assert store.past_export("demo", "http://a.test/x") is None
    assert not store.body_exported("demo", "a.test", "f" * 40)
    store.record([record])
    store.feed_closed("demo", "/tmp/feed.jsonl")
    assert store.unclosed_feeds("demo") == []
    warnings = [r for r in caplog.records if r.name == "newsspider.state.redis_store"]
    assert len(warnings) == 1 and "is unreachable" in warnings[0].getMessage()
    store.close()


def test_worker_fails_at_start_when_redis_is_unreachable(tmp_path: Path, redis_server: RedisServer) -> None:
    with RedisServer(tmp_path) as gone:
        url = gone.url
    proc = run_scrapy("crawl", "demo", "-s", f"NEWSSPIDER_REDIS_URL={url}", "-O", str(tmp_path / "x.jsonl"), timeout=EXIT_BOUND)
    assert proc.returncode == EXIT_CANNOT_START, proc.stderr[-3000:]
    assert f"Redis at NEWSSPIDER_REDIS_URL={url} is unreachable" in proc.stderr


@needs_redis_server
def test_a_worker_starting_as_redis_dies_closes_with_the_reason_not_a_traceback(tmp_path: Path) -> None:
    """Redis answers the coordinator's check when the worker starts, then dies before the engine
    builds the scheduler and opens the spider (seen under load: the worker printed Scrapy's
    "Engine slot not assigned" traceback instead of the reason). The scheduler starts broken,
    touching Redis no more, and the coordinator closes the spider as it opens, reason
    ``redis_unavailable`` (exit status 1, as for any loss)."""
    with RedisServer(tmp_path) as redis_:
        if not is_reactor_installed():
            install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
        crawler = get_crawler(DemoSpider, {"ADDONS": {"newsspider.Addon": 0}, "NEWSSPIDER_REDIS_URL": redis_.url})
        coordinator = RedisCoordinator(crawler)  # Redis is up: the check at start passes
    scheduler = RedisScheduler.from_crawler(crawler)  # Redis gone: no error, a broken scheduler
    spider = DemoSpider.from_crawler(crawler, url="http://127.0.0.1:1/")
    scheduler.open(spider)
    assert scheduler.broken and scheduler.next_request() is None and not scheduler.has_pending_requests()
    assert not scheduler.enqueue_request(scrapy.Request("http://127.0.0.1:1/a"))
    with pytest.raises(CloseSpider) as closing:
        coordinator.spider_opened(spider)
    assert closing.value.reason == REDIS_UNAVAILABLE and coordinator.failed
    scheduler.close("redis_unavailable")


class _Engine:
    """What the coordinator's beat reads of Scrapy's engine: is it idle, and its wake-up call."""

    def __init__(self) -> None:
        self.idle, self.woken = True, 0
        self._slot = SimpleNamespace(nextcall=self)  # compat.wake_engine calls _slot.nextcall.schedule()

    def schedule(self) -> None:
        self.woken += 1

    def spider_is_idle(self) -> bool:
        return self.idle


def test_an_idle_worker_is_woken_to_close_once_the_idle_timeout_has_passed(redis_url: str) -> None:
    """Scrapy asks an idle spider whether to close only on its 5-second heartbeat: the beat wakes
    the engine once the idle timeout has passed, so a worker closes then. The timeout counts from
    the last busy moment: a worker busy again starts its next idle period afresh."""
    crawler = get_crawler(DemoSpider, {"ADDONS": {"newsspider.Addon": 0}, "NEWSSPIDER_REDIS_URL": redis_url,
                                       "NEWSSPIDER_REDIS_IDLE_TIMEOUT": 2})
    coordinator = RedisCoordinator(crawler)
    spider = DemoSpider.from_crawler(crawler, url="http://127.0.0.1:1/")
    crawler.engine = engine = _Engine()  # type: ignore[assignment]
    coordinator.spider_opened(spider)  # the beat starts: first call now
    coordinator.beat.stop()
    with pytest.raises(DontCloseSpider):
        coordinator.spider_idle(spider)  # idle now: wait the timeout
    coordinator._beat()
    assert engine.woken == 0  # within the timeout: nothing to do
    coordinator.idle_since = time.monotonic() - 2
    coordinator._beat()
    assert engine.woken == 1  # the timeout has passed: spider_idle is asked now
    coordinator.spider_idle(spider)  # and lets the worker close
    engine.idle = False
    coordinator._beat()
    assert coordinator.idle_since is None  # busy again: the next idle period starts afresh
    engine.idle = True
    coordinator._beat()
    assert engine.woken == 1
    with pytest.raises(DontCloseSpider):
        coordinator.spider_idle(spider)
    coordinator.spider_closed(spider)


def _distributed(**values: Any) -> Settings:
    settings = Settings({"CONCURRENT_REQUESTS_PER_DOMAIN": 8, "DOWNLOAD_DELAY": 0.5, "AUTOTHROTTLE_TARGET_CONCURRENCY": 4.0})
    settings.setdict(values, priority="cmdline")
    RedisCrawl().update_settings(settings)
    return settings


def test_politeness_is_divided_between_workers() -> None:
    settings = _distributed(NEWSSPIDER_REDIS_URL="redis://127.0.0.1:1/0", NEWSSPIDER_REDIS_WORKERS=3)
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 3
    assert settings.getfloat("DOWNLOAD_DELAY") == pytest.approx(1.5)
    assert settings.getfloat("AUTOTHROTTLE_TARGET_CONCURRENCY") == pytest.approx(4 / 3)
    assert settings["SCHEDULER"] == "newsspider.distributed.RedisScheduler"
    assert settings.getbool("SCHEDULER_PERSIST")


def test_off_without_a_url() -> None:
    settings = _distributed()
    assert settings["SCHEDULER"] != "newsspider.distributed.RedisScheduler"
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 8


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"NEWSSPIDER_REDIS_URL": "127.0.0.1:6379"}, "NEWSSPIDER_REDIS_URL="),
        ({"NEWSSPIDER_REDIS_URL": "redis://127.0.0.1:1/0", "NEWSSPIDER_REDIS_WORKERS": "0"}, "NEWSSPIDER_REDIS_WORKERS="),
    ],
)
def test_bad_settings_fail_fast(values: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        _distributed(**values)


def test_incremental_state_is_shared_in_redis(redis_url: str) -> None:
    assert _distributed(NEWSSPIDER_REDIS_URL=redis_url)["NEWSSPIDER_STATE_BACKEND"].endswith("RedisStateStore")
    chosen = _distributed(NEWSSPIDER_REDIS_URL=redis_url, NEWSSPIDER_STATE_BACKEND="sqlite")
    assert chosen["NEWSSPIDER_STATE_BACKEND"] == "sqlite"  # the command line's choice stands

    one, other = (RedisStateStore(redis.Redis.from_url(redis_url), host=h) for h in ("worker-1", "worker-2"))
    record = ExportedRecord("demo", "http://a.test/x?b=1&a=2", "http://a.test/x", "f" * 40, "2024-01-02", "2024-01-03T00:00:00")
    one.record([record])
    seen = other.past_export("demo", "http://a.test/x?a=2&b=1")  # another worker, canonical URL order
    assert seen is not None and seen.version == "2024-01-02"
    assert other.past_export("demo", "http://a.test/x") is not None
    assert other.body_exported("demo", "a.test", "f" * 40)
    assert other.past_export("other-site", "http://a.test/x") is None
    one.feed_opened("demo", "/tmp/feed.jsonl", "jsonlines", "2024-01-03T00:00:00")
    assert one.unclosed_feeds("demo") == [("/tmp/feed.jsonl", "jsonlines", "2024-01-03T00:00:00")]
    assert other.unclosed_feeds("demo") == []  # feed files are on each worker's own disk
    one.feed_closed("demo", "/tmp/feed.jsonl")
    assert one.unclosed_feeds("demo") == []
    one.close()
    other.close()


def test_a_live_workers_open_feed_is_not_read_back(redis_url: str) -> None:
    """Two workers on one machine share ``feeds:<hostname>``: a worker starting must not take the
    feed another one is writing for a stopped crawl's (it would close it, and the records that
    worker writes after losing Redis would never be read back). Once that worker is gone, it is."""
    store = RedisStateStore(redis.Redis.from_url(redis_url), host="one-machine")
    key = "newsspider:state:demo:feeds:one-machine"
    with subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"], stdin=subprocess.PIPE) as other:
        store.server.hset(key, "/tmp/other.jsonl", json.dumps(["jsonl", "2024-01-03T00:00:00", other.pid]))
        assert store.unclosed_feeds("demo") == []  # still being written
        other.communicate(b"")
    assert store.unclosed_feeds("demo") == [("/tmp/other.jsonl", "jsonl", "2024-01-03T00:00:00")]
    store.feed_opened("demo", "/tmp/own.jsonl", "jsonl", "2024-01-03T00:00:00")
    assert ("/tmp/own.jsonl", "jsonl", "2024-01-03T00:00:00") in store.unclosed_feeds("demo")  # own process: listed
    store.close()


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        ("redis://:s3cret@db.internal:6379/0", "redis://:***@db.internal:6379/0"),
        ("redis://crawler:s3cret@db.internal/2", "redis://crawler:***@db.internal/2"),
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/0"),
    ],
)
def test_logs_never_show_the_redis_password(url: str, shown: str) -> None:
    assert shown_url(Settings({"NEWSSPIDER_REDIS_URL": url})) == shown


def _exported(paths: list[Path]) -> list[str]:
    return [_path(record["url"]) for path in paths if path.exists() for record in read_jsonl(path)]


def _exported_again(client: redis.Redis, feed: Path, earlier: list[Path], logs: list[str]) -> str:
    """What a failure needs to be diagnosed: each record of ``feed`` that an ``earlier`` feed
    holds, with where it was, what the state holds for its URL, and the crawls' state log lines."""
    before = {_path(r["url"]): (path.name, r) for path in earlier if path.exists() for r in read_jsonl(path)}
    again = [r for r in read_jsonl(feed) if _path(r["url"]) in before]
    if not again:
        return ""
    lines = [line for log in logs for line in log.splitlines() if "Recorded " in line or "incremental state" in line]
    report = []
    for record in again:
        name, old = before[_path(record["url"])]
        state = client.hget("newsspider:state:demo:urls", url_fingerprint(record["url"]))
        report.append(f"{_path(record['url'])}: in {name} (fingerprint {old.get('fingerprint')}, now "
                      f"{record.get('fingerprint')}, version {record.get('version')}); state: {state!r}")  # fmt: skip
    return "exported again:\n" + "\n".join(report + lines)


@needs_redis_server
def test_crawl_resumes_after_a_redis_restart_with_nothing_lost_or_repeated(
    tmp_path: Path, ground_truth: dict[str, Any]
) -> None:
    """docs/scaling.md, "When Redis goes away": Redis dies mid-crawl (SIGKILL; it persists every
    write), both workers exit 1; Redis is started again on its data and the workers again with the
    same command: no article is exported twice, and the only ones missing are links found after
    the loss (never queued). A crawl with the frontier cleared then exports exactly those: the
    incremental state (records written after the loss included) skips everything else."""
    data = tmp_path / "redis"
    data.mkdir()
    # Slow, and few requests taken from the shared queue at a time: most of the frontier is in Redis.
    slow = ("DOWNLOAD_DELAY=0.3", "AUTOTHROTTLE_ENABLED=False", "CONCURRENT_REQUESTS=2", "CONCURRENT_REQUESTS_PER_DOMAIN=1")
    state = "NEWSSPIDER_STATE_ENABLED=1"  # the incremental state, in Redis as in any distributed crawl
    articles = sorted(ground_truth["articles"])
    with DemoServer() as site:
        with RedisServer(data, persist=True) as server:
            first = [tmp_path / f"w{i}-first.jsonl" for i in (1, 2)]
            workers = [_worker(site.url, server.url, out, *slow, state) for out in first]
            client, deadline = server.client(), time.monotonic() + EXIT_BOUND
            # Well into the crawl (the sitemap's articles are known), far from its end.
            while client.scard("demo:dupefilter") < len(articles) or client.zcard("demo:requests") < 20:
                assert time.monotonic() < deadline, "the crawl did not get under way"
                assert all(w.poll() is None for w in workers), "a worker exited before Redis died"
                time.sleep(0.1)
            server.stop()
            logs = [w.communicate(timeout=EXIT_BOUND)[1] for w in workers]
            port = server.port
        for worker, log in zip(workers, logs):
            assert worker.returncode == EXIT_FAILED, log[-3000:]
        before = _exported(first)
        assert len(before) < len(articles), "the crawl finished before Redis died"

        with RedisServer(data, persist=True, port=port) as server:
            second = [tmp_path / f"w{i}-second.jsonl" for i in (1, 2)]
            workers = [_worker(site.url, server.url, out, state) for out in second]
            logs = [w.communicate(timeout=300)[1] for w in workers]
            for worker, log in zip(workers, logs):
                assert worker.returncode == 0, log[-3000:]
            resumed = before + _exported(second)
            assert len(resumed) == len(set(resumed)), "an article was exported twice"
            assert set(resumed) <= set(articles)
            missing = sorted(set(articles) - set(resumed))
            print(f"exported before Redis died: {len(before)}, after the restart: {len(resumed) - len(before)}, missing: {missing}")

            server.client().delete("demo:requests", "demo:dupefilter")  # docs/scaling.md: a new crawl
            third = tmp_path / "third.jsonl"
            worker = _worker(site.url, server.url, third, state)
            log = worker.communicate(timeout=300)[1]
            assert worker.returncode == 0, log[-3000:]
            again = _exported_again(server.client(), third, [*first, *second], [*logs, log])
    assert not again, again  # nothing exported before is exported again
    assert sorted(_exported([third])) == missing  # only what the resumed crawl could not find
    assert sorted(resumed + _exported([third])) == articles  # every article, exactly once
