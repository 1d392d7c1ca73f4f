"""The Scrapy internals newsspider's subclasses rely on (``newsspider.compat.PRIVATE_HOOKS`` and
friends) are there, with the same parameters, in the installed Scrapy. In the fast half, so that
CI checks them on the oldest supported Scrapy too; the accessors are exercised by a real crawl
in ``tests/crawl/test_compat.py``."""

from __future__ import annotations

import inspect
import logging
from typing import Any

import pytest
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.misc import load_object
from scrapy.utils.test import get_crawler

from newsspider import compat


@pytest.mark.parametrize("path", sorted(compat.PRIVATE_HOOKS))
def test_private_hook_has_the_signature_newsspider_overrides(path: str) -> None:
    parameters, coroutine = compat.PRIVATE_HOOKS[path]
    owner, name = path.rsplit(".", 1)
    method = getattr(load_object(owner), name)
    assert tuple(inspect.signature(method).parameters) == parameters
    assert inspect.iscoroutinefunction(method) is coroutine


def test_robots_middleware_attributes() -> None:
    middleware = RobotsTxtMiddleware.from_crawler(get_crawler(settings_dict={"ROBOTSTXT_OBEY": True}))
    for attribute in compat.ROBOTS_MIDDLEWARE_ATTRIBUTES:
        assert hasattr(middleware, attribute), attribute
    assert middleware._parsers == {}


def test_robots_download_error_is_logged_as_newsspider_expects() -> None:
    logger_name, message = compat.ROBOTS_DOWNLOAD_ERROR
    module = load_object(logger_name)
    assert module.logger.name == logger_name
    assert f'"{message}"' in inspect.getsource(module)


def test_scraper_logs_download_errors_on_its_module_logger() -> None:
    scraper = load_object("scrapy.core.scraper")
    assert scraper.logger is logging.getLogger("scrapy.core.scraper")


def test_a_file_feed_storage_opens_its_file_with_write_mode(tmp_path: Any) -> None:
    """``compat.append_to_feed_file`` turns ``-O`` into append through ``FileFeedStorage.write_mode``."""
    from scrapy.extensions.feedexport import FileFeedStorage

    path = tmp_path / "feed.jsonl"
    path.write_bytes(b"kept\n")
    storage = FileFeedStorage(str(path), feed_options={"overwrite": True})
    assert storage.write_mode == "wb"
    storage.write_mode = "ab"
    with storage.open(None) as fh:  # type: ignore[arg-type]
        fh.write(b"added\n")
    assert path.read_bytes() == b"kept\nadded\n"
