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
"""

from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from newsspider import config
from newsspider.state import state_enabled, state_for, url_fingerprint
from newsspider.state.clusters import cluster_store_for
from newsspider.stats import count_once
from newsspider.syndication import ClusterStore, ClusterStoreError, Conflict, MemoryClusterStore, entry_for, join
from pipelines.drops import Dropper

logger = logging.getLogger(__name__)

REASON_SYNDICATED_COPY = "syndicated_copy"
#: ``NEWSSPIDER_SYNDICATION`` values.
MODES = ("flag", "drop", "off")


class SyndicationPipeline:
    """Item pipeline: ``cluster_id``, ``cluster_size``, ``canonical`` of each record (module docstring).

    Settings: ``NEWSSPIDER_SYNDICATION`` (``flag``: set the fields; ``drop``: also drop every
    record that is not its cluster's canonical when exported; ``off``: NotConfigured).
    Stats: ``newsspider/syndication/clustered`` (records that joined earlier copies),
    ``newsspider/syndication/too_short``, ``newsspider/syndication/store_errors``,
    ``newsspider/dropped/syndicated_copy``.
    """

    def __init__(self, crawler: Crawler, store: ClusterStore, drop: bool) -> None:
        self.crawler = crawler
        self.store = store
        self.drop = drop
        self.failed = False  # the store failed once: every later record is left unclustered
        self.stats = crawler.stats
        self.dropper = Dropper(crawler.stats, logger)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SyndicationPipeline:
        mode = config.get(crawler.settings, "NEWSSPIDER_SYNDICATION").strip().lower()
        if mode == "off":
            raise NotConfigured("NEWSSPIDER_SYNDICATION is off")
        store = cluster_store_for(state_for(crawler)) if state_enabled(crawler) else MemoryClusterStore()
        return cls(crawler, store, drop=mode == "drop")

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        url = str(adapter.get("canonical_url") or adapter.get("url") or "")
        entry = entry_for(url_fingerprint(url), url, adapter.get("published"), str(adapter.get("body") or ""))
        if entry is None:
            self._count("newsspider/syndication/too_short")
            return item
        try:
            if self.failed:
                raise ClusterStoreError("failed earlier in this crawl")
            cluster = join(self.store, entry)
        except (ClusterStoreError, Conflict) as err:
            self.failed = self.failed or isinstance(err, ClusterStoreError)  # Redis gone: no timeout per record
            if self.stats is not None:
                count_once(self.stats, "newsspider/syndication/store_errors", logger,
                           "Syndication clusters unavailable (%s): records left unclustered", err,
                           level=logging.WARNING)  # fmt: skip
            return item
        adapter["cluster_id"] = cluster.cluster_id
        adapter["cluster_size"] = cluster.size
        adapter["canonical"] = cluster.canonical
        if cluster.size > 1:
            self._count("newsspider/syndication/clustered")
        if self.drop and cluster.canonical != url:
            raise self.dropper.drop(REASON_SYNDICATED_COPY, item)
        return item

    def _count(self, key: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(key)

    def close_spider(self) -> None:
        self.store.close()
