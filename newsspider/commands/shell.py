"""``scrapy shell URL``: Scrapy's shell, made to fit newsspider's spiders.

- The spider is the one of the URL's site, else the generic ``news`` spider
  (``newsspider/spiderloader.py``); ``--spider`` chooses another.
- The network guard trusts the URL given as it trusts a crawl's start URLs:
  ``scrapy shell http://127.0.0.1:8000/…`` fetches a local copy (:class:`~newsspider.commands.GivenUrl`).
- ``record``: the record newsspider extracts from ``response`` (None when the page is no
  article), updated by every ``fetch``; beside Scrapy's ``response``, ``spider``, ``fetch``, …
- No default feed.
"""

from __future__ import annotations

from typing import Any

from scrapy.commands.shell import Command as ScrapyShellCommand

from newsspider.commands import GivenUrl
from newsspider.spiders.base import NewsSiteSpider


class Command(GivenUrl, ScrapyShellCommand):
    def update_vars(self, vars: dict[str, Any]) -> None:
        spider, response = vars.get("spider"), vars.get("response")
        if isinstance(spider, NewsSiteSpider):
            vars["record"] = None if response is None else spider.extract_here(response)
