"""One fetch and one record per page, whatever variant of its URL a link uses.

The same article is linked as ``/a?utm_source=x``, ``/a#comments``, ``HTTP://News.Example/a``
or ``/a/``. Two pieces make those one fetch:

- :class:`CanonicalFingerprinter` (``REQUEST_FINGERPRINTER_CLASS``): the duplicate filter's
  key ignores tracking parameters, the fragment, host case, a default port and a trailing
  slash, so the second variant is never scheduled;
- :class:`CanonicalUrls` (downloader middleware): the request that is fetched uses the clean
  URL (tracking parameters and fragment removed, host lower-cased), so the record's ``url``
  is clean too. A trailing slash is left alone: servers may treat ``/a/`` and ``/a`` differently.

Setting: ``NEWSSPIDER_TRACKING_PARAMS`` (parameter names; a trailing ``*`` matches a prefix),
default :data:`TRACKING_PARAMS`. Stat: ``newsspider/canonicalised``.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.utils.request import RequestFingerprinter

from newsspider import config

TRACKING_PARAMS: tuple[str, ...] = tuple(config.SETTINGS["NEWSSPIDER_TRACKING_PARAMS"].default)

DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(name: str, params: Iterable[str]) -> bool:
    name = name.lower()
    return any(name.startswith(p[:-1]) if p.endswith("*") else name == p for p in params)


def _clean_parts(url: str, tracking: Iterable[str]) -> tuple[str, str, str, str] | None:
    """(scheme, netloc, path, query) of :func:`clean_url`; None for a URL it leaves alone.

    One split and one query parse a URL: the duplicate filter runs this on every link followed.
    """
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        tracking = tuple(tracking)
        kept = [(k, v) for k, v in pairs if not _is_tracking(k, tracking)]
        if len(kept) != len(pairs):
            query = urlencode(kept)
    host = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
    netloc = host if parts.port in (None, DEFAULT_PORTS[parts.scheme]) else f"{host}:{parts.port}"
    if parts.username is not None:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    return parts.scheme.lower(), netloc, parts.path or "/", query


def clean_url(url: str, tracking: Iterable[str] = TRACKING_PARAMS) -> str:
    """``url`` without tracking parameters, fragment or default port, with a lower-case host."""
    parts = _clean_parts(url, tracking)
    return url if parts is None else urlunsplit((*parts, ""))


def dedupe_key(url: str, tracking: Iterable[str] = TRACKING_PARAMS) -> str:
    """:func:`clean_url` with a trailing slash removed (``/a/`` and ``/a`` are one page)."""
    parts = _clean_parts(url, tracking)
    if parts is None:  # left alone by clean_url: split it as it is
        split = urlsplit(url)
        parts = (split.scheme, split.netloc, split.path, split.query)
    scheme, netloc, path, query = parts
    return urlunsplit((scheme, netloc, path.rstrip("/") or "/", query, ""))


def _tracking(crawler: Crawler | None) -> tuple[str, ...]:
    if crawler is None:
        return TRACKING_PARAMS
    return tuple(p.lower() for p in config.get(crawler.settings, "NEWSSPIDER_TRACKING_PARAMS"))


class CanonicalFingerprinter(RequestFingerprinter):
    """Scrapy's request fingerprint, computed on :func:`dedupe_key` of the URL."""

    def __init__(self, crawler: Crawler | None = None) -> None:
        super().__init__(crawler)
        self.tracking = _tracking(crawler)

    def fingerprint(self, request: Request) -> bytes:
        key = dedupe_key(request.url, self.tracking)
        return super().fingerprint(request if key == request.url else request.replace(url=key))


class CanonicalUrls:
    """Downloader middleware: fetch the clean URL instead of a tracking/fragment variant."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.tracking = _tracking(crawler)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CanonicalUrls:
        return cls(crawler)

    def process_request(self, request: Request) -> Request | None:
        url = clean_url(request.url, self.tracking)
        if url == request.url.split("#", 1)[0] or url == request.url:
            return None
        self.crawler.stats.inc_value("newsspider/canonicalised")
        # Already admitted by the duplicate filter under the same key: do not filter it again.
        return request.replace(url=url, dont_filter=True)
