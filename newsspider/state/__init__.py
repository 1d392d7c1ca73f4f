"""Incremental state: what earlier crawls exported, so that later ones skip it.

One store per crawl, shared by the pre-fetch filter (``newsspider/middlewares/prefetch.py``)
and the export recorder (``pipelines/state.py``); :func:`state_for` opens it on first use.

Settings: ``NEWSSPIDER_STATE_ENABLED`` (default True), ``NEWSSPIDER_STATE_BACKEND`` (``sqlite``
or the import path of a :class:`StateStore` subclass), ``NEWSSPIDER_STATE_PATH``,
``NEWSSPIDER_STATE_FRESH`` (``-a fresh=1``: ignore what is stored, still record new exports).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

from scrapy import signals
from scrapy.utils.misc import load_object

from newsspider import config
from newsspider.state.base import ExportedRecord, PastExport, StateStore, url_fingerprint, url_host

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

#: ``NEWSSPIDER_STATE_BACKEND`` short names -> classes.
BACKENDS = {"sqlite": "newsspider.state.sqlite.SQLiteStateStore"}

logger = logging.getLogger(__name__)

_stores: WeakKeyDictionary[Crawler, StateStore] = WeakKeyDictionary()


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


def state_for(crawler: Crawler) -> StateStore:
    """The crawl's state store, opened on first use (logging where it is, once) and closed when the engine stops."""
    store = _stores.get(crawler)
    if store is None:
        backend = load_backend(config.get(crawler.settings, "NEWSSPIDER_STATE_BACKEND"))
        store = _stores[crawler] = backend.from_crawler(crawler)
        crawler.signals.connect(store.close, signal=signals.engine_stopped, weak=False)
        logger.info("Incremental state kept in %s", store.location)
    return store


__all__ = [
    "BACKENDS",
    "ExportedRecord",
    "PastExport",
    "StateStore",
    "load_backend",
    "state_enabled",
    "state_for",
    "state_fresh",
    "url_fingerprint",
    "url_host",
]
