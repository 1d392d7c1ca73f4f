"""Count (and end) the redirects newsspider refuses, before Scrapy's RedirectMiddleware acts.

Scrapy already refuses to follow a redirect to a non-http(s) URL (it hands the 3xx to the
spider middlewares, which drop it) and gives up after ``REDIRECT_MAX_TIMES`` hops, and its
duplicate filter silently swallows a redirect back to an already visited URL. None of this is
counted in a way a crawl report can show; this middleware counts each case:

- ``newsspider/refused/redirect_scheme``: ``Location`` is ``file:``, ``data:``, ``javascript:``...
- ``newsspider/refused/redirect_loop``: ``Location`` is a URL already in this redirect chain
  (refused at once instead of waiting for the duplicate filter or the hop limit).
- ``newsspider/refused/too_many_redirects``: the chain reached ``REDIRECT_MAX_TIMES``.

Redirects to internal addresses are refused by :mod:`newsspider.middlewares.netguard` when
the redirected request is about to be fetched. Runs at priority 610 (its
``process_response`` sees the 3xx before ``RedirectMiddleware`` at 600).
"""

from __future__ import annotations

import logging
from urllib.parse import urljoin, urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response
from w3lib.url import safe_url_string

from newsspider.middlewares.netguard import ALLOWED_SCHEMES
from newsspider.stats import count_once

logger = logging.getLogger(__name__)

REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})


class RedirectRefusals:
    """Downloader middleware: count refused redirects; end loops at the first repeat."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_hops = crawler.settings.getint("REDIRECT_MAX_TIMES")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RedirectRefusals:
        if not crawler.settings.getbool("REDIRECT_ENABLED"):
            raise NotConfigured
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        location = response.headers.get("Location")
        if response.status not in REDIRECT_STATUSES or not location or request.meta.get("dont_redirect"):
            return response
        try:
            target = urljoin(request.url, safe_url_string(location))
        except ValueError as err:  # a Location urllib cannot read ("https://h:99999/", "https://[x]/")
            # Scrapy's RedirectMiddleware would raise on it too, in the errback with a traceback
            self._count("redirect_unreadable", request, location.decode("latin-1"))
            raise IgnoreRequest(f"unreadable redirect Location: {location!r}") from err
        if urlsplit(target).scheme not in ALLOWED_SCHEMES:
            self._count("redirect_scheme", request, target)
            return response  # RedirectMiddleware will not follow it either
        chain = [*request.meta.get("redirect_urls", ()), request.url]
        if _without_fragment(target) in {_without_fragment(url) for url in chain}:
            self._count("redirect_loop", request, target)
            raise IgnoreRequest(f"redirect loop: {target} already visited in this chain")
        if request.meta.get("redirect_times", 0) >= self.max_hops:
            self._count("too_many_redirects", request, target)
        return response

    def _count(self, reason: str, request: Request, target: str) -> None:
        count_once(
            self.crawler.stats,
            f"newsspider/refused/{reason}",
            logger,
            "refused redirect %s -> %s",
            request.url,
            target,
            level=logging.WARNING,
        )


def _without_fragment(url: str) -> str:
    return url.split("#", 1)[0]
