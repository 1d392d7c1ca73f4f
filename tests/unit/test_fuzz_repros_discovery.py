"""Inputs a second fuzz run (session 26: feeds, sitemaps, robots.txt, dates, URL scoring and the
pipelines, ~60,000 calls) found to raise inside a crawl's callbacks or pipelines, or to take
seconds: each now gives an ordinary outcome."""

from __future__ import annotations

import pytest
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler

from newsspider.dates import made_precise, most_precise, normalize_date
from newsspider.discovery.feeds import feed_links_in_page, parse_feed
from newsspider.discovery.scoring import _SLUG
from newsspider.discovery.sitemaps import parse_sitemap, sitemap_xml, sitemaps_in_robots
from newsspider.discovery.xmlguard import RefusedDocument
from pipelines.normalize import NormalizePipeline, normalize_list
from pipelines.titleaffix import affixes_of

BASE = "https://harbourpost.example/"


@pytest.mark.parametrize(
    "feed",
    [
        b'<rss version="2.0"><channel><item>&#1114112;<link>https://x/a</link></item></channel></rss',  # chr() past U+10FFFF
        b'<rss version="2.0"><channel><item>&#xD800;<link>https://x/a</link></item></channel></rss',  # a surrogate
        b'<rss version="2.0"><channel><item>&#99999999999999999999;</item></channel></rss',  # OverflowError
    ],
)
def test_a_feed_feedparser_cannot_read_is_no_feed(feed: bytes) -> None:
    assert parse_feed(feed, BASE) is None


@pytest.mark.parametrize("label", [b"undefined", b"\xa6", b"idna"])  # UnicodeError, UnicodeDecodeError, no "replace"
def test_a_feed_declaring_an_encoding_python_cannot_use_is_read_as_utf8(label: bytes) -> None:
    feed = b'<?xml version="1.0" encoding="' + label + b'"?><rss version="2.0"><channel><item><title>Caf\xc3\xa9</title><link>https://x/a</link></item></channel></rss>'
    assert [(c.url, c.title) for c in parse_feed(feed, BASE) or []] == [("https://x/a", "Café")]


def test_a_feed_whose_declared_charset_fails_is_not_left_to_chardet(monkeypatch: pytest.MonkeyPatch) -> None:
    """feedparser's fallback for such a feed is chardet, quadratic on it (10 KB took 18 s)."""
    import feedparser.encodings

    def no_guess(data: bytes) -> str:
        raise AssertionError("feedparser guessed the charset")

    monkeypatch.setattr(feedparser.encodings, "lazy_chardet_encoding", no_guess)
    feed = b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><item><title>\xff ' + b"a" * 10_000
    feed += b"</title><link>https://x/a</link></item></channel></rss>"
    [candidate] = parse_feed(feed, BASE) or []
    assert candidate.url == "https://x/a" and candidate.title and candidate.title.endswith("a" * 100)


def test_a_sitemap_loc_with_a_surrogate_keeps_the_entries_before_it() -> None:
    body = (b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://harbourpost.example/b</loc></url>'
            b"<url><loc>https://harbourpost.example/a&#xD800;</loc></url></urlset>")
    parsed = parse_sitemap(body, BASE)
    assert parsed is not None and [a.url for a in parsed.articles] == ["https://harbourpost.example/b"]


def test_a_sitemap_that_is_no_gzip_is_refused() -> None:
    response = Response(url=BASE + "sitemap.xml.gz", body=b"\x1f\x8b\x08" + bytes(range(256)))
    with pytest.raises(RefusedDocument) as refused:
        sitemap_xml(response, 10**7)
    assert refused.value.reason == "unreadable_gzip"


def test_one_bad_sitemap_line_of_robots_txt_loses_only_itself() -> None:
    robots = b"Sitemap: https://[x]/s.xml\nSitemap: http://[::1/t.xml\nSitemap: https://harbourpost.example/ok.xml"
    assert sitemaps_in_robots(robots, BASE + "robots.txt") == ["https://harbourpost.example/ok.xml"]


def test_a_link_attribute_lxml_refuses_is_no_feed_link() -> None:
    page = b'<link r\x01el="alternate" href="/f"><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
    assert feed_links_in_page(HtmlResponse(url=BASE, body=page).selector, BASE) == [BASE + "feed.xml"]


@pytest.mark.parametrize("value", ["20240501 T100000+2500", "1:999999999999999999999999999999 2024"])
def test_dates_dateutil_reads_but_python_cannot_hold_are_none(value: str) -> None:
    assert normalize_date(value) is None


def test_a_date_past_year_9999_in_utc_adds_nothing() -> None:
    assert most_precise(["2024-05-01T12:30:00", "9999-12-31T23:59:59-12:00"]) == "2024-05-01T12:30:00"
    assert made_precise("2024-05-01T10:00:00", ["9999-12-31T23:59:59-12:00"]) == "2024-05-01T10:00:00"


@pytest.mark.parametrize(("value", "expected"), [(5, ["5"]), (True, ["True"]), (1.5, ["1.5"]), (["Harbour", "Harbour"], ["Harbour"])])
def test_a_lone_number_as_tags_is_one_tag(value: object, expected: list[str]) -> None:
    assert normalize_list(value) == expected
    item = NormalizePipeline.from_crawler(get_crawler()).process_item(
        {"url": BASE + "a", "title": "Council approves budget", "body": "The council approved it.", "tags": value}
    )
    assert item["tags"] == expected


def test_the_slug_pattern_starts_at_a_word() -> None:
    assert _SLUG.search("2024-council-approves-new-budget")
    assert _SLUG.search("x" * 20_000) is None


def test_title_separators_start_where_a_space_run_starts() -> None:
    """Tried at every space of a long run, the separator pattern was quadratic (20,000: 4.7 s)."""
    assert affixes_of("Council approves budget  |  Harbour Post") == {
        "prefix": ("Council approves budget", "Harbour Post"),
        "suffix": ("Harbour Post", "Council approves budget"),
    }
    assert affixes_of("A" + " " * 20_000 + "B") == {}
    assert affixes_of("Story" + " " * 20_000 + "- Post")["suffix"] == ("Post", "Story")
