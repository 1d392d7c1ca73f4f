"""Resuming a ``JOBDIR`` crawl that was killed: throw away what Scrapy cannot trust, crawl again.

Scrapy's pause/resume keeps two things in ``JOBDIR``: ``requests.seen`` (the duplicate filter,
appended as requests are *scheduled*) and ``requests.queue/`` (the pending requests, whose
sizes and ``active.json`` index are written only on a clean stop). After ``kill -9``, a power
loss or a forced (second) Ctrl-C, the seen-set names requests that never ran while the queue
that held them is lost or inconsistent (queuelib's size headers are stale), so a plain resume
silently skips those pages: their articles are never exported.

:class:`JobdirGuard` marks the ``JOBDIR`` as in use while a crawl runs (``newsspider.running``)
and removes the mark once the crawl stopped cleanly (the scheduler has saved its queue). A crawl
that finds the mark knows its predecessor was killed: it deletes ``requests.seen`` and
``requests.queue/`` before the scheduler opens them and starts again from the start pages,
feeds and sitemaps. Exactly-once then comes from the incremental state: every article whose
record reached the feed is in it (or is read back from the killed crawl's feed file), so it is
skipped before it is fetched (``newsspider/skipped/already_exported``). With the state off
(``NEWSSPIDER_STATE_ENABLED=False``) nothing remembers what was exported, and a warning says so.

A second crawl started on a ``JOBDIR`` that a live crawl holds is refused
(:class:`JobdirInUse`; the ``crawl`` command says so in one line).

Enabled whenever ``JOBDIR`` is set. Stat: ``newsspider/jobdir/unclean_resume``.
"""

from __future__ import annotations

import logging
import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.utils.job import job_dir

from newsspider.state import state_enabled

logger = logging.getLogger(__name__)

#: Present in ``JOBDIR`` while a crawl uses it; left behind by a crawl that did not stop cleanly.
RUNNING_MARK = "newsspider.running"
#: What Scrapy keeps in ``JOBDIR`` that a killed crawl leaves unreliable.
UNRELIABLE = ("requests.seen", "requests.queue")


def discard_unreliable(jobdir: Path) -> list[str]:
    """Delete the duplicate filter's and the scheduler's files of a killed crawl; return their names."""
    removed = []
    for name in UNRELIABLE:
        path = jobdir / name
        if path.is_dir():
            shutil.rmtree(path)
        elif path.exists():
            path.unlink()
        else:
            continue
        removed.append(name)
    return removed


def crawl_using(jobdir: str | Path) -> int | None:
    """The pid of another live crawl that holds ``jobdir`` (its mark names a running scrapy), else None."""
    try:
        pid = int((Path(jobdir) / RUNNING_MARK).read_text().split()[1])
    except (OSError, IndexError, ValueError):
        return None
    if pid == os.getpid():
        return None
    try:
        os.kill(pid, 0)
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except ProcessLookupError:
        return None
    except OSError:  # alive, but no /proc (not Linux) or not ours to see: assume it is the crawl
        return pid
    return pid if b"scrapy" in cmdline or b"newsspider" in cmdline else None  # else a reused pid


class JobdirInUse(RuntimeError):
    """Two crawls must not share a ``JOBDIR``: the second would take the first's queue for a killed one's."""


class JobdirGuard:
    """Extension: make a ``JOBDIR`` resume after a kill lose nothing (see the module docstring)."""

    def __init__(self, crawler: Crawler, jobdir: Path) -> None:
        self.crawler = crawler
        self.mark = jobdir / RUNNING_MARK
        # Runs from from_crawler, i.e. before the engine builds the scheduler and its dupefilter.
        pid = crawl_using(jobdir)
        if pid is not None:
            raise JobdirInUse(f"JOBDIR {jobdir} is in use by a running crawl (pid {pid}): wait for it to end or give another JOBDIR")
        if self.mark.exists():
            self._recover(jobdir)
        self.mark.write_text(f"pid {os.getpid()} started {datetime.now(UTC).isoformat(timespec='seconds')}\n")
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> JobdirGuard:
        jobdir = job_dir(crawler.settings)  # creates the folder
        if not jobdir:
            raise NotConfigured  # off by default: no message, so Scrapy does not warn (JOBDIR is not set)
        return cls(crawler, Path(jobdir))

    def _recover(self, jobdir: Path) -> None:
        removed = discard_unreliable(jobdir)
        self.crawler.stats.set_value("newsspider/jobdir/unclean_resume", 1)  # type: ignore[union-attr]
        how = (
            "the incremental state skips the articles already exported"
            if state_enabled(self.crawler)
            else "the incremental state is off (NEWSSPIDER_STATE_ENABLED), so articles exported before "
            "the stop will be exported again: turn it on to resume killed crawls exactly once"
        )
        logger.warning(
            "JOBDIR %s was left by a crawl that did not stop cleanly (killed or forced): its request queue "
            "cannot be trusted, discarded %s; crawling again from the start pages, feeds and sitemaps (%s)",
            jobdir, ", ".join(removed) or "nothing", how,
        )  # fmt: skip

    def spider_closed(self) -> None:
        """The scheduler closed before this signal: its queue is saved, the ``JOBDIR`` is consistent."""
        self.mark.unlink(missing_ok=True)
