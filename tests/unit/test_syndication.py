"""Syndicated copies: shingles and signatures (newsspider/syndication.py), the SQLite cluster store
(newsspider/state/clusters.py) and the pipeline (pipelines/syndication.py)."""

from __future__ import annotations

import asyncio
import math
import random
import sqlite3
import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from datasketch import MinHash
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.test import get_crawler

from newsspider.items import Article
from newsspider.state.clusters import RedisClusterStore, SQLiteClusterStore, cluster_store_for, redis_prefix
from newsspider.state.sqlite import SQLiteStateStore
from newsspider.syndication import (
    DEFAULT,
    LSH_WEIGHTS,
    SCHEME,
    Cluster,
    ClusterStore,
    MemoryClusterStore,
    band_keys,
    bands_of,
    entry_for,
    join,
    join_many,
    lsh_shape,
    published_rank,
    shingles,
    signature,
    to_blob,
    unit_hashes,
)
from pipelines.syndication import SyndicationPipeline
from tests.helpers import REPO_ROOT

# Two stories about one event: the same names and vocabulary, different sentences.
_EVENT = ("the council of Marlow voted on Tuesday to close the river bridge after inspectors found cracks in "
          "its pillars while engineers mayor Hale traffic detour repairs budget residents ferry spring").split()  # fmt: skip


def story(seed: int, sentences: int = 14) -> str:
    """A deterministic story of the event: ``sentences`` sentences of its vocabulary in 4 paragraphs."""
    rng = random.Random(seed)
    lines = [" ".join(rng.choice(_EVENT) for _ in range(rng.randint(9, 16))).capitalize() + "." for _ in range(sentences)]
    return "\n\n".join(" ".join(lines[i : i + 4]) for i in range(0, sentences, 4))


ORIGINAL = story(1)
OTHER_STORY = story(2)  # same event, same words: a different story
COPY_NEW_INTRO = "LONDON (Newswire) - A fresh opening line written by the agency desk.\n\n" + ORIGINAL.split("\n\n", 1)[1]
COPY_TRIMMED = ORIGINAL.rsplit("\n\n", 1)[0] + "\n\nSubscribe to our newsletter for more local news."


def article(url: str, body: str, published: str | None = "2025-03-01T10:00:00+00:00", **more: Any) -> Article:
    return Article(url=url, canonical_url=url, site="test", title="A title", body=body, published=published, **more)


def make_pipeline(mode: str = "flag", store: ClusterStore | None = None) -> tuple[SyndicationPipeline, Crawler]:
    crawler = get_crawler(settings_dict={"NEWSSPIDER_SYNDICATION": mode, "NEWSSPIDER_STATE_ENABLED": False,
                                         "NEWSSPIDER_SYNDICATION_BATCH_WAIT": 0})  # fmt: skip
    crawler.stats.open_spider()  # type: ignore[union-attr]
    pipeline = SyndicationPipeline.from_crawler(crawler)
    if store is not None:
        pipeline.store = store
    return pipeline, crawler


def process(pipeline: SyndicationPipeline, item: Article) -> Article:
    """The pipeline's async ``process_item`` run to its end (on an asyncio loop, as a crawl's)."""
    return asyncio.run(pipeline.process_item(item))  # type: ignore[no-any-return]


# --------------------------------------------------------------------------- shingles, signatures


def test_units_ignore_case_and_punctuation() -> None:
    assert np.array_equal(unit_hashes("\u201cDon\u2019t,\u201d she SAID\u2014today."), unit_hashes("don't she said today"))
    assert len(set(unit_hashes("one two three").tolist())) == 3


def test_units_are_casefolded_as_str_casefold_does() -> None:
    """Bodies are lowercased byte-wise unless a non-ASCII character changes when casefolded."""
    assert np.array_equal(unit_hashes("ÉCOLE Straße K ΑΘΗΝΑ"), unit_hashes("école strasse k αθηνα"))
    assert np.array_equal(unit_hashes("Café «NOIR» – OK"), unit_hashes("café noir ok"))
    assert np.array_equal(unit_hashes("Tokyo 東京"), unit_hashes("tokyo 東 京"))


def test_unspaced_scripts_are_compared_by_character() -> None:
    assert len(unit_hashes("東京都の会議")) == 6
    assert len(shingles("東京都の会議は火曜日に開かれた")) > 5


def test_unit_hashes_are_stable_across_processes() -> None:
    """Stored signatures must compare with the next crawl's: the hash is fixed, not ``hash()``."""
    assert int(unit_hashes("ab")[0]) == (ord("a") * 0x100000001B3 + ord("b")) % 2**64
    assert shingles("The council voted on Tuesday.").tolist() == [1428564735, 2532440041, 3740581271]


def _bin_minima(hashes: np.ndarray, bins: int = DEFAULT.bins) -> list[int | None]:
    """The smallest hash of each bin (its top bits), None when empty: one-permutation hashing, in plain Python."""
    minima: list[int | None] = [None] * bins
    for value in hashes.tolist():
        index = value >> (33 - bins.bit_length())
        current = minima[index]
        minima[index] = value if current is None else min(current, value)
    return minima


def test_signature_keeps_the_smallest_hash_of_each_bin_and_fills_empty_bins_from_others() -> None:
    hashes = shingles(ORIGINAL)
    minima = _bin_minima(hashes)
    sig = signature(hashes).tolist()
    assert 0 < minima.count(None) < 20  # ~170 shingles in 64 bins: a few bins are empty
    assert all(value == minimum for value, minimum in zip(sig, minima) if minimum is not None)
    assert {value for value, minimum in zip(sig, minima) if minimum is None} <= set(minima)
    with pytest.raises(ValueError, match="power of two"):
        signature(hashes, 48)


def test_signatures_estimate_resemblance_short_sets_included() -> None:
    """Equal bins estimate resemblance (Jaccard), also for sets with many empty bins (densified)."""
    rng = np.random.default_rng(7)
    for size, resemblance in ((1000, 0.2), (1000, 0.6), (30, 0.3), (30, 0.7)):
        common = round(2 * resemblance * size / (1 + resemblance))
        estimates = []
        for _ in range(60):
            pool = rng.permutation(np.unique(rng.integers(0, 2**32, 3 * size, dtype=np.uint64)).astype(np.uint32))
            a, b = np.sort(pool[:size]), np.sort(np.concatenate((pool[:common], pool[size : 2 * size - common])))
            estimates.append(float(np.mean(signature(a) == signature(b))))
        assert abs(np.mean(estimates) - common / (2 * size - common)) < 0.04, (size, resemblance)


BANDS_OF_ORIGINAL = (-878536051571347272, 7401163553357023926)


def test_band_keys_are_stable_across_processes() -> None:
    """Stored band keys must match the next crawl's: changing these values needs a new SCHEME."""
    assert bands_of(shingles(ORIGINAL))[:2] == BANDS_OF_ORIGINAL


@pytest.mark.parametrize("bins", [16, 64, 128])
def test_bands_are_sized_as_datasketchs_lsh_sizes_them(bins: int) -> None:
    """lsh_shape integrates without SciPy: the same (bands, rows) as datasketch's MinHashLSH."""
    from datasketch import MinHashLSH

    for threshold in (0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9):
        lsh = MinHashLSH(threshold=threshold, num_perm=bins, weights=LSH_WEIGHTS)
        assert lsh_shape(threshold, bins) == (lsh.b, lsh.r), threshold


def test_clustering_imports_no_scipy() -> None:
    """SciPy (which datasketch's LSH imports) costs a crawl ~0.9 s of CPU at start: not imported."""
    code = "import sys, pipelines.syndication, newsspider.state.clusters; print('scipy' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO_ROOT)
    assert done.stdout.strip() == "False"


def test_published_rank_orders_dates_and_puts_undated_last() -> None:
    assert published_rank("2025-03-01T10:00:00Z") == published_rank("2025-03-01T11:00:00+01:00")
    assert published_rank("2025-03-01") < published_rank("2025-03-01T00:00:01")
    assert published_rank(None) == published_rank("not a date") == math.inf


# --------------------------------------------------------------------------- the pipeline


def test_copy_with_a_changed_intro_joins_the_original() -> None:
    pipeline, crawler = make_pipeline()
    first = process(pipeline, article("https://a.example/story", ORIGINAL))
    copy = process(pipeline, article("https://b.example/reprint", COPY_NEW_INTRO, "2025-03-01T12:00:00+00:00"))
    trimmed = process(pipeline, article("https://c.example/reprint", COPY_TRIMMED, "2025-03-02T08:00:00+00:00"))
    assert first.cluster_id == copy.cluster_id == trimmed.cluster_id
    assert (first.cluster_size, copy.cluster_size, trimmed.cluster_size) == (1, 2, 3)
    assert first.canonical == copy.canonical == trimmed.canonical == "https://a.example/story"
    assert crawler.stats.get_value("newsspider/syndication/clustered") == 2  # type: ignore[union-attr]


def test_a_different_story_of_the_same_event_does_not_join() -> None:
    pipeline, _ = make_pipeline()
    first = process(pipeline, article("https://a.example/story", ORIGINAL))
    other = process(pipeline, article("https://a.example/other", OTHER_STORY))
    assert first.cluster_id != other.cluster_id
    assert other.cluster_size == 1 and other.canonical == "https://a.example/other"


def test_the_same_site_template_on_different_stories_does_not_join() -> None:
    pipeline, _ = make_pipeline()
    template = "\n\nFollow the Harbor Post on social media for breaking news and live updates from the whole region."
    first = process(pipeline, article("https://a.example/story", story(3, 6) + template))
    other = process(pipeline, article("https://a.example/other", story(4, 6) + template))
    assert first.cluster_id != other.cluster_id


def test_canonical_is_the_earliest_published_copy() -> None:
    pipeline, _ = make_pipeline()
    late = process(pipeline, article("https://b.example/reprint", COPY_NEW_INTRO, "2025-03-02T09:00:00+02:00"))
    undated = process(pipeline, article("https://d.example/reprint", COPY_TRIMMED, None))
    early = process(pipeline, article("https://a.example/story", ORIGINAL, "2025-03-01T23:00:00-05:00"))
    later = process(pipeline, article("https://c.example/reprint", COPY_TRIMMED + "\n\nMore.", "2025-03-03"))
    assert late.canonical == undated.canonical == "https://b.example/reprint"  # as known when exported
    assert early.canonical == later.canonical == "https://a.example/story"
    assert later.cluster_size == 4


def test_drop_mode_drops_every_copy_but_the_earliest() -> None:
    pipeline, crawler = make_pipeline("drop")
    kept = process(pipeline, article("https://a.example/story", ORIGINAL))
    with pytest.raises(DropItem):
        process(pipeline, article("https://b.example/reprint", COPY_NEW_INTRO, "2025-03-01T12:00:00+00:00"))
    assert process(pipeline, article("https://a.example/other", OTHER_STORY)).cluster_size == 1
    assert kept.canonical == kept.url
    assert crawler.stats.get_value("newsspider/dropped/syndicated_copy") == 1  # type: ignore[union-attr]


def test_the_same_url_crawled_again_keeps_its_cluster() -> None:
    pipeline, _ = make_pipeline()
    first = process(pipeline, article("https://a.example/story", ORIGINAL))
    again = process(pipeline, article("https://a.example/story", COPY_TRIMMED))
    assert (again.cluster_id, again.cluster_size) == (first.cluster_id, 1)


def test_short_bodies_are_left_unclustered() -> None:
    pipeline, crawler = make_pipeline()
    item = process(pipeline, article("https://a.example/brief", "Just a few words here."))
    assert item.cluster_id is None and item.canonical is None
    assert crawler.stats.get_value("newsspider/syndication/too_short") == 1  # type: ignore[union-attr]


def test_off_switches_the_pipeline_off() -> None:
    with pytest.raises(NotConfigured):
        make_pipeline("off")


# --------------------------------------------------------------------------- state across crawls


def test_sqlite_clusters_persist_across_pipeline_instances(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    state = SQLiteStateStore(path)
    store = cluster_store_for(state)
    assert isinstance(store, SQLiteClusterStore) and store.path == path
    first, _ = make_pipeline(store=store)
    original = process(first, article("https://a.example/story", ORIGINAL))
    first.close_spider()
    state.close()

    second, _ = make_pipeline(store=cluster_store_for(SQLiteStateStore(path)))
    copy = process(second, article("https://b.example/reprint", COPY_NEW_INTRO, "2025-03-01T12:00:00+00:00"))
    other = process(second, article("https://a.example/other", OTHER_STORY))
    second.close_spider()
    assert (copy.cluster_id, copy.cluster_size, copy.canonical) == (original.cluster_id, 2, "https://a.example/story")
    assert other.cluster_id != original.cluster_id


def test_sqlite_store_gives_what_the_memory_store_gives(tmp_path: Path) -> None:
    bodies = [ORIGINAL, COPY_NEW_INTRO, OTHER_STORY, COPY_TRIMMED, story(5)]
    results = []
    for store in (MemoryClusterStore(), SQLiteClusterStore(tmp_path / "s.sqlite")):
        entries = [entry_for(f"k{i}", f"https://x{i}.example/", f"2025-03-0{i + 1}", b) for i, b in enumerate(bodies)]
        results.append([join(store, e) for e in entries if e is not None])
        store.close()
    assert results[0] == results[1]
    assert len({c.cluster_id for c in results[0]}) == 3


_FIRST_LAYOUT = """
CREATE TABLE syndication_members (member TEXT PRIMARY KEY, cluster TEXT NOT NULL, url TEXT NOT NULL, shingles BLOB NOT NULL);
CREATE TABLE syndication_buckets (bucket INTEGER NOT NULL, member TEXT NOT NULL, PRIMARY KEY (bucket, member)) WITHOUT ROWID;
CREATE TABLE syndication_clusters (cluster TEXT PRIMARY KEY, size INTEGER NOT NULL, canonical TEXT NOT NULL, canonical_rank REAL NOT NULL);
"""


def _scheme_1_bands(hashes: np.ndarray) -> list[int]:
    """Band keys as scheme 1 made them: datasketch's MinHash of 64 permutations (seed 20261202)."""
    minhash = MinHash(num_perm=64, seed=20261202, scheme="affine32", hashfunc=lambda v: v)
    minhash.update_batch(hashes.tolist())
    return band_keys(minhash.hashvalues.astype(np.uint32))


def _first_layout_file(path: Path) -> str:
    """A state file as the first layout (scheme 1) wrote it, holding ORIGINAL; its cluster id."""
    entry = entry_for("k-original", "https://a.example/story", "2025-03-01", ORIGINAL)
    assert entry is not None
    db = sqlite3.connect(path)
    db.executescript(_FIRST_LAYOUT)
    db.execute("INSERT INTO syndication_members VALUES (?, ?, ?, ?)", (entry.key, "c-original", entry.url, to_blob(entry.shingles)))
    db.executemany("INSERT INTO syndication_buckets VALUES (?, ?)", [(band, entry.key) for band in _scheme_1_bands(entry.shingles)])
    db.execute("INSERT INTO syndication_clusters VALUES ('c-original', 1, ?, ?)", (entry.url, entry.rank))
    db.commit()
    db.close()
    return "c-original"


def test_a_state_file_of_the_first_layout_is_migrated(tmp_path: Path) -> None:
    """Its layout, and its scheme-1 band keys (MinHash): made again from its shingles, which scheme 2 shares."""
    cluster_id = _first_layout_file(tmp_path / "s.sqlite")
    store = SQLiteClusterStore(tmp_path / "s.sqlite")
    copy = entry_for("k-copy", "https://b.example/reprint", "2025-03-02", COPY_NEW_INTRO)
    assert copy is not None
    assert join(store, copy) == Cluster(cluster_id, 2, "https://a.example/story", published_rank("2025-03-01"))
    tables = {row[0] for row in store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not tables & {"syndication_members", "syndication_buckets"}
    store.close()


def test_a_state_file_of_scheme_1_gets_the_band_keys_of_this_scheme(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    _first_layout_file(tmp_path / "s.sqlite")
    caplog.set_level("INFO", logger="newsspider.state.clusters")
    store = SQLiteClusterStore(tmp_path / "s.sqlite")
    assert "band keys of 1 records made again (signature scheme 1 -> 2)" in caplog.text
    original = shingles(ORIGINAL)
    stored = {row[0] for row in store.db.execute("SELECT bucket FROM syndication_bands")}
    assert stored == set(bands_of(original)) != set(_scheme_1_bands(original))
    assert store.db.execute("SELECT value FROM syndication_meta WHERE name = 'scheme'").fetchone() == (SCHEME,)
    store.close()
    caplog.clear()
    SQLiteClusterStore(tmp_path / "s.sqlite").close()  # migrated once
    assert "made again" not in caplog.text


def test_signatures_of_another_scheme_are_cleared_not_compared(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    _first_layout_file(tmp_path / "s.sqlite")
    SQLiteClusterStore(tmp_path / "s.sqlite").close()  # migrated: scheme 1
    db = sqlite3.connect(tmp_path / "s.sqlite")
    db.execute("UPDATE syndication_meta SET value = ? WHERE name = 'scheme'", (SCHEME + 1,))
    db.commit()
    db.close()
    store = SQLiteClusterStore(tmp_path / "s.sqlite")
    assert "cannot be compared" in caplog.text
    copy = entry_for("k-copy", "https://b.example/reprint", "2025-03-02", COPY_NEW_INTRO)
    assert copy is not None and join(store, copy).size == 1
    assert store.db.execute("SELECT value FROM syndication_meta WHERE name = 'scheme'").fetchone() == (SCHEME,)
    store.close()


def test_joining_many_at_once_gives_what_one_at_a_time_gives(tmp_path: Path) -> None:
    bodies = [ORIGINAL, COPY_NEW_INTRO, OTHER_STORY, COPY_TRIMMED, story(5), COPY_TRIMMED + "\n\nMore."]
    entries = [entry_for(f"k{i}", f"https://x{i}.example/", f"2025-03-0{6 - i}", b) for i, b in enumerate(bodies)]
    kept = [e for e in entries if e is not None]
    memory = MemoryClusterStore()
    one_by_one = [join(memory, e) for e in kept]
    sqlite_store = SQLiteClusterStore(tmp_path / "s.sqlite")
    assert sqlite_store.batch_size > 1
    assert join_many(sqlite_store, kept) == one_by_one == join_many(MemoryClusterStore(), kept)
    sqlite_store.close()


def test_records_arriving_together_are_joined_in_one_transaction(tmp_path: Path) -> None:
    """Records queued while the batch waits are joined in order in one transaction, each leaving
    with the cluster it would get alone (the second copy sees the first one's join)."""
    pipeline, _ = make_pipeline(store=SQLiteClusterStore(tmp_path / "s.sqlite"))
    pipeline.batch_wait = 0.2
    transactions = []
    opened = pipeline.store.transaction
    pipeline.store.transaction = lambda: transactions.append(1) or opened()  # type: ignore[method-assign]

    async def together() -> list[Article]:
        items = [article("https://a.example/story", ORIGINAL), article("https://b.example/reprint", COPY_NEW_INTRO),
                 article("https://a.example/other", OTHER_STORY), article("https://c.example/reprint", COPY_TRIMMED)]
        return list(await asyncio.gather(*(pipeline.process_item(item) for item in items)))

    first, copy, other, trimmed = asyncio.run(together())
    assert len(transactions) == 1
    assert first.cluster_id == copy.cluster_id == trimmed.cluster_id != other.cluster_id
    assert (first.cluster_size, copy.cluster_size, other.cluster_size, trimmed.cluster_size) == (1, 2, 1, 3)
    pipeline.close_spider()


def test_redis_keys_of_another_scheme_are_never_read() -> None:
    assert redis_prefix(1) == "newsspider:syndication"  # the first release's keys stay readable
    later = redis_prefix(2)
    assert later != redis_prefix(1) and not later.startswith(redis_prefix(1) + ":" + "m:")
    assert RedisClusterStore(server=None).prefix == redis_prefix(SCHEME)


def _store(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> ClusterStore:
    if kind == "memory":
        return MemoryClusterStore()
    if kind == "sqlite":
        return SQLiteClusterStore(tmp_path / "s.sqlite")
    import redis

    return RedisClusterStore(redis.Redis.from_url(request.getfixturevalue("redis_url")))


@pytest.mark.parametrize("kind", ["memory", "sqlite", "redis"])
def test_candidates_sharing_the_most_bands_come_first_and_are_capped(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """A story copied hundreds of times must not cost a record hundreds of verifications: the
    likeliest copies (most band keys shared) are verified first, at most ``max_candidates``."""
    store = _store(kind, tmp_path, request)
    bodies = {"other": OTHER_STORY, "trimmed": COPY_TRIMMED, "intro": COPY_NEW_INTRO, "original": ORIGINAL}
    entries = {name: entry_for(name, f"https://{name}.example/", None, body) for name, body in bodies.items()}
    for entry in entries.values():
        assert entry is not None
        join(store, entry)
    query = entries["original"]
    assert query is not None
    with store.transaction() as tx:
        everything = list(tx.candidates(query.bands, 10))
        best = list(tx.candidates(query.bands, 1))
    assert 1 < len(everything) <= 4
    assert len(best) == 1 and np.array_equal(best[0][1], query.shingles)  # itself: every band shared
    assert np.array_equal(everything[0][1], query.shingles)
    store.close()


def test_a_story_copied_many_times_still_joins_one_cluster_with_few_verifications() -> None:
    store, params = MemoryClusterStore(), replace(DEFAULT, max_candidates=3)
    lines = ORIGINAL.split("\n\n")
    copies = [entry_for(f"k{i}", f"https://copy{i}.example/", None, "\n\n".join([f"Copy number {i} opens here.", *lines]), params) for i in range(40)]
    clusters = [join(store, entry, params) for entry in copies if entry is not None]
    assert len(clusters) == 40 and len({c.cluster_id for c in clusters}) == 1 and clusters[-1].size == 40
    other = entry_for("other", "https://other.example/", None, OTHER_STORY, params)
    assert other is not None and join(store, other, params).size == 1
