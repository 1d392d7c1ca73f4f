"""Incremental state, item side: drop what an earlier crawl exported; record what this one exports.

A record counts as exported only once the feed has it. Scrapy's FeedExporter writes each item
on the ``item_scraped`` signal, before this pipeline's handler (extensions connect before
pipelines). Then:

- feeds written to local files (``-o``/``-O``, ``FEEDS`` with file paths, stdout) are flushed
  and the record is committed to the state at once, so a crash leaves no record in the state
  that is not in a feed file;
- other feeds (S3, FTP, post-processed/compressed feeds, …) store their file only when the crawl
  closes: their records are committed on ``feed_exporter_closed``, if no feed failed to store.

With no feed at all nothing is recorded (nothing was written). A crawl killed between a
flush and its commit leaves one record in a feed file that the state lacks: local JSON lines
and CSV feed files are noted in the state while open, and the next crawl of the site reads
back the ones left open (``newsspider/state/recovery.py``). They are noted when the spider opens,
so records written after the state became unreachable (Redis lost mid-crawl) are read back too.
"""

from __future__ import annotations

import logging
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.extensions.feedexport import FileFeedStorage, StdoutFeedStorage
from scrapy.http import Response

from newsspider.compat import FeedSlot, feed_slots
from newsspider.discovery.candidates import ArticleCandidate
from newsspider.state import ExportedRecord, StateStore, state_enabled, state_for, state_fresh, url_host
from newsspider.state.recovery import READABLE_FORMATS, records_in_feed
from newsspider.stats import count_once
from pipelines.drops import Dropper

logger = logging.getLogger(__name__)

REASON_ALREADY_EXPORTED = "already_exported"


def _flushes_to_storage(slot: FeedSlot) -> bool:
    """Whether flushing the slot's file puts the records where the feed is stored."""
    return isinstance(slot.storage, (FileFeedStorage, StdoutFeedStorage)) and "postprocessing" not in slot.feed_options


class ExportStatePipeline:
    """Item pipeline + ``item_scraped`` recorder of the incremental state (see module docstring).

    Settings: ``NEWSSPIDER_STATE_ENABLED`` (False -> NotConfigured), ``NEWSSPIDER_STATE_FRESH``
    (do not drop; still record), and the backend's (``NEWSSPIDER_STATE_BACKEND``/``_PATH``).
    Stats: ``newsspider/dropped/already_exported`` (same body as a record exported before from
    the same site), ``newsspider/state/recorded``, ``newsspider/state/new_version`` (a URL exported
    before, exported again with a changed body).
    """

    def __init__(self, crawler: Crawler, state: StateStore, fresh: bool) -> None:
        self.crawler = crawler
        self.state = state
        self.fresh = fresh
        self.dropper = Dropper(crawler.stats, logger)
        self.pending: list[ExportedRecord] = []
        self.open_feeds: set[str] = set()
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.feed_exporter_closed, signal=signals.feed_exporter_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExportStatePipeline:
        if not state_enabled(crawler):
            raise NotConfigured("NEWSSPIDER_STATE_ENABLED is False")
        return cls(crawler, state_for(crawler), state_fresh(crawler))

    @property
    def site(self) -> str:
        return self.crawler.spider.name  # type: ignore[union-attr]

    def _site_of(self, adapter: ItemAdapter) -> str:
        """The state's key of a record: its ``site`` (a site entry's name in a multi-site crawl)."""
        return str(adapter.get("site") or self.site)

    def spider_opened(self) -> None:
        """Record what feed files of a killed crawl hold beyond the state (see module docstring);
        note this crawl's feed files as open."""
        for path, fmt, opened_at in self.state.unclosed_feeds(self.site):
            records = [
                self._record_of(rec, None, exported_at=opened_at)
                for rec in records_in_feed(path, fmt)
                if rec.get("url") and self.state.past_export(self._site_of(ItemAdapter(rec)), str(rec["url"])) is None
            ]
            self.state.record(records)
            self.state.feed_closed(self.site, path)
            if records:
                self.crawler.stats.inc_value("newsspider/state/recovered", len(records))  # type: ignore[union-attr]
                logger.warning("Recorded %d records of %s, a feed left open by a stopped crawl", len(records), path)
        # Note this crawl's feed files now, while the state is surely reachable: a record written
        # after the state is lost (Redis gone mid-crawl) is then still read back by the next crawl.
        for slot in feed_slots(self.crawler):
            if _flushes_to_storage(slot):
                self._note_open(slot)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        fingerprint, url = adapter.get("fingerprint"), str(adapter.get("url") or "")
        if not self.fresh and fingerprint and self.state.body_exported(self._site_of(adapter), url_host(url), fingerprint):
            raise self.dropper.drop(REASON_ALREADY_EXPORTED, item)
        return item

    def item_scraped(self, item: Any, response: Response | Any, spider: Any) -> None:
        slots = self._feed_slots_with(item)
        if not slots:
            count_once(self.crawler.stats, "newsspider/state/no_feed", logger,
                       "No feed stores the records: the incremental state records nothing", level=logging.WARNING)  # fmt: skip
            return
        record = self._record_of(item, response)
        if all(slot.itemcount and _flushes_to_storage(slot) for slot in slots):
            for slot in slots:
                self._note_open(slot)
                self._flush(slot)
            self._commit([record])
        else:
            self.pending.append(record)

    def feed_exporter_closed(self) -> None:
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        if any(key.startswith("feedexport/failed_count/") for key in stats):
            logger.error("A feed failed to store: %d records not recorded in the incremental state", len(self.pending))
            return
        self._commit(self.pending)
        self.pending = []
        for path in self.open_feeds:
            self.state.feed_closed(self.site, path)

    def _note_open(self, slot: FeedSlot) -> None:
        path = getattr(slot.storage, "path", None)
        if path is None or slot.format not in READABLE_FORMATS:
            return
        path = str(Path(path).resolve())
        if path not in self.open_feeds:
            self.open_feeds.add(path)
            self.state.feed_opened(self.site, path, slot.format, _now())

    def _commit(self, records: list[ExportedRecord]) -> None:
        if not records:
            return
        for record in records:
            if self.state.past_export(record.site, record.canonical_url or record.url) is not None:
                self.crawler.stats.inc_value("newsspider/state/new_version")  # type: ignore[union-attr]
        self.state.record(records)
        self.crawler.stats.inc_value("newsspider/state/recorded", len(records))  # type: ignore[union-attr]

    def _feed_slots_with(self, item: Any) -> list[FeedSlot]:
        # A slot with no item yet is a new batch: the record went to the one being closed.
        return [slot for slot in feed_slots(self.crawler) if slot.filter.accepts(item)]

    @staticmethod
    def _flush(slot: FeedSlot) -> None:
        try:
            if slot.file is not None:
                slot.file.flush()
        except ValueError:  # closed already (batch rotated): closing flushed it
            pass

    def _record_of(self, item: Any, response: Response | Any, exported_at: str | None = None) -> ExportedRecord:
        adapter = ItemAdapter(item)
        meta = getattr(response, "meta", None) or {}
        candidate = ArticleCandidate.from_meta(meta)
        version = (candidate.lastmod if candidate else None) or adapter.get("modified") or adapter.get("published")
        return ExportedRecord(
            site=self._site_of(adapter),
            url=str(adapter.get("url") or ""),
            canonical_url=adapter.get("canonical_url"),
            body_fingerprint=adapter.get("fingerprint"),
            version=version,
            exported_at=exported_at or _now(),
        )


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")
