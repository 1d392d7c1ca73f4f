"""Progress while a crawl runs: a live line on a terminal, periodic log lines otherwise.

Settings: ``NEWSSPIDER_PROGRESS_INTERVAL`` (seconds between updates, default 5; 0 disables),
``NEWSSPIDER_PROGRESS_LIVE`` (``"auto"``: a live line when stderr is a terminal; ``True``/``False``
to force). The live line is drawn with rich; log lines go through the ``newsspider.progress`` logger.
"""

from __future__ import annotations

import logging
import sys
import time
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.settings import BaseSettings
from scrapy.statscollectors import StatsCollector
from scrapy.utils.asyncio import create_looping_call

from newsspider import config
from newsspider.summary import pages_fetched

logger = logging.getLogger(__name__)


def progress_counts(stats: StatsCollector) -> dict[str, int]:
    """The figures a user watches: pages fetched, articles exported, records dropped, pages skipped."""
    values: dict[str, Any] = stats.get_stats()
    return {
        "pages": pages_fetched(values),
        "articles": int(values.get("item_scraped_count", 0)),
        "dropped": sum(v for k, v in values.items() if k.startswith("newsspider/dropped/")),
        "skipped": sum(v for k, v in values.items() if k.startswith("newsspider/skipped/")),
    }


def format_progress(counts: dict[str, int], elapsed: float) -> str:
    rate = counts["pages"] / elapsed if elapsed > 0 else 0.0
    return (
        f"{counts['pages']} pages fetched ({rate:.1f}/s), {counts['articles']} articles exported, "
        f"{counts['dropped']} dropped, {counts['skipped']} skipped, {elapsed:.0f}s"
    )


def live_progress(settings: BaseSettings) -> bool:
    """Whether progress is a live line (``NEWSSPIDER_PROGRESS_LIVE``; ``"auto"``: stderr is a terminal)."""
    value = config.get(settings, "NEWSSPIDER_PROGRESS_LIVE")
    if value.strip().lower() == "auto":
        return sys.stderr.isatty()
    return bool(config.as_bool(value))  # one of the declared choices


class Progress:
    """Scrapy extension reporting crawl progress every ``NEWSSPIDER_PROGRESS_INTERVAL`` seconds."""

    def __init__(self, crawler: Crawler, interval: float, live: bool) -> None:
        self.crawler = crawler
        self.interval = interval
        self.live = live
        self.started = time.monotonic()
        self._status: Any = None
        self._task: Any = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        interval = config.get(crawler.settings, "NEWSSPIDER_PROGRESS_INTERVAL")
        if interval <= 0:
            raise NotConfigured
        ext = cls(crawler, interval, live_progress(crawler.settings))
        crawler.signals.connect(ext.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(ext.spider_closed, signal=signals.spider_closed)
        return ext

    def spider_opened(self) -> None:
        self.started = time.monotonic()
        if self.live:
            from rich.console import Console

            self._status = Console(stderr=True).status("starting crawl…")
            self._status.start()
        self._task = create_looping_call(self.report)
        # A live line is cheap to redraw; log lines come at the configured interval.
        self._task.start(0.5 if self.live else self.interval, now=False)

    def report(self) -> None:
        text = format_progress(progress_counts(self.crawler.stats), time.monotonic() - self.started)
        if self._status is not None:
            self._status.update(text)
        else:
            logger.info("progress: %s", text)

    def spider_closed(self) -> None:
        if self._task is not None and self._task.running:
            self._task.stop()
        if self._status is not None:
            self._status.stop()
            self._status = None
        else:  # the last figures, also for crawls shorter than one interval
            self.report()
