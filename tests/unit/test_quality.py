"""The quality gate: each flag on small fixtures, the demo's bodies all ``ok``, drops per setting."""

from __future__ import annotations

from typing import Any

import pytest
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.test import get_crawler

from newsspider.items import Article
from pipelines.quality import QualityPipeline, quality_flags, quality_label
from tests.helpers import LINE_TESTS_BUILT, run_fresh_python

PARAGRAPH = (
    "The city council approved the new budget on Tuesday after a debate that lasted more than six "
    "hours, with the largest share of the money going to schools, roads and the renovation of the "
    "central library."
)
SECOND = (
    "Opposition members said the plan relied on optimistic revenue forecasts and warned that the "
    "city could face cuts next year if the economy slowed, but the mayor defended the figures."
)
ARTICLE = f"{PARAGRAPH}\n\n{SECOND}\n\n{PARAGRAPH.replace('Tuesday', 'Monday')}"
DESCRIPTION = "The council approved the budget after a long debate about schools, roads and the library."


@pytest.mark.parametrize(
    "stub",
    [
        "Subscribe to continue reading.",
        "This article is for subscribers only.",
        "The rest of this story is available to subscribers.",
        "To continue reading, please log in or subscribe.",
        "Already a subscriber? Sign in",
        "You have reached your free article limit for this month.",
        "Dieser Artikel ist nur für Abonnenten verfügbar.",
        "Jetzt weiterlesen mit SZ Plus",
        "Sie sind bereits Abonnent? Hier anmelden",
        "Cet article est réservé aux abonnés.",
        "Il vous reste 78 % de cet article à lire.",
        "La suite est réservée aux abonnés.",
        "Este contenido es exclusivo para suscriptores.",
        "Suscríbete para seguir leyendo",
        "¿Ya eres suscriptor? Inicia sesión",
    ],
)
def test_paywall_stub_in_each_language(stub: str) -> None:
    assert "paywall" in quality_flags(f"{PARAGRAPH}\n\n{SECOND}\n\n{stub}", DESCRIPTION)


@pytest.mark.parametrize(
    "line",
    [
        "Sign up to get our newsletter in your inbox every morning and never miss a story.",
        "Subscribers to the council's mailing list were told of the decision on Monday.",
        "The newspaper said the article is for subscribers only, a policy it adopted in 2019 to fund its newsroom, "
        "and readers complained about it for months before the editors relented and lifted the paywall entirely.",
    ],
)
def test_no_paywall_flag_on_ordinary_lines(line: str) -> None:
    assert "paywall" not in quality_flags(f"{ARTICLE}\n\n{line}", DESCRIPTION)


def test_full_article_is_ok() -> None:
    assert quality_flags(ARTICLE, DESCRIPTION) == []
    assert quality_label([]) == "ok"


def test_teaser_hardly_longer_than_its_description() -> None:
    description = PARAGRAPH  # a 36-word summary ...
    assert quality_flags(PARAGRAPH + " More soon.", description) == ["teaser"]  # ... and a body no longer
    assert quality_flags(ARTICLE, description) == []


def test_description_holding_the_whole_text_is_no_teaser() -> None:
    long_text = " ".join([ARTICLE.replace("\n\n", " ")] * 2)
    assert quality_flags(long_text, long_text) == []


def test_teaser_cut_off_mid_sentence() -> None:
    assert quality_flags(f"{PARAGRAPH}\n\nOpposition members said the plan relied on…", None) == ["teaser"]
    assert quality_flags(f"{PARAGRAPH}\n\nThe mayor said more was to come [...]", None) == ["teaser"]
    # A sentence ending in "...." or a long article ending in an ellipsis is not cut off.
    assert quality_flags(f"{PARAGRAPH}\n\nHe may face further discipline....", None) == []
    assert quality_flags(f"{ARTICLE}\n\n{ARTICLE}\n\n{ARTICLE}\n\nTell us what you think...", None) == []


@pytest.mark.parametrize(
    "line",
    ["Share this: Facebook Twitter Email", "Disclaimer: The views expressed are those of the author.", "© 2024 Demo Daily. All rights reserved."],
)
def test_leftover_boilerplate_line(line: str) -> None:
    assert quality_flags(f"{ARTICLE}\n\n{line}", DESCRIPTION) == ["boilerplate"]


def test_flags_combine_in_fixed_order() -> None:
    body = f"{PARAGRAPH}\n\nShare this: Facebook Twitter\n\nSubscribe to continue reading"
    assert quality_flags(body, PARAGRAPH) == ["paywall", "teaser", "boilerplate"]
    assert quality_label(["paywall", "teaser"]) == "paywall,teaser"


def test_demo_ground_truth_bodies_are_all_ok(ground_truth: dict[str, Any]) -> None:
    flagged = {
        path: flags
        for path, art in ground_truth["articles"].items()
        if (flags := quality_flags(art["body"], art["description"]))
    }
    assert flagged == {}


# --------------------------------------------------------------------------- the pipeline


def _pipeline(**settings: Any) -> tuple[QualityPipeline, Crawler]:
    crawler = get_crawler(settings_dict=settings)
    return QualityPipeline.from_crawler(crawler), crawler


def _article(body: str, description: str | None = DESCRIPTION) -> Article:
    return Article(url="https://news.example/a.html", site="t", title="T", body=body, description=description)


def test_pipeline_writes_quality_and_drops_paywalls_by_default() -> None:
    pipeline, crawler = _pipeline()
    ok = pipeline.process_item(_article(ARTICLE))
    assert ok.quality == "ok"
    teaser = pipeline.process_item(_article(PARAGRAPH + " More soon.", PARAGRAPH))
    assert teaser.quality == "teaser"
    with pytest.raises(DropItem):
        pipeline.process_item(_article(f"{ARTICLE}\n\nSubscribe to continue reading"))
    stats = crawler.stats
    assert stats is not None
    assert stats.get_value("newsspider/dropped/quality_paywall") == 1
    assert stats.get_value("newsspider/quality/teaser") == 1
    assert stats.get_value("newsspider/dropped/quality_teaser") is None


@pytest.mark.parametrize("description", [12, ["a summary"], {"text": "a summary"}])
def test_pipeline_reads_a_description_of_another_type_as_none(description: Any) -> None:
    # without NormalizePipeline, a spider's own item may carry any value: no crash, no teaser flag
    pipeline, _ = _pipeline()
    assert pipeline.process_item(_article(ARTICLE, description)).quality == "ok"


def test_pipeline_drop_setting() -> None:
    keep_all, _ = _pipeline(NEWSSPIDER_QUALITY_DROP="")
    assert keep_all.process_item(_article(f"{ARTICLE}\n\nSubscribe to continue reading")).quality == "paywall"
    strict, crawler = _pipeline(NEWSSPIDER_QUALITY_DROP="teaser, boilerplate")
    with pytest.raises(DropItem):
        strict.process_item(_article(f"{ARTICLE}\n\nShare this: Facebook Twitter"))
    assert crawler.stats is not None and crawler.stats.get_value("newsspider/dropped/quality_boilerplate") == 1
    assert strict.process_item(_article(f"{ARTICLE}\n\nSubscribe to continue reading")).quality == "paywall"


def test_pipeline_bad_settings_fail_fast() -> None:
    with pytest.raises(ValueError, match="NEWSSPIDER_QUALITY_DROP.*paywalls"):
        _pipeline(NEWSSPIDER_QUALITY_DROP="paywalls")
    with pytest.raises(NotConfigured):
        _pipeline(NEWSSPIDER_QUALITY_ENABLED=False)


def test_the_line_tests_are_built_in_a_thread_when_the_spider_opens() -> None:
    """The first record's check does not wait for ~0.25 s of regex parsing: the tests are built
    while the first pages download. A fresh interpreter: this one's tests are built already."""
    code = LINE_TESTS_BUILT + (
        "from scrapy import signals\n"
        "from scrapy.utils.test import get_crawler\n"
        "from pipelines.quality import QualityPipeline\n"
        "crawler = get_crawler()\n"
        "pipeline = QualityPipeline.from_crawler(crawler)\n"
        "assert built() == [] and pipeline.line_tests is None, built()\n"
        "crawler.signals.send_catch_log(signals.spider_opened, spider=None)\n"
        "assert pipeline.line_tests is not None and pipeline.line_tests.name == 'newsspider-line-tests'\n"
        "pipeline.line_tests.join(60)\n"
        "assert len(built()) == 6, built()\n"
        "assert {'a', '(', '5'} <= set(b._COLUMN_START.anchored._by_char), sorted(b._COLUMN_START.anchored._by_char)\n"
    )
    run_fresh_python(code)
