"""Downloader middlewares one at a time on real requests and responses (newsspider/middlewares/:
charset, compression, redirects, canonical, retry, netguard). The crawl tests show them wired."""

from __future__ import annotations

import gzip
import logging
from collections.abc import Coroutine
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

import pytest
from scrapy import Request
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import HtmlResponse, Response, TextResponse
from scrapy.utils.response import get_meta_refresh
from scrapy.utils.test import get_crawler
from twisted.internet.error import ConnectionRefusedError

from newsspider.charset import best_encoding, decodes, mostly_utf8
from newsspider.middlewares.canonical import CanonicalFingerprinter, CanonicalUrls, clean_url, dedupe_key
from newsspider.middlewares.charset import CharsetRepair
from newsspider.middlewares.compression import CountingHttpCompressionMiddleware
from newsspider.middlewares.netguard import InternalAddressGuard, Refused, guard_settings, ip_literal, is_internal
from newsspider.middlewares.redirects import RedirectRefusals
from newsspider.middlewares.retry import BackoffRetryMiddleware, retry_after_seconds
from newsspider.middlewares.urlrepair import UnreadableUrlRepair
from tests.helpers import w3lib_raises_on_base


def run(coro: Coroutine[Any, Any, Any]) -> Any:
    """The result of a coroutine that never waits (raises what it raises)."""
    try:
        coro.send(None)
    except StopIteration as done:
        return done.value
    coro.close()
    raise AssertionError("the coroutine waited")


# -- charset --------------------------------------------------------------------------------

TEXT = "Déjà vu: l’été à Zürich — «naïve» café"


def _html(body: bytes, charset: str | None = None, url: str = "http://example.com/a") -> HtmlResponse:
    headers = {"Content-Type": f"text/html; charset={charset}" if charset else "text/html"}
    return HtmlResponse(url, body=body, headers=headers)


@pytest.mark.parametrize(
    ("body", "declared", "expected"),
    [
        (TEXT.encode("utf-8"), "utf-8", None),  # right: kept
        (TEXT.encode("cp1252"), "cp1252", None),
        (b"plain ascii", "iso-8859-1", None),
        (TEXT.encode("utf-8"), "iso-8859-1", "utf-8"),  # a Latin-1 label over UTF-8 bytes
        (TEXT.encode("utf-8"), "ascii", "utf-8"),
        (b'<meta charset="windows-1252">' + TEXT.encode("cp1252"), "utf-8", "cp1252"),
        (b'<meta charset="iso-8859-7">' + "Καλημέρα κόσμε, τι κάνεις σήμερα;".encode("iso-8859-7"), "utf-8", "iso8859-7"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-8", "utf-16-le"),
        (TEXT.encode("utf-8") + b" \xff stray", "utf-8", "utf-8"),  # mostly UTF-8: repaired as UTF-8
        (TEXT.encode("utf-8") + b" \xff stray", None, "utf-8"),
        (TEXT.encode("utf-8"), "utf-16", "utf-8"),  # UTF-16 named over bytes with no NUL (it "decodes")
        (TEXT.encode("utf-16-le"), "utf-16-le", None),  # real UTF-16: half NULs
    ],
)
def test_best_encoding(body: bytes, declared: str | None, expected: str | None) -> None:
    assert best_encoding(body, declared) == expected


def test_best_encoding_falls_back_to_a_guess_that_decodes() -> None:
    body = b'<meta charset="utf-8">' + ("Ünïcödé façade crème brûlée " * 20).encode("cp1252")  # the meta lies too
    encoding = best_encoding(body, "utf-8")
    assert encoding is not None and encoding != "utf-8" and decodes(body, encoding)



def test_best_encoding_guesses_a_multibyte_charset_and_falls_back_to_cp1252() -> None:
    text = "日本語の文章です。これは文字コードの推測を確かめるための文章です。" * 5
    body = text.encode("shift_jis")  # 0x81 bytes: not Windows-1252
    encoding = best_encoding(body, "utf-8")
    assert encoding is not None and body.decode(encoding) == text
    assert best_encoding(bytes(range(128, 256)) * 8, "utf-8") == "cp1252"  # nothing fits: the last resort


def test_decodes_and_mostly_utf8() -> None:
    assert decodes(b"abc", "ascii") and not decodes(b"\xff", "utf-8")
    assert not decodes(b"abc", None) and not decodes(b"abc", "") and not decodes(b"abc", "no-such-codec")
    assert mostly_utf8("é".encode() + b"\xff")  # one valid, one invalid
    assert not mostly_utf8("é".encode() + b"\xff\xfe")
    assert not mostly_utf8(b"only ascii")
    assert not mostly_utf8(b"\xff\xfe")
    assert mostly_utf8("é\ufffd".encode() + b"\xff")  # a real U+FFFD in the text is not an invalid byte
    assert not mostly_utf8(b"\x7f\xff")  # DEL is ASCII
    assert mostly_utf8("\u0080".encode() + b"\xff")


def test_charset_repair_middleware(caplog: pytest.LogCaptureFixture) -> None:
    crawler = get_crawler()
    middleware = CharsetRepair.from_crawler(crawler)
    request = Request("http://example.com/a")
    wrong = _html(b'<meta charset="windows-1252">' + TEXT.encode("cp1252"), "utf-8")
    with caplog.at_level(logging.INFO, logger="newsspider.middlewares.charset"):
        repaired = middleware.process_response(request, wrong)
    assert caplog.records[0].getMessage().startswith("decoded http://example.com/a as cp1252 (declared utf-8)")
    assert repaired is not wrong and repaired.text.endswith(TEXT) and repaired.encoding == "cp1252"
    assert crawler.stats.get_value("newsspider/repaired/charset") == 1
    for kept in (
        _html(TEXT.encode("utf-8"), "utf-8"),
        _html(TEXT.encode("cp1252"), "windows-1252"),  # same codec, another label
        _html(b"", "utf-8"),
        _html(b"\xef\xbb\xbf" + TEXT.encode("utf-8") + b" \xff", "utf-8"),  # repaired as what it declares: kept
        TextResponse("http://example.com/t", body=TEXT.encode("cp1252"), encoding="utf-8"),
    ):
        assert middleware.process_response(request, kept) is kept
    assert crawler.stats.get_value("newsspider/repaired/charset") == 1
    with pytest.raises(NotConfigured):
        CharsetRepair.from_crawler(get_crawler(settings_dict={"NEWSSPIDER_CHARSET_REPAIR": False}))


@pytest.mark.parametrize("base", ["https://[x]/", "http://example.com:99999/", "HTTP://[::1"])
def test_base_href_repair_removes_an_unreadable_base(base: str, caplog: pytest.LogCaptureFixture) -> None:
    crawler = get_crawler()
    middleware = UnreadableUrlRepair.from_crawler(crawler)
    page = f'<html><head><BASE target="_top" href="{base}"></head><body><a href="/b">B</a> café</body></html>'
    broken = _html(page.encode("cp1252"), "windows-1252")
    w3lib_raises = w3lib_raises_on_base(base)  # what the spider's links and selector would meet
    with caplog.at_level(logging.INFO, logger="newsspider.middlewares.urlrepair"):
        repaired = middleware.process_response(Request(broken.url), broken)
    assert repaired.urljoin("/b") == "http://example.com/b"
    assert repaired.css("a::attr(href)").get() == "/b"
    if w3lib_raises:
        assert "<base" not in repaired.text.lower() and repaired.text.endswith("café</body></html>")
        assert crawler.stats.get_value("newsspider/repaired/base_href") == 1
        assert caplog.records[0].getMessage().startswith("removed an unreadable base_href from http://example.com/a")
    else:
        assert repaired is broken and crawler.stats.get_value("newsspider/repaired/base_href") is None


def _refresh_url(response: HtmlResponse) -> str | None:
    """The URL MetaRefreshMiddleware reads from ``response`` ("unreadable" when w3lib raises)."""
    try:
        return get_meta_refresh(response, ignore_tags=["script", "noscript"])[1]
    except ValueError:
        return "unreadable"


@pytest.mark.parametrize("refresh", ["http://[y]/", "https://h:99999/", "//[::1/", "javascript:1", "mailto:a@b.example"])
def test_an_unreadable_meta_refresh_is_removed(refresh: str) -> None:
    crawler = get_crawler()
    middleware = UnreadableUrlRepair.from_crawler(crawler)
    page = f'<html><head><META HTTP-EQUIV="Refresh" CONTENT="0; url={refresh}"></head><body><p>kept</p></body></html>'
    broken = _html(page.encode())
    # What MetaRefreshMiddleware would follow: w3lib 2.6 ignores a refresh it cannot read, as a
    # browser does, and then the page needs no repair; older w3lib raises. Both return "mailto:…".
    followed = _refresh_url(_html(page.encode()))
    repaired = middleware.process_response(Request(broken.url), broken)
    assert _refresh_url(repaired) is None
    if followed is None:
        assert repaired is broken and crawler.stats.get_value("newsspider/repaired/meta_refresh") is None
    else:
        assert "refresh" not in repaired.text.lower() and repaired.text.endswith("<p>kept</p></body></html>")
        assert crawler.stats.get_value("newsspider/repaired/meta_refresh") == 1
    assert crawler.stats.get_value("newsspider/repaired/base_href") is None


def test_base_href_repair_keeps_readable_pages() -> None:
    crawler = get_crawler()
    middleware = UnreadableUrlRepair.from_crawler(crawler)
    for kept in (
        _html(b'<base href="/news/"><a href="b">B</a>'),
        _html(b'<base target="_blank"><a href="b">B</a>'),
        _html(b"<p>no base</p>"),
        _html(b'<meta http-equiv="refresh" content="0; url=/other"><p>a readable refresh</p>'),
        TextResponse("http://example.com/t", body=b'<base href="https://[x]/">', encoding="utf-8"),
    ):
        assert middleware.process_response(Request(kept.url), kept) is kept
    assert crawler.stats.get_value("newsspider/repaired/base_href") is None
    assert crawler.stats.get_value("newsspider/repaired/meta_refresh") is None


# -- compression ----------------------------------------------------------------------------


def test_compression_bomb_is_counted(caplog: pytest.LogCaptureFixture) -> None:
    crawler = get_crawler(settings_dict={"DOWNLOAD_MAXSIZE": 10_000})
    middleware = CountingHttpCompressionMiddleware.from_crawler(crawler)
    request = Request("http://example.com/bomb")
    small = Response("http://example.com/ok", body=gzip.compress(b"x" * 100), headers={"Content-Encoding": "gzip"})
    assert middleware.process_response(request, small).body == b"x" * 100
    assert crawler.stats.get_value("newsspider/dropped/decompression_bomb") is None
    bomb = Response("http://example.com/bomb", body=gzip.compress(b"\0" * 1_000_000), headers={"Content-Encoding": "gzip"})
    for _ in range(2):
        with pytest.raises(IgnoreRequest), caplog.at_level(logging.INFO, logger="newsspider.middlewares.compression"):
            middleware.process_response(request, bomb)
    (logged,) = [r.getMessage() for r in caplog.records if r.name == "newsspider.middlewares.compression"]
    assert logged.startswith("page lost: http://example.com/bomb (logged once")
    assert crawler.stats.get_value("newsspider/dropped/decompression_bomb") == 2


PAGE = b"<!DOCTYPE html><html><head><title>Caf\xc3\xa9</title></head><body><p>Plain page.</p></body></html>"


@pytest.mark.parametrize("encoding", ["gzip", "deflate", "br", "zstd", "gzip, gzip"])
def test_a_plain_body_under_a_content_encoding_is_kept_as_sent(encoding: str) -> None:
    crawler = get_crawler()
    middleware = CountingHttpCompressionMiddleware.from_crawler(crawler)
    sent = Response("http://example.com/a", body=PAGE, headers={"Content-Encoding": encoding, "Content-Type": "text/html"})
    kept = middleware.process_response(Request(sent.url), sent)
    assert isinstance(kept, HtmlResponse) and kept.body == PAGE and "Café" in kept.text
    assert b"Content-Encoding" not in kept.headers
    assert crawler.stats.get_value("newsspider/repaired/content_encoding") == 1


def test_a_corrupt_compressed_body_is_dropped_and_counted() -> None:
    crawler = get_crawler()
    middleware = CountingHttpCompressionMiddleware.from_crawler(crawler)
    truncated = gzip.compress(PAGE * 50)[:60] + bytes(range(256))
    sent = Response("http://example.com/a", body=truncated, headers={"Content-Encoding": "gzip", "Content-Type": "text/html"})
    with pytest.raises(IgnoreRequest):
        middleware.process_response(Request(sent.url), sent)
    assert crawler.stats.get_value("newsspider/dropped/bad_compression") == 1
    assert crawler.stats.get_value("newsspider/repaired/content_encoding") is None


# -- redirects ------------------------------------------------------------------------------


def _redirect(location: str | None, status: int = 302, url: str = "http://example.com/a", **meta: Any) -> tuple[Request, Response]:
    request = Request(url, meta=meta)
    headers = {"Location": location} if location is not None else {}
    return request, Response(url, status=status, headers=headers, request=request)


def test_redirect_refusals(caplog: pytest.LogCaptureFixture) -> None:
    crawler = get_crawler(settings_dict={"REDIRECT_MAX_TIMES": 3})
    middleware = RedirectRefusals.from_crawler(crawler)

    def stat(reason: str) -> Any:
        return crawler.stats.get_value(f"newsspider/refused/{reason}")

    for status, location, meta in [
        (200, "http://example.com/b", {}),
        (404, "file:///etc/passwd", {}),
        (302, None, {}),
        (302, "", {}),
        (301, "file:///etc/passwd", {"dont_redirect": True}),
        (307, "/b", {"redirect_urls": ["http://example.com/c"], "redirect_times": 1}),
        (308, "https://example.com/a", {}),  # another scheme is another URL
    ]:
        request, response = _redirect(location, status, **meta)
        assert middleware.process_response(request, response) is response
    assert crawler.stats.get_stats() == {}
    for location in ("file:///etc/passwd", "javascript:alert(1)", "data:text/html,x"):
        request, response = _redirect(location, 301)
        with caplog.at_level(logging.WARNING, logger="newsspider.middlewares.redirects"):
            assert middleware.process_response(request, response) is response
    (logged,) = caplog.records
    assert logged.levelno == logging.WARNING
    assert logged.getMessage().startswith("refused redirect http://example.com/a -> file:///etc/passwd (logged once")
    assert stat("redirect_scheme") == 3
    for location, meta in [
        ("/a#top", {}),  # to itself
        ("http://example.com/a", {}),
        ("b", {"redirect_urls": ["http://example.com/b#x"]}),  # relative, back to an earlier hop
        ("/a#x#y", {}),
    ]:
        request, response = _redirect(location, 303, **meta)
        with pytest.raises(IgnoreRequest, match="redirect loop"):
            middleware.process_response(request, response)
    assert stat("redirect_loop") == 4
    request, response = _redirect("/next", 302, redirect_times=3)
    assert middleware.process_response(request, response) is response
    request, response = _redirect("/next", 302, redirect_times=2)
    assert middleware.process_response(request, response) is response
    assert stat("too_many_redirects") == 1
    one_hop = RedirectRefusals.from_crawler(get_crawler(settings_dict={"REDIRECT_MAX_TIMES": 1}))
    request, response = _redirect("/next", 302)
    one_hop.process_response(request, response)
    assert one_hop.crawler.stats.get_value("newsspider/refused/too_many_redirects") is None
    with pytest.raises(NotConfigured):
        RedirectRefusals.from_crawler(get_crawler(settings_dict={"REDIRECT_ENABLED": False}))


@pytest.mark.parametrize("location", ["https://example.com:abc/", "https://example.com:99999/", "https://[x]/", "http://[::1"])
def test_a_redirect_location_urllib_cannot_read_is_refused(location: str) -> None:
    """Found by a fuzz run: ``safe_url_string`` raised inside the middleware (the page lost with a traceback)."""
    crawler = get_crawler()
    request, response = _redirect(location, 302)
    with pytest.raises(IgnoreRequest, match="unreadable redirect"):
        RedirectRefusals.from_crawler(crawler).process_response(request, response)
    assert crawler.stats.get_value("newsspider/refused/redirect_unreadable") == 1


# -- canonical URLs -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "clean"),
    [
        ("http://News.Example.COM/a?utm_source=x&id=3&fbclid=y#comments", "http://news.example.com/a?id=3"),
        ("HTTP://example.com:80/a/", "http://example.com/a/"),
        ("https://example.com:443", "https://example.com/"),
        ("https://example.com:8443/a?b=1&a=2", "https://example.com:8443/a?b=1&a=2"),  # order kept
        ("http://example.com/a?q=a+b&empty=", "http://example.com/a?q=a+b&empty="),  # untouched query
        ("http://example.com/a?q=a%20b&utm_medium=m", "http://example.com/a?q=a+b"),
        ("http://user:pw@Example.com:80/a", "http://user:pw@example.com/a"),
        ("http://a@b:pw@Example.com/a", "http://a@b:pw@example.com/a"),
        ("http://example.com/a?q=a%20b&x", "http://example.com/a?q=a%20b&x"),
        ("http://[::1]:8080/a#x", "http://[::1]:8080/a"),
        ("ftp://Example.com/a#x", "ftp://Example.com/a#x"),
        ("http:///nohost", "http:///nohost"),
    ],
)
def test_clean_url(url: str, clean: str) -> None:
    assert clean_url(url) == clean


def test_tracking_parameters_by_name_and_prefix() -> None:
    assert clean_url("http://e.com/a?ref=1&Ref=2&refx=3&mc_cid=4&mode=5&mcx=6", ["ref", "mc_*"]) == "http://e.com/a?refx=3&mode=5&mcx=6"
    assert dedupe_key("http://e.com/BOX/") == "http://e.com/BOX"
    assert dedupe_key("http://E.com/a/?utm_source=x#f") == "http://e.com/a"
    assert dedupe_key("http://e.com/") == "http://e.com/"
    assert dedupe_key("http://e.com/a/?b=1") == "http://e.com/a?b=1"


def test_canonical_fingerprinter_one_key_per_page() -> None:
    crawler = get_crawler(settings_dict={"NEWSSPIDER_TRACKING_PARAMS": ["Session", "utm_*"]})
    fingerprinter = CanonicalFingerprinter(crawler)
    fp = fingerprinter.fingerprint(Request("http://example.com/a"))
    for variant in ("http://EXAMPLE.com:80/a/", "http://example.com/a?session=1#x", "http://example.com/a?utm_x=2"):
        assert fingerprinter.fingerprint(Request(variant)) == fp
    assert fingerprinter.fingerprint(Request("http://example.com/a?fbclid=1")) != fp  # not listed in this crawl
    assert fingerprinter.fingerprint(Request("http://example.com/b")) != fp
    assert fingerprinter.fingerprint(Request("http://example.com/a", method="POST")) != fp
    default = CanonicalFingerprinter()
    assert default.fingerprint(Request("http://example.com/a?fbclid=1")) == default.fingerprint(Request("http://example.com/a"))


def test_canonical_urls_fetch_the_clean_url() -> None:
    crawler = get_crawler(settings_dict={"NEWSSPIDER_TRACKING_PARAMS": ["SID"]})
    middleware = CanonicalUrls.from_crawler(crawler)
    for url in ("http://example.com/a", "http://example.com/a#part", "http://example.com/a#x#y", "http://example.com/a/?q=1"):
        assert middleware.process_request(Request(url)) is None
    request = Request("http://Example.com/a?sid=1&q=2", meta={"k": 1})
    fetched = middleware.process_request(request)
    assert fetched is not None and fetched.url == "http://example.com/a?q=2"
    assert fetched.dont_filter and fetched.meta["k"] == 1
    assert crawler.stats.get_value("newsspider/canonicalised") == 1


# -- retry ----------------------------------------------------------------------------------


def test_retry_after_seconds() -> None:
    now = datetime(2026, 1, 1, 12, 0, 0, tzinfo=UTC)
    assert retry_after_seconds(b" 120 ") == 120.0
    assert retry_after_seconds(format_datetime(now + timedelta(seconds=45), usegmt=True).encode(), now=now) == 45.0
    assert retry_after_seconds("0") == 0.0
    assert retry_after_seconds(format_datetime(now + timedelta(seconds=90), usegmt=True), now=now) == 90.0
    assert retry_after_seconds("Wed, 01 Jan 2026 12:00:30", now=now) == 30.0  # no zone: UTC
    assert retry_after_seconds(format_datetime(now - timedelta(hours=1), usegmt=True), now=now) == 0.0
    later = retry_after_seconds(format_datetime(datetime.now(UTC) + timedelta(hours=1), usegmt=True))
    assert later is not None and 3500 < later <= 3600
    for bad in (None, b"", "-5", "1.5", "soon", "Wed, 99 Foo 2026"):
        assert retry_after_seconds(bad) is None


class Waits:
    """Run a retry middleware coroutine until it waits: the seconds of the timer it set."""

    def __call__(self, coro: Coroutine[Any, Any, Any]) -> tuple[Any, float | None]:
        from twisted.internet import reactor

        before = set(reactor.getDelayedCalls())  # type: ignore[attr-defined]
        try:
            waiting = coro.send(None)
        except StopIteration as done:
            return done.value, None
        (timer,) = set(reactor.getDelayedCalls()) - before  # type: ignore[attr-defined]
        seconds = timer.getTime() - reactor.seconds()  # type: ignore[attr-defined]
        (waiting.cancel if hasattr(waiting, "cancel") else timer.cancel)()
        coro.close()
        return None, round(seconds, 1)


@pytest.fixture
def retry() -> tuple[BackoffRetryMiddleware, Any]:
    crawler = get_crawler(settings_dict={"RETRY_TIMES": 3, "NEWSSPIDER_RETRY_BACKOFF": 2.0, "NEWSSPIDER_RETRY_MAX_DELAY": 10})
    crawler.spider = crawler._create_spider("retrying")
    return BackoffRetryMiddleware.from_crawler(crawler), crawler.stats


def _status(status: int, retry_after: str | None = None, **meta: Any) -> tuple[Request, Response]:
    request = Request("http://example.com/a", meta=meta)
    headers = {"Retry-After": retry_after} if retry_after is not None else {}
    return request, Response(request.url, status=status, headers=headers, request=request)


def test_retry_backs_off_exponentially_up_to_the_cap(retry: tuple[BackoffRetryMiddleware, Any]) -> None:
    middleware, stats = retry
    waits = Waits()
    assert [waits(middleware.process_response(*_status(500, retry_times=n)))[1] for n in (0, 1, 2)] == [2, 4, 8]
    assert waits(middleware.process_response(*_status(503, "garbage", retry_times=2)))[1] == 8
    assert waits(middleware.process_response(*_status(500, "5")))[1] == 2  # Retry-After of a 500: ignored
    middleware.max_delay = 5
    assert waits(middleware.process_response(*_status(500, retry_times=2)))[1] == 5
    assert stats.get_value("newsspider/retry/waited") == 6  # counted when the wait starts
    assert stats.get_value("retry/reason_count/500 Internal Server Error") == 5
    middleware.backoff = 0.25
    assert waits(middleware.process_response(*_status(500)))[1] == 0.2  # (0.25 s) a short wait is a wait
    assert stats.get_value("newsspider/retry/retry_after") is None


def test_retry_follows_retry_after(retry: tuple[BackoffRetryMiddleware, Any]) -> None:
    middleware, stats = retry
    waits = Waits()
    assert waits(middleware.process_response(*_status(429, "7")))[1] == 7
    assert waits(middleware.process_response(*_status(503, "3", retry_times=2)))[1] == 3
    assert stats.get_value("newsspider/retry/retry_after") == 2
    request, response = _status(503, "0")
    retried = run(middleware.process_response(request, response))
    assert isinstance(retried, Request) and retried.meta["retry_times"] == 1 and retried.dont_filter
    assert stats.get_value("newsspider/retry/retry_after") == 3 and stats.get_value("newsspider/retry/waited") == 2  # no wait for 0 s


def test_retry_after_over_the_cap_gives_up(retry: tuple[BackoffRetryMiddleware, Any], caplog: pytest.LogCaptureFixture) -> None:
    middleware, stats = retry
    request, response = _status(503, "11")
    with caplog.at_level(logging.INFO, logger="newsspider.middlewares.retry"):
        assert run(middleware.process_response(request, response)) is response
    assert caplog.records[0].getMessage().startswith("gave up http://example.com/a: Retry-After 11s is over NEWSSPIDER_RETRY_MAX_DELAY")
    assert stats.get_value("newsspider/dropped/retry_after_too_long") == 1
    request, response = _status(503, "10")
    assert isinstance(Waits()(middleware.process_response(request, response)), tuple)
    assert stats.get_value("newsspider/dropped/retry_after_too_long") == 1
    assert stats.get_value("retry/count") == 1


def test_retry_leaves_what_it_does_not_retry(retry: tuple[BackoffRetryMiddleware, Any]) -> None:
    middleware, stats = retry
    for request, response in (_status(200), _status(404), _status(500, dont_retry=True), _status(503, "99", dont_retry=True),
                              _status(500, retry_times=3)):  # fmt: skip
        assert run(middleware.process_response(request, response)) is response
    assert stats.get_value("retry/max_reached") == 1
    assert stats.get_value("newsspider/dropped/retry_after_too_long") is None


def test_retry_of_an_exception_backs_off(retry: tuple[BackoffRetryMiddleware, Any]) -> None:
    middleware, stats = retry
    waits = Waits()
    assert waits(middleware.process_exception(Request("http://example.com/a", meta={"retry_times": 1}), ConnectionRefusedError()))[1] == 4
    assert run(middleware.process_exception(Request("http://example.com/a"), ValueError("not retried"))) is None
    assert run(middleware.process_exception(Request("http://example.com/a", meta={"retry_times": 3}), ConnectionRefusedError())) is None
    middleware.backoff = 0
    retried = run(middleware.process_exception(Request("http://example.com/a"), ConnectionRefusedError()))
    assert isinstance(retried, Request) and retried.meta["retry_times"] == 1
    assert stats.get_value("newsspider/retry/waited") == 1


# -- internal addresses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("host", "internal"),
    [
        ("127.0.0.1", True), ("[::1]", True), ("10.1.2.3", True), ("172.16.0.1", True), ("192.168.0.1", True),
        ("169.254.169.254", True), ("100.64.0.1", True), ("0.0.0.0", True), ("224.0.0.1", True), ("[fe80::1]", True),
        ("[::ffff:127.0.0.1]", True), ("[ff0e::1]", True), ("8.8.8.8", False), ("[2001:4860:4860::8888]", False),
    ],
)  # fmt: skip
def test_internal_addresses(host: str, internal: bool) -> None:
    address = ip_literal(host)
    assert address is not None and is_internal(address) is internal


def test_ip_literal() -> None:
    assert str(ip_literal("[::ffff:10.0.0.1]")) == "10.0.0.1"
    assert str(ip_literal("::1")) == "::1"
    assert ip_literal("example.com") is None and ip_literal("") is None


def test_guard_settings() -> None:
    assert guard_settings(get_crawler().settings) == []
    crawler = get_crawler(settings_dict={"NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS": ["10.1.2.3/16", " 192.168.1.7 ", "fd00::/8"]})
    assert [str(n) for n in guard_settings(crawler.settings)] == ["10.1.0.0/16", "192.168.1.7/32", "fd00::/8"]  # type: ignore[union-attr]
    assert guard_settings(get_crawler(settings_dict={"NEWSSPIDER_NETGUARD_ENABLED": False}).settings) is None
    with pytest.raises(ValueError, match=r"^NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS: 'nowhere' is not a network: give CIDRs, e\.g\. -s NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS=10\.0\.0\.0/8$"):  # noqa: E501
        guard_settings(get_crawler(settings_dict={"NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS": ["10.0.0.0/8", "nowhere"]}).settings)
    with pytest.raises(NotConfigured):
        InternalAddressGuard.from_crawler(get_crawler(settings_dict={"NEWSSPIDER_NETGUARD_ENABLED": False}))


def test_internal_address_guard(caplog: pytest.LogCaptureFixture) -> None:
    crawler = get_crawler(settings_dict={"NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS": ["10.1.0.0/16"]})
    guard = InternalAddressGuard.from_crawler(crawler)
    spider = crawler._create_spider("s", start_urls=["http://LocalHost:8000/", "http://127.0.0.2/x", "relative"])
    guard.spider_opened(spider)
    assert guard.trusted_hosts == {"localhost", "127.0.0.2"}
    for url in ("http://localhost:8000/a", "http://127.0.0.2:9000/", "http://10.1.200.3/", "https://8.8.8.8/", "http://:80/no-host"):
        assert run(guard.process_request(Request(url))) is None
    refusals = [
        ("http://127.0.0.1:6379/", "internal_address"),
        ("http://[::ffff:169.254.169.254]/latest", "internal_address"),
        ("http://10.2.0.1/", "internal_address"),
        ("http://192.168.0.1/", "internal_address"),
        ("file:///etc/passwd", "scheme"),
        ("ftp://8.8.8.8/x", "scheme"),
    ]
    for url, reason in refusals:
        with pytest.raises(Refused) as refused, caplog.at_level(logging.WARNING, logger="newsspider.middlewares.netguard"):
            run(guard.process_request(Request(url)))
        assert refused.value.reason == reason
    assert [r.levelno for r in caplog.records] == [logging.WARNING, logging.WARNING]
    assert caplog.records[0].getMessage().startswith("refused http://127.0.0.1:6379/: 127.0.0.1 is (or resolves to)")
    assert crawler.stats.get_value("newsspider/refused/internal_address") == 4
    assert crawler.stats.get_value("newsspider/refused/scheme") == 2
    with pytest.raises(Refused, match=r"127\.0\.0\.1 is \(or resolves to\) the internal address 127\.0\.0\.1; allow it"):
        run(guard.check(Request("http://127.0.0.1/")))
    with pytest.raises(Refused, match=r"allow it with NEWSSPIDER_NETGUARD_ALLOWED_NETWORKS or a start URL on that host$"):
        run(guard.check(Request("http://127.0.0.1/")))
    with pytest.raises(Refused, match=r"^scheme 'file' is not fetched \(only http/https\)$"):
        run(guard.check(Request("file:///x")))
    no_start_urls = InternalAddressGuard.from_crawler(get_crawler())
    no_start_urls.spider_opened(crawler._create_spider("t"))
    assert no_start_urls.trusted_hosts == set()
