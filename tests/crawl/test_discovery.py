"""Discovery: feeds, sitemaps, robots.txt, URL scoring, windows; and crawls through each source alone."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from parsel import Selector
from scrapy.http import Response, XmlResponse

from newsspider.demo import SITE_DIR
from newsspider.demo.server import DemoServer
from newsspider.discovery import (
    DateWindow,
    article_url_score,
    feed_links_in_page,
    parse_feed,
    parse_sitemap,
)
from newsspider.discovery.sitemaps import sitemap_body, sitemaps_in_robots
from newsspider.discovery.spider import discovery_settings, discovery_sources
from newsspider.discovery.window import WindowError
from tests.helpers import (
    REPO_ROOT,
    article_requests,
    assert_refused_command_line,
    crawl_demo,
    paths,
    run_scrapy,
)

BASE = "http://127.0.0.1:8000/"
DECLARED_SPIDER = REPO_ROOT / "tests" / "fixtures" / "spiders" / "declared_feed.py"


@pytest.fixture(scope="module")
def server() -> Iterator[DemoServer]:
    with DemoServer() as srv:
        yield srv


def _newest(ground_truth: dict[str, Any], n: int) -> set[str]:
    arts = ground_truth["articles"]
    return set(sorted(arts, key=lambda p: arts[p]["published"], reverse=True)[:n])


# -- parsers ----------------------------------------------------------------------------------


def test_rss_and_atom_feeds_list_the_newest_articles(ground_truth: dict[str, Any]) -> None:
    for name in ("feed.xml", "atom.xml"):
        entries = parse_feed((SITE_DIR / name).read_bytes(), BASE + name)
        assert entries is not None and len(entries) == 20
        assert {e.url.removeprefix(BASE[:-1]) for e in entries} == _newest(ground_truth, 20)
        first = entries[0]
        truth = ground_truth["articles"][first.url.removeprefix(BASE[:-1])]
        assert first.published == truth["published"] and first.source == "feed" and first.title == truth["title"]
    assert parse_feed(b"<html><body>not a feed</body></html>", BASE) is None


def test_sitemap_index_news_and_gzipped_sitemaps(ground_truth: dict[str, Any]) -> None:
    index = parse_sitemap((SITE_DIR / "sitemap_index.xml").read_bytes(), BASE + "sitemap_index.xml")
    assert index is not None and index.sitemaps == [BASE + "news-sitemap.xml", BASE + "sitemap-articles.xml.gz"]

    news = parse_sitemap((SITE_DIR / "news-sitemap.xml").read_bytes(), BASE + "news-sitemap.xml")
    assert news is not None and len(news.articles) == 10
    for entry in news.articles:
        truth = ground_truth["articles"][entry.url.removeprefix(BASE[:-1])]
        assert (entry.source, entry.published, entry.title) == ("news-sitemap", truth["published"], truth["title"])

    raw = (SITE_DIR / "sitemap-articles.xml.gz").read_bytes()
    response = Response(BASE + "sitemap-articles.xml.gz", body=raw)
    assert sitemap_body(response, max_size=100) is None  # larger than the cap once decompressed
    body = sitemap_body(response, max_size=0)
    assert body == gzip.decompress(raw)
    full = parse_sitemap(body, response.url)
    assert full is not None and {e.url.removeprefix(BASE[:-1]) for e in full.articles} == set(ground_truth["articles"])
    for entry in full.articles:
        truth = ground_truth["articles"][entry.url.removeprefix(BASE[:-1])]
        assert entry.lastmod == (truth["modified"] or truth["published"])
    plain = XmlResponse(BASE + "news-sitemap.xml", body=(SITE_DIR / "news-sitemap.xml").read_bytes())
    assert sitemap_body(plain, max_size=0) == plain.body
    assert parse_sitemap(b"<html></html>", BASE) is None


def test_robots_sitemaps_and_advertised_feeds() -> None:
    assert sitemaps_in_robots((SITE_DIR / "robots.txt").read_bytes(), BASE + "robots.txt") == [BASE + "sitemap_index.xml"]
    home = Selector(text=(SITE_DIR / "index.html").read_text(encoding="utf-8"))
    assert feed_links_in_page(home, BASE) == [BASE + "feed.xml", BASE + "atom.xml"]
    assert feed_links_in_page(Selector(text="<html><head></head></html>"), BASE) == []


def test_article_urls_score_above_listing_pages() -> None:
    article = article_url_score("https://x.example/world/2024/04/21/floods-leave-damage-across-the-region.html")
    listings = [
        "https://x.example/world/",
        "https://x.example/tags/economy/",
        "https://x.example/author/jane-doe/",
        "https://x.example/world/?page=2",
    ]
    assert article > max(article_url_score(u) for u in listings)
    assert article_url_score("https://x.example/news/story-1234567") > article_url_score("https://x.example/news/")


def test_window_bounds() -> None:
    window = DateWindow.from_strings("2024-10-01", "2024-11-30")
    assert window.contains("2024-11-30T23:00:00+00:00") is True  # a date-only until includes its day
    assert window.contains("2024-09-30") is False and window.contains(None) is None
    # lastmod alone only proves an article too old, never too new
    assert window.excludes_listing(None, "2024-09-01") is True
    assert window.excludes_listing(None, "2024-12-24") is False
    assert window.excludes_listing("2024-12-24", None) is True
    relative = DateWindow.from_strings("2d", None)
    assert relative.since is not None and relative.until is None
    with pytest.raises(WindowError, match="-a since=2d"):
        DateWindow.from_strings("yesterday", None)
    with pytest.raises(WindowError, match="swap"):
        DateWindow.from_strings("2024-12-01", "2024-01-01")
    assert discovery_settings(fresh="1") == {"NEWSSPIDER_STATE_FRESH": True}
    with pytest.raises(ValueError, match="NEWSSPIDER_DISCOVERY"):
        discovery_sources("feeds,rss")


@pytest.mark.parametrize(
    ("args", "expected"),
    [(["-a", "since=last week"], "-a since="), (["-a", "fresh=maybe"], "-a fresh=")],
)
def test_bad_window_arguments_fail_fast(args: list[str], expected: str) -> None:
    assert_refused_command_line(run_scrapy("crawl", "demo", *args), expected)


# -- crawls through one source at a time ---------------------------------------------------------------


def test_feeds_alone(tmp_path: Path, server: DemoServer, ground_truth: dict[str, Any]) -> None:
    run = crawl_demo(server, tmp_path / "feeds.jsonl", "-s", "NEWSSPIDER_DISCOVERY=feeds")
    assert {"/feed.xml", "/atom.xml", "/"} <= set(run.requests)  # feeds found on the home page
    assert not {"/sitemap_index.xml", "/world/"} & set(run.requests)  # no sitemaps, no links followed
    assert set(article_requests(server, len(server.requests) - len(run.requests))) == _newest(ground_truth, 20)
    assert sorted(paths(run.records)) == sorted(_newest(ground_truth, 20))


def test_sitemaps_alone(tmp_path: Path, server: DemoServer, ground_truth: dict[str, Any]) -> None:
    run = crawl_demo(server, tmp_path / "sitemaps.jsonl", "-s", "NEWSSPIDER_DISCOVERY=sitemaps")
    requested = set(run.requests)
    assert {"/robots.txt", "/sitemap_index.xml", "/news-sitemap.xml", "/sitemap-articles.xml.gz"} <= requested
    assert not {"/", "/feed.xml", "/world/"} & requested
    assert sorted(paths(run.records)) == sorted(ground_truth["articles"])
    assert run.stats["newsspider/discovery/news-sitemap"] == 10
    assert run.stats["newsspider/discovery/sitemap"] == 48


def test_links_alone_fetch_articles_before_listings(tmp_path: Path, server: DemoServer, ground_truth: dict[str, Any]) -> None:
    run = crawl_demo(server, tmp_path / "links.jsonl", "-s", "NEWSSPIDER_DISCOVERY=links", "-s", "CONCURRENT_REQUESTS=1")
    requested = run.requests
    assert not {"/feed.xml", "/atom.xml", "/sitemap_index.xml"} & set(requested)
    assert sorted(paths(run.records)) == sorted(ground_truth["articles"])
    # Scored priorities: every article linked from the home page is fetched before any tag page.
    first_tag = next(i for i, p in enumerate(requested) if p.startswith("/tags/"))
    home_links = {p for p in ground_truth["articles"] if f'href="{p}"' in (SITE_DIR / "index.html").read_text()}
    assert home_links <= set(requested[:first_tag])


def test_declared_feeds(tmp_path: Path, server: DemoServer, ground_truth: dict[str, Any]) -> None:
    """A site spider's ``feeds = [...]``: only those are read, the home page is not needed."""
    out = tmp_path / "declared.jsonl"
    before = len(server.requests)
    proc = run_scrapy(
        "runspider", str(DECLARED_SPIDER), "-a", f"url={server.url}", "-O", str(out),
        "-s", "NEWSSPIDER_DISCOVERY=feeds", "-s", "NEWSSPIDER_STATE_ENABLED=0",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    requested = set(server.requests[before:])
    assert "/atom.xml" in requested and not {"/", "/feed.xml"} & requested
    assert set(article_requests(server, before)) == _newest(ground_truth, 20)
