"""The second bundled site, The Daily Ledger (``newsspider/ledger``), crawlable offline.

``scrapy crawl ledger`` serves it on 127.0.0.1 for the length of the crawl, like ``demo``. Its
``article_urls`` are what ``newsspider new-site`` inferred from a 60-page sample of it
(benchmarks/newsite.py): id-slug paths and query-string articles.
"""

from __future__ import annotations

from newsspider.ledger.server import LedgerServer
from newsspider.spiders.bundled import BundledSiteSpider


class LedgerSpider(BundledSiteSpider):
    """The Daily Ledger: articles at ``/news/<id>-<slug>`` and ``/article?id=<id>``."""

    name = "ledger"
    article_urls = (r"/news/\d+-[\w-]+$", r"/article\?id=\d+$")
    server_class = LedgerServer
