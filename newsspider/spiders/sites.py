"""The ``sites`` spider: crawl several site entries (``newsspider/sites``) in one crawl.

    scrapy crawl sites -a sites=exampletimes,dailyledger -O exports/news.jsonl
    scrapy crawl sites -a sites=all
    scrapy crawl sites -a sites=demo -a url=http://127.0.0.1:8765/      # one site served elsewhere
    scrapy crawl sites -a sites=a,b -a url_a=http://127.0.0.1:8001/ -a url_b=http://127.0.0.1:8002/

Each page is handled with the rules of the site it belongs to (by host, see
:class:`~newsspider.spiders.siteplan.SiteRouter`): its ``article_urls``, selectors, field
overrides and versions. Its records carry the entry's name as ``site``, which also keys the
incremental state and site learning; the crawl stays on the entries' domains. Politeness is per
host as in any crawl (Scrapy's download slots, robots.txt per host).

Stats, per site: ``newsspider/site/<name>/pages`` (pages parsed), ``…/articles`` (records
exported), ``…/dropped`` (article pages lost in extraction, records dropped by the pipelines).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.settings import BaseSettings

from newsspider.sites.entry import SiteEntry, spider_class
from newsspider.sites.registry import load_sites, select_sites
from newsspider.spiders.base import ARGUMENTS, NewsSiteSpider, SpiderArgumentError
from newsspider.spiders.siteplan import SitePlan, SiteRouter

#: ``-a url_<site>=URL``: serve one site of the crawl from another address.
URL_PREFIX = "url_"


class SitesSpider(NewsSiteSpider):
    """Crawl the site entries given with ``-a sites=NAME,…`` (or ``all``) in one crawl."""

    name = "sites"
    multi_site = True
    arguments = ARGUMENTS | {"sites"}  # and url_<site>, dropped before the check

    def __init__(self, *args: Any, entries: Sequence[SiteEntry] = (), **kwargs: Any) -> None:
        self.entries = list(entries)
        self.plans = [SitePlan(spider_class(entry)) for entry in self.entries]
        self.start_urls = [url for plan in self.plans for url in plan.start_urls]
        # The crawl stays on its sites: each entry's domains, else its start URLs' hosts.
        self.allowed_domains = sorted({domain for plan in self.plans for domain in plan.domains})
        super().__init__(*args, **kwargs)
        self.router = SiteRouter(self.plans) if self.plans else None

    @classmethod
    def check_arguments(cls, settings: BaseSettings | None = None, **kwargs: Any) -> dict[str, int]:
        limits = cls._checked_values(**_without_urls(kwargs))
        cls.entries_for(settings or BaseSettings(), **kwargs)
        return limits

    @classmethod
    def entries_for(cls, settings: BaseSettings, sites: str | None = None, url: str | None = None, **kwargs: Any) -> list[SiteEntry]:
        """The entries ``-a sites=`` names, moved to the addresses ``-a url=`` / ``-a url_<site>=``
        give; :class:`SpiderArgumentError` naming the fix."""
        try:
            selected = select_sites(load_sites(settings), sites or "")
        except ValueError as err:
            raise SpiderArgumentError(str(err)) from None
        moved = {k.removeprefix(URL_PREFIX): v for k, v in kwargs.items() if k.startswith(URL_PREFIX) and v}
        if url:
            if len(selected) != 1:
                raise SpiderArgumentError("-a url= moves one site: with several, give -a url_NAME=URL for each site to move")
            moved[selected[0].name] = url
        names = {entry.name for entry in selected}
        for name, value in moved.items():
            if name not in names:
                raise SpiderArgumentError(f"-a {URL_PREFIX}{name}= names no site of this crawl; the crawl has {', '.join(sorted(names))}")
            cls._parse_urls(value)
        entries = [entry.rebased(cls._parse_urls(moved[entry.name])[0]) if entry.name in moved else entry for entry in selected]
        for entry in entries:  # what only the crawl can check: its field functions import
            try:
                SitePlan(spider_class(entry))
            except ValueError as err:
                raise SpiderArgumentError(f"{entry.path or entry.name}: {err}") from None
        return entries

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> SitesSpider:
        entries = cls.entries_for(crawler.settings, **kwargs)
        kwargs = _without_urls(kwargs)
        kwargs.pop("sites", None)
        spider = super().from_crawler(crawler, *args, entries=entries, **kwargs)
        crawler.signals.connect(spider._item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(spider._item_dropped, signal=signals.item_dropped)
        return spider

    # -- routing -----------------------------------------------------------------------------

    def site_for(self, url: str) -> SitePlan:
        return self.site_plan if self.router is None else self.router.plan_for(url)

    def discovery_groups(self) -> Iterator[tuple[Sequence[str], Sequence[str], Sequence[str]]]:
        for plan in self.plans:
            yield plan.start_urls, plan.feeds, plan.sitemaps

    def declared_feeds(self, url: str) -> Sequence[str]:
        return self.site_for(url).feeds

    # -- per-site stats ------------------------------------------------------------------------

    def _item_scraped(self, item: Any) -> None:
        site = ItemAdapter(item).get("site") or self.name
        self.crawler.stats.inc_value(f"newsspider/site/{site}/articles")  # type: ignore[union-attr]

    def _item_dropped(self, item: Any) -> None:
        self.count_site(str(ItemAdapter(item).get("site") or self.name), "dropped")


def _without_urls(kwargs: dict[str, Any]) -> dict[str, Any]:
    """The arguments but ``url`` and ``url_<site>`` (checked against the selected sites)."""
    return {k: v for k, v in kwargs.items() if k != "url" and not k.startswith(URL_PREFIX)}
