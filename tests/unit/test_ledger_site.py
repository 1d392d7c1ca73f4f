"""The second bundled site, The Daily Ledger: its URL shapes, ground truth, determinism, server."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from newsspider.demo import GROUND_TRUTH_PATH as DEMO_TRUTH
from newsspider.ledger import GROUND_TRUTH_PATH, SITE_DIR, LedgerServer
from newsspider.ledger.build_site import build
from newsspider.ledger.server import ROUTES_FILE
from tests.unit.test_demo_site import visible_text


@pytest.fixture(scope="module")
def truth() -> dict[str, Any]:
    return json.loads(GROUND_TRUTH_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def routes() -> dict[str, str]:
    return json.loads((SITE_DIR / ROUTES_FILE).read_text(encoding="utf-8"))


def test_url_shapes_differ_from_the_demo(truth: dict[str, Any]) -> None:
    articles = list(truth["articles"])
    assert len(articles) == 48
    assert all(re.fullmatch(r"/news/\d+-[a-z0-9-]+|/article\?id=\d+", u) for u in articles)
    assert sum(u.startswith("/article?id=") for u in articles) == 16  # query-string articles
    non = truth["non_articles"]
    for shape in (r"/section/[a-z]+\?page=2", r"/tag/[a-z0-9-]+", r"/author/[a-z-]+", "/about", "/contact", "/live",
                  r"/gallery/\d+-[a-z-]+"):
        assert any(re.fullmatch(shape, u) for u in non), shape
    assert not set(articles) & set(json.loads(DEMO_TRUTH.read_text(encoding="utf-8"))["articles"])


def test_bodies_are_on_their_pages_and_markers_are_not_in_bodies(truth: dict[str, Any], routes: dict[str, str]) -> None:
    for url, art in truth["articles"].items():
        text = visible_text((SITE_DIR / routes[url]).read_text(encoding="utf-8"))
        for paragraph in art["body"].split("\n\n"):
            assert paragraph in text, (url, paragraph[:60])
        assert not [m for m in truth["boilerplate_markers"] if m in art["body"]]
        assert all(m in text for m in ("Support independent reporting", "Read next", "Topics:")), url


def test_every_link_has_a_route_or_is_disallowed(routes: dict[str, str]) -> None:
    disallowed = re.findall(r"^Disallow: (\S+)", (SITE_DIR / "robots.txt").read_text(encoding="utf-8"), re.M)
    assert disallowed == ["/login", "/print"]
    for rel in set(routes.values()):
        if rel.endswith(".html"):
            for href in re.findall(r'(?:href|src)="([^"#]+)"', (SITE_DIR / rel).read_text(encoding="utf-8")):
                assert href.replace("&amp;", "&") in routes or href in disallowed, (rel, href)


def test_server_tells_query_strings_apart(truth: dict[str, Any], routes: dict[str, str]) -> None:
    queried = [u for u in truth["articles"] if "?" in u][:2]
    with LedgerServer() as server:
        bodies = []
        for url in queried:
            with urllib.request.urlopen(server.url + url.lstrip("/"), timeout=5) as resp:
                assert resp.headers["Content-Type"] == "text/html; charset=utf-8"
                bodies.append(resp.read())
            assert bodies[-1] == (SITE_DIR / routes[url]).read_bytes()
        assert bodies[0] != bodies[1]
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(server.url + "article?id=1", timeout=5)
        assert err.value.code == 404
        assert server.requests == [*queried, "/article?id=1"]


def test_build_is_deterministic(tmp_path: Path) -> None:
    out, gt = tmp_path / "site", tmp_path / "ground_truth.json"
    build(out, gt)
    assert gt.read_bytes() == GROUND_TRUTH_PATH.read_bytes()
    fresh = sorted(p.relative_to(out) for p in out.rglob("*") if p.is_file())
    assert fresh == sorted(p.relative_to(SITE_DIR) for p in SITE_DIR.rglob("*") if p.is_file())
    for rel in fresh:
        assert (out / rel).read_bytes() == (SITE_DIR / rel).read_bytes(), rel
