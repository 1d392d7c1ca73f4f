"""``scrapy shell URL``: Scrapy's shell, made to fit newsspider's spiders.

- The spider is the one of the URL's site, else the generic ``news`` spider
  (``newsspider/spiderloader.py``); ``--spider`` chooses another.
- The network guard trusts the URL given, as it trusts a crawl's start URLs
  (``newsspider/middlewares/netguard.py``): ``scrapy shell http://127.0.0.1:8000/…`` fetches a
  local copy. The addresses its host resolves to now are allowed for this session; links and
  redirects to other internal addresses stay refused.
- ``record``: the record newsspider extracts from ``response`` (None when the page is no
  article), updated by every ``fetch``; beside Scrapy's ``response``, ``spider``, ``fetch``, …
- No default feed (see :func:`newsspider.commands.without_default_feed`).
"""

from __future__ import annotations

import argparse
import socket
from typing import Any
from urllib.parse import urlsplit

from scrapy.commands.shell import Command as ScrapyShellCommand
from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from scrapy.utils.url import guess_scheme

from newsspider.commands import without_default_feed
from newsspider.middlewares.netguard import ALLOWED_SETTING, ip_literal, is_internal
from newsspider.spiders.base import NewsSiteSpider


def internal_addresses(host: str) -> set[str]:
    """The internal (not globally routable) addresses ``host`` is or resolves to now."""
    literal = ip_literal(host)
    if literal is not None:
        return {str(literal)} if is_internal(literal) else set()
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except OSError:  # unresolvable: the fetch reports it
        return set()
    addresses = {ip_literal(str(info[4][0])) for info in infos}
    return {str(a) for a in addresses if a is not None and is_internal(a)}


def trust_url(settings: BaseSettings, url: str) -> None:
    """Add the internal addresses of the URL's host to ``NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS``."""
    addresses = internal_addresses(urlsplit(url).hostname or "")
    if addresses:
        priority = max(settings.getpriority(ALLOWED_SETTING) or 0, SETTINGS_PRIORITIES["command"])
        settings.set(ALLOWED_SETTING, [*settings.getlist(ALLOWED_SETTING), *sorted(addresses)], priority=priority)


class Command(ScrapyShellCommand):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None
        without_default_feed(self.settings)
        if args:
            trust_url(self.settings, guess_scheme(args[0]))

    def update_vars(self, vars: dict[str, Any]) -> None:
        spider, response = vars.get("spider"), vars.get("response")
        if isinstance(spider, NewsSiteSpider) and response is not None:
            vars["record"] = spider.extract_here(response)
