"""Helpers shared by the newsspider pipelines.

:class:`Dropper` builds the :class:`~scrapy.exceptions.DropItem` for a rejected record,
counts it in stats as ``newsspider/dropped/<reason>`` and logs each reason once per crawl
(Scrapy itself logs every drop at INFO). Settings are read with :func:`newsspider.config.get`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from newsspider.stats import count_once

if TYPE_CHECKING:
    from scrapy.statscollectors import StatsCollector

DROP_STAT_PREFIX = "newsspider/dropped/"


def drop_stat_key(reason: str) -> str:
    """Stats key under which drops for ``reason`` are counted."""
    return f"{DROP_STAT_PREFIX}{reason}"


class Dropper:
    """Count, log (once per reason) and build the DropItem for rejected records.

    One instance per pipeline instance, i.e. per crawl. ``logger`` should be the
    calling pipeline module's logger so that the message names the pipeline.
    Writes stats: ``newsspider/dropped/<reason>``.
    """

    def __init__(self, stats: StatsCollector | None, logger: logging.Logger) -> None:
        self.stats = stats
        self.logger = logger

    def drop(self, reason: str, item: Any) -> DropItem:
        """Record a drop of ``item`` for ``reason`` and return the exception to raise."""
        url = ItemAdapter(item).get("url") if ItemAdapter.is_item(item) else None
        if self.stats is not None:
            count_once(self.stats, drop_stat_key(reason), self.logger, "Dropping records: %s (first: %s)", reason, url)
        return DropItem(f"{reason}: {url}", log_level="INFO")
