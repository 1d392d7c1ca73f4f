"""Helpers shared by the newsspider pipelines.

* :class:`Dropper` builds the :class:`~scrapy.exceptions.DropItem` for a rejected
  record, counts it in stats as ``newsspider/dropped/<reason>`` and logs each
  reason once per crawl (Scrapy itself logs every drop at INFO).
* :func:`get_bool_setting` / :func:`get_non_negative_int_setting` read the
  ``NEWSSPIDER_*`` settings and fail fast, naming the setting, on bad values.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem

from newsspider.stats import count_once

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings
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


_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def get_bool_setting(settings: BaseSettings, name: str, default: bool) -> bool:
    """Read boolean setting ``name``; raise ``ValueError`` naming it when it is not a boolean."""
    value = settings.get(name, default)
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise ValueError(f"{name} must be a boolean (True/False, 1/0), got {value!r}")


def get_non_negative_int_setting(settings: BaseSettings, name: str, default: int) -> int:
    """Read integer setting ``name`` (>= 0); raise ``ValueError`` naming it otherwise."""
    value = settings.get(name, default)
    if isinstance(value, bool):
        result = None
    elif isinstance(value, int):
        result = value
    elif isinstance(value, str) and value.strip().isdigit():
        result = int(value.strip())
    else:
        result = None
    if result is None or result < 0:
        raise ValueError(f"{name} must be a non-negative integer, got {value!r}")
    return result
