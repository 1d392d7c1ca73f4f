"""Site-wide keywords: tags a site declares on nearly every story, learned across its stories
(pipelines/sitetags.py) and dropped by the site-learning pipeline."""

from __future__ import annotations

import asyncio
import json
import pickle
from typing import Any

from pipelines.sitememory import decode_site, encode_site
from pipelines.sitetags import LEARN_SHARE, MIN_STORIES, SiteTags
from tests.unit.test_sitelearn import story
from tests.unit.test_sitelearn_pipeline import _pipeline, in_loop, stat

SITE_WIDE = ["Nigeria breaking news", "APC news", "PDP news"]
TOPICS = ["Budget", "Floods", "Rail strike", "Museum", "Cup final", "Storm", "Election", "Harbour", "Schools", "Health",
          "Bridge", "Ferry"]


def _stories(tags: SiteTags, count: int, extra: list[str] | None = None) -> list[list[str]]:
    learned = []
    for n in range(count):
        learned.append(tags.observe([TOPICS[n % len(TOPICS)], *(extra or []), *SITE_WIDE]))
    return learned


def test_a_keyword_on_every_story_is_learned_once_the_site_has_enough_stories() -> None:
    tags = SiteTags({})
    learned = _stories(tags, MIN_STORIES)
    assert learned[: MIN_STORIES - 1] == [[]] * (MIN_STORIES - 1)  # a few stories of one event prove nothing
    assert sorted(learned[-1]) == sorted(SITE_WIDE)
    assert tags.clean(["Ferry", "APC NEWS", "pdp-news"]) == ["Ferry"]  # case and punctuation ignored


def test_a_frequent_topic_is_not_learned() -> None:
    tags = SiteTags({})
    for n in range(20):  # "Brexit" on 3 stories in 4: under the share
        tags.observe([TOPICS[n % len(TOPICS)], *(["Brexit"] if n % 4 else [])])
    assert 15 / 20 < LEARN_SHARE
    assert tags.clean(["Brexit", "Budget"]) == ["Brexit", "Budget"]


def test_the_rule_is_read_anew_as_other_stories_come_in() -> None:
    tags = SiteTags({})
    _stories(tags, MIN_STORIES, extra=["Floods"])  # the first stories all about the floods
    assert tags.clean(["Floods"]) == []
    for n in range(10):
        tags.observe([TOPICS[n], *SITE_WIDE])
    assert tags.clean(["Floods", "APC news"]) == ["Floods"]


def test_stories_without_tags_do_not_count() -> None:
    tags = SiteTags({})
    for _ in range(30):
        assert tags.observe([]) == []
    _stories(tags, MIN_STORIES)
    assert tags.clean(SITE_WIDE) == []


def test_memory_pickles_and_is_kept_with_the_site_data() -> None:
    data: dict[str, Any] = {}
    _stories(SiteTags(data), MIN_STORIES)
    for restored in (pickle.loads(pickle.dumps(data)), decode_site(encode_site(data))):
        assert SiteTags(restored).clean(["Ferry", "APC news"]) == ["Ferry"]
    json.dumps(decode_site(encode_site(data)), default=list)  # plain data


def _item(n: int, tags: list[str]) -> dict[str, Any]:
    return {"url": f"https://news.example/{n}.html", "title": f"Story {n}", "body": story(n), "word_count": 1, "tags": tags}


def test_pipeline_drops_learned_keywords_from_held_and_later_records() -> None:
    pipeline = _pipeline(NEWSSPIDER_SITELEARN_HOLD=MIN_STORIES)

    async def test() -> None:
        held = [asyncio.ensure_future(pipeline.process_item(_item(n, [TOPICS[n], *SITE_WIDE]))) for n in range(MIN_STORIES - 1)]
        last = await pipeline.process_item(_item(MIN_STORIES - 1, [TOPICS[MIN_STORIES - 1], *SITE_WIDE]))
        records = [*(await asyncio.gather(*held)), last]
        assert [r["tags"] for r in records] == [[TOPICS[n]] for n in range(MIN_STORIES)]
        later = await pipeline.process_item(_item(50, ["Ferry", "PDP news"]))
        assert later["tags"] == ["Ferry"]
        assert stat(pipeline, "site_tags_learned") == len(SITE_WIDE)
        assert stat(pipeline, "tags_cleaned") == MIN_STORIES + 1
        pipeline.close_spider()

    in_loop(test)


def test_pipeline_tags_off() -> None:
    pipeline = _pipeline(NEWSSPIDER_SITELEARN_TAGS=False, NEWSSPIDER_SITELEARN_HOLD=0)

    async def test() -> None:
        records = [await pipeline.process_item(_item(n, [TOPICS[n], *SITE_WIDE])) for n in range(MIN_STORIES + 1)]
        assert records[-1]["tags"] == [TOPICS[MIN_STORIES], *SITE_WIDE]
        assert stat(pipeline, "site_tags_learned") is None
        pipeline.close_spider()

    in_loop(test)
