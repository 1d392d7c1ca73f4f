"""Article or not: markup, URL shape and extracted text; empty and non-HTML payloads."""

from __future__ import annotations

import json
import zlib

import pytest

from newsspider.extraction import extract_page
from newsspider.urlshape import url_looks_like_article
from tests.faults.server import article_html
from tests.helpers import FIXTURES

FIXTURES = FIXTURES / "extraction"
BASE = "https://worldaffairs-daily.example"
ARTICLE_URL = BASE + "/2023/11/28/united-states-and-peru-convene-for-annual-dialogue-of-the-child-protection-compact-partnership/"

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89" + zlib.compress(b"\x00" * 64)
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" + bytes(range(256))


@pytest.mark.parametrize(
    ("name", "path"),
    [
        ("page_home.html", "/"),
        ("page_section.html", "/category/world/"),
        ("page_tag.html", "/tag/peru/"),
        ("page_about.html", "/about/"),
        ("page_section_nomarkup.html", "/science/"),
    ],
)
def test_index_and_static_pages_are_not_articles(name: str, path: str) -> None:
    result = extract_page((FIXTURES / name).read_bytes(), BASE + path)
    assert result.fields is None
    assert result.skip_reason == "not_article"


@pytest.mark.parametrize("name", ["seed_tagdiv.html", "seed_html5.html", "seed_nonsemantic.html", "seed_flat.html"])
def test_articles_with_and_without_markup(name: str) -> None:
    assert extract_page((FIXTURES / name).read_bytes(), ARTICLE_URL).skip_reason is None


def test_article_without_markup_needs_an_article_url() -> None:
    html = (FIXTURES / "seed_nonsemantic.html").read_bytes()
    assert extract_page(html, BASE + "/world/").skip_reason == "not_article"
    # The spider knows better: assume_article skips classification.
    assert extract_page(html, BASE + "/world/", assume_article=True).fields is not None


def test_about_page_with_assume_article_still_yields_text() -> None:
    result = extract_page((FIXTURES / "page_about.html").read_bytes(), BASE + "/about/", assume_article=True)
    assert result.fields is not None
    assert result.fields["title"] == "About us"


@pytest.mark.parametrize("payload", [b"", b"   \n\t", "", "  "])
def test_empty(payload: bytes | str) -> None:
    assert extract_page(payload, ARTICLE_URL).skip_reason == "empty"


@pytest.mark.parametrize(
    "payload",
    [PNG, PDF, b"GIF89a\x01\x00\x01\x00\x80\x00\x00", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", b"PK\x03\x04\x14\x00\x06\x00", b'{"items": [1, 2, 3]}', "just some plain text, no markup"],
)
def test_not_html(payload: bytes | str) -> None:
    result = extract_page(payload, ARTICLE_URL, assume_article=True)
    assert result.fields is None
    assert result.skip_reason == "not_html"


def test_a_stray_nul_does_not_make_a_page_binary() -> None:
    """A NUL in a link of a decoded page made it ``not_html`` (a crawl hands over text); bytes
    needed 5% control characters. Both count the same now."""
    html = article_html(1, links=("\x00/broken-link",))
    for payload in (html, html.encode()):
        assert extract_page(payload, ARTICLE_URL, assume_article=True).skip_reason is None
    utf16_as_text = html.encode("utf-16-le").decode("latin-1")  # half NULs: binary
    assert extract_page(utf16_as_text, ARTICLE_URL, assume_article=True).skip_reason == "not_html"


def test_article_markup_without_text_is_no_body() -> None:
    html = (
        '<html><head><meta property="og:type" content="article"><title>Video: the storm</title></head>'
        '<body><h1>Video: the storm</h1><video src="/v.mp4"></video></body></html>'
    )
    assert extract_page(html, BASE + "/2024/01/02/video-the-storm-hits-the-coast/").skip_reason == "no_body"


def test_jsonld_article_body_is_a_fallback() -> None:
    body = "First paragraph of the story with enough words to count.\nSecond paragraph follows here."
    data = json.dumps({"@type": "NewsArticle", "headline": "Storm hits the coast", "articleBody": body})
    html = (
        f'<html><head><script type="application/ld+json">{data}</script></head>'
        '<body><h1>Storm hits the coast</h1><div id="app"></div></body></html>'
    )
    fields = extract_page(html, BASE + "/2024/01/02/storm-hits-the-coast-again/").fields
    assert fields is not None
    assert fields["extraction"] == "jsonld"
    assert fields["body"] == body.replace("\n", "\n\n")


def test_malformed_html_does_not_raise() -> None:
    for junk in ["<html><body><p>unclosed <b>bold <i>text", "<<<>>><div></span></p>", "<html>\x00\x01</html>", "<?xml version='1.0' encoding='utf-8'?><html><body><p>x</p></body></html>"]:
        result = extract_page(junk, ARTICLE_URL)
        assert result.fields is None or isinstance(result.fields["body"], str)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.example/2023/11/28/some-story/", True),
        ("https://a.example/news/peru-convenes-child-protection-dialogue", True),
        ("https://a.example/world/article-123456.html", True),
        ("https://a.example/", False),
        ("https://a.example/world/", False),
        ("https://a.example/tag/peru-child-protection-trafficking-news/", False),
        ("https://a.example/category/world/page/2/", False),
        ("https://a.example/about-us/", False),
    ],
)
def test_url_looks_like_article(url: str, expected: bool) -> None:
    assert url_looks_like_article(url) is expected
