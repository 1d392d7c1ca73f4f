"""Scrapy's decompression, with compression bombs counted.

Scrapy's ``HttpCompressionMiddleware`` already stops decompressing at ``DOWNLOAD_MAXSIZE``
(memory stays bounded) and ignores the response; this subclass counts it as
``newsspider/dropped/decompression_bomb`` so the crawl report shows it.
"""

from __future__ import annotations

import logging

from scrapy import Request
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response

from newsspider.stats import count_once

logger = logging.getLogger(__name__)


class CountingHttpCompressionMiddleware(HttpCompressionMiddleware):
    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        try:
            return super().process_response(request, response)
        except IgnoreRequest:
            assert self.stats is not None  # always set when built by from_crawler
            count_once(
                self.stats, "newsspider/dropped/decompression_bomb", logger, "page lost: %s", request.url
            )
            raise
