"""Log lines that say what happened in one line, instead of dumping records and tracebacks.

- Dropped records: Scrapy's default prints the whole item (its full body) for every drop; a crawl
  that drops thousands of teasers would flood the log. The level still comes from
  ``DropItem.log_level``.
- Download errors: Scrapy logs every failed download (already counted as
  ``newsspider/dropped/<reason>`` by ``newsspider/middlewares/failures.py``) at ERROR with the
  full Twisted traceback (so does its robots.txt middleware for robots.txt downloads). A reset or
  a timeout is an expected outcome on the web, so the line keeps the ERROR level but names the
  request and the error in one line.
"""

from __future__ import annotations

import logging
from typing import Any

from scrapy import Request
from scrapy.http import Response
from scrapy.logformatter import LogFormatter, LogFormatterResult
from scrapy.spiders import Spider
from twisted.python.failure import Failure

from newsspider.compat import ROBOTS_DOWNLOAD_ERROR

#: The message of a download error; records with it lose the traceback the scraper attaches.
DOWNLOAD_ERROR_MSG = "Error downloading %(request)s: %(error)s"
#: Scrapy's loggers that attach a traceback to a download error, and the message they log it with.
ONE_LINE_ERRORS = {
    "scrapy.core.scraper": DOWNLOAD_ERROR_MSG,
    ROBOTS_DOWNLOAD_ERROR[0]: ROBOTS_DOWNLOAD_ERROR[1],  # robots.txt
}


class _OneLineDownloadErrors(logging.Filter):
    """Drop the traceback Scrapy attaches to a download-error line (the line names the error)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.msg == ONE_LINE_ERRORS.get(record.name):
            record.exc_info = None
            record.exc_text = None
        return True


_ONE_LINE = _OneLineDownloadErrors()


class NewsLogFormatter(LogFormatter):
    def __init__(self) -> None:
        super().__init__()
        # Scrapy passes exc_info to logger.log() itself; only a filter on its logger can drop it.
        for name in ONE_LINE_ERRORS:
            if _ONE_LINE not in logging.getLogger(name).filters:
                logging.getLogger(name).addFilter(_ONE_LINE)

    def dropped(
        self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider
    ) -> LogFormatterResult:
        result = super().dropped(item, exception, response, spider)
        return {**result, "msg": "Dropped: %(exception)s", "args": {"exception": exception}}

    def download_error(
        self, failure: Failure, request: Request, spider: Spider, errmsg: str | None = None
    ) -> LogFormatterResult:
        result = super().download_error(failure, request, spider, errmsg)
        error = errmsg or f"{failure.type.__name__}: {failure.getErrorMessage()}"
        return {**result, "msg": DOWNLOAD_ERROR_MSG, "args": {"request": request, "error": error}}
