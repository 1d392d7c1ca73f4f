"""Every use of Scrapy's internals, in one place.

newsspider needs a few things Scrapy has no public API for (waking the engine, the scraper's
queue, the feed exporter's open files, a download slot's delay, the size-capped gunzip's
error). Each is reached only through this module; each accessor says which Scrapy versions it was checked on and what it relies on,
and ``tests/crawl/test_compat.py`` exercises every one against a running crawl, so that a
Scrapy release that changes them fails a test rather than a crawl.

Checked on Scrapy 2.18.0 (the oldest supported, ``pyproject.toml``) and 2.19.0. Scrapy 2.14.2
runs the unit tests but not the crawls: no ``robots_parsed`` signal, a synchronous
``RobotsTxtMiddleware._parse_robots``, another ``Sitemap`` parser (2.15-2.17: the first two).

Some internals cannot be wrapped: newsspider's subclasses of Scrapy classes override or call
private methods (:data:`PRIVATE_HOOKS`). They are listed here, and
``tests/unit/test_compat_hooks.py`` checks them against the installed Scrapy in the fast half.
"""

from __future__ import annotations

import inspect
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy.core.downloader import Slot as DownloadSlot
from scrapy.extensions.feedexport import FeedExporter, FeedSlot

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.core.engine import ExecutionEngine
    from scrapy.core.scheduler import BaseScheduler
    from scrapy.crawler import Crawler

try:
    # Checked on 2.14-2.19: what ``scrapy.utils.gz.gunzip(..., max_size=)`` raises past the cap.
    from scrapy.utils._compression import (
        _DecompressionMaxSizeExceeded as DecompressionMaxSizeExceeded,
    )
except ImportError:  # moved or renamed: it has always been a ValueError
    DecompressionMaxSizeExceeded = ValueError  # type: ignore[assignment,misc]

__all__ = [
    "PRIVATE_HOOKS",
    "ROBOTS_DOWNLOAD_ERROR",
    "ROBOTS_MIDDLEWARE_ATTRIBUTES",
    "DecompressionMaxSizeExceeded",
    "DownloadSlot",
    "FeedSlot",
    "download_slot",
    "download_slot_key",
    "engine_scheduler",
    "feed_slots",
    "scraper_load",
    "set_slot_defaults",
    "slot_without_jitter",
    "wake_engine",
]


# -- engine ------------------------------------------------------------------------------------


def wake_engine(engine: ExecutionEngine) -> bool:
    """Have the engine look at its scheduler now, not on its next 5-second heartbeat; False
    when the engine has no spider open.

    Relies on ``engine._slot.nextcall.schedule()`` (the ``_Slot`` the engine opens with the
    spider; what ``engine.crawl()`` calls after scheduling a request). Checked on 2.18-2.19.
    """
    slot = getattr(engine, "_slot", None)
    if slot is None:
        return False
    slot.nextcall.schedule()
    return True


def engine_scheduler(engine: ExecutionEngine) -> BaseScheduler | None:
    """The scheduler of the open spider, or None before the spider opened.

    Public ``engine.scheduler`` since 2.19; before, ``engine._slot.scheduler`` (2.14-2.18).
    """
    if hasattr(type(engine), "scheduler"):
        return engine.scheduler  # type: ignore[no-any-return]
    slot = getattr(engine, "_slot", None)
    return slot.scheduler if slot is not None else None


def scraper_load(engine: ExecutionEngine) -> tuple[int, int] | None:
    """``(queued, active)``: responses waiting for the scraper and responses (or their items)
    it is processing; None before the spider opened.

    Relies on ``engine.scraper.slot.queue`` (a deque) and ``.active`` (a set of requests).
    Checked on 2.18-2.19.
    """
    slot = engine.scraper.slot
    if slot is None:
        return None
    return len(slot.queue), len(slot.active)


# -- downloader --------------------------------------------------------------------------------


def download_slot_key(crawler: Crawler, request: Request) -> str:
    """The download slot (host, or ``download_slot`` meta) a request is downloaded in.

    ``Downloader.get_slot_key`` (public method, undocumented). Checked on 2.18-2.19.
    """
    return crawler.engine.downloader.get_slot_key(request)  # type: ignore[union-attr]


def download_slot(crawler: Crawler, key: str) -> DownloadSlot | None:
    """The live download slot for ``key``, None when it does not exist (yet, or any more: idle
    slots are garbage-collected).

    Relies on ``Downloader.slots`` (dict of key -> ``scrapy.core.downloader.Slot``, whose
    ``delay`` attribute is read on every request). Checked on 2.18-2.19.
    """
    return crawler.engine.downloader.slots.get(key)  # type: ignore[union-attr]


def set_slot_defaults(crawler: Crawler, key: str, delay: float) -> None:
    """Have the slot ``key`` start with ``delay`` and no jitter when it is (re)created.

    Relies on ``Downloader.per_slot_settings`` (the parsed ``DOWNLOAD_SLOTS``, read by
    ``Downloader._get_slot``), whose jitter key is ``jitter`` since 2.19, ``randomize_delay``
    before. Checked on 2.18-2.19.
    """
    crawler.engine.downloader.per_slot_settings.setdefault(key, {}).update(  # type: ignore[union-attr]
        {"delay": delay, JITTER_KEY: NO_JITTER}
    )


def slot_without_jitter(slot: DownloadSlot) -> None:
    """Make a slot wait exactly its delay (Scrapy varies it at random, ±50% by default).

    The attribute is ``jitter`` (a fraction) since 2.19, ``randomize_delay`` (a bool) before.
    """
    setattr(slot, JITTER_KEY, NO_JITTER)


#: A download slot's jitter: attribute and ``DOWNLOAD_SLOTS`` key, its "none" value, a default-like value.
JITTER_KEY = "jitter" if "jitter" in inspect.signature(DownloadSlot.__init__).parameters else "randomize_delay"
NO_JITTER: float | bool = 0.0 if JITTER_KEY == "jitter" else False
SOME_JITTER: float | bool = 0.5 if JITTER_KEY == "jitter" else True


# -- feed exports ------------------------------------------------------------------------------


def feed_slots(crawler: Crawler) -> list[FeedSlot]:
    """The feeds being written (one ``FeedSlot`` per feed, the current batch of a batched one);
    empty when the FeedExporter extension is off.

    Relies on ``FeedExporter.slots`` and on these ``FeedSlot`` attributes: ``uri``, ``format``,
    ``filter`` (``accepts(item)``), ``itemcount``, ``batch_id``, ``file`` (None until the first
    record), ``exporter`` (likewise), ``storage``, ``feed_options``. Checked on 2.18-2.19.
    """
    exporter: Any = crawler.get_extension(FeedExporter)
    return list(exporter.slots) if exporter is not None else []


def append_to_feed_file(slot: FeedSlot) -> None:
    """Make a local feed file slot (``-O``) append instead of truncating its file.

    Relies on ``FileFeedStorage.write_mode`` (``"wb"``/``"ab"``, set at construction, used when
    the slot opens its file at the first record) and ``FeedSlot.feed_options["overwrite"]``.
    Checked on 2.18-2.19.
    """
    slot.storage.write_mode = "ab"  # type: ignore[attr-defined]
    slot.feed_options["overwrite"] = False


# -- what subclasses rely on -------------------------------------------------------------------

#: Private methods of Scrapy classes that newsspider's subclasses override or call through
#: ``super()``: dotted name -> (parameters, coroutine function). Checked on 2.18-2.19.
PRIVATE_HOOKS: dict[str, tuple[tuple[str, ...], bool]] = {
    # newsspider/middlewares/robots.py (RobotsPolicy); async with a request since 2.18
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware._parse_robots": (
        ("self", "response", "netloc", "request"), True,
    ),
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware._robots_error": (("self", "exc", "netloc"), False),
    # newsspider/discovery/sitemaps.py (_NewsSitemap)
    "scrapy.utils.sitemap.Sitemap._process_sitemap_element": (("self", "elem"), False),
    "scrapy.utils.sitemap.Sitemap._get_tag_name": (("elem",), False),
    # newsspider/middlewares/retry.py (BackoffRetryMiddleware)
    "scrapy.downloadermiddlewares.retry.RetryMiddleware._retry": (("self", "request", "reason"), False),
    # newsspider/commands/crawl.py (the crawl command keeps its crawler for the summary)
    "scrapy.commands.BaseRunSpiderCommand._create_crawler": (("self", "spidercls"), False),
    # newsspider/commands/genspider.py (newsspider's templates beside Scrapy's: -t news)
    "scrapy.commands.genspider.Command._find_template": (("self", "template"), False),
    "scrapy.commands.genspider.Command._list_templates": (("self",), False),
    # tests/helpers.py (JsonFileStatsCollector: the final stats)
    "scrapy.statscollectors.StatsCollector._persist_stats": (("self", "stats"), False),
}  # fmt: skip

#: Attributes of a ``RobotsTxtMiddleware`` that ``RobotsPolicy`` reads: the per-host parsers
#: (a Deferred while the robots.txt downloads), the parser class, the stats collector.
ROBOTS_MIDDLEWARE_ATTRIBUTES = ("_parsers", "_parserimpl", "_stats")

#: The logger and message Scrapy's robots.txt middleware logs a failed robots.txt download with
#: (its traceback attached); ``newsspider/logformatter.py`` keeps the line, drops the traceback.
ROBOTS_DOWNLOAD_ERROR = ("scrapy.downloadermiddlewares.robotstxt", "Error downloading %(request)s: %(f_exception)s")


def scrapy_version() -> tuple[int, ...]:
    """Scrapy's version as numbers, e.g. ``(2, 19, 0)``."""
    return tuple(int(part) for part in scrapy.__version__.split(".")[:3] if part.isdigit())


#: ``scrapy check`` runs coroutine callbacks (the site spiders' contracts are on ``async def parse``)
#: and takes ``-a`` spider arguments from Scrapy 2.19 on; 2.18 refuses both.
CHECK_COMMAND_SUPPORTED = scrapy_version() >= (2, 19)
