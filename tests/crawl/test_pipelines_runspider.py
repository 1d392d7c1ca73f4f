"""The pipelines and the CSV exporter inside a real ``scrapy runspider`` (no project settings)."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from newsspider.items import ARTICLE_FIELDS
from tests.helpers import REPO_ROOT

WORDS = " ".join(f"word{i}" for i in range(60))

SPIDER_SOURCE = '''
import json

import scrapy
from newsspider.items import Article

WORDS = " ".join(f"word{i}" for i in range(60))


class ItemsSpider(scrapy.Spider):
    name = "items"
    custom_settings = {
        "ITEM_PIPELINES": {
            "pipelines.normalize.NormalizePipeline": 100,
            "pipelines.validate.ValidatePipeline": 200,
            "pipelines.dedupe.DedupePipeline": 300,
        },
        "FEED_EXPORTERS": {"csv": "newsspider.exporters.CsvItemExporter"},
        "NEWSSPIDER_MIN_BODY_WORDS": 10,
        "TELNETCONSOLE_ENABLED": False,
    }

    def closed(self, reason):
        with open(self.stats_path, "w") as fh:
            json.dump(self.crawler.stats.get_stats(), fh, default=str)

    async def start(self):
        body = WORDS + '\\n\\n"Quoted", with, commas.'
        yield Article(url="https://x.example/1", site="items", title=" One ", authors=["Jane Doe", "John Smith"],
                      published="21 April 2024", body=body)
        yield Article(url="https://x.example/2", site="items", title="Two", body="  " + body.upper())
        yield Article(url="https://x.example/1", site="items", title="Three", body="other words " * 10)
        yield Article(url="https://x.example/4", site="items", title="Four", body="short")
        yield Article(url="https://x.example/5", site="items", title="", body="other words " * 10)
'''


def test_real_crawl_with_feed_export(tmp_path: Path) -> None:
    """The pipelines and the CSV exporter inside ``scrapy runspider -O out.csv``, warnings as errors."""
    spider = tmp_path / "items_spider.py"
    spider.write_text(textwrap.dedent(SPIDER_SOURCE))
    out = tmp_path / "out.csv"
    stats_file = tmp_path / "stats.json"
    proc = subprocess.run(
        [sys.executable, "-W", "error::DeprecationWarning", "-m", "scrapy", "runspider", str(spider),
         "-O", str(out), "-a", f"stats_path={stats_file}", "-L", "INFO"],
        cwd=tmp_path,  # no scrapy.cfg: only the spider's custom_settings apply
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))},
    )
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Deprecat" not in proc.stderr, proc.stderr[-3000:]
    stats = json.loads(stats_file.read_text())
    assert stats["newsspider/dropped/duplicate_url"] == 1
    assert stats["newsspider/dropped/duplicate_body"] == 1
    assert stats["newsspider/dropped/too_short"] == 1
    assert stats["newsspider/dropped/missing_title"] == 1
    assert stats["item_scraped_count"] == 1
    with out.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        rows = list(reader)
    assert reader.fieldnames == list(ARTICLE_FIELDS)
    assert len(rows) == 1
    row = rows[0]
    assert row["title"] == "One"
    assert row["authors"] == "Jane Doe; John Smith"
    assert row["published"] == "2024-04-21"
    assert row["body"] == WORDS + '\n\n"Quoted", with, commas.'
    assert row["word_count"] == "63"
