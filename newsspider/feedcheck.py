"""Feeds that cannot be written fail the crawl loudly instead of ending in a silent success.

Scrapy logs a feed it cannot open or write (a path under a file, a read-only folder, a full disk)
once per record and still exits 0, and ``item_scraped_count`` counts records that never reached
the file. Two checks close that gap:

- :func:`feed_problems`, run by the ``crawl`` command before the crawl starts: every local feed
  file (``-o``/``-O``, file paths in ``FEEDS``, else ``NEWSSPIDER_DEFAULT_FEED``) must be a file
  that can be created or appended to (a folder, for a feed written in parts: Parquet), and its
  exporter must have what it needs (pyarrow); otherwise a one-line error, exit status 2.
- :class:`FeedWriteGuard`, an extension: the first record a feed fails to write stops the crawl
  (finish reason ``feed_write_error``, stat ``newsspider/feed/write_errors``), and the ``crawl``
  command exits with status 3 (see ``newsspider/summary.py``), as it does when Scrapy fails to
  store a feed at the end (``feedexport/failed_count/*``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from pathlib import Path, PureWindowsPath
from typing import Any
from urllib.parse import urlparse

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.settings import BaseSettings
from scrapy.utils.defer import deferred_from_coro
from w3lib.url import file_uri_to_path

from newsspider.compat import FeedSlot, feed_slots
from newsspider.parts import feed_exporter

logger = logging.getLogger(__name__)

FEED_WRITE_ERROR = "feed_write_error"
WRITE_ERRORS_STAT = "newsspider/feed/write_errors"


def local_feed_path(uri: str) -> Path | None:
    """The file a feed URI writes to, or None for remote feeds, stdout and other schemes."""
    scheme = urlparse(uri).scheme
    if scheme == "file":
        return Path(file_uri_to_path(uri))
    if not scheme or PureWindowsPath(uri).drive:
        return Path(uri)
    return None


def path_problem(path: Path, *, folder: bool = False) -> str | None:
    """Why ``path`` cannot be written as a feed file (``folder``: as a feed folder of part files,
    ``newsspider/parts.py``); None when it can, or cannot be known yet."""
    if "%(" in str(path.parent):  # a folder named by placeholders (%(name)s…): known only at open
        return None
    if folder and path.is_dir():
        return None if os.access(path, os.W_OK | os.X_OK) else f"the folder {path} is not writable: make it writable or give another path"
    if folder and path.exists():
        return f"{path} is a file, and this feed is a folder of part files: remove it or give another path"
    if path.is_dir():
        return f"{path} is a folder"
    if path.exists():
        return None if os.access(path, os.W_OK) else f"{path} is not writable"
    parent = path.parent
    while not parent.exists() and parent != parent.parent:
        parent = parent.parent
    if not parent.is_dir():
        return f"{parent} is not a folder"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"the folder {parent} is not writable"
    return None


def feed_problems(feeds: Mapping[Any, Any], settings: BaseSettings | None = None) -> list[str]:
    """One message per local feed of ``FEEDS`` (URI -> options) that cannot be written. With
    ``settings``, a feed whose exporter writes parts is checked as a folder, and an exporter that
    lacks a dependency (``missing_dependency()``) is reported."""
    problems = []
    for uri, options in feeds.items():
        exporter = feed_exporter(settings, (options or {}).get("format")) if settings is not None else None
        missing = getattr(exporter, "missing_dependency", None)
        problem = missing() if missing is not None else None
        path = local_feed_path(str(uri))
        if problem is None and path is not None:
            problem = path_problem(path, folder=getattr(exporter, "part_suffix", None) is not None)
        if problem:
            problems.append(f"cannot write the feed {uri}: {problem}")
    return problems


def stop_for_feed_error(crawler: Crawler) -> None:
    """Close the spider with finish reason ``feed_write_error`` (the ``crawl`` command exits 3)."""
    if crawler.engine is not None and crawler.engine.spider is not None:
        deferred_from_coro(crawler.engine.close_spider_async(reason=FEED_WRITE_ERROR))


class FeedWriteGuard:
    """Extension: stop the crawl at the first record a feed could not write (module docstring).

    It runs after Scrapy's ``FeedExporter`` on ``item_scraped`` (extension order > 0) and knows a
    write failed when a slot that accepts the record did not count it.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.counts: dict[FeedSlot, int] = {}
        self.stopping = False
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FeedWriteGuard:
        return cls(crawler)

    def item_scraped(self, item: Any) -> None:
        counts = {}
        for slot in feed_slots(self.crawler):
            counts[slot] = slot.itemcount
            if not slot.filter.accepts(item):
                continue
            seen = self.counts.get(slot)
            # A slot new to us either took this record (count 1) or is a fresh batch whose
            # predecessor took it (batch_id > 1, count 0).
            if slot.itemcount == seen if seen is not None else (slot.itemcount == 0 and slot.batch_id == 1):
                self._failed(slot.uri)
        self.counts = counts  # only the current slots: closed batches are let go

    def _failed(self, uri: str) -> None:
        self.crawler.stats.inc_value(WRITE_ERRORS_STAT)  # type: ignore[union-attr]
        if self.stopping:
            return
        self.stopping = True
        logger.error(
            "A record could not be written to the feed %s (the error is logged above): stopping the crawl "
            "(finish reason %s, exit status 3)", uri, FEED_WRITE_ERROR,
        )  # fmt: skip
        stop_for_feed_error(self.crawler)
