"""``scrapy parse URL``: Scrapy's command, made to fit newsspider's spiders.

- The URL given is the spider's start URL (``-a url=URL`` unless ``-a url`` is given): the
  generic ``news`` spider needs no other argument, the ``demo`` spider parses the served copy,
  and the network guard trusts the host, as for ``scrapy crawl news -a url=URL``. A bad ``-a``
  is a one-line error (exit status 2), as in ``scrapy crawl``.
- Callbacks stay coroutines. Scrapy's command wraps the spider's callback in a function that
  returns a Deferred, which Scrapy itself deprecates: every ``scrapy parse`` warned
  "… returned a Deferred. Returning Deferreds from spider callbacks is deprecated".
- No default feed: like ``scrapy check``, it exports only to the ``-o``/``-O`` given (the default
  feed, ``NEWSSPIDER_DEFAULT_FEED``, would leave an empty file in ``exports/`` at every parse).
  ``-O`` exports the records as ``-o`` does (Scrapy's command sends them to the feeds only for
  ``-o``, so ``-O`` left an empty file).
"""

from __future__ import annotations

import argparse
import functools
from typing import Any

from scrapy import Request, Spider
from scrapy.commands.parse import Command as ScrapyParseCommand
from scrapy.exceptions import UsageError
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.defer import Deferred

from newsspider.commands import debugging_settings
from newsspider.spiders.base import NewsSiteSpider, SpiderArgumentError


def _as_coroutine(callback: Any) -> Any:
    """The command's Deferred-returning callback as an ``async def`` (same name, for the log)."""

    @functools.wraps(callback)
    async def parse_callback(response: Response, **kwargs: Any) -> Any:
        result = callback(response, **kwargs)
        return await maybe_deferred_to_future(result) if isinstance(result, Deferred) else result

    return parse_callback


class Command(ScrapyParseCommand):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        debugging_settings(self.settings)
        opts.output = opts.output or opts.overwrite_output  # the feeds are set already; this sends them the records

    def set_spidercls(self, url: str, opts: argparse.Namespace) -> None:
        super().set_spidercls(url, opts)
        if self.spidercls is not None and issubclass(self.spidercls, NewsSiteSpider):
            opts.spargs.setdefault("url", url)
            try:  # a bad -a is a one-line error, as in scrapy crawl
                self.spidercls.check_arguments(**opts.spargs)
            except SpiderArgumentError as err:
                raise UsageError(str(err), print_help=False) from err

    def prepare_request(self, spider: Spider, request: Request, opts: argparse.Namespace) -> Request:
        request = super().prepare_request(spider, request, opts)
        request.callback = _as_coroutine(request.callback)
        return request

    def scraped_data(self, args: tuple[Any, ...]) -> list[Any]:
        """The next depth's requests (``--depth``) get the coroutine callback too."""
        data = super().scraped_data(args)  # type: ignore[arg-type]
        command_callback = args[-1]
        for request in data:
            if isinstance(request, Request) and request.callback is command_callback:
                request.callback = _as_coroutine(command_callback)
        return data
