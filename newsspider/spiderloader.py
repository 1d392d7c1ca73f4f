"""Which spider takes a URL in ``scrapy parse URL`` and ``scrapy shell URL`` (``SPIDER_LOADER_CLASS``).

Scrapy's loader picks the spider whose ``allowed_domains`` (or name) match the URL's host. A URL
of a site that has no spider of its own goes to the generic spider (``news``, which reads any
news site by page content) instead of no spider at all: the spiders declaring
``handles_any_site = True``.
"""

from __future__ import annotations

from scrapy import Request
from scrapy.spiderloader import SpiderLoader as ScrapySpiderLoader


class SpiderLoader(ScrapySpiderLoader):
    """Scrapy's spider loader, falling back to the generic spider for a URL no site spider handles."""

    def find_by_request(self, request: Request) -> list[str]:
        return super().find_by_request(request) or [
            name for name in self.list() if getattr(self.load(name), "handles_any_site", False)
        ]
