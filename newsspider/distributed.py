"""Distributed crawling: several workers share one crawl frontier in Redis (scrapy-redis).

Switched on by one setting, ``NEWSSPIDER_REDIS_URL`` (e.g. ``-s NEWSSPIDER_REDIS_URL=redis://host:6379/0``);
every worker runs the same ``scrapy crawl`` command. What this module adds to scrapy-redis:

- :class:`RedisCrawl` (add-on): the switch. Points ``SCHEDULER``/``DUPEFILTER_CLASS`` at the
  shared queue and duplicate filter, keeps them when one worker closes (``SCHEDULER_PERSIST``),
  bounds every Redis call (timeouts, few retries: the Redis client runs on the reactor thread),
  and divides per-domain politeness by ``NEWSSPIDER_REDIS_WORKERS``.
- The incremental state (``newsspider/state``) moves to Redis too
  (:class:`~newsspider.state.redis_store.RedisStateStore`), shared by all workers.
- :class:`RedisDupeFilter`: the shared duplicate filter keyed by our canonical request
  fingerprint (scrapy-redis's own would fetch ``/a?utm_source=x`` and ``/a`` once each).
- :class:`RedisScheduler`: scrapy-redis's scheduler without its deprecated ``spider=`` stats
  calls, with a one-line error when Redis is unreachable at start.
- :class:`RedisCoordinator` (extension): seeds from the ``<spider>:start_urls`` list go through
  the shared duplicate filter (scrapy-redis's own ``RedisSpider`` sends them with
  ``dont_filter=True``, so every worker would fetch them again); a worker closes only when the
  shared queue is empty, no other worker is busy, and that has lasted
  ``NEWSSPIDER_REDIS_IDLE_TIMEOUT`` seconds; and if Redis goes away, the worker closes the
  crawl through the engine (close reason ``redis_unavailable``, stat
  ``newsspider/redis/unavailable``; its feeds are closed whole) instead of logging errors
  forever, and ``scrapy crawl`` exits with status 1 (``newsspider.summary.exit_status``).

Start URLs given with ``-a url=`` (or a spider's ``start_urls``) pass the shared duplicate
filter too, so every worker may be started with the same command: the seed is fetched once.
"""

from __future__ import annotations

import logging
import math
import os
import socket
import time
import warnings
from typing import Any
from urllib.parse import urlsplit

import scrapy
from redis.backoff import ConstantBackoff
from redis.exceptions import RedisError
from redis.retry import Retry
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, DontCloseSpider, NotConfigured, ScrapyDeprecationWarning
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from scrapy.utils.defer import deferred_from_coro
from scrapy.utils.request import RequestFingerprinterProtocol
from scrapy_redis import connection
from scrapy_redis import defaults as redis_defaults
from scrapy_redis.dupefilter import RFPDupeFilter
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

from newsspider import config
from newsspider.compat import wake_engine
from newsspider.summary import REDIS_UNAVAILABLE

logger = logging.getLogger(__name__)

#: Seconds between a worker's checks of Redis (and of its own busy flag).
BEAT_INTERVAL = 1.0
#: Settings divided by the worker count so that all workers together keep one worker's politeness.
POLITENESS_DIVIDED = ("CONCURRENT_REQUESTS_PER_DOMAIN", "CONCURRENT_REQUESTS_PER_IP")


def redis_url(settings: BaseSettings) -> str:
    return str(config.get(settings, "NEWSSPIDER_REDIS_URL"))


def shown_url(settings: BaseSettings) -> str:
    """``NEWSSPIDER_REDIS_URL`` for logs and messages: without its password."""
    parts = urlsplit(redis_url(settings))
    if parts.password is None:
        return parts.geturl()
    user = f"{parts.username}:***" if parts.username else ":***"
    return parts._replace(netloc=f"{user}@{parts.hostname}" + (f":{parts.port}" if parts.port else "")).geturl()


def check_redis_url(url: str) -> None:
    """ValueError naming the fix when ``NEWSSPIDER_REDIS_URL`` is set but not a Redis URL."""
    if url and not url.startswith(("redis://", "rediss://", "unix://")):
        raise ValueError(f"NEWSSPIDER_REDIS_URL={url!r} is invalid: give e.g. redis://127.0.0.1:6379/0")


class RedisUnavailable(RuntimeError):
    """Redis cannot be reached; the message names the URL and the fix."""


def unreachable(settings: BaseSettings, err: Exception) -> RedisUnavailable:
    return RedisUnavailable(
        f"Redis at NEWSSPIDER_REDIS_URL={shown_url(settings)} is unreachable ({err}): start redis-server there or fix the URL"
    )


class RedisCrawl:
    """Add-on: distributed mode when ``NEWSSPIDER_REDIS_URL`` is set (see module docstring).

    Settings: ``NEWSSPIDER_REDIS_URL`` (default empty: off), ``NEWSSPIDER_REDIS_WORKERS``
    (default 1: how many workers share the crawl; per-domain concurrency is divided and
    ``DOWNLOAD_DELAY`` multiplied by it), ``NEWSSPIDER_REDIS_IDLE_TIMEOUT`` (default 30: seconds
    all workers must have been idle before one closes).
    """

    def update_settings(self, settings: BaseSettings) -> None:
        url = redis_url(settings)
        if not url:
            return
        check_redis_url(url)
        workers = config.get(settings, "NEWSSPIDER_REDIS_WORKERS")
        config.get(settings, "NEWSSPIDER_REDIS_IDLE_TIMEOUT")  # fail now, not when the extension starts
        settings.set("REDIS_URL", url, priority="addon")
        settings.set("SCHEDULER", "newsspider.distributed.RedisScheduler", priority="addon")
        settings.set("DUPEFILTER_CLASS", "newsspider.distributed.RedisDupeFilter", priority="addon")
        # The frontier belongs to the whole crawl: a worker that closes must not wipe it.
        settings.set("SCHEDULER_PERSIST", True, priority="addon")
        settings.set("SCHEDULER_IDLE_BEFORE_CLOSE", 0, priority="addon")  # never block the reactor on a pop
        params = {"socket_connect_timeout": 5, "socket_timeout": 10, "retry": Retry(ConstantBackoff(0.2), 2)}
        settings.set("REDIS_PARAMS", {**params, **settings.getdict("REDIS_PARAMS")}, priority="addon")
        settings.set_in_component_priority_dict("EXTENSIONS", RedisCoordinator, 100)
        # The incremental state is shared too, unless the command line chose a backend.
        if (settings.getpriority("NEWSSPIDER_STATE_BACKEND") or 0) < SETTINGS_PRIORITIES["cmdline"]:
            _set_keeping_priority(settings, "NEWSSPIDER_STATE_BACKEND", "newsspider.state.redis_store.RedisStateStore")
        if workers > 1:
            for name in POLITENESS_DIVIDED:
                if settings.getint(name):
                    _set_keeping_priority(settings, name, max(1, math.ceil(settings.getint(name) / workers)))
            _set_keeping_priority(settings, "DOWNLOAD_DELAY", settings.getfloat("DOWNLOAD_DELAY") * workers)
            target = settings.getfloat("AUTOTHROTTLE_TARGET_CONCURRENCY")
            _set_keeping_priority(settings, "AUTOTHROTTLE_TARGET_CONCURRENCY", max(1.0, target / workers))


def _set_keeping_priority(settings: BaseSettings, name: str, value: Any) -> None:
    """Set ``name`` at the priority it already has, so a -s value is divided, not ignored."""
    settings.set(name, value, priority=max(settings.getpriority(name) or 0, 0))


class RedisDupeFilter(RFPDupeFilter):
    """scrapy-redis's shared duplicate filter, keyed by the crawl's request fingerprinter.

    scrapy-redis fingerprints with its own ``canonicalize_url`` hash; this uses
    ``REQUEST_FINGERPRINTER_CLASS`` (newsspider's canonical one), so URL variants of a page
    (tracking parameters, fragment, trailing slash) are one fetch across workers as on one machine.
    """

    fingerprinter: RequestFingerprinterProtocol

    @classmethod
    def from_spider(cls, spider: scrapy.Spider) -> RedisDupeFilter:
        dupefilter = super().from_spider(spider)
        dupefilter.fingerprinter = spider.crawler.request_fingerprinter
        return dupefilter

    def request_fingerprint(self, request: scrapy.Request) -> str:
        return self.fingerprinter.fingerprint(request).hex()


class RedisScheduler(Scheduler):
    """scrapy-redis's shared queue + duplicate filter, with clear failures and current stats calls.

    After a Redis error while crawling the scheduler gives up (requests are not queued, none
    are returned) without touching Redis again, so a closing worker does not wait on it; the
    :class:`RedisCoordinator` notices the outage within a second and stops the worker.
    """

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisScheduler:
        try:
            instance = cls.from_settings(crawler.settings)
        except RedisError as err:
            # Redis answered the coordinator's check at start, then went away before the engine built
            # the scheduler (a worker starting as Redis dies). An error raised here, inside Scrapy's
            # engine start, ends in a traceback ("Engine slot not assigned") that hides the cause:
            # start broken instead, and the coordinator's first beat closes the crawl as for any loss.
            instance = cls(server=connection.from_settings(crawler.settings), persist=True)
            instance._lost(err, "start")
        instance.stats = crawler.stats
        return instance

    broken = False  # set on the first Redis error: later calls give up at once instead of waiting on Redis

    def open(self, spider: scrapy.Spider) -> None:
        if self.broken:
            self.spider = spider
            return
        # scrapy-redis 0.9.1 announces a resumed crawl with the deprecated Spider.log(); keep its
        # message, not the deprecation warning a restarted worker would print.
        try:
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", "Spider.log", ScrapyDeprecationWarning)
                super().open(spider)
        except RedisError as err:  # lost while opening: as above, the coordinator closes the crawl
            self._lost(err, "open")

    def close(self, reason: str) -> None:
        if not self.broken:
            super().close(reason)

    def _lost(self, err: RedisError, what: str) -> None:
        if not self.broken:
            logger.debug("Redis error in the scheduler (%s): %s", what, err)
        self.broken = True

    def enqueue_request(self, request: scrapy.Request) -> bool:
        if self.broken:
            return False
        try:
            if not request.dont_filter and self.df.request_seen(request):
                self.df.log(request, self.spider)
                return False
            self.queue.push(request)
        except RedisError as err:
            self._lost(err, f"request lost: {request}")
            return False
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> scrapy.Request | None:
        if self.broken:
            return None
        try:
            request = self.queue.pop(self.idle_before_close)
        except RedisError as err:
            self._lost(err, "pop")
            return None
        if request is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        if self.broken:
            return False
        try:
            return len(self) > 0
        except RedisError as err:
            self._lost(err, "queue length")
            return False


class RedisCoordinator:
    """Extension: seeds through the duplicate filter, agreed closing, fail-fast on Redis loss."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        self.idle_timeout: float = config.get(settings, "NEWSSPIDER_REDIS_IDLE_TIMEOUT")
        self.server = connection.from_settings(settings)
        try:  # fail before the engine starts, with one clear message
            self.server.ping()
        except RedisError as err:
            raise unreachable(settings, err) from err
        self.worker = f"{socket.gethostname()}:{os.getpid()}"
        self.idle_since: float | None = None
        self.failed = False
        self.beat = LoopingCall(self._beat)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedisCoordinator:
        if not redis_url(crawler.settings):
            raise NotConfigured  # off by default: no message, so Scrapy does not warn (NEWSSPIDER_REDIS_URL is not set)
        return cls(crawler)

    def spider_opened(self, spider: scrapy.Spider) -> None:
        settings = self.crawler.settings
        self.spider = spider
        self.queue_key = settings.get("SCHEDULER_QUEUE_KEY", redis_defaults.SCHEDULER_QUEUE_KEY) % {"spider": spider.name}
        self.seeds_key = settings.get("REDIS_START_URLS_KEY", redis_defaults.START_URLS_KEY) % {"name": spider.name}
        self.busy_prefix = f"{spider.name}:busy:"
        logger.info(
            "Distributed crawl through %s as worker %s (seeds: list %r)", shown_url(settings), self.worker, self.seeds_key
        )
        try:  # Redis may have gone since the check in __init__ (the scheduler then started broken)
            self.server.ping()
        except RedisError as err:
            self._lost(err)
            raise CloseSpider(REDIS_UNAVAILABLE) from err  # the engine closes the spider as it opens
        self.beat.start(BEAT_INTERVAL, now=True)

    def spider_closed(self, spider: scrapy.Spider) -> None:
        if self.beat.running:
            self.beat.stop()
        if not self.failed:
            try:
                self.server.delete(self.busy_prefix + self.worker)
            except RedisError:
                pass

    # -- while crawling ---------------------------------------------------------------------

    def _beat(self) -> None:
        """Mark this worker busy (so others wait for it), wake it when others left work, or when
        it has been idle for the idle timeout (so it closes then, not on the engine's heartbeat)."""
        try:
            if self._queue_length():
                self._wake_engine()
            if not self.crawler.engine.spider_is_idle():
                self.idle_since = None  # the idle timeout counts from the last busy moment
                self.server.set(self.busy_prefix + self.worker, 1, px=int(3000 * BEAT_INTERVAL))
            elif self.idle_since is not None and time.monotonic() - self.idle_since >= self.idle_timeout:
                self._wake_engine()  # spider_idle decides: close, or wait for the others
        except RedisError as err:
            self.fail(err)

    def _wake_engine(self) -> None:
        # Scrapy looks at the scheduler again only on its 5-second heartbeat; requests pushed
        # by other workers are picked up now instead.
        wake_engine(self.crawler.engine)

    def _queue_length(self) -> int:
        kind = self.server.type(self.queue_key)
        kind = kind.decode() if isinstance(kind, bytes) else kind
        if kind == "zset":
            return int(self.server.zcard(self.queue_key))
        if kind == "list":
            return int(self.server.llen(self.queue_key))
        return 0

    def _others_busy(self) -> bool:
        own = (self.busy_prefix + self.worker).encode()
        return any(key != own for key in self.server.scan_iter(match=self.busy_prefix + "*", count=100))

    def _pop_seeds(self) -> list[str]:
        seeds = self.server.lpop(self.seeds_key, 100) or []
        return [s.decode() if isinstance(s, bytes) else str(s) for s in seeds]

    def spider_idle(self, spider: scrapy.Spider) -> None:
        """Schedule seeds; close only when every worker has been idle for the idle timeout."""
        if self.failed:
            raise DontCloseSpider  # already closing, with the reason redis_unavailable
        try:
            seeds = self._pop_seeds()
            waiting = bool(seeds) or self._queue_length() > 0 or self._others_busy()
        except RedisError as err:
            self._lost(err)
            raise CloseSpider(REDIS_UNAVAILABLE) from err  # the engine closes the idle spider with this reason
        for url in seeds:
            # No dont_filter: the shared duplicate filter lets each seed through once.
            self.crawler.engine.crawl(scrapy.Request(url.strip(), callback=getattr(spider, "parse", None)))
        now = time.monotonic()
        if waiting or self.idle_since is None:
            self.idle_since = now
        if waiting or now - self.idle_since < self.idle_timeout:
            raise DontCloseSpider

    # -- failing fast -----------------------------------------------------------------------

    def fail(self, err: Exception) -> None:
        """Redis is gone (seen by the beat, on the reactor thread): close the crawl through the engine.

        The spider closes as any crawl does (feeds closed, pipelines and extraction pool shut
        down), with the close reason ``redis_unavailable``; the crawl command turns that reason
        into exit status 1. The scheduler gives up on Redis at its first error
        (:attr:`RedisScheduler.broken`), so closing does not wait on the lost server.
        """
        if self.failed:
            return
        self._lost(err)
        closing = deferred_from_coro(self.crawler.engine.close_spider_async(reason=REDIS_UNAVAILABLE))
        closing.addErrback(lambda failure: logger.error("Closing after losing Redis failed: %s", failure.value))

    def _lost(self, err: Exception) -> None:
        """Log the loss once, count it, stop the beat."""
        self.failed = True
        logger.error(
            "Redis at %s is unreachable (%s): closing this worker (finish reason %s, exit status 1). "
            "Restart redis-server, then restart the workers to resume the crawl.",
            shown_url(self.crawler.settings),
            err,
            REDIS_UNAVAILABLE,
        )
        self.crawler.stats.set_value("newsspider/redis/unavailable", 1)
        if self.beat.running:
            self.beat.stop()
