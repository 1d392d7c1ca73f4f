"""Incremental state, item side: drop what an earlier crawl exported; record what this one exports.

A record counts as exported only once the feed has it. Scrapy's FeedExporter writes each item
on the ``item_scraped`` signal, before this pipeline's handler (extensions connect before
pipelines). Then:

- feeds written to local files (``-o``/``-O``, ``FEEDS`` with file paths, stdout) are flushed
  and the record is committed to the state at once, so a crash leaves no record in the state
  that is not in a feed file;
- feeds written in parts (Parquet, ``newsspider/parts.py``) make a record readable when its part
  is closed: the record is committed then (signal ``newsspider.parquet.PART_CLOSED``), in order;
- other feeds (S3, FTP, post-processed/compressed feeds, …) store their file only when the crawl
  closes: their records are committed on ``feed_exporter_closed``, if no feed failed to store.

With no feed at all nothing is recorded (nothing was written). A crawl killed between a
flush and its commit leaves one record in a feed file that the state lacks: local JSON lines
and CSV feed files, and Parquet feed folders, are noted in the state while open, and the next
crawl of the site reads back the ones left open (``newsspider/state/recovery.py``; for Parquet,
the closed parts: records of a part a killed crawl did not close are in neither, and are
fetched again). They are noted when the spider opens,
so records written after the state became unreachable (Redis lost mid-crawl) are read back too.
"""

from __future__ import annotations

import logging
from collections import deque
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.extensions.feedexport import FileFeedStorage, StdoutFeedStorage
from scrapy.http import Response

from newsspider.compat import FeedSlot, append_to_feed_file, feed_slots
from newsspider.discovery.candidates import ArticleCandidate
from newsspider.discovery.window import to_datetime
from newsspider.parquet import PART_CLOSED
from newsspider.revisions import Revision, body_sketch, float_or_none, int_or_none, next_revision
from newsspider.state import ExportedRecord, StateStore, state_enabled, state_for, state_fresh, url_host
from newsspider.state.recovery import READABLE_FORMATS, records_in_feed
from newsspider.stats import count_once
from pipelines.drops import Dropper

logger = logging.getLogger(__name__)

REASON_ALREADY_EXPORTED = "already_exported"


FLUSH, PART, CLOSE = "flush", "part", "close"


def _durability(slot: FeedSlot) -> str:
    """When a record the slot took is readable where the feed is stored: once the file is flushed
    (:data:`FLUSH`), once its part is closed (:data:`PART`), once the feed is closed (:data:`CLOSE`)."""
    if getattr(slot.storage, "part_suffix", None) and "postprocessing" not in slot.feed_options:
        return PART  # newsspider.parts.FilesOrPartsFeedStorage opened a folder of parts
    buffered = hasattr(slot.exporter, "part_suffix")  # a parts exporter given a plain file: one file, closed at the end
    if isinstance(slot.storage, (FileFeedStorage, StdoutFeedStorage)) and "postprocessing" not in slot.feed_options and not buffered:
        return FLUSH
    return CLOSE


def latest_version(*dates: object) -> str | None:
    """The latest of a record's dates (listing ``lastmod``, ``modified``, ``published``): the
    version the state remembers. The first one given is not enough: a page listed by two feeds
    (a news sitemap's publication date, an Atom ``updated`` hours later) would be remembered by
    whichever listing led to it, and the next crawl, led there by the other, would find it
    "changed since exported" and fetch it again. Unparseable dates count only when none parses."""
    given = [str(d) for d in dates if d]
    parsed = [(moment, date) for date in given if (moment := to_datetime(date)) is not None]
    if parsed:
        return max(parsed, key=lambda pair: pair[0])[1]  # the first of equal moments
    return given[0] if given else None


class ExportStatePipeline:
    """Item pipeline + ``item_scraped`` recorder of the incremental state (see module docstring).

    Settings: ``NEWSSPIDER_STATE_ENABLED`` (False -> NotConfigured), ``NEWSSPIDER_STATE_FRESH``
    (do not drop; still record), and the backend's (``NEWSSPIDER_STATE_BACKEND``/``_PATH``).
    Stats: ``newsspider/dropped/already_exported`` (same body as a record exported before from
    the same site), ``newsspider/state/recorded``, ``newsspider/state/new_version`` (a URL exported
    before, exported again with a changed body).

    Revisions: every record gets ``version`` (1, then 2, … each time its URL is exported with a
    changed body), ``previous_fingerprint`` and ``changed_ratio`` (:mod:`newsspider.revisions`),
    from the state even with ``fresh`` (an unchanged body keeps its version).
    """

    def __init__(self, crawler: Crawler, state: StateStore, fresh: bool) -> None:
        self.crawler = crawler
        self.state = state
        self.fresh = fresh
        self.dropper = Dropper(crawler.stats, logger)
        self.pending: list[ExportedRecord] = []
        #: Records written to feeds in parts, each with (exporter, its rank there): committed in
        #: order once every such exporter's ``durable`` count reaches its rank.
        self.awaiting: deque[tuple[ExportedRecord, list[tuple[Any, int]]]] = deque()
        self.open_feeds: set[str] = set()
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.feed_exporter_closed, signal=signals.feed_exporter_closed)
        crawler.signals.connect(self.part_closed, signal=PART_CLOSED)

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
        a ``-O`` feed on such a file appends to it instead; note this crawl's feed files as open."""
        killed_feeds: set[str] = set()
        for path, fmt, opened_at in self.state.unclosed_feeds(self.site):
            killed_feeds.add(str(Path(path).resolve()))
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
            if _durability(slot) != CLOSE:
                self._keep_killed_crawls_records(slot, killed_feeds)
                self._note_open(slot)

    def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        fingerprint, url = adapter.get("fingerprint"), str(adapter.get("url") or "")
        if not self.fresh and fingerprint and self.state.body_exported(self._site_of(adapter), url_host(url), fingerprint):
            raise self.dropper.drop(REASON_ALREADY_EXPORTED, item)
        last = self._last_revision(adapter.get("canonical_url"), url)
        for name, value in next_revision(last, fingerprint, adapter.get("body")).fields().items():
            adapter[name] = value
        return item

    def _last_revision(self, *urls: str | None) -> Revision | None:
        """The revision of the URL's (or canonical URL's) last export; version 1 without revision
        fields for an export recorded before they were kept."""
        pasts = [p for p in (self.state.past_export(self.site, u) for u in dict.fromkeys(u for u in urls if u)) if p]
        known = [p.revision for p in pasts if p.revision is not None]
        return known[0] if known else Revision(1, None) if pasts else None

    def item_scraped(self, item: Any, response: Response | Any, spider: Any) -> None:
        slots = self._feed_slots_with(item)
        if not slots:
            count_once(self.crawler.stats, "newsspider/state/no_feed", logger,
                       "No feed stores the records: the incremental state records nothing", level=logging.WARNING)  # fmt: skip
            return
        record = self._record_of(item, response)
        durability = {slot: _durability(slot) for slot in slots}
        if not all(slot.itemcount and durability[slot] != CLOSE for slot in slots):
            self.pending.append(record)
            return
        for slot in slots:
            self._note_open(slot)
            self._flush(slot)
        in_parts = [slot.exporter for slot in slots if durability[slot] == PART]
        if in_parts:
            self.awaiting.append((record, [(exporter, exporter.written) for exporter in in_parts]))  # type: ignore[union-attr]
            self._commit_durable()
        else:
            self._commit([record])

    def part_closed(self) -> None:
        self._commit_durable()

    def _commit_durable(self) -> None:
        """Commit, in order, the awaiting records whose parts are all closed."""
        ready = []
        while self.awaiting and all(exporter.durable >= rank for exporter, rank in self.awaiting[0][1]):
            ready.append(self.awaiting.popleft()[0])
        self._commit(ready)

    def feed_exporter_closed(self) -> None:
        self._commit_durable()
        if self.awaiting:
            logger.error("%d records not recorded in the incremental state: their feed part was not closed", len(self.awaiting))
            self.awaiting.clear()
        stats = self.crawler.stats.get_stats() if self.crawler.stats else {}
        if any(key.startswith("feedexport/failed_count/") for key in stats):
            logger.error("A feed failed to store: %d records not recorded in the incremental state", len(self.pending))
            return
        self._commit(self.pending)
        self.pending = []
        for path in self.open_feeds:
            self.state.feed_closed(self.site, path)

    def _keep_killed_crawls_records(self, slot: FeedSlot, killed_feeds: set[str]) -> None:
        """``-O`` onto the feed file of a killed crawl of the site appends to it: overwriting would
        delete records that the state holds as exported, which no later crawl exports again."""
        path = getattr(slot.storage, "path", None)
        if path is None or not slot.feed_options.get("overwrite") or str(Path(path).resolve()) not in killed_feeds:
            return
        if not Path(path).exists():
            return
        append_to_feed_file(slot)
        self.crawler.stats.inc_value("newsspider/state/killed_feed_appended")  # type: ignore[union-attr]
        logger.warning(
            "%s holds the records of a crawl of %r that was stopped before it finished: appending to it instead "
            "of overwriting (-O), so that they are not lost; give another file to start a new one", path, self.site,
        )

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
        version = latest_version(candidate.lastmod if candidate else None, adapter.get("modified"), adapter.get("published"))
        fingerprint = adapter.get("fingerprint")
        revision = Revision(
            int_or_none(adapter.get("version")) or 1,
            fingerprint,
            adapter.get("previous_fingerprint") or None,
            float_or_none(adapter.get("changed_ratio")),
            body_sketch(adapter.get("body")),
        )
        return ExportedRecord(
            site=self._site_of(adapter),
            url=str(adapter.get("url") or ""),
            canonical_url=adapter.get("canonical_url"),
            body_fingerprint=fingerprint,
            version=version,
            exported_at=exported_at or _now(),
            revision=revision,
        )


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")
