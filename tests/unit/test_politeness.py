"""robots.txt ``Crawl-delay`` as a download slot's minimum delay (newsspider/politeness.py), on a
real engine's downloader and Scrapy's own robots.txt parser. The crawl tests measure it on the wire."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy import Request
from scrapy.core.downloader import Slot
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.robotstxt import ProtegoRobotParser
from scrapy.utils.test import get_crawler

from newsspider.compat import JITTER_KEY, NO_JITTER, SOME_JITTER
from newsspider.politeness import CrawlDelay

HOST = "news.example"
ROBOTS = b"User-agent: slowbot\nCrawl-delay: 7\n\nUser-agent: *\nCrawl-delay: 2\nDisallow: /private\n"


def _crawl_delay(**settings: Any) -> tuple[CrawlDelay, Any]:
    crawler = get_crawler(settings_dict={"ROBOTSTXT_OBEY": True, "USER_AGENT": "anybot/1.0", **settings})
    crawler.engine = crawler._create_engine()
    return CrawlDelay.from_crawler(crawler), crawler


def _parsed(extension: CrawlDelay, robots: bytes, url: str = f"http://{HOST}/robots.txt") -> None:
    extension.robots_parsed(ProtegoRobotParser(robots, None), Request(url))


def _slot(crawler: Any, key: str = HOST, delay: float = 0.25) -> Slot:
    slot = Slot(concurrency=8, delay=delay, **{JITTER_KEY: SOME_JITTER})  # "jitter" since Scrapy 2.19
    crawler.engine.downloader.slots[key] = slot
    return slot


def test_off_without_robots_or_when_disabled() -> None:
    with pytest.raises(NotConfigured):
        CrawlDelay.from_crawler(get_crawler(settings_dict={"ROBOTSTXT_OBEY": False}))
    with pytest.raises(NotConfigured):
        CrawlDelay.from_crawler(get_crawler(settings_dict={"ROBOTSTXT_OBEY": True, "NEWSSPIDER_CRAWL_DELAY_ENABLED": False}))


def test_crawl_delay_becomes_the_slots_minimum_without_jitter() -> None:
    extension, crawler = _crawl_delay()
    slot = _slot(crawler)
    _parsed(extension, ROBOTS)
    assert slot.delay == 2.0 and getattr(slot, JITTER_KEY) == NO_JITTER
    assert crawler.engine.downloader.per_slot_settings[HOST] == {"delay": 2.0, JITTER_KEY: NO_JITTER}  # a slot made later
    assert crawler.stats.get_value("newsspider/politeness/crawl_delay") == 2.0
    assert crawler.stats.get_value("newsspider/politeness/crawl_delay_capped") is None
    slow = _slot(crawler, "slow.example", delay=5.0)
    _parsed(extension, ROBOTS, "http://slow.example/robots.txt")
    assert slow.delay == 5.0  # a longer delay of the crawl's own is kept
    assert crawler.stats.get_value("newsspider/politeness/crawl_delay") == 2.0


def test_crawl_delay_of_our_user_agent() -> None:
    extension, crawler = _crawl_delay(USER_AGENT="slowbot/2.0 (+http://example.com)", NEWSSPIDER_CRAWL_DELAY_MAX=60)
    _parsed(extension, ROBOTS)
    assert extension.floors == {HOST: 7.0}
    extension, _ = _crawl_delay(USER_AGENT="x", ROBOTSTXT_USER_AGENT="slowbot")
    _parsed(extension, ROBOTS)
    assert extension.floors == {HOST: 7.0}


def test_crawl_delay_capped_and_shared_by_workers() -> None:
    extension, crawler = _crawl_delay(NEWSSPIDER_CRAWL_DELAY_MAX=1.5)
    _parsed(extension, ROBOTS)
    assert extension.floors == {HOST: 1.5}
    assert crawler.stats.get_value("newsspider/politeness/crawl_delay_capped") == 1
    extension, crawler = _crawl_delay(NEWSSPIDER_REDIS_URL="redis://127.0.0.1:1/0", NEWSSPIDER_REDIS_WORKERS=3)
    _parsed(extension, ROBOTS)
    assert extension.floors == {HOST: 6.0}
    assert crawler.stats.get_value("newsspider/politeness/crawl_delay") == 6.0
    extension, _ = _crawl_delay(NEWSSPIDER_REDIS_WORKERS=3)  # not distributed: one worker
    _parsed(extension, ROBOTS)
    assert extension.floors == {HOST: 2.0}


@pytest.mark.parametrize("robots", [b"User-agent: *\nDisallow: /x\n", b"User-agent: *\nCrawl-delay: 0\n", b""])
def test_no_crawl_delay_changes_nothing(robots: bytes) -> None:
    extension, crawler = _crawl_delay()
    slot = _slot(crawler)
    _parsed(extension, robots)
    assert extension.floors == {} and slot.delay == 0.25 and getattr(slot, JITTER_KEY) == SOME_JITTER
    assert HOST not in crawler.engine.downloader.per_slot_settings
    assert crawler.stats.get_value("newsspider/politeness/crawl_delay") is None


def test_minimum_applied_again_after_each_response() -> None:
    extension, crawler = _crawl_delay()
    _parsed(extension, ROBOTS)  # before the slot exists
    slot, other = _slot(crawler, delay=0.1), _slot(crawler, "other.example", delay=0.1)  # e.g. AutoThrottle lowered them
    for key in (HOST, "other.example", None):
        meta = {"download_slot": key} if key else {}
        request = Request(f"http://{key or HOST}/a", meta=meta)
        extension.response_downloaded(Response(request.url, request=request), request, None)
    assert slot.delay == 2.0 and getattr(slot, JITTER_KEY) == NO_JITTER
    assert other.delay == 0.1 and getattr(other, JITTER_KEY) == SOME_JITTER
