"""Site-level boilerplate learning: the per-site memory (pure) and the pipeline's settings."""

from __future__ import annotations

import pickle
import zlib
from typing import Any

import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from pipelines import sitememory
from pipelines.sitelearn import SiteLearnPipeline
from pipelines.sitememory import (
    BoilerplateMemory,
    LearningRules,
    SiteMemory,
    block_key,
    site_key,
)
from pipelines.titleaffix import TitleAffixes

PROMO = "Support our newsroom: become a member today."
CREDIT = "Story from Northern Press Service"


def story(n: int, *extra: str) -> str:
    """A body with two long unique paragraphs (story ``n``) and the given short lines."""
    long1 = f"Story {n} opened with a long paragraph about event number {n}, " + " ".join(
        f"detail{n}x{i}" for i in range(45)
    )
    long2 = f"A second paragraph of story {n} kept going " + " ".join(f"fact{n}y{i}" for i in range(45))
    return "\n\n".join([long1, *extra, long2])


def memory(**rules: Any) -> SiteMemory:
    return BoilerplateMemory(rules=LearningRules(**rules)).site("https://news.example/a.html")


def prose(seed: str, sentences: int, *, cjk: bool = False) -> str:
    """A paragraph of ``sentences`` sentences of its own (six words each; CJK: no spaces)."""
    if cjk:
        return "".join(f"第{k}文{seed}の記録{seed}{k}です。" for k in range(sentences))
    return " ".join(f"Sentence {k} of {seed} names {seed}k{k} and {seed}m{k}." for k in range(sentences))


def version(v: int, *extra: str, cjk: bool = False) -> str:
    """Version ``v`` of one story republished under many URLs (updates, rewrites): a first
    paragraph of its own, long or short, then the same six short paragraphs (24 words each,
    so each could be learned); every third version also corrects a sentence of one of them."""
    lede = prose(f"lede{v}", 8 if v % 2 else 3, cjk=cjk)
    rest = [prose(f"rest{j}", 4, cjk=cjk) for j in range(6)]
    if v % 3 == 0:
        rest[2] = rest[2].replace("rest2k1", "rest2k1 (corrected)")
    return "\n\n".join([lede, *rest, *extra])


def test_block_learned_on_the_third_distinct_page() -> None:
    site = memory()
    assert site.observe(story(1, PROMO, CREDIT)) == []
    assert site.observe(story(2, PROMO)) == []
    assert site.clean(story(3, PROMO))[1] == 0  # not yet learned: two pages
    assert site.observe(story(3, PROMO)) == [block_key(PROMO)]
    body, removed = site.clean(story(4, PROMO, CREDIT))
    assert removed == 1 and PROMO not in body and CREDIT in body
    assert "\n\n\n" not in body and body.count("\n\n") == 2  # paragraphs kept


def test_lines_the_extractor_nearly_kept_count_as_the_bodys_lines() -> None:
    """A promo line the block model drops on most pages of a site is still seen there (nearly
    kept): learned on its third page though only one body carries it, then removed from that one."""
    site = memory()
    assert site.observe(story(1), nearly_kept=(PROMO,)) == []
    assert site.observe(story(2), nearly_kept=(PROMO, "")) == []
    assert site.observe(story(3, PROMO)) == [block_key(PROMO)]
    body, removed = site.clean(story(3, PROMO))
    assert removed == 1 and PROMO not in body
    # nearly kept text is no story text: the same story with other nearly-kept lines is a version
    assert site.observe(story(1), nearly_kept=(CREDIT,)) is None
    # and long or empty nearly-kept texts are never counted
    assert site.observe(story(4), nearly_kept=(story(99),)) == []
    assert not any(key for key in site.data["counts"] if "detail99" in key)


def test_same_story_again_does_not_count() -> None:
    site = memory()
    assert site.observe(story(1, PROMO)) == []
    for _ in range(4):  # the same page (or the same story under other URLs) again
        assert site.observe(story(1, PROMO)) is None
    assert site.pages == 1
    assert not site.learned
    # The same story with a changed short line is still the same story.
    assert site.observe(story(1, PROMO, "Updated at 10:45")) is None


@pytest.mark.parametrize("cjk", [False, True], ids=["spaced", "cjk"])
def test_a_story_republished_with_new_first_paragraphs_is_one_story(cjk: bool) -> None:
    """20 versions of one story (new first paragraph each, one with a corrected sentence)
    among 30 other stories that share a true boilerplate line: the line is learned, the
    story's own paragraphs are not (before: all six were, and every version lost them)."""
    site = memory()
    for n in range(30):
        site.observe(story(n, PROMO))
        if n < 20:
            site.observe(version(n, PROMO, cjk=cjk))
    assert site.is_boilerplate(PROMO)
    rest = version(0, cjk=cjk).split("\n\n")[1:]
    assert [p for p in rest if site.is_boilerplate(p)] == []
    assert site.pages == 31  # the 30 stories and the story told 20 times
    body, removed = site.clean(version(21, PROMO, cjk=cjk))
    assert removed == 1 and body == version(21, cjk=cjk)


def test_a_page_mostly_of_site_lines_does_not_swallow_later_stories() -> None:
    """Versions are judged by the share of the *new* page's text that the older one holds: a
    first page made of little but the site's lines must not make every later story its version."""
    site = memory()
    assert site.observe("\n\n".join(["Watch: the harbour at dawn", PROMO, CREDIT])) == []
    for n in range(3):
        site.observe(story(n, PROMO, CREDIT))
    assert site.is_boilerplate(PROMO) and site.is_boilerplate(CREDIT)


def test_long_paragraphs_are_never_learned() -> None:
    site = memory(max_words=40)
    shared = "A long background paragraph " + " ".join(f"w{i}" for i in range(50))
    for n in range(10):
        site.observe(story(n, shared))
    assert not site.learned
    assert site.clean(story(11, shared))[1] == 0


def test_comparison_ignores_case_and_punctuation() -> None:
    site = memory()
    site.observe(story(1, "Story from: AP"))
    site.observe(story(2, "story from AP"))
    site.observe(story(3, "STORY FROM AP."))
    assert site.is_boilerplate("Story from AP")
    assert not site.is_boilerplate("Story from AFP")


def test_threshold_grows_with_the_share_of_pages() -> None:
    rules = LearningRules(min_pages=3, min_share=0.1)
    assert rules.threshold(10) == 3 and rules.threshold(100) == 10
    site = memory(min_pages=3, min_share=0.1)
    for n in range(60):
        site.observe(story(n))
    for n in range(60, 63):  # three pages out of 63: under 10 %
        site.observe(story(n, PROMO))
    assert not site.is_boilerplate(PROMO)


def test_sites_learn_separately() -> None:
    mem = BoilerplateMemory()
    for n in range(3):
        mem.site(f"https://www.one.example/{n}.html").observe(story(n, PROMO))
    assert mem.site("https://one.example:8080/x.html").is_boilerplate(PROMO)  # www. and port ignored
    assert not mem.site("https://two.example/x.html").is_boilerplate(PROMO)
    assert site_key("https://WWW.One.Example/") == "one.example"
    assert mem.learned_count() == 1


def test_memory_survives_pickling() -> None:
    """What SpiderState does with ``spider.state`` in JOBDIR."""
    state: dict[str, Any] = {}
    mem = BoilerplateMemory(state.setdefault(sitememory.STATE_KEY, {}))
    for n in range(3):
        mem.site("https://one.example/").observe(story(n, PROMO))
    restored = pickle.loads(pickle.dumps(state, protocol=4))
    again = BoilerplateMemory(restored[sitememory.STATE_KEY]).site("https://one.example/b.html")
    assert again.is_boilerplate(PROMO) and again.pages == 3
    assert again.observe(story(1, PROMO)) is None  # stories already counted stay counted
    assert again.observe(story(2, "Updated with comment from the mayor.")) is None  # and their versions


def test_state_of_an_older_version_loads() -> None:
    """A JOBDIR saved when stories were keyed by their longest paragraph: learned lines kept."""
    old = {"pages": 3, "counts": {block_key(PROMO): 3}, "learned": {block_key(PROMO)}, "stories": {"ab12"}}
    site = BoilerplateMemory({"one.example": old}).site("https://one.example/")
    assert site.is_boilerplate(PROMO) and site.pages == 3
    assert site.observe(story(7, PROMO)) == []


def test_rare_blocks_are_forgotten_when_memory_is_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitememory, "MAX_TRACKED_BLOCKS", 20)
    site = memory()
    for n in range(3):
        site.observe(story(n, PROMO))
    for n in range(3, 30):
        site.observe(story(n, f"Unique caption number {n}"))
    assert len(site.data["counts"]) <= 21
    assert site.is_boilerplate(PROMO)


def test_remembered_stories_are_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sitememory, "MAX_TRACKED_STORIES", 5)
    site = memory()
    for n in range(20):
        site.observe(story(n, PROMO))
    assert len(site.data["story_sketches"]) == 5
    assert len(site.data["story_index"]) <= 5 * sitememory.STORY_INDEXED
    assert site.observe(story(19, "Updated at 10:45")) is None  # a recent story is still known
    assert site.observe(story(0)) == []  # the oldest was forgotten: it counts as new
    assert site.is_boilerplate(PROMO)


def test_rules_reject_nonsense() -> None:
    with pytest.raises(ValueError, match="min_pages"):
        LearningRules(min_pages=1)
    with pytest.raises(ValueError, match="min_share"):
        LearningRules(min_share=2)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"NEWSSPIDER_SITELEARN_MIN_PAGES": 1}, "NEWSSPIDER_SITELEARN_MIN_PAGES"),
        ({"NEWSSPIDER_SITELEARN_MIN_SHARE": "lots"}, "NEWSSPIDER_SITELEARN_MIN_SHARE"),
        ({"NEWSSPIDER_SITELEARN_HOLD": -1}, "NEWSSPIDER_SITELEARN_HOLD"),
        ({"NEWSSPIDER_SITELEARN_MAX_WORDS": 0}, "NEWSSPIDER_SITELEARN_MAX_WORDS"),
        ({"NEWSSPIDER_SITELEARN_MAX_HOLD": -5}, "NEWSSPIDER_SITELEARN_MAX_HOLD"),
    ],
)
def test_bad_settings_fail_fast(settings: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        SiteLearnPipeline.from_crawler(get_crawler(settings_dict=settings))


def test_disabled_and_hold_capped_by_item_limit() -> None:
    with pytest.raises(NotConfigured):
        SiteLearnPipeline.from_crawler(get_crawler(settings_dict={"NEWSSPIDER_SITELEARN_ENABLED": False}))
    capped = SiteLearnPipeline.from_crawler(get_crawler(settings_dict={"CLOSESPIDER_ITEMCOUNT": 5}))
    assert capped.hold == 5
    pointless = SiteLearnPipeline.from_crawler(get_crawler(settings_dict={"CLOSESPIDER_ITEMCOUNT": 2}))
    assert pointless.hold == 0  # fewer records than pages needed to learn anything: hold none


def test_a_multi_site_crawl_learns_per_site_entry() -> None:
    """The sites spider: two entries on one host learn apart; other spiders learn per host."""
    from itemadapter import ItemAdapter

    from newsspider.spiders.sites import SitesSpider

    pipeline = SiteLearnPipeline.from_crawler(get_crawler())
    a = ItemAdapter({"url": "http://127.0.0.1:8001/a.html", "site": "alpha"})
    b = ItemAdapter({"url": "http://127.0.0.1:8002/b.html", "site": "bravo"})
    pipeline.crawler.spider = SitesSpider()
    assert (pipeline.site_key(a), pipeline.site_key(b)) == ("site:alpha", "site:bravo")
    pipeline.crawler.spider = None
    assert pipeline.site_key(a) == pipeline.site_key(b) == "127.0.0.1"


def test_a_site_memory_round_trips_through_its_encoding() -> None:
    """What a crawl keeps in the incremental state is what the next one reads: counts, learned
    lines, stories (bytes keys), title affixes (sets of tuples) — and cleans the same."""
    site = memory()
    titles = TitleAffixes(site.data, 3)
    for n in range(6):
        site.observe(story(n, PROMO, CREDIT))
        titles.observe(f"Headline number {n} - Northern Press")
    blob = sitememory.encode_site(site.data)
    assert isinstance(blob, bytes) and b"Northern" not in blob  # compressed
    restored = SiteMemory(sitememory.decode_site(blob), site.rules)
    assert restored.data == site.data and restored.learned == {block_key(PROMO), block_key(CREDIT)}
    assert restored.clean(story(9, PROMO)) == site.clean(story(9, PROMO))
    assert restored.observe(story(3, PROMO)) is None  # a story counted before the restart
    assert TitleAffixes(restored.data, 3).clean("Other news - Northern Press") == "Other news"


@pytest.mark.parametrize("blob", [b"", b"not zlib", zlib.compress(b"[1, 2]"), zlib.compress(b"{bad json")])
def test_an_unreadable_kept_memory_is_a_value_error(blob: bytes) -> None:
    with pytest.raises(ValueError, match="not a kept site memory"):
        sitememory.decode_site(blob)
