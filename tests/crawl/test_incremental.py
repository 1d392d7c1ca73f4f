"""Date windows, incremental state and pause/resume, on crawls of the demo site (server request log)."""

from __future__ import annotations

import signal
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from newsspider.card import write_card
from newsspider.demo.server import DemoServer
from newsspider.state.sqlite import SQLiteStateStore
from tests.helpers import (
    SLOW,
    GatedDemoServer,
    article_requests,
    copy_site,
    crawl_demo,
    paths,
    read_records,
    rewrite_gz,
    run_scrapy,
    signal_after_records,
    start_crawl,
)

DECEMBER = "2024-12-01"


@pytest.fixture(scope="module")
def server() -> Iterator[GatedDemoServer]:
    with GatedDemoServer() as srv:
        yield srv


def _published_since(ground_truth: dict[str, Any], since: str) -> set[str]:
    return {p for p, a in ground_truth["articles"].items() if a["published"] >= since}


def test_window_skips_listed_articles_before_fetching(tmp_path: Path, server: DemoServer, ground_truth: dict[str, Any]) -> None:
    before = len(server.requests)
    run = crawl_demo(server, tmp_path / "w.jsonl", "-a", f"since={DECEMBER}", "-s", "NEWSSPIDER_DISCOVERY=sitemaps")
    wanted = _published_since(ground_truth, DECEMBER)
    assert 0 < len(wanted) < 48
    assert set(article_requests(server, before)) == wanted  # nothing older was even requested
    assert sorted(paths(run.records)) == sorted(wanted)
    assert run.stats["newsspider/skipped/out_of_window"] > 0
    assert "newsspider/dropped/out_of_window" not in run.stats


def test_window_drops_undated_links_after_extraction(tmp_path: Path, server: DemoServer, ground_truth: dict[str, Any]) -> None:
    before = len(server.requests)
    run = crawl_demo(server, tmp_path / "w.jsonl", "-a", f"since={DECEMBER}", "-a", "until=2024-12-31",
                "-s", "NEWSSPIDER_DISCOVERY=links")  # fmt: skip
    wanted = _published_since(ground_truth, DECEMBER)
    assert set(article_requests(server, before)) == set(ground_truth["articles"])  # links carry no date
    assert sorted(paths(run.records)) == sorted(wanted)
    assert run.stats["newsspider/dropped/out_of_window"] == 48 - len(wanted)


def test_second_crawl_fetches_and_exports_nothing_new(tmp_path: Path, server: DemoServer, ground_truth: dict[str, Any]) -> None:
    state = tmp_path / "state.sqlite"
    first = crawl_demo(server, tmp_path / "run1.jsonl", state=state)
    assert sorted(paths(first.records)) == sorted(ground_truth["articles"])
    assert first.stats["newsspider/state/recorded"] == 48
    with SQLiteStateStore(state) as store:
        assert store.count("demo") == 48  # URL = canonical URL on the demo site

    second = crawl_demo(server, tmp_path / "run2.jsonl", state=state)
    assert [p for p in second.requests if p in ground_truth["articles"]] == []
    assert second.records == []
    assert {"/robots.txt", "/sitemap_index.xml", "/feed.xml"} <= set(second.requests)  # listings re-read
    assert second.stats["newsspider/skipped/already_exported"] >= 48

    fresh = crawl_demo(server, tmp_path / "run3.jsonl", "-a", "fresh=1", "-s", "NEWSSPIDER_DISCOVERY=sitemaps", state=state)
    assert sorted(paths(fresh.records)) == sorted(ground_truth["articles"])


def test_changed_article_is_exported_again(tmp_path: Path, ground_truth: dict[str, Any]) -> None:
    site, state = copy_site(tmp_path), tmp_path / "state.sqlite"
    changed = min(ground_truth["articles"])
    truth = ground_truth["articles"][changed]
    old_lastmod = truth["modified"] or truth["published"]
    with DemoServer(root=site) as srv:
        first = crawl_demo(srv, tmp_path / "run1.jsonl", "-s", "NEWSSPIDER_DISCOVERY=sitemaps", state=state)
        assert len(first.records) == 48
        assert {(r["version"], r["previous_fingerprint"], r["changed_ratio"]) for r in first.records} == {(1, None, None)}
        [old] = [r for r in first.records if paths([r]) == [changed]]

        page = site / changed.lstrip("/")
        first_paragraph = truth["body"].split("\n\n")[0]
        page.write_text(page.read_text(encoding="utf-8").replace(first_paragraph, "CORRECTION: " + first_paragraph))
        rewrite_gz(site / "sitemap-articles.xml.gz", f"<lastmod>{old_lastmod}</lastmod>", "<lastmod>2025-01-15T09:00:00+01:00</lastmod>")

        before = len(srv.requests)
        second = crawl_demo(srv, tmp_path / "run2.jsonl", "-s", "NEWSSPIDER_DISCOVERY=sitemaps", state=state)
        assert article_requests(srv, before) == [changed]
        assert paths(second.records) == [changed]
        assert second.records[0]["body"].startswith("CORRECTION: ")
        assert second.stats["newsspider/state/new_version"] == 1
        [new] = second.records
        assert (new["version"], new["previous_fingerprint"]) == (2, old["fingerprint"])
        assert new["fingerprint"] != old["fingerprint"]
        assert 0 < new["changed_ratio"] < 0.2  # one word added to the first paragraph
        card, _ = write_card(tmp_path / "run2.jsonl")
        assert "1 of 1 records (100.0%) are a later version" in card.read_text(encoding="utf-8")

        third = crawl_demo(srv, tmp_path / "run3.jsonl", "-s", "NEWSSPIDER_DISCOVERY=sitemaps", state=state)
        assert third.records == [] and article_requests(srv, before + len(second.requests)) == []


def test_nothing_recorded_without_a_feed(tmp_path: Path, server: DemoServer) -> None:
    """A record the feed did not store is not done: with no feed, the next crawl fetches it again."""
    state = tmp_path / "state.sqlite"
    before = len(server.requests)
    proc = run_scrapy("crawl", "demo", "-a", f"url={server.url}", "-s", "NEWSSPIDER_DEFAULT_FEED=",
                      "-s", "NEWSSPIDER_STATE_ENABLED=1", "-s", f"NEWSSPIDER_STATE_PATH={state}",
                      "-s", "NEWSSPIDER_DISCOVERY=feeds")  # fmt: skip
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert len(article_requests(server, before)) == 20
    with SQLiteStateStore(state) as store:
        assert store.count("demo") == 0
    again = crawl_demo(server, tmp_path / "again.jsonl", "-s", "NEWSSPIDER_DISCOVERY=feeds", state=state)
    assert len(again.records) == 20


# -- stopped and resumed --------------------------------------------------------------------------------


#: Requests the demo server answers before it holds the rest until the crawl is signalled: ~27 of
#: the 48 articles, enough for the 20 records site learning holds back to be released.
STOP_WITHIN = 34


def _exactly_once(ground_truth: dict[str, Any], *runs: list[dict[str, Any]]) -> None:
    counts = Counter(p for run in runs for p in paths(run))
    assert [p for p, n in counts.items() if n > 1] == []
    assert sorted(counts) == sorted(ground_truth["articles"])


def test_jobdir_pause_and_resume_exports_each_article_once(tmp_path: Path, server: GatedDemoServer, ground_truth: dict[str, Any]) -> None:
    """Ctrl-C (SIGINT) then the same command again: Scrapy's JOBDIR alone (state off) resumes the crawl."""
    jobdir, out1, out2 = tmp_path / "job", tmp_path / "run1.jsonl", tmp_path / "run2.jsonl"
    settings = ("-s", f"JOBDIR={jobdir}", "-s", "NEWSSPIDER_STATE_ENABLED=0")
    before = len(server.requests)
    server.hold_after(STOP_WITHIN)
    log = signal_after_records(start_crawl(server.url, ("-O", out1), *SLOW, *settings), out1, 5, signal.SIGINT, gate=server)
    assert "shutting down gracefully" in log.lower() or "closing spider (shutdown)" in log.lower(), log[-2000:]
    first = read_records(out1)
    assert 5 <= len(first) < 48
    run1_requests = set(server.requests[before:])

    middle = len(server.requests)
    resumed = start_crawl(server.url, ("-O", out2), *SLOW, *settings)
    _, log2 = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, log2[-3000:]
    _exactly_once(ground_truth, first, read_records(out2))
    # The resumed crawl continues where the first stopped: no page is fetched a second time.
    assert not (set(server.requests[middle:]) - {"/robots.txt"}) & run1_requests


def test_killed_crawl_rerun_with_state_exports_each_article_once(tmp_path: Path, server: GatedDemoServer, ground_truth: dict[str, Any]) -> None:
    """kill -9 at any moment: the state holds exactly the records the feed holds, so a rerun completes it."""
    state, out1, out2 = tmp_path / "state.sqlite", tmp_path / "run1.jsonl", tmp_path / "run2.jsonl"
    settings = ("-s", "NEWSSPIDER_STATE_ENABLED=1", "-s", f"NEWSSPIDER_STATE_PATH={state}")
    server.hold_after(STOP_WITHIN)
    signal_after_records(start_crawl(server.url, ("-O", out1), *SLOW, *settings), out1, 5, signal.SIGKILL, gate=server)
    first = read_records(out1)
    assert 5 <= len(first) < 48
    with SQLiteStateStore(state) as store:
        # Flushed to the feed before committed: the state may lack the last record, never the reverse.
        assert store.count("demo") in (len(first), len(first) - 1)
    rerun = start_crawl(server.url, ("-O", out2), *SLOW, *settings)
    _, log = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, log[-3000:]
    _exactly_once(ground_truth, first, read_records(out2))


#: The state backend of tests/fixtures/killing_state.py: kill -9 between a record's flush and its commit.
KILLING_STATE = "NEWSSPIDER_STATE_BACKEND=tests.fixtures.killing_state.KillingStateStore"


def test_kill_between_feed_write_and_state_commit_loses_and_repeats_nothing(
    tmp_path: Path, server: DemoServer, ground_truth: dict[str, Any]
) -> None:
    """The write→commit window, hit on purpose: the crawl dies (SIGKILL) with its 7th record flushed
    to the feed and not committed to the state. The rerun reads that record back from the feed the
    killed crawl left open (newsspider/state/recovery.py), so it neither exports it again nor loses
    any other article."""
    state, out1, out2 = tmp_path / "state.sqlite", tmp_path / "run1.jsonl", tmp_path / "run2.jsonl"
    settings = ("-s", "NEWSSPIDER_STATE_ENABLED=1", "-s", f"NEWSSPIDER_STATE_PATH={state}")
    killed = start_crawl(server.url, ("-O", out1), *settings, "-s", KILLING_STATE, "-s", "NEWSSPIDER_TEST_KILL_AT_RECORD=7")
    _, log = killed.communicate(timeout=300)
    assert killed.returncode == -signal.SIGKILL, log[-3000:]
    first = read_records(out1)
    with SQLiteStateStore(state) as store:
        assert (len(first), store.count("demo")) == (7, 6)  # in the window: in the feed, not in the state
    rerun = start_crawl(server.url, ("-O", out2), *settings)
    _, log = rerun.communicate(timeout=300)
    assert rerun.returncode == 0, log[-3000:]
    assert f"Recorded 1 records of {out1.resolve()}, a feed left open by a stopped crawl" in log
    _exactly_once(ground_truth, first, read_records(out2))
