"""URLs a page or document supplies may be malformed for urllib (``https://[x]/``): the one
link, canonical, image, feed or sitemap entry is dropped, never the page or the document."""

from __future__ import annotations

import pytest
from itemadapter import ItemAdapter
from parsel import Selector
from scrapy.utils.test import get_crawler

from newsspider.discovery.feeds import feed_links_in_page, parse_feed
from newsspider.discovery.sitemaps import parse_sitemap
from newsspider.extraction import extract_page
from newsspider.items import article_from_fields
from newsspider.urls import join_url, url_path, url_scheme
from pipelines.normalize import NormalizePipeline, normalize_url

BAD = ["https://[]/story", "http://[::1/story", "https://[news.example]/a", "https://news.example:port/a"]


@pytest.mark.parametrize("ref", BAD)
def test_a_url_urllib_cannot_read_joins_to_none(ref: str) -> None:
    assert join_url("https://news.example/2025/01/02/a", ref) is None


def test_good_urls_join_as_urljoin_does() -> None:
    assert join_url("https://news.example/a/b", "../c?x=1#f") == "https://news.example/c?x=1#f"
    assert join_url("https://news.example/a", "https://[2001:db8::1]:8080/x") == "https://[2001:db8::1]:8080/x"
    assert url_scheme("https://[]/x") == "" and url_scheme("https://news.example/") == "https"
    assert url_path("https://[]/x") == "" and url_path("https://news.example/a/b?c") == "/a/b"


STORY = (
    "<html><head><title>Harbour works begin</title>{head}</head><body><article><h1>Harbour works begin</h1>"
    + "<p>" + "The harbour works began on Monday after years of planning by the city council. " * 6 + "</p>"
    + "<p>" + "Residents said the new quay would bring ferries back to the old town within two years. " * 5 + "</p>"
    + "</article></body></html>"
)


@pytest.mark.parametrize("head", [
    '<link rel="canonical" href="https://[]/story">',
    '<meta property="og:image" content="http://[::1/img.jpg"><meta property="og:url" content="https://[x]/">',
    '<link rel="canonical" href="https://news.example:port/story">',
])  # fmt: skip
def test_a_page_with_an_unreadable_canonical_or_image_is_extracted(head: str) -> None:
    url = "https://news.example/2025/01/02/harbour-works"
    result = extract_page(STORY.format(head=head), url, assume_article=True)
    assert result.fields is not None, result.skip_reason
    assert result.fields["canonical_url"] == url and result.fields["image"] is None


def test_an_author_link_urllib_cannot_read_is_no_name() -> None:
    """The author-page link beside a byline ("Articles by Jane" to /authors/jane-doe) is read
    for the name its URL spells; an unreadable one names no one and breaks nothing."""
    byline = '<p>Jane Doe</p><p>Writer</p><a href="https://[]/authors/jane-doe">Articles by Jane</a>'
    url = "https://news.example/2025/01/02/harbour-works"
    result = extract_page(STORY.format(head="").replace("<article>", "<article>" + byline), url, assume_article=True)
    assert result.fields is not None, result.skip_reason


def test_a_sitemap_keeps_its_readable_entries() -> None:
    body = (
        b'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        b"<url><loc>https://[]/broken</loc></url><url><loc>https://news.example/2025/01/02/a</loc></url></urlset>"
    )
    parsed = parse_sitemap(body, "https://news.example/sitemap.xml")
    assert parsed is not None and [a.url for a in parsed.articles] == ["https://news.example/2025/01/02/a"]
    index = body.replace(b"urlset", b"sitemapindex").replace(b"<url>", b"<sitemap>").replace(b"</url>", b"</sitemap>")
    parsed_index = parse_sitemap(index, "https://news.example/sitemap.xml")
    assert parsed_index is not None and parsed_index.sitemaps == ["https://news.example/2025/01/02/a"]


def test_a_feed_keeps_its_readable_entries() -> None:
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>News</title>'
        b"<item><title>A</title><link>https://[]/a</link></item>"
        b"<item><title>B</title><link>https://news.example/2025/01/02/b</link></item></channel></rss>"
    )
    candidates = parse_feed(body, "https://news.example/feed.xml")
    assert candidates is not None and [c.url for c in candidates] == ["https://news.example/2025/01/02/b"]


def test_feed_links_skip_an_unreadable_href() -> None:
    page = (
        '<html><head><link rel="alternate" type="application/rss+xml" href="https://[]/rss">'
        '<link rel="alternate" type="application/rss+xml" href="/rss.xml"></head></html>'
    )
    assert feed_links_in_page(Selector(text=page), "https://news.example/") == ["https://news.example/rss.xml"]


def test_normalize_drops_an_unreadable_image_and_keeps_the_record() -> None:
    assert normalize_url("https://[]/img.jpg", "https://news.example/a") is None
    item = article_from_fields(
        {"title": "Harbour works begin", "body": "The harbour works began. " * 20, "image": "https://[]/img.jpg"},
        url="https://news.example/2025/01/02/a", site="news", fetched_at="2025-01-02T10:00:00+00:00",
    )
    normalized = ItemAdapter(NormalizePipeline.from_crawler(get_crawler()).process_item(item))
    assert normalized.get("image") is None and normalized["url"] == "https://news.example/2025/01/02/a"
