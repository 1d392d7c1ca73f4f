"""Site-level title affixes: the site name a site's titles repeat, learned across its pages
(pipelines/titleaffix.py) and stripped by the site-learning pipeline."""

from __future__ import annotations

import asyncio
import pickle
from typing import Any

from pipelines.titleaffix import TitleAffixes, affixes_of
from tests.unit.test_sitelearn import story
from tests.unit.test_sitelearn_pipeline import _pipeline, in_loop, stat

HEADLINES = [
    "Council approves new harbour budget",
    "Floods cut off villages in the north",
    "Rail strike - what it means for commuters",
    "Museum reopens after a decade of repairs",
    "Local team wins the regional cup",
    "Storm warning issued for the coast",
]


def test_affixes_of_a_title() -> None:
    assert affixes_of("Story here - Harbour Gazette") == {
        "prefix": ("Story here", "Harbour Gazette"),
        "suffix": ("Harbour Gazette", "Story here"),
    }
    assert affixes_of("Gazette | Rail strike - what it means | Harbour Gazette")["suffix"] == (
        "Harbour Gazette",
        "Gazette | Rail strike - what it means",
    )
    assert affixes_of("Guerre en Ukraine : le front recule") == {}  # a colon is part of a headline
    assert affixes_of("No separator here") == {}
    assert affixes_of("A-hyphenated-title") == {}


def test_site_suffix_learned_on_min_pages_and_stripped() -> None:
    titles = TitleAffixes({}, min_pages=3)
    assert titles.observe(f"{HEADLINES[0]} - Harbour Gazette") == []
    assert titles.observe(f"{HEADLINES[1]} | Harbour Gazette") == []  # case, punctuation, separator vary
    assert titles.clean(f"{HEADLINES[1]} - Harbour Gazette") == f"{HEADLINES[1]} - Harbour Gazette"
    assert titles.observe(f"{HEADLINES[2]} — harbour gazette.") == ["harbour gazette."]
    assert titles.observe(f"{HEADLINES[3]} - Harbour Gazette") == []  # reported once
    # the headline's own separator stays; only the learned end goes
    assert titles.clean(f"{HEADLINES[2]} - Harbour Gazette") == HEADLINES[2]
    assert titles.clean(HEADLINES[0]) == HEADLINES[0]
    assert titles.clean("Harbour Gazette") == "Harbour Gazette"  # nothing would be left


def test_site_prefix_and_both_ends() -> None:
    titles = TitleAffixes({}, min_pages=3)
    for headline in HEADLINES[:4]:
        titles.observe(f"Gazette | {headline} | Harbour Gazette Online")
    assert titles.clean(f"Gazette | {HEADLINES[4]} | Harbour Gazette Online") == HEADLINES[4]
    assert titles.clean(f"Gazette | {HEADLINES[4]}") == HEADLINES[4]


def test_a_recurring_topic_is_no_site_name() -> None:
    """A topic that starts a few titles, or many of the first ones only, is not learned for long."""
    titles = TitleAffixes({}, min_pages=3)
    for headline in HEADLINES[:3]:
        titles.observe(f"Elections - {headline}")
    assert titles.clean(f"Elections - {HEADLINES[3]}") == HEADLINES[3]  # the first pages look like it
    for n in range(6):
        titles.observe(f"Sport - Match report number {n}")
        titles.observe(f"Weather - Forecast number {n}")
    assert titles.clean(f"Elections - {HEADLINES[3]}") == f"Elections - {HEADLINES[3]}"


def test_section_suffix_on_a_minority_not_learned() -> None:
    titles = TitleAffixes({}, min_pages=3)
    for n in range(10):
        titles.observe(f"Headline number {n} - {'Politics' if n < 3 else f'Section {n}'}")
    assert not titles.is_learned("suffix", "Politics")
    assert titles.clean("Another headline - Politics") == "Another headline - Politics"


def test_memory_pickles_with_the_site_data() -> None:
    data: dict[str, Any] = {}
    titles = TitleAffixes(data, min_pages=3)
    for headline in HEADLINES[:3]:
        titles.observe(f"{headline} - Harbour Gazette")
    restored = TitleAffixes(pickle.loads(pickle.dumps(data)), min_pages=3)
    assert restored.clean(f"{HEADLINES[5]} - Harbour Gazette") == HEADLINES[5]


def _item(n: int, title: str) -> dict[str, Any]:
    return {"url": f"https://news.example/{n}.html", "title": title, "body": story(n), "word_count": 1}


def test_pipeline_strips_learned_suffix_from_held_records() -> None:
    pipeline = _pipeline()  # holds the first 3 records of a site

    async def test() -> None:
        first = [asyncio.ensure_future(pipeline.process_item(_item(n, f"{HEADLINES[n]} - Harbour Gazette"))) for n in (0, 1)]
        third = await pipeline.process_item(_item(2, f"{HEADLINES[2]} - Harbour Gazette"))
        held = await asyncio.gather(*first)
        assert [r["title"] for r in [*held, third]] == HEADLINES[:3]
        # a version of a story already counted (same body) teaches nothing, but is cleaned
        again = await pipeline.process_item(_item(2, f"{HEADLINES[2]} (updated) - Harbour Gazette"))
        assert again["title"] == f"{HEADLINES[2]} (updated)"
        assert stat(pipeline, "title_affixes_learned") == 1 and stat(pipeline, "titles_cleaned") == 4
        pipeline.close_spider()

    in_loop(test)


def test_pipeline_titles_off() -> None:
    pipeline = _pipeline(NEWSSPIDER_SITELEARN_TITLES=False, NEWSSPIDER_SITELEARN_HOLD=0)

    async def test() -> None:
        records = [await pipeline.process_item(_item(n, f"{HEADLINES[n]} - Harbour Gazette")) for n in range(4)]
        assert records[-1]["title"] == f"{HEADLINES[3]} - Harbour Gazette"
        assert stat(pipeline, "title_affixes_learned") is None
        pipeline.close_spider()

    in_loop(test)
