"""The site-learning pipeline's hold and release (pipelines/sitelearn.py), run in an asyncio loop
as in a crawl, on a real crawler and engine. Waits are events; their limits only bound a failure."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from scrapy import Request
from scrapy.utils.test import get_crawler

from pipelines import sitelearn
from pipelines.normalize import body_fingerprint
from pipelines.sitelearn import SiteLearnPipeline
from pipelines.sitememory import STATE_KEY
from tests.unit.test_sitelearn import CREDIT, PROMO, story

FAILURE_BOUND = 10  # seconds: how long a broken release would hang the test


def _pipeline(**settings: Any) -> SiteLearnPipeline:
    crawler = get_crawler(settings_dict={"NEWSSPIDER_SITELEARN_HOLD": 3, "NEWSSPIDER_SITELEARN_MAX_HOLD": 3600, **settings})
    crawler.spider = crawler._create_spider("news")
    crawler.engine = crawler._create_engine()
    # a download in flight: the crawl is not stalled, only the hold's own rules release
    crawler.engine.downloader.active.add(Request("http://busy.example/"))
    return SiteLearnPipeline.from_crawler(crawler)


def _item(n: int, host: str = "news.example") -> dict[str, Any]:
    return {"url": f"https://{host}/{n}.html", "body": story(n, PROMO, CREDIT), "word_count": 1, "fingerprint": "x"}


def _released(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == "pipelines.sitelearn"]


def in_loop(test: Callable[[], Awaitable[None]]) -> None:
    asyncio.run(asyncio.wait_for(test(), FAILURE_BOUND))


async def _settle() -> None:
    for _ in range(5):
        await asyncio.sleep(0)


def stat(pipeline: SiteLearnPipeline, name: str) -> Any:
    return pipeline.stats.get_value(f"newsspider/sitelearn/{name}")


def test_first_records_held_until_the_site_is_learned(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="pipelines.sitelearn")
    pipeline = _pipeline()  # outside the loop: the engine opens no HTTP client session

    async def test() -> None:
        first = [asyncio.ensure_future(pipeline.process_item(_item(n))) for n in (1, 2)]
        other = asyncio.ensure_future(pipeline.process_item(_item(1, host="other.example")))
        await _settle()
        assert not any(task.done() for task in [*first, other])
        assert pipeline.held_count() == 3 and stat(pipeline, "records_held") == 3
        third = await pipeline.process_item(_item(3))  # the third page teaches PROMO and releases the site
        held = await asyncio.gather(*first)
        for record in [*held, third]:
            assert PROMO not in record["body"] and CREDIT not in record["body"]
            assert record["word_count"] > 1 and record["fingerprint"] == body_fingerprint(record["body"])
        assert _released(caplog) == ["Site learning: releasing 2 held records of news.example (warmed up)"]
        assert not other.done() and pipeline.held_count() == 1  # another site is held apart
        assert stat(pipeline, "records_cleaned") == 3 and stat(pipeline, "blocks_removed") == 6
        assert stat(pipeline, "blocks_learned") == 2
        fourth = await pipeline.process_item(_item(4))  # released: passes straight through, cleaned
        assert PROMO not in fourth["body"] and stat(pipeline, "records_held") == 3
        pipeline.close_spider()
        assert PROMO in (await other)["body"]  # released on close, not lost
        assert _released(caplog)[-1] == "Site learning: releasing 1 held records of other.example (closing)"
        assert pipeline._watch is None

    in_loop(test)


def test_held_records_released_after_max_hold(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="pipelines.sitelearn")
    pipeline = _pipeline(NEWSSPIDER_SITELEARN_MAX_HOLD=0.05)  # outside the loop: the engine opens no HTTP client session

    async def test() -> None:
        held = asyncio.ensure_future(pipeline.process_item(_item(1)))
        await _settle()
        assert not held.done()
        record = await held  # the engine is busy: only the max-hold timer can release it
        assert PROMO in record["body"]  # nothing learned from one page
        assert pipeline.held_count() == 0 and pipeline._timers == {} and pipeline._watch is None
        assert _released(caplog) == ["Site learning: releasing 1 held records of news.example (max hold time)"]
        second = asyncio.ensure_future(pipeline.process_item(_item(2)))
        await _settle()
        assert second.done()  # the site is not held again

    in_loop(test)


def test_held_records_released_when_nothing_else_is_left(monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="pipelines.sitelearn")
    monkeypatch.setattr(sitelearn, "WATCH_INTERVAL", 0.01)

    pipeline = _pipeline()  # outside the loop: the engine opens no HTTP client session

    async def test() -> None:
        assert pipeline.crawl_stalled() is False
        pipeline.crawler.engine.downloader.active.clear()  # type: ignore[union-attr]
        assert pipeline.crawl_stalled() is True  # no spider open: no scheduler, no scraper slot
        held = [asyncio.ensure_future(pipeline.process_item(_item(n))) for n in (1, 2)]
        records = await asyncio.gather(*held)
        assert all(PROMO in record["body"] for record in records)  # two pages teach nothing
        assert pipeline._timers == {} and pipeline._watch is None
        assert _released(caplog) == ["Site learning: releasing 2 held records of news.example (nothing else left to crawl)"]

    in_loop(test)


def test_two_stalled_checks_in_a_row_release() -> None:
    pipeline = _pipeline()
    active = pipeline.crawler.engine.downloader.active  # type: ignore[union-attr]

    async def test() -> None:
        held = asyncio.ensure_future(pipeline.process_item(_item(1)))
        await _settle()
        for busy in (False, True, False):  # a download in between starts the count again
            if busy:
                active.add(Request("http://busy.example/again"))
            else:
                active.clear()
            pipeline._check_stalled()
            assert not held.done()
        pipeline._check_stalled()
        await _settle()
        assert held.done() and pipeline._stalled_checks == 0

    in_loop(test)


def test_settings() -> None:
    pipeline = _pipeline(NEWSSPIDER_SITELEARN_MIN_SHARE=0.5, NEWSSPIDER_SITELEARN_MAX_WORDS=7, NEWSSPIDER_SITELEARN_HOLD=4,
                         NEWSSPIDER_SITELEARN_MAX_HOLD=9.5, NEWSSPIDER_SITELEARN_MIN_PAGES=4)  # fmt: skip
    assert (pipeline.rules.min_pages, pipeline.rules.min_share, pipeline.rules.max_words) == (4, 0.5, 7)
    assert (pipeline.hold, pipeline.max_hold, pipeline.crawler.settings["NEWSSPIDER_SITELEARN_HOLD"]) == (4, 9.5, 4)
    assert _pipeline(NEWSSPIDER_SITELEARN_HOLD=4, CLOSESPIDER_ITEMCOUNT=1).hold == 0
    assert _pipeline(NEWSSPIDER_SITELEARN_HOLD=4, CLOSESPIDER_ITEMCOUNT=3).hold == 3  # = min pages: still worth it
    assert _pipeline(NEWSSPIDER_SITELEARN_HOLD=4, CLOSESPIDER_ITEMCOUNT=0).hold == 4
    assert _pipeline(NEWSSPIDER_SITELEARN_HOLD=2).hold == 0


def test_hold_zero_holds_nothing() -> None:
    pipeline = _pipeline(NEWSSPIDER_SITELEARN_HOLD=0)  # outside the loop: the engine opens no HTTP client session

    async def test() -> None:
        for n in (1, 2, 3, 4):
            record = await pipeline.process_item(_item(n))
        assert PROMO not in record["body"]
        assert stat(pipeline, "records_held") is None

    in_loop(test)


def test_an_articles_nearly_kept_lines_teach_the_site_and_are_never_exported() -> None:
    """The spider gives each record the lines the block model nearly kept (an attribute, no
    field): the pipeline learns a promo line from them though only the fourth body carries it."""
    from itemadapter import ItemAdapter

    from newsspider.items import Article, nearly_kept, with_nearly_kept

    pipeline = _pipeline(NEWSSPIDER_SITELEARN_HOLD=0)

    def article(n: int, *lines: str, nearly: tuple[str, ...] = ()) -> Article:
        return with_nearly_kept(Article(url=f"https://news.example/{n}.html", body=story(n, *lines)), nearly)

    async def test() -> None:
        for n in (1, 2, 3):
            await pipeline.process_item(article(n, nearly=(PROMO,)))
        record = await pipeline.process_item(article(4, PROMO))
        assert PROMO not in record.body and stat(pipeline, "blocks_removed") == 1

    in_loop(test)
    record = article(5, nearly=(PROMO,))
    assert nearly_kept(record) == (PROMO,) and nearly_kept({"body": "x"}) == ()
    assert "Support our newsroom" not in str(ItemAdapter(record).asdict())


def test_memory_kept_in_spider_state() -> None:
    pipeline = _pipeline(NEWSSPIDER_SITELEARN_HOLD=0)  # outside the loop: the engine opens no HTTP client session
    resumed = _pipeline(NEWSSPIDER_SITELEARN_HOLD=3)

    async def test() -> None:
        pipeline.crawler.spider.state = {}  # type: ignore[union-attr]  # JOBDIR: SpiderState's dict
        for n in (1, 2, 3):
            await pipeline.process_item(_item(n))
        state = pipeline.crawler.spider.state  # type: ignore[union-attr]
        resumed.crawler.spider.state = state  # type: ignore[union-attr]
        record = await resumed.process_item(_item(9))  # warmed up in the first run: not held
        assert PROMO not in record["body"] and stat(resumed, "blocks_loaded") == 2
        assert STATE_KEY in state

    in_loop(test)
