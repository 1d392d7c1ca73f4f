"""robots.txt as RFC 9309 says, where Scrapy's RobotsTxtMiddleware is laxer.

Scrapy parses whatever body the robots.txt request returns, whatever its status, and allows
everything when the request fails. The policy here (docs/politeness.md):

- 2xx: the rules are obeyed; only the first ``ROBOTS_MAX_BYTES`` (500 KiB, the RFC's minimum
  parsing limit) are read, cut at a line end (``newsspider/robots/truncated``); a body that is
  not robots.txt at all (HTML, binary) holds no rules: everything is allowed;
- 4xx (404, 410, 401, 403, ...): "unavailable": everything is allowed (``newsspider/robots/missing``),
  even if the error page happens to contain lines that look like rules;
- 5xx (after the retries) and download errors (timeout, reset, over ``DOWNLOAD_MAXSIZE``):
  "unreachable": the host is completely disallowed for this crawl
  (``newsspider/robots/unreachable``; its pages count as ``robotstxt/forbidden``);
- ``Crawl-delay`` is applied by ``newsspider/politeness.py`` (capped at ``NEWSSPIDER_CRAWL_DELAY_MAX``);
- what an obeyed robots.txt says about AI training (``newsspider/robotsai.py``) is sent with the
  ``robots_ai_statements`` signal, for the crawl record beside the export (``newsspider/crawlinfo.py``).

One fetch per host: the spider's own request for a host's robots.txt (the discovery reads its
``Sitemap:`` lines) is answered with the response this middleware downloaded for the host (as
HttpCacheMiddleware answers from its cache: ``process_request`` returns the response, flagged
``robots.txt reused``; stat ``newsspider/robots/reused``), after the same policy: a 4xx comes back
as itself with an empty body, a 2xx cut at the parsing limit, and an unreachable robots.txt as
``IgnoreRequest``. Each host's response is kept until the spider asks for it, at most once.

Enabled with ``ROBOTSTXT_OBEY`` (default True), in place of Scrapy's middleware.
"""

from __future__ import annotations

import logging

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Request, Response
from scrapy.utils.httpobj import urlparse_cached
from scrapy.utils.misc import build_from_crawler

from newsspider.robotsai import ai_statements, robots_ai_statements
from newsspider.stats import count_once

logger = logging.getLogger(__name__)

#: RFC 9309 §2.5: a parsing limit of at least 500 KiB.
ROBOTS_MAX_BYTES = 500 * 1024
DISALLOW_ALL = b"User-agent: *\nDisallow: /\n"
#: Request meta flag of a robots.txt request answered with the middleware's own download.
REUSED_META = "newsspider_robots_reused"


def robots_rules(status: int, body: bytes) -> tuple[bytes, str | None]:
    """The robots.txt text to obey for a response, and the outcome to count (None: ordinary)."""
    if status >= 500:
        return DISALLOW_ALL, "unreachable"
    if status >= 400:
        return b"", "missing"
    if len(body) > ROBOTS_MAX_BYTES:
        cut = body.rfind(b"\n", 0, ROBOTS_MAX_BYTES)
        return body[: cut + 1 if cut >= 0 else ROBOTS_MAX_BYTES], "truncated"
    return body, None


def is_robots_url(request: Request) -> bool:
    """The request is for its host's robots.txt (``/robots.txt``, no query)."""
    url = urlparse_cached(request)
    return url.path == "/robots.txt" and not url.query


class RobotsPolicy(RobotsTxtMiddleware):
    """Scrapy's RobotsTxtMiddleware with the status and size policy of the module docstring, and
    one robots.txt download per host shared with the spider."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        #: netloc -> the robots.txt response the spider has not asked for yet (None: unreachable).
        self._unclaimed: dict[str, Response | None] = {}

    async def process_request(self, request: Request) -> Response | None:  # type: ignore[override]
        if request.meta.get("dont_obey_robotstxt") or not is_robots_url(request):
            await super().process_request(request)
            return None
        netloc = urlparse_cached(request).netloc
        await self.robot_parser(request)  # downloads it (once per host) or waits for that download
        if netloc not in self._unclaimed:  # asked for a second time: fetched as any page
            await super().process_request(request)
            return None
        response = self._unclaimed.pop(netloc)
        if response is None:
            raise IgnoreRequest(f"robots.txt of {netloc} could not be fetched: the host is disallowed")
        # Final already (retried, redirected, decompressed): later middlewares must not act on it again.
        request.meta.update({REUSED_META: True, "dont_retry": True, "dont_redirect": True})
        self._stats.inc_value("newsspider/robots/reused")
        return response.replace(request=request, flags=[*response.flags, "robots.txt reused"])

    async def _parse_robots(self, response: Response, netloc: str, request: Request) -> None:
        body, outcome = robots_rules(response.status, response.body)
        if outcome:
            self._count(outcome, netloc, f"HTTP {response.status}")
        kept = response.replace(body=body)
        statements = ai_statements(body.decode("utf-8", "replace")) if response.status < 400 else {}
        if statements:
            self._stats.inc_value("newsspider/robots/ai_statements")
            self.crawler.signals.send_catch_log(robots_ai_statements, host=netloc, statements=statements)
        self._unclaimed[netloc] = kept if response.status < 500 else None
        await super()._parse_robots(kept, netloc, request)

    def _robots_error(self, exc: Exception, netloc: str) -> None:
        self._unclaimed[netloc] = None
        if isinstance(exc, IgnoreRequest):  # refused by our own rules (e.g. the network guard): Scrapy's way
            super()._robots_error(exc, netloc)
            return
        self._count("unreachable", netloc, f"{type(exc).__name__}: {exc}")
        self._stats.inc_value(f"robotstxt/exception_count/{type(exc)}")
        pending = self._parsers[netloc]
        parser = build_from_crawler(self._parserimpl, self.crawler, DISALLOW_ALL)
        self._parsers[netloc] = parser
        pending.callback(parser)  # type: ignore[union-attr]

    def _count(self, outcome: str, netloc: str, why: str) -> None:
        meaning = {
            "unreachable": "the whole host is disallowed (RFC 9309)",
            "missing": "everything is allowed",
            "truncated": f"only its first {ROBOTS_MAX_BYTES // 1024} KiB are obeyed",
        }[outcome]
        count_once(self._stats, f"newsspider/robots/{outcome}", logger, "robots.txt of %s: %s: %s", netloc, why, meaning,
                   level=logging.WARNING)  # fmt: skip
