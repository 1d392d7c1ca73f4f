"""Article URL pattern inference (newsspider/sites/infer.py), on URL lists, matched as the crawl matches them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from newsspider.demo import GROUND_TRUTH_PATH as DEMO_TRUTH
from newsspider.ledger import GROUND_TRUTH_PATH as LEDGER_TRUTH
from newsspider.sites.infer import infer_article_patterns, matching, shape_of, split_url
from newsspider.sites.newsite import site_name

BASE = "https://www.example.com"


def urls(*paths: str) -> list[str]:
    return [BASE + p for p in paths]


@pytest.mark.parametrize(("values", "shape"), [
    (["2023", "2024"], r"\d{4}"),
    (["2024"], r"\d{4}"),  # one year in the sample: still a number, not a fixed word
    (["01", "12"], r"\d{2}"),
    (["news", "news"], "news"),
    (["world", "business"], "[a-z]+"),
    (["123-a-slug", "9-b"], r"\d+-[\w-]+"),
    (["a-slug-123", "b-9"], r"[\w-]+-\d+"),
    (["a-slug.html", "another.html"], r"[\w-]+\.html"),
    (["a-slug", "Über_x"], r"[\w-]+"),
])
def test_segment_shapes(values: list[str], shape: str) -> None:
    assert shape_of(values) == shape
    assert all(re.fullmatch(shape, v) for v in values)


def test_split_url() -> None:
    parts = split_url("https://x.org/a/b/?id=3&p=x")
    assert parts.segments == ("a", "b") and parts.trailing_slash and parts.query == (("id", "3"), ("p", "x"))
    assert parts.layout == (2, True, ("id", "p"))


def test_one_pattern_per_layout_generalises_to_unseen_values() -> None:
    articles = urls("/world/2024/05/01/floods-hit-the-north.html", "/business/2023/11/30/bank-cuts-rates.html",
                    "/news/1234-mayor-resigns", "/news/98-storm-warning", "/article?id=77", "/article?id=1203")
    others = urls("/", "/world/", "/tag/climate", "/section/world?page=2", "/about", "/author/jane-doe")
    found = infer_article_patterns(articles, others)
    assert found.regexes == [r"^/[a-z]+/\d{4}/\d{2}/\d{2}/[\w-]+\.html$", r"^/news/\d+-[\w-]+$", r"^/article\?id=\d+$"]
    assert (found.coverage, found.precision, found.counter_examples) == (1.0, 1.0, [])
    unseen = urls("/science/2025/01/02/comet-found.html", "/news/5-new-story", "/article?id=5")
    assert matching(found.regexes, unseen) == unseen
    assert not matching(found.regexes, urls("/gallery/12-photos", "/article?page=2", "/news/live", "/x/news", "/x/news/5-a-story"))


def test_a_matching_non_article_narrows_the_position_that_separates_it() -> None:
    articles = urls("/world/2024/05/01/a-b-c.html", "/business/2024/05/02/d-e-f.html", "/world/2023/01/03/g-h.html")
    live = urls("/live/2024/05/01/minute-by-minute.html")
    found = infer_article_patterns(articles, live)
    assert found.regexes == [r"^/(?:business|world)/\d{4}/\d{2}/\d{2}/[\w-]+\.html$"]
    assert found.counter_examples == [] and found.coverage == 1.0


def test_a_counter_example_of_the_same_shape_is_reported() -> None:
    articles = urls("/news/1-a-b", "/news/2-c-d", "/news/3-e-f")
    twin = urls("/news/4-g-h")  # an article-shaped URL whose page is not an article
    found = infer_article_patterns(articles, twin)
    assert found.counter_examples == twin
    assert found.precision == 0.75


def test_a_layout_seen_once_is_left_out() -> None:
    articles = urls(*(f"/news/{i}-story-{i}" for i in range(10)), "/gallery/5-photos-of-the-fair")
    found = infer_article_patterns(articles, urls("/"))
    assert found.regexes == [r"^/news/\d+-[\w-]+$"]
    assert found.left_out == urls("/gallery/5-photos-of-the-fair")
    assert found.covered == 10 and found.articles == 11


@pytest.mark.parametrize("truth_path", [DEMO_TRUTH, LEDGER_TRUTH], ids=["demo", "ledger"])
def test_a_quarter_of_a_bundled_site_gives_patterns_for_all_of_it(truth_path: Path) -> None:
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    articles, others = urls(*truth["articles"]), urls(*truth["non_articles"])
    found = infer_article_patterns(sorted(articles)[1::4], others[::3])
    assert len(matching(found.regexes, articles)) / len(articles) >= 0.95
    assert matching(found.regexes, others) == []


@pytest.mark.parametrize(("url", "name"), [
    ("https://www.example-times.com/", "exampletimes"), ("http://127.0.0.1:8000/", "site_127_0_0_1"),
    ("https://news.bbc.co.uk/x", "news"),
])
def test_site_name(url: str, name: str) -> None:
    assert site_name(url) == name
