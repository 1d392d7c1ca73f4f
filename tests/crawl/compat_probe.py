"""A site spider that calls every accessor of :mod:`newsspider.compat` while it crawls and writes
what it saw to ``NEWSSPIDER_TEST_PROBE_FILE`` (JSON) when it closes; loaded by
``tests/crawl/test_compat.py`` through ``SPIDER_MODULES``. An accessor that raises is recorded as
``"error: …"``, so the test names it instead of the crawl hiding it in its log."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Response

from newsspider import compat
from newsspider.spiders.base import NewsSiteSpider

#: The download slot the probe declares before any request (``compat.set_slot_defaults``).
PROBE_SLOT = "compat-probe"
PROBE_DELAY = 0.25
PROBE_PATH = "/probe"


def _observe(call: Callable[[], Any]) -> Any:
    try:
        return call()
    except Exception as err:  # noqa: BLE001 -- any breakage is what the test reports
        return f"error: {type(err).__name__}: {err}"


def _delays(slot: compat.DownloadSlot) -> list[float]:
    """What the slot would wait, twenty times: one value unless jitter varies it."""
    return sorted({slot.download_delay() for _ in range(20)})


class CompatProbeSpider(NewsSiteSpider):
    name = "compat-probe"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.seen: dict[str, Any] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Spider:
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.probe_opened, signal=signals.spider_opened)
        crawler.signals.connect(spider.probe_response, signal=signals.response_received)
        crawler.signals.connect(spider.probe_item, signal=signals.item_scraped)
        crawler.signals.connect(spider.probe_idle, signal=signals.spider_idle)
        crawler.signals.connect(spider.probe_closed, signal=signals.spider_closed)
        return spider

    def probe_opened(self, spider: Spider) -> None:
        engine = self.crawler.engine
        self.seen["opened.scheduler"] = _observe(lambda: type(compat.engine_scheduler(engine)).__name__)
        self.seen["opened.scraper_load"] = _observe(lambda: compat.scraper_load(engine))
        self.seen["opened.set_slot_defaults"] = _observe(
            lambda: compat.set_slot_defaults(self.crawler, PROBE_SLOT, PROBE_DELAY)
        )

    async def parse(self, response: Response, **kwargs: Any) -> AsyncIterator[Any]:
        # The response being parsed is the scraper's: at least one active.
        self.seen.setdefault("parse.scraper_load", _observe(lambda: compat.scraper_load(self.crawler.engine)))
        async for result in super().parse(response, **kwargs):
            yield result

    def probe_response(self, response: Response, request: Request, spider: Spider) -> None:
        key = _observe(lambda: compat.download_slot_key(self.crawler, request))
        slot = _observe(lambda: compat.download_slot(self.crawler, key))
        if request.meta.get("download_slot") == PROBE_SLOT:
            self.seen["probe.key"] = key
            self.seen["probe.delays"] = _observe(lambda: _delays(slot))
            return
        if "host.key" in self.seen:
            return
        self.seen["host.key"] = key
        self.seen["host.delay"] = _observe(lambda: slot.delay)
        self.seen["host.delays_before"] = _observe(lambda: _delays(slot))
        _observe(lambda: compat.slot_without_jitter(slot))
        self.seen["host.delays_after"] = _observe(lambda: _delays(slot))

    def probe_item(self, item: Any, response: Response, spider: Spider) -> None:
        self.seen.setdefault("item.accepts", _observe(lambda: [s.filter.accepts(item) for s in compat.feed_slots(self.crawler)]))

    def _feeds(self) -> list[dict[str, Any]]:
        return [
            {
                "uri": slot.uri,
                "format": slot.format,
                "itemcount": slot.itemcount,
                "batch_id": slot.batch_id,
                "file_open": slot.file is not None,
                "exporter": type(slot.exporter).__name__,
                "storage": type(slot.storage).__name__,
                "feed_options": sorted(slot.feed_options),
            }
            for slot in compat.feed_slots(self.crawler)
        ]

    def probe_idle(self, spider: Spider) -> None:
        engine = self.crawler.engine
        if "idle.scraper_load" not in self.seen:
            self.seen["idle.feeds"] = _observe(self._feeds)
            self.seen["idle.scraper_load"] = _observe(lambda: compat.scraper_load(engine))
            self.seen["idle.pending"] = _observe(lambda: compat.engine_scheduler(engine).has_pending_requests())
            # One more request straight into the scheduler (as a distributed worker's peers do),
            # then the engine woken: the crawl must go on to download it.
            probe = Request(self.start_urls[0].rstrip("/") + PROBE_PATH, meta={"download_slot": PROBE_SLOT},
                            callback=self.parse, dont_filter=True)  # fmt: skip
            self.seen["idle.enqueued"] = _observe(lambda: compat.engine_scheduler(engine).enqueue_request(probe))
            self.seen["idle.woken"] = _observe(lambda: compat.wake_engine(engine))
            raise DontCloseSpider

    def probe_closed(self, spider: Spider, reason: str) -> None:
        Path(self.crawler.settings["NEWSSPIDER_TEST_PROBE_FILE"]).write_text(json.dumps(self.seen), encoding="utf-8")
