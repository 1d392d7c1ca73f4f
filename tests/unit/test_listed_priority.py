"""Listed URLs are queued by how likely they are articles, not by which sitemap came last.

Scrapy pops equal-priority requests last-in first-out: with one priority for every listed URL, a
sitemap of sections and tags parsed after the article sitemaps was fetched first, and a crawl's
page budget (``new-site``'s 60-page sample) went to listings in some runs and to articles in others.
"""

from __future__ import annotations

from scrapy.utils.test import get_crawler

from newsspider.discovery import ArticleCandidate, parse_sitemap
from newsspider.discovery.spider import LISTED_ARTICLE_PRIORITY, listed_priority
from newsspider.spiders.news import GenericNewsSpider

ARTICLES = b"""<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://news.example/news/40100-fisheries-pact-signed-after-marathon-talks</loc><lastmod>2024-01-04T12:20:00+01:00</lastmod></url>
<url><loc>http://news.example/article?id=40114</loc><lastmod>2024-01-18T03:15:00+01:00</lastmod></url>
</urlset>"""
PAGES = b"""<?xml version="1.0" encoding="utf-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>http://news.example/section/world?page=2</loc></url>
<url><loc>http://news.example/tag/climate</loc></url>
<url><loc>http://news.example/about</loc></url>
<url><loc>http://news.example/gallery/900-scenes-from-the-harbour-festival</loc></url>
</urlset>"""


def _priorities(body: bytes) -> list[int]:
    spider = GenericNewsSpider.from_crawler(get_crawler(GenericNewsSpider), url="http://news.example/")
    parsed = parse_sitemap(body, "http://news.example/sitemap.xml")
    assert parsed is not None
    return [request.priority for request in spider._article_requests(parsed.articles)]


def test_dated_article_entries_come_before_an_undated_sitemap_of_pages() -> None:
    articles, pages = _priorities(ARTICLES), _priorities(PAGES)
    assert len(articles) == 2 and len(pages) == 4
    assert min(articles) > max(pages)


def test_every_listed_url_still_comes_before_followed_links() -> None:
    worst = listed_priority(ArticleCandidate("http://news.example/tag/a/b/c/d/e/f/g/page/2/file.pdf", "sitemap"))
    best_link = GenericNewsSpider.from_crawler(get_crawler(GenericNewsSpider), url="http://news.example/").follow_priority(
        "http://news.example/2024/04/21/news/40100-fisheries-pact-signed-after-marathon-talks")
    assert best_link < worst < LISTED_ARTICLE_PRIORITY


def test_a_feed_item_with_a_date_ranks_as_a_dated_sitemap_entry() -> None:
    url = "http://news.example/article?id=40114"
    assert listed_priority(ArticleCandidate(url, "feed", published="2024-01-18T03:15:00+01:00")) == listed_priority(
        ArticleCandidate(url, "sitemap", lastmod="2024-01-18T03:15:00+01:00")) > listed_priority(ArticleCandidate(url, "sitemap"))
