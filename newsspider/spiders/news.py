"""The generic spider: any news site from a start URL, no per-site rules.

    scrapy crawl news -a url=https://www.example.com/ -O exports/example.jsonl

Follows every link inside the start URL's host and decides from each page's content
(schema.org / OpenGraph markup, text shape, URL shape) whether it is an article.
"""

from __future__ import annotations

from newsspider.spiders.base import NewsSiteSpider


class GenericNewsSpider(NewsSiteSpider):
    """Crawl any news site given with ``-a url=...``; articles found by page content."""

    name = "news"
    handles_any_site = True  # scrapy parse/shell URL: the spider of a site without one (newsspider/spiderloader.py)
