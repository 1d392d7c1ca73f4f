"""``scrapy crawl`` that rejects a bad ``-a name=value`` with a one-line error before starting."""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from newsspider.spiders.base import SpiderArgumentError


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1 and self.crawler_process is not None:
            try:
                spidercls = self.crawler_process.spider_loader.load(args[0])
            except KeyError:  # unknown spider: Scrapy's own message follows
                spidercls = None
            check = getattr(spidercls, "check_arguments", None)
            if check is not None:
                try:
                    check(**opts.spargs)
                except SpiderArgumentError as err:
                    raise UsageError(str(err), print_help=False) from err
        super().run(args, opts)
