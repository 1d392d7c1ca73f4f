"""``scrapy view URL``: Scrapy's command; the URL trusted by the network guard as a start URL,
no default feed (:class:`~newsspider.commands.GivenUrl`)."""

from __future__ import annotations

from scrapy.commands.view import Command as ScrapyViewCommand

from newsspider.commands import GivenUrl


class Command(GivenUrl, ScrapyViewCommand):
    pass
