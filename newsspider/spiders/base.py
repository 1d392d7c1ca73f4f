"""The base class of every newsspider spider: crawl a site, extract its articles.

A site spider is a few declarative class attributes (see docs/add-a-site.md)::

    class ExampleSpider(NewsSiteSpider):
        name = "example"
        allowed_domains = ["example.com"]
        start_urls = ["https://example.com/"]
        article_urls = [r"/\\d{4}/\\d{2}/\\d{2}/"]

Spider arguments (``-a name=value``), shared by all spiders:

- ``url``: start URL(s), comma-separated; replaces ``start_urls``.
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

import difflib
from collections.abc import AsyncIterator, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, datetime
from functools import cached_property
from typing import Any, ClassVar
from urllib.parse import urlsplit

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import CloseSpider, NotConfigured
from scrapy.http import Response, TextResponse

from newsspider.discovery.spider import DiscoverySpider, discovery_settings
from newsspider.items import Article, article_from_fields, with_nearly_kept
from newsspider.links import page_link_urls
from newsspider.pool import ExtractionPool, pool_for
from newsspider.sites.patterns import UrlRule
from newsspider.spiders.siteplan import SitePlan, start_hosts
from newsspider.stats import count_once
from newsspider.summary import NOT_ENABLED

#: Spider argument -> (Scrapy setting it sets, minimum accepted value).
LIMIT_ARGUMENTS: dict[str, tuple[str, int]] = {
    "depth": ("DEPTH_LIMIT", 0),
    "max_pages": ("CLOSESPIDER_PAGECOUNT", 1),
    "max_articles": ("CLOSESPIDER_ITEMCOUNT", 1),
}


#: The ``-a`` arguments every newsspider spider reads (a spider class may add its own).
ARGUMENTS = frozenset({"url", "since", "until", "fresh", *LIMIT_ARGUMENTS})


def misspelt_argument(name: str, known: Iterable[str]) -> str:
    """The one-line error for ``-a name=`` when ``name`` is a near miss of a known argument
    (``max_article``, ``depht``), else "". Scrapy hands any ``-a`` to the spider as an
    attribute, so a typo would silently crawl without the limit or window it meant."""
    known = sorted(known)
    if name in known:
        return ""
    close = difflib.get_close_matches(name.lower(), known, n=1, cutoff=0.8)
    return f"-a {name}= is not an argument of this spider: did you mean -a {close[0]}=?" if close else ""


class SpiderArgumentError(ValueError):
    """A ``-a name=value`` spider argument is invalid; the message names the fix."""


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
    - ``field_selectors``: per-field overrides applied after generic extraction, e.g.
      ``{"title": "h1::text"}`` (CSS, or XPath when it starts with ``/``) or
      ``{"published": {"function": "mypackage.fixes:published"}}`` (docs/add-a-site.md).
    - ``versions``: rules of older designs, e.g. ``[{"until": "2024-06-01", "body_selector":
      "div.old-body"}]``: pages published before ``until`` are extracted with them.
    - ``feeds``, ``sitemaps``: RSS/Atom feed and sitemap URLs (or paths); when absent they are
      discovered (``<link rel="alternate">``, robots.txt; see :class:`DiscoverySpider`).
    - ``allowed_domains``: when not declared, the hosts of the start URLs (without ``www.``):
      a crawl stays on its site, however the start URLs were given.
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
    field_selectors: ClassVar[Mapping[str, Any] | tuple[Any, ...]] = {}
    versions: ClassVar[Sequence[Any]] = ()
    handles_any_site: ClassVar[bool] = False
    #: The ``-a`` arguments the spider reads: a near miss of one is refused (:func:`misspelt_argument`).
    arguments: ClassVar[frozenset[str]] = ARGUMENTS
    #: Crawls several sites (``newsspider/spiders/sites.py``): per-site stats and site learning.
    multi_site: ClassVar[bool] = False
    #: Where pages are extracted (worker processes or inline): the crawl's
    #: :class:`~newsspider.pool.ExtractionPool` extension, set on ``spider_opened`` (Scrapy
    #: builds extensions after the spider).
    extraction_pool: ExtractionPool
    #: Sends its pages to the extraction pool: the pool's fork server starts with the crawl.
    uses_extraction_pool: ClassVar[bool] = True

    def __init__(self, *args: Any, url: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if url:
            self.start_urls = self._parse_urls(url)
        if not getattr(self, "allowed_domains", None) and getattr(self, "start_urls", None):
            self.allowed_domains = start_hosts(self.start_urls)
        #: The compiled rules of the site (a multi-site spider picks one per page: :meth:`site_for`).
        self.site_plan = SitePlan(self)
        self.site_rules = self.site_plan.rules
        self.link_extractor = self.site_plan.link_extractor
        self._followed_depth: dict[int, int] = {}  # hash of a followed link's URL -> depth it was followed at

    @classmethod
    def check_arguments(cls, **kwargs: Any) -> dict[str, int]:
        """Validate the arguments of a crawl before anything starts; return the numeric limits.

        Raises :class:`SpiderArgumentError` with a message naming the fix, also when the crawl
        would have no start URL. The project's ``crawl`` command calls it first so that a bad
        ``-a`` is a one-line error.
        """
        limits = cls._checked_values(**kwargs)
        if not kwargs.get("url") and not getattr(cls, "start_urls", None):
            raise SpiderArgumentError(cls._no_start_url(kwargs))
        return limits

    @classmethod
    def _checked_values(cls, **kwargs: Any) -> dict[str, int]:
        """The argument values checked, a start URL not required: ``scrapy parse``, ``shell`` and
        ``check`` build the spider without one and send it their own requests."""
        for name in kwargs:
            misspelt = misspelt_argument(name, cls.arguments)
            if misspelt:
                raise SpiderArgumentError(misspelt)
        limits = {name: parse_limit(name, kwargs[name]) for name in LIMIT_ARGUMENTS if name in kwargs}
        if kwargs.get("url"):
            cls._parse_urls(kwargs["url"])
        try:
            discovery_settings(**kwargs)
        except ValueError as err:
            raise SpiderArgumentError(str(err)) from err
        return limits

    @classmethod
    def _no_start_url(cls, arguments: Mapping[str, Any] | None = None) -> str:
        """The error for a crawl without a start URL; it names a URL-like argument given instead
        (``-a start_url=…``, ``-a URL=…``), which Scrapy would set as an attribute and ignore."""
        wrong = sorted(name for name in arguments or () if name != "url" and "url" in name.lower())
        given = f" (-a {wrong[0]} is not an argument of it)" if wrong else ""
        return f"spider {cls.name!r} has no start URL{given}: pass one, e.g. scrapy crawl {cls.name} -a url=https://example.com/"

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

    def site_for(self, url: str) -> SitePlan:
        """The rules of the site ``url`` belongs to (this spider's one site)."""
        return self.site_plan

    def site_name(self, url: str) -> str:
        """The ``site`` of records of ``url``, the key of the incremental state."""
        return self.site_for(url).name

    def is_article_url(self, url: str) -> bool | None:
        """True/False by ``article_urls``; None when the spider leaves it to the page content."""
        return self.site_for(url).is_article_url(url)

    def should_follow(self, url: str) -> bool:
        """Whether to request a same-site link found on a page (article URLs always are)."""
        return self.site_for(url).should_follow(url)

    def _refuses(self, url: str) -> bool:
        return self.site_for(url).refuses(url)

    async def parse(self, response: Response, **kwargs: Any) -> AsyncIterator[Any]:
        """Extract the page if it is an article, then follow its links."""
        if not isinstance(response, TextResponse):
            self._count("skipped", "not_html")
            return
        for request in self.discover_on_page(response):
            yield request
        site = self.site_for(response.url)
        self.count_site(site.name, "pages")
        kind = site.is_article_url(response.url)
        links = None
        if kind is False:
            self._count("skipped", "not_article_url")
        else:
            article, links = await self.extract(response, assume_article=kind is True, site=site)
            if article is not None:
                yield article
        if not self.follows_links():
            return
        if links is None:
            links = page_link_urls(site.link_extractor, response)
        for url in self._links_not_yet_followed(links, depth=response.meta.get("depth", 0) + 1):
            if self.should_follow(url):
                # encoding: the URL is already safe ASCII; the page's own encoding would be the
                # request's headers' (a UTF-16 page's links: every header name UTF-16, refused)
                yield response.follow(url, callback=self.parse, priority=self.follow_priority(url, response), encoding="utf-8")

    def _links_not_yet_followed(self, links: list[str], *, depth: int) -> Iterator[str]:
        """The links not already followed (or, under ``DEPTH_LIMIT``, followed only too deep).

        Most links on a news page (navigation, teasers, related stories) were on the pages
        before it: Scrapy's duplicate filter would drop them, but only after a ``Request`` and
        every spider middleware each, which costs a crawl more CPU than the pages' download.
        A link followed once was scheduled (the duplicate filter drops it from then on), unless
        it was too deep for ``DEPTH_LIMIT``: only such a link is followed again, when found at
        a depth within the limit. A URL is followed without its fragment (``#share-email``,
        ``#comments``: the page itself, which ``CanonicalUrls`` fetches without it anyway). It
        keeps the hash of each URL, not the URL: a small int per link in memory.
        """
        followed = self._followed_depth
        limit = self.depth_limit
        for url in links:
            url = url.split("#", 1)[0]  # share buttons, comments anchors: the page itself (fetched without it anyway)
            key = hash(url)
            earlier = followed.get(key)
            if earlier is None or limit and earlier > limit >= depth:
                followed[key] = depth
                yield url

    @cached_property
    def depth_limit(self) -> int:
        """``DEPTH_LIMIT`` of the crawl (0: none), read on the first page (``-a depth`` sets it)."""
        crawler = getattr(self, "crawler", None)
        return crawler.settings.getint("DEPTH_LIMIT") if crawler is not None else 0

    async def extract(
        self, response: TextResponse, *, assume_article: bool, site: SitePlan | None = None
    ) -> tuple[Article | None, list[str] | None]:
        """Run extraction on a page (in the extraction pool); count why when it yields no record.

        Returns the record (or None) and, when a pool worker extracted them too, the URLs of the
        page's links (those ``self.link_extractor`` finds; None: extract them here).
        """
        site = site or self.site_for(response.url)
        outcome = await self.extraction_pool.extract(
            response.text,
            response.url,
            site.rules,
            assume_article=assume_article,
            link_extractor=site.link_extractor if self.follows_links() else None,
        )
        if outcome.fields is None:
            reason = outcome.skip_reason or "unknown"
            # A page we were told is an article but cannot be extracted is a loss (dropped);
            # a page found not to be an article is expected (skipped).
            lost = assume_article or reason != "not_article"
            self._count("dropped" if lost else "skipped", reason)
            if lost:
                self.count_site(site.name, "dropped")
            return None, outcome.links
        self.crawler.stats.inc_value("newsspider/pages/article")
        return with_nearly_kept(self._record(outcome.fields, response, site), outcome.nearly_kept), outcome.links

    def extract_here(self, response: Response) -> Article | None:
        """The page's record as :meth:`parse` would export it (None: not an article), extracted
        in this thread and not counted in the stats: ``record`` in ``scrapy shell``."""
        site = self.site_for(response.url)
        kind = site.is_article_url(response.url)
        if not isinstance(response, TextResponse) or kind is False:
            return None
        result = self.extraction_pool.extract_here(response.text, response.url, site.rules, assume_article=kind is True)
        return None if result.fields is None else with_nearly_kept(self._record(result.fields, response, site), result.nearly_kept)

    def _record(self, fields: dict[str, Any], response: Response, site: SitePlan) -> Article:
        fetched_at = datetime.now(UTC).isoformat(timespec="seconds")
        return article_from_fields(fields, url=response.url, site=site.name, fetched_at=fetched_at)

    def count_site(self, site: str, what: str) -> None:
        """Per-site stats of a multi-site crawl: ``newsspider/site/<site>/<what>``."""
        if self.multi_site:
            self.crawler.stats.inc_value(f"newsspider/site/{site}/{what}")  # type: ignore[union-attr]

    def _count(self, kind: str, reason: str) -> None:
        count_once(self.crawler.stats, f"newsspider/{kind}/{reason}", self.logger, f"{kind} page: %s", reason)
