"""Finding article URLs before fetching them: feeds, sitemaps, URL scoring, date windows.

Pure functions over bytes and URLs (no Scrapy engine): the spider (``spiders/base.py``) turns
what they return into requests.
"""

from __future__ import annotations

from newsspider.discovery.candidates import ArticleCandidate
from newsspider.discovery.feeds import feed_links_in_page, parse_feed
from newsspider.discovery.scoring import article_url_score
from newsspider.discovery.sitemaps import parse_sitemap, sitemap_body, sitemaps_in_robots
from newsspider.discovery.window import DateWindow

__all__ = [
    "ArticleCandidate",
    "DateWindow",
    "article_url_score",
    "feed_links_in_page",
    "parse_feed",
    "parse_sitemap",
    "sitemap_body",
    "sitemaps_in_robots",
]
