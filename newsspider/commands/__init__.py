"""Project commands (``COMMANDS_MODULE``): Scrapy's own, with spider arguments checked up front
(``crawl``), and the debugging commands made to fit newsspider's spiders (``parse``, ``shell``,
``fetch``, ``view``): the URL given is enough.
"""

from __future__ import annotations

import argparse
import socket
from urllib.parse import urlsplit

from scrapy.settings import SETTINGS_PRIORITIES, BaseSettings
from scrapy.utils.url import guess_scheme

from newsspider.middlewares.netguard import ALLOWED_SETTING, ip_literal, is_internal


def debugging_settings(settings: BaseSettings) -> None:
    """No feed but the ``-o``/``-O`` of the command line, and no incremental state: a debugging
    command must not leave an empty file in ``exports/`` (the default feed of
    ``newsspider.addons.DefaultFeed``), skip a page because an earlier crawl exported it, or
    record its page as exported (the shell also runs the crawl in another thread than the one
    that would open the SQLite state).

    As Scrapy's ``check`` command does: set above the spider's and the add-ons' priorities and
    below the command line's, which ``-o``/``-O`` and ``-s`` set.
    """
    priority = (SETTINGS_PRIORITIES["spider"] + SETTINGS_PRIORITIES["cmdline"]) // 2
    settings.set("FEEDS", {}, priority=priority)
    settings.set("NEWSSPIDER_STATE_ENABLED", False, priority=priority)


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
    """Let the network guard fetch ``url`` as it fetches a crawl's start URLs
    (``newsspider/middlewares/netguard.py``): the internal addresses its host resolves to now are
    added to ``NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS``; other internal addresses stay refused."""
    addresses = internal_addresses(urlsplit(url).hostname or "")
    if addresses:
        # At least "project": the add-on applies the declared default at "addon" priority later.
        priority = max(settings.getpriority(ALLOWED_SETTING) or 0, SETTINGS_PRIORITIES["project"])
        settings.set(ALLOWED_SETTING, [*settings.getlist(ALLOWED_SETTING), *sorted(addresses)], priority=priority)


class GivenUrl:
    """Mixin of a Scrapy command taking one URL (``shell``, ``fetch``, ``view``): the URL is
    trusted as a start URL (:func:`trust_url`), no default feed is written, and pages are
    extracted inline (``record`` in the shell: no worker process, nor their fork server)."""

    settings: BaseSettings | None

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)  # type: ignore[misc]
        assert self.settings is not None
        debugging_settings(self.settings)
        priority = (SETTINGS_PRIORITIES["spider"] + SETTINGS_PRIORITIES["cmdline"]) // 2
        self.settings.set("NEWSSPIDER_EXTRACTION_WORKERS", 0, priority=priority)
        if args:
            trust_url(self.settings, guess_scheme(args[0]))
