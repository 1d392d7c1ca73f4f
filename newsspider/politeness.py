"""Honour robots.txt ``Crawl-delay``: Scrapy parses it (protego) but never applies it.

On ``robots_parsed`` (sent by Scrapy's RobotsTxtMiddleware), the host's ``Crawl-delay`` for our
user agent, capped at ``NEWSSPIDER_CRAWL_DELAY_MAX``, becomes the minimum delay of the host's
download slot. AutoThrottle lowers slot delays towards the server's latency, so the minimum is
applied again after each of its adjustments (this extension's ``response_downloaded`` handler
runs after AutoThrottle's: extensions connect in ``EXTENSIONS`` order, AutoThrottle at 0).
Scrapy varies a slot's delay at random (``DOWNLOAD_DELAY_JITTER``, ±50% by default), which would
take it below the minimum half of the time: the host's slot gets no jitter.

In distributed mode (``NEWSSPIDER_REDIS_URL``) the ``NEWSSPIDER_REDIS_WORKERS`` workers share
the host: each waits the (capped) delay times the worker count, so that together they keep to it.

Settings: ``NEWSSPIDER_CRAWL_DELAY_ENABLED`` (default True; needs ``ROBOTSTXT_OBEY``),
``NEWSSPIDER_CRAWL_DELAY_MAX`` (seconds, default 10). Stats: ``newsspider/politeness/crawl_delay``
(largest delay applied, seconds), ``newsspider/politeness/crawl_delay_capped`` (hosts whose
delay was capped).
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.robotstxt import RobotParser

from newsspider import config
from newsspider.compat import (
    download_slot,
    download_slot_key,
    set_slot_defaults,
    slot_without_jitter,
)

logger = logging.getLogger(__name__)


class CrawlDelay:
    """Extension: per-host download-slot delay from robots.txt ``Crawl-delay`` (see module docstring)."""

    def __init__(self, crawler: Crawler, max_delay: float, workers: int = 1) -> None:
        self.crawler = crawler
        self.max_delay = max_delay
        self.workers = workers  # crawl processes sharing each host (distributed mode)
        self.user_agent = crawler.settings.get("ROBOTSTXT_USER_AGENT") or crawler.settings.get("USER_AGENT") or "*"
        self.floors: dict[str, float] = {}
        crawler.signals.connect(self.robots_parsed, signal=signals.robots_parsed)
        crawler.signals.connect(self.response_downloaded, signal=signals.response_downloaded)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlDelay:
        settings = crawler.settings
        if not (config.get(settings, "NEWSSPIDER_CRAWL_DELAY_ENABLED") and settings.getbool("ROBOTSTXT_OBEY")):
            raise NotConfigured("NEWSSPIDER_CRAWL_DELAY_ENABLED or ROBOTSTXT_OBEY is off")
        max_delay = config.get(settings, "NEWSSPIDER_CRAWL_DELAY_MAX")
        workers = config.get(settings, "NEWSSPIDER_REDIS_WORKERS") if config.get(settings, "NEWSSPIDER_REDIS_URL") else 1
        return cls(crawler, max_delay, workers)

    def robots_parsed(self, robotparser: RobotParser, request: Request) -> None:
        delay = robotparser.crawl_delay(self.user_agent)
        if not delay or delay <= 0:
            return
        applied = min(float(delay), self.max_delay) * self.workers
        stats = self.crawler.stats
        if float(delay) > self.max_delay and stats is not None:
            stats.inc_value("newsspider/politeness/crawl_delay_capped")
        key = download_slot_key(self.crawler, request)
        self.floors[key] = applied
        self._apply(key)
        if stats is not None:
            stats.max_value("newsspider/politeness/crawl_delay", applied)
        shared = f" ({self.workers} workers share the host)" if self.workers > 1 else ""
        logger.info("robots.txt of %s asks Crawl-delay: %s s; waiting %s s between requests%s", key, delay, applied, shared)

    def response_downloaded(self, response: Response, request: Request, spider: Any) -> None:
        key = request.meta.get("download_slot")
        if key in self.floors:
            self._apply(key)

    def _apply(self, key: str) -> None:
        slot = download_slot(self.crawler, key)
        if slot is not None:
            slot.delay = max(slot.delay, self.floors[key])
            # A random variation below the delay would break the Crawl-delay.
            slot_without_jitter(slot)
        # A slot created later (after garbage collection) starts from DOWNLOAD_SLOTS.
        set_slot_defaults(self.crawler, key, self.floors[key])
