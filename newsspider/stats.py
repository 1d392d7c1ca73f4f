"""The stats keys newsspider writes, declared once, and counting outcomes in them.

:data:`STATS` names every key (or key pattern, ``<placeholder>`` for the variable part) that
newsspider's components write to Scrapy's stats, with a one-line doc; the docs' stats page is
rendered from it (:func:`markdown_table`) and ``tests/unit/test_stats_declaration.py`` checks it
against the keys the code writes, both ways. A component that writes a new key declares it here.

:func:`count_once` counts an outcome and logs it the first time only.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any

from scrapy.statscollectors import StatsCollector


@dataclass(frozen=True)
class Stat:
    """One declared stats key. ``key`` may hold ``<placeholder>`` parts, e.g. ``http_<status>``."""

    key: str
    doc: str
    #: Heading of the docs' table this key is listed under.
    group: str

    @property
    def pattern(self) -> re.Pattern[str]:
        """Matches the concrete keys this declaration covers."""
        parts = re.split(r"<[^>]+>", self.key)
        return re.compile("[^/]+".join(re.escape(p) for p in parts) + r"\Z")


_DOWNLOAD_REASONS = (
    ("http_<status>", "a final HTTP error status (404, 410, 500 after the retries, …); not retried for 4xx"),
    ("timeout", "the download timed out, after the retries"),
    ("truncated", "the body was cut short, after the retries"),
    ("too_large", "the body (declared or streamed) is over `DOWNLOAD_MAXSIZE`"),
    ("dns", "the host name could not be resolved"),
    ("connection", "the connection was refused, reset or lost, after the retries"),
    ("download_error", "any other download failure"),
)


#: What each group of the docs' table holds, when its title does not say it all.
GROUP_DOCS = {
    "Dropped": "Pages or records lost on the way (`newsspider/dropped/<reason>`).",
    "Skipped": "Pages that are not articles, or that need no fetch (`newsspider/skipped/<reason>`).",
    "Refused": "Requests and documents refused for safety (`newsspider/refused/<reason>`).",
}


def _declare() -> tuple[Stat, ...]:
    g_pages = "Pages and records"
    g_dropped = "Dropped"
    g_skipped = "Skipped"
    g_refused = "Refused"
    g_discovery = "Discovery"
    g_robots = "robots.txt and politeness"
    g_state = "Incremental state, date window and resume"
    g_sitelearn = "Site learning"
    g_sites = "Per site (multi-site crawls)"
    g_syndication = "Syndicated copies"
    g_other = "Downloads, normalisation, feeds and distributed mode"
    stats = [
        Stat("newsspider/pages/article", "article pages extracted into a record (before the pipelines)", g_pages),
        # dropped: extraction
        Stat("newsspider/dropped/no_body", "an article page whose extraction found no body text", g_dropped),
        Stat("newsspider/dropped/empty", "an article page whose response body is empty (or only whitespace)", g_dropped),
        Stat("newsspider/dropped/not_html", "an article page that is not HTML (binary, PDF or image served as HTML)", g_dropped),
        Stat("newsspider/dropped/extraction_timeout",
             "its extraction ran past `NEWSSPIDER_EXTRACTION_TIMEOUT`; the pool worker was replaced", g_dropped),
        Stat("newsspider/dropped/extraction_crashed", "its extraction worker died (segfault, out of memory)", g_dropped),
        Stat("newsspider/dropped/after_item_limit",
             "waiting for extraction when `CLOSESPIDER_ITEMCOUNT` (`-a max_articles`) was reached", g_dropped),
        # dropped: pipelines
        Stat("newsspider/dropped/missing_<field>", "a required field (`url`, `site`, `title`, `body`) is empty", g_dropped),
        Stat("newsspider/dropped/bad_url", "`url` is not an absolute http(s) or file URL", g_dropped),
        Stat("newsspider/dropped/bad_date", "`published` is set but not ISO 8601", g_dropped),
        Stat("newsspider/dropped/too_short", "fewer body words than `NEWSSPIDER_MIN_BODY_WORDS`", g_dropped),
        Stat("newsspider/dropped/out_of_window", "`published` outside the `since`/`until` window", g_dropped),
        Stat("newsspider/dropped/duplicate_url", "a second record of the same (canonical) URL in this crawl", g_dropped),
        Stat("newsspider/dropped/duplicate_body", "a second record with the same body fingerprint in this crawl", g_dropped),
        Stat("newsspider/dropped/quality_<flag>",
             "a quality flag listed in `NEWSSPIDER_QUALITY_DROP` (`paywall`, `teaser`, `boilerplate`)", g_dropped),
        Stat("newsspider/dropped/syndicated_copy",
             "`NEWSSPIDER_SYNDICATION=drop`: a copy of a story whose earliest published copy is another record", g_dropped),
        Stat("newsspider/dropped/already_exported", "the site exported the same body in an earlier crawl", g_dropped),
        # dropped: downloads
        *(Stat(f"newsspider/dropped/{reason}", f"a page (article or listing) lost: {doc}", g_dropped)
          for reason, doc in _DOWNLOAD_REASONS),
        Stat("newsspider/dropped/decompression_bomb",
             "a Content-Encoding body over `DOWNLOAD_MAXSIZE` once decompressed", g_dropped),
        Stat("newsspider/dropped/bad_compression",
             "a body its Content-Encoding (gzip, br, zstd, deflate) does not describe, and no plain text either: corrupt", g_dropped),
        Stat("newsspider/dropped/retry_after_too_long",
             "the server's `Retry-After` is over `NEWSSPIDER_RETRY_MAX_DELAY`: the page is given up", g_dropped),
        # skipped
        Stat("newsspider/skipped/not_article_url", "a site spider's `article_urls` does not match the page", g_skipped),
        Stat("newsspider/skipped/not_article", "the page's content says it is not an article (index, tag, about page)",
             g_skipped),
        Stat("newsspider/skipped/not_html", "the response is not text (image, PDF, binary)", g_skipped),
        Stat("newsspider/skipped/not_feed", "a feed URL whose body is no RSS/Atom feed", g_skipped),
        Stat("newsspider/skipped/not_sitemap", "a sitemap URL whose body yields no URL", g_skipped),
        Stat("newsspider/skipped/out_of_window",
             "not fetched: its feed or sitemap entry dates it outside the date window", g_skipped),
        Stat("newsspider/skipped/already_exported",
             "not fetched: an earlier crawl exported it and no newer `lastmod` says it changed", g_skipped),
        # refused
        Stat("newsspider/refused/internal_address",
             "a link or redirect to a private, loopback, link-local… address (netguard)", g_refused),
        Stat("newsspider/refused/scheme", "a link that is not http(s) (`file:`, `data:`, `ftp:`, …)", g_refused),
        Stat("newsspider/refused/redirect_scheme", "a redirect to `file:`, `data:`, `javascript:`…", g_refused),
        Stat("newsspider/refused/redirect_loop", "a redirect to a URL already in its chain", g_refused),
        Stat("newsspider/refused/redirect_unreadable",
             "a redirect whose `Location` urllib cannot read (`https://h:99999/`, `https://[x]/`)", g_refused),
        Stat("newsspider/refused/too_many_redirects", "a redirect chain reached `REDIRECT_MAX_TIMES`", g_refused),
        Stat("newsspider/refused/xml_entities", "a sitemap or feed declaring XML entities (XXE, billion laughs)",
             g_refused),
        Stat("newsspider/refused/decompression_bomb",
             "a gzipped sitemap over `DOWNLOAD_MAXSIZE` once decompressed", g_refused),
        Stat("newsspider/refused/unreadable_gzip", "a sitemap with gzip's magic number over bytes that are no gzip",
             g_refused),
        Stat("newsspider/refused/sitemap_too_deep", "a sitemap index nested more than 3 deep", g_refused),
        # discovery
        Stat("newsspider/discovery/feed", "article requests listed in RSS/Atom feeds", g_discovery),
        Stat("newsspider/discovery/sitemap", "article requests listed in sitemaps", g_discovery),
        Stat("newsspider/discovery/news-sitemap", "article requests listed in Google News sitemaps", g_discovery),
        Stat("newsspider/discovery/sitemap_fallback",
             "`/sitemap.xml` tried because robots.txt named no sitemap or was missing", g_discovery),
        Stat("newsspider/discovery/missing/<reason>",
             "robots.txt, a feed or a sitemap that was not there (same reasons as downloads): no page lost",
             g_discovery),
        # robots.txt, politeness
        Stat("newsspider/robots/reused",
             "the spider's robots.txt request answered with the robots.txt middleware's download", g_robots),
        Stat("newsspider/robots/missing", "robots.txt answered 4xx: everything allowed", g_robots),
        Stat("newsspider/robots/unreachable",
             "robots.txt 5xx after the retries or failed: the host is disallowed for the crawl", g_robots),
        Stat("newsspider/robots/truncated", "robots.txt over 500 KiB: only the first 500 KiB read", g_robots),
        Stat("newsspider/robots/ai_statements",
             "hosts whose robots.txt names AI crawlers or has content-usage lines (kept for the dataset card)",
             g_robots),
        Stat("robotstxt/exception_count/<exception>",
             "Scrapy's own key, kept: robots.txt downloads that failed, by exception type", g_robots),
        Stat("newsspider/politeness/crawl_delay", "the longest robots.txt `Crawl-delay` applied, in seconds", g_robots),
        Stat("newsspider/politeness/crawl_delay_capped",
             "`Crawl-delay`s over `NEWSSPIDER_CRAWL_DELAY_MAX`, capped", g_robots),
        # state, window, resume
        Stat("newsspider/state/changed",
             "exported before, fetched again because its `lastmod` is newer than the exported version", g_state),
        Stat("newsspider/state/new_version", "a URL exported again with a changed body", g_state),
        Stat("newsspider/state/recorded", "records committed to the incremental state", g_state),
        Stat("newsspider/state/recovered", "records read back from a feed a killed crawl left open", g_state),
        Stat("newsspider/state/killed_feed_appended", "`-O` feeds that appended to a killed crawl's file instead of overwriting it", g_state),
        Stat("newsspider/state/no_feed", "the crawl has no feed, so the state records nothing (set once)", g_state),
        Stat("newsspider/window/undated", "records kept by the date window because they carry no date", g_state),
        Stat("newsspider/jobdir/unclean_resume",
             "1 when the JOBDIR was left by a crawl that did not stop cleanly (crawled again from the start)",
             g_state),
        # site learning
        Stat("newsspider/sitelearn/blocks_learned", "boilerplate lines learned in this run", g_sitelearn),
        Stat("newsspider/sitelearn/blocks_loaded", "boilerplate lines loaded from JOBDIR or the incremental state",
             g_sitelearn),
        Stat("newsspider/sitelearn/sites_loaded", "sites whose earlier crawl's memory was read from the incremental state",
             g_sitelearn),
        Stat("newsspider/sitelearn/sites_kept", "sites whose memory was written to the incremental state at close",
             g_sitelearn),
        Stat("newsspider/sitelearn/blocks_removed", "learned lines removed from record bodies", g_sitelearn),
        Stat("newsspider/sitelearn/records_cleaned", "records that lost at least one learned line", g_sitelearn),
        Stat("newsspider/sitelearn/records_held", "records held at a site's start until it was learned", g_sitelearn),
        Stat("newsspider/sitelearn/title_affixes_learned", "title prefixes/suffixes (site names) learned in this run", g_sitelearn),
        Stat("newsspider/sitelearn/titles_cleaned", "record titles that lost a learned prefix or suffix", g_sitelearn),
        Stat("newsspider/sitelearn/site_tags_learned", "keywords learned as site-wide (on nearly every story of a site) in this run",
             g_sitelearn),
        Stat("newsspider/sitelearn/tags_cleaned", "records whose tags lost a learned site-wide keyword", g_sitelearn),
        # per site (the sites spider)
        Stat("newsspider/site/<site>/pages", "pages of the site parsed (a multi-site crawl: `scrapy crawl sites`)", g_sites),
        Stat("newsspider/site/<site>/articles", "records of the site exported", g_sites),
        Stat("newsspider/site/<site>/dropped",
             "the site's article pages lost in extraction and records dropped by the pipelines", g_sites),
        # syndicated copies
        Stat("newsspider/syndication/clustered", "records that joined a cluster of earlier copies of their story",
             g_syndication),
        Stat("newsspider/syndication/too_short", "records too short to cluster (their cluster fields stay empty)",
             g_syndication),
        Stat("newsspider/syndication/store_errors",
             "records left unclustered because the cluster store failed (Redis gone)", g_syndication),
        # others
        Stat("newsspider/canonicalised", "requests whose URL was cleaned (tracking parameters, fragment, …)", g_other),
        Stat("newsspider/repaired/charset", "pages decoded with another charset than the declared one", g_other),
        Stat("newsspider/repaired/base_href", "pages whose unreadable `<base href>` was removed (links resolve against the page URL)", g_other),
        Stat("newsspider/repaired/content_encoding", "pages whose body was plain text under a `Content-Encoding` it is not in: kept as sent", g_other),
        Stat("newsspider/repaired/meta_refresh", "pages whose `<meta http-equiv=\"refresh\">` URL could not be read: the tag was removed, the page kept", g_other),
        Stat("newsspider/retry/waited", "retries delayed by the backoff", g_other),
        Stat("newsspider/retry/retry_after", "retries delayed as the server's `Retry-After` asked", g_other),
        Stat("newsspider/normalize/bad_date", "date fields that could not be normalised (emptied)", g_other),
        Stat("newsspider/quality/<flag>", "records raising a quality flag, kept or not", g_other),
        Stat("newsspider/feed/write_errors", "records a feed failed to write (the crawl stops at the first)", g_other),
        Stat("newsspider/feed/parts", "parts of folder feeds (Parquet) closed: complete, readable, recorded in the state", g_other),
        Stat("newsspider/redis/unavailable", "1 when Redis went away mid-crawl (distributed mode)", g_other),
        Stat("scheduler/enqueued/redis", "requests pushed to the shared Redis queue (distributed mode)", g_other),
        Stat("scheduler/dequeued/redis", "requests taken from the shared Redis queue (distributed mode)", g_other),
    ]
    return tuple(stats)


def _by_key(stats: tuple[Stat, ...]) -> dict[str, Stat]:
    by_key: dict[str, Stat] = {}
    for stat in stats:
        if stat.key in by_key:
            raise ValueError(f"stats key declared twice: {stat.key}")
        by_key[stat.key] = stat
    return by_key


#: Every stats key newsspider writes, by key, in the docs' order.
STATS: dict[str, Stat] = _by_key(_declare())


def declared(key: str) -> Stat | None:
    """The declaration covering the concrete stats ``key``, or None."""
    return STATS.get(key) or next((s for s in STATS.values() if s.pattern.match(key)), None)


def markdown_table() -> str:
    """The stats page of the docs: one table per group of :data:`STATS`."""
    out: list[str] = []
    group = None
    for stat in STATS.values():
        if stat.group != group:
            group = stat.group
            out += ["", f"## {group}", ""]
            if group in GROUP_DOCS:
                out += [GROUP_DOCS[group], ""]
            out += ["| key | meaning |", "|---|---|"]
        out.append(f"| `{stat.key}` | {stat.doc} |")
    return "\n".join(out).strip() + "\n"


def count_once(
    stats: StatsCollector,
    key: str,
    logger: logging.Logger | logging.LoggerAdapter[Any],
    msg: str,
    *args: Any,
    level: int = logging.INFO,
) -> None:
    """Increment ``key`` in ``stats``; log ``msg`` only the first time, so a crawl that
    hits one condition thousands of times logs it once and counts the rest."""
    first = not stats.get_value(key)
    stats.inc_value(key)
    if first:
        logger.log(level, msg + " (logged once; counted as %s)", *args, key)
