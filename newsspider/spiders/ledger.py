"""The second bundled site, The Daily Ledger (``newsspider/ledger``), crawlable offline.

``scrapy crawl ledger`` serves it on 127.0.0.1 for the length of the crawl, like ``demo``. Its
``article_urls`` are those of the bundled site entry ``newsspider/sites/data/ledger.toml``, which
``newsspider new-site`` wrote from a 60-page sample of the site (``scrapy crawl sites -a
sites=ledger`` crawls the same rules on a served copy): id-slug paths and query-string articles.
"""

from __future__ import annotations

from newsspider.ledger.server import LedgerServer
from newsspider.sites.entry import load_entry
from newsspider.sites.registry import BUNDLED_DIR
from newsspider.spiders.bundled import BundledSiteSpider

ENTRY = load_entry(BUNDLED_DIR / "ledger.toml")


class LedgerSpider(BundledSiteSpider):
    """The Daily Ledger: articles at ``/news/<id>-<slug>`` and ``/article?id=<id>``."""

    name = "ledger"
    article_urls = ENTRY.article_urls
    server_class = LedgerServer
