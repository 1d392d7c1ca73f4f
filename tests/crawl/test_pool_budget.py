"""The per-page extraction time budget on a real page: an 8 MB page of 120,000 paragraphs (several
seconds of extraction) is dropped as ``extraction_timeout`` and the crawl goes on; inline, without
a budget, a 2 MB page of the same kind gets its ordinary outcome."""

from __future__ import annotations

from pathlib import Path

from newsspider.pool import TIMEOUT_REASON
from tests.faults.server import WORDS, FaultServer, article_html, index_html, respond
from tests.helpers import crawl

PARAGRAPHS = 120_000
#: The inline test's page: 2 MB, still hundreds of times an article (extraction is about linear in
#: paragraphs, ~0.2-0.4 ms each: 120,000 took 60-80 s of the suite, against its 120 s hang guard).
INLINE_PARAGRAPHS = 30_000
#: The crawl's per-page budget: a tenth of what the huge page needs, and seconds more than the fine
#: page takes on a machine loaded seven jobs a core (the replaced worker starts with its models read).
BUDGET = 6


def slow_page(paragraphs: int = PARAGRAPHS) -> str:
    """An article page with ``paragraphs`` short paragraphs: cheap to serve, slow to extract."""
    words = " ".join(WORDS[:6])
    body = "".join(f"<p>Paragraph {n}: {words}.</p>" for n in range(paragraphs))
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
                       "NEWSSPIDER_EXTRACTION_WORKERS=1", f"NEWSSPIDER_EXTRACTION_TIMEOUT={BUDGET}")  # fmt: skip
    assert result.proc.returncode == 0, result.proc.stderr[-3000:]
    assert result.stat(f"newsspider/dropped/{TIMEOUT_REASON}") == 1
    assert [r["url"] for r in result.records] == [site.url_for("/news/fine.html")]


def test_a_huge_page_extracted_inline_gets_its_outcome(tmp_path: Path) -> None:
    """Inline extraction has no budget: the huge page must finish on its own (the crawl's 120 s
    subprocess timeout is the hang guard; before trafilatura's paragraph-text query was made
    linear, ``newsspider/extraction/linear_xpath.py``, the cost grew with the square of the page)."""
    routes = {
        "/": respond(index_html(["/news/slow.html", "/news/fine.html"])),
        "/news/slow.html": respond(slow_page(INLINE_PARAGRAPHS)),
        "/news/fine.html": respond(article_html(2)),
    }
    with FaultServer(routes) as site:
        result = crawl(tmp_path, site.url, "NEWSSPIDER_DISCOVERY=links", "NEWSSPIDER_SITELEARN_HOLD=0",
                       "NEWSSPIDER_EXTRACTION_WORKERS=0", timeout=120)  # fmt: skip
    assert result.proc.returncode == 0, result.proc.stderr[-3000:]
    assert result.stat(f"newsspider/dropped/{TIMEOUT_REASON}") == 0
    # The huge page gets an outcome: exported, or classified as no article (the index page is one too).
    urls = [r["url"] for r in result.records]
    huge_exported = site.url_for("/news/slow.html") in urls
    assert result.stat("newsspider/skipped/not_article") == (1 if huge_exported else 2), result.stats
    assert site.url_for("/news/fine.html") in urls and len(urls) == 1 + huge_exported
