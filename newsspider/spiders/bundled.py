"""Spiders of the sites bundled with newsspider, which serve their site themselves.

Without ``-a url`` such a spider starts its site's server on 127.0.0.1 (a free port) for the
length of the crawl; ``-a url=http://127.0.0.1:PORT/`` crawls a copy that is already served.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from scrapy import signals
from scrapy.crawler import Crawler

from newsspider.demo.server import BackgroundHTTPServer
from newsspider.spiders.base import NewsSiteSpider


class BundledSiteSpider(NewsSiteSpider):
    """A bundled site's spider: ``server_class`` serves the site when no ``-a url`` is given."""

    server_class: ClassVar[Callable[[], BackgroundHTTPServer]]

    @classmethod
    def check_arguments(cls, **kwargs: Any) -> dict[str, int]:
        # Without -a url the spider serves the bundled site itself, so no URL is needed.
        return super().check_arguments(**{"url": "http://127.0.0.1/", **{k: v for k, v in kwargs.items() if v}})

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> BundledSiteSpider:
        server = None
        if not kwargs.get("url"):
            server = cls.server_class().start()
            kwargs["url"] = server.url
        try:
            spider = super().from_crawler(crawler, *args, **kwargs)
        except Exception:
            if server is not None:
                server.stop()
            raise
        if server is not None:
            crawler.signals.connect(lambda: server.stop(), signal=signals.engine_stopped, weak=False)
        return spider  # type: ignore[return-value]
