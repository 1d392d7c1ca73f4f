"""``scrapy fetch URL``: Scrapy's command; the URL trusted by the network guard as a start URL,
no default feed (:class:`~newsspider.commands.GivenUrl`)."""

from __future__ import annotations

from scrapy.commands.fetch import Command as ScrapyFetchCommand

from newsspider.commands import GivenUrl


class Command(GivenUrl, ScrapyFetchCommand):
    pass
