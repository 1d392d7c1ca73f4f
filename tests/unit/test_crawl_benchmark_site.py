"""benchmarks/crawl.py's generated sites: every article reachable from the home page, each shape
as documented (the crawl benchmark's "all articles exported" bar depends on it)."""

from __future__ import annotations

import re

import pytest

from benchmarks.crawl import LISTING_SIZE, SHAPES, article_path, generate_site

PAGES = 300
HREF = re.compile(rb'<a [^>]*href="(/[^"#]*)"')


def _reachable(site: dict[str, bytes]) -> set[str]:
    seen, frontier = {"/"}, ["/"]
    while frontier:
        for link in HREF.findall(site.get(frontier.pop(), b"")):
            path = link.decode()
            if path in site and path not in seen:
                seen.add(path)
                frontier.append(path)
    return seen


@pytest.mark.parametrize("shape", SHAPES)
def test_every_article_is_reachable_from_the_home_page(shape: str) -> None:
    site = generate_site(PAGES, shape)
    articles = {article_path(i) for i in range(PAGES)}
    assert articles <= site.keys()
    assert articles <= _reachable(site)


def test_shapes_differ_as_documented() -> None:
    small, large, listing = (generate_site(PAGES, shape) for shape in ("small", "large", "listing"))
    mean_size = {name: sum(len(site[article_path(i)]) for i in range(PAGES)) / PAGES for name, site in
                 (("small", small), ("large", large))}  # fmt: skip
    assert mean_size["small"] < 15_000 < 50_000 < mean_size["large"]
    assert any(path.startswith("/tags/") for path in small)  # section and tag pages are served
    first_listing = listing["/page/0.html"]
    assert first_listing == listing["/"]
    assert len(HREF.findall(first_listing)) > LISTING_SIZE >= 100
    assert b'href="/page/1.html">Next' in first_listing
