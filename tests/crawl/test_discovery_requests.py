"""Discovery requests cost one fetch each and are counted honestly: robots.txt once per host
(shared by the robots middleware and the discovery), ``/sitemap.xml`` when robots.txt names no
sitemap or is missing, and discovery documents that are not there counted as
``newsspider/discovery/missing/<reason>``, never as lost pages (``newsspider/dropped/``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsspider.demo.server import DemoServer
from newsspider.discovery.feeds import COMMON_FEED_PATHS
from tests.faults.server import FaultServer, index_html, reset, respond
from tests.helpers import copy_site, crawl, crawl_demo, paths

FEED_LINKS = ('<link rel="alternate" type="application/rss+xml" title="Demo Daily" href="/feed.xml">',
              '<link rel="alternate" type="application/atom+xml" title="Demo Daily" href="/atom.xml">')  # fmt: skip


def _prefixed(stats: dict[str, Any], prefix: str) -> dict[str, int]:
    return {k[len(prefix) :]: int(v) for k, v in stats.items() if k.startswith(prefix)}


def _summary_pages(log: str) -> int:
    line = next(line for line in log.splitlines() if line.strip().startswith("pages fetched"))
    return int(line.split()[-1])


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoServer]:
    with DemoServer() as server:
        yield server


@pytest.fixture(scope="module")
def bare_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site without discovery hints: robots.txt names no sitemap, the home page
    advertises no feed, and the sitemap index lives at the conventional ``/sitemap.xml``."""
    site = copy_site(tmp_path_factory.mktemp("bare"))
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /search\n", encoding="utf-8")
    (site / "sitemap_index.xml").rename(site / "sitemap.xml")
    home = site / "index.html"
    text = home.read_text(encoding="utf-8")
    for link in FEED_LINKS:
        assert link in text
        text = text.replace(link, "")
    home.write_text(text, encoding="utf-8")
    return site


@pytest.mark.parametrize("obey", ["True", "False"])
def test_demo_robots_is_fetched_once(tmp_path: Path, demo: DemoServer, obey: str) -> None:
    run = crawl_demo(demo, tmp_path / "demo.jsonl", "-s", f"ROBOTSTXT_OBEY={obey}")
    requested = Counter(run.requests)
    assert requested["/robots.txt"] == 1
    assert "/sitemap.xml" not in requested  # robots.txt names its sitemap index
    assert run.stats["newsspider/discovery/sitemap"] == 48  # its Sitemap: line was read
    assert len(run.records) == 48
    assert _summary_pages(run.log) == len(run.requests)  # the summary counts fetches, not reuses
    assert not _prefixed(run.stats, "newsspider/dropped/")


def test_sitemap_fallback_and_quiet_probes(tmp_path: Path, bare_site: Path, ground_truth: dict[str, Any]) -> None:
    with DemoServer(bare_site) as server:
        run = crawl_demo(server, tmp_path / "bare.jsonl")
    requested = Counter(run.requests)
    assert requested["/robots.txt"] == 1 and requested["/sitemap.xml"] == 1
    assert run.stats["newsspider/discovery/sitemap_fallback"] == 1
    assert run.stats["newsspider/discovery/sitemap"] == 48 and run.stats["newsspider/discovery/news-sitemap"] == 10
    assert sorted(paths(run.records)) == sorted(ground_truth["articles"])
    # No feed advertised: every common feed path is probed; the absent ones are discovery misses.
    probed_absent = [p for p in COMMON_FEED_PATHS if not (bare_site / p.lstrip("/")).is_file()]
    assert probed_absent and all(requested[p] == 1 for p in COMMON_FEED_PATHS)
    assert _prefixed(run.stats, "newsspider/discovery/missing/") == {"http_404": len(probed_absent)}
    assert not _prefixed(run.stats, "newsspider/dropped/")
    assert f"discovery missing  {len(probed_absent)}  (http_404 {len(probed_absent)})" in run.log
    assert "Ignoring response <404" not in run.log  # quiet: counted once, not logged per probe


@pytest.mark.parametrize("obey", ["True", "False"])
def test_missing_robots_falls_back_to_sitemap_xml(tmp_path: Path, ground_truth: dict[str, Any], obey: str) -> None:
    site = copy_site(tmp_path)
    (site / "robots.txt").unlink()
    (site / "sitemap_index.xml").rename(site / "sitemap.xml")
    with DemoServer(site) as server:
        run = crawl_demo(server, tmp_path / "norobots.jsonl", "-s", "NEWSSPIDER_DISCOVERY=sitemaps", "-s", f"ROBOTSTXT_OBEY={obey}")
    requested = Counter(run.requests)
    assert requested["/robots.txt"] == 1 and requested["/sitemap.xml"] == 1
    assert sorted(paths(run.records)) == sorted(ground_truth["articles"])
    assert _prefixed(run.stats, "newsspider/discovery/missing/") == {"http_404": 1}  # robots.txt itself
    assert not _prefixed(run.stats, "newsspider/dropped/")
    assert run.stats.get("newsspider/robots/missing") == (1 if obey == "True" else None)


def test_no_sitemap_anywhere_is_quiet(tmp_path: Path) -> None:
    """robots.txt names none and ``/sitemap.xml`` is 404: the crawl goes on with links."""
    site = copy_site(tmp_path)
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /search\n", encoding="utf-8")
    with DemoServer(site) as server:
        run = crawl_demo(server, tmp_path / "nositemap.jsonl", "-s", "NEWSSPIDER_DISCOVERY=sitemaps,links")
    requested = Counter(run.requests)
    assert requested["/robots.txt"] == 1 and requested["/sitemap.xml"] == 1
    assert len(run.records) == 48  # found by following links
    assert _prefixed(run.stats, "newsspider/discovery/missing/") == {"http_404": 1}
    assert not _prefixed(run.stats, "newsspider/dropped/")


def test_unreachable_robots_is_fetched_once_and_not_a_lost_page(tmp_path: Path) -> None:
    """robots.txt resets the connection: the middleware's download (and its retries) is the only
    one, the discovery's request for it is answered from it, and no page is counted as lost."""
    server = FaultServer().start()
    try:
        server.routes.update({"/robots.txt": reset(), "/": respond(index_html(["/news/story.html"]))})
        result = crawl(tmp_path, server.url, "ROBOTSTXT_OBEY=True", "NEWSSPIDER_DISCOVERY=sitemaps,links",
                             "NEWSSPIDER_RETRY_BACKOFF=0.05", "DOWNLOAD_TIMEOUT=5")  # fmt: skip
        assert len(server.hits("/robots.txt")) == 3  # the first try and RETRY_TIMES retries, once
        assert {hit.path for hit in server.requests} == {"/robots.txt"}  # the host is disallowed
    finally:
        server.stop()
    assert result.prefixed("newsspider/discovery/missing/") == {"connection": 1}
    assert not result.prefixed("newsspider/dropped/")
    assert result.stat("newsspider/robots/unreachable") == 1
    assert result.proc.returncode == 4  # nothing exported: an empty crawl
