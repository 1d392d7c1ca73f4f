"""A near miss of a known ``-a`` argument is refused in one line naming it (Scrapy would hand
it to the spider as an attribute, and the crawl would run without the limit it meant)."""

from __future__ import annotations

import pytest

from newsspider.spiders.base import ARGUMENTS, misspelt_argument
from newsspider.spiders.sites import SitesSpider


@pytest.mark.parametrize(
    ("name", "meant"),
    [("max_article", "max_articles"), ("maxpages", "max_pages"), ("depht", "depth"), ("snce", "since"), ("URL", "url")],
)
def test_a_misspelt_spider_argument_names_the_known_one(name: str, meant: str) -> None:
    assert misspelt_argument(name, ARGUMENTS).endswith(f"did you mean -a {meant}=?")


@pytest.mark.parametrize("name", ["url", "max_articles", "stats_path", "skip_seen", "url_demo"])
def test_known_and_unrelated_spider_arguments_pass(name: str) -> None:
    """A spider of your own may read arguments of its own (the tests' read ``stats_path``)."""
    assert misspelt_argument(name, ARGUMENTS) == ""


def test_the_sites_spider_knows_its_own_argument() -> None:
    assert misspelt_argument("site", SitesSpider.arguments).endswith("did you mean -a sites=?")
    assert misspelt_argument("sites", SitesSpider.arguments) == ""
