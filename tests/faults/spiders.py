"""Spiders used only by the fault tests (loaded through ``SPIDER_MODULES``)."""

from __future__ import annotations

from typing import Any

from newsspider.spiders.base import NewsSiteSpider


class OpenSpider(NewsSiteSpider):
    """Follows links to any host (no ``allowed_domains``), so only the address guard stands
    between a hostile page and an internal address."""

    name = "faults-open"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.allowed_domains: list[str] = []
