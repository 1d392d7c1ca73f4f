"""Scrapy add-ons of the project (``ADDONS`` setting).

:class:`Addon` switches newsspider on in any Scrapy project::

    ADDONS = {"newsspider.Addon": 0}

Everything it sets is a default: values at ``"addon"`` priority, so the project's
``settings.py``, a spider's ``custom_settings`` and ``-s`` still win; components added to the
component dicts only when the project did not list them (set one to ``None`` to switch it off).
"""

from __future__ import annotations

from typing import Any

from scrapy.settings import BaseSettings
from scrapy.utils.misc import load_object

from newsspider import config

#: Scrapy settings newsspider changes, and why (docs/politeness.md, docs/security.md).
SCRAPY_DEFAULTS: dict[str, Any] = {
    # Identify ourselves; one setting to change it.
    "USER_AGENT": "newsspider/0.1 (+https://github.com/newsspider/newsspider)",
    # Politeness.
    "ROBOTSTXT_OBEY": True,
    "CONCURRENT_REQUESTS": 16,
    "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
    "DOWNLOAD_DELAY": 0,
    "AUTOTHROTTLE_ENABLED": True,
    "AUTOTHROTTLE_START_DELAY": 0.5,
    "AUTOTHROTTLE_TARGET_CONCURRENCY": 4.0,
    # Outputs of one response processed at once. A news page yields one record and a few new
    # links; Scrapy starts this many asyncio tasks per response, so its default (100) costs a
    # crawl ~2 ms of CPU a page for nothing (benchmarks/crawl.py). Any value >= 2 lets a page's
    # links go on while its record waits in a pipeline (site learning holds the first records).
    "CONCURRENT_ITEMS": 16,
    # A news page is never this large; refuse bigger bodies.
    "DOWNLOAD_MAXSIZE": 16 * 1024 * 1024,
    "DOWNLOAD_WARNSIZE": 4 * 1024 * 1024,
    "DOWNLOAD_TIMEOUT": 30,
    # Security: no remote-control surfaces.
    "TELNETCONSOLE_ENABLED": False,
    "REMOTE_CONTROL_ENABLED": False,
    "FEED_EXPORT_ENCODING": "utf-8",
    "REQUEST_FINGERPRINTER_CLASS": "newsspider.middlewares.canonical.CanonicalFingerprinter",
    "LOG_FORMATTER": "newsspider.logformatter.NewsLogFormatter",
}

#: Settings read before the crawler exists (Scrapy's logging is configured from them).
PRE_CRAWLER_DEFAULTS: dict[str, Any] = {"LOG_LEVEL": "INFO"}

#: Component dict -> {component: order}.
COMPONENTS: dict[str, dict[str, int]] = {
    "ITEM_PIPELINES": {
        "pipelines.normalize.NormalizePipeline": 100,
        "pipelines.sitelearn.SiteLearnPipeline": 150,
        "pipelines.validate.ValidatePipeline": 200,
        "pipelines.quality.QualityPipeline": 220,
        "pipelines.window.WindowPipeline": 250,
        "pipelines.dedupe.DedupePipeline": 300,
        "pipelines.state.ExportStatePipeline": 350,
        "pipelines.syndication.SyndicationPipeline": 360,  # syndicated copies, once the state's drop is done
    },
    "DOWNLOADER_MIDDLEWARES": {
        "newsspider.middlewares.canonical.CanonicalUrls": 40,
        "newsspider.middlewares.netguard.InternalAddressGuard": 60,
        "newsspider.middlewares.failures.DownloadFailureCounter": 540,
        "newsspider.middlewares.charset.CharsetRepair": 585,
        "newsspider.middlewares.urlrepair.UnreadableUrlRepair": 582,
        "newsspider.middlewares.redirects.RedirectRefusals": 610,
    },
    # Discovery and incremental crawling (docs/crawling.md).
    "SPIDER_MIDDLEWARES": {"newsspider.middlewares.prefetch.PrefetchFilter": 650},
    "EXTENSIONS": {
        "newsspider.pool.ExtractionPool": 480,  # the extraction pool, found by the spiders (docs/scaling.md)
        "newsspider.state.CrawlState": 490,  # the incremental state store, found by the components using it
        "newsspider.progress.Progress": 500,
        "newsspider.politeness.CrawlDelay": 510,
        "newsspider.jobdir.JobdirGuard": 520,  # a JOBDIR left by a killed crawl is re-crawled, not trusted
        "newsspider.feedcheck.FeedWriteGuard": 530,  # a record the feed cannot write stops the crawl (exit 3)
        "newsspider.crawlinfo.CrawlInfo": 540,  # the crawl record beside each feed file, for the dataset card
    },
}

#: Scrapy's downloader middlewares newsspider replaces: Scrapy's -> (ours, its order).
REPLACED_DOWNLOADER_MIDDLEWARES: dict[str, tuple[str, int]] = {
    # robots.txt per RFC 9309: 4xx allows all, 5xx/unreachable disallows all, 500 KiB parsed.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": ("newsspider.middlewares.robots.RobotsPolicy", 100),
    # Exponential backoff, Retry-After.
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": ("newsspider.middlewares.retry.BackoffRetryMiddleware", 550),
    # Counts decompression refusals (bombs, oversize).
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": (
        "newsspider.middlewares.compression.CountingHttpCompressionMiddleware", 590,
    ),
}

#: Entries of dict settings (not component dicts) set unless the project set the key.
DICT_ENTRIES: dict[str, dict[str, Any]] = {
    # Security: crawled links and redirects reach no local files.
    "DOWNLOAD_HANDLERS": {"file": None, "data": None},
    "FEED_EXPORTERS": {
        "csv": "newsspider.exporters.CsvItemExporter",
        "jsonlines": "newsspider.exporters.JsonLinesItemExporter",
        "jsonl": "newsspider.exporters.JsonLinesItemExporter",
        "parquet": "newsspider.parquet.ParquetItemExporter",
    },
    # Local feeds: files, or a folder of part files for formats written in parts (Parquet).
    "FEED_STORAGES": {"": "newsspider.parts.FilesOrPartsFeedStorage", "file": "newsspider.parts.FilesOrPartsFeedStorage"},
}


def _listed(settings: BaseSettings, name: str, cls: type) -> bool:
    """Whether the project lists ``cls`` in component dict ``name`` (as a class or an import path)."""
    return any(load_object(key) is cls for key in settings.getdict(name))


def replace_component(settings: BaseSettings, name: str, old_path: str, new_path: str, order: int) -> None:
    """Put ``new_path`` in place of Scrapy's ``old_path`` in component dict ``name``.

    A project that lists the old component keeps its order for the new one; one that switched it
    off (``None``) gets neither; otherwise the old one (in ``<name>_BASE``) is switched off and
    the new one added at ``order``.
    """
    old, new = load_object(old_path), load_object(new_path)
    if _listed(settings, name, new):
        return
    if _listed(settings, name, old):
        try:
            settings.replace_in_component_priority_dict(name, old, new)
        except KeyError:  # the project switched the old one off: leave both off
            return
    else:
        settings.set_in_component_priority_dict(name, new, order)
    settings.set_in_component_priority_dict(name, old, None)  # also off in <name>_BASE


def set_dict_defaults(settings: BaseSettings, name: str, entries: dict[str, Any]) -> None:
    """Add ``entries`` to dict setting ``name`` where its keys are not set, keeping its priority."""
    value = settings.getdict(name)
    missing = {k: v for k, v in entries.items() if k not in value}
    if missing:
        settings.set(name, {**missing, **value}, priority=settings.getpriority(name) or "addon")


#: Feed formats by file extension (``NEWSSPIDER_DEFAULT_FEED``).
FEED_FORMATS = {
    ".jsonl": "jsonlines", ".jsonlines": "jsonlines", ".json": "json", ".csv": "csv", ".xml": "xml", ".parquet": "parquet",
}  # fmt: skip


def default_feed_format(uri: str) -> str | None:
    """The feed format of ``NEWSSPIDER_DEFAULT_FEED`` (None when empty); ValueError naming the fix."""
    if not uri:
        return None
    suffix = "." + uri.rsplit(".", 1)[-1].lower()
    if suffix not in FEED_FORMATS:
        raise ValueError(
            f"NEWSSPIDER_DEFAULT_FEED={uri!r} is invalid: give a path ending in one of {', '.join(FEED_FORMATS)} (or empty)"
        )
    return FEED_FORMATS[suffix]


class DefaultFeed:
    """Export to ``NEWSSPIDER_DEFAULT_FEED`` when no feed is configured.

    A default in ``FEEDS`` itself would not do: Scrapy merges ``-o/-O`` into ``FEEDS``, so a
    crawl run with ``-O out.csv`` would write the default file too. This add-on only fills
    ``FEEDS`` when it is empty. ``NEWSSPIDER_DEFAULT_FEED`` (default
    ``exports/%(name)s-%(time)s.jsonl``) is a feed URI with Scrapy's placeholders; its format
    comes from the extension (``.jsonl``/``.jsonlines``, ``.json``, ``.csv``, ``.xml``, ``.parquet``); empty: no default.
    """

    def update_settings(self, settings: BaseSettings) -> None:
        uri = config.get(settings, "NEWSSPIDER_DEFAULT_FEED")
        if not uri or settings.getdict("FEEDS"):
            return
        settings.set("FEEDS", {uri: {"format": default_feed_format(uri), "encoding": "utf-8"}}, priority="addon")


class Addon:
    """newsspider in a Scrapy project: pipelines, middlewares, extensions, feed exporters and
    defaults (Scrapy's and every declared ``NEWSSPIDER_*``), the default feed and distributed mode.

    ``COMMANDS_MODULE = "newsspider.commands"`` (``scrapy crawl`` with newsspider's exit statuses
    and summary) is not set here: Scrapy loads commands before add-ons run.
    """

    @classmethod
    def update_pre_crawler_settings(cls, settings: BaseSettings) -> None:
        for name, value in PRE_CRAWLER_DEFAULTS.items():
            settings.set(name, value, priority="addon")

    def update_settings(self, settings: BaseSettings) -> None:
        # Imported here: scrapy-redis is loaded only when a crawl starts.
        from newsspider.distributed import RedisCrawl

        config.check(settings)  # a bad NEWSSPIDER_* value fails here, naming the setting, before any component
        for name, value in {**PRE_CRAWLER_DEFAULTS, **SCRAPY_DEFAULTS, **config.defaults()}.items():
            settings.set(name, value, priority="addon")
        for name, components in COMPONENTS.items():
            for path, order in components.items():
                settings.setdefault_in_component_priority_dict(name, load_object(path), order)
        for old, (new, order) in REPLACED_DOWNLOADER_MIDDLEWARES.items():
            replace_component(settings, "DOWNLOADER_MIDDLEWARES", old, new, order)
        for name, entries in DICT_ENTRIES.items():
            set_dict_defaults(settings, name, entries)
        DefaultFeed().update_settings(settings)
        RedisCrawl().update_settings(settings)  # after the politeness defaults: it divides them
