"""Drop a ``<base href>`` no URL parser can read, so the page is not lost to it.

Scrapy resolves every link of a page, and builds ``response.selector``, against the page's
``<base href>`` (``scrapy.utils.response.get_base_url``). An unreadable one
(``https://[x]/``, ``http://host:99999/``) makes that raise ``ValueError``, so the callback
fails and the page is lost, with nothing but a spider-exception count to show for it.
A browser ignores such a ``<base>`` and resolves against the document's URL;
:class:`BaseHrefRepair` does the same by removing the ``<base>`` tags from the body.
Stat: ``newsspider/repaired/base_href``. Runs at priority 580, after the charset repair
(585), so it reads the text as the spider will.
"""

from __future__ import annotations

import logging
import re

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response
from scrapy.utils.response import get_base_url

from newsspider.stats import count_once

logger = logging.getLogger(__name__)

_BASE_TAG = re.compile(r"<base\b[^>]*>?", re.IGNORECASE)


class BaseHrefRepair:
    """Downloader middleware: remove the ``<base>`` tags of a page whose base URL cannot be read."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> BaseHrefRepair:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, HtmlResponse):
            return response
        try:
            get_base_url(response)  # cached per response: the spider's own call costs nothing more
            return response
        except ValueError as err:
            repaired = without_base_tags(response)
            count_once(
                self.crawler.stats,
                "newsspider/repaired/base_href",
                logger,
                "removed an unreadable <base href> from %s (%s)",
                response.url,
                err,
            )
            return repaired


def without_base_tags(response: HtmlResponse) -> HtmlResponse:
    """The response with its ``<base>`` tags removed, re-encoded as UTF-8."""
    text = _BASE_TAG.sub("", response.text)
    return response.replace(body=text.encode("utf-8"), encoding="utf-8")
