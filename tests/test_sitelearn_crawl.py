"""Site-level learning end to end: ``scrapy crawl demo`` over the demo site, whose ``obfuscated``
template carries lines that only repetition across pages gives away."""

from __future__ import annotations

import pickle
import re
import statistics
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from helpers import read_jsonl, run_scrapy, token_f1

from newsspider.demo.server import DemoServer
from pipelines.sitememory import STATE_KEY


def crawl(server: DemoServer, out: Path, *args: str) -> tuple[list[dict[str, Any]], str]:
    proc = run_scrapy("crawl", "demo", "-a", f"url={server.url}", "-O", str(out), *args, timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return read_jsonl(out), proc.stderr


def stat(log: str, name: str) -> int:
    match = re.search(rf"'newsspider/sitelearn/{name}': (\d+)", log)
    return int(match.group(1)) if match else 0


def template(record: dict[str, Any], truth: dict[str, Any]) -> str:
    return truth["articles"][urlsplit(record["url"]).path]["template"]


def leaks(records: list[dict[str, Any]], markers: list[str]) -> list[tuple[str, str]]:
    return [(r["url"], m) for r in records for m in markers if m in r["body"]]


@pytest.fixture(scope="module")
def learned(tmp_path_factory: pytest.TempPathFactory, demo_server: DemoServer) -> tuple[list[dict[str, Any]], str]:
    return crawl(demo_server, tmp_path_factory.mktemp("sitelearn") / "demo.jsonl")


def test_learning_removes_site_boilerplate_from_every_page(
    learned: tuple[list[dict[str, Any]], str], ground_truth: dict[str, Any]
) -> None:
    records, log = learned
    assert len(records) == len(ground_truth["articles"])
    markers = ground_truth["boilerplate_markers"] + ground_truth["site_boilerplate_markers"]
    assert leaks(records, markers) == []  # the first (held) pages included
    assert stat(log, "blocks_learned") >= 1
    assert stat(log, "records_held") >= 3
    assert stat(log, "blocks_removed") == sum(template(r, ground_truth) == "obfuscated" for r in records)


def test_learning_keeps_the_article_text(learned: tuple[list[dict[str, Any]], str], ground_truth: dict[str, Any]) -> None:
    records, _ = learned
    scores = [token_f1(r["body"], ground_truth["articles"][urlsplit(r["url"]).path]["body"]) for r in records]
    assert statistics.mean(scores) >= 0.98 and min(scores) >= 0.95
    for record in records:
        assert record["word_count"] == len(record["body"].split())
        assert record["quality"] == "ok"


def test_without_learning_obfuscated_pages_keep_their_site_boilerplate(
    tmp_path: Path, demo_server: DemoServer, ground_truth: dict[str, Any]
) -> None:
    records, log = crawl(demo_server, tmp_path / "off.jsonl", "-s", "NEWSSPIDER_SITELEARN_ENABLED=False")
    leaked_urls = {url for url, _ in leaks(records, ground_truth["site_boilerplate_markers"])}
    obfuscated = {r["url"] for r in records if template(r, ground_truth) == "obfuscated"}
    assert obfuscated and leaked_urls == obfuscated
    assert "newsspider/sitelearn" not in log


def test_held_records_are_released_when_the_crawl_runs_out(
    tmp_path: Path, demo_server: DemoServer, ground_truth: dict[str, Any]
) -> None:
    """A site with fewer pages than the hold: every record waits for the end, none is lost."""
    records, log = crawl(
        demo_server, tmp_path / "hold.jsonl",
        "-s", "NEWSSPIDER_SITELEARN_HOLD=1000", "-s", "NEWSSPIDER_SITELEARN_MAX_HOLD=600",
    )
    assert len(records) == len(ground_truth["articles"]) == stat(log, "records_held")
    assert "nothing else left to crawl" in log
    assert leaks(records, ground_truth["site_boilerplate_markers"]) == []


def test_held_records_are_released_when_the_crawl_closes_early(tmp_path: Path, demo_server: DemoServer) -> None:
    records, log = crawl(
        demo_server, tmp_path / "closing.jsonl", "-a", "max_pages=8",
        "-s", "NEWSSPIDER_SITELEARN_HOLD=1000", "-s", "NEWSSPIDER_SITELEARN_MAX_HOLD=600",
    )
    assert "closespider_pagecount" in log
    assert records and len(records) == stat(log, "records_held")
    assert f"'item_scraped_count': {len(records)}" in log


def test_learned_blocks_survive_a_jobdir_restart(
    tmp_path: Path, demo_server: DemoServer, ground_truth: dict[str, Any]
) -> None:
    jobdir = tmp_path / "job"
    first, log1 = crawl(demo_server, tmp_path / "first.jsonl", "-s", f"JOBDIR={jobdir}", "-a", "max_pages=20")
    assert "closespider_pagecount" in log1 and stat(log1, "blocks_learned") >= 1
    state = pickle.loads((jobdir / "spider.state").read_bytes())
    assert any(site["learned"] for site in state[STATE_KEY].values())

    rest, log2 = crawl(demo_server, tmp_path / "rest.jsonl", "-s", f"JOBDIR={jobdir}")
    assert "Resuming crawl" in log2
    assert stat(log2, "blocks_loaded") >= 1
    assert stat(log2, "records_held") == 0  # the site was warmed up before the restart
    assert {r["url"] for r in first}.isdisjoint(r["url"] for r in rest)
    assert any(template(r, ground_truth) == "obfuscated" for r in rest)
    assert leaks(rest, ground_truth["site_boilerplate_markers"]) == []
