"""Site-level boilerplate learning during a crawl (item pipeline, after normalize).

Every record's body is counted into a :class:`~pipelines.sitememory.BoilerplateMemory` (short
blocks per distinct story, per site: a version of a story already counted -- the same story
under another URL with a new first paragraph -- counts nothing), then cleaned of the blocks
learned so far. The trade-off is
the first pages of a site: nothing is known about a site until several of its pages were seen.
So the first ``NEWSSPIDER_SITELEARN_HOLD`` records of each site are *held* (their
``process_item`` awaits) until that many pages of the site were counted, then released
cleaned with what they taught; later records pass straight through (learning continues).
Titles are learned alongside (:mod:`pipelines.titleaffix`): the site name a site's titles repeat
before or after a separator is stripped from them (``NEWSSPIDER_SITELEARN_TITLES``); and tags
(:mod:`pipelines.sitetags`): a keyword the site declares on nearly every story is dropped from the
records' tags (``NEWSSPIDER_SITELEARN_TAGS``).
A held record is released early, never lost, when

- ``NEWSSPIDER_SITELEARN_MAX_HOLD`` seconds passed since the site's first held record,
- the crawl has nothing else left to do (no download in flight, nothing scheduled or the engine
  backing out -- closing, e.g. on ``CLOSESPIDER_*`` or Ctrl-C, or the scraper's memory budget
  full of held responses -- and no response being parsed but the held ones), checked every
  second,
- the pipeline closes.

Held records stay inside Scrapy's accounting (the engine does not close before they are
processed), so ``CLOSESPIDER_ITEMCOUNT`` would only count them at release: the hold is capped
at that count.

With ``-s JOBDIR=...`` the memory lives in ``spider.state`` (pickled by Scrapy's SpiderState
extension), so a resumed crawl starts with the learned blocks and holds nothing for a site
already warmed up. Between crawls (``NEWSSPIDER_SITELEARN_PERSIST``, with the incremental
state on) each site's memory is also kept in the incremental state, per spider: the next crawl
of a site reads it when the site's first record comes (a JOBDIR's memory of the site comes
first), so a short incremental crawl cleans its few new records as the long first crawl
would have, and holds nothing for a site warmed up before. It is written when the crawl
closes, for the sites that counted a page in it: in a distributed crawl, the last worker to
close a site's memory wins.

Settings: ``NEWSSPIDER_SITELEARN_ENABLED`` (True), ``NEWSSPIDER_SITELEARN_MIN_PAGES`` (3),
``NEWSSPIDER_SITELEARN_MIN_SHARE`` (0.02), ``NEWSSPIDER_SITELEARN_MAX_WORDS`` (40),
``NEWSSPIDER_SITELEARN_HOLD`` (20 records per site; 0: never hold),
``NEWSSPIDER_SITELEARN_MAX_HOLD`` (30 seconds), ``NEWSSPIDER_SITELEARN_TITLES`` (True),
``NEWSSPIDER_SITELEARN_TAGS`` (True),
``NEWSSPIDER_SITELEARN_PERSIST`` (True).
Stats: ``newsspider/sitelearn/blocks_learned``, ``…/blocks_loaded`` (from JOBDIR or the
incremental state), ``…/sites_loaded``, ``…/sites_kept`` (from and to the incremental state),
``…/blocks_removed``, ``…/records_cleaned``, ``…/records_held``, ``…/title_affixes_learned``,
``…/titles_cleaned``, ``…/site_tags_learned``, ``…/tags_cleaned``.
"""

from __future__ import annotations

import logging
import sqlite3
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.asyncio import CallLaterResult, call_later, create_looping_call
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred

from newsspider import config
from newsspider.compat import engine_scheduler, scraper_load
from newsspider.items import nearly_kept
from newsspider.state import CrawlState, state_enabled
from newsspider.state.base import StateStore
from newsspider.textlength import word_count
from pipelines.normalize import normalized_body_fingerprint
from pipelines.sitememory import (
    STATE_KEY,
    BoilerplateMemory,
    LearningRules,
    SiteMemory,
    decode_site,
    encode_site,
    site_key,
)
from pipelines.sitetags import SiteTags
from pipelines.titleaffix import TitleAffixes

logger = logging.getLogger(__name__)

STAT_PREFIX = "newsspider/sitelearn/"
#: Seconds between checks whether the crawl has anything left but held records.
WATCH_INTERVAL = 1.0


class SiteLearnPipeline:
    """Learn each site's repeated blocks and remove them from bodies (module docstring)."""

    def __init__(
        self,
        crawler: Crawler,
        rules: LearningRules,
        hold: int,
        max_hold: float,
        titles: bool = True,
        persist: bool = False,
        tags: bool = True,
    ) -> None:
        self.crawler = crawler
        self.persist = persist
        self._looked_up: set[str] = set()  # sites whose kept memory was looked for in the state
        self._counted: set[str] = set()  # sites that counted a page in this crawl: kept at close
        self.stats = crawler.stats
        self.rules = rules
        self.titles = titles
        self.tags = tags
        self.hold = hold
        self.max_hold = max_hold
        self._memory: BoilerplateMemory | None = None
        self._waiting: dict[str, list[Deferred[None]]] = {}
        self._timers: dict[str, CallLaterResult] = {}
        self._released: set[str] = set()
        self._watch: Any = None
        self._stalled_checks = 0

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> SiteLearnPipeline:
        settings = crawler.settings
        if not config.get(settings, "NEWSSPIDER_SITELEARN_ENABLED"):
            raise NotConfigured("NEWSSPIDER_SITELEARN_ENABLED is False")
        min_pages = config.get(settings, "NEWSSPIDER_SITELEARN_MIN_PAGES")  # >= 2: one page proves nothing
        rules = LearningRules(
            min_pages=min_pages,
            min_share=config.get(settings, "NEWSSPIDER_SITELEARN_MIN_SHARE"),
            max_words=config.get(settings, "NEWSSPIDER_SITELEARN_MAX_WORDS"),
        )
        hold = config.get(settings, "NEWSSPIDER_SITELEARN_HOLD")
        item_limit = settings.getint("CLOSESPIDER_ITEMCOUNT")
        if item_limit > 0:
            hold = min(hold, item_limit)  # held records only count as scraped once released
        max_hold = config.get(settings, "NEWSSPIDER_SITELEARN_MAX_HOLD")
        titles = config.get(settings, "NEWSSPIDER_SITELEARN_TITLES")
        tags = config.get(settings, "NEWSSPIDER_SITELEARN_TAGS")
        persist = config.get(settings, "NEWSSPIDER_SITELEARN_PERSIST") and state_enabled(crawler)
        return cls(
            crawler, rules, hold=hold if hold >= min_pages else 0, max_hold=max_hold, titles=titles, persist=persist,
            tags=tags,
        )

    # -- memory ---------------------------------------------------------------------------

    @property
    def memory(self) -> BoilerplateMemory:
        """The memory, in ``spider.state`` when there is one (JOBDIR). Built on first use:
        SpiderState loads the state on ``spider_opened``, after pipelines open."""
        if self._memory is None:
            state = getattr(self.crawler.spider, "state", None)
            data = state.setdefault(STATE_KEY, {}) if isinstance(state, dict) else {}
            self._memory = BoilerplateMemory(data, self.rules)
            loaded = self._memory.learned_count()
            if loaded:
                self.stats.set_value(STAT_PREFIX + "blocks_loaded", loaded)
                logger.info("Site learning: %d boilerplate blocks of %d sites loaded from JOBDIR", loaded, len(data))
        return self._memory

    def _store(self) -> StateStore | None:
        """The incremental state, when site memories are kept there: None without the state's
        extension (nothing is kept between crawls then) or when it cannot be opened (a warning)."""
        if not self.persist:
            return None
        try:
            extension = self.crawler.get_extension(CrawlState)
        except RuntimeError:  # a crawler without extensions (built by hand)
            extension = None
        if extension is None:
            self.persist = False
            return None
        try:
            return extension.store
        except ValueError as err:
            logger.warning("Site learning: learned boilerplate is not kept between crawls: %s", err)
            self.persist = False
            return None

    @property
    def scope(self) -> str:
        """Whose memories these are in the incremental state: the spider's."""
        return str(self.crawler.spider.name) if self.crawler.spider is not None else ""

    def site(self, key: str) -> SiteMemory:
        """The memory of site ``key``, read from the incremental state on the site's first record
        when this crawl (or its JOBDIR) knows nothing of it yet."""
        memory = self.memory
        if key not in memory.data and key not in self._looked_up:
            self._looked_up.add(key)
            store = self._store()
            blob = store.learned_site(self.scope, key) if store is not None else None
            if blob is not None:
                try:
                    memory.data[key] = decode_site(blob)
                except ValueError as err:
                    logger.warning("Site learning: the kept memory of %s is unreadable, learning afresh: %s", key, err)
                else:
                    site = memory.site_by_key(key)
                    self.stats.inc_value(STAT_PREFIX + "sites_loaded")
                    self.stats.inc_value(STAT_PREFIX + "blocks_loaded", len(site.learned))
                    logger.debug("Site learning: %s: %d pages, %d lines learned before", key, site.pages, len(site.learned))
                    return site
        return memory.site_by_key(key)

    def keep(self) -> None:
        """Write the memories of the sites that counted a page in this crawl to the incremental state."""
        store = self._store() if self._counted else None
        if store is None:
            return
        data = self.memory.data
        sites = {key: encode_site(data[key]) for key in sorted(self._counted) if key in data}
        try:
            store.keep_learned_sites(self.scope, sites)
        except (sqlite3.Error, OSError) as err:  # a state that cannot be written must not fail the close
            logger.warning("Site learning: could not keep what was learned in %s: %s", store.location, err)
            return
        self.stats.inc_value(STAT_PREFIX + "sites_kept", len(sites))
        logger.info("Site learning: what %d sites taught kept in %s", len(sites), store.location)

    # -- items ----------------------------------------------------------------------------

    def site_key(self, adapter: ItemAdapter) -> str:
        """What a site is to learning: the record's host (without ``www.`` and port), or in a
        multi-site crawl (``sites`` spider) the site entry the record comes from (``site``):
        two entries on one host learn apart, and one entry on several hosts learns once."""
        if getattr(self.crawler.spider, "multi_site", False) and adapter.get("site"):
            return f"site:{adapter['site']}"
        return site_key(str(adapter.get("url") or ""))

    async def process_item(self, item: Any) -> Any:
        adapter = ItemAdapter(item)
        key = self.site_key(adapter)
        site = self.site(key)
        line_keys: dict[str, str | None] = {}
        new = site.observe(str(adapter.get("body") or ""), line_keys, nearly_kept(item))
        if new is not None:
            self._counted.add(key)
        if new:
            self.stats.inc_value(STAT_PREFIX + "blocks_learned", len(new))
        titles = TitleAffixes(site.data, self.rules.min_pages) if self.titles else None
        if titles is not None and new is not None and adapter.get("title"):  # a new story's title
            learned = titles.observe(str(adapter["title"]))
            if learned:
                self.stats.inc_value(STAT_PREFIX + "title_affixes_learned", len(learned))
                logger.debug("Site learning: title affixes of %s: %s", key or "?", learned)
        site_tags = SiteTags(site.data) if self.tags else None
        if site_tags is not None and new is not None and adapter.get("tags"):  # a new story's tags
            learned = site_tags.observe([str(tag) for tag in adapter["tags"]])
            if learned:
                self.stats.inc_value(STAT_PREFIX + "site_tags_learned", len(learned))
                logger.debug("Site learning: site-wide tags of %s: %s", key or "?", learned)
        if self.hold and key not in self._released:
            if site.pages >= self.hold:
                self._release(key, "warmed up")
            else:
                await self._hold(key)
        self._clean(adapter, site, line_keys)
        if titles is not None:
            self._clean_title(adapter, titles)
        if site_tags is not None:
            self._clean_tags(adapter, site_tags)
        return item

    def _clean_tags(self, adapter: ItemAdapter, site_tags: SiteTags) -> None:
        tags = adapter.get("tags")
        if not tags:
            return
        kept = site_tags.clean([str(tag) for tag in tags])
        if len(kept) != len(tags):
            adapter["tags"] = kept
            self.stats.inc_value(STAT_PREFIX + "tags_cleaned")

    def _clean_title(self, adapter: ItemAdapter, titles: TitleAffixes) -> None:
        title = adapter.get("title")
        if not title:
            return
        stripped = titles.clean(str(title))
        if stripped != title:
            adapter["title"] = stripped
            self.stats.inc_value(STAT_PREFIX + "titles_cleaned")

    def _clean(self, adapter: ItemAdapter, site: SiteMemory, line_keys: dict[str, str | None] | None = None) -> None:
        cleaned, removed = site.clean(str(adapter.get("body") or ""), line_keys)
        if not removed:
            return
        adapter["body"] = cleaned
        if "word_count" in adapter:
            adapter["word_count"] = word_count(cleaned)
        if "fingerprint" in adapter:
            adapter["fingerprint"] = normalized_body_fingerprint(cleaned)  # SiteMemory.clean normalised it
        self.stats.inc_value(STAT_PREFIX + "blocks_removed", removed)
        self.stats.inc_value(STAT_PREFIX + "records_cleaned")

    # -- holding --------------------------------------------------------------------------

    async def _hold(self, key: str) -> None:
        """Wait until the site ``key`` is released (warmed up, timed out, idle or closing)."""
        waiter: Deferred[None] = Deferred()
        self._waiting.setdefault(key, []).append(waiter)
        self.stats.inc_value(STAT_PREFIX + "records_held")
        if key not in self._timers:
            self._timers[key] = call_later(self.max_hold, self._release, key, "max hold time")
        if self._watch is None:
            self._watch = create_looping_call(self._check_stalled)
            self._watch.start(WATCH_INTERVAL, now=False)
        await maybe_deferred_to_future(waiter)

    def _release(self, key: str, why: str) -> None:
        """Let the held records of site ``key`` go on; hold nothing more for it in this run."""
        self._released.add(key)
        timer = self._timers.pop(key, None)
        if timer is not None:
            timer.cancel()
        waiters = self._waiting.pop(key, [])
        if waiters:
            logger.info("Site learning: releasing %d held records of %s (%s)", len(waiters), key or "?", why)
        for waiter in waiters:
            waiter.callback(None)
        if not self._waiting:
            self._stop_watch()

    def _release_all(self, why: str) -> None:
        for key in list(self._waiting):
            self._release(key, why)

    def _stop_watch(self) -> None:
        if self._watch is not None:
            if self._watch.running:
                self._watch.stop()
            self._watch = None
        self._stalled_checks = 0

    def held_count(self) -> int:
        return sum(len(w) for w in self._waiting.values())

    def crawl_stalled(self) -> bool:
        """Nothing but held records left: no download in flight, nothing more scheduled (or the
        engine backing out: closing, or its memory budget full), no other response being parsed."""
        engine = self.crawler.engine
        if engine is None:
            return True
        if engine.downloader.active:
            return False
        scheduler = engine_scheduler(engine)
        if scheduler is not None and scheduler.has_pending_requests() and not engine.needs_backout():
            return False
        load = scraper_load(engine)
        return load is None or (load[0] == 0 and load[1] <= self.held_count())

    def _check_stalled(self) -> None:
        # Two checks in a row: a parsed page may still be yielding its links for a moment.
        self._stalled_checks = self._stalled_checks + 1 if self.crawl_stalled() else 0
        if self._stalled_checks >= 2:
            self._release_all("nothing else left to crawl")

    def close_spider(self) -> None:
        self._release_all("closing")
        self._stop_watch()
        self.keep()
