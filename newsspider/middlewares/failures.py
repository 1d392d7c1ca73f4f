"""Count every page the downloader could not deliver, by reason, after retries gave up.

Runs at priority 540, below the retry middleware (550): it sees only final outcomes.
Stats (``newsspider/dropped/<reason>``, also listed in the crawl summary) for pages (articles
and listings, start pages included); ``newsspider/discovery/missing/<reason>`` for discovery
documents: robots.txt, feeds, sitemaps, the ``/sitemap.xml`` fallback and the common feed paths
probed (:func:`~newsspider.discovery.candidates.is_discovery_document`), whose absence is normal
and loses no page. Reasons:

- ``http_<status>``: a final 4xx/5xx answer (404 and 410 are not retried: they are final);
- ``timeout``, ``truncated`` (fewer bytes than Content-Length), ``connection`` (reset,
  refused, lost, any other transport failure), ``dns``, ``too_large`` (over ``DOWNLOAD_MAXSIZE``), ``download_error``.

Requests refused on purpose (``IgnoreRequest``: offsite, robots.txt, the address guard) are
counted by whoever refused them, not here.
"""

from __future__ import annotations

import logging

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import (
    CannotResolveHostError,
    DownloadCancelledError,
    DownloadConnectionRefusedError,
    DownloadFailedError,
    DownloadTimeoutError,
    IgnoreRequest,
    ResponseDataLossError,
)
from scrapy.http import Response
from twisted.internet import error as twisted_errors
from twisted.internet.defer import CancelledError

from newsspider.discovery.candidates import is_discovery_document
from newsspider.middlewares.robots import REUSED_META, is_robots_url
from newsspider.stats import count_once

logger = logging.getLogger(__name__)

#: Exception type -> reason; the first match in this order wins.
REASONS: tuple[tuple[tuple[type[BaseException], ...], str], ...] = (
    ((DownloadTimeoutError, twisted_errors.TimeoutError), "timeout"),
    ((ResponseDataLossError,), "truncated"),
    ((DownloadCancelledError, CancelledError), "too_large"),
    ((CannotResolveHostError, twisted_errors.DNSLookupError), "dns"),
    ((DownloadConnectionRefusedError, twisted_errors.ConnectError, twisted_errors.ConnectionLost,
      twisted_errors.ConnectionDone, ConnectionError), "connection"),
)  # fmt: skip


def failure_reason(exception: BaseException) -> str:
    """The reason key for a download exception (its causes and Twisted's wrapped failures too)."""
    for types, reason in REASONS:
        if isinstance(exception, types):
            return reason
    # Twisted wraps failures (a reset before or during the body) in ResponseFailed /
    # ResponseNeverReceived (``reasons``); Scrapy wraps them in DownloadFailedError (``__cause__``).
    reasons = getattr(exception, "reasons", None)
    inner = getattr(reasons[0], "value", None) if reasons else exception.__cause__
    if isinstance(inner, BaseException):
        found = failure_reason(inner)
        if found != "download_error":
            return found
    if reasons or isinstance(exception, DownloadFailedError):
        return "connection"
    return "download_error"


class DownloadFailureCounter:
    """Downloader middleware: ``newsspider/dropped/<reason>`` for pages lost in download,
    ``newsspider/discovery/missing/<reason>`` for discovery documents that were not there."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DownloadFailureCounter:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        # A robots.txt answered from the robots middleware's download was counted when downloaded.
        if response.status >= 400 and not request.meta.get(REUSED_META):
            self._count(f"http_{response.status}", request)
        return response

    def process_exception(self, request: Request, exception: Exception) -> None:
        if not isinstance(exception, IgnoreRequest):
            self._count(failure_reason(exception), request, exception)

    def _count(self, reason: str, request: Request, detail: object = "") -> None:
        if is_discovery_document(request.meta) or is_robots_url(request):
            count_once(self.crawler.stats, f"newsspider/discovery/missing/{reason}", logger,
                       "discovery document not there (no page lost): %s %s", request.url, detail)  # fmt: skip
        else:
            count_once(self.crawler.stats, f"newsspider/dropped/{reason}", logger, "page lost: %s %s", request.url, detail)
