"""The incremental state on a real SQLite file: the store (newsspider/state/base.py, sqlite.py),
the read-back of a killed crawl's feed file (recovery.py) and the pipeline that drops and records
(pipelines/state.py), driven through a real crawler's FeedExporter and signals."""

from __future__ import annotations

import csv
import gzip
import json
import locale
import logging
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from itemadapter import ItemAdapter
from scrapy import signals
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.http import HtmlResponse, Request
from scrapy.utils.test import get_crawler

from newsspider.discovery.candidates import ArticleCandidate
from newsspider.items import Article
from newsspider.state import CrawlState
from newsspider.state.base import ExportedRecord, PastExport, StateStore, url_fingerprint, url_host
from newsspider.state.recovery import records_in_feed
from newsspider.state.sqlite import SQLiteStateStore
from pipelines.state import ExportStatePipeline

AT = "2026-01-02T03:04:05+00:00"


def _rec(url: str, site: str = "news", canonical: str | None = None, body: str | None = None, version: str | None = None) -> ExportedRecord:
    return ExportedRecord(site=site, url=url, canonical_url=canonical, body_fingerprint=body, version=version, exported_at=AT)


# -- base -----------------------------------------------------------------------------------


def test_url_fingerprint_equal_for_variants_of_one_page() -> None:
    fp = url_fingerprint("http://example.com/a?b=2&a=1")
    assert fp == url_fingerprint("  http://example.com/a?a=1&b=2#top ")
    assert fp != url_fingerprint("http://example.com/b?a=1&b=2")
    assert len(fp) == 40 and int(fp, 16) >= 0


def test_url_host() -> None:
    assert url_host("https://News.Example.COM:8080/a") == "news.example.com:8080"
    assert url_host("not a url") == ""


def test_store_location_and_context(tmp_path: Path) -> None:
    class Minimal(StateStore):
        closed = False

        @classmethod
        def from_crawler(cls, crawler: Any) -> StateStore:
            return cls()

        def past_export(self, site: str, url: str) -> PastExport | None:
            return None

        def body_exported(self, site: str, host: str, fingerprint: str) -> bool:
            return False

        def record(self, records: Any) -> None: ...
        def feed_opened(self, site: str, path: str, fmt: str, opened_at: str) -> None: ...
        def feed_closed(self, site: str, path: str) -> None: ...

        def unclosed_feeds(self, site: str) -> list[tuple[str, str, str]]:
            return []

        def close(self) -> None:
            self.closed = True

    with Minimal() as store:
        assert store.location == "Minimal"
    assert store.closed


# -- SQLite ---------------------------------------------------------------------------------


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStateStore:
    with SQLiteStateStore(tmp_path / "sub" / "state.sqlite") as opened:
        yield opened  # type: ignore[misc]


def test_sqlite_knows_urls_by_fetched_and_canonical_url(store: SQLiteStateStore) -> None:
    store.record([_rec("http://example.com/a?utm=1", canonical="http://example.com/a", version="2026-01-01")])
    assert store.past_export("news", "http://example.com/a") == PastExport(version="2026-01-01", exported_at=AT)
    assert store.past_export("news", "http://example.com/a?utm=1#x") == PastExport(version="2026-01-01", exported_at=AT)
    assert store.past_export("other", "http://example.com/a") is None  # scoped by site
    assert store.past_export("news", "http://example.com/b") is None
    assert store.count("news") == 2 and store.count("other") == 0
    store.record([_rec("http://example.com/a", version="2026-02-01")])  # a new version replaces the old
    assert store.past_export("news", "http://example.com/a?utm=1") is not None
    assert store.past_export("news", "http://example.com/a") == PastExport(version="2026-02-01", exported_at=AT)
    store.record([_rec("http://example.com/same", canonical="http://example.com/same")])
    assert store.count("news") == 3


def test_sqlite_knows_bodies_per_site_and_host(store: SQLiteStateStore) -> None:
    store.record([_rec("http://One.example/a", body="fp1"), _rec("http://two.example/b")])
    assert store.body_exported("news", "one.example", "fp1")
    assert not store.body_exported("news", "two.example", "fp1")
    assert not store.body_exported("other", "one.example", "fp1")
    assert not store.body_exported("news", "one.example", "fp2")
    assert not store.body_exported("news", "two.example", "")


def test_sqlite_record_is_all_or_nothing(store: SQLiteStateStore) -> None:
    broken = ExportedRecord(site=None, url="http://example.com/b", canonical_url=None, body_fingerprint=None,  # type: ignore[arg-type]
                            version=None, exported_at=AT)  # fmt: skip
    with pytest.raises(sqlite3.IntegrityError):
        store.record([_rec("http://example.com/a", body="fp"), broken])
    assert store.count("news") == 0 and not store.body_exported("news", "example.com", "fp")
    store.record([])
    store.record([_rec("http://example.com/a")])  # the connection is usable again
    assert store.count("news") == 1


def test_sqlite_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    with SQLiteStateStore(path) as first:
        first.record([_rec("http://example.com/a", body="fp")])
        first.feed_opened("news", "/feeds/out.jsonl", "jsonlines", AT)
        assert first.location == str(path.absolute())
    with SQLiteStateStore(path) as second:
        assert second.past_export("news", "http://example.com/a") is not None
        assert second.body_exported("news", "example.com", "fp")
        assert second.unclosed_feeds("news") == [("/feeds/out.jsonl", "jsonlines", AT)]
        assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_sqlite_keeps_learned_sites_per_spider(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    with SQLiteStateStore(path) as first:
        assert first.learned_site("news", "a.example") is None
        first.keep_learned_sites("news", {"a.example": b"one", "b.example": b"\x00two"})
        first.keep_learned_sites("news", {"a.example": b"three"})  # a later crawl's replaces it
        first.keep_learned_sites("news", {})
    with SQLiteStateStore(path) as second:
        assert second.learned_site("news", "a.example") == b"three"
        assert second.learned_site("news", "b.example") == b"\x00two"
        assert second.learned_site("other", "a.example") is None  # per spider


def test_a_backend_without_learned_sites_keeps_none(tmp_path: Path) -> None:
    """The default of a third-party StateStore: nothing kept, nothing read (learning from scratch)."""

    class Minimal(SQLiteStateStore):
        learned_site = StateStore.learned_site
        keep_learned_sites = StateStore.keep_learned_sites

    with Minimal(tmp_path / "state.sqlite") as store:
        store.keep_learned_sites("news", {"a.example": b"x"})
        assert store.learned_site("news", "a.example") is None


def test_sqlite_open_feeds(store: SQLiteStateStore) -> None:
    store.feed_opened("news", "/a.jsonl", "jsonlines", AT)
    store.feed_opened("news", "/a.jsonl", "csv", "later")  # reopened: the last one counts
    store.feed_opened("news", "/b.csv", "csv", AT)
    store.feed_opened("other", "/a.jsonl", "jsonlines", AT)
    assert sorted(store.unclosed_feeds("news")) == [("/a.jsonl", "csv", "later"), ("/b.csv", "csv", AT)]
    store.feed_closed("news", "/a.jsonl")
    assert store.unclosed_feeds("news") == [("/b.csv", "csv", AT)]
    assert store.unclosed_feeds("other") == [("/a.jsonl", "jsonlines", AT)]


def test_sqlite_from_crawler(tmp_path: Path) -> None:
    path = tmp_path / "x" / "s.sqlite"
    with SQLiteStateStore.from_crawler(get_crawler(settings_dict={"NEWSSPIDER_STATE_PATH": str(path)})) as opened:
        assert opened.location == str(path)
    (tmp_path / "file").write_text("x")
    with pytest.raises(ValueError, match=r"^NEWSSPIDER_STATE_PATH='.*file/s.sqlite' cannot be opened as SQLite: "):
        SQLiteStateStore.from_crawler(get_crawler(settings_dict={"NEWSSPIDER_STATE_PATH": str(tmp_path / "file" / "s.sqlite")}))
    (tmp_path / "junk.sqlite").write_bytes(b"not a database" * 100)
    with pytest.raises(ValueError, match="cannot be opened as SQLite"):
        SQLiteStateStore.from_crawler(get_crawler(settings_dict={"NEWSSPIDER_STATE_PATH": str(tmp_path / "junk.sqlite")}))


def test_sqlite_default_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SCRAPY_SETTINGS_MODULE", raising=False)
    with SQLiteStateStore.from_crawler(get_crawler()) as opened:
        assert opened.location.endswith("/newsspider/state.sqlite")
        assert Path(opened.location).is_file()


# -- read-back of a killed crawl's feed -----------------------------------------------------


def test_records_in_jsonl_feed_skip_a_cut_record(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text('{"url": "http://e/1"}\n[1, 2]\n\n{"url": "http://e/2", "title": "é"}\n{"url": "http://e/3", "ti', encoding="utf-8")
    assert list(records_in_feed(path, "jsonlines")) == [{"url": "http://e/1"}, {"url": "http://e/2", "title": "é"}]
    assert list(records_in_feed(str(path), "jsonl")) == [{"url": "http://e/1"}, {"url": "http://e/2", "title": "é"}]


def test_records_in_csv_feed_skip_a_cut_record(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    with path.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream)
        writer.writerow(["url", "title", "body"])
        writer.writerow(["http://e/1", "One, two", "line\nbreak é"])
        writer.writerow(["http://e/2", "", ""])
        writer.writerow(["http://e/3", "x", "y", "extra"])  # more fields than the header
        stream.write("http://e/4,cut")  # fewer: the kill cut it
    assert list(records_in_feed(path, "csv")) == [
        {"url": "http://e/1", "title": "One, two", "body": "line\nbreak é"},
        {"url": "http://e/2", "title": "", "body": ""},
    ]


@pytest.fixture
def ascii_locale() -> Iterator[None]:
    """A machine whose locale is plain C (ASCII): the feed files are UTF-8 all the same."""
    before = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        yield
    finally:
        locale.setlocale(locale.LC_CTYPE, before)


@pytest.mark.skipif(sys.flags.utf8_mode, reason="Python's UTF-8 mode ignores the locale")
@pytest.mark.parametrize("fmt", ["jsonlines", "csv"])
def test_records_in_feed_read_as_utf8_whatever_the_locale(tmp_path: Path, fmt: str, ascii_locale: None) -> None:
    path = tmp_path / "out"
    text = '{"url": "http://e/é"}\n' if fmt == "jsonlines" else "url\r\nhttp://e/é\r\n"
    path.write_bytes(text.encode("utf-8"))
    assert list(records_in_feed(path, fmt)) == [{"url": "http://e/é"}]


def test_records_in_unreadable_feeds(tmp_path: Path) -> None:
    (tmp_path / "out.xml").write_text("<items/>")
    assert list(records_in_feed(tmp_path / "out.xml", "xml")) == []
    assert list(records_in_feed(tmp_path / "missing.jsonl", "jsonlines")) == []
    assert list(records_in_feed(tmp_path, "jsonlines")) == []


# -- the pipeline ---------------------------------------------------------------------------


class Crawl:
    """A crawler with the state on, a feed exporter and the pipeline, driven by signals."""

    def __init__(self, tmp_path: Path, feeds: dict[str, Any], **settings: Any) -> None:
        self.crawler = get_crawler(
            settings_dict={
                "NEWSSPIDER_STATE_ENABLED": True,
                "NEWSSPIDER_STATE_PATH": str(tmp_path / "state.sqlite"),
                "EXTENSIONS": {CrawlState: 0},
                "LOGSTATS_INTERVAL": 0,
                "FEEDS": feeds,
                **settings,
            }
        )
        self.crawler.spider = self.crawler._create_spider("news")
        self.pipeline = ExportStatePipeline.from_crawler(self.crawler)
        self.state = self.pipeline.state

    def open(self) -> None:
        self.crawler.signals.send_catch_log(signals.spider_opened, spider=self.crawler.spider)

    def scrape(self, item: Any, meta: dict[str, Any] | None = None) -> None:
        url = ItemAdapter(item)["url"]
        response = HtmlResponse(url, body=b"<html></html>", request=Request(url, meta=meta or {}))
        self.pipeline.process_item(item)
        self.crawler.signals.send_catch_log(signals.item_scraped, item=item, response=response, spider=self.crawler.spider)

    def close(self) -> None:
        self.crawler.signals.send_catch_log(signals.feed_exporter_closed)
        self.state.close()

    def stat(self, key: str) -> Any:
        return self.crawler.stats.get_value(f"newsspider/{key}")


def _item(n: int, **fields: Any) -> dict[str, Any]:
    return {"url": f"http://example.com/{n}", "fingerprint": f"fp{n}", **fields}


def test_pipeline_off_with_the_state() -> None:
    crawler = get_crawler(settings_dict={"NEWSSPIDER_STATE_ENABLED": False})
    with pytest.raises(NotConfigured):
        ExportStatePipeline.from_crawler(crawler)


def test_pipeline_records_each_record_once_flushed_to_a_local_feed(tmp_path: Path) -> None:
    feed = tmp_path / "out.jsonl"
    crawl = Crawl(tmp_path, {str(feed): {"format": "jsonlines"}})
    crawl.open()
    crawl.scrape(_item(1, published="2026-01-01"))
    # flushed, and committed only then
    assert [json.loads(line)["url"] for line in feed.read_text().splitlines()] == ["http://example.com/1"]
    export = crawl.state.past_export("news", "http://example.com/1")
    assert export is not None and export.version == "2026-01-01" and export.exported_at.endswith("+00:00")  # UTC
    assert crawl.state.body_exported("news", "example.com", "fp1")
    assert crawl.stat("state/recorded") == 1 and crawl.stat("state/new_version") is None
    assert crawl.state.unclosed_feeds("news") == [(str(feed.resolve()), "jsonlines", crawl.state.unclosed_feeds("news")[0][2])]
    crawl.scrape(_item(2, modified="2026-03-01", published="2026-01-01"), meta=ArticleCandidate("http://example.com/2", "feed", lastmod="2026-04-01").to_meta())
    assert crawl.state.past_export("news", "http://example.com/2").version == "2026-04-01"  # type: ignore[union-attr]
    crawl.scrape(_item(3, modified="2026-03-01", published="2026-01-01"))
    assert crawl.state.past_export("news", "http://example.com/3").version == "2026-03-01"  # type: ignore[union-attr]
    assert crawl.stat("state/recorded") == 3
    crawl.close()
    with SQLiteStateStore(tmp_path / "state.sqlite") as state:
        assert state.unclosed_feeds("news") == []  # a complete feed is not read back


def test_pipeline_drops_a_body_exported_before_unless_fresh(tmp_path: Path) -> None:
    first = Crawl(tmp_path, {str(tmp_path / "a.jsonl"): {"format": "jsonlines"}})
    first.open()
    first.scrape(_item(1))
    first.close()
    second = Crawl(tmp_path, {str(tmp_path / "b.jsonl"): {"format": "jsonlines"}})
    with pytest.raises(DropItem):
        second.pipeline.process_item({"url": "http://example.com/other-url", "fingerprint": "fp1"})
    assert second.stat("dropped/already_exported") == 1
    for item in ({"url": "http://other.example/1", "fingerprint": "fp1"}, {"url": "http://example.com/1", "fingerprint": "fp9"},
                 {"url": "http://example.com/1"}):  # fmt: skip
        assert second.pipeline.process_item(item) is item
    second.state.close()
    fresh = Crawl(tmp_path, {}, NEWSSPIDER_STATE_FRESH=True)
    item = {"url": "http://example.com/1", "fingerprint": "fp1"}
    assert fresh.pipeline.process_item(item) is item
    fresh.state.close()


def test_pipeline_counts_a_new_version(tmp_path: Path) -> None:
    crawl = Crawl(tmp_path, {str(tmp_path / "a.jsonl"): {"format": "jsonlines"}})
    crawl.open()
    crawl.scrape(_item(1, canonical_url="http://example.com/c1"))
    crawl.scrape({"url": "http://example.com/c1?x=1", "fingerprint": "new", "canonical_url": "http://example.com/c1"})
    crawl.scrape({"url": "http://example.com/1", "fingerprint": "newer"})
    assert crawl.stat("state/new_version") == 2
    crawl.close()


def test_pipeline_records_nothing_without_a_feed(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    crawl = Crawl(tmp_path, {str(tmp_path / "only-items.jsonl"): {"format": "jsonlines", "item_classes": ["scrapy.Item"]}})
    crawl.open()
    with caplog.at_level(logging.WARNING, logger="pipelines.state"):
        crawl.scrape(_item(1))
        crawl.scrape(_item(2))
    crawl.close()
    assert crawl.stat("state/no_feed") == 2 and crawl.stat("state/recorded") is None
    assert len([r for r in caplog.records if "records nothing" in r.getMessage()]) == 1
    with SQLiteStateStore(tmp_path / "state.sqlite") as state:
        assert state.count("news") == 0


def test_pipeline_records_what_a_filtered_feed_takes(tmp_path: Path) -> None:
    crawl = Crawl(tmp_path, {str(tmp_path / "articles.jsonl"): {"format": "jsonlines", "item_classes": ["newsspider.items.Article"]}})
    crawl.open()
    crawl.scrape(Article(url="http://example.com/1", fingerprint="fp1"))  # type: ignore[arg-type]
    assert crawl.state.past_export("news", "http://example.com/1") is not None
    crawl.scrape(_item(2))
    assert crawl.state.past_export("news", "http://example.com/2") is None
    assert crawl.stat("state/recorded") == 1 and crawl.stat("state/no_feed") == 1
    crawl.close()


def test_pipeline_records_a_postprocessed_feed_when_it_is_stored(tmp_path: Path) -> None:
    feed = tmp_path / "out.jsonl.gz"
    crawl = Crawl(tmp_path, {str(feed): {"format": "jsonlines", "postprocessing": ["scrapy.extensions.postprocessing.GzipPlugin"]}})
    crawl.open()
    crawl.scrape(_item(1))
    crawl.scrape(_item(2))
    assert crawl.state.past_export("news", "http://example.com/1") is None  # not stored yet
    assert crawl.state.unclosed_feeds("news") == []  # a gzip file cannot be read back
    crawl.close()
    with SQLiteStateStore(tmp_path / "state.sqlite") as state:
        assert state.past_export("news", "http://example.com/2") is not None
    assert crawl.stat("state/recorded") == 2


def test_pipeline_records_nothing_of_a_feed_that_failed_to_store(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    crawl = Crawl(tmp_path, {str(tmp_path / "out.jsonl.gz"): {"format": "jsonlines", "postprocessing": ["scrapy.extensions.postprocessing.GzipPlugin"]}})
    crawl.open()
    crawl.scrape(_item(1))
    crawl.crawler.stats.inc_value("feedexport/failed_count/FileFeedStorage")
    with caplog.at_level(logging.ERROR, logger="pipelines.state"):
        crawl.close()
    assert "1 records not recorded" in caplog.text
    with SQLiteStateStore(tmp_path / "state.sqlite") as state:
        assert state.past_export("news", "http://example.com/1") is None


def _killed_crawl_feed(tmp_path: Path, fmt: str, name: str) -> Path:
    """The state and feed file of a crawl killed after writing records 1-3 and committing 1."""
    feed = tmp_path / name
    if fmt == "csv":
        with feed.open("w", encoding="utf-8", newline="") as stream:
            writer = csv.DictWriter(stream, ["url", "fingerprint", "published"])
            writer.writeheader()
            for n in (1, 2, 3):
                writer.writerow({"url": f"http://example.com/{n}", "fingerprint": f"fp{n}", "published": "2026-01-01"})
    else:
        feed.write_text("".join(json.dumps({"url": f"http://example.com/{n}", "fingerprint": f"fp{n}"}) + "\n" for n in (1, 2, 3))
                        + '{"title": "no url"}\n')  # fmt: skip
    with SQLiteStateStore(tmp_path / "state.sqlite") as state:
        state.record([_rec("http://example.com/1", body="fp1")])
        state.feed_opened("news", str(feed.resolve()), fmt, "2026-01-01T00:00:00+00:00")
        state.feed_opened("other", str(feed.resolve()), fmt, "2026-01-01T00:00:00+00:00")
    return feed


@pytest.mark.parametrize(("fmt", "name"), [("jsonlines", "old.jsonl"), ("csv", "old.csv")])
def test_pipeline_reads_back_a_killed_crawls_feed(tmp_path: Path, fmt: str, name: str, caplog: pytest.LogCaptureFixture) -> None:
    _killed_crawl_feed(tmp_path, fmt, name)
    crawl = Crawl(tmp_path, {str(tmp_path / "new.jsonl"): {"format": "jsonlines"}})
    with caplog.at_level(logging.WARNING, logger="pipelines.state"):
        crawl.open()
    assert crawl.stat("state/recovered") == 2
    assert "Recorded 2 records of" in caplog.text
    export = crawl.state.past_export("news", "http://example.com/3")
    assert export is not None and export.revision is not None
    assert (export.version, export.exported_at) == ("2026-01-01" if fmt == "csv" else None, "2026-01-01T00:00:00+00:00")
    assert (export.revision.version, export.revision.fingerprint) == (1, "fp3")
    assert crawl.state.body_exported("news", "example.com", "fp2")
    assert crawl.state.past_export("other", "http://example.com/3") is None  # that site's own crawl reads it
    assert [path for path, _, _ in crawl.state.unclosed_feeds("news")] == [str((tmp_path / "new.jsonl").resolve())]
    assert crawl.stat("state/killed_feed_appended") is None
    crawl.close()


def test_pipeline_read_back_of_a_feed_holding_nothing_new(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    feed = tmp_path / "old.jsonl"
    feed.write_text('{"url": "http://example.com/1"}\n')
    with SQLiteStateStore(tmp_path / "state.sqlite") as state:
        state.record([_rec("http://example.com/1")])
        state.feed_opened("news", str(feed), "jsonlines", AT)
    crawl = Crawl(tmp_path, {})
    with caplog.at_level(logging.WARNING, logger="pipelines.state"):
        crawl.open()
    assert crawl.stat("state/recovered") is None and not caplog.records
    assert crawl.state.unclosed_feeds("news") == []
    crawl.close()


def test_pipeline_appends_to_a_killed_crawls_feed_given_with_overwrite(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    feed = _killed_crawl_feed(tmp_path, "jsonlines", "out.jsonl")
    crawl = Crawl(tmp_path, {str(feed): {"format": "jsonlines", "overwrite": True}})
    with caplog.at_level(logging.WARNING, logger="pipelines.state"):
        crawl.open()
    assert crawl.stat("state/killed_feed_appended") == 1
    assert "appending to it instead of overwriting" in caplog.text
    crawl.scrape(_item(4))
    lines = feed.read_text().splitlines()
    assert len(lines) == 5 and json.loads(lines[-1])["url"] == "http://example.com/4"
    crawl.close()


@pytest.mark.parametrize("case", ["not overwrite", "other file", "file gone"])
def test_pipeline_leaves_other_feeds_as_given(tmp_path: Path, case: str) -> None:
    feed = _killed_crawl_feed(tmp_path, "jsonlines", "out.jsonl")
    options: dict[str, Any] = {"format": "jsonlines", "overwrite": case != "not overwrite"}
    target = tmp_path / "other.jsonl" if case == "other file" else feed
    target.write_text('{"url": "http://example.com/9"}\n')
    if case == "file gone":
        crawl = Crawl(tmp_path, {str(feed): options})
        feed.unlink()
    else:
        crawl = Crawl(tmp_path, {str(target): options})
    crawl.open()
    assert crawl.stat("state/killed_feed_appended") is None
    crawl.close()


def test_pipeline_notes_only_readable_local_feeds(tmp_path: Path) -> None:
    crawl = Crawl(tmp_path, {"stdout:": {"format": "jsonlines", "overwrite": True}, str(tmp_path / "a.xml"): {"format": "xml"},
                             str(tmp_path / "b.csv"): {"format": "csv"}})  # fmt: skip
    crawl.open()
    assert [(Path(p).name, f) for p, f, _ in crawl.state.unclosed_feeds("news")] == [("b.csv", "csv")]
    crawl.scrape(_item(1))
    assert crawl.stat("state/recorded") == 1  # stdout is flushed too
    crawl.close()


def test_gzip_feed_read_back_is_not_attempted(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl.gz"
    path.write_bytes(gzip.compress(b'{"url": "http://e/1"}\n'))
    assert list(records_in_feed(path, "jsonlines.gz")) == []
