"""How a crawl ended: the one-screen summary and the exit status of ``scrapy crawl``.

Printed after ``newsspider demo`` and, on stderr, after every ``scrapy crawl`` (the project's
``crawl`` command, ``newsspider/commands/crawl.py``), which also exits with :func:`exit_status`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any


def reasons(stats: Mapping[str, Any], prefix: str) -> dict[str, int]:
    """``{reason: count}`` of the stats under ``prefix`` (e.g. ``newsspider/dropped/``)."""
    return {k[len(prefix):]: int(v) for k, v in sorted(stats.items()) if k.startswith(prefix)}


#: Exit statuses of ``scrapy crawl`` (docs/exports.md, "Exit status"); 1 and 2 are Scrapy's own.
EXIT_OK = 0
EXIT_FAILED = 1  # the crawl could not start (Scrapy, newsspider not enabled), or a distributed worker lost Redis
EXIT_USAGE = 2  # a bad argument or an unwritable feed path, before the crawl starts
EXIT_FEED_ERROR = 3  # a feed could not be written or stored: records are missing from it
EXIT_EMPTY = 4  # nothing exported, and not because everything was known already
EXIT_FORCED = 130  # stopped by a second Ctrl-C: the feed and JOBDIR are not closed cleanly

#: The close reason (``finish_reason`` stat) of a distributed worker that lost Redis mid-crawl
#: (``newsspider/distributed.py``): its feeds are whole, but its share of the crawl is unfinished.
REDIS_UNAVAILABLE = "redis_unavailable"
#: The close reason of a crawl of a newsspider spider in a project that did not enable newsspider
#: (``ADDONS``): closed as it opened, nothing fetched (``newsspider/spiders/base.py``).
NOT_ENABLED = "newsspider_not_enabled"

#: Stats that explain an export-less crawl as "nothing new" rather than "empty".
NOTHING_NEW = (
    "newsspider/skipped/already_exported",
    "newsspider/dropped/already_exported",
    "newsspider/skipped/out_of_window",
    "newsspider/dropped/out_of_window",
)
FEED_ERRORS = ("newsspider/feed/write_errors", "feedexport/failed_count/")


def feed_failed(stats: Mapping[str, Any]) -> bool:
    return any(key.startswith(FEED_ERRORS) and value for key, value in stats.items())


def exit_status(stats: Mapping[str, Any], *, shared: bool = False) -> int:
    """The exit status of a crawl that ran, from its stats; ``shared``: other workers of a
    distributed crawl may have exported what this one did not, so exporting nothing is fine."""
    if "finish_reason" not in stats:
        return EXIT_FORCED
    if stats["finish_reason"] in (REDIS_UNAVAILABLE, NOT_ENABLED):
        return EXIT_FAILED
    if feed_failed(stats):
        return EXIT_FEED_ERROR
    if is_empty(stats) and not shared:
        return EXIT_EMPTY
    return EXIT_OK


def is_empty(stats: Mapping[str, Any]) -> bool:
    """Nothing exported, not because of a pause and not because all was exported already."""
    return (
        not int(stats.get("item_scraped_count", 0))
        and stats.get("finish_reason") != "shutdown"
        and not any(stats.get(key) for key in NOTHING_NEW)
    )


def pages_fetched(stats: Mapping[str, Any]) -> int:
    """Responses downloaded: Scrapy's count less the robots.txt responses handed to the spider
    from the robots middleware's download (``newsspider/robots/reused``), which cost no fetch."""
    return int(stats.get("response_received_count", 0)) - int(stats.get("newsspider/robots/reused", 0))


def crawl_summary(
    stats: Mapping[str, Any], elapsed: float, outputs: Iterable[Path] = (), log: Path | None = None
) -> str:
    """A short plain-text report of a finished crawl (``log``: the file the full log went to)."""
    # Records Scrapy counted as scraped but the feed failed to write are not exported.
    articles = max(0, int(stats.get("item_scraped_count", 0)) - int(stats.get("newsspider/feed/write_errors", 0)))
    lines = [
        "newsspider crawl summary",
        f"  pages fetched      {pages_fetched(stats)}",
        f"  articles exported  {articles}",
    ]
    for title, prefix in (
        ("dropped", "newsspider/dropped/"),
        ("skipped", "newsspider/skipped/"),
        ("refused", "newsspider/refused/"),
        ("discovery missing", "newsspider/discovery/missing/"),  # robots.txt, feeds, sitemaps not there: no page lost
    ):
        counted = reasons(stats, prefix)
        total = sum(counted.values())
        detail = ", ".join(f"{reason} {n}" for reason, n in counted.items())
        lines.append(f"  {title:<18} {total}" + (f"  ({detail})" if detail else ""))
    lines.append(f"  finish reason      {stats.get('finish_reason', 'unknown')}")
    lines.append(f"  elapsed            {elapsed:.1f}s")
    for path in outputs:
        size = path.stat().st_size if path.exists() else 0
        lines.append(f"  wrote              {path} ({size:,} bytes)")
    if log is not None:
        lines.append(f"  full log           {log}")
    if "finish_reason" not in stats:
        lines.append("  STOPPED: forced exit (second Ctrl-C): the last records may be missing from the feed.")
    elif stats["finish_reason"] == REDIS_UNAVAILABLE:
        lines.append("  FAILED: Redis was lost mid-crawl: restart redis-server, then the workers, to resume the crawl.")
    elif stats["finish_reason"] == NOT_ENABLED:
        lines.append('  FAILED: newsspider is not enabled: add ADDONS = {"newsspider.Addon": 0} to the project\'s settings.')
    elif feed_failed(stats):
        lines.append("  ERROR: a feed could not be written or stored: records are missing from it (see the log).")
    elif is_empty(stats):
        lines.append("  EMPTY: no article was exported: check the start URL, the spider's article_urls, and the log.")
    elif articles == 0 and stats.get("finish_reason") != "shutdown":
        lines.append("  NOTHING NEW: every article found was exported by an earlier crawl or is outside the date window.")
    return "\n".join(lines)
