"""Syndicated copies end to end: a crawl clusters a reprint with its original; clusters in Redis
(newsspider/state/clusters.py) are shared by the workers of a distributed crawl, kept across
crawls, and never split one story when workers race."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import redis

from newsspider.demo.server import DemoServer
from newsspider.state.clusters import RedisClusterStore, cluster_store_for
from newsspider.state.redis_store import RedisStateStore
from newsspider.syndication import ClusterStoreError, entry_for, join
from tests.helpers import SMALL_ARTICLES, crawl
from tests.unit.test_syndication import (
    COPY_NEW_INTRO,
    COPY_TRIMMED,
    ORIGINAL,
    OTHER_STORY,
    article,
    make_pipeline,
    process,
    story,
)


def _page(title: str, paragraphs: list[str], published: str) -> str:
    text = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>'
        f'<meta property="og:type" content="article"><meta property="article:published_time" content="{published}">'
        f"</head><body><article><h1>{title}</h1>{text}</article></body></html>"
    )


def test_a_crawl_clusters_a_reprint_with_its_original(tmp_path: Path) -> None:
    root = tmp_path / "site"
    folder = root / "news" / "2024" / "05"
    folder.mkdir(parents=True)
    pages = {slug: _page(title, paragraphs, "2024-05-02T08:00:00+00:00") for slug, (title, paragraphs) in SMALL_ARTICLES.items()}
    first_slug, (title, paragraphs) = next(iter(SMALL_ARTICLES.items()))
    intro = "HARBOUR TOWN (Coast Wire) - Councillors in the small fishing town settled a long quarrel over the harbour."
    pages["reprint-harbour-budget"] = _page(title + " (wire)", [intro, *paragraphs], "2024-05-03T10:00:00+00:00")
    for slug, html in pages.items():
        (folder / f"{slug}.html").write_text(html, encoding="utf-8")
    links = "".join(f'<li><a href="/news/2024/05/{slug}.html">{slug}</a></li>' for slug in pages)
    (root / "index.html").write_text(f"<!doctype html><html><body><ul>{links}</ul></body></html>", encoding="utf-8")
    with DemoServer(root) as server:
        result = crawl(tmp_path, server.url, "NEWSSPIDER_STATE_ENABLED=1", f"NEWSSPIDER_STATE_PATH={tmp_path / 's.sqlite'}")
    assert result.proc.returncode == 0, result.proc.stderr[-3000:]
    by_slug = {r["url"].rsplit("/", 1)[1].removesuffix(".html"): r for r in result.records}
    assert len(by_slug) == 4
    original, reprint = by_slug[first_slug], by_slug["reprint-harbour-budget"]
    assert original["cluster_id"] == reprint["cluster_id"]
    assert len({r["cluster_id"] for r in result.records}) == 3
    later = max(original, reprint, key=lambda r: r["cluster_size"])  # exported second, knows both
    assert later["cluster_size"] == 2 and later["canonical"] == original["url"]
    assert result.stats["newsspider/syndication/clustered"] == 1


def test_two_workers_share_clusters_across_crawls(redis_url: str) -> None:
    one = cluster_store_for(RedisStateStore(redis.Redis.from_url(redis_url)))
    assert isinstance(one, RedisClusterStore)
    worker_1, _ = make_pipeline(store=one)
    original = process(worker_1, article("https://a.example/story", ORIGINAL))
    worker_1.close_spider()

    worker_2, _ = make_pipeline(store=cluster_store_for(RedisStateStore(redis.Redis.from_url(redis_url))))
    copy = process(worker_2, article("https://b.example/reprint", COPY_NEW_INTRO, "2025-02-28T12:00:00+00:00"))
    other = process(worker_2, article("https://a.example/other", OTHER_STORY))
    assert copy.cluster_id == original.cluster_id and copy.cluster_size == 2
    assert copy.canonical == "https://b.example/reprint"  # published before the original
    assert other.cluster_id != original.cluster_id
    keys = {k.decode() for k in redis.Redis.from_url(redis_url).keys("*")}
    assert keys and all(k.startswith("newsspider:syndication:") for k in keys)  # a keyspace of its own


def test_racing_workers_never_split_a_story(redis_url: str) -> None:
    """Two workers add copies of the same stories at the same moment: WATCH/MULTI makes one of
    each pair see the other's insert, so every story ends in one cluster."""
    stories = [story(100 + i) for i in range(12)]
    versions = [[body, body.rsplit("\n\n", 1)[0] + "\n\nRead more local news."] for body in stories]
    barrier = threading.Barrier(2)
    results: list[list[str]] = [[], []]

    def worker(n: int) -> None:
        store = RedisClusterStore(redis.Redis.from_url(redis_url))
        for i, pair in enumerate(versions):
            entry = entry_for(f"w{n}-{i}", f"https://w{n}.example/{i}", "2025-03-01", pair[n])
            assert entry is not None
            barrier.wait(timeout=60)
            results[n].append(join(store, entry).cluster_id)

    threads = [threading.Thread(target=worker, args=(n,)) for n in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert results[0] == results[1] and len(set(results[0])) == len(stories)


def test_lost_redis_leaves_records_unclustered() -> None:
    store = RedisClusterStore(redis.Redis(host="127.0.0.1", port=1, socket_connect_timeout=1))
    entry = entry_for("k", "https://a.example/", None, ORIGINAL)
    assert entry is not None
    with pytest.raises(ClusterStoreError):
        join(store, entry)
    pipeline, crawler = make_pipeline(store=store)
    for url in ("https://a.example/story", "https://b.example/story"):
        assert process(pipeline, article(url, COPY_TRIMMED)).cluster_id is None
    assert crawler.stats.get_value("newsspider/syndication/store_errors") == 2  # type: ignore[union-attr]
