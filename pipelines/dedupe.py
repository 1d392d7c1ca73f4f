"""Duplicate detection within one crawl / one ``newsspider extract`` run.

:class:`SeenRecords` holds the seen canonical URLs and body fingerprints (reusable without a
crawler); :class:`DedupePipeline` drops the duplicates it reports.
"""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from w3lib.url import canonicalize_url

from pipelines.drops import Dropper, get_bool_setting
from pipelines.normalize import body_fingerprint

logger = logging.getLogger(__name__)

REASON_DUPLICATE_URL = "duplicate_url"
REASON_DUPLICATE_BODY = "duplicate_body"


def url_key(url: str) -> str:
    """Comparison key of a URL: w3lib-canonicalised (sorted query, no fragment)."""
    url = url.strip()
    try:
        return canonicalize_url(url)
    except (ValueError, TypeError):  # pragma: no cover - defensive, w3lib is lenient
        return url


class SeenRecords:
    """Canonical URLs and body fingerprints seen so far.

    :meth:`check_and_add` returns ``"duplicate_url"`` / ``"duplicate_body"`` for a record
    matching an earlier one (and does not remember it), else remembers it and returns None.
    The URL is ``canonical_url`` (falling back to ``url``); the fingerprint is the record's
    ``fingerprint`` (computed from ``body`` when absent). Empty keys are never duplicates.
    """

    def __init__(self) -> None:
        self.urls: set[str] = set()
        self.fingerprints: set[str] = set()

    def check_and_add(self, adapter: ItemAdapter) -> str | None:
        url = adapter.get("canonical_url") or adapter.get("url") or ""
        key = url_key(str(url)) if str(url).strip() else None
        fingerprint = adapter.get("fingerprint") or body_fingerprint(str(adapter.get("body") or ""))
        if key is not None and key in self.urls:
            return REASON_DUPLICATE_URL
        if fingerprint and fingerprint in self.fingerprints:
            return REASON_DUPLICATE_BODY
        if key is not None:
            self.urls.add(key)
        if fingerprint:
            self.fingerprints.add(fingerprint)
        return None

    def __len__(self) -> int:
        return len(self.urls)


class DedupePipeline:
    """Item pipeline dropping records already seen in this crawl (same canonical URL or body).

    Settings: ``NEWSSPIDER_DEDUPE_ENABLED`` (default True; False -> NotConfigured).
    Stats: ``newsspider/dropped/duplicate_url``, ``newsspider/dropped/duplicate_body``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.seen = SeenRecords()
        self.dropper = Dropper(crawler.stats, logger)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupePipeline:
        if not get_bool_setting(crawler.settings, "NEWSSPIDER_DEDUPE_ENABLED", True):
            raise NotConfigured("NEWSSPIDER_DEDUPE_ENABLED is False")
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        reason = self.seen.check_and_add(ItemAdapter(item))
        if reason is not None:
            raise self.dropper.drop(reason, item)
        return item
