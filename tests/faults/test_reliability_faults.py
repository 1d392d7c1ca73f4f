"""Bad inputs and network faults end in a defined, counted outcome; the crawl goes on.

One crawl of a site whose index links to one fault per page (module fixture), then one test
per outcome. Issue 6, "Bad inputs" items 1-3, 5, 6 and 9.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.faults.server import (
    FaultServer,
    Route,
    article_html,
    declared_too_large,
    endless,
    flaky,
    gzip_bomb,
    index_html,
    reset,
    respond,
    stall,
    throttle,
    truncate,
)
from tests.helpers import CrawlResult, crawl, w3lib_raises_on_base

MIB = 1024 * 1024
#: A download timeout that no page of these tests reaches on a loaded machine, except a stalled one.
GENEROUS_TIMEOUT = 60

#: text that goes wrong visibly when decoded with the wrong charset
LATIN = "Le café coûte 3 € à Zürich, naïve façade"
JAPANESE = "東京の市議会は新しい予算を承認しました"
CHINESE = "北京市政府宣布新的交通计划𠀀"


#: How many repairs the faulty site's unreadable ``<base>`` (1) and refreshes (2) take.
REPAIRS = 1 if w3lib_raises_on_base("https://[x]/") else 0


def charset_page(n: int, text: str, encoding: str, content_type: str, meta: str = "", bom: bytes = b"") -> Route:
    html = article_html(n, title=f"Charset {n} {text}").replace('<meta charset="utf-8">', meta)
    return respond(bom + html.encode(encoding), content_type=content_type)


def routes() -> dict[str, Route]:
    article = article_html(50)
    return {
        "/2024/ok-1": respond(article_html(1)),
        "/2024/ok-2": respond(article_html(2)),
        "/bomb": gzip_bomb(64 * MIB),
        "/huge-declared": declared_too_large(100 * MIB),
        "/huge-streamed": endless(16 * MIB),
        "/truncated": truncate(article),
        "/reset": reset(),
        "/gone-404": respond("gone", status=404, content_type="text/plain"),
        "/gone-410": respond("gone", status=410, content_type="text/plain"),
        "/busy": flaky(2, respond(article_html(3)), status=503, retry_after="1"),
        "/limited": flaky(1, respond(article_html(4)), status=429, retry_after="3600"),
        "/flaky-500": flaky(1, respond(article_html(5)), status=500),
        "/throttled": throttle(article_html(6)),
        "/pdf": respond(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n" * 50),
        "/png": respond(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR" + bytes(range(256)) * 20),
        "/gzip-as-html": respond(gzip.compress(article_html(7).encode())),
        "/empty": respond(b""),
        "/one-line": respond("<html><body><p>" + "x" * 5_000_000 + "</p></body></html>"),
        "/deep": respond("<html><body>" + "<div>" * 10_000 + "<p>deep</p>" + "</div>" * 10_000 + "</body></html>"),
        # charsets: (declared in header / meta / BOM / nowhere, right or wrong)
        "/cs/cp1252-no-charset": charset_page(11, LATIN, "cp1252", "text/html"),
        "/cs/cp1252-header-says-utf8": charset_page(12, LATIN, "cp1252", "text/html; charset=utf-8"),
        "/cs/utf8-header-says-latin1": charset_page(13, LATIN, "utf-8", "text/html; charset=iso-8859-1"),
        "/cs/sjis-meta": charset_page(14, JAPANESE, "shift_jis", "text/html", '<meta charset="shift_jis">'),
        "/cs/sjis-header-says-utf8": charset_page(15, JAPANESE, "shift_jis", "text/html; charset=utf-8"),
        "/cs/gb18030-header": charset_page(16, CHINESE, "gb18030", "text/html; charset=gb18030"),
        "/cs/gb2312-meta": charset_page(17, CHINESE, "gb18030", "text/html", '<meta charset="gb2312">'),
        "/cs/utf8-bom-header-says-latin1": charset_page(18, LATIN, "utf-8", "text/html; charset=iso-8859-1", bom=b"\xef\xbb\xbf"),
        "/cs/utf8-invalid-bytes": respond(
            article_html(19, title=f"Charset 19 {LATIN}").encode("utf-8").replace(b"</h1>", b"\xff\xfe</h1>")
        ),
        # a <base href> no URL parser reads: Scrapy's selector and urljoin raise on it
        "/bad-base": respond(
            article_html(20, links=("/behind-bad-base",)).replace("<head>", '<head><base href="https://[x]/">')
        ),
        "/behind-bad-base": respond(article_html(21)),
        # a refresh URL no parser reads, or not http(s): Scrapy's MetaRefreshMiddleware raises on it
        "/bad-refresh": respond(
            article_html(22).replace("<head>", '<head><meta http-equiv="refresh" content="0; url=http://[y]/">')
        ),
        # a UTF-16 page (BOM): Scrapy's follow() gave its requests UTF-16 header names
        "/utf16-page": respond(b"\xff\xfe" + article_html(24, links=("/behind-utf16",)).encode("utf-16-le"), content_type="text/html"),
        "/behind-utf16": respond(article_html(25)),
        # a plain page under a Content-Encoding it is not in: Scrapy's decoder raised
        "/plain-as-gzip": respond(article_html(26), headers={"Content-Encoding": "gzip"}),
        "/js-refresh": respond(
            article_html(23).replace("<head>", '<head><meta http-equiv="refresh" content="0;url=javascript:1">')
        ),
    }  # fmt: skip


@pytest.fixture(scope="module")
def server() -> Iterator[FaultServer]:
    with FaultServer(routes()) as server:
        server.route("/", respond(index_html([path for path in server.routes if path not in ("/", "/behind-bad-base", "/behind-utf16")])))
        yield server


@pytest.fixture(scope="module")
def faulty(server: FaultServer, tmp_path_factory: pytest.TempPathFactory) -> CrawlResult:
    """The crawl of the fault site. Its download timeout is generous: 32 downloads of 5-16 MB bodies
    at once on a loaded machine must not time out (timeouts are tested on their own, below)."""
    return crawl(
        tmp_path_factory.mktemp("faults"),
        server.url,
        f"DOWNLOAD_MAXSIZE={8 * MIB}",
        f"DOWNLOAD_WARNSIZE={8 * MIB}",
        f"DOWNLOAD_TIMEOUT={GENEROUS_TIMEOUT}",
        "RETRY_TIMES=2",
        "NEWSSPIDER_RETRY_BACKOFF=0.05",
        "NEWSSPIDER_RETRY_MAX_DELAY=10",
        "CONCURRENT_REQUESTS=32",
        "CONCURRENT_REQUESTS_PER_DOMAIN=32",
    )


def titles(result: CrawlResult) -> set[str]:
    return {r["title"] for r in result.records}


def test_crawl_finishes_and_exports_the_good_pages(faulty: CrawlResult) -> None:
    assert faulty.proc.returncode == 0, faulty.proc.stderr[-3000:]
    assert faulty.stats["finish_reason"] == "finished"
    assert {"Report number 1 on the state of the harbour", "Report number 2 on the state of the harbour"} <= titles(faulty)


def test_size_limits_and_bombs_dropped_and_counted(faulty: CrawlResult) -> None:
    assert faulty.stat("newsspider/dropped/decompression_bomb") == 1
    assert faulty.stat("newsspider/dropped/too_large") == 2  # declared and streamed


def test_truncated_reset_retried_then_counted(faulty: CrawlResult, server: FaultServer) -> None:
    assert faulty.stat("newsspider/dropped/truncated") == 1
    assert faulty.stat("newsspider/dropped/connection") == 1
    assert "newsspider/dropped/timeout" not in faulty.stats
    assert len(server.hits("/truncated")) == 3  # first try + RETRY_TIMES
    # Twisted's HTTP client itself retries a GET once when a kept-alive connection is reset.
    assert 3 <= len(server.hits("/reset")) <= 6


def test_timeout_retried_then_counted(tmp_path: Path) -> None:
    """A page that never answers times out, is retried RETRY_TIMES, then counted; the others are
    tiny pages that answer in milliseconds (3 s is a generous budget for them)."""
    with FaultServer() as site:
        site.serve_articles(1, "/stall")
        site.route("/stall", stall(300))
        result = crawl(tmp_path, site.url, "DOWNLOAD_TIMEOUT=3", "RETRY_TIMES=2", "NEWSSPIDER_RETRY_BACKOFF=0.05",
                       "NEWSSPIDER_SITELEARN_HOLD=0")  # fmt: skip
        stalled = site.hits("/stall")
    assert result.proc.returncode == 0, result.proc.stderr[-3000:]
    assert result.stat("newsspider/dropped/timeout") == 1
    assert len(stalled) == 3  # first try + RETRY_TIMES
    assert len(result.records) == 1


def test_retries_wait_the_exponential_backoff(tmp_path: Path) -> None:
    """503 without Retry-After twice, then the page: the retries reach the server at least
    NEWSSPIDER_RETRY_BACKOFF x 2^(retries so far) after the previous try (lower bounds only)."""
    with FaultServer() as site:
        site.serve_articles(0, "/busy")
        site.route("/busy", flaky(2, respond(article_html(3)), status=503))
        result = crawl(tmp_path, site.url, "NEWSSPIDER_RETRY_BACKOFF=0.5", "RETRY_TIMES=2", "NEWSSPIDER_SITELEARN_HOLD=0")
        hits = site.hits("/busy")
    assert result.proc.returncode == 0, result.proc.stderr[-3000:]
    assert len(hits) == 3 and len(result.records) == 1
    gaps = [round(later.at - earlier.at, 3) for earlier, later in zip(hits, hits[1:])]
    assert gaps[0] >= 0.45 and gaps[1] >= 0.9, gaps  # 0.5 s, then 1 s, less a margin for clock reads
    assert result.stat("newsspider/retry/waited") == 2


def test_404_410_counted_not_retried(faulty: CrawlResult, server: FaultServer) -> None:
    assert faulty.stat("newsspider/dropped/http_404") >= 1  # also feed probes of discovery (/rss, /feed...)
    assert faulty.stat("newsspider/dropped/http_410") == 1
    assert len(server.hits("/gone-404")) == 1
    assert len(server.hits("/gone-410")) == 1


def test_503_retried_after_retry_after(faulty: CrawlResult, server: FaultServer) -> None:
    hits = server.hits("/busy")
    assert len(hits) == 3
    # Retry-After: 1 is a lower bound on the wait, whatever the machine's speed.
    assert all(later.at - earlier.at >= 0.95 for earlier, later in zip(hits, hits[1:]))
    assert "Report number 3 on the state of the harbour" in titles(faulty)
    assert faulty.stat("newsspider/retry/retry_after") == 2


def test_retry_after_over_the_cap_gives_up(faulty: CrawlResult, server: FaultServer) -> None:
    assert len(server.hits("/limited")) == 1
    assert faulty.stat("newsspider/dropped/retry_after_too_long") == 1


def test_500_retried_with_backoff(faulty: CrawlResult, server: FaultServer) -> None:
    assert len(server.hits("/flaky-500")) == 2
    assert "Report number 5 on the state of the harbour" in titles(faulty)
    assert "Report number 6 on the state of the harbour" in titles(faulty)  # the throttled one


def test_non_html_and_degenerate_pages_skipped_with_a_reason(faulty: CrawlResult) -> None:
    # the spider counts them as skipped, or as dropped when it was told the URL is an article
    counted = faulty.prefixed("newsspider/skipped/")
    for reason, n in faulty.prefixed("newsspider/dropped/").items():
        counted[reason] = counted.get(reason, 0) + n
    assert counted.get("not_html", 0) == 3, counted  # pdf, png, gzip-as-html
    assert counted.get("empty", 0) == 1, counted
    assert counted.get("not_article", 0) >= 2, counted  # 5 MB single line, 10,000 levels deep
    urls = {r["url"].rsplit("/", 1)[-1] for r in faulty.records}
    assert not urls & {"pdf", "png", "gzip-as-html", "empty", "one-line", "deep"}


@pytest.mark.parametrize("n, text", [(11, LATIN), (12, LATIN), (13, LATIN), (14, JAPANESE), (15, JAPANESE),
                                     (16, CHINESE), (17, CHINESE), (18, LATIN)])  # fmt: skip
def test_charsets_decode_to_the_right_text(faulty: CrawlResult, n: int, text: str) -> None:
    assert f"Charset {n} {text}" in titles(faulty), sorted(t for t in titles(faulty) if t.startswith("Charset"))


def test_invalid_bytes_do_not_garble_the_rest(faulty: CrawlResult) -> None:
    [record] = [r for r in faulty.records if r["title"].startswith("Charset 19")]
    assert LATIN in record["title"]


def test_an_unreadable_base_href_is_removed_and_its_page_kept(faulty: CrawlResult, server: FaultServer) -> None:
    assert "Report number 20 on the state of the harbour" in titles(faulty)
    assert faulty.stats.get("newsspider/repaired/base_href") == (REPAIRS or None)
    assert not faulty.prefixed("spider_exceptions/")
    # its link (linked from nowhere else) resolved against the page's URL and followed
    assert "Report number 21 on the state of the harbour" in titles(faulty)


def test_a_plain_page_under_a_content_encoding_is_kept(faulty: CrawlResult) -> None:
    assert "Report number 26 on the state of the harbour" in titles(faulty)
    assert faulty.stats.get("newsspider/repaired/content_encoding") == 1


def test_the_links_of_a_utf16_page_are_followed(faulty: CrawlResult) -> None:
    assert {"Report number 24 on the state of the harbour", "Report number 25 on the state of the harbour"} <= titles(faulty)


def test_an_unreadable_meta_refresh_is_removed_and_its_page_kept(faulty: CrawlResult) -> None:
    assert {"Report number 22 on the state of the harbour", "Report number 23 on the state of the harbour"} <= titles(faulty)
    assert faulty.stats.get("newsspider/repaired/meta_refresh") == (2 * REPAIRS or None)


def test_url_variants_one_fetch_one_record(tmp_path: Path) -> None:
    story = "/story"  # a bare singular article word: one story's page (an old CMS's URL), not an index
    with FaultServer() as server:
        server.route(story, respond(article_html(40)))
        server.route(f"{story}/", respond(article_html(40)))
        variants = [
            f"{story}?utm_source=newsletter&utm_medium=email",
            f"{story}#comments",
            f"{story}/",
            f"http://LocalHost:{server.port}{story}?fbclid=abc",
            story,
        ]
        server.route("/", respond(index_html(variants)))
        result = crawl(tmp_path, server.url_for("/", host="localhost"))
        fetched = [hit.path for hit in server.requests if hit.path.startswith(story)]
    assert result.proc.returncode == 0, result.proc.stderr[-2000:]
    assert len(fetched) == 1, fetched
    assert [r["url"] for r in result.records] == [f"http://localhost:{server.port}{fetched[0]}"]
