"""Spiders used only by the fault tests (loaded through ``SPIDER_MODULES``)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import scrapy

from newsspider.spiders.base import NewsSiteSpider


class OpenSpider(NewsSiteSpider):
    """Follows links to any host (no ``allowed_domains``), so only the address guard stands
    between a hostile page and an internal address."""

    name = "faults-open"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allowed_domains: list[str] = []


class CredentialsSpider(NewsSiteSpider):
    """Starts with credentials on its first request (``-a auth=…``) and follows redirects anywhere."""

    name = "faults-credentials"

    def __init__(self, *args: Any, auth: str = "Bearer s3cret", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allowed_domains = []
        self.auth = auth

    async def start(self) -> AsyncIterator[Any]:
        for url in self.start_urls:
            yield scrapy.Request(
                url,
                callback=self.parse,
                headers={"Authorization": self.auth},
                cookies={"session": "abc123"},
            )
