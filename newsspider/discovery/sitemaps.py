"""Sitemaps: ``Sitemap:`` lines of robots.txt, sitemap indexes, gzipped sitemaps, Google News.

Built on Scrapy's own sitemap machinery (:class:`scrapy.utils.sitemap.Sitemap`, safe lxml
iterparse; :func:`~scrapy.utils.sitemap.sitemap_urls_from_robots`; gunzip with a size cap as
``SitemapSpider`` does). Scrapy's parser keeps only direct children of ``<url>``, so the Google
News extension (``<news:news><news:publication_date>``, ``<news:title>``) is read here.
"""

from __future__ import annotations

import logging
import zlib
from dataclasses import dataclass, field
from typing import Any

from lxml.etree import _Element
from scrapy.http import Response, XmlResponse
from scrapy.utils.gz import gunzip, gzip_magic_number
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from newsspider.charset import xml_text
from newsspider.compat import DecompressionMaxSizeExceeded
from newsspider.discovery.candidates import ArticleCandidate, iso_date
from newsspider.discovery.xmlguard import RefusedDocument, refuse_entities
from newsspider.urls import join_url, url_scheme

logger = logging.getLogger(__name__)


def sitemaps_in_robots(body: bytes, base_url: str) -> list[str]:
    """Absolute URLs of the ``Sitemap:`` lines of a robots.txt (relative ones joined to ``base_url``).
    Scrapy's reader a line at a time: a URL urllib cannot join ("https://[x]/s.xml") loses its
    own line, not the file's other sitemaps."""
    urls: list[str] = []
    for line in body.splitlines():
        try:
            urls += sitemap_urls_from_robots(line, base_url=base_url)
        except ValueError:
            continue
    return list(dict.fromkeys(urls))


def sitemap_xml(response: Response, max_size: int) -> bytes | None:
    """The XML of a sitemap response, gunzipped when it is a ``.xml.gz`` (at most ``max_size``
    bytes once decompressed, 0: no cap); None when it is not a sitemap (as ``SitemapSpider``).
    Raises :class:`RefusedDocument` (``decompression_bomb``) when it decompresses past the cap."""
    if isinstance(response, XmlResponse):
        return response.body
    if gzip_magic_number(response):
        try:
            return gunzip(response.body, max_size=max_size)
        except DecompressionMaxSizeExceeded as err:
            raise RefusedDocument(
                "decompression_bomb", f"Sitemap {response.url} is larger than {max_size} bytes once decompressed: refused"
            ) from err
        except (zlib.error, OSError, EOFError) as err:  # gzip's magic number over bytes that are no gzip
            raise RefusedDocument("unreadable_gzip", f"Sitemap {response.url} is no readable gzip: refused ({err})") from err
    if response.url.endswith((".xml", ".xml.gz")):  # served already decompressed (Content-Encoding)
        return response.body
    return None


def sitemap_body(response: Response, max_size: int) -> bytes | None:
    """:func:`sitemap_xml`, with None for a decompression bomb too."""
    try:
        return sitemap_xml(response, max_size)
    except RefusedDocument as err:
        logger.warning("%s", err)
        return None


class _NewsSitemap(Sitemap):
    """Scrapy's Sitemap, plus the ``news:`` fields nested one level deeper."""

    __slots__ = ()

    def _process_sitemap_element(self, elem: _Element) -> dict[str, Any] | None:
        news: dict[str, str] = {}
        for child in elem:
            if self._get_tag_name(child) == "news":
                for sub in child.iter():
                    name = self._get_tag_name(sub)
                    if name in ("publication_date", "title") and sub.text:
                        news[name] = sub.text.strip()
        entry = super()._process_sitemap_element(elem)
        if entry is not None:
            entry.update({f"news_{k}": v for k, v in news.items()})
        return entry


@dataclass
class ParsedSitemap:
    """A sitemap index (``sitemaps``: more sitemap URLs) or a urlset (``articles``)."""

    sitemaps: list[str] = field(default_factory=list)
    articles: list[ArticleCandidate] = field(default_factory=list)


def parse_sitemap(body: bytes, base_url: str) -> ParsedSitemap | None:
    """Parse a sitemap or sitemap index; None when ``body`` is neither. Raises
    :class:`RefusedDocument` for a document declaring entities (XXE, billion laughs)."""
    refuse_entities(xml_text(body), base_url)
    try:
        sitemap = _NewsSitemap(body)
    except (StopIteration, SyntaxError):  # empty document / not XML at all
        return None
    entries = []
    try:
        for entry in sitemap:
            if entry.get("loc"):
                entries.append(entry)
    except ValueError:  # UnicodeDecodeError: a text lxml cannot give (a surrogate "&#xD800;"): the entries read before it
        pass
    if sitemap.xmliter.error_log:  # type: ignore[attr-defined]
        # Broken XML that lxml recovered: keep only what is unmistakably a URL (the protocol's
        # absolute http(s) locs); a document left with nothing is not a sitemap.
        entries = [e for e in entries if url_scheme(e["loc"]) in ("http", "https")]
        if not entries:
            return None
    # a loc urllib cannot read ("https://[x]/") is dropped, not the sitemap
    located = [(url, entry) for entry in entries if (url := join_url(base_url, entry["loc"]))]
    result = ParsedSitemap()
    if sitemap.type == "sitemapindex":
        result.sitemaps = [url for url, _ in located]
    elif sitemap.type == "urlset":
        for url, entry in located:
            news = "news_publication_date" in entry or "news_title" in entry
            result.articles.append(
                ArticleCandidate(
                    url=url,
                    source="news-sitemap" if news else "sitemap",
                    published=iso_date(entry.get("news_publication_date")),
                    lastmod=iso_date(entry.get("lastmod")),
                    title=entry.get("news_title"),
                )
            )
    else:
        return None
    return result
