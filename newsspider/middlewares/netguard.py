"""Refuse requests to internal networks: the crawler must not become a proxy into them.

A page (or a redirect) can point the crawler at ``http://169.254.169.254/`` (cloud metadata),
``http://localhost:6379/``, a router at ``192.168.0.1`` or a name that resolves to any of
those. :class:`InternalAddressGuard` refuses every request whose host is, or resolves to, an
address that is not globally routable (private, loopback, link-local, CGNAT, multicast,
reserved, unspecified, IPv4-mapped forms of those), and every request whose scheme is not
http(s) (``file:``, ``data:``, ``ftp:``, ``s3:``).

Trusted: the hosts of the spider's start URLs (what the user explicitly asked to crawl, e.g.
``-a url=http://127.0.0.1:8000/`` or a site spider's ``start_urls``), and the networks listed
in ``NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS``.

Settings: ``NEWSSPIDER_NETGUARD_ENABLED`` (default ``True``),
``NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS`` (default ``[]``; CIDRs such as ``10.1.0.0/16``).
Stats: ``newsspider/refused/internal_address``, ``newsspider/refused/scheme``.

Names are resolved with the crawler's own (caching) resolver, the one the download then uses,
so the address checked is the address connected to while the DNS cache holds it.
"""

from __future__ import annotations

import ipaddress
import logging
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached

from newsspider import config
from newsspider.stats import count_once

logger = logging.getLogger(__name__)

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

ENABLED_SETTING = "NEWSSPIDER_NETGUARD_ENABLED"
ALLOWED_SETTING = "NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS"

#: Schemes the crawler may fetch; anything else on a crawled link or redirect is refused.
ALLOWED_SCHEMES = frozenset({"http", "https"})


class Refused(IgnoreRequest):
    """A request refused by a security rule; ``reason`` is the stats key suffix."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def parse_networks(values: list[str], setting: str) -> list[IPNetwork]:
    """CIDR strings -> networks; a bad one fails fast naming the setting."""
    networks = []
    for value in values:
        try:
            networks.append(ipaddress.ip_network(str(value).strip(), strict=False))
        except ValueError as err:
            raise ValueError(f"{setting}: {value!r} is not a network: give CIDRs, e.g. -s {setting}=10.0.0.0/8") from err
    return networks


def allowed_networks(values: list[str]) -> list[IPNetwork]:
    """``NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS`` (parsed) as networks; ValueError naming the fix."""
    return parse_networks(values, ALLOWED_SETTING)


def guard_settings(settings: BaseSettings) -> list[IPNetwork] | None:
    """The networks the guard allows, None when the guard is off; ``ValueError`` naming the
    fix on a bad value (the ``crawl`` command checks this before starting: one-line error)."""
    if not config.get(settings, ENABLED_SETTING):
        return None
    return allowed_networks(config.get(settings, ALLOWED_SETTING))


def is_internal(address: IPAddress) -> bool:
    """True for every address that is not globally routable."""
    return not address.is_global or address.is_multicast


def ip_literal(host: str) -> IPAddress | None:
    """The address when ``host`` is an IP literal (``127.0.0.1``, ``[::1]``), else None;
    IPv4-mapped IPv6 (``::ffff:127.0.0.1``) is returned as the IPv4 address it is."""
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


class InternalAddressGuard:
    """Downloader middleware: refuse non-http(s) schemes and internal addresses (see module doc)."""

    def __init__(self, crawler: Crawler, allowed: list[IPNetwork]) -> None:
        self.crawler = crawler
        self.allowed = allowed
        self.trusted_hosts: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> InternalAddressGuard:
        allowed = guard_settings(crawler.settings)
        if allowed is None:
            raise NotConfigured
        guard = cls(crawler, allowed)
        crawler.signals.connect(guard.spider_opened, signal=signals.spider_opened)
        return guard

    def spider_opened(self, spider: Spider) -> None:
        """Trust the hosts the user asked to crawl: the spider's start URLs."""
        for url in getattr(spider, "start_urls", ()) or ():
            host = urlsplit(url).hostname
            if host:
                self.trusted_hosts.add(host.lower())

    async def process_request(self, request: Request) -> None:
        try:
            await self.check(request)
        except Refused as refused:
            count_once(
                self.crawler.stats,
                f"newsspider/refused/{refused.reason}",
                logger,
                "refused %s: %s",
                request.url,
                refused,
                level=logging.WARNING,
            )
            raise

    async def check(self, request: Request) -> None:
        """Raise :class:`Refused` when ``request`` must not be fetched."""
        parts = urlparse_cached(request)
        if parts.scheme not in ALLOWED_SCHEMES:
            raise Refused("scheme", f"scheme {parts.scheme!r} is not fetched (only http/https)")
        host = (parts.hostname or "").lower()
        if not host or host in self.trusted_hosts:
            return
        address = ip_literal(host) or await self.resolve(host)
        if address is not None and is_internal(address) and not any(address in net for net in self.allowed):
            raise Refused(
                "internal_address",
                f"{host} is (or resolves to) the internal address {address}; "
                "allow it with NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS or a start URL on that host",
            )

    async def resolve(self, host: str) -> IPAddress | None:
        """The address the downloader will connect to; None when it does not resolve
        (the download then fails on its own, with the usual DNS error)."""
        from twisted.internet import reactor

        try:
            resolved: Any = await maybe_deferred_to_future(reactor.resolve(host))  # type: ignore[attr-defined]
        except Exception:  # noqa: BLE001 (any DNS failure: let the download report it)
            return None
        return ip_literal(str(resolved))
