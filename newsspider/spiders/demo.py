"""The bundled demo news site (``newsspider/demo/site``), crawlable offline.

``scrapy crawl demo`` serves the bundled site on 127.0.0.1 (a free port) for the length of
the crawl; ``-a url=http://127.0.0.1:PORT/`` crawls a copy that is already being served.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.http import Response

from newsspider.demo.server import DemoServer
from newsspider.spiders.base import NewsSiteSpider


class DemoSpider(NewsSiteSpider):
    """Demo Daily: article URLs are ``/<section>/<yyyy>/<mm>/<dd>/<slug>.html``."""

    name = "demo"
    article_urls = (r"/[a-z-]+/\d{4}/\d{2}/\d{2}/[\w-]+\.html$",)

    @classmethod
    def check_arguments(cls, **kwargs: Any) -> dict[str, int]:
        # Without -a url the spider serves the bundled site itself, so no URL is needed.
        return super().check_arguments(**{"url": "http://127.0.0.1/", **{k: v for k, v in kwargs.items() if v}})

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> DemoSpider:
        server = None
        if not kwargs.get("url"):
            server = DemoServer().start()
            kwargs["url"] = server.url
        try:
            spider = super().from_crawler(crawler, *args, **kwargs)
        except Exception:
            if server is not None:
                server.stop()
            raise
        if server is not None:
            crawler.signals.connect(lambda: server.stop(), signal=signals.engine_stopped, weak=False)
        return spider

    async def parse(self, response: Response, **kwargs: Any) -> AsyncIterator[Any]:
        """Contracts of ``scrapy check demo``, on the site the spider serves (or ``-a url=``):

        @url /world/2024/01/04/meridia-and-tarsova-settle-long-running-energy-transit-dispute.html
        @returns items 1 1
        @returns requests 1
        @scrapes url title body published authors section
        """
        async for output in super().parse(response, **kwargs):
            yield output
