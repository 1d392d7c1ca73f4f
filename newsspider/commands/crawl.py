"""``scrapy crawl`` that knows newsspider's feed formats in ``-o``/``-O`` (``x.parquet``), fails
before starting on a bad ``-a name=value``, an unwritable feed or
a ``JOBDIR`` held by a running crawl, prints the crawl summary (stderr) at the end and exits
with a status that says how the crawl ended (``newsspider.summary.exit_status``;
docs/exports.md "Exit status")."""

from __future__ import annotations

import argparse
import inspect
import sys

from scrapy import Spider
from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler
from scrapy.exceptions import UsageError

from newsspider import config
from newsspider.addons import DICT_ENTRIES, default_feed_format, set_dict_defaults
from newsspider.feedcheck import feed_problems
from newsspider.jobdir import crawl_using
from newsspider.spiders.base import SpiderArgumentError
from newsspider.summary import EXIT_OK, crawl_summary, exit_status


class Command(ScrapyCrawlCommand):
    crawler: Crawler | None = None

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        # -o/-O are parsed here, before add-ons run: newsspider's formats (parquet) must be known now.
        assert self.settings is not None
        set_dict_defaults(self.settings, "FEED_EXPORTERS", DICT_ENTRIES["FEED_EXPORTERS"])
        super().process_options(args, opts)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1 and self.crawler_process is not None:
            try:
                spidercls = self.crawler_process.spider_loader.load(args[0])
            except KeyError:  # unknown spider: Scrapy's own message follows
                spidercls = None
            check = getattr(spidercls, "check_arguments", None)
            if check is not None:
                # A spider whose arguments name things in the settings (the sites spider) gets them.
                given = {"settings": self.settings} if "settings" in inspect.signature(check).parameters else {}
                try:
                    check(**given, **opts.spargs)
                except SpiderArgumentError as err:
                    raise UsageError(str(err), print_help=False) from err
        self._check_settings()
        self._check_feeds()
        self._check_jobdir()
        super().run(args, opts)
        if self.crawler is not None and self.exitcode == EXIT_OK and self.crawler.stats is not None:
            stats = self.crawler.stats.get_stats()
            print(crawl_summary(stats, float(stats.get("elapsed_time_seconds", 0))), file=sys.stderr)
            self.exitcode = exit_status(stats, shared=bool(config.get(self.crawler.settings, "NEWSSPIDER_REDIS_URL")))

    def _create_crawler(self, spidercls: type[Spider] | str) -> Crawler:
        self.crawler = super()._create_crawler(spidercls)
        return self.crawler

    def _check_settings(self) -> None:
        """Fail fast, in one line, on a bad ``NEWSSPIDER_*`` setting (not a traceback from the component)."""
        assert self.settings is not None
        try:
            config.check(self.settings)
        except ValueError as err:
            raise UsageError(str(err), print_help=False) from err

    def _check_jobdir(self) -> None:
        assert self.settings is not None
        jobdir = self.settings.get("JOBDIR")
        pid = crawl_using(jobdir) if jobdir else None
        if pid is not None:
            raise UsageError(f"JOBDIR {jobdir} is in use by a running crawl (pid {pid}): wait for it to end or give another JOBDIR", print_help=False)

    def _check_feeds(self) -> None:
        """Fail fast when a local feed file cannot be written (the default feed when no other)."""
        assert self.settings is not None
        default = config.get(self.settings, "NEWSSPIDER_DEFAULT_FEED")
        feeds = self.settings.getdict("FEEDS") or ({default: {"format": default_feed_format(default)}} if default else {})
        problems = feed_problems(feeds, self.settings)
        if problems:
            raise UsageError("; ".join(problems), print_help=False)
