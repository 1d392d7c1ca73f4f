"""Log lines for dropped records that name the reason and URL instead of dumping the record.

Scrapy's default prints the whole item (its full body) for every drop; a crawl that drops
thousands of teasers would flood the log. The level still comes from ``DropItem.log_level``.
"""

from __future__ import annotations

from typing import Any

from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from scrapy.spiders import Spider
from twisted.python.failure import Failure


class NewsLogFormatter(LogFormatter):
    def dropped(
        self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        return {**result, "msg": "Dropped: %(exception)s", "args": {"exception": exception}}
