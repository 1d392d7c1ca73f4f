"""Retries that back off, and that honour ``Retry-After`` (Scrapy's RetryMiddleware does not).

:class:`BackoffRetryMiddleware` replaces Scrapy's ``RetryMiddleware`` (same settings:
``RETRY_TIMES``, ``RETRY_HTTP_CODES``, ``RETRY_EXCEPTIONS``...). Before a retry it waits:

- the server's ``Retry-After`` (seconds or an HTTP date) on a 429/503 response; when that is
  longer than ``NEWSSPIDER_RETRY_MAX_DELAY`` the page is given up at once, counted as
  ``newsspider/dropped/retry_after_too_long`` (the server asked us to stay away);
- otherwise ``NEWSSPIDER_RETRY_BACKOFF`` x 2^(retries so far) seconds, at most
  ``NEWSSPIDER_RETRY_MAX_DELAY``.

Defaults: ``NEWSSPIDER_RETRY_BACKOFF = 1.0``, ``NEWSSPIDER_RETRY_MAX_DELAY = 60``. The wait
holds one downloader slot (of ``CONCURRENT_REQUESTS``), which slows a struggling crawl down:
intended. Stats: ``newsspider/retry/waited`` (retries delayed), ``newsspider/retry/retry_after``
(of which on the server's ``Retry-After``).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message
from twisted.internet import task

from newsspider import config
from newsspider.stats import count_once

logger = logging.getLogger(__name__)

#: Statuses whose Retry-After header says when to come back (RFC 9110 §10.2.3).
RETRY_AFTER_STATUSES = frozenset({429, 503})


def retry_after_seconds(value: bytes | str | None, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` value (delta-seconds or HTTP-date); None if unusable."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


class BackoffRetryMiddleware(RetryMiddleware):
    """Scrapy's retry with exponential backoff and ``Retry-After`` (see module doc)."""

    def __init__(self, settings: BaseSettings) -> None:
        super().__init__(settings)
        self.backoff: float = config.get(settings, "NEWSSPIDER_RETRY_BACKOFF")
        self.max_delay: float = config.get(settings, "NEWSSPIDER_RETRY_MAX_DELAY")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BackoffRetryMiddleware:
        middleware = cls(crawler.settings)
        middleware.crawler = crawler
        return middleware

    async def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        delay = None
        if response.status in RETRY_AFTER_STATUSES:
            delay = retry_after_seconds(response.headers.get("Retry-After"))
        if delay is not None and delay > self.max_delay:
            count_once(
                self.crawler.stats,
                "newsspider/dropped/retry_after_too_long",
                logger,
                "gave up %s: Retry-After %.0fs is over NEWSSPIDER_RETRY_MAX_DELAY",
                request.url,
                delay,
            )
            return response
        retry = self._retry(request, response_status_message(response.status))
        if retry is None:
            return response
        if delay is not None:
            self.crawler.stats.inc_value("newsspider/retry/retry_after")
        await self._wait(delay if delay is not None else self._backoff(request))
        return retry

    async def process_exception(self, request: Request, exception: Exception) -> Request | Response | None:  # type: ignore[override]
        retry = super().process_exception(request, exception)
        if retry is not None:
            await self._wait(self._backoff(request))
        return retry

    def _backoff(self, request: Request) -> float:
        return min(self.max_delay, self.backoff * 2 ** request.meta.get("retry_times", 0))

    async def _wait(self, seconds: float) -> None:
        if seconds <= 0:
            return
        from twisted.internet import reactor

        self.crawler.stats.inc_value("newsspider/retry/waited")
        await maybe_deferred_to_future(task.deferLater(reactor, seconds))  # type: ignore[arg-type]
