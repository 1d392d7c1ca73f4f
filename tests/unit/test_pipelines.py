"""Tests for the item pipelines (pipelines/): normalize, validate, dedupe and the drop helper."""

from __future__ import annotations

import dataclasses
import logging
import unicodedata
from typing import Any

import pytest
from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.test import get_crawler

from newsspider.items import ARTICLE_FIELDS, REQUIRED_FIELDS, Article
from pipelines.dedupe import (
    NEAR_IDENTICAL,
    SKETCH_SIZE,
    DedupePipeline,
    SeenRecords,
    body_sketch,
    resemblance,
)
from pipelines.normalize import (
    NormalizePipeline,
    body_fingerprint,
    normalize_article,
    normalize_date,
)
from pipelines.validate import (
    ValidatePipeline,
    is_iso8601,
    is_valid_url,
    validation_error,
)

WORDS = " ".join(f"word{i}" for i in range(60))


def make_crawler(**settings: Any) -> Crawler:
    return get_crawler(settings_dict=settings)


def make_article(**overrides: Any) -> Article:
    values: dict[str, Any] = {
        "url": "https://news.example.com/2024/04/21/story.html",
        "site": "demo",
        "title": "A headline",
        "body": WORDS,
    }
    values.update(overrides)
    return Article(**values)


def normalized(article: Article, base_url: str | None = None) -> Article:
    normalize_article(ItemAdapter(article), base_url=base_url)
    return article


def stat(crawler: Crawler, key: str) -> Any:
    assert crawler.stats is not None
    return crawler.stats.get_value(key)


# --------------------------------------------------------------------------- normalize: text


def test_body_whitespace_is_normalised() -> None:
    body = "\n\n  First   line\tof  para one  \n  second line \n\n\n\n\t Para   two \r\n\r\n  \n"
    art = normalized(make_article(body=body))
    assert art.body == "First line of para one\nsecond line\n\nPara two"


def test_inline_fields_collapse_newlines_and_strip() -> None:
    art = normalized(make_article(title="  A\n  headline\t here ", description=" Some\n\ndescription "))
    assert art.title == "A headline here"
    assert art.description == "Some description"


def test_unicode_nfc_on_all_text_fields() -> None:
    decomposed = "Cafe\u0301 Ame\u0301lie"  # "e" + combining acute accent
    composed = unicodedata.normalize("NFC", decomposed)
    assert composed != decomposed
    art = normalized(
        make_article(
            title=decomposed,
            body=f"{decomposed} {WORDS}",
            authors=[decomposed],
            tags=[decomposed],
            section=decomposed,
            description=decomposed,
        )
    )
    assert art.title == composed
    assert art.body.startswith(composed + " ")
    assert art.authors == [composed]
    assert art.tags == [composed]
    assert art.section == composed
    assert art.description == composed


def test_nfc_makes_equivalent_author_spellings_one_entry() -> None:
    art = normalized(make_article(authors=["Jose\u0301 Pe\u0301rez", "Jos\u00e9 P\u00e9rez"]))
    assert art.authors == ["Jos\u00e9 P\u00e9rez"]


def test_nul_and_lone_surrogates_removed_pairs_joined() -> None:
    art = normalized(
        make_article(
            title="Bad\x00 title\ud800",
            body=f"Null\x00byte and \udc80lone surrogate and a pair \ud83d\ude00 ok. {WORDS}",
            authors=["Jane\x00 Doe"],
        )
    )
    assert art.title == "Bad title"
    assert "\x00" not in art.body
    assert art.body.startswith("Nullbyte and lone surrogate and a pair \U0001f600 ok.")
    assert art.authors == ["Jane Doe"]
    art.body.encode("utf-8")  # strict: would raise on a surrogate


def test_authors_and_tags_stripped_emptied_deduplicated_in_order() -> None:
    art = normalized(
        make_article(
            authors=["  Jane Doe ", "", "John  Smith", "Jane Doe", "   ", None],
            tags=["politics", "Politics", "politics ", "economy"],
        )
    )
    assert art.authors == ["Jane Doe", "John Smith"]
    assert art.tags == ["politics", "Politics", "economy"]


def test_word_count_and_fingerprint_computed() -> None:
    art = normalized(make_article(body="One two  three.\n\nFour"))
    assert art.word_count == 4
    assert art.fingerprint is not None and len(art.fingerprint) == 40
    assert art.fingerprint == body_fingerprint("one two three. four")


def test_fingerprint_ignores_whitespace_and_case_but_not_words() -> None:
    a = normalized(make_article(body="Hello   world.\n\nSecond paragraph here."))
    b = normalized(make_article(body="  hello world.\nSecond\tPARAGRAPH   here.  "))
    c = normalized(make_article(body="Hello world.\n\nSecond paragraph there."))
    assert a.fingerprint == b.fingerprint
    assert a.fingerprint != c.fingerprint


def test_empty_body_has_no_fingerprint() -> None:
    art = normalized(make_article(body="  \n \n"))
    assert art.body == ""
    assert art.word_count == 0
    assert art.fingerprint is None


# --------------------------------------------------------------------------- normalize: dates

DATE_CASES = [
    ("2024-04-21", "2024-04-21"),
    ("2024-04-21T10:15:00+02:00", "2024-04-21T10:15:00+02:00"),
    ("2024-04-21T10:15:00Z", "2024-04-21T10:15:00+00:00"),
    ("2024-04-21 10:15", "2024-04-21T10:15:00"),
    ("2024-04-21T10:15:00.250-05:00", "2024-04-21T10:15:00.250000-05:00"),
    ("20240421", "2024-04-21"),
    ("21 April 2024", "2024-04-21"),
    ("April 21, 2024", "2024-04-21"),
    ("April 21, 2024 10:15 AM", "2024-04-21T10:15:00"),
    ("April 21, 2024 10:15 PM", "2024-04-21T22:15:00"),
    ("21 April 2024 10:15 CEST", "2024-04-21T10:15:00+02:00"),
    ("Sun, 21 Apr 2024 10:15:00 GMT", "2024-04-21T10:15:00+00:00"),
    ("Sun, 21 Apr 2024 10:15:00 +0200", "2024-04-21T10:15:00+02:00"),
    ("Sun, 21 Apr 2024", "2024-04-21"),
    (1713694500, "2024-04-21T10:15:00+00:00"),
    (1713694500.5, "2024-04-21T10:15:00.500000+00:00"),
    ("1713694500", "2024-04-21T10:15:00+00:00"),
    ("1713694500000", "2024-04-21T10:15:00+00:00"),  # milliseconds
    ("21.04.2024", "2024-04-21"),
    ("21.04.2024 10:15", "2024-04-21T10:15:00"),
    ("Published: 21 April 2024", "2024-04-21"),
    ("  Updated on April 21, 2024 ", "2024-04-21"),
]


@pytest.mark.parametrize(("raw", "expected"), DATE_CASES)
def test_dates_to_iso8601(raw: Any, expected: str) -> None:
    assert normalize_date(raw) == expected
    assert is_iso8601(expected)
    art = normalized(make_article(published=raw, modified=raw))
    assert art.published == expected
    assert art.modified == expected


@pytest.mark.parametrize(
    "raw",
    ["not a date", "yesterday", "Monday", "10", "2024", 2024, "April 2024", "2024-13-45", "31.02.2024", "", "   "],
)
def test_unparseable_dates_become_none(raw: Any) -> None:
    assert normalize_date(raw) is None
    art = normalized(make_article(published=raw))
    assert art.published is None


def test_bad_date_counted_by_normalize_pipeline(caplog: pytest.LogCaptureFixture) -> None:
    crawler = make_crawler()
    pipeline = NormalizePipeline.from_crawler(crawler)
    with caplog.at_level(logging.INFO, logger="pipelines.normalize"):
        out = pipeline.process_item(make_article(published="sometime soon", modified="2024-04-21"))
        pipeline.process_item(make_article(published="garbage", modified="more garbage"))
        pipeline.process_item(make_article(published=None, modified=""))
    assert out.published is None and out.modified == "2024-04-21"
    assert stat(crawler, "newsspider/normalize/bad_date") == 3
    assert len([r for r in caplog.records if r.name == "pipelines.normalize"]) == 1


# --------------------------------------------------------------------------- normalize: URLs


def test_urls_made_absolute_and_canonical_defaults_to_url() -> None:
    art = normalized(make_article(canonical_url="  /canonical/story  ", image="../img/lead.jpg"))
    assert art.canonical_url == "https://news.example.com/canonical/story"
    assert art.image == "https://news.example.com/2024/04/img/lead.jpg"

    art = normalized(make_article(url="  https://news.example.com/a.html\n", canonical_url="  "))
    assert art.url == "https://news.example.com/a.html"
    assert art.canonical_url == "https://news.example.com/a.html"
    assert art.image is None


def test_relative_url_resolved_against_base_url() -> None:
    art = normalized(make_article(url="story.html", canonical_url=None), base_url="file:///data/pages/index.html")
    assert art.url == "file:///data/pages/story.html"
    assert art.canonical_url == art.url


def test_normalize_article_works_on_plain_dicts() -> None:
    item: dict[str, Any] = {"url": "https://x.example/a", "title": " T ", "body": "a  b", "published": "21.04.2024"}
    normalize_article(ItemAdapter(item))
    assert item["title"] == "T"
    assert item["body"] == "a b"
    assert item["published"] == "2024-04-21"
    assert item["canonical_url"] == "https://x.example/a"
    assert item["word_count"] == 2


def test_normalize_pipeline_can_be_disabled() -> None:
    with pytest.raises(NotConfigured):
        NormalizePipeline.from_crawler(make_crawler(NEWSSPIDER_NORMALIZE_ENABLED=False))


# --------------------------------------------------------------------------- validate


def _required_empty(name: str) -> dict[str, Any]:
    return {name: ""}


INVALID_CASES = [
    *[(_required_empty(name), f"missing_{name}") for name in REQUIRED_FIELDS],
    ({"title": None}, "missing_title"),
    ({"body": "   \n  "}, "missing_body"),
    ({"url": "ftp://news.example.com/story"}, "bad_url"),
    ({"url": "javascript:alert(1)"}, "bad_url"),
    ({"url": "/relative/story.html"}, "bad_url"),
    ({"url": "https:///no-host"}, "bad_url"),
    ({"body": "too few words here"}, "too_short"),
    ({"published": "21 April 2024"}, "bad_date"),
    ({"published": "2024-02-30"}, "bad_date"),
]


def test_required_fields_are_the_documented_ones() -> None:
    assert set(REQUIRED_FIELDS) == {"url", "site", "title", "body"}


@pytest.mark.parametrize(("overrides", "reason"), INVALID_CASES)
def test_every_drop_reason_raises_and_counts(overrides: dict[str, Any], reason: str) -> None:
    crawler = make_crawler()
    pipeline = ValidatePipeline.from_crawler(crawler)
    item = make_article(**overrides)
    assert validation_error(ItemAdapter(item), 50) == reason
    with pytest.raises(DropItem) as excinfo:
        pipeline.process_item(item)
    assert excinfo.value.log_level == "INFO"
    assert reason in str(excinfo.value)
    assert stat(crawler, f"newsspider/dropped/{reason}") == 1
    dropped = {k: v for k, v in crawler.stats.get_stats().items() if k.startswith("newsspider/dropped/")}
    assert dropped == {f"newsspider/dropped/{reason}": 1}


@pytest.mark.parametrize(
    "url", ["https://news.example.com/a", "http://news.example.com/a", "file:///tmp/page.html", "HTTPS://X.EXAMPLE/"]
)
def test_valid_records_pass(url: str) -> None:
    crawler = make_crawler()
    pipeline = ValidatePipeline.from_crawler(crawler)
    item = make_article(url=url, published="2024-04-21T10:15:00+02:00")
    assert pipeline.process_item(item) is item
    assert not any(k.startswith("newsspider/dropped/") for k in crawler.stats.get_stats())


def test_min_body_words_boundary_and_setting() -> None:
    crawler = make_crawler(NEWSSPIDER_MIN_BODY_WORDS="5")  # -s on the command line gives strings
    pipeline = ValidatePipeline.from_crawler(crawler)
    assert pipeline.min_body_words == 5
    assert pipeline.process_item(make_article(body="one two three four five"))
    with pytest.raises(DropItem):
        pipeline.process_item(make_article(body="one two three four"))
    assert stat(crawler, "newsspider/dropped/too_short") == 1

    zero = ValidatePipeline.from_crawler(make_crawler(NEWSSPIDER_MIN_BODY_WORDS=0))
    assert zero.process_item(make_article(body="one"))


def test_min_body_words_default_is_50() -> None:
    assert ValidatePipeline.from_crawler(make_crawler()).min_body_words == 50


@pytest.mark.parametrize("bad", [-1, "-3", "many", 2.5, "2.5", True, "", [10]])
def test_bad_min_body_words_fails_fast_naming_the_setting(bad: Any) -> None:
    with pytest.raises(ValueError, match=r"^NEWSSPIDER_MIN_BODY_WORDS=.* is invalid: give a whole number >= 0$"):
        ValidatePipeline.from_crawler(make_crawler(NEWSSPIDER_MIN_BODY_WORDS=bad))


def test_bad_boolean_setting_names_the_setting() -> None:
    with pytest.raises(ValueError, match="NEWSSPIDER_DEDUPE_ENABLED"):
        DedupePipeline.from_crawler(make_crawler(NEWSSPIDER_DEDUPE_ENABLED="maybe"))


def test_validate_pipeline_can_be_disabled() -> None:
    with pytest.raises(NotConfigured):
        ValidatePipeline.from_crawler(make_crawler(NEWSSPIDER_VALIDATE_ENABLED=False))


def test_each_reason_logged_once_but_counted_every_time(caplog: pytest.LogCaptureFixture) -> None:
    crawler = make_crawler()
    pipeline = ValidatePipeline.from_crawler(crawler)
    with caplog.at_level(logging.INFO, logger="pipelines.validate"):
        for i in range(3):
            with pytest.raises(DropItem):
                pipeline.process_item(make_article(url=f"https://x.example/{i}", body="short"))
        with pytest.raises(DropItem):
            pipeline.process_item(make_article(title=""))
    assert stat(crawler, "newsspider/dropped/too_short") == 3
    assert stat(crawler, "newsspider/dropped/missing_title") == 1
    messages = [r.getMessage() for r in caplog.records if r.name == "pipelines.validate"]
    assert len(messages) == 2
    assert "too_short" in messages[0] and "https://x.example/0" in messages[0]
    assert "missing_title" in messages[1]


def test_a_new_crawl_logs_again(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.INFO, logger="pipelines.validate"):
        for _ in range(2):
            pipeline = ValidatePipeline.from_crawler(make_crawler())
            with pytest.raises(DropItem):
                pipeline.process_item(make_article(body="short"))
    assert len([r for r in caplog.records if r.name == "pipelines.validate"]) == 2


# --------------------------------------------------------------------------- dedupe


def run_chain(crawler: Crawler, items: list[Article]) -> tuple[list[Article], list[str]]:
    """Run items through normalize -> validate -> dedupe like Scrapy would."""
    pipelines = [cls.from_crawler(crawler) for cls in (NormalizePipeline, ValidatePipeline, DedupePipeline)]
    kept: list[Article] = []
    dropped: list[str] = []
    for item in items:
        try:
            for pipeline in pipelines:
                item = pipeline.process_item(item)
        except DropItem as exc:
            dropped.append(str(exc).split(":", 1)[0])
        else:
            kept.append(item)
    return kept, dropped


def test_duplicate_canonical_url_dropped() -> None:
    crawler = make_crawler()
    first = make_article(url="https://x.example/a?utm=1", canonical_url="https://x.example/story", body=WORDS)
    second = make_article(url="https://x.example/a?utm=2", canonical_url="/story#comments", body=WORDS + " extra")
    third = make_article(url="https://x.example/other", body=WORDS + " different")
    kept, dropped = run_chain(crawler, [first, second, third])
    assert kept == [first, third]
    assert dropped == ["duplicate_url"]
    assert stat(crawler, "newsspider/dropped/duplicate_url") == 1
    assert stat(crawler, "newsspider/dropped/duplicate_body") is None


def test_duplicate_body_dropped_whitespace_and_case_insensitive() -> None:
    crawler = make_crawler()
    body = "\n\n".join(f"Paragraph {i} has some words in it." for i in range(10))
    first = make_article(url="https://x.example/1", body=body)
    second = make_article(url="https://x.example/2", body="  " + body.replace(" ", "   \t").replace("\n\n", "\n\n\n").upper())
    kept, dropped = run_chain(crawler, [first, second])
    assert kept == [first]
    assert dropped == ["duplicate_body"]
    assert stat(crawler, "newsspider/dropped/duplicate_body") == 1


def test_dropped_duplicate_is_not_remembered() -> None:
    seen = SeenRecords()
    a = ItemAdapter({"url": "https://x.example/a", "body": "one"})
    b = ItemAdapter({"url": "https://x.example/a", "body": "two"})  # duplicate_url: its body is not recorded
    c = ItemAdapter({"url": "https://x.example/c", "body": "two"})
    assert seen.check_and_add(a) is None
    assert seen.check_and_add(b) == "duplicate_url"
    assert seen.check_and_add(c) is None
    assert len(seen) == 2


def test_seen_records_without_crawler_and_empty_keys() -> None:
    seen = SeenRecords()
    assert seen.check_and_add(ItemAdapter({"url": "", "body": ""})) is None
    assert seen.check_and_add(ItemAdapter({"url": "", "body": ""})) is None
    assert seen.check_and_add(ItemAdapter(make_article())) is None
    assert seen.check_and_add(ItemAdapter(make_article(url="https://other.example/"))) == "duplicate_body"


STORY_A = " ".join(f"alpha{i}" for i in range(80))
STORY_B = " ".join(f"beta{i}" for i in range(80))
STORY_C = " ".join(f"gamma{i}" for i in range(80))


def claim(seen: SeenRecords, url: str, canonical: str | None, body: str) -> tuple[str | None, str | None]:
    """``check_and_add`` on a normalised record; (reason, the record's canonical_url after)."""
    article = normalized(make_article(url=url, canonical_url=canonical, body=body))
    return seen.check_and_add(ItemAdapter(article)), article.canonical_url


def test_home_page_canonical_is_not_a_key() -> None:
    seen = SeenRecords()
    home = "https://x.example/"
    for url, body in [("https://x.example/news/2024/05/a", STORY_A), ("https://x.example/news/2024/05/b", STORY_B)]:
        assert claim(seen, url, home, body) == (None, url)  # kept, canonical reset to its own URL
    assert claim(seen, "https://x.example/news/2024/05/c", "https://x.example/index.html", STORY_C)[0] is None
    # Near-identical copies under the same own URL are still one page.
    assert claim(seen, "https://x.example/news/2024/05/a", home, STORY_A + " update")[0] == "duplicate_url"


def test_section_canonical_above_the_page_is_not_a_key() -> None:
    seen = SeenRecords()
    section = "https://x.example/world/"
    assert claim(seen, "https://x.example/world/2024/05/council-vote", section, STORY_A) == (
        None,
        "https://x.example/world/2024/05/council-vote",
    )
    assert claim(seen, "https://x.example/world/2024/05/storm-warning", section, STORY_B)[0] is None
    # An AMP view names its article; a syndicated copy names its original on another site.
    assert claim(seen, "https://x.example/world/2024/05/council-vote/amp", None, STORY_C) == (
        None,
        "https://x.example/world/2024/05/council-vote/amp",
    )
    article = "https://x.example/world/2024/06/harbour-opens"
    assert claim(seen, article + "/amp", article, STORY_C + " amp")[1] == article
    assert claim(seen, "https://partner.example/a/harbour", article, STORY_C + " partner")[0] == "duplicate_url"


def test_canonical_claimed_by_a_different_text_is_not_a_duplicate() -> None:
    seen = SeenRecords()
    canonical = "https://x.example/2024/05/21/budget-vote.html"
    assert claim(seen, "https://x.example/p/1", canonical, STORY_A) == (None, canonical)
    # Same canonical, another article: both kept; the second keeps only its own URL.
    assert claim(seen, "https://x.example/p/2", canonical, STORY_B) == (None, "https://x.example/p/2")
    # Same canonical and nearly the same text as either claimant: a duplicate.
    assert claim(seen, "https://x.example/p/3", canonical, STORY_A + " edited")[0] == "duplicate_url"
    assert claim(seen, "https://x.example/p/4", canonical, "Updated: " + STORY_B)[0] == "duplicate_url"
    # The contested second record is known by its own URL.
    assert claim(seen, "https://x.example/p/2?a=1", "https://x.example/p/2", STORY_B + " v2")[0] == "duplicate_url"
    assert claim(seen, "https://x.example/p/5", canonical, STORY_C)[0] is None


def test_cjk_texts_compare_by_characters() -> None:
    seen = SeenRecords()
    canonical = "https://x.example/2024/05/21/budget-vote.html"
    japanese = "市議会は火曜日、長い議論の末に新しい予算案を承認した。" * 5
    chinese = "市议会周二在长时间辩论后批准了新的预算。交通部门将获得更多资金。" * 5
    assert claim(seen, "https://x.example/p/1", canonical, japanese)[0] is None
    assert claim(seen, "https://x.example/p/2", canonical, chinese)[0] is None
    assert claim(seen, "https://x.example/p/3", canonical, japanese + "追記あり。")[0] == "duplicate_url"


def test_fingerprints_only() -> None:
    seen = SeenRecords(by_url=False)
    canonical = "https://x.example/2024/05/21/budget-vote.html"
    assert claim(seen, "file:///a.html", canonical, STORY_A) == (None, canonical)
    assert claim(seen, "file:///b.html", canonical, STORY_A + " edited") == (None, canonical)
    assert claim(seen, "file:///c.html", canonical, STORY_A)[0] == "duplicate_body"


def test_body_sketch_resemblance() -> None:
    assert resemblance(body_sketch(STORY_A), body_sketch(STORY_A.upper())) == 1.0
    assert resemblance(body_sketch(STORY_A), body_sketch(STORY_A + " more words here")) >= NEAR_IDENTICAL
    assert resemblance(body_sketch(STORY_A), body_sketch(STORY_B)) == 0.0
    assert resemblance(body_sketch(""), body_sketch("")) == 1.0
    assert resemblance(body_sketch(""), body_sketch("word")) == 0.0
    assert len(body_sketch(STORY_A)) == SKETCH_SIZE


def test_dedupe_can_be_disabled() -> None:
    with pytest.raises(NotConfigured):
        DedupePipeline.from_crawler(make_crawler(NEWSSPIDER_DEDUPE_ENABLED=False))
    with pytest.raises(NotConfigured):
        DedupePipeline.from_crawler(make_crawler(NEWSSPIDER_DEDUPE_ENABLED="False"))


def test_dedupe_state_is_per_crawl() -> None:
    for _ in range(2):
        pipeline = DedupePipeline.from_crawler(make_crawler())
        assert pipeline.process_item(make_article())


def test_chain_outputs_clean_article() -> None:
    crawler = make_crawler()
    raw = make_article(
        url="https://x.example/news/1",
        title="  Headline ",
        authors=["Jane Doe", "Jane Doe "],
        published="Sun, 21 Apr 2024 10:15:00 GMT",
        image="/lead.jpg",
        body=f"  {WORDS}  \n\n\n  more   text ",
    )
    (out,), dropped = run_chain(crawler, [raw])
    assert dropped == []
    assert dataclasses.asdict(out) | {} == {
        **dataclasses.asdict(make_article()),
        "url": "https://x.example/news/1",
        "canonical_url": "https://x.example/news/1",
        "title": "Headline",
        "authors": ["Jane Doe"],
        "published": "2024-04-21T10:15:00+00:00",
        "image": "https://x.example/lead.jpg",
        "body": f"{WORDS}\n\nmore text",
        "word_count": 62,
        "fingerprint": body_fingerprint(f"{WORDS} more text"),
    }
    assert list(dataclasses.asdict(out)) == list(ARTICLE_FIELDS)


def test_non_strings_are_neither_dates_nor_urls() -> None:
    # Found by mutmut (docs/tests.md): a number or None must be refused, not raise.
    for value in (None, 20240102, 1.5, ["2024-01-02"], b"2024-01-02"):
        assert not is_iso8601(value)
    for value in (None, 42, ["https://example.com/"], b"https://example.com/"):
        assert not is_valid_url(value)
    assert not is_valid_url("http://[::1/story")  # urlsplit raises: refused, not an error


def test_page_at_a_claimed_canonical_url_with_another_text_is_kept() -> None:
    # Found by mutmut (docs/tests.md): a canonical claim is not the page at that URL itself.
    seen = SeenRecords()
    canonical = "https://x.example/2024/05/21/budget-vote.html"
    assert claim(seen, "https://x.example/p/1", canonical, STORY_A) == (None, canonical)
    assert claim(seen, canonical, canonical, STORY_B)[0] is None  # the canonical page, another story
    assert claim(seen, canonical, canonical, STORY_A + " edited")[0] == "duplicate_url"
