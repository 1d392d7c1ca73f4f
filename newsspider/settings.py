"""Scrapy settings for newsspider. Every ``NEWSSPIDER_*`` setting is documented in README "Settings"."""

from __future__ import annotations

import os

BOT_NAME = "newsspider"
SPIDER_MODULES = ["newsspider.spiders"]
NEWSPIDER_MODULE = "newsspider.spiders"
COMMANDS_MODULE = "newsspider.commands"
# scrapy parse/shell URL: a URL no site spider handles goes to the generic spider (newsspider/spiderloader.py).
SPIDER_LOADER_CLASS = "newsspider.spiderloader.SpiderLoader"
# scrapy check: @url may be a path on the spider's start URL; @scrapes wants values (newsspider/contracts.py).
SPIDER_CONTRACTS = {
    "scrapy.contracts.default.UrlContract": None,
    "scrapy.contracts.default.ScrapesContract": None,
    "newsspider.contracts.UrlContract": 1,
    "newsspider.contracts.ScrapesContract": 3,
}

# Identify ourselves; one setting to change it.
USER_AGENT = "newsspider/0.1 (+https://github.com/newsspider/newsspider)"

# Politeness defaults.
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 8
DOWNLOAD_DELAY = 0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_TARGET_CONCURRENCY = 4.0
# robots.txt Crawl-delay becomes the host's minimum delay, at most this many seconds (newsspider/politeness.py).
NEWSSPIDER_CRAWL_DELAY_ENABLED = True
NEWSSPIDER_CRAWL_DELAY_MAX = 10.0

# Outputs of one response processed at once. A news page yields one record and a few new links;
# Scrapy starts this many asyncio tasks per response, so its default (100) costs a crawl ~2 ms of
# CPU a page for nothing (benchmarks/crawl.py). Any value >= 2 lets a page's links go on while
# its record waits in a pipeline (site learning holds the first records of a site).
CONCURRENT_ITEMS = 16

# A news page is never this large; refuse bigger bodies.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
DOWNLOAD_TIMEOUT = 30

# Security defaults (README "Security"): no remote-control surfaces; crawled links and redirects
# reach neither local files nor internal networks.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
DOWNLOAD_HANDLERS = {"file": None, "data": None}
DOWNLOADER_MIDDLEWARES = {
    # robots.txt per RFC 9309: 4xx allows all, 5xx/unreachable disallows all, 500 KiB parsed (README "Politeness").
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "newsspider.middlewares.robots.RobotsPolicy": 100,
    "newsspider.middlewares.canonical.CanonicalUrls": 40,
    "newsspider.middlewares.netguard.InternalAddressGuard": 60,
    "newsspider.middlewares.failures.DownloadFailureCounter": 540,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "newsspider.middlewares.retry.BackoffRetryMiddleware": 550,
    "newsspider.middlewares.charset.CharsetRepair": 585,
    "scrapy.downloadermiddlewares.httpcompression.HttpCompressionMiddleware": None,
    "newsspider.middlewares.compression.CountingHttpCompressionMiddleware": 590,
    "newsspider.middlewares.redirects.RedirectRefusals": 610,
}
REQUEST_FINGERPRINTER_CLASS = "newsspider.middlewares.canonical.CanonicalFingerprinter"
NEWSSPIDER_RETRY_BACKOFF = 1.0
NEWSSPIDER_RETRY_MAX_DELAY = 60.0
NEWSSPIDER_CHARSET_REPAIR = True
NEWSSPIDER_NETGUARD_ENABLED = True
NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS: list[str] = []

ITEM_PIPELINES = {
    "pipelines.normalize.NormalizePipeline": 100,
    "pipelines.sitelearn.SiteLearnPipeline": 150,
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.quality.QualityPipeline": 220,
    "pipelines.window.WindowPipeline": 250,
    "pipelines.dedupe.DedupePipeline": 300,
    "pipelines.state.ExportStatePipeline": 350,
}

# Discovery and incremental crawling (README "Feeds, sitemaps and incremental crawls").
SPIDER_MIDDLEWARES = {"newsspider.middlewares.prefetch.PrefetchFilter": 650}
NEWSSPIDER_DISCOVERY = "feeds,sitemaps,links"
NEWSSPIDER_SINCE = ""
NEWSSPIDER_UNTIL = ""
# The test suite sets NEWSSPIDER_STATE_ENABLED=0 in the environment so that its crawls stay independent.
NEWSSPIDER_STATE_ENABLED = os.environ.get("NEWSSPIDER_STATE_ENABLED", "1")
NEWSSPIDER_STATE_BACKEND = "sqlite"
NEWSSPIDER_STATE_PATH = ""  # empty: .scrapy/newsspider/state.sqlite in the project data dir, or in the working folder outside a project (newsspider/paths.py)
NEWSSPIDER_STATE_FRESH = False

EXTENSIONS = {
    "newsspider.progress.Progress": 500,
    "newsspider.politeness.CrawlDelay": 510,
    "newsspider.jobdir.JobdirGuard": 520,  # a JOBDIR left by a killed crawl is re-crawled, not trusted
    "newsspider.feedcheck.FeedWriteGuard": 530,  # a record the feed cannot write stops the crawl (exit 3)
}

# Feed exports: with no -o/-O (and no FEEDS), write NEWSSPIDER_DEFAULT_FEED (see newsspider/addons.py).
# RedisCrawl: distributed crawling when NEWSSPIDER_REDIS_URL is set (newsspider/distributed.py).
ADDONS = {"newsspider.addons.DefaultFeed": 0, "newsspider.distributed.RedisCrawl": 0}
NEWSSPIDER_DEFAULT_FEED = "exports/%(name)s-%(time)s.jsonl"
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORTERS = {
    "csv": "newsspider.exporters.CsvItemExporter",
    "jsonlines": "newsspider.exporters.JsonLinesItemExporter",
    "jsonl": "newsspider.exporters.JsonLinesItemExporter",
}
NEWSSPIDER_CSV_ESCAPE_FORMULAS = True

# newsspider's own settings (defaults; see README "Settings").
NEWSSPIDER_NORMALIZE_ENABLED = True
NEWSSPIDER_VALIDATE_ENABLED = True
NEWSSPIDER_MIN_BODY_WORDS = 50  # words as newsspider.textlength counts them (CJK: 2 characters a word)
NEWSSPIDER_DEDUPE_ENABLED = True
NEWSSPIDER_REDIS_URL = ""  # e.g. redis://127.0.0.1:6379/0: share the crawl with other workers
NEWSSPIDER_SITELEARN_ENABLED = True
NEWSSPIDER_SITELEARN_MIN_PAGES = 3
NEWSSPIDER_SITELEARN_MIN_SHARE = 0.02
NEWSSPIDER_SITELEARN_MAX_WORDS = 40
NEWSSPIDER_SITELEARN_HOLD = 20
NEWSSPIDER_SITELEARN_MAX_HOLD = 30.0
NEWSSPIDER_QUALITY_ENABLED = True
NEWSSPIDER_QUALITY_DROP = ["paywall"]
NEWSSPIDER_PROGRESS_INTERVAL = 5.0
NEWSSPIDER_PROGRESS_LIVE = "auto"

LOG_LEVEL = "INFO"
LOG_FORMATTER = "newsspider.logformatter.NewsLogFormatter"
