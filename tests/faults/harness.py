"""Run a real ``scrapy crawl`` against a fault server and collect its stats and exports."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from scrapy.crawler import Crawler
from scrapy.statscollectors import MemoryStatsCollector

from tests.helpers import REPO_ROOT, read_jsonl

#: Spider modules for fault crawls: the project's spiders plus the test spiders.
SPIDER_MODULES = "newsspider.spiders,tests.faults.spiders"


class JsonFileStatsCollector(MemoryStatsCollector):
    """Stats collector that also writes the final stats to ``NEWSSPIDER_TEST_STATS_FILE``."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.path = crawler.settings.get("NEWSSPIDER_TEST_STATS_FILE")

    def _persist_stats(self, stats: dict[str, Any]) -> None:
        super()._persist_stats(stats)
        if self.path:
            Path(self.path).write_text(json.dumps(stats, default=str), encoding="utf-8")


@dataclass
class CrawlResult:
    proc: subprocess.CompletedProcess[str]
    stats: dict[str, Any]
    records: list[dict[str, Any]]

    def stat(self, key: str) -> int:
        return int(self.stats.get(key, 0))

    def prefixed(self, prefix: str) -> dict[str, int]:
        return {k[len(prefix) :]: int(v) for k, v in self.stats.items() if k.startswith(prefix)}


def crawl(
    tmp_path: Path,
    url: str,
    *settings: str,
    spider: str = "news",
    args: tuple[str, ...] = (),
    output: str = "out.jsonl",
    timeout: float = 120,
) -> CrawlResult:
    """``scrapy crawl SPIDER -a url=URL -O tmp/out.jsonl -s …``; settings are ``NAME=value``."""
    stats_file = tmp_path / "stats.json"
    out = tmp_path / output
    command = [
        sys.executable, "-m", "scrapy", "crawl", spider, "-a", f"url={url}", *(a for arg in args for a in ("-a", arg)),
        "-O", str(out),
        "-s", f"SPIDER_MODULES={SPIDER_MODULES}",
        "-s", "STATS_CLASS=tests.faults.harness.JsonFileStatsCollector",
        "-s", f"NEWSSPIDER_TEST_STATS_FILE={stats_file}",
        "-s", "NEWSSPIDER_PROGRESS_INTERVAL=0",
        "-s", "ROBOTSTXT_OBEY=False",
        "-s", "AUTOTHROTTLE_ENABLED=False",
        "-s", "NEWSSPIDER_MIN_BODY_WORDS=20",
        *(a for s in settings for a in ("-s", s)),
    ]  # fmt: skip
    proc = subprocess.run(command, cwd=REPO_ROOT, env=dict(os.environ), capture_output=True, text=True, timeout=timeout)
    stats = json.loads(stats_file.read_text(encoding="utf-8")) if stats_file.exists() else {}
    records = read_jsonl(out) if out.exists() and out.suffix == ".jsonl" else []  # other formats: read by the test
    return CrawlResult(proc, stats, records)
