"""Drop a ``<base href>`` or a ``<meta http-equiv="refresh">`` no URL parser can read, so the
page is not lost to it.

Scrapy resolves every link of a page, and builds ``response.selector``, against the page's
``<base href>`` (``scrapy.utils.response.get_base_url``), and its ``MetaRefreshMiddleware``
reads the page's refresh URL (``get_meta_refresh``). An unreadable URL in either
(``https://[x]/``, ``http://host:99999/``) makes these raise ``ValueError``, and so does a
refresh to a URL that is not http(s) (``javascript:1``: Scrapy makes a ``Request`` of it before
it checks the scheme): the page is lost, as a spider exception or a download error. A browser
ignores such a ``<base>`` (links resolve against the document's URL) and such a refresh;
:class:`UnreadableUrlRepair` does the same by removing those tags from the body. Stats:
``newsspider/repaired/base_href``, ``newsspider/repaired/meta_refresh``. Runs at priority 582:
after the charset repair (585), so it reads the text as the spider will, and before
``MetaRefreshMiddleware`` (580).

w3lib 2.6 reads such tags as a browser does by itself (an unreadable base or refresh URL, or a
``javascript:`` refresh, is ignored), so with it the repair acts only on a refresh to another
scheme (``mailto:``). Scrapy allows older w3lib, hence the middleware stays.
"""

from __future__ import annotations

import logging
import re
from urllib.parse import urlsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.http import HtmlResponse, Response
from scrapy.utils.response import get_base_url, get_meta_refresh

from newsspider.middlewares.netguard import ALLOWED_SCHEMES
from newsspider.stats import count_once

logger = logging.getLogger(__name__)

_BASE_TAG = re.compile(r"<base\b[^>]*>?", re.IGNORECASE)
_REFRESH_TAG = re.compile(r"""<meta\b[^>]*http-equiv\s*=\s*["']?\s*refresh\b[^>]*>?""", re.IGNORECASE)


class UnreadableUrlRepair:
    """Downloader middleware: remove the ``<base>`` or refresh ``<meta>`` tags of a page whose
    base URL or refresh URL cannot be read (see module docstring)."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        settings = crawler.settings
        #: MetaRefreshMiddleware's own argument: its reading of the page is cached per response,
        #: with the arguments of the first call.
        self.refresh_ignore_tags: list[str] | None = (
            settings.getlist("METAREFRESH_IGNORE_TAGS") if settings.getbool("METAREFRESH_ENABLED") else None
        )

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> UnreadableUrlRepair:
        return cls(crawler)

    def process_response(self, request: Request, response: Response) -> Response:
        if not isinstance(response, HtmlResponse):
            return response
        try:
            get_base_url(response)  # cached per response: the spider's own call costs nothing more
        except ValueError as err:
            response = self._without(response, _BASE_TAG, "base_href", err)
        if self.refresh_ignore_tags is not None:
            try:
                url = get_meta_refresh(response, ignore_tags=self.refresh_ignore_tags)[1]  # cached too
                if url and urlsplit(url).scheme not in ALLOWED_SCHEMES:
                    # "javascript:1": Scrapy builds a Request of it before it checks the scheme
                    raise ValueError(f"not an http(s) URL: {url[:80]}")
            except ValueError as err:
                response = self._without(response, _REFRESH_TAG, "meta_refresh", err)
        return response

    def _without(self, response: HtmlResponse, tags: re.Pattern[str], what: str, err: ValueError) -> HtmlResponse:
        count_once(
            self.crawler.stats,
            f"newsspider/repaired/{what}",
            logger,
            "removed an unreadable %s from %s (%s)",
            what,
            response.url,
            err,
        )
        return without_tags(response, tags)


def without_tags(response: HtmlResponse, tags: re.Pattern[str]) -> HtmlResponse:
    """The response with the tags ``tags`` matches removed, re-encoded as UTF-8."""
    return response.replace(body=tags.sub("", response.text).encode("utf-8"), encoding="utf-8")
