"""Spider middleware: drop requests that are not worth making, before they are scheduled.

- An article a feed or sitemap dates outside the crawl's window (``-a since`` / ``-a until``):
  ``newsspider/skipped/out_of_window``.
- An article an earlier crawl exported (incremental state), unless its listing's ``lastmod``
  is newer than the exported version: ``newsspider/skipped/already_exported``; a changed one
  passes and counts ``newsspider/state/changed``.

Start pages, robots.txt, feeds and sitemaps (``meta["newsspider_discovery"]``) always pass.
Settings: ``NEWSSPIDER_SINCE``, ``NEWSSPIDER_UNTIL``, ``NEWSSPIDER_STATE_*`` (``NotConfigured``
when there is neither a window nor a state to consult).
"""

from __future__ import annotations

import logging
from datetime import UTC, datetime

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from scrapy.spidermiddlewares.base import BaseSpiderMiddleware

from newsspider import config
from newsspider.discovery.candidates import DISCOVERY_META, ArticleCandidate
from newsspider.discovery.window import is_newer, window_from_settings
from newsspider.state import StateStore, site_of, state_enabled, state_for, state_fresh
from newsspider.stats import count_once

logger = logging.getLogger(__name__)


class PrefetchFilter(BaseSpiderMiddleware):
    """Skip out-of-window and already-exported article requests (see the module docstring)."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        settings = crawler.settings
        self.window = window_from_settings(config.get(settings, "NEWSSPIDER_SINCE"), config.get(settings, "NEWSSPIDER_UNTIL"))
        self.state: StateStore | None = None
        self.started = datetime.now(UTC).isoformat(timespec="seconds")
        if state_enabled(crawler) and not state_fresh(crawler):
            self.state = state_for(crawler)
        if self.window.is_open and self.state is None:
            raise NotConfigured  # off by default: no message, so Scrapy does not warn (no date window and no incremental state to consult)

    def get_processed_request(self, request: Request, response: Response | None) -> Request | None:
        if request.meta.get(DISCOVERY_META):
            return request
        candidate = ArticleCandidate.from_meta(request.meta)
        if candidate is not None and self.window.excludes_listing(candidate.published, candidate.lastmod):
            self._count("skipped/out_of_window", "outside the date window, not fetched: %s", request.url)
            return None
        if self.state is not None:
            past = self.state.past_export(site_of(self.crawler.spider, request.url), request.url)
            # Exported after this crawl started: by this very crawl (the duplicate filter already
            # knows the URL). Times are to the second: an export stamped in the second this crawl
            # started counts as an earlier crawl's (one that closed just before this one started).
            if past is not None and past.exported_at <= self.started:
                lastmod = candidate.lastmod if candidate else None
                if not is_newer(lastmod, past.version or past.exported_at):
                    self._count("skipped/already_exported", "exported by an earlier crawl, not fetched: %s", request.url)
                    return None
                self._count("state/changed", "changed since exported, fetching again: %s", request.url)
        return request

    def _count(self, key: str, msg: str, url: str) -> None:
        count_once(self.crawler.stats, f"newsspider/{key}", logger, msg, url)  # type: ignore[arg-type]
