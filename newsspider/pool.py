"""Extraction off the reactor thread, in a pool of worker processes.

Extraction is CPU-bound (tens of milliseconds a page) and Scrapy runs one reactor thread, so
inline extraction caps a crawl at one core. :class:`ExtractionPool` sends each page (HTML text,
URL, site rules: all picklable) to a worker process and gives the spider an awaitable result,
so downloading goes on while pages are extracted on every core. The worker also extracts the
page's links with the spider's (picklable) ``LinkExtractor``: parsing a page for its links is
as costly as the rest of the reactor's work on it, and the reactor then only schedules them.

A page whose worker hangs past the per-page budget (the worker is killed and replaced) or
dies (segfault, out of memory, ``os._exit``) costs that page only: its result is a
:class:`~newsspider.extraction.PageResult` with the skip reason ``extraction_timeout`` or
``extraction_crashed``, which the spider counts as ``newsspider/dropped/<reason>``.
The pool is `pebble <https://pypi.org/project/Pebble/>`_'s ``ProcessPool``, which survives
worker deaths and enforces per-task timeouts (``concurrent.futures`` can do neither).

In a crawl the pool is a crawl-wide service: the :class:`ExtractionPool` extension, enabled by
the add-on (``newsspider.Addon``) and found by the spider through the crawler (:func:`pool_for`).
Its workers start with the first page sent to them (never for a crawl that extracts nothing,
nor for ``scrapy shell``, which extracts inline), from a thread: the reactor thread goes on
downloading meanwhile. They are forked from a fork server which imports the extractor and reads
its models first (a second or more of CPU): for a spider that extracts its pages
(``uses_extraction_pool``), that server starts with the crawl, before the spider opens, and
does this while Scrapy builds the engine. The workers stop when the spider closes, or when the
engine stops if the spider never opened; stopping waits for a start in progress.

Settings:

- ``NEWSSPIDER_EXTRACTION_WORKERS`` (default: the CPU count): worker processes; 0 extracts
  inline on the reactor thread (no per-page budget then).
- ``NEWSSPIDER_EXTRACTION_TIMEOUT`` (default 30): seconds a worker may spend on one page.
- ``NEWSSPIDER_EXTRACTION_FUNCTION`` (default ``newsspider.extraction.extract_page``): the
  extraction function, ``(html, url, rules, *, assume_article) -> PageResult``; a module-level
  function (workers import it by name).
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeoutError
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pebble import ProcessExpired, ProcessPool
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import HtmlResponse
from scrapy.linkextractors import LinkExtractor
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.misc import load_object
from twisted.internet import defer, threads

from newsspider import config
from newsspider.links import page_link_urls

if TYPE_CHECKING:  # the crawl process never imports the extractor: its workers do (see PageOutcome)
    from newsspider.extraction import PageResult, SiteRules

logger = logging.getLogger(__name__)

ExtractFunction = Callable[..., "PageResult"]

#: Skip reasons of pages lost to the pool rather than to their content.
TIMEOUT_REASON = "extraction_timeout"
CRASH_REASON = "extraction_crashed"
#: Pages left unextracted because the crawl reached its item limit (``-a max_articles``).
AFTER_LIMIT_REASON = "after_item_limit"

#: The declared default extraction function (``NEWSSPIDER_EXTRACTION_FUNCTION``).
DEFAULT_FUNCTION: str = config.SETTINGS["NEWSSPIDER_EXTRACTION_FUNCTION"].default
#: Imported by the workers' fork server before the first page: the task's own code (the
#: extractor with the site's overrides and its models, Scrapy's link extraction, this module: a
#: worker unpickles its initializer from it, and importing it there left a worker of a short crawl
#: still starting when the pool stopped, its semaphores gone: a traceback on stderr), beside the
#: function's module. Between the warm-up, which starts reading the language model in a thread,
#: and the preload, which waits for it and reads the other models: the read overlaps the imports.
WORKER_MODULES = (
    "newsspider.extraction.warmup", "newsspider.pool", "newsspider.extraction.overrides", "scrapy.http",
    "scrapy.linkextractors", "newsspider.links", "newsspider.extraction.preload",
)

#: A worker is replaced after this many pages, so slow leaks (lxml, caches) cannot grow forever.
MAX_TASKS_PER_WORKER = 1000
#: Pages a crawl keeps in the pool per worker (:meth:`ExtractionPool.extract`): one being
#: extracted, the others queued, so that a worker finishing a page finds the next one waiting
#: while its result goes back through the reactor thread, busy with other pages' items.
IN_FLIGHT_PER_WORKER = 4


def default_workers() -> int:
    """The CPU count this process may use (affinity-aware), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class PageOutcome:
    """A page's extraction result (``fields`` or ``skip_reason``), and the URLs of its links when
    the worker extracted them (else None).

    It carries the :class:`~newsspider.extraction.PageResult`'s two values rather than the
    object: unpickling one in the crawl process would import the whole extractor there (lxml,
    trafilatura, the models), which only the workers run. ``PageOutcome(result, links)`` takes
    a ``PageResult``; :attr:`result` builds one again.
    """

    __slots__ = ("fields", "skip_reason", "links", "nearly_kept")

    def __init__(
        self,
        result: PageResult | None = None,
        links: list[str] | None = None,
        *,
        fields: dict[str, Any] | None = None,
        skip_reason: str | None = None,
        nearly_kept: tuple[str, ...] = (),
    ) -> None:
        if result is not None:
            fields, skip_reason, nearly_kept = result.fields, result.skip_reason, result.nearly_kept
        self.fields = fields
        self.skip_reason = skip_reason
        self.links = links
        self.nearly_kept = nearly_kept  # for the crawl's site learning (PageResult.nearly_kept)

    @property
    def result(self) -> PageResult:
        from newsspider.extraction import PageResult

        return PageResult(fields=self.fields, skip_reason=self.skip_reason, nearly_kept=self.nearly_kept)

    def __reduce__(self) -> tuple[Any, ...]:
        return _outcome, (self.fields, self.skip_reason, self.links, self.nearly_kept)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, PageOutcome):
            return NotImplemented
        return (self.fields, self.skip_reason, self.links, self.nearly_kept) == (
            other.fields, other.skip_reason, other.links, other.nearly_kept)

    __hash__ = None  # type: ignore[assignment]  # mutable, like the dataclass it replaced

    def __repr__(self) -> str:
        return f"PageOutcome(fields={self.fields!r}, skip_reason={self.skip_reason!r}, links={self.links!r})"


def _outcome(
    fields: dict[str, Any] | None, skip_reason: str | None, links: list[str] | None, nearly_kept: tuple[str, ...] = ()
) -> PageOutcome:
    """Unpickle a :class:`PageOutcome`."""
    return PageOutcome(fields=fields, skip_reason=skip_reason, links=links, nearly_kept=nearly_kept)


def skipped(reason: str) -> PageOutcome:
    """The outcome of a page the pool lost or left (timeout, crash, item limit)."""
    return PageOutcome(skip_reason=reason)


@lru_cache(maxsize=8)
def load_extraction_function(path: str) -> ExtractFunction:
    """The extraction function at ``path``, imported once per process (workers import it by name)."""
    return extraction_function(path)


def extract_with_site_rules(function: ExtractFunction | str, html: str, url: str, rules: SiteRules, *, assume_article: bool) -> PageResult:
    """Extract one page with ``function`` (or the one at that import path), the site's versions
    and field overrides applied."""
    from newsspider.extraction.overrides import extract_with_rules  # the extractor: workers, or inline

    if isinstance(function, str):
        function = load_extraction_function(function)
    return extract_with_rules(function, html, url, rules, assume_article=assume_article)


def _extract_page_and_links(
    function: ExtractFunction | str, link_extractor: LinkExtractor | None, html: str, url: str, rules: SiteRules, assume_article: bool
) -> PageOutcome:
    """The task a worker runs: extraction, then (when asked) the URLs of the links the spider would find."""
    result = extract_with_site_rules(function, html, url, rules, assume_article=assume_article)
    if link_extractor is None:
        return PageOutcome(result)
    return PageOutcome(result, page_link_urls(link_extractor, HtmlResponse(url, body=html, encoding="utf-8")))


def _start_worker() -> None:
    """Before a worker takes its first page: leave Ctrl-C to the crawl, which shuts the pool down
    in order, and have the models in memory (preloaded by the fork server; read here if that
    failed), so a page's time budget never pays for reading them. Then the worker's heap so far
    (the models, the imported modules) is frozen out of the garbage collector's passes: they
    never become garbage, and a full pass over them wrote to every page the worker shares with
    the fork server (150 pages: 108 -> 88 MB private, the collector 0.67 -> 0.34 ms a page;
    docs/benchmarks.md, "Memory"). The worker process is the pool's own: the host's heap is not
    touched."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from newsspider.extraction import preload

    preload.load_models()
    gc.freeze()


def pool_settings(settings: BaseSettings) -> tuple[int, float]:
    """``(workers, timeout)`` from the settings; ValueError naming the setting and the fix."""
    return checked_limits(config.get(settings, "NEWSSPIDER_EXTRACTION_WORKERS"), config.get(settings, "NEWSSPIDER_EXTRACTION_TIMEOUT"))


def checked_limits(workers: object, timeout: object) -> tuple[int, float]:
    """Worker count (>= 0; None: the CPU count) and per-page timeout (> 0) as numbers; ValueError
    naming the setting, as for the settings themselves."""
    count = config.SETTINGS["NEWSSPIDER_EXTRACTION_WORKERS"].parse(workers)
    seconds = config.SETTINGS["NEWSSPIDER_EXTRACTION_TIMEOUT"].parse(timeout)
    return default_workers() if count is None else count, seconds


def extraction_function(path: str | None) -> ExtractFunction:
    """The function at import path ``path`` (None/empty: the declared default); ValueError naming
    ``NEWSSPIDER_EXTRACTION_FUNCTION`` when it cannot be imported or is not callable."""
    path = path or config.SETTINGS["NEWSSPIDER_EXTRACTION_FUNCTION"].default
    try:
        function = load_object(path)
    except (ImportError, ValueError, NameError, AttributeError) as err:
        function = err
    if not callable(function) or isinstance(function, type):
        raise ValueError(
            f"NEWSSPIDER_EXTRACTION_FUNCTION={path!r} is invalid: give the import path of a function "
            "with extract_page's signature (e.g. newsspider.extraction.extract_page_fast)"
        )
    return function


def check_extraction_function(path: str | None) -> None:
    """The setting's check: :func:`extraction_function`, except for the declared default, which is
    known to import and is left to the workers (importing it would load the whole extractor into
    the crawl process)."""
    if path and path != DEFAULT_FUNCTION:
        extraction_function(path)


class ExtractionPool:
    """Run the extraction function in ``workers`` processes (0: inline), one page per task.

    Built with :meth:`from_crawler`, it is also the Scrapy extension of the crawl's pool.
    """

    def __init__(self, workers: int, timeout: float, function: ExtractFunction | str | None = None) -> None:
        workers, timeout = checked_limits(workers, timeout)
        if function is None or function == DEFAULT_FUNCTION:
            function = DEFAULT_FUNCTION  # known good: imported by the workers (or inline) only, on first use
        elif isinstance(function, str):
            function = extraction_function(function)  # checked now: a wrong path fails before the crawl
        #: The extraction function, or the import path of the default one.
        self.function: ExtractFunction | str = function
        self._module = function.rpartition(".")[0] if isinstance(function, str) else function.__module__
        self.workers = workers
        self.timeout = timeout
        self._pool: ProcessPool | None = None
        #: Held while the workers start and while they stop: never both at once (a pool stopped
        #: while a worker was starting left it without its semaphores: a traceback on stderr).
        self._lock = threading.Lock()
        self._starting = defer.DeferredLock()  # one start thread, the other pages wait for it
        self._slots = defer.DeferredSemaphore(max(1, IN_FLIGHT_PER_WORKER * workers))
        self._crawler: Crawler | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ExtractionPool:
        """Build from settings; the workers stop when the spider closes (every page's result has
        arrived then) or, for a crawl whose spider failed to open, when the engine stops."""
        workers, timeout = pool_settings(crawler.settings)
        pool = cls(workers, timeout, config.get(crawler.settings, "NEWSSPIDER_EXTRACTION_FUNCTION") or None)
        pool._crawler = crawler
        if not pool.inline and getattr(crawler.spidercls, "uses_extraction_pool", False):
            pool.start_fork_server()
        crawler.signals.connect(pool.close, signal=signals.spider_closed)
        crawler.signals.connect(pool.close, signal=signals.engine_stopped)
        return pool

    @property
    def inline(self) -> bool:
        return self.workers == 0

    def _context(self) -> Any:
        """The forkserver context: workers are forked from a clean, single-threaded server process
        that has already imported the extractor, not from the multi-threaded crawl process."""
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([*WORKER_MODULES, self._module])
        return context

    def start_fork_server(self) -> None:
        """Start the fork server now (not the workers): it imports the extractor in its own
        process while this one goes on; the first worker then waits less for it."""
        from multiprocessing import forkserver

        self._context()
        forkserver.ensure_running()

    def _ensure_pool(self) -> ProcessPool:
        """The pool, its workers started (blocks until the fork server has imported the extractor)."""
        if (pool := self._pool) is not None:
            return pool
        with self._lock:
            if self._pool is None:
                pool = ProcessPool(
                    max_workers=self.workers,
                    max_tasks=MAX_TASKS_PER_WORKER,
                    initializer=_start_worker,
                    context=self._context(),
                )
                if not pool.active:  # starts the workers (pebble would on the first task)
                    raise RuntimeError("the extraction pool failed to start")
                self._pool = pool
            return self._pool

    async def _started(self) -> None:
        """The workers started, in a thread the first time: the reactor thread goes on meanwhile."""
        if self._pool is not None:
            return
        await maybe_deferred_to_future(self._starting.acquire())
        try:
            if self._pool is None:
                await maybe_deferred_to_future(threads.deferToThread(self._ensure_pool))
        finally:
            self._starting.release()

    def submit(
        self, html: str, url: str, rules: SiteRules, *, assume_article: bool, link_extractor: LinkExtractor | None = None
    ) -> Future[PageOutcome]:
        """Schedule one page; the future holds its :class:`PageOutcome` (pool losses included)."""
        task = self._ensure_pool().submit(
            _extract_page_and_links, self.timeout, self.function, link_extractor, html, url, rules, assume_article
        )
        outcome: Future[PageOutcome] = Future()

        def done(task: Future[PageOutcome]) -> None:
            try:
                outcome.set_result(task.result())
            except FutureTimeoutError:
                logger.debug("extraction of %s took over %ss: worker replaced", url, self.timeout)
                outcome.set_result(skipped(TIMEOUT_REASON))
            except ProcessExpired as err:
                logger.debug("extraction worker died on %s (exit code %s)", url, err.exitcode)
                outcome.set_result(skipped(CRASH_REASON))
            except BaseException as err:  # the extractor's own error: re-raised to the caller
                outcome.set_exception(err)

        task.add_done_callback(done)
        return outcome

    async def extract(
        self, html: str, url: str, rules: SiteRules, *, assume_article: bool, link_extractor: LinkExtractor | None = None
    ) -> PageOutcome:
        """Extract one page inline or in a worker (awaitable from a Scrapy callback).

        With ``link_extractor``, the worker also extracts the page's links (HTML is parsed off
        the reactor thread, which then only schedules them); inline, links are left to the caller.
        At most :data:`IN_FLIGHT_PER_WORKER` pages per worker are in the pool at once; the others wait here, holding
        their response in Scrapy's scraper slot, which stops downloads when it is full
        (``SCRAPER_SLOT_MAX_ACTIVE_SIZE``): memory stays bounded. A page still waiting when the
        crawl's item limit is reached is not extracted (``newsspider/dropped/after_item_limit``).
        """
        if self.inline:
            return PageOutcome(self.extract_here(html, url, rules, assume_article=assume_article))
        await maybe_deferred_to_future(self._slots.acquire())
        try:
            if self._item_limit_reached():
                return skipped(AFTER_LIMIT_REASON)
            await self._started()
            future = self.submit(html, url, rules, assume_article=assume_article, link_extractor=link_extractor)
            return await maybe_deferred_to_future(_deferred_from_future(future))
        finally:
            self._slots.release()

    def extract_here(self, html: str, url: str, rules: SiteRules, *, assume_article: bool) -> PageResult:
        """Extract one page in this thread (the site's versions and field overrides applied)."""
        return extract_with_site_rules(self.function, html, url, rules, assume_article=assume_article)

    def _item_limit_reached(self) -> bool:
        if self._crawler is None or self._crawler.stats is None:
            return False
        limit = self._crawler.settings.getint("CLOSESPIDER_ITEMCOUNT")
        return bool(limit) and (self._crawler.stats.get_value("item_scraped_count") or 0) >= limit

    def close(self) -> None:
        """Stop the workers (idempotent; after a start in progress); a later page starts new ones."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.stop()
            pool.join(timeout=10)


def pool_for(crawler: Crawler) -> ExtractionPool:
    """The crawl's extraction pool (the :class:`ExtractionPool` extension); NotConfigured naming
    the fix when that extension is not enabled. Extensions are built after the spider: a spider
    calls this once the crawl runs (``spider_opened``), not in its ``from_crawler``."""
    pool = crawler.get_extension(ExtractionPool)
    if pool is None:
        raise NotConfigured(
            "newsspider's spiders need the newsspider.pool.ExtractionPool extension: "
            'enable newsspider with ADDONS = {"newsspider.Addon": 0} in the project\'s settings'
        )
    return pool


def _deferred_from_future(future: Future[Any]) -> defer.Deferred[Any]:
    """A Deferred fired on the reactor thread when a (thread-completed) future is done."""
    from twisted.internet import reactor

    d: defer.Deferred[Any] = defer.Deferred()

    def fire(future: Future[Any]) -> None:
        if future.exception() is not None:
            d.errback(future.exception())
        else:
            d.callback(future.result())

    future.add_done_callback(lambda f: reactor.callFromThread(fire, f))  # type: ignore[attr-defined]
    return d
