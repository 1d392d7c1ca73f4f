"""The spider of ``newsspider new-site``'s sample crawl: the ``news`` spider with its budget split.

The patterns a sample infers are only as good as the pages that test them. The ``news`` spider
fetches what feeds and sitemaps list before any followed link (``listed_priority``), so on a site
whose news sitemap lists thousands of articles the whole ``--pages`` budget went to articles:
no section, tag, author or pagination page was sampled, and a pattern such as
``^/[a-z]+/[\\w-]+/$`` that also matches ``/tag/<name>/`` went untested. This spider:

- requests at most :data:`LISTED_SHARE` of the budget (``CLOSESPIDER_PAGECOUNT``) from feeds and
  sitemaps, taken round robin over the kinds of URL each listing holds (:func:`url_kind`), best
  :func:`listed_priority` first within a kind;
- follows links kind by kind too: the first link of every kind, then the second of every kind,
  and so on, those of the start page before those of any other page.

Both orders depend only on the documents' content, not on timing: the start page's links are
ranked in one go, in page order. robots.txt and the rest of the ``news`` spider are unchanged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from functools import cached_property
from typing import Any, TypeVar

from scrapy.http import Response

from newsspider.discovery.candidates import START_PAGE_META, ArticleCandidate
from newsspider.discovery.spider import listed_priority
from newsspider.sites.infer import url_kind
from newsspider.spiders.news import GenericNewsSpider

#: Share of the sample's budget that feeds and sitemaps may take; the rest is left to followed links.
LISTED_SHARE = 0.5
#: Priority step between links of the start page and links of other pages (more than a page's links).
OTHER_PAGES_STEP = 10_000

T = TypeVar("T")


def round_robin(items: Iterable[T], kind: Callable[[T], Hashable]) -> list[T]:
    """``items`` reordered kind by kind: the first of each kind (in order), then the second of each..."""
    seen: Counter[Hashable] = Counter()
    ranked = []
    for position, item in enumerate(items):
        key = kind(item)
        ranked.append((seen[key], position, item))
        seen[key] += 1
    return [item for _rank, _position, item in sorted(ranked, key=lambda r: r[:2])]


class SampleSpider(GenericNewsSpider):
    """The ``news`` spider for a sample: listings take at most a share of the budget, followed
    links are taken kind by kind (see the module's docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._listed: set[str] = set()
        self._follow_ranks: Counter[Hashable] = Counter()

    @cached_property
    def listed_quota(self) -> int:
        """Listed URLs the sample requests: :data:`LISTED_SHARE` of ``CLOSESPIDER_PAGECOUNT`` (no budget: all)."""
        budget = self.crawler.settings.getint("CLOSESPIDER_PAGECOUNT")
        return max(1, round(budget * LISTED_SHARE)) if budget > 0 else 2**62

    def listed_to_fetch(self, candidates: Sequence[ArticleCandidate]) -> Sequence[ArticleCandidate]:
        fresh = list({c.url: c for c in candidates if c.url not in self._listed}.values())
        best_first = sorted(fresh, key=listed_priority, reverse=True)  # stable: ties keep the listing's order
        chosen = round_robin(best_first, lambda c: url_kind(c.url))[: max(0, self.listed_quota - len(self._listed))]
        self._listed.update(c.url for c in chosen)
        return chosen

    def follow_priority(self, url: str, page: Response | None = None) -> int:
        """0, -1, -2 … for the 1st, 2nd, 3rd … link of a kind on the start page; from
        ``-OTHER_PAGES_STEP`` down for the links of other pages. Below every listed URL's priority."""
        tier = 0 if page is not None and page.meta.get(START_PAGE_META) else 1
        key = (tier, url_kind(url))
        rank = self._follow_ranks[key]
        self._follow_ranks[key] += 1
        return -OTHER_PAGES_STEP * tier - rank
