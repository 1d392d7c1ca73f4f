"""Tests of the bundled demo site: ground truth, pages, determinism and the static server."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from datetime import datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from newsspider.demo import GROUND_TRUTH_PATH, SITE_DIR, DemoServer
from newsspider.demo.build_site import build

ARTICLE_PATH = re.compile(r"^/([a-z]+)/(\d{4})/(\d{2})/(\d{2})/[a-z0-9-]+\.html$")

# Every article page must show each kind of boilerplate of the reference page.
BOILERPLATE_KINDS = {
    "top bar date": "Sunday, April 21, 2024",
    "top bar weather": "14.2 C",
    "top bar city": "Los Angeles",
    "source credit": "Story from",
    "disclaimer": "Disclaimer: The views expressed in this article are",
    "other content": "Check out our other content",
    "other tags": "Check out other tags:",
    "most popular": "Most Popular Articles",
    "share bar": "Share this",
    "newsletter prompt": "newsletter",
    "copyright footer": "\u00a9 2024 Demo Daily",
}


class _VisibleText(HTMLParser):
    """Text of ``<body>`` as a naive scraper sees it (no scripts, styles or ``<head>``)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0
        self._in_body = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self._in_body = True
        elif tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if self._in_body and not self._skip:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return re.sub(r"\s+", " ", "".join(parser.parts))


def page_file(path: str, root: Path = SITE_DIR) -> Path:
    rel = path.lstrip("/")
    return root / (rel + "index.html" if rel == "" or rel.endswith("/") else rel)


@pytest.fixture(scope="module")
def truth() -> dict[str, Any]:
    return json.loads(GROUND_TRUTH_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def pages(truth: dict[str, Any]) -> dict[str, str]:
    return {path: page_file(path).read_text(encoding="utf-8") for path in truth["articles"]}


def test_ground_truth_shape(truth: dict[str, Any]) -> None:
    arts = truth["articles"]
    assert truth["site"] == "Demo Daily"
    assert len(arts) >= 48
    sections = {a["section"] for a in arts.values()}
    assert len(sections) >= 4
    templates = [a["template"] for a in arts.values()]
    assert {"modern", "legacy", "plain", "obfuscated"} <= set(templates)
    assert templates.count("obfuscated") >= 12
    for sec in sections:
        assert sum(a["section"] == sec for a in arts.values()) >= 12
    assert len({a["title"] for a in arts.values()}) == len(arts)
    for path, art in arts.items():
        match = ARTICLE_PATH.match(path)
        assert match, path
        assert match.group(1) == art["section"].lower()
        published = datetime.fromisoformat(art["published"])
        assert published.tzinfo is not None and published.year == 2024
        assert (published.year, published.month, published.day) == tuple(
            int(x) for x in match.groups()[1:])
        if art["modified"] is not None:
            assert datetime.fromisoformat(art["modified"]) > published
        assert 1 <= len(art["authors"]) <= 3
        assert all(isinstance(n, str) and not n.startswith("By ") for n in art["authors"])
        assert art["tags"] and art["description"]
        paragraphs = [b for b in art["body"].split("\n\n") if len(b.split()) >= 40]
        assert 3 <= len(paragraphs) <= 6, path
        assert all(len(b.split()) <= 120 for b in paragraphs), path
        assert art["title"] not in art["body"]
    assert any(a["modified"] for a in arts.values())
    assert any(a["modified"] is None for a in arts.values())


def test_paragraphs_unique(truth: dict[str, Any]) -> None:
    blocks = [b for a in truth["articles"].values() for b in a["body"].split("\n\n")]
    assert len(blocks) == len(set(blocks))


def test_markers_never_in_bodies(truth: dict[str, Any]) -> None:
    markers = truth["boilerplate_markers"]
    assert {"Story from", "Disclaimer:", "Most Popular Articles", "14.2 C"} <= set(markers)
    for path, art in truth["articles"].items():
        for marker in markers:
            assert marker not in art["body"], (path, marker)


def test_article_pages_carry_all_boilerplate(truth: dict[str, Any],
                                              pages: dict[str, str]) -> None:
    for path, art in truth["articles"].items():
        text = visible_text(pages[path])
        for kind, needle in BOILERPLATE_KINDS.items():
            assert needle in text, (path, kind)
        # section label glued to the headline, as a naive scraper sees it
        assert art["section"] + art["title"] in text, path
        # teaser list: other headlines followed by their first words and "..."
        assert re.search(r"\w\.\.\.", text), path
        # credit, disclaimer and link blocks come after the body (inside the article)
        last_block = art["body"].split("\n\n")[-1]
        end_of_body = text.index(last_block) + len(last_block)
        for needle in ("Story from", "Disclaimer:", "Check out our other content",
                       "Check out other tags:"):
            assert needle in text[end_of_body:], (path, needle)


def test_body_text_on_page(truth: dict[str, Any], pages: dict[str, str]) -> None:
    for path, art in truth["articles"].items():
        text = visible_text(pages[path])
        for block in art["body"].split("\n\n"):
            assert block in text, (path, block[:60])
        assert art["title"] in text
        for author in art["authors"]:
            assert author in text, (path, author)


def test_site_boilerplate_only_on_obfuscated_pages(truth: dict[str, Any], pages: dict[str, str]) -> None:
    """The site-specific lines repeat on every obfuscated page and on no other: only learning
    across pages can tell them from the story."""
    markers = truth["site_boilerplate_markers"]
    assert markers
    for path, art in truth["articles"].items():
        text = visible_text(pages[path])
        for marker in markers:
            assert (marker in text) == (art["template"] == "obfuscated"), (path, marker)
            assert marker not in art["body"]


def test_template_markup(truth: dict[str, Any], pages: dict[str, str]) -> None:
    for path, art in truth["articles"].items():
        html = pages[path]
        assert "<h1" in html
        ld = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
        if art["template"] == "modern":
            data = json.loads(ld[0])
            assert data["@type"] == "NewsArticle" and "articleBody" not in data
            assert data["headline"] == art["title"]
            assert [a["name"] for a in data["author"]] == art["authors"]
            assert data["datePublished"] == art["published"]
            assert data.get("dateModified") == art["modified"]
            assert '<meta property="og:type" content="article">' in html
            assert f'<time datetime="{art["published"]}"' in html
        elif art["template"] == "legacy":
            assert not ld
            assert 'class="td-post-content' in html and "td-post-sidebar" in html
            assert f'<meta name="author" content="{", ".join(art["authors"])}"' in html
            assert f'content="{art["published"]}"' in html
        elif art["template"] == "plain":
            data = json.loads(ld[0])
            assert data["articleBody"] == art["body"]
        elif art["template"] == "obfuscated":
            assert not ld
            body = html[html.index("<body") :]
            # No markup that says what an element is: hashed classes, no semantic sections.
            for tag in ("article", "aside", "nav", "main", "header", "footer", "section"):
                assert f"<{tag}" not in body, (path, tag)
            classes = re.findall(r'class="([^"]+)"', body)
            assert classes and all(re.fullmatch(r"css-[0-9a-z]{4,8}", c) for c in classes), path
            # One column: everything from the top bar to the footer is a sibling in one container.
            assert body.count("<div") > 30
            for marker in truth["site_boilerplate_markers"]:
                assert marker in visible_text(html), (path, marker)
        else:  # pragma: no cover
            pytest.fail(f"unknown template {art['template']}")
        text = visible_text(html)
        assert re.search(r"By [A-Z]", text), path


def test_non_article_pages(truth: dict[str, Any]) -> None:
    non_articles = truth["non_articles"]
    for required in ("/", "/world/", "/business/", "/science/", "/culture/", "/about/"):
        assert required in non_articles
    assert any(p.startswith("/tags/") for p in non_articles)
    for path in non_articles:
        html = page_file(path).read_text(encoding="utf-8")
        assert '<meta property="og:type" content="website">' in html, path
        assert "NewsArticle" not in html and "article:published_time" not in html, path
    section_html = page_file("/world/").read_text(encoding="utf-8")
    world = [p for p, a in truth["articles"].items() if a["section"] == "World"]
    assert all(f'href="{p}"' in section_html for p in world)


def test_all_internal_links_resolve(truth: dict[str, Any]) -> None:
    for html_file in SITE_DIR.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        for href in re.findall(r'(?:href|src)="([^"#]+)"', html):
            assert href.startswith("/"), (html_file, href)
            assert page_file(href).exists(), (html_file, href)


def test_server_serves_site(truth: dict[str, Any]) -> None:
    article = next(iter(truth["articles"]))
    with DemoServer() as server:
        assert re.fullmatch(r"http://127\.0\.0\.1:\d+/", server.url)
        for path in ("/", "/world/", article):
            with urllib.request.urlopen(server.url + path.lstrip("/"), timeout=5) as resp:
                assert resp.status == 200
                assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
                body = resp.read().decode("utf-8")
            assert body == page_file(path).read_text(encoding="utf-8")
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(server.url + "no/such/page.html", timeout=5)
        assert err.value.code == 404
        assert server.requests == ["/", "/world/", article, "/no/such/page.html"]
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(server.url, timeout=2)


def test_build_is_deterministic(tmp_path: Path) -> None:
    out, gt = tmp_path / "site", tmp_path / "ground_truth.json"
    build(out, gt)
    assert gt.read_bytes() == GROUND_TRUTH_PATH.read_bytes()
    fresh = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    committed = sorted(p.relative_to(SITE_DIR) for p in SITE_DIR.rglob("*") if p.is_file())
    assert fresh == committed
    for rel in fresh:
        assert (out / rel).read_bytes() == (SITE_DIR / rel).read_bytes(), rel
