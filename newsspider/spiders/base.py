"""The base class of every newsspider spider: crawl a site, extract its articles.

A site spider is a few declarative class attributes (see docs/add-a-site.md)::

    class ExampleSpider(NewsSiteSpider):
        name = "example"
        allowed_domains = ["example.com"]
        start_urls = ["https://example.com/"]
        article_urls = [r"/\\d{4}/\\d{2}/\\d{2}/"]

Spider arguments (``-a name=value``), shared by all spiders:

- ``url``: start URL(s), comma-separated; replaces ``start_urls`` (and, when the spider
  declares no ``allowed_domains``, sets them to the URLs' hosts).
- ``depth``: how many links away from a start URL to follow (``DEPTH_LIMIT``).
- ``max_pages``: stop after this many responses (``CLOSESPIDER_PAGECOUNT``).
- ``max_articles``: stop after this many exported articles (``CLOSESPIDER_ITEMCOUNT``).
- ``since`` / ``until``: the date window (``2024-01-01``, or relative: ``2d``); ``fresh=1``:
  ignore the incremental state (see ``newsspider/discovery/spider.py``).

Stats written: ``newsspider/pages/article`` (pages sent to extraction),
``newsspider/skipped/<reason>`` (pages that are not articles: ``not_article_url``,
``not_article``, ``not_html``, ``empty``) and ``newsspider/dropped/<reason>`` (article pages
whose extraction failed, e.g. ``no_body``).
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from datetime import datetime, timezone
from typing import Any, ClassVar
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, NotConfigured
from scrapy.http import Response, TextResponse
from scrapy.linkextractors import LinkExtractor

from newsspider.discovery.spider import DiscoverySpider, discovery_settings
from newsspider.extraction import SiteRules
from newsspider.items import Article, article_from_fields
from newsspider.pool import ExtractionPool, link_urls, pool_for
from newsspider.stats import count_once
from newsspider.summary import NOT_ENABLED

UrlRule = Sequence[str] | Callable[[str], bool]

#: Spider argument -> (Scrapy setting it sets, minimum accepted value).
LIMIT_ARGUMENTS: dict[str, tuple[str, int]] = {
    "depth": ("DEPTH_LIMIT", 0),
    "max_pages": ("CLOSESPIDER_PAGECOUNT", 1),
    "max_articles": ("CLOSESPIDER_ITEMCOUNT", 1),
}


class SpiderArgumentError(ValueError):
    """A ``-a name=value`` spider argument is invalid; the message names the fix."""


def _compile(rule: UrlRule) -> Callable[[str], bool] | None:
    """A URL predicate from a list of regexes (any matches) or a callable; None when empty."""
    if callable(rule):
        return rule
    patterns = [re.compile(p) for p in rule]
    if not patterns:
        return None
    return lambda url: any(p.search(url) for p in patterns)


def parse_limit(name: str, value: Any) -> int:
    """Validate a numeric limit argument, with a message that says how to fix it."""
    _setting, minimum = LIMIT_ARGUMENTS[name]
    try:
        number = int(value)
    except (TypeError, ValueError):
        number = None
    if number is None or number < minimum:
        raise SpiderArgumentError(
            f"-a {name}={value!r} is invalid: give a whole number >= {minimum}, e.g. -a {name}=10"
        )
    return number


class NewsSiteSpider(DiscoverySpider):
    """Crawl one news site: its feeds, sitemaps and links; extract the article pages into records.

    Declarative class attributes (all optional but ``name`` and ``start_urls``):

    - ``article_urls``: regexes (or a callable) matching article page URLs. When empty,
      every page is classified by its content instead (the generic ``news`` spider).
    - ``follow_urls``: regexes (or a callable) of pages to follow links to; empty: every page
      inside ``allowed_domains``. Article URLs are always followed.
    - ``deny_urls``: regexes of URLs never requested.
    - ``remove_selectors``: CSS/XPath selectors removed from pages before extraction.
    - ``boilerplate_patterns``: regexes of body lines removed after extraction.
    - ``body_selector``: CSS/XPath of the article body container.
    - ``feeds``, ``sitemaps``: RSS/Atom feed and sitemap URLs (or paths); when absent they are
      discovered (``<link rel="alternate">``, robots.txt; see :class:`DiscoverySpider`).
    - ``handles_any_site``: ``scrapy parse URL`` and ``scrapy shell URL`` use this spider for a URL
      that no spider's ``allowed_domains`` match (the generic ``news`` spider).

    Spider contracts (``scrapy check``) go in the docstring of a ``parse`` that delegates to this
    one; ``@url`` may be a path on the start URL (``newsspider/contracts.py``, see ``demo``).

    The spider needs newsspider enabled (``ADDONS = {"newsspider.Addon": 0}``): without it, the
    crawl closes as it opens (finish reason ``newsspider_not_enabled``, exit status 1 with
    newsspider's ``crawl`` command), one error line naming the fix, nothing fetched.
    """

    article_urls: ClassVar[UrlRule] = ()
    follow_urls: ClassVar[UrlRule] = ()
    deny_urls: ClassVar[Sequence[str]] = ()
    remove_selectors: ClassVar[Sequence[str]] = ()
    boilerplate_patterns: ClassVar[Sequence[str]] = ()
    body_selector: ClassVar[str | None] = None
    handles_any_site: ClassVar[bool] = False
    #: Where pages are extracted (worker processes or inline): the crawl's
    #: :class:`~newsspider.pool.ExtractionPool` extension, set on ``spider_opened`` (Scrapy
    #: builds extensions after the spider).
    extraction_pool: ExtractionPool

    def __init__(self, *args: Any, url: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if url:
            self.start_urls = self._parse_urls(url)
            if not getattr(self, "allowed_domains", None):
                self.allowed_domains = sorted({urlsplit(u).hostname or "" for u in self.start_urls})
        self._is_article_url = _compile(self.article_urls)
        self._should_follow = _compile(self.follow_urls)
        self.site_rules = SiteRules(
            remove=tuple(self.remove_selectors),
            boilerplate=tuple(self.boilerplate_patterns),
            body=self.body_selector,
        )
        # Off-site links are left to Scrapy's OffsiteMiddleware, which (unlike LinkExtractor's
        # allow_domains) handles hosts with ports such as 127.0.0.1:8000.
        self.link_extractor = LinkExtractor(deny=tuple(self.deny_urls))
        self._followed_depth: dict[int, int] = {}  # hash of a followed link's URL -> shallowest depth

    @classmethod
    def check_arguments(cls, **kwargs: Any) -> dict[str, int]:
        """Validate the arguments of a crawl before anything starts; return the numeric limits.

        Raises :class:`SpiderArgumentError` with a message naming the fix, also when the crawl
        would have no start URL. The project's ``crawl`` command calls it first so that a bad
        ``-a`` is a one-line error.
        """
        limits = cls._checked_values(**kwargs)
        if not kwargs.get("url") and not getattr(cls, "start_urls", None):
            raise SpiderArgumentError(cls._no_start_url())
        return limits

    @classmethod
    def _checked_values(cls, **kwargs: Any) -> dict[str, int]:
        """The argument values checked, a start URL not required: ``scrapy parse``, ``shell`` and
        ``check`` build the spider without one and send it their own requests."""
        limits = {name: parse_limit(name, kwargs[name]) for name in LIMIT_ARGUMENTS if name in kwargs}
        if kwargs.get("url"):
            cls._parse_urls(kwargs["url"])
        try:
            discovery_settings(**kwargs)
        except ValueError as err:
            raise SpiderArgumentError(str(err)) from err
        return limits

    @classmethod
    def _no_start_url(cls) -> str:
        return f"spider {cls.name!r} has no start URL: pass one, e.g. scrapy crawl {cls.name} -a url=https://example.com/"

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> NewsSiteSpider:
        limits = cls._checked_values(**kwargs)
        for name in limits:
            del kwargs[name]
        spider = super().from_crawler(crawler, *args, **kwargs)
        for name, value in limits.items():
            # Settings are still mutable here: Crawler applies them after creating the spider.
            crawler.settings.set(LIMIT_ARGUMENTS[name][0], value, priority="cmdline")
        crawler.signals.connect(spider._find_services, signal=signals.spider_opened)
        return spider

    def _find_services(self) -> None:
        """On ``spider_opened``: find the crawl's services; without newsspider enabled, close the
        crawl before any request (one error line naming the fix)."""
        try:
            self.extraction_pool = pool_for(self.crawler)
        except NotConfigured as err:
            self.logger.error("%s", err)
            raise CloseSpider(NOT_ENABLED) from err

    @staticmethod
    def _parse_urls(value: str) -> list[str]:
        urls = [u.strip() for u in value.split(",") if u.strip()]
        for u in urls or [value]:
            if urlsplit(u).scheme not in ("http", "https") or not urlsplit(u).hostname:
                raise SpiderArgumentError(f"-a url={u!r} is not an http(s) URL: give e.g. -a url=https://example.com/")
        return urls

    async def start(self) -> AsyncIterator[Any]:
        if not getattr(self, "start_urls", None):  # a crawl started without the crawl command's check
            self.logger.error(self._no_start_url())
        for request in self.discovery_requests():
            yield request

    # -- crawling -------------------------------------------------------------------------

    def is_article_url(self, url: str) -> bool | None:
        """True/False by ``article_urls``; None when the spider leaves it to the page content."""
        return None if self._is_article_url is None else self._is_article_url(url)

    def should_follow(self, url: str) -> bool:
        """Whether to request a same-site link found on a page (article URLs always are)."""
        if self.is_article_url(url):
            return True
        return self._should_follow is None or self._should_follow(url)

    async def parse(self, response: Response, **kwargs: Any) -> AsyncIterator[Any]:
        """Extract the page if it is an article, then follow its links."""
        if not isinstance(response, TextResponse):
            self._count("skipped", "not_html")
            return
        for request in self.discover_on_page(response):
            yield request
        kind = self.is_article_url(response.url)
        links = None
        if kind is False:
            self._count("skipped", "not_article_url")
        else:
            article, links = await self.extract(response, assume_article=kind is True)
            if article is not None:
                yield article
        if not self.follows_links():
            return
        if links is None:
            links = link_urls(self.link_extractor.extract_links(response))
        for url in self._links_not_yet_followed(links, depth=response.meta.get("depth", 0) + 1):
            if self.should_follow(url):
                yield response.follow(url, callback=self.parse, priority=self.follow_priority(url))

    def _links_not_yet_followed(self, links: list[str], *, depth: int) -> Iterator[str]:
        """The links not already followed from a page at this depth or shallower.

        Most links on a news page (navigation, teasers, related stories) were on the pages
        before it: Scrapy's duplicate filter would drop them, but only after a ``Request`` and
        every spider middleware each, which costs a crawl more CPU than the pages' download.
        A link first found too deep for ``DEPTH_LIMIT`` is still followed when found shallower.
        It keeps the hash of each URL, not the URL: a small int per link in memory.
        """
        followed = self._followed_depth
        for url in links:
            key = hash(url)
            if followed.get(key, depth + 1) > depth:
                followed[key] = depth
                yield url

    async def extract(self, response: TextResponse, *, assume_article: bool) -> tuple[Article | None, list[str] | None]:
        """Run extraction on a page (in the extraction pool); count why when it yields no record.

        Returns the record (or None) and, when a pool worker extracted them too, the URLs of the
        page's links (those ``self.link_extractor`` finds; None: extract them here).
        """
        outcome = await self.extraction_pool.extract(
            response.text,
            response.url,
            self.site_rules,
            assume_article=assume_article,
            link_extractor=self.link_extractor if self.follows_links() else None,
        )
        result = outcome.result
        if result.fields is None:
            reason = result.skip_reason or "unknown"
            # A page we were told is an article but cannot be extracted is a loss (dropped);
            # a page found not to be an article is expected (skipped).
            self._count("dropped" if assume_article or reason != "not_article" else "skipped", reason)
            return None, outcome.links
        self.crawler.stats.inc_value("newsspider/pages/article")
        return self._record(result.fields, response), outcome.links

    def extract_here(self, response: Response) -> Article | None:
        """The page's record as :meth:`parse` would export it (None: not an article), extracted
        in this thread and not counted in the stats: ``record`` in ``scrapy shell``."""
        kind = self.is_article_url(response.url)
        if not isinstance(response, TextResponse) or kind is False:
            return None
        result = self.extraction_pool.function(response.text, response.url, self.site_rules, assume_article=kind is True)
        return None if result.fields is None else self._record(result.fields, response)

    def _record(self, fields: dict[str, Any], response: Response) -> Article:
        fetched_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
        return article_from_fields(fields, url=response.url, site=self.name, fetched_at=fetched_at)

    def _count(self, kind: str, reason: str) -> None:
        count_once(self.crawler.stats, f"newsspider/{kind}/{reason}", self.logger, f"{kind} page: %s", reason)
