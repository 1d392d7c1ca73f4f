"""Scrapy's decompression, with compression bombs counted and bodies their
``Content-Encoding`` does not describe handled.

Scrapy's ``HttpCompressionMiddleware`` already stops decompressing at ``DOWNLOAD_MAXSIZE``
(memory stays bounded) and ignores the response; this subclass counts it as
``newsspider/dropped/decompression_bomb`` so the crawl report shows it.

A server that names a ``Content-Encoding`` (gzip, br, zstd, deflate) over a body that is not in it
made Scrapy's decoder raise (``BadGzipFile``, ``ZstdError``, brotli's error), and the page was lost
as a download error nothing counted. When the body is plain text (no compression format's bytes:
a misconfigured server sent the page as it is), it is kept as it came, without the header
(``newsspider/repaired/content_encoding``); otherwise (a truncated or corrupt stream) the page is
dropped, counted as ``newsspider/dropped/bad_compression``.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.httpcompression import HttpCompressionMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.responsetypes import responsetypes

from newsspider.extraction.html import is_binary
from newsspider.stats import count_once

logger = logging.getLogger(__name__)


class CountingHttpCompressionMiddleware(HttpCompressionMiddleware):
    def process_response(self, request: Request, response: Response) -> Request | Response:  # type: ignore[override]
        assert self.stats is not None  # always set when built by from_crawler
        try:
            return super().process_response(request, response)
        except IgnoreRequest:
            count_once(self.stats, "newsspider/dropped/decompression_bomb", logger, "page lost: %s", request.url)
            raise
        except Exception as err:  # the decoders' own errors: gzip's OSError, zlib.error, brotli's, zstandard's
            if response.body and not is_binary(response.body):
                count_once(
                    self.stats, "newsspider/repaired/content_encoding", logger,
                    "kept %s as it came: its body is not in its Content-Encoding %s (%s)",
                    request.url, response.headers.get("Content-Encoding"), err,
                )  # fmt: skip
                return as_sent(response)
            count_once(
                self.stats, "newsspider/dropped/bad_compression", logger, "page lost: %s (Content-Encoding %s: %s)",
                request.url, response.headers.get("Content-Encoding"), err, level=logging.WARNING,
            )  # fmt: skip
            raise IgnoreRequest(f"body not readable as its Content-Encoding: {err}") from err


def as_sent(response: Response) -> Response:
    """``response`` without its ``Content-Encoding``, of the class its headers and body call for."""
    headers = response.headers.copy()
    del headers["Content-Encoding"]
    respcls = responsetypes.from_args(headers=headers, url=response.url, body=response.body)
    kwargs: dict[str, Any] = {"headers": headers}
    if issubclass(respcls, TextResponse):
        kwargs["encoding"] = None  # as Scrapy does after decoding: found again
    return response.replace(cls=respcls, **kwargs)
