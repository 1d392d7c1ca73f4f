"""Incremental state: what earlier crawls exported, so that later ones skip it.

One store per crawl, held by the :class:`CrawlState` extension and shared by the pre-fetch
filter (``newsspider/middlewares/prefetch.py``) and the export recorder (``pipelines/state.py``),
which find it through the crawler (:func:`state_for`); it is opened on first use.

Settings: ``NEWSSPIDER_STATE_ENABLED`` (default True), ``NEWSSPIDER_STATE_BACKEND`` (``sqlite``
or the import path of a :class:`StateStore` subclass), ``NEWSSPIDER_STATE_PATH``,
``NEWSSPIDER_STATE_FRESH`` (``-a fresh=1``: ignore what is stored, still record new exports).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from scrapy import signals
from scrapy.exceptions import NotConfigured
from scrapy.utils.misc import load_object

from newsspider import config
from newsspider.state.base import ExportedRecord, PastExport, StateStore, url_fingerprint, url_host

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

#: ``NEWSSPIDER_STATE_BACKEND`` short names -> classes.
BACKENDS = {"sqlite": "newsspider.state.sqlite.SQLiteStateStore"}

logger = logging.getLogger(__name__)

def site_of(spider: Any, url: str) -> str:
    """The state's key of ``url``: the site it belongs to (a site entry's name in a multi-site
    crawl, see ``newsspider/spiders/sites.py``), else the spider's name."""
    site_name = getattr(spider, "site_name", None)
    return str(site_name(url)) if site_name is not None else str(spider.name)


def state_enabled(crawler: Crawler) -> bool:
    return bool(config.get(crawler.settings, "NEWSSPIDER_STATE_ENABLED"))


def state_fresh(crawler: Crawler) -> bool:
    """``-a fresh=1`` / ``NEWSSPIDER_STATE_FRESH``: do not consult the state (but still record)."""
    return bool(config.get(crawler.settings, "NEWSSPIDER_STATE_FRESH"))


def load_backend(name: str) -> type[StateStore]:
    """The StateStore class for a ``NEWSSPIDER_STATE_BACKEND`` value; ValueError naming the fix."""
    try:
        cls = load_object(BACKENDS.get(name, name))
    except (ImportError, ValueError, NameError, AttributeError) as err:
        raise ValueError(
            f"NEWSSPIDER_STATE_BACKEND={name!r} is unknown: use one of {', '.join(BACKENDS)} "
            "or the import path of a newsspider.state.StateStore subclass"
        ) from err
    if not (isinstance(cls, type) and issubclass(cls, StateStore)):
        raise ValueError(f"NEWSSPIDER_STATE_BACKEND={name!r} is not a newsspider.state.StateStore subclass")
    return cls


class CrawlState:
    """Extension: the crawl's state store, opened on first use (logging where it is, once) and
    closed when the engine stops. Off (``NotConfigured``) when ``NEWSSPIDER_STATE_ENABLED`` is."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self._store: StateStore | None = None
        crawler.signals.connect(self.engine_stopped, signal=signals.engine_stopped)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CrawlState:
        if not state_enabled(crawler):
            raise NotConfigured  # no message: newsspider.jobdir warns when it matters
        return cls(crawler)

    @property
    def store(self) -> StateStore:
        if self._store is None:
            backend = load_backend(config.get(self.crawler.settings, "NEWSSPIDER_STATE_BACKEND"))
            self._store = backend.from_crawler(self.crawler)
            logger.info("Incremental state kept in %s", self._store.location)
        return self._store

    def engine_stopped(self) -> None:
        if self._store is not None:
            self._store.close()


def state_for(crawler: Crawler) -> StateStore:
    """The crawl's state store (:class:`CrawlState`'s); NotConfigured naming the fix when that
    extension is not enabled (components built before extensions cannot call this)."""
    extension = crawler.get_extension(CrawlState)
    if extension is None:
        raise NotConfigured(
            "the incremental state needs the newsspider.state.CrawlState extension: "
            'enable newsspider with ADDONS = {"newsspider.Addon": 0}'
        )
    return extension.store


__all__ = [
    "BACKENDS",
    "CrawlState",
    "ExportedRecord",
    "PastExport",
    "StateStore",
    "site_of",
    "load_backend",
    "state_enabled",
    "state_for",
    "state_fresh",
    "url_fingerprint",
    "url_host",
]
