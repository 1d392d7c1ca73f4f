"""An article URL found in a feed or sitemap, with the dates the listing gives for it."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

try:  # the shared date parser is moving from newsspider.extraction.dates to newsspider.dates
    from newsspider.dates import normalize_date  # type: ignore[import-not-found,unused-ignore]
except ImportError:
    from newsspider.extraction.dates import normalize_date

#: Request meta key under which a candidate travels (plain dict: picklable for JOBDIR queues).
META_KEY = "newsspider_candidate"
#: Request meta flag of start pages, robots.txt, feeds and sitemaps: never filtered before fetch.
DISCOVERY_META = "newsspider_discovery"
#: Request meta flag of start pages (discovery requests too, but listings: losing one loses pages).
START_PAGE_META = "newsspider_start_page"


def is_discovery_document(meta: dict[str, Any]) -> bool:
    """robots.txt, a feed, a sitemap or a probe of a common feed path: a request that may find
    pages, not a page. Its failure is a discovery miss (``newsspider/discovery/missing/<reason>``),
    not a lost page; a start page is a listing, so losing it is a ``dropped`` page."""
    return bool(meta.get(DISCOVERY_META)) and not meta.get(START_PAGE_META)


@dataclass(frozen=True)
class ArticleCandidate:
    """An article URL listed by a feed or sitemap.

    ``published`` and ``lastmod`` are ISO 8601 strings (or None): they let the crawl skip the
    article before fetching it (date window, already exported and unchanged).
    """

    url: str
    source: str
    published: str | None = None
    lastmod: str | None = None
    title: str | None = None

    def to_meta(self) -> dict[str, Any]:
        return {META_KEY: asdict(self)}

    @classmethod
    def from_meta(cls, meta: dict[str, Any]) -> ArticleCandidate | None:
        data = meta.get(META_KEY)
        return cls(**data) if isinstance(data, dict) else None


def iso_date(value: object) -> str | None:
    """ISO 8601 for a date as feeds and sitemaps write it (RFC 2822, W3C datetime); None if not a date."""
    return normalize_date(value) if value else None
