"""The crawl record beside each local feed file, for the dataset card (``newsspider card``).

``exports/x.jsonl`` gets ``exports/x.jsonl.crawl.json`` (a folder of Parquet parts ``x.parquet/``
gets ``x.parquet.crawl.json``): what a card cannot read from the records themselves, for each
crawl that wrote the feed (one for ``-O``, appended for ``-o``): the spider and its start URLs,
start and end times, newsspider's and Scrapy's versions, the settings that change what is
exported (:data:`CONTENT_SETTINGS`), the crawl's drop and de-duplication counts, and what each
host's robots.txt says about AI training (``newsspider/robotsai.py``).
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.extensions.feedexport import FileFeedStorage

from newsspider import config
from newsspider.compat import feed_slots
from newsspider.robotsai import robots_ai_statements

logger = logging.getLogger(__name__)

#: Name of the crawl record file: the feed's path + this suffix.
SUFFIX = ".crawl.json"
#: Format tag of the file (a reader checks it).
FORMAT = "newsspider-crawl/1"
#: Declared settings (names, or families ``NAME_*``) that change which records are exported or
#: what they hold.
CONTENT_SETTINGS = (
    "NEWSSPIDER_NORMALIZE_*", "NEWSSPIDER_VALIDATE_*", "NEWSSPIDER_MIN_BODY_WORDS", "NEWSSPIDER_DEDUPE_*",
    "NEWSSPIDER_QUALITY_*", "NEWSSPIDER_SYNDICATION", "NEWSSPIDER_SITELEARN_*", "NEWSSPIDER_EXTRACTION_FUNCTION", "NEWSSPIDER_DISCOVERY",
    "NEWSSPIDER_SINCE", "NEWSSPIDER_UNTIL", "NEWSSPIDER_STATE_ENABLED", "NEWSSPIDER_STATE_FRESH",
    "NEWSSPIDER_TRACKING_PARAMS", "NEWSSPIDER_CHARSET_REPAIR",
)  # fmt: skip
#: Scrapy settings that change what is crawled.
SCRAPY_CONTENT_SETTINGS = ("ROBOTSTXT_OBEY", "DEPTH_LIMIT", "CLOSESPIDER_ITEMCOUNT", "CLOSESPIDER_PAGECOUNT")
#: Stats copied into the record (prefixes ending in ``/``).
KEPT_STATS = ("item_scraped_count", "finish_reason", "newsspider/dropped/", "newsspider/state/", "newsspider/robots/")


def setting_names(*patterns: str) -> list[str]:
    """The declared settings ``patterns`` name (``NAME_*``: a family), in declaration order."""
    return [n for n in config.SETTINGS if any(n == p or (p.endswith("*") and n.startswith(p[:-1])) for p in patterns)]


def content_setting_names() -> list[str]:
    """The declared settings :data:`CONTENT_SETTINGS` names."""
    return [n for n in config.SETTINGS if n in setting_names(*CONTENT_SETTINGS)]


def content_settings(settings: Any) -> dict[str, Any]:
    """Those settings' values in ``settings`` (declared defaults when unset), and Scrapy's."""
    values = {name: config.get(settings, name) for name in content_setting_names()}
    values.update({name: settings.get(name) for name in SCRAPY_CONTENT_SETTINGS})
    return values


def record_path(feed: str | Path) -> Path:
    """The crawl record of a feed file (of its ``*.parquet`` folder for a Parquet part)."""
    path = Path(feed)
    if path.parent.name.endswith(".parquet"):
        path = path.parent
    return path.with_name(path.name + SUFFIX)


def package_version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class CrawlInfo:
    """Extension: writes the crawl record (module docstring) of every local feed file when the
    spider closes; collects the robots.txt AI statements the robots.txt middleware sends."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.started = _now()
        self.robots: dict[str, dict[str, Any]] = {}
        self.feeds: dict[Path, bool] = {}  # feed file -> appended to (not overwritten)
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)
        crawler.signals.connect(self.ai_statements, signal=robots_ai_statements)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlInfo:
        return cls(crawler)

    def ai_statements(self, host: str, statements: dict[str, Any]) -> None:
        self.robots[host] = statements

    def spider_opened(self) -> None:
        for slot in feed_slots(self.crawler):
            if isinstance(slot.storage, FileFeedStorage):
                self.feeds[Path(slot.storage.path)] = not slot.feed_options.get("overwrite", False)

    def spider_closed(self, reason: str) -> None:
        crawl = self.crawl(reason)
        for feed, append in self.feeds.items():
            if not feed.is_file():  # not written, or a device (/dev/null): no record beside it
                continue
            path = record_path(feed)
            try:
                crawls = _earlier_crawls(path) if append else []
                path.write_text(json.dumps({"format": FORMAT, "crawls": [*crawls, crawl]}, indent=1, default=str) + "\n", encoding="utf-8")
            except OSError as err:
                logger.warning("Could not write the crawl record %s: %s", path, err)

    def crawl(self, reason: str) -> dict[str, Any]:
        """This crawl's entry of the crawl record."""
        spider = self.crawler.spider
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        return {
            "spider": getattr(spider, "name", None),
            "start_urls": list(getattr(spider, "start_urls", None) or [])[:20],
            "started": self.started,
            "finished": _now(),
            "finish_reason": reason,
            "newsspider_version": package_version("newsspider"),
            "scrapy_version": scrapy.__version__,
            "settings": content_settings(self.crawler.settings),
            "stats": {k: v for k, v in sorted(stats.items()) if k.startswith(KEPT_STATS) and isinstance(v, (int, float, str))},
            "robots_ai": dict(sorted(self.robots.items())),
        }


def _earlier_crawls(path: Path) -> list[dict[str, Any]]:
    """The crawls an existing crawl record lists (none when absent or not one)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return list(data.get("crawls", [])) if isinstance(data, dict) and data.get("format") == FORMAT else []


def read_crawl_record(export: str | Path) -> list[dict[str, Any]]:
    """The crawls recorded beside an export (a feed file, a Parquet folder or part); [] when none."""
    path = record_path(export)
    return _earlier_crawls(path) if path.is_file() else []
