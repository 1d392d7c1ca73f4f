"""Politeness: robots.txt rules and Crawl-delay obeyed, polite defaults in the project settings."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from scrapy.settings import Settings

from newsspider import Addon
from newsspider.demo.server import DemoServer
from newsspider.politeness import CrawlDelay
from tests.faults.server import FaultServer, respond
from tests.helpers import copy_site, crawl, crawl_demo, paths


def test_polite_defaults() -> None:
    """What the add-on gives this repository's project (newsspider/settings.py)."""
    settings = Settings()
    settings.setmodule("newsspider.settings", priority="project")
    Addon().update_settings(settings)
    assert settings.getbool("ROBOTSTXT_OBEY") is True
    assert settings.getbool("AUTOTHROTTLE_ENABLED") is True
    assert 0 < settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN") <= 8
    assert settings["USER_AGENT"].startswith("newsspider/")
    assert CrawlDelay in settings.getdict("EXTENSIONS")


def test_robots_disallow_is_respected_by_every_source(tmp_path: Path, ground_truth: dict[str, Any]) -> None:
    site = copy_site(tmp_path)
    robots = site / "robots.txt"
    robots.write_text(robots.read_text().replace("Disallow: /search", "Disallow: /search\nDisallow: /culture/"))
    with DemoServer(root=site) as srv:
        run = crawl_demo(srv, tmp_path / "out.jsonl")
    assert [p for p in run.requests if p.startswith("/culture/")] == []
    expected = sorted(p for p, a in ground_truth["articles"].items() if a["section"] != "Culture")
    assert sorted(paths(run.records)) == expected
    assert run.stats["robotstxt/forbidden"] >= 12  # listed in feeds and sitemaps, linked from pages


def test_crawl_delay_sets_the_slot_delay_within_the_cap(tmp_path: Path) -> None:
    site = copy_site(tmp_path)
    (site / "robots.txt").write_text("User-agent: *\nCrawl-delay: 60\n\nUser-agent: otherbot\nDisallow: /\n")
    with DemoServer(root=site) as srv:
        run = crawl_demo(srv, tmp_path / "out.jsonl", "-s", "NEWSSPIDER_CRAWL_DELAY_MAX=0.02",
                    "-s", "NEWSSPIDER_DISCOVERY=feeds", "-a", "max_articles=3")  # fmt: skip
    assert run.stats["newsspider/politeness/crawl_delay"] == 0.02
    assert run.stats["newsspider/politeness/crawl_delay_capped"] == 1
    assert "asks Crawl-delay: 60" in run.log


def test_crawl_delay_spaces_the_requests_on_the_wire(tmp_path: Path) -> None:
    """``Crawl-delay: 1`` measured where it matters: the server's arrival times. AutoThrottle
    (on, starting at no delay) would send the pages at once; the gaps stay >= the delay. Only a
    lower bound: a loaded machine makes gaps longer, never shorter."""
    with FaultServer() as site:
        site.route("/robots.txt", respond("User-agent: *\nCrawl-delay: 1\n", content_type="text/plain"))
        articles = site.serve_articles(6)
        result = crawl(tmp_path, site.url, "ROBOTSTXT_OBEY=True", "NEWSSPIDER_DISCOVERY=links",
                               "AUTOTHROTTLE_ENABLED=True", "AUTOTHROTTLE_START_DELAY=0", "NEWSSPIDER_SITELEARN_HOLD=0")  # fmt: skip
    assert result.proc.returncode == 0, result.proc.stderr[-3000:]
    assert len(result.records) == len(articles)
    pages = [hit for hit in site.requests if hit.path != "/robots.txt"]
    assert len(pages) == 1 + len(articles)
    gaps = [round(later.at - earlier.at, 3) for earlier, later in zip(pages, pages[1:])]
    assert min(gaps) >= 0.9, gaps


def test_crawl_delay_is_shared_by_distributed_workers(tmp_path: Path, redis_url: str) -> None:
    """With N workers on one host, each waits N times the delay: together they keep to it."""
    site = copy_site(tmp_path)
    (site / "robots.txt").write_text("User-agent: *\nCrawl-delay: 0.01\n")
    with DemoServer(root=site) as srv:
        run = crawl_demo(srv, tmp_path / "out.jsonl", "-s", f"NEWSSPIDER_REDIS_URL={redis_url}",
                    "-s", "NEWSSPIDER_REDIS_WORKERS=3", "-s", "NEWSSPIDER_REDIS_IDLE_TIMEOUT=1",
                    "-s", "NEWSSPIDER_DISCOVERY=feeds", "-a", "max_articles=3")  # fmt: skip
    assert run.stats["newsspider/politeness/crawl_delay"] == 0.03
    assert "newsspider/politeness/crawl_delay_capped" not in run.stats
    assert "(3 workers share the host)" in run.log
