"""robots.txt that is 5xx, 404, unreachable, huge or invalid, and a Crawl-delay above the cap:
the policy of ``newsspider/middlewares/robots.py`` (RFC 9309), one crawl over one host per case."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from newsspider.middlewares.robots import DISALLOW_ALL, ROBOTS_MAX_BYTES, robots_rules
from tests.faults.server import FaultServer, article_html, index_html, reset, respond
from tests.helpers import CrawlResult, crawl

HUGE = (b"User-agent: *\nDisallow: /private/\n" + b"# padding padding padding padding\n" * (ROBOTS_MAX_BYTES // 30)
        + b"Disallow: /news/\n")  # fmt: skip

ROBOTS = {
    "unavailable-503": respond("down for maintenance", status=503, content_type="text/plain"),
    "unreachable-reset": reset(),
    "over-maxsize": respond(b"# " + b"x" * (3 << 20) + b"\n", content_type="text/plain"),  # DOWNLOAD_MAXSIZE is 2 MiB here
    "missing-404": respond("User-agent: *\nDisallow: /\n", status=404, content_type="text/plain"),  # rules in an error page
    "huge": respond(HUGE, content_type="text/plain"),
    "invalid": respond(b"\x89PNG\r\n\x1a\n\x00\x00binary<html><p>Disallow</p>", content_type="text/plain"),
    "crawl-delay": respond("User-agent: *\nCrawl-delay: 3600\nDisallow: /private/\n", content_type="text/plain"),
}


@pytest.fixture(scope="module")
def hosts() -> Iterator[dict[str, FaultServer]]:
    """One server (one host:port, so one robots.txt) per case, each with an index, an article and a private page."""
    servers = {name: FaultServer().start() for name in ROBOTS}
    try:
        for n, (name, server) in enumerate(servers.items()):
            server.routes.update({
                "/robots.txt": ROBOTS[name],
                "/": respond(index_html(["/news/story.html", "/private/page.html"])),
                "/news/story.html": respond(article_html(n, title=f"Story from the {name} host")),
                "/private/page.html": respond(article_html(100 + n)),
            })  # fmt: skip
        yield servers
    finally:
        for server in servers.values():
            server.stop()


@pytest.fixture(scope="module")
def result(hosts: dict[str, FaultServer], tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    urls = ",".join(server.url for server in hosts.values())
    return crawl(tmp_path_factory.mktemp("robots"), urls, "ROBOTSTXT_OBEY=True", "NEWSSPIDER_DISCOVERY=links",
                 "NEWSSPIDER_CRAWL_DELAY_MAX=0.01", "NEWSSPIDER_RETRY_BACKOFF=0.05", "DOWNLOAD_TIMEOUT=5",
                 "DOWNLOAD_MAXSIZE=2097152")  # fmt: skip


def _fetched(server: FaultServer) -> set[str]:
    return {hit.path for hit in server.requests} - {"/robots.txt"}


def test_unreachable_robots_disallows_the_whole_host(result: CrawlResult, hosts: dict[str, FaultServer]) -> None:
    assert result.proc.returncode == 0, result.proc.stderr[-3000:]
    for name in ("unavailable-503", "unreachable-reset", "over-maxsize"):
        assert _fetched(hosts[name]) == set(), name
    for name in ("unavailable-503", "unreachable-reset"):
        assert len(hosts[name].hits("/robots.txt")) == 3  # the first try and RETRY_TIMES retries
    assert result.stat("newsspider/robots/unreachable") == 3
    assert result.stat("robotstxt/forbidden") >= 3
    assert "Traceback" not in result.proc.stderr  # robots.txt download errors are one line too


def test_missing_or_invalid_robots_allows_everything(result: CrawlResult, hosts: dict[str, FaultServer]) -> None:
    for name in ("missing-404", "invalid"):
        assert _fetched(hosts[name]) == {"/", "/news/story.html", "/private/page.html"}, name
    assert result.stat("newsspider/robots/missing") == 1


def test_huge_robots_is_read_up_to_the_limit(result: CrawlResult, hosts: dict[str, FaultServer]) -> None:
    assert _fetched(hosts["huge"]) == {"/", "/news/story.html"}  # /private/ obeyed, the rule past 500 KiB not
    assert result.stat("newsspider/robots/truncated") == 1


def test_crawl_delay_above_the_cap_is_capped(result: CrawlResult, hosts: dict[str, FaultServer]) -> None:
    assert _fetched(hosts["crawl-delay"]) == {"/", "/news/story.html"}
    assert result.stats["newsspider/politeness/crawl_delay"] == 0.01
    assert result.stat("newsspider/politeness/crawl_delay_capped") == 1
    exported = sorted(r["url"] for r in result.records)
    assert exported == sorted(server.url_for(path) for server in hosts.values() for path in _fetched(server) if path != "/")


def test_robots_rules_by_status() -> None:
    assert robots_rules(503, b"User-agent: *\nAllow: /\n") == (DISALLOW_ALL, "unreachable")
    assert robots_rules(404, b"User-agent: *\nDisallow: /\n") == (b"", "missing")
    assert robots_rules(200, b"User-agent: *\nDisallow: /x\n") == (b"User-agent: *\nDisallow: /x\n", None)
    body, outcome = robots_rules(200, HUGE)
    assert outcome == "truncated" and len(body) <= ROBOTS_MAX_BYTES and body.endswith(b"\n") and b"/news/" not in body
