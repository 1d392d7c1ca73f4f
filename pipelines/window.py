"""Drop records published outside the crawl's date window (``-a since`` / ``-a until``).

Articles a feed or sitemap dated are already skipped before fetching
(``newsspider/middlewares/prefetch.py``); this catches the rest, once their date is extracted.
"""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newsspider import config
from newsspider.discovery.window import DateWindow, window_from_settings
from pipelines.drops import Dropper

logger = logging.getLogger(__name__)

REASON_OUT_OF_WINDOW = "out_of_window"


class WindowPipeline:
    """Item pipeline dropping records whose ``published`` is outside the window.

    Settings: ``NEWSSPIDER_SINCE``, ``NEWSSPIDER_UNTIL`` (both empty -> NotConfigured).
    Stats: ``newsspider/dropped/out_of_window``; ``newsspider/window/undated`` counts records
    without a publication date, which are kept (nothing proves them outside the window).
    """

    def __init__(self, crawler: Crawler, window: DateWindow) -> None:
        self.crawler = crawler
        self.window = window
        self.dropper = Dropper(crawler.stats, logger)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WindowPipeline:
        window = window_from_settings(config.get(crawler.settings, "NEWSSPIDER_SINCE"), config.get(crawler.settings, "NEWSSPIDER_UNTIL"))
        if window.is_open:
            raise NotConfigured  # off by default: no message, so Scrapy does not warn (no date window (NEWSSPIDER_SINCE / NEWSSPIDER_UNTIL))
        return cls(crawler, window)

    def process_item(self, item: Any) -> Any:
        inside = self.window.contains(ItemAdapter(item).get("published"))
        if inside is False:
            raise self.dropper.drop(REASON_OUT_OF_WINDOW, item)
        if inside is None and self.crawler.stats is not None:
            self.crawler.stats.inc_value("newsspider/window/undated")
        return item
