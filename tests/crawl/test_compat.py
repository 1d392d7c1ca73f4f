"""Every accessor of :mod:`newsspider.compat` (Scrapy internals) on a real crawl of a local site:
a Scrapy release that changes what one relies on fails here, not in a user's crawl."""

from __future__ import annotations

import gzip
import json
from typing import Any

import pytest
from scrapy.utils.gz import gunzip

from newsspider import compat
from tests.crawl.compat_probe import PROBE_DELAY, PROBE_PATH, PROBE_SLOT
from tests.faults.server import FaultServer, index_html, respond
from tests.helpers import SPIDER_MODULES, crawl

HOST_DELAY = 0.01


@pytest.fixture(scope="module")
def seen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What the probe spider saw during a crawl of two articles (and the probe request it scheduled)."""
    tmp_path = tmp_path_factory.mktemp("compat")
    probe_file = tmp_path / "probe.json"
    with FaultServer() as site:
        site.serve_articles(2)
        site.route(PROBE_PATH, respond(index_html([])))
        result = crawl(
            tmp_path, site.url, "NEWSSPIDER_DISCOVERY=links", "NEWSSPIDER_SITELEARN_HOLD=0",
            f"DOWNLOAD_DELAY={HOST_DELAY}", f"SPIDER_MODULES={SPIDER_MODULES},tests.crawl.compat_probe",
            f"NEWSSPIDER_TEST_PROBE_FILE={probe_file}", spider="compat-probe",
        )  # fmt: skip
        assert result.proc.returncode == 0, result.log[-3000:]
        assert len(result.records) == 2, result.log[-3000:]
        assert site.hits(PROBE_PATH), "the request put in the scheduler at idle was never downloaded"
    return {**json.loads(probe_file.read_text(encoding="utf-8")), "feed": str(tmp_path / "out.jsonl")}


def test_engine_scheduler_and_wake(seen: dict[str, Any]) -> None:
    assert seen["opened.scheduler"] == "Scheduler"
    assert seen["idle.pending"] is False
    assert seen["idle.enqueued"] is True
    assert seen["idle.woken"] is True


def test_scraper_load(seen: dict[str, Any]) -> None:
    assert seen["opened.scraper_load"] == [0, 0]
    queued, active = seen["parse.scraper_load"]
    assert queued >= 0 and active >= 1  # the response being parsed
    assert seen["idle.scraper_load"] == [0, 0]


def test_download_slots(seen: dict[str, Any]) -> None:
    assert seen["host.key"] == "127.0.0.1"
    assert seen["host.delay"] == HOST_DELAY
    assert len(seen["host.delays_before"]) > 1  # Scrapy's jitter varies the delay...
    assert seen["host.delays_after"] == [HOST_DELAY]  # ...until slot_without_jitter
    assert seen["opened.set_slot_defaults"] is None
    assert seen["probe.key"] == PROBE_SLOT
    assert seen["probe.delays"] == [PROBE_DELAY]  # created from set_slot_defaults: that delay, no jitter


def test_feed_slots(seen: dict[str, Any]) -> None:
    assert seen["item.accepts"] == [True]
    (feed,) = seen["idle.feeds"]  # both records exported by then
    assert feed["uri"] == seen["feed"]
    assert feed["format"] == "jsonl"  # the -O file's extension, as FEED_EXPORTERS names it
    assert feed["itemcount"] == 2
    assert feed["batch_id"] == 1
    assert feed["file_open"] is True
    assert feed["exporter"] == "JsonLinesItemExporter"
    assert feed["storage"] == "FilesOrPartsFeedStorage"  # newsspider.parts: Scrapy's FileFeedStorage, or a folder of parts
    assert "overwrite" in feed["feed_options"]


def test_gunzip_cap_raises_the_compat_exception() -> None:
    assert compat.DecompressionMaxSizeExceeded is not ValueError, "fallback in use: Scrapy moved the exception"
    bomb = gzip.compress(b"x" * 100_000)
    with pytest.raises(compat.DecompressionMaxSizeExceeded):
        gunzip(bomb, max_size=1_000)
    assert gunzip(bomb, max_size=200_000) == b"x" * 100_000
