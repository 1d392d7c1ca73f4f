"""Validation of normalised :class:`~newsspider.items.Article` records.

:func:`validation_error` is the pure check (also used by ``newsspider extract``);
:class:`ValidatePipeline` drops the records it rejects.
"""

from __future__ import annotations

import logging
import re
from typing import Any
from urllib.parse import urlsplit

from dateutil import parser as dateutil_parser
from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newsspider import config
from newsspider.items import REQUIRED_FIELDS
from newsspider.textlength import word_count
from pipelines.drops import Dropper

logger = logging.getLogger(__name__)

DEFAULT_MIN_BODY_WORDS: int = config.SETTINGS["NEWSSPIDER_MIN_BODY_WORDS"].default
ALLOWED_URL_SCHEMES = frozenset({"http", "https", "file"})

#: Drop reasons :func:`validation_error` can return (besides ``missing_<field>``).
REASON_TOO_SHORT = "too_short"
REASON_BAD_URL = "bad_url"
REASON_BAD_DATE = "bad_date"

_ISO_8601 = re.compile(
    r"\d{4}-\d{2}-\d{2}"
    r"(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})?)?"
)


def is_iso8601(value: Any) -> bool:
    """True for an extended-format ISO 8601 date (``YYYY-MM-DD``) or date-time
    (``YYYY-MM-DDTHH:MM[:SS[.ffffff]]`` with optional ``Z``/``±HH:MM``) that is a real date."""
    if not isinstance(value, str) or not _ISO_8601.fullmatch(value):
        return False
    try:
        dateutil_parser.isoparse(value)
    except (ValueError, OverflowError):
        return False
    return True


def is_valid_url(value: Any) -> bool:
    """True for an absolute http(s) URL with a host, or a ``file:`` URL."""
    if not isinstance(value, str):
        return False
    try:
        parts = urlsplit(value.strip())
    except ValueError:
        return False
    if parts.scheme.lower() not in ALLOWED_URL_SCHEMES:
        return False
    return parts.scheme.lower() == "file" or bool(parts.hostname)


def _is_empty(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, set, dict)):
        return not value
    return False


def validation_error(adapter: ItemAdapter, min_body_words: int) -> str | None:
    """Return the reason ``adapter``'s record is rejected, or None when it is valid.

    Checked in this order, first failure wins: ``missing_<field>`` (a required Article field
    is empty), ``bad_url`` (url not absolute http/https/file), ``bad_date`` (``published`` set
    but not ISO 8601), ``too_short`` (fewer than ``min_body_words`` words in ``body``).
    """
    for name in REQUIRED_FIELDS:
        if _is_empty(adapter.get(name)):
            return f"missing_{name}"
    if not is_valid_url(adapter.get("url")):
        return REASON_BAD_URL
    published = adapter.get("published")
    if not _is_empty(published) and not is_iso8601(published):
        return REASON_BAD_DATE
    if word_count(str(adapter.get("body") or "")) < min_body_words:
        return REASON_TOO_SHORT
    return None


class ValidatePipeline:
    """Item pipeline dropping records that fail :func:`validation_error`.

    Settings: ``NEWSSPIDER_VALIDATE_ENABLED`` (default True; False -> NotConfigured),
    ``NEWSSPIDER_MIN_BODY_WORDS`` (default 50; non-negative integer, else ValueError at start).
    Stats: ``newsspider/dropped/<reason>`` for reasons ``missing_url``, ``missing_site``,
    ``missing_title``, ``missing_body``, ``bad_url``, ``bad_date``, ``too_short``.
    """

    def __init__(self, crawler: Crawler, min_body_words: int = DEFAULT_MIN_BODY_WORDS) -> None:
        self.crawler = crawler
        self.min_body_words = min_body_words
        self.dropper = Dropper(crawler.stats, logger)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ValidatePipeline:
        settings = crawler.settings
        if not config.get(settings, "NEWSSPIDER_VALIDATE_ENABLED"):
            raise NotConfigured("NEWSSPIDER_VALIDATE_ENABLED is False")
        min_words = config.get(settings, "NEWSSPIDER_MIN_BODY_WORDS")
        return cls(crawler, min_body_words=min_words)

    def process_item(self, item: Any) -> Any:
        reason = validation_error(ItemAdapter(item), self.min_body_words)
        if reason is not None:
            raise self.dropper.drop(reason, item)
        return item
