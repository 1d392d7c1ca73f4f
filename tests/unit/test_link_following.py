"""Links a page repeats from the pages before it are requested once (spider-level, before Scrapy)."""

from __future__ import annotations

from scrapy.link import Link

from newsspider.spiders.news import GenericNewsSpider


def _urls(links: object) -> list[str]:
    return [link.url for link in links]  # type: ignore[attr-defined]


def test_a_link_is_followed_once_per_depth() -> None:
    spider = GenericNewsSpider(url="http://news.example/")
    a, b, c = (Link(f"http://news.example/{name}.html") for name in "abc")
    assert _urls(spider._links_not_yet_followed([a, b, a], depth=2)) == [a.url, b.url]
    assert _urls(spider._links_not_yet_followed([a, c], depth=2)) == [c.url]
    assert _urls(spider._links_not_yet_followed([a, b], depth=3)) == []


def test_a_link_found_shallower_is_followed_again() -> None:
    """A link first found too deep for DEPTH_LIMIT must not be lost when a shallower page has it."""
    spider = GenericNewsSpider(url="http://news.example/")
    a = Link("http://news.example/a.html")
    assert _urls(spider._links_not_yet_followed([a], depth=3)) == [a.url]
    assert _urls(spider._links_not_yet_followed([a], depth=1)) == [a.url]
    assert _urls(spider._links_not_yet_followed([a], depth=2)) == []
