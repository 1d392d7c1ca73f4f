"""Counting outcomes in crawl stats, logging each kind only the first time it happens."""

from __future__ import annotations

import logging
from typing import Any

from scrapy.statscollectors import StatsCollector


def count_once(
    stats: StatsCollector,
    key: str,
    logger: logging.Logger | logging.LoggerAdapter[Any],
    msg: str,
    *args: Any,
    level: int = logging.INFO,
) -> None:
    """Increment ``key`` in ``stats``; log ``msg`` only the first time, so a crawl that
    hits one condition thousands of times logs it once and counts the rest."""
    first = not stats.get_value(key)
    stats.inc_value(key)
    if first:
        logger.log(level, msg + " (logged once; counted as %s)", *args, key)
