"""The discovery half of a newsspider spider: start pages, robots.txt, sitemaps and feeds.

:class:`DiscoverySpider` is mixed into :class:`~newsspider.spiders.base.NewsSiteSpider`; its
callbacks are spider methods so that requests survive a ``JOBDIR`` pause. Where each source
comes from:

- feeds: the spider's ``feeds`` (absolute, or paths joined to each start URL); else the
  ``<link rel="alternate">`` feeds of the start pages, else :data:`COMMON_FEED_PATHS` there;
- sitemaps: the spider's ``sitemaps``; else the ``Sitemap:`` lines of each start host's robots.txt,
  or ``/sitemap.xml`` when robots.txt names none or is missing (4xx). robots.txt is downloaded
  once per host: with ``ROBOTSTXT_OBEY`` the robots middleware answers the spider's request with
  its own download (``newsspider/middlewares/robots.py``);
- links: followed from every fetched page, highest :func:`article_url_score` first.

``NEWSSPIDER_DISCOVERY`` (default ``feeds,sitemaps,links``) selects the sources. Articles listed
in a feed or sitemap carry an :class:`ArticleCandidate` in their meta (dates for the pre-fetch
filter) and count as depth 0, like start pages.

Stats: ``newsspider/discovery/<source>`` (article requests from each source: ``feed``,
``sitemap``, ``news-sitemap``), ``newsspider/skipped/not_feed``, ``newsspider/skipped/not_sitemap``,
``newsspider/refused/<reason>`` (hostile sitemaps and feeds: ``xml_entities``,
``decompression_bomb``, ``unreadable_gzip``, ``sitemap_too_deep``; see ``newsspider/discovery/xmlguard.py``),
``newsspider/discovery/sitemap_fallback`` (``/sitemap.xml`` tried). A discovery document that is
not there (a probed feed path answering 404, no ``/sitemap.xml``) is counted as
``newsspider/discovery/missing/<reason>`` by ``newsspider/middlewares/failures.py``, not as a lost page.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator, Sequence
from functools import cached_property
from typing import Any, ClassVar
from urllib.parse import urljoin, urlsplit

import scrapy
from scrapy.crawler import Crawler
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from newsspider import config
from newsspider.discovery.candidates import DISCOVERY_META, START_PAGE_META, ArticleCandidate
from newsspider.discovery.feeds import COMMON_FEED_PATHS, feed_links_in_page, parse_feed
from newsspider.discovery.scoring import article_url_score
from newsspider.discovery.sitemaps import parse_sitemap, sitemap_xml, sitemaps_in_robots
from newsspider.discovery.window import DateWindow
from newsspider.discovery.xmlguard import MAX_SITEMAP_INDEX_DEPTH, RefusedDocument
from newsspider.stats import count_once

SOURCES = ("feeds", "sitemaps", "links")
#: Tried on a start host whose robots.txt names no sitemap (or is missing).
FALLBACK_SITEMAP_PATH = "/sitemap.xml"
SITEMAP_DEPTH_META = "newsspider_sitemap_depth"
#: Request priorities: discovery documents first, then listed articles, then followed links (by score).
DISCOVERY_PRIORITY = 100
LISTED_ARTICLE_PRIORITY = 50
#: Added to a listed URL whose feed item or sitemap entry dates it: a dated entry is an article far
#: more often than an undated one (sitemaps of sections, tags and authors rarely carry dates).
DATED_LISTING_BONUS = 10
#: A listed URL's own score (``article_url_score``) moves it at most this far from
#: LISTED_ARTICLE_PRIORITY, so every listed URL still comes before every followed link.
LISTED_SCORE_SPAN = 20

#: Spider argument -> setting it sets (the window and ``fresh``).
DISCOVERY_ARGUMENTS = {"since": "NEWSSPIDER_SINCE", "until": "NEWSSPIDER_UNTIL", "fresh": "NEWSSPIDER_STATE_FRESH"}


def listed_priority(candidate: ArticleCandidate) -> int:
    """Priority of a URL a feed or sitemap lists: dated entries and article-like URLs first.

    Scrapy pops requests of equal priority last-in first-out, so without this the sitemap parsed
    last (often a sitemap of section and tag pages) would be fetched first: a crawl's page budget
    (``max_pages``, ``new-site``'s sample) would go to listings or articles depending on which
    sitemap response arrived first.
    """
    score = max(-LISTED_SCORE_SPAN, min(LISTED_SCORE_SPAN, article_url_score(candidate.url)))
    dated = bool(candidate.published or candidate.lastmod)
    return LISTED_ARTICLE_PRIORITY + score + (DATED_LISTING_BONUS if dated else 0)


def discovery_settings(**kwargs: Any) -> dict[str, Any]:
    """Settings for the ``since``/``until``/``fresh`` spider arguments (relative bounds resolved
    now); ValueError with a message naming the fix."""
    window = DateWindow.from_strings(kwargs.get("since") or None, kwargs.get("until") or None)
    settings: dict[str, Any] = {}
    if window.since:
        settings["NEWSSPIDER_SINCE"] = window.since.isoformat()
    if window.until:
        settings["NEWSSPIDER_UNTIL"] = window.until.isoformat()
    if "fresh" in kwargs:
        try:
            settings["NEWSSPIDER_STATE_FRESH"] = config.SETTINGS["NEWSSPIDER_STATE_FRESH"].parse(kwargs["fresh"])
        except ValueError as err:
            raise ValueError(f"-a fresh={kwargs['fresh']!r} is invalid: give -a fresh=1 (ignore the state) or -a fresh=0") from err
    return settings


def discovery_sources(value: Any) -> frozenset[str]:
    """``NEWSSPIDER_DISCOVERY`` as a set of source names; ValueError naming the setting."""
    names = config.SETTINGS["NEWSSPIDER_DISCOVERY"].parse(value)
    unknown = [n for n in names if n not in SOURCES]
    if unknown or not names:
        raise ValueError(f"NEWSSPIDER_DISCOVERY={','.join(names)!r} is invalid: give some of {','.join(SOURCES)}, comma-separated")
    return frozenset(names)


class DiscoverySpider(scrapy.Spider):
    """Mixin: schedule start pages, robots.txt, sitemaps and feeds; turn listings into article requests.

    Declarative class attributes: ``feeds`` and ``sitemaps`` (URLs, or paths joined to each
    start URL). Hooks used from the spider: :meth:`discovery_requests` (``start()``),
    :meth:`discover_on_page` and :meth:`follows_links` (``parse``). A subclass may override
    :meth:`follow_priority` and :meth:`listed_to_fetch` (``new-site``'s sample does:
    ``newsspider/sites/sample.py``).
    """

    feeds: ClassVar[Sequence[str]] = ()
    sitemaps: ClassVar[Sequence[str]] = ()

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> Any:
        settings = discovery_settings(**kwargs)
        for name in DISCOVERY_ARGUMENTS:
            kwargs.pop(name, None)
        spider = super().from_crawler(crawler, *args, **kwargs)
        for name, value in settings.items():
            crawler.settings.set(name, value, priority="cmdline")
        return spider

    @cached_property
    def discovery_sources(self) -> frozenset[str]:
        return discovery_sources(config.get(self.crawler.settings, "NEWSSPIDER_DISCOVERY"))

    def follows_links(self) -> bool:
        return "links" in self.discovery_sources

    # -- start ----------------------------------------------------------------------------

    def discovery_groups(self) -> Iterator[tuple[Sequence[str], Sequence[str], Sequence[str]]]:
        """``(start_urls, feeds, sitemaps)`` of each site the spider crawls (here: one)."""
        yield list(getattr(self, "start_urls", ())), self.feeds, self.sitemaps

    def declared_feeds(self, url: str) -> Sequence[str]:
        """The ``feeds`` declared for the site of ``url``."""
        return self.feeds

    def discovery_requests(self) -> Iterator[scrapy.Request]:
        """Start requests: robots.txt or declared sitemaps, declared feeds, start pages."""
        for starts, feeds, sitemaps in self.discovery_groups():
            yield from self._site_discovery_requests(starts, feeds, sitemaps)

    def _site_discovery_requests(self, starts: Sequence[str], feeds: Sequence[str], sitemaps: Sequence[str]) -> Iterator[scrapy.Request]:
        sources = self.discovery_sources
        if "sitemaps" in sources:
            if sitemaps:
                for url in _joined(sitemaps, starts):
                    yield self._discovery_request(url, self.parse_sitemap)
            else:
                for host_root in dict.fromkeys(urljoin(u, "/") for u in starts):
                    yield self._discovery_request(urljoin(host_root, "/robots.txt"), self.parse_robots)
        if "feeds" in sources:
            for url in _joined(feeds, starts):
                yield self._discovery_request(url, self.parse_feed)
        if "links" in sources or ("feeds" in sources and not feeds):
            for url in starts:
                yield self._discovery_request(url, self.parse, start_page=True)

    def _discovery_request(self, url: str, callback: Any, *, start_page: bool = False) -> scrapy.Request:
        meta: dict[str, Any] = {DISCOVERY_META: True, "depth_reset": True}
        if start_page:  # a listing: its loss is logged by Scrapy and counted as a dropped page
            meta[START_PAGE_META] = True
            return scrapy.Request(url, callback=callback, priority=DISCOVERY_PRIORITY, meta=meta)
        return scrapy.Request(url, callback=callback, errback=self.discovery_missing, priority=DISCOVERY_PRIORITY, meta=meta)

    # -- on pages --------------------------------------------------------------------------

    def discover_on_page(self, response: Response) -> Iterator[scrapy.Request]:
        """On a start page (spider without ``feeds``): its advertised feeds, else the common feed paths."""
        if not (response.meta.get(START_PAGE_META) and "feeds" in self.discovery_sources and not self.declared_feeds(response.url)):
            return
        if not isinstance(response, TextResponse):
            return
        feeds = feed_links_in_page(response.selector, response.url)
        for url in feeds or [urljoin(response.url, p) for p in COMMON_FEED_PATHS]:
            yield self._discovery_request(url, self.parse_feed)

    def follow_priority(self, url: str, page: Response | None = None) -> int:
        """Priority of a link followed from ``page``: article-looking URLs first."""
        return article_url_score(url)

    def listed_to_fetch(self, candidates: Sequence[ArticleCandidate]) -> Sequence[ArticleCandidate]:
        """The URLs one feed or sitemap lists that the crawl requests (here: all of them)."""
        return candidates

    # -- callbacks ---------------------------------------------------------------------------

    def parse_robots(self, response: Response, **kwargs: Any) -> Iterator[scrapy.Request]:
        sitemaps = sitemaps_in_robots(response.body, response.url)
        if not sitemaps:
            yield self._fallback_sitemap(response.url)
        for url in sitemaps:
            yield self._discovery_request(url, self.parse_sitemap)

    def discovery_missing(self, failure: Failure) -> Iterator[scrapy.Request]:
        """Errback of robots.txt, feeds and sitemaps: a document that is not there is normal (the
        failure middleware counted it); a missing robots.txt (4xx) sends the crawl to ``/sitemap.xml``."""
        request = failure.request  # type: ignore[attr-defined]
        self.logger.debug("Discovery document %s not there: %s", request.url, failure.value)
        if request.callback == self.parse_robots and failure.check(HttpError):
            if 400 <= failure.value.response.status < 500:
                yield self._fallback_sitemap(failure.value.response.url)

    def _fallback_sitemap(self, url: str) -> scrapy.Request:
        self._count_discovery("discovery/sitemap_fallback")
        return self._discovery_request(urljoin(url, FALLBACK_SITEMAP_PATH), self.parse_sitemap)

    def parse_sitemap(self, response: Response, **kwargs: Any) -> Iterator[scrapy.Request]:
        max_size = response.meta.get("download_maxsize", self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
        try:
            body = sitemap_xml(response, max_size)
            parsed = parse_sitemap(body, response.url) if body else None
        except RefusedDocument as err:
            self._refused(err)
            return
        if parsed is None:
            self._count_discovery("skipped/not_sitemap")
            return
        depth = response.meta.get(SITEMAP_DEPTH_META, 0) + 1  # indexes followed to reach the next sitemaps
        if parsed.sitemaps and depth > MAX_SITEMAP_INDEX_DEPTH:
            self._refused(RefusedDocument("sitemap_too_deep", f"{response.url}: sitemap index nested over {MAX_SITEMAP_INDEX_DEPTH} deep"))
            parsed.sitemaps = []
        for url in parsed.sitemaps:
            request = self._discovery_request(url, self.parse_sitemap)
            request.meta[SITEMAP_DEPTH_META] = depth
            yield request
        yield from self._article_requests(parsed.articles)

    def parse_feed(self, response: Response, **kwargs: Any) -> Iterator[scrapy.Request]:
        try:
            candidates = parse_feed(response.body, response.url)
        except RefusedDocument as err:
            self._refused(err)
            return
        if candidates is None:
            self._count_discovery("skipped/not_feed")
            return
        yield from self._article_requests(candidates)

    def _article_requests(self, candidates: Sequence[ArticleCandidate]) -> Iterator[scrapy.Request]:
        wanted = [c for c in candidates if urlsplit(c.url).scheme in ("http", "https") and not self._refuses(c.url)]
        for candidate in self.listed_to_fetch(wanted):
            self.crawler.stats.inc_value(f"newsspider/discovery/{candidate.source}")  # type: ignore[union-attr]
            yield scrapy.Request(
                candidate.url,
                callback=self.parse,  # type: ignore[attr-defined]
                priority=listed_priority(candidate),
                meta={**candidate.to_meta(), "depth_reset": True},
            )

    @cached_property
    def _deny(self) -> list[re.Pattern[str]]:
        return [re.compile(p) for p in getattr(self, "deny_urls", ())]

    def _refuses(self, url: str) -> bool:
        """A listed URL the spider's own rules reject (``deny_urls``, or not matching ``article_urls``)."""
        is_article = getattr(self, "is_article_url", lambda _u: None)(url)
        return is_article is False or any(p.search(url) for p in self._deny)

    def _count_discovery(self, key: str) -> None:
        self.crawler.stats.inc_value(f"newsspider/{key}")  # type: ignore[union-attr]

    def _refused(self, err: RefusedDocument) -> None:
        """A hostile sitemap or feed (``newsspider/discovery/xmlguard.py``): counted, logged once."""
        count_once(self.crawler.stats, f"newsspider/refused/{err.reason}", self.logger, "%s", err, level=logging.WARNING)  # type: ignore[arg-type]


def _joined(urls: Sequence[str], starts: Sequence[str]) -> list[str]:
    """Absolute URLs as given; paths joined to every start URL (deduplicated, in order)."""
    out: list[str] = []
    for url in urls:
        out += [url] if urlsplit(url).scheme else [urljoin(s, url) for s in starts]
    return list(dict.fromkeys(out))
