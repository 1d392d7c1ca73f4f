"""``new-site``'s sample spider splits the budget: feeds and sitemaps take at most half of
``--pages``, and followed links are taken kind by kind (start page first), so that section, tag,
author and pagination pages are sampled even when a news sitemap lists thousands of articles."""

from __future__ import annotations

from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from newsspider.discovery import ArticleCandidate
from newsspider.discovery.candidates import START_PAGE_META
from newsspider.discovery.spider import LISTED_ARTICLE_PRIORITY, listed_priority
from newsspider.sites.infer import infer_article_patterns, url_kind
from newsspider.sites.newsite import Sample, report
from newsspider.sites.sample import SampleSpider, round_robin

SITE = "http://news.example"


def _spider(pages: int = 10) -> SampleSpider:
    crawler = get_crawler(SampleSpider, {"CLOSESPIDER_PAGECOUNT": pages})
    return SampleSpider.from_crawler(crawler, url=SITE + "/")


def _dated(path: str) -> ArticleCandidate:
    return ArticleCandidate(SITE + path, "sitemap", published="2026-11-30T10:00:00+00:00")


def _page(path: str, *, start: bool) -> HtmlResponse:
    request = Request(SITE + path, meta={START_PAGE_META: True} if start else {})
    return HtmlResponse(SITE + path, body=b"<html></html>", request=request)


def test_round_robin_takes_one_of_each_kind_in_turn() -> None:
    items = ["a1", "a2", "a3", "b1", "c1", "b2"]
    assert round_robin(items, lambda s: s[0]) == ["a1", "b1", "c1", "a2", "b2", "a3"]
    assert round_robin([], lambda s: s) == []


def test_url_kind_is_the_layout_and_the_first_word() -> None:
    assert url_kind(SITE + "/world/a-long-story-slug/") == url_kind(SITE + "/world/another-one/")
    assert url_kind(SITE + "/world/a-long-story-slug/") != url_kind(SITE + "/tag/climate/")
    assert url_kind(SITE + "/2026/11/30/story") == url_kind(SITE + "/2025/01/02/other")  # no word: the layout
    assert url_kind(SITE + "/article?id=7") != url_kind(SITE + "/article")


def test_listings_take_at_most_half_the_budget_over_all_feeds_and_sitemaps() -> None:
    spider = _spider(pages=10)
    first = spider.listed_to_fetch([_dated(f"/world/story-number-{i}/") for i in range(4)])
    assert [c.url for c in first] == [f"{SITE}/world/story-number-{i}/" for i in range(4)]
    again = [_dated("/world/story-number-0/"), *(_dated(f"/science/finding-{i}/") for i in range(5))]
    assert [c.url for c in spider.listed_to_fetch(again)] == [f"{SITE}/science/finding-0/"]  # 5 of 10; no URL twice
    assert spider.listed_to_fetch([_dated("/culture/late-entry/")]) == []


def test_a_short_quota_still_samples_every_kind_a_listing_holds() -> None:
    spider = _spider(pages=6)  # 3 listed URLs
    listing = [*(_dated(f"/world/story-{i}/") for i in range(20)), _dated("/article?id=9"),
               ArticleCandidate(SITE + "/tag/climate/", "sitemap")]
    chosen = [c.url.removeprefix(SITE) for c in spider.listed_to_fetch(listing)]
    assert chosen == ["/world/story-0/", "/article?id=9", "/tag/climate/"]


def test_without_a_budget_every_listed_url_is_requested() -> None:
    spider = _spider(pages=0)
    assert len(spider.listed_to_fetch([_dated(f"/world/story-{i}/") for i in range(300)])) == 300


def test_the_hook_decides_which_listed_urls_become_requests() -> None:
    spider = _spider(pages=4)
    requests = list(spider._article_requests([_dated(f"/world/story-{i}/") for i in range(9)]))
    assert [r.url for r in requests] == [f"{SITE}/world/story-0/", f"{SITE}/world/story-1/"]
    assert all(r.priority == listed_priority(_dated("/world/story-0/")) for r in requests)


def test_followed_links_go_kind_by_kind_start_page_first_and_after_listed_urls() -> None:
    spider = _spider()
    home, article = _page("/", start=True), _page("/world/story-0/", start=False)
    on_home = ["/world/story-1/", "/world/story-2/", "/tag/climate/", "/tag/jobs/", "/world/", "/world/page/2/"]
    priorities = {path: spider.follow_priority(SITE + path, home) for path in on_home}
    assert priorities["/tag/climate/"] == priorities["/world/story-1/"] == priorities["/world/"] == priorities["/world/page/2/"]
    assert priorities["/tag/jobs/"] == priorities["/world/story-2/"] < priorities["/tag/climate/"]
    from_article = spider.follow_priority(SITE + "/author/someone/", article)  # a new kind, but not on the start page
    assert from_article < min(priorities.values())
    worst_listed = listed_priority(ArticleCandidate(SITE + "/tag/a/b/c/d/e/f/g/page/2/file.pdf", "sitemap"))
    assert max(priorities.values()) < worst_listed < LISTED_ARTICLE_PRIORITY


def test_the_report_says_where_a_crawled_sample_came_from() -> None:
    articles = [f"{SITE}/world/story-{i}/" for i in range(12)]
    others = [f"{SITE}/tag/t{i}/" for i in range(6)]
    crawled = Sample(SITE + "/", pages=articles + others, from_listings=set(articles[:8]), crawled=True,
                     records={u: {} for u in articles})
    text = report(crawled, infer_article_patterns(crawled.records, crawled.non_articles))
    assert "sample sources: 8 pages listed by feeds and sitemaps, 10 reached by following links" in text
    assert "confidence: high" in text
    saved = Sample(SITE + "/", pages=articles + others, records={u: {} for u in articles})
    assert "sample sources" not in report(saved, infer_article_patterns(saved.records, saved.non_articles))
