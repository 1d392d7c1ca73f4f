"""The bundled demo news site (``newsspider/demo/site``), crawlable offline.

``scrapy crawl demo`` serves the bundled site on 127.0.0.1 (a free port) for the length of
the crawl; ``-a url=http://127.0.0.1:PORT/`` crawls a copy that is already being served.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from scrapy.http import Response

from newsspider.demo.server import DemoServer
from newsspider.spiders.bundled import BundledSiteSpider


class DemoSpider(BundledSiteSpider):
    """Demo Daily: article URLs are ``/<section>/<yyyy>/<mm>/<dd>/<slug>.html``."""

    name = "demo"
    article_urls = (r"/[a-z-]+/\d{4}/\d{2}/\d{2}/[\w-]+\.html$",)
    server_class = DemoServer

    async def parse(self, response: Response, **kwargs: Any) -> AsyncIterator[Any]:
        """Contracts of ``scrapy check demo``, on the site the spider serves (or ``-a url=``):

        @url /world/2024/01/04/meridia-and-tarsova-settle-long-running-energy-transit-dispute.html
        @returns items 1 1
        @returns requests 1
        @scrapes url title body published authors section
        """
        async for output in super().parse(response, **kwargs):
            yield output
