"""``newsspider.Addon``: what it switches on, and that a project's own settings still win."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.settings import Settings
from scrapy.utils.misc import load_object

from newsspider import Addon
from newsspider.addons import COMPONENTS, REPLACED_DOWNLOADER_MIDDLEWARES
from newsspider.middlewares.retry import BackoffRetryMiddleware
from newsspider.middlewares.robots import RobotsPolicy
from pipelines.dedupe import DedupePipeline


def _with_addon(project: dict[str, Any] | None = None, cmdline: dict[str, Any] | None = None) -> Settings:
    settings = Settings(project or {})  # "project" priority, as a project's settings.py
    settings.setdict(cmdline or {}, priority="cmdline")
    Addon().update_settings(settings)
    return settings


def _enabled(settings: Settings, name: str) -> dict[type, int]:
    return {load_object(k): v for k, v in settings.get_component_priority_dict_with_base(name).items() if v is not None}


def test_everything_switched_on() -> None:
    settings = _with_addon()
    for name, components in COMPONENTS.items():
        enabled = _enabled(settings, name)
        for path, order in components.items():
            assert enabled[load_object(path)] == order, path
    middlewares = _enabled(settings, "DOWNLOADER_MIDDLEWARES")
    for old, (new, order) in REPLACED_DOWNLOADER_MIDDLEWARES.items():
        assert load_object(old) not in middlewares and middlewares[load_object(new)] == order
    assert settings["REQUEST_FINGERPRINTER_CLASS"].endswith("CanonicalFingerprinter")
    assert settings["LOG_FORMATTER"].endswith("NewsLogFormatter")
    assert settings.getdict("FEED_EXPORTERS")["jsonl"] == "newsspider.exporters.JsonLinesItemExporter"
    assert settings.getwithbase("DOWNLOAD_HANDLERS")["file"] is None  # no local files from crawled links
    assert list(settings.getdict("FEEDS")) == ["exports/%(name)s-%(time)s.jsonl"]  # the default feed
    assert settings.getint("CONCURRENT_ITEMS") == 16 and not settings.getbool("TELNETCONSOLE_ENABLED")


def test_project_settings_win() -> None:
    settings = _with_addon(
        project={
            "DOWNLOAD_DELAY": 1,
            "USER_AGENT": "mybot",
            "ITEM_PIPELINES": {"pipelines.dedupe.DedupePipeline": None},  # switched off by the project
            "DOWNLOADER_MIDDLEWARES": {RetryMiddleware: 560},  # Scrapy's retry at the project's order
            "FEED_EXPORTERS": {"csv": "scrapy.exporters.CsvItemExporter"},
            "NEWSSPIDER_MIN_BODY_WORDS": 10,
        },
        cmdline={"FEEDS": {"out.csv": {"format": "csv"}}},
    )
    assert settings.getfloat("DOWNLOAD_DELAY") == 1 and settings["USER_AGENT"] == "mybot"
    assert DedupePipeline not in _enabled(settings, "ITEM_PIPELINES")
    middlewares = _enabled(settings, "DOWNLOADER_MIDDLEWARES")
    assert middlewares[BackoffRetryMiddleware] == 560 and RetryMiddleware not in middlewares
    assert settings.getdict("FEED_EXPORTERS")["csv"] == "scrapy.exporters.CsvItemExporter"
    assert settings.getdict("FEED_EXPORTERS")["jsonl"] == "newsspider.exporters.JsonLinesItemExporter"
    assert settings.getint("NEWSSPIDER_MIN_BODY_WORDS") == 10
    assert list(settings.getdict("FEEDS")) == ["out.csv"]  # -O given: no default feed


def test_a_replaced_middleware_switched_off_stays_off() -> None:
    settings = _with_addon(project={"DOWNLOADER_MIDDLEWARES": {RobotsTxtMiddleware: None}})
    middlewares = _enabled(settings, "DOWNLOADER_MIDDLEWARES")
    assert RobotsTxtMiddleware not in middlewares and RobotsPolicy not in middlewares


def test_distributed_mode_divides_the_addon_politeness() -> None:
    settings = _with_addon(cmdline={"NEWSSPIDER_REDIS_URL": "redis://127.0.0.1:1/0", "NEWSSPIDER_REDIS_WORKERS": 2})
    assert settings["SCHEDULER"] == "newsspider.distributed.RedisScheduler"
    assert settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 4  # the add-on's 8, shared by 2 workers


def test_bad_newsspider_setting_fails_in_the_addon() -> None:
    with pytest.raises(ValueError, match=r"^NEWSSPIDER_RETRY_BACKOFF='soon' is invalid: give a number >= 0$"):
        _with_addon(project={"NEWSSPIDER_RETRY_BACKOFF": "soon"})
