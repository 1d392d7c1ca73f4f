"""Decode each HTML page with the charset its bytes are really in, so records carry no mojibake.

Scrapy picks the encoding as a browser does (BOM, then the HTTP header, then ``<meta>``, then a
guess) and decodes with replacement characters. Servers lie: a header says UTF-8 over
Windows-1252 bytes, or ISO-8859-1 over UTF-8 bytes, or contradicts the page's ``<meta>``.
:class:`CharsetRepair` keeps Scrapy's choice when the body decodes cleanly with it, and
otherwise re-decodes the response with the first of these that fits the bytes:

1. a BOM; 2. the ``<meta>`` charset, if the bytes decode with it; 3. UTF-8, when most of
the non-ASCII bytes form valid UTF-8 (stray invalid bytes become U+FFFD); 4. the best guess
of charset-normalizer (Scrapy's own detector); 5. Windows-1252.

A single-byte declaration (ISO-8859-1, Windows-1252, ASCII) over bytes that are valid,
non-ASCII UTF-8 is also corrected to UTF-8: such byte runs practically never occur in
Latin-1 text. Stat: ``newsspider/repaired/charset``. Setting: ``NEWSSPIDER_CHARSET_REPAIR``
(default ``True``).
"""

from __future__ import annotations

import codecs
import logging

from charset_normalizer import from_bytes
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse, Response
from w3lib.encoding import html_body_declared_encoding, read_bom, resolve_encoding

from newsspider import config
from newsspider.stats import count_once

logger = logging.getLogger(__name__)

_SINGLE_BYTE_LATIN = frozenset({"cp1252", "latin_1", "iso8859_1", "ascii"})


def _canonical(encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return codecs.lookup(resolve_encoding(encoding) or encoding).name
    except LookupError:
        return None


def decodes(body: bytes, encoding: str | None) -> bool:
    if not encoding:
        return False
    try:
        body.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


def mostly_utf8(body: bytes) -> bool:
    """True when the body has non-ASCII text and most of it is valid UTF-8."""
    text = body.decode("utf-8", errors="replace")
    invalid = text.count("\ufffd") - body.decode("utf-8", errors="ignore").count("\ufffd")
    valid = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    return valid > 0 and valid >= invalid


def best_encoding(body: bytes, declared: str | None) -> str | None:
    """The encoding to decode ``body`` with, or None to keep ``declared`` (see module doc)."""
    declared = _canonical(declared)
    if decodes(body, declared):
        if declared in _SINGLE_BYTE_LATIN and not body.isascii() and decodes(body, "utf-8"):
            return "utf-8"
        return None
    bom = read_bom(body)[0]
    if bom:
        return _canonical(bom)
    meta = _canonical(html_body_declared_encoding(body))
    if meta and meta != declared and decodes(body, meta):
        return meta
    if mostly_utf8(body):
        return "utf-8"
    guess = from_bytes(body[:65536]).best()
    if guess is not None and _canonical(guess.encoding) and decodes(body, guess.encoding):
        return _canonical(guess.encoding)
    return "cp1252"


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
        if encoding is None or encoding == _canonical(response.encoding):
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
