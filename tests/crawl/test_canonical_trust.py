"""Canonical URLs that do not name the page (home page, section) are not trusted: unit and crawl."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsspider.demo.server import DemoServer
from newsspider.extraction import extract_page
from newsspider.urlshape import is_home_page, trusted_canonical
from tests.helpers import SMALL_ARTICLES, article_page, read_jsonl, run_scrapy

PAGE = "https://news.example/world/2024/05/council-approves-budget"


@pytest.mark.parametrize(
    ("canonical", "trusted"),
    [
        (PAGE, True),
        (PAGE + "?ref=rss", True),
        ("https://news.example/world/2024/05/another-story", True),  # another page: trusted, dedupe compares texts
        ("https://partner.example/news/council-approves-budget", True),  # syndication
        ("https://news.example/?p=123", True),  # a shortlink, not the home page
        ("https://news.example/", False),
        ("https://news.example", False),
        ("https://news.example/index.html", False),
        ("https://partner.example/", False),
        ("https://news.example/world/", False),
        ("https://news.example/world/2024/", False),
        ("https://news.example/world/2024/05", False),
        ("", False),
    ],
)
def test_trusted_canonical(canonical: str, trusted: bool) -> None:
    assert trusted_canonical(PAGE, canonical) is trusted


def test_an_ancestor_naming_one_story_is_trusted() -> None:
    assert trusted_canonical(PAGE + "/amp", PAGE)
    assert trusted_canonical("https://x.example/a/story/2", "https://x.example/a/story")  # page 2 of a story
    assert trusted_canonical("https://x.example/news/1234567/council-vote", "https://x.example/news/1234567")
    assert trusted_canonical("https://x.example/s/story.html/print", "https://x.example/s/story.html")
    assert not trusted_canonical("https://x.example/us-news/2024/may/05/vote", "https://x.example/us-news")


def test_is_home_page() -> None:
    assert is_home_page("https://x.example/") and is_home_page("https://x.example/home")
    assert not is_home_page("https://x.example/?id=42") and not is_home_page("https://x.example/world/")


def _site(root: Path, canonical: str) -> None:
    links = "".join(f'<li><a href="/news/2024/05/{slug}.html">{title}</a></li>' for slug, (title, _) in SMALL_ARTICLES.items())
    (root / "index.html").write_text(
        f'<!doctype html><html><head><meta charset="utf-8"><title>Harbour Town News</title></head>'
        f"<body><h1>Harbour Town News</h1><ul>{links}</ul></body></html>",
        encoding="utf-8",
    )
    folder = root / "news" / "2024" / "05"
    folder.mkdir(parents=True)
    for slug, (title, paragraphs) in SMALL_ARTICLES.items():
        (folder / f"{slug}.html").write_text(article_page(title, canonical, paragraphs), encoding="utf-8")


def test_extracted_home_page_canonical_becomes_the_page_url() -> None:
    slug, (title, paragraphs) = next(iter(SMALL_ARTICLES.items()))
    url = f"https://town.example/news/2024/05/{slug}.html"
    fields = extract_page(article_page(title, "/", paragraphs), url).fields
    assert fields is not None and fields["canonical_url"] == url
    fields = extract_page(article_page(title, "https://town.example/story/harbour-budget", paragraphs), url).fields
    assert fields is not None and fields["canonical_url"] == "https://town.example/story/harbour-budget"


def test_crawl_keeps_every_article_whose_canonical_is_the_home_page(tmp_path: Path) -> None:
    """A site whose template gives every page ``<link rel=canonical href="/">``: all articles exported."""
    root = tmp_path / "site"
    root.mkdir()
    _site(root, canonical="/")
    out = tmp_path / "out.jsonl"
    with DemoServer(root) as server:
        proc = run_scrapy("crawl", "news", "-a", f"url={server.url}", "-O", str(out), timeout=180)
    assert proc.returncode == 0, proc.stderr[-3000:]
    records = read_jsonl(out)
    assert sorted(r["title"] for r in records) == sorted(title for title, _ in SMALL_ARTICLES.values())
    assert all(r["canonical_url"] == r["url"] for r in records)
    assert "duplicate_url" not in proc.stderr
