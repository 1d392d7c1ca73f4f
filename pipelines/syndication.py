"""Syndicated copies: the same story republished by other sites, clustered (or dropped).

Each record's body is compared with every body exported before it, in this crawl and earlier
ones (``newsspider/syndication.py``: MinHash + LSH, verified on the shingle sets). It gets
``cluster_id``, ``cluster_size`` (the cluster's size when the record is exported) and
``canonical`` (the URL of the cluster's earliest *published* copy, as known then). A record
published before the cluster's canonical becomes the canonical itself.

Clusters live in the incremental state's backend (``newsspider/state/clusters.py``: SQLite file,
or Redis shared by the workers of a distributed crawl), so a later crawl joins the clusters of
earlier ones; with ``NEWSSPIDER_STATE_ENABLED=False`` they last one crawl. A record's identity is
its ``canonical_url`` (else ``url``): crawled again, it keeps its cluster.

Records are clustered in small batches: a record waits up to ``NEWSSPIDER_SYNDICATION_BATCH_WAIT``
seconds for the records arriving meanwhile, and the batch joins in order in one store transaction
(:func:`~newsspider.syndication.join_many`): the same clusters as one record at a time, with one
SQLite commit for the batch instead of one per record. Every record leaves the pipeline after its
batch is committed.
"""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.reactor import CallLaterOnce
from twisted.internet.defer import Deferred

from newsspider import config
from newsspider.state import state_enabled, state_for, url_fingerprint
from newsspider.state.clusters import cluster_store_for
from newsspider.stats import count_once
from newsspider.syndication import (
    Cluster,
    ClusterStore,
    ClusterStoreError,
    Conflict,
    Entry,
    MemoryClusterStore,
    entry_for,
    join_many,
)
from pipelines.drops import Dropper

logger = logging.getLogger(__name__)

REASON_SYNDICATED_COPY = "syndicated_copy"
#: ``NEWSSPIDER_SYNDICATION`` values.
MODES = ("flag", "drop", "off")


class SyndicationPipeline:
    """Item pipeline: ``cluster_id``, ``cluster_size``, ``canonical`` of each record (module docstring).

    Settings: ``NEWSSPIDER_SYNDICATION`` (``flag``: set the fields; ``drop``: also drop every
    record that is not its cluster's canonical when exported; ``off``: NotConfigured),
    ``NEWSSPIDER_SYNDICATION_BATCH_WAIT``.
    Stats: ``newsspider/syndication/clustered`` (records that joined earlier copies),
    ``newsspider/syndication/too_short``, ``newsspider/syndication/store_errors``,
    ``newsspider/dropped/syndicated_copy``.
    """

    def __init__(self, crawler: Crawler, store: ClusterStore, drop: bool, batch_wait: float = 0.0) -> None:
        self.crawler = crawler
        self.store = store
        self.drop = drop
        self.batch_wait = batch_wait
        self.failed = False  # the store failed once: every later record is left unclustered
        self.stats = crawler.stats
        self.dropper = Dropper(crawler.stats, logger)
        self.queue: list[tuple[Entry, Deferred[Cluster | None]]] = []
        self._flush_later = CallLaterOnce(self.flush)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SyndicationPipeline:
        mode = config.get(crawler.settings, "NEWSSPIDER_SYNDICATION").strip().lower()
        if mode == "off":
            raise NotConfigured("NEWSSPIDER_SYNDICATION is off")
        store = cluster_store_for(state_for(crawler)) if state_enabled(crawler) else MemoryClusterStore()
        wait = config.get(crawler.settings, "NEWSSPIDER_SYNDICATION_BATCH_WAIT")
        return cls(crawler, store, drop=mode == "drop", batch_wait=wait)

    async def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        url = str(adapter.get("canonical_url") or adapter.get("url") or "")
        entry = entry_for(url_fingerprint(url), url, adapter.get("published"), str(adapter.get("body") or ""))
        if entry is None:
            self._count("newsspider/syndication/too_short")
            return item
        cluster = await maybe_deferred_to_future(self.submit(entry))
        return self.label(item, cluster)

    def submit(self, entry: Entry) -> Deferred[Cluster | None]:
        """Queue ``entry`` for the next batch; fires with its cluster (None: the store failed)."""
        waiter: Deferred[Cluster | None] = Deferred()
        self.queue.append((entry, waiter))
        if len(self.queue) >= self.store.batch_size:
            self.flush()
        else:
            self._flush_later.schedule(self.batch_wait)
        return waiter

    def flush(self) -> None:
        """Join the queued entries (in order, as few transactions as the store allows) and fire their waiters."""
        self._flush_later.cancel()
        self._flush_later = CallLaterOnce(self.flush)  # cancel() does not let it be scheduled again
        queue, self.queue = self.queue, []
        if not queue:
            return
        try:
            clusters = self._join([entry for entry, _ in queue])
        except BaseException:  # a bug must not leave records waiting for ever
            for _, waiter in queue:
                waiter.errback()
            return
        for (_, waiter), cluster in zip(queue, clusters):
            waiter.callback(cluster)

    def _join(self, entries: list[Entry]) -> list[Cluster | None]:
        try:
            if self.failed:
                raise ClusterStoreError("failed earlier in this crawl")
            return list(join_many(self.store, entries))
        except (ClusterStoreError, Conflict) as err:
            if len(entries) > 1 and isinstance(err, Conflict):  # one record kept conflicting: the others may not
                return [cluster for entry in entries for cluster in self._join([entry])]
            self.failed = self.failed or isinstance(err, ClusterStoreError)  # Redis gone: no timeout per record
            for _ in entries:
                if self.stats is not None:
                    count_once(self.stats, "newsspider/syndication/store_errors", logger,
                               "Syndication clusters unavailable (%s): records left unclustered", err,
                               level=logging.WARNING)  # fmt: skip
            return [None] * len(entries)

    def label(self, item: Any, cluster: Cluster | None) -> Any:
        """Set the record's cluster fields (none when the store failed); drop a copy in ``drop`` mode."""
        if cluster is None:
            return item
        adapter = ItemAdapter(item)
        adapter["cluster_id"] = cluster.cluster_id
        adapter["cluster_size"] = cluster.size
        adapter["canonical"] = cluster.canonical
        if cluster.size > 1:
            self._count("newsspider/syndication/clustered")
        if self.drop and cluster.canonical != str(adapter.get("canonical_url") or adapter.get("url") or ""):
            raise self.dropper.drop(REASON_SYNDICATED_COPY, item)
        return item

    def _count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)

    def close_spider(self) -> None:
        self.flush()
        self.store.close()
