"""Links a page repeats from the pages before it are requested once (spider-level, before Scrapy)."""

from __future__ import annotations

from scrapy.utils.test import get_crawler

from newsspider.spiders.news import GenericNewsSpider


def _urls(links: object) -> list[str]:
    return list(links)  # type: ignore[call-overload]


def _spider(depth_limit: int = 0) -> GenericNewsSpider:
    return GenericNewsSpider.from_crawler(get_crawler(GenericNewsSpider, {"DEPTH_LIMIT": depth_limit}), url="http://news.example/")


def test_a_link_is_followed_once() -> None:
    """Without a depth limit, a link followed once was scheduled: never again, at any depth."""
    spider = _spider()
    a, b, c = (f"http://news.example/{name}.html" for name in "abc")
    assert _urls(spider._links_not_yet_followed([a, b, a], depth=2)) == [a, b]
    assert _urls(spider._links_not_yet_followed([a, c], depth=2)) == [c]
    assert _urls(spider._links_not_yet_followed([a, b], depth=3)) == []
    assert _urls(spider._links_not_yet_followed([a, b], depth=1)) == []


def test_a_link_found_too_deep_is_followed_again_within_the_limit() -> None:
    """A link first found too deep for DEPTH_LIMIT (dropped then) must not be lost when a
    shallower page has it; one followed within the limit is not followed again."""
    spider = _spider(depth_limit=2)
    a, b = "http://news.example/a.html", "http://news.example/b.html"
    assert _urls(spider._links_not_yet_followed([a, b], depth=3)) == [a, b]
    assert _urls(spider._links_not_yet_followed([a], depth=4)) == []
    assert _urls(spider._links_not_yet_followed([a], depth=2)) == [a]
    assert _urls(spider._links_not_yet_followed([a], depth=1)) == []
    assert _urls(spider._links_not_yet_followed([b], depth=1)) == [b]
    assert _urls(spider._links_not_yet_followed([b], depth=0)) == []


def test_a_link_is_followed_without_its_fragment() -> None:
    """``#share-…``/``#comments`` links to a followed page are that page: not followed again."""
    spider = _spider()
    assert list(spider._links_not_yet_followed(["http://news.example/a.html#top", "http://news.example/b.html"], depth=1)) == [
        "http://news.example/a.html", "http://news.example/b.html",
    ]
    assert list(spider._links_not_yet_followed(["http://news.example/a.html#share-email", "http://news.example/a.html"], depth=2)) == []
