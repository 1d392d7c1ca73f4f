"""The spiders' link extractor: Scrapy's ``LinkExtractor``, the same links, its check for links to
files done in one call a link, and the URLs alone (:meth:`PageLinkExtractor.link_urls`) resolved
once per distinct ``href``.

Scrapy drops a link whose path ends with one of ~200 file extensions (``IGNORED_EXTENSIONS``) by
calling ``str.endswith`` once per extension; ``str.endswith`` takes them all as one tuple. Pool
workers extract every page's links: that loop was ~15% of it (0.2 of 1.45 ms a 10 KB page of 30
links). Most of the rest was each link's two ``urljoin``, ``safe_url_string`` and filters, and a
``Link`` with its text: the spiders follow URLs only, and most of a site's links (navigation,
sections, teasers) are on many of its pages.
"""

from __future__ import annotations

import pickle
import uuid
from typing import Any
from urllib.parse import urljoin, urlparse, urlsplit

from scrapy.http import TextResponse
from scrapy.link import Link
from scrapy.linkextractors import IGNORED_EXTENSIONS, LinkExtractor
from scrapy.linkextractors.lxmlhtml import _identity
from scrapy.utils.misc import arg_to_iter
from scrapy.utils.response import get_base_url
from w3lib.html import strip_html5_whitespace
from w3lib.url import safe_url_string

#: Resolved links kept per process (:meth:`PageLinkExtractor.link_urls`): a bound on memory
#: (~300 bytes an entry); the table starts again empty when full.
RESOLVED_LINKS = 20_000
#: (extractor, href, base, page, encoding) -> the link's URL, or None when the extractor drops it.
_resolved: dict[tuple[str, ...], str | None] = {}
_UNKNOWN = object()
#: resolve_key -> the extractor unpickled in this process (:meth:`PageLinkExtractor.__reduce__`).
_unpickled: dict[str, PageLinkExtractor] = {}


class PageLinkExtractor(LinkExtractor):
    """``LinkExtractor`` with the same arguments and links (``restrict_xpaths``/``restrict_css``
    aside: links of several regions are filtered after Scrapy merges them, not before)."""

    def __init__(self, *args: Any, deny_extensions: str | list[str] | tuple[str, ...] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, deny_extensions=(), **kwargs)  # () switches Scrapy's own check off
        extensions = IGNORED_EXTENSIONS if deny_extensions is None else arg_to_iter(deny_extensions)
        #: Lowercase path endings of links to files, as Scrapy's ``deny_extensions`` (with the dot).
        self.file_endings: tuple[str, ...] = tuple(sorted({"." + e for e in extensions}))
        #: Names this extractor's entries in the process's table of resolved links (pickled with
        #: it: a pool worker's copies share them).
        self.resolve_key: str = uuid.uuid4().hex
        self._pickled: bytes | None = None

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled once, unpickled once per process: the pool sends the spider's extractor with
        every page (~200 file endings, compiled patterns: ~20 us each way a page). An extractor is
        not changed once built (a change after its first pickling would not reach the workers)."""
        if self._pickled is None:
            self._pickled = pickle.dumps({k: v for k, v in self.__dict__.items() if k != "_pickled"}, protocol=pickle.HIGHEST_PROTOCOL)
        return _unpickle, (type(self), self.resolve_key, self._pickled)

    def extract_links(self, response: TextResponse) -> list[Link]:
        links = super().extract_links(response)
        if not self.file_endings:
            return links
        return [link for link in links if not self.links_to_file(link.url)]

    def links_to_file(self, url: str) -> bool:
        """Whether ``url``'s path ends with one of :attr:`file_endings` (a PDF, an image...)."""
        return urlparse(url).path.lower().endswith(self.file_endings)

    def link_urls(self, response: TextResponse) -> list[str]:
        """The URLs of :meth:`extract_links`' links, in order, each ``href`` resolved and filtered
        once per process.

        What Scrapy does to an ``href`` (strip, join with the page's base URL, make safe, join with
        the page's URL, filter) depends on the ``href``, those two URLs and the encoding only;
        for an ``href`` rooted at ``/``, on the two URLs' scheme and host only: the same entry
        serves every page of the site. Links filtered by their text (``restrict_text``), in
        regions (``restrict_xpaths``/``restrict_css``), canonicalized or changed by a
        ``process_value`` function take :meth:`extract_links`.
        """
        parser = self.link_extractor
        if self.restrict_text or self.restrict_xpaths or self.canonicalize or parser.process_attr is not _identity:
            return [link.url for link in self.extract_links(response)]
        base_url, page_url, encoding = get_base_url(response), response.url, response.encoding
        base_origin, page_origin = _origin(base_url), _origin(page_url)
        resolved, name, strip = _resolved, self.resolve_key, parser.strip
        urls = []
        for _element, _attribute, value in parser._iter_links(response.selector.root):
            href = strip_html5_whitespace(value) if strip else value
            if href[:1] == "/" and href[1:2] != "/":  # rooted: the same URL on every page of the host
                key = (name, href, base_origin, page_origin, encoding)
            else:
                key = (name, href, base_url, page_url, encoding)
            url = resolved.get(key, _UNKNOWN)
            if url is _UNKNOWN:
                url = self._resolve(href, base_url, page_url, encoding)
                if len(resolved) >= RESOLVED_LINKS:
                    resolved.clear()
                resolved[key] = url
            if url is not None:
                urls.append(url)
        return list(dict.fromkeys(urls)) if parser.unique else urls  # type: ignore[arg-type]

    def _resolve(self, href: str, base_url: str, page_url: str, encoding: str) -> str | None:
        """The URL Scrapy's extractor makes of ``href`` (stripped), None when it drops the link."""
        try:
            url = safe_url_string(urljoin(base_url, href), encoding=encoding)
        except ValueError:  # bogus links: Scrapy skips them
            return None
        url = urljoin(page_url, url)
        if not self._link_allowed(Link(url)):
            return None
        if self.file_endings and self.links_to_file(url):
            return None
        return url


def _unpickle(cls: type[PageLinkExtractor], key: str, state: bytes) -> PageLinkExtractor:
    """The extractor pickled as ``state``: made once per process, then the same object."""
    extractor = _unpickled.get(key)
    if extractor is None:
        extractor = cls.__new__(cls)
        extractor.__dict__.update(pickle.loads(state))
        extractor._pickled = state
        _unpickled[key] = extractor
    return extractor


def _origin(url: str) -> str:
    """The scheme and host (with port) of ``url``: all ``urljoin`` takes of a base for a rooted ``href``."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def page_link_urls(extractor: LinkExtractor, response: TextResponse) -> list[str]:
    """The URLs of the links ``extractor`` finds on ``response`` (``Response.follow`` uses nothing
    else of a ``Link``)."""
    if isinstance(extractor, PageLinkExtractor):
        return extractor.link_urls(response)
    return [link.url for link in extractor.extract_links(response)]
