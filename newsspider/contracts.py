"""Spider contracts of ``scrapy check`` for newsspider's spiders (``SPIDER_CONTRACTS``).

They replace two of Scrapy's contracts, under the same names:

- ``@url``: a path (``@url /world/2024/01/04/story.html``) is joined to the spider's first start
  URL, so that a spider is checked on the site it crawls: the ``demo`` spider on the site it
  serves itself, a spider given ``-a url=`` on that site. An absolute URL is used as it is.
- ``@scrapes field …``: every record returned has a value (not None, ``""`` or empty) in each
  field. Scrapy's contract only checks that the field exists, which in a dataclass record such
  as :class:`~newsspider.items.Article` it always does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

from itemadapter import ItemAdapter, is_item
from scrapy.contracts import default
from scrapy.exceptions import ContractFail

EMPTY: tuple[Any, ...] = (None, "", [], {}, ())


class UrlContract(default.UrlContract):
    """``@url URL-or-path``: the sample request's URL (see module docstring)."""

    def __init__(self, method: Callable[..., Any], *args: Any) -> None:
        super().__init__(method, *args)
        self.spider = getattr(method, "__self__", None)

    def adjust_request_args(self, args: dict[str, Any]) -> dict[str, Any]:
        args = super().adjust_request_args(args)
        if not urlsplit(args["url"]).scheme:
            starts = getattr(self.spider, "start_urls", None)
            if not starts:
                name = getattr(self.spider, "name", "SPIDER")
                raise ValueError(f"@url {args['url']} is a path and spider {name!r} has no start URL: give -a url=…")
            args["url"] = urljoin(starts[0], args["url"])
        return args


class ScrapesContract(default.ScrapesContract):
    """``@scrapes field …``: each record has a value in each field (see module docstring)."""

    def post_process(self, output: list[Any]) -> None:
        for item in output:
            if is_item(item):
                adapter = ItemAdapter(item)
                missing = [name for name in self.args if adapter.get(name) in EMPTY]
                if missing:
                    raise ContractFail(f"Missing fields: {', '.join(missing)}")
