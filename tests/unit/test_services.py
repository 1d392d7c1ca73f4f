"""Crawl-wide services are Scrapy extensions found through the crawler: the extraction pool and
the incremental state; a newsspider spider in a project without the add-on closes as it opens."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, NotConfigured
from scrapy.utils.test import get_crawler

from newsspider import Addon
from newsspider.extraction import SiteRules
from newsspider.pool import ExtractionPool, pool_for
from newsspider.spiders.base import NewsSiteSpider
from newsspider.state import CrawlState
from newsspider.summary import EXIT_FAILED, NOT_ENABLED, exit_status
from tests.helpers import REPO_ROOT

START = "http://127.0.0.1:1/"  # never fetched: no crawl runs here
PAGE = "<html><head><title>Harbour</title></head><body><article><p>" + "The harbour reopened. " * 40 + "</p></article></body></html>"


class SiteSpider(NewsSiteSpider):
    name = "site"
    article_urls = (r"/news/",)


def _crawler(settings: dict[str, Any]) -> tuple[Crawler, SiteSpider]:
    """A crawler with its settings applied (extensions built) and its spider, not crawling."""
    crawler = get_crawler(SiteSpider, settings)
    spider = SiteSpider.from_crawler(crawler, url=START)
    crawler.spider = spider
    return crawler, spider


def test_services_are_extensions_found_through_the_crawler() -> None:
    crawler, spider = _crawler({"ADDONS": {Addon: 0}, "NEWSSPIDER_EXTRACTION_WORKERS": 0, "NEWSSPIDER_STATE_ENABLED": True})
    pool = crawler.get_extension(ExtractionPool)
    assert isinstance(pool, ExtractionPool) and pool.inline
    assert pool_for(crawler) is pool
    assert isinstance(crawler.get_extension(CrawlState), CrawlState)
    assert "extraction_pool" not in vars(spider)  # extensions are built after the spider: found once it opens
    spider._find_services()  # the spider's spider_opened handler
    assert spider.extraction_pool is pool


@pytest.mark.parametrize("stop", [signals.spider_closed, signals.engine_stopped])
def test_pool_workers_start_on_the_first_page_and_stop_with_the_crawl(stop: object) -> None:
    """Stopped when the spider closes, or when the engine stops (a crawl whose spider never opened)."""
    crawler = get_crawler(settings_dict={"EXTENSIONS_BASE": {}, "EXTENSIONS": {ExtractionPool: 0}, "NEWSSPIDER_EXTRACTION_WORKERS": 1})
    pool = pool_for(crawler)
    assert pool._pool is None  # no worker process before a page is sent
    try:
        outcome = pool.submit(PAGE, START + "news/harbour", SiteRules(), assume_article=True).result(timeout=60)
        assert outcome.result.fields is not None and pool._pool is not None
    finally:
        crawler.signals.send_catch_log(stop, spider=crawler.spider, reason="finished")
    assert pool._pool is None


#: Builds a crawl's extensions in a fresh process (argv: the spider, "news" or "plain", and the
#: worker count); prints whether a fork server runs beside it then, before any page.
FORK_SERVER_PROBE = """
import os, sys, time
from pathlib import Path
from scrapy import Spider
from scrapy.utils.test import get_crawler
from newsspider import Addon
from newsspider.pool import pool_for
from newsspider.spiders.base import NewsSiteSpider
spider = NewsSiteSpider if sys.argv[1] == "news" else Spider
crawler = get_crawler(spider, {"ADDONS": {Addon: 0}, "NEWSSPIDER_EXTRACTION_WORKERS": int(sys.argv[2])})
crawler._apply_settings()
assert pool_for(crawler)._pool is None  # no worker yet
time.sleep(0.2)  # the spawned server's command line is set once it runs
children = Path(f"/proc/{os.getpid()}/task/{os.getpid()}/children").read_text().split()
print(any(b"forkserver" in Path(f"/proc/{c}/cmdline").read_bytes() for c in children))
"""


@pytest.mark.parametrize(("spider", "workers", "started"), [("news", 1, True), ("plain", 1, False), ("news", 0, False)])
def test_the_fork_server_starts_with_a_crawl_that_extracts(spider: str, workers: int, started: bool) -> None:
    """It imports the extractor while Scrapy builds the engine: only for a spider that extracts
    its pages with workers (the benchmark's plain Scrapy runs with the add-on enabled start none)."""
    done = subprocess.run(
        [sys.executable, "-c", FORK_SERVER_PROBE, spider, str(workers)], capture_output=True, text=True, cwd=REPO_ROOT, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == str(started)


def test_without_the_addon_the_spider_closes_as_it_opens(caplog: pytest.LogCaptureFixture) -> None:
    crawler, spider = _crawler({})
    assert crawler.get_extension(ExtractionPool) is None
    with pytest.raises(NotConfigured, match=r'ADDONS = \{"newsspider.Addon": 0\}'):
        pool_for(crawler)
    with pytest.raises(CloseSpider) as closed:
        spider._find_services()
    assert closed.value.reason == NOT_ENABLED
    [error] = [r.getMessage() for r in caplog.records if r.levelname == "ERROR"]
    assert "\n" not in error and 'ADDONS = {"newsspider.Addon": 0}' in error
    assert exit_status({"finish_reason": NOT_ENABLED}) == EXIT_FAILED


def test_the_pool_leaves_the_default_extractor_to_its_workers() -> None:
    """The crawl process names the default extraction function; the workers (or an inline pool,
    on its first page) import it. The name it trusts unchecked does import."""
    from newsspider.pool import DEFAULT_FUNCTION, extraction_function

    assert ExtractionPool(2, 30).function == DEFAULT_FUNCTION
    assert callable(extraction_function(DEFAULT_FUNCTION))
    result = ExtractionPool(0, 30).extract_here(PAGE, START + "news/harbour", SiteRules(), assume_article=True)
    assert result.fields is not None and "harbour reopened" in result.fields["body"]


def test_a_page_outcome_crosses_processes_without_the_extractor_class() -> None:
    """What a worker sends back unpickles to the same outcome, built from plain values only."""
    import pickle

    from newsspider.extraction import PageResult
    from newsspider.pool import PageOutcome

    outcome = PageOutcome(PageResult(fields={"title": "Harbour", "body": "text"}), ["http://a.test/1"])
    data = pickle.dumps(outcome)
    assert b"PageResult" not in data
    back = pickle.loads(data)
    assert back == outcome and back.links == ["http://a.test/1"] and back.fields == {"title": "Harbour", "body": "text"}
    assert back.result == PageResult(fields={"title": "Harbour", "body": "text"})
    assert PageOutcome(PageResult(skip_reason="no_body")) != PageOutcome(PageResult(skip_reason="not_article"))
    # the lines the block model nearly kept (for the crawl's site learning) come along
    nearly = PageOutcome(PageResult(fields={"body": "text"}, nearly_kept=("Support our journalism.",)))
    back = pickle.loads(pickle.dumps(nearly))
    assert back == nearly and back.result.nearly_kept == ("Support our journalism.",) and back != PageOutcome(PageResult(fields={"body": "text"}))
