"""Decode each HTML page with the charset its bytes are really in, so records carry no mojibake.

Scrapy picks the encoding as a browser does (BOM, then the HTTP header, then ``<meta>``, then a
guess) and decodes with replacement characters. Servers lie: a header says UTF-8 over
Windows-1252 bytes, or ISO-8859-1 over UTF-8 bytes, or contradicts the page's ``<meta>``.
:class:`CharsetRepair` keeps Scrapy's choice when the body decodes cleanly with it, and
otherwise re-decodes the response with the charset :func:`newsspider.charset.best_encoding`
finds (a BOM, the ``<meta>`` charset, UTF-8, charset-normalizer's guess, Windows-1252; a
Latin-1 label over UTF-8 bytes is corrected to UTF-8). Stat: ``newsspider/repaired/charset``.
Setting: ``NEWSSPIDER_CHARSET_REPAIR`` (default ``True``).
"""

from __future__ import annotations

import logging

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Response

from newsspider import config
from newsspider.charset import best_encoding, canonical
from newsspider.stats import count_once

logger = logging.getLogger(__name__)


class CharsetRepair:
    """Downloader middleware: re-decode HTML responses whose declared charset is wrong."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CharsetRepair:
        if not config.get(crawler.settings, "NEWSSPIDER_CHARSET_REPAIR"):
            raise NotConfigured
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, HtmlResponse) or not response.body:
            return response
        encoding = best_encoding(response.body, response.encoding)
        if encoding is None or encoding == canonical(response.encoding):
            return response
        count_once(
            self.crawler.stats,
            "newsspider/repaired/charset",
            logger,
            "decoded %s as %s (declared %s)",
            response.url,
            encoding,
            response.encoding,
        )
        return response.replace(encoding=encoding)
