"""The extraction pool: same records as inline extraction; hung or crashed workers cost one page;
a newsspider spider without the add-on (no pool) closes as it opens, naming the fix."""

from __future__ import annotations

import gc
import os
import re
import time
from pathlib import Path
from typing import Any

import pytest
from scrapy.http import HtmlResponse
from scrapy.linkextractors import LinkExtractor

from newsspider.demo import SITE_DIR
from newsspider.demo.server import DemoServer
from newsspider.extraction import PageResult, SiteRules, extract_page
from newsspider.pool import CRASH_REASON, TIMEOUT_REASON, ExtractionPool, PageOutcome
from newsspider.summary import EXIT_FAILED, NOT_ENABLED
from tests.helpers import REPO_ROOT, read_jsonl, run_fresh_python, run_scrapy

BASE = "http://demo.test"
#: Per-page time budget where a hang must be cut off: far above what a demo page needs, even on
#: a loaded machine right after a worker was replaced (a hang costs the test this long).
HANG_BUDGET = 10
LINKS = LinkExtractor(deny=(r"/login",))
#: Pages whose URL contains ``/hang-worker`` or ``/crash-worker``, or the path given in these
#: environment variables (read by workers started after they are set), hang or crash the worker.
HANG_ENV, CRASH_ENV = "NEWSSPIDER_TEST_HANG", "NEWSSPIDER_TEST_CRASH"


def _marked(url: str, marker: str, env: str) -> bool:
    return marker in url or bool(os.environ.get(env)) and os.environ[env] in url


def faulty_extract(html: str | bytes, url: str, rules: SiteRules | None = None, *, assume_article: bool = False) -> PageResult:
    """``extract_page``, except that chosen pages hang forever or kill their worker process."""
    if _marked(url, "/hang-worker", HANG_ENV):
        time.sleep(3600)
    if _marked(url, "/crash-worker", CRASH_ENV):
        os._exit(3)
    return extract_page(html, url, rules, assume_article=assume_article)


def _demo_pages() -> dict[str, str]:
    return {
        BASE + "/" + str(path.relative_to(SITE_DIR)): path.read_text(encoding="utf-8")
        for path in sorted(SITE_DIR.rglob("*.html"))
    }


def test_pool_gives_the_same_results_as_inline() -> None:
    pages = _demo_pages()
    pool = ExtractionPool(workers=2, timeout=60)
    try:
        futures = {
            url: pool.submit(html, url, SiteRules(), assume_article=False, link_extractor=LINKS) for url, html in pages.items()
        }
        pooled = {url: future.result(timeout=120) for url, future in futures.items()}
    finally:
        pool.close()
    inline = {url: extract_page(html, url, SiteRules()) for url, html in pages.items()}
    assert {url: outcome.result for url, outcome in pooled.items()} == inline
    assert sum(r.fields is not None for r in inline.values()) >= 48
    for url, html in pages.items():  # the URLs of the links the spider would have found itself
        links = LINKS.extract_links(HtmlResponse(url, body=html.encode(), encoding="utf-8"))
        assert pooled[url].links == [link.url for link in links]
    assert sum(len(outcome.links or ()) for outcome in pooled.values()) > len(pages)


def test_hung_and_crashed_pages_are_dropped_and_the_pool_recovers() -> None:
    html = next(iter(_demo_pages().values()))
    pool = ExtractionPool(workers=1, timeout=HANG_BUDGET, function=faulty_extract)
    try:
        hung = pool.submit(html, BASE + "/hang-worker", SiteRules(), assume_article=True).result(timeout=60)
        crashed = pool.submit(html, BASE + "/crash-worker", SiteRules(), assume_article=True).result(timeout=60)
        after = pool.submit(html, BASE + "/fine", SiteRules(), assume_article=True).result(timeout=60)
    finally:
        pool.close()
    assert hung == PageOutcome(PageResult(skip_reason=TIMEOUT_REASON))
    assert crashed == PageOutcome(PageResult(skip_reason=CRASH_REASON))
    assert after == PageOutcome(extract_page(html, BASE + "/fine", SiteRules(), assume_article=True))


def models_loaded_extract(html: str | bytes, url: str, rules: SiteRules | None = None, *, assume_article: bool = False) -> PageResult:
    """Report, as the skip reason, which of the extractor's models the worker held before its first page."""
    from newsspider.extraction import blockmodel, classify, language

    readers = (blockmodel.load, classify.model, language.read_model)
    loaded = ",".join(f.__name__ for f in readers if f.cache_info().currsize) or "none"
    return PageResult(skip_reason=f"{loaded};{'frozen' if gc.get_freeze_count() else 'not frozen'}")


def test_workers_start_with_the_models_in_memory() -> None:
    """Read before the first page's time budget starts (a fresh worker on a loaded machine took
    seconds to read them, and a demo page was dropped as extraction_timeout)."""
    pool = ExtractionPool(workers=1, timeout=60, function=models_loaded_extract)
    try:
        outcome = pool.submit("<html></html>", BASE + "/", SiteRules(), assume_article=True).result(timeout=60)
    finally:
        pool.close()
    assert outcome.result.skip_reason == "load,model,read_model;frozen"  # and out of the collector's passes


def test_extractor_errors_reach_the_caller() -> None:
    pool = ExtractionPool(workers=1, timeout=60)
    try:
        future = pool.submit("<html><body><p>x</p></body></html>", BASE + "/", SiteRules(remove=("div[[",)), assume_article=True)
        with pytest.raises(ValueError):
            future.result(timeout=60)
    finally:
        pool.close()


@pytest.mark.parametrize(("workers", "timeout"), [(-1, 30), (2, 0)])
def test_bad_settings_fail_fast(workers: int, timeout: float) -> None:
    with pytest.raises(ValueError, match="NEWSSPIDER_EXTRACTION_"):
        ExtractionPool(workers=workers, timeout=timeout)


def _stat(log: str, key: str) -> int:
    match = re.search(rf"'{re.escape(key)}': (\d+)", log)
    return int(match.group(1)) if match else 0


def test_crawl_drops_and_counts_a_hung_and_a_crashed_page_and_goes_on(
    tmp_path: Path, demo_server: DemoServer, ground_truth: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = sorted(ground_truth["articles"])
    hang, crash = articles[0], articles[1]
    monkeypatch.setenv(HANG_ENV, hang)
    monkeypatch.setenv(CRASH_ENV, crash)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")]))
    out = tmp_path / "out.jsonl"
    proc = run_scrapy(
        "crawl", "demo", "-a", f"url={demo_server.url}", "-O", str(out),
        "-s", "NEWSSPIDER_EXTRACTION_WORKERS=2",
        "-s", f"NEWSSPIDER_EXTRACTION_TIMEOUT={HANG_BUDGET}",
        "-s", "NEWSSPIDER_EXTRACTION_FUNCTION=test_pool.faulty_extract",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    exported = sorted(re.sub(r"^https?://[^/]+", "", r["url"]) for r in read_jsonl(out))
    assert exported == [a for a in articles if a not in (hang, crash)]
    assert _stat(proc.stderr, f"newsspider/dropped/{TIMEOUT_REASON}") == 1
    assert _stat(proc.stderr, f"newsspider/dropped/{CRASH_REASON}") == 1


SITE_SPIDER = '''
from newsspider.spiders.base import NewsSiteSpider


class SiteSpider(NewsSiteSpider):
    name = "site"
    article_urls = [r"/[a-z-]+/\\d{4}/\\d{2}/\\d{2}/[\\w-]+\\.html$"]
'''


def test_a_spider_without_the_addon_closes_as_it_opens_naming_the_fix(tmp_path: Path) -> None:
    """A user's project that forgot ``ADDONS``: Scrapy's own ``runspider``, outside this project.

    A server of its own, so that "nothing fetched" counts this crawl's requests only. (It failed
    when a test before it had left ``SCRAPY_SETTINGS_MODULE`` in the environment: the crawl then
    had the project's settings; tests/conftest.py now restores the environment after each test.)"""
    (tmp_path / "site_spider.py").write_text(SITE_SPIDER)
    out = tmp_path / "out.jsonl"
    with DemoServer() as site:
        proc = run_scrapy(
            "runspider", "site_spider.py", "-a", f"url={site.url}", "-O", str(out), cwd=tmp_path,
            env={"PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")]))},
        )  # fmt: skip
        asked = list(site.requests)
    assert proc.returncode == 0, proc.stderr[-3000:]  # Scrapy's command: the crawl closed cleanly
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    [error] = [line for line in proc.stderr.splitlines() if " ERROR: " in line]
    assert 'enable newsspider with ADDONS = {"newsspider.Addon": 0}' in error
    assert f"'finish_reason': '{NOT_ENABLED}'" in proc.stderr
    assert asked == [] and out.read_text() == ""  # nothing fetched, nothing exported


def test_the_crawl_command_exits_1_without_the_addon(tmp_path: Path, demo_server: DemoServer) -> None:
    proc = run_scrapy("crawl", "demo", "-a", f"url={demo_server.url}", "-s", "ADDONS={}", "-O", str(tmp_path / "out.jsonl"))
    assert proc.returncode == EXIT_FAILED, proc.stderr[-3000:]
    assert 'FAILED: newsspider is not enabled: add ADDONS = {"newsspider.Addon": 0}' in proc.stderr


def test_the_crawl_process_does_not_import_the_extractor() -> None:
    """The crawl's components, pool included, load without the extractor (lxml, trafilatura, the
    models: ~0.5 s of CPU a crawl): only the pool's workers import it."""
    code = """
import sys
from scrapy.utils.misc import load_object
from scrapy.utils.test import get_crawler
from newsspider import Addon
from newsspider.addons import COMPONENTS
from newsspider.pool import pool_for
from newsspider.spiders.demo import DemoSpider
from newsspider.spiders.news import GenericNewsSpider
crawler = get_crawler(DemoSpider, {"ADDONS": {Addon: 0}, "NEWSSPIDER_EXTRACTION_WORKERS": 2})
for components in COMPONENTS.values():
    for path in components:
        load_object(path)
DemoSpider.from_crawler(crawler, url="http://127.0.0.1:1/")
GenericNewsSpider.from_crawler(get_crawler(GenericNewsSpider, {"ADDONS": {Addon: 0}}), url="http://127.0.0.1:1/")
pool_for(crawler)
print(sorted(m for m in sys.modules if m.startswith(("newsspider.extraction.extract", "trafilatura"))))
"""
    proc = run_fresh_python(code)
    assert proc.stdout.strip() == "[]"
