"""The per-page extraction time budget on a real page: a 5 MB page of 120,000 paragraphs (about
half a minute of extraction) is dropped as ``extraction_timeout`` and the crawl goes on."""

from __future__ import annotations

from pathlib import Path

from newsspider.pool import TIMEOUT_REASON
from tests.faults.harness import crawl
from tests.faults.server import WORDS, FaultServer, article_html, index_html, respond

PARAGRAPHS = 120_000


def slow_page() -> str:
    """An article page with ``PARAGRAPHS`` short paragraphs: cheap to serve, slow to extract."""
    words = " ".join(WORDS[:6])
    body = "".join(f"<p>Paragraph {n}: {words}.</p>" for n in range(PARAGRAPHS))
    return article_html(1, title="A very long page", body=body)


def test_a_page_over_the_extraction_budget_is_dropped_and_the_crawl_goes_on(tmp_path: Path) -> None:
    page = slow_page()
    assert 4_000_000 < len(page) < 16 * 1024 * 1024  # under DOWNLOAD_MAXSIZE: the budget, not the size limit, stops it
    routes = {
        "/": respond(index_html(["/news/slow.html", "/news/fine.html"])),
        "/news/slow.html": respond(page),
        "/news/fine.html": respond(article_html(2)),
    }
    with FaultServer(routes) as site:
        result = crawl(tmp_path, site.url, "NEWSSPIDER_DISCOVERY=links", "NEWSSPIDER_SITELEARN_HOLD=0",
                       "NEWSSPIDER_EXTRACTION_WORKERS=1", "NEWSSPIDER_EXTRACTION_TIMEOUT=2")  # fmt: skip
    assert result.proc.returncode == 0, result.proc.stderr[-3000:]
    assert result.stat(f"newsspider/dropped/{TIMEOUT_REASON}") == 1
    assert [r["url"] for r in result.records] == [site.url_for("/news/fine.html")]
