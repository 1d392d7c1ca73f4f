"""What a crawl has already exported, kept between crawls: the interface every backend implements.

Keys are scoped by ``site`` (the records' ``site``: the spider name, or a site entry's name in a
multi-site crawl). URLs are compared by their fingerprint (SHA-1 of
the w3lib-canonicalised URL); bodies by the record's ``fingerprint``, per host.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from w3lib.url import canonicalize_url

from newsspider.revisions import Revision

if TYPE_CHECKING:
    from scrapy.crawler import Crawler


def url_fingerprint(url: str) -> str:
    """SHA-1 hex of the canonicalised URL (sorted query, no fragment): equal pages share it."""
    try:
        key = canonicalize_url(url.strip())
    except (ValueError, TypeError):  # pragma: no cover - w3lib is lenient
        key = url.strip()
    return hashlib.sha1(key.encode("utf-8")).hexdigest()


def url_host(url: str) -> str:
    return (urlsplit(url).netloc or "").lower()


@dataclass(frozen=True)
class ExportedRecord:
    """One record that reached the feed: what later crawls must not fetch or export again.

    ``version`` is the date of the exported version (the listing's ``lastmod``, else the
    record's ``modified`` or ``published``); ``exported_at`` is when it was recorded (UTC);
    ``revision`` the record's revision fields and body sketch (:mod:`newsspider.revisions`).
    """

    site: str
    url: str
    canonical_url: str | None
    body_fingerprint: str | None
    version: str | None
    exported_at: str
    revision: Revision | None = None


@dataclass(frozen=True)
class PastExport:
    """What the state knows of a URL exported by an earlier crawl (``revision``: None in a state
    written before revisions were kept, with no body fingerprint for the URL)."""

    version: str | None
    exported_at: str
    revision: Revision | None = None


class StateStore(ABC):
    """A persistent store of exported records, chosen by ``NEWSSPIDER_STATE_BACKEND``.

    A backend is built with ``from_crawler`` (reading its own settings, failing fast on bad
    ones). :meth:`record` must be atomic: after a crash, either all of a call's records are
    stored or none is.
    """

    @classmethod
    @abstractmethod
    def from_crawler(cls, crawler: Crawler) -> StateStore: ...

    @property
    def location(self) -> str:
        """Where the state is kept, for the crawl's log (a file path, a server address)."""
        return type(self).__name__

    @abstractmethod
    def past_export(self, site: str, url: str) -> PastExport | None:
        """The export of ``url`` (as fetched URL or as canonical URL) by an earlier crawl, if any."""

    @abstractmethod
    def body_exported(self, site: str, host: str, fingerprint: str) -> bool:
        """Whether a record of ``host`` with this body fingerprint was exported before."""

    @abstractmethod
    def record(self, records: Sequence[ExportedRecord]) -> None:
        """Store ``records`` as exported, all or nothing."""

    @abstractmethod
    def feed_opened(self, site: str, path: str, fmt: str, opened_at: str) -> None:
        """Note a local feed file this crawl writes, so that a crashed crawl's file can be read back."""

    @abstractmethod
    def feed_closed(self, site: str, path: str) -> None:
        """The feed file is complete and every record of it is recorded."""

    @abstractmethod
    def unclosed_feeds(self, site: str) -> list[tuple[str, str, str]]:
        """``(path, format, opened_at)`` of feed files whose crawl ended without closing them."""

    def learned_site(self, scope: str, site: str) -> bytes | None:
        """What an earlier crawl of ``scope`` (the spider) learned about ``site``'s boilerplate, as
        :func:`pipelines.sitememory.encode_site` wrote it; None when nothing is kept (the default:
        a backend that keeps nothing only makes every crawl learn from scratch)."""
        return None

    def keep_learned_sites(self, scope: str, sites: Mapping[str, bytes]) -> None:
        """Keep what this crawl of ``scope`` learned, site key -> encoded memory (replacing what was kept).
        The default keeps nothing."""
        return None

    @abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> StateStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
