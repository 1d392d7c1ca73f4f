"""Length thresholds and title rules on text written without spaces (Chinese, Japanese, Thai):
counted by words or scaled to the script, where they counted characters or ``split()`` words."""

from __future__ import annotations

import math

import lxml.html
import pytest

from newsspider.extraction import body as body_mod
from newsspider.extraction import jsonld, scriptscale
from newsspider.extraction.blocks import FEATURE_NAMES, Block, base_features
from newsspider.extraction.extract import extract_page
from newsspider.extraction.metadata import extract_metadata
from newsspider.extraction.metadata.sitename import strip_site_suffix
from newsspider.textlength import character_scale, equivalent_chars

# Small texts written for these tests (not taken from any page).
HEADLINE = "市议会批准新的城市预算方案"
PARAGRAPHS = [
    "市议会周二以多数票批准了新的城市预算，辩论持续了四个小时。",
    "新预算增加了公共交通和学校的支出，同时减少了行政费用。",
    "市长表示，这份预算兼顾了居民的需要和城市的长期财政健康。",
    "议员们普遍认为，预算的通过对明年的城市发展十分重要。",
    "反对者则担心交通支出的增长过快，将来可能需要加税。",
]


def test_character_scale_is_one_for_spaced_text_and_smaller_for_unspaced_scripts() -> None:
    assert character_scale("The city council approved the budget.") == 1.0
    assert character_scale("Le conseil a approuvé le budget à Zürich.") == 1.0
    assert character_scale("") == 1.0
    assert character_scale(PARAGRAPHS[0]) == pytest.approx(2 / 6)
    assert character_scale("สภาเมืองอนุมัติงบประมาณใหม่") == pytest.approx(4 / 6)
    mixed = character_scale("Apple社が新型iPhoneを発表した")  # 2 spaced words, 5 word equivalents of CJK
    assert 2 / 6 < mixed < 1.0


def test_equivalent_chars_is_the_length_for_spaced_text_and_scaled_for_unspaced_scripts() -> None:
    english = "The city council approved the budget."
    assert equivalent_chars(english) == len(english)
    assert equivalent_chars("Le conseil a approuvé le budget.") == len("Le conseil a approuvé le budget.")
    assert equivalent_chars("") == equivalent_chars(None) == 0.0
    assert equivalent_chars(PARAGRAPHS[0]) == pytest.approx(len(PARAGRAPHS[0]) * 3)


def _block(text: str, tag: str = "p") -> Block:
    return Block(text, tag, 0, 0, 0, 0, 3, (1, 2, 3), (1, 2, 3))


def test_block_model_lengths_count_a_chinese_paragraph_as_the_english_text_it_carries() -> None:
    """A Chinese paragraph has a third of an English one's characters for the same text: counted
    in characters, the block model (trained on mostly English pages) read it as a caption."""
    chinese = "".join(PARAGRAPHS)  # 137 characters: ~411 English-equivalent characters
    english = "x" * round(equivalent_chars(chinese))
    rows = base_features([_block(chinese), _block(english)]).x
    log_chars = FEATURE_NAMES.index("log_chars")
    assert rows[0, log_chars] == pytest.approx(rows[1, log_chars], abs=0.01)
    assert rows[1, log_chars] == pytest.approx(math.log1p(len(english)))  # spaced text: its length, as before


def test_trafilatura_minimum_size_is_scaled_to_the_page_script() -> None:
    assert body_mod._options().min_extracted_size == 250
    assert body_mod._options(1.0).min_extracted_size == 250
    assert body_mod._options(2 / 6).min_extracted_size == 83


def test_text_sample_reads_visible_text_not_scripts() -> None:
    tree = lxml.html.document_fromstring(
        "<html><head><script>var x = 'english words here';</script></head>"
        f"<body><p>{PARAGRAPHS[0]}</p><style>p {{ color: red }}</style></body></html>"
    )
    sample = body_mod.text_sample(tree)
    assert PARAGRAPHS[0] in sample and "english" not in sample and "color" not in sample
    assert character_scale(sample) == pytest.approx(2 / 6)


# More paragraphs for a full-length article (written for these tests).
MORE_PARAGRAPHS = [
    "交通部门计划在明年春天之前开通两条新的公交线路，连接城市东部的住宅区和市中心。",
    "教育局表示，新增的资金将用于修缮老旧校舍，并为每所小学配备更多的图书和设备。",
    "一些居民在听证会上发言，希望政府能够公开每一笔支出的去向，接受市民的监督。",
    "财政局长解释说，行政费用的减少主要来自合并部门和减少外包合同，不会影响公共服务。",
]


def _chinese_page(paragraphs: list[str]) -> str:
    """An article of ``paragraphs`` beside a menu and other stories' titles."""
    menu = "".join(f"<li><a href='/s{i}'>栏目{i}</a></li>" for i in range(8))
    others = "".join(f"<div class='teaser'><span>另一条新闻的标题第{i}条</span></div>" for i in range(12))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{HEADLINE}</title></head><body><nav><ul>{menu}</ul></nav>"
        f"<main><article><h1>{HEADLINE}</h1>{body}</article></main>"
        f"<section class='more'>{others}</section><footer><p>版权所有 示例新闻网</p></footer></body></html>"
    )


def _short_chinese_article() -> str:
    """A short article (135 characters of text, ~70 words) beside a menu and other stories' titles."""
    return _chinese_page(PARAGRAPHS)


def test_a_short_chinese_article_is_not_replaced_by_the_whole_page() -> None:
    # 135 Chinese characters are below trafilatura's 250-character minimum: it used to fall back
    # to its baseline (every text of the page, the other stories' titles among them).
    xml = body_mod.run_trafilatura(lxml.html.document_fromstring(_short_chinese_article()))
    text = body_mod.render(body_mod.to_blocks(xml))
    assert all(p in text for p in PARAGRAPHS)
    assert "另一条新闻" not in text and "栏目" not in text


def test_a_chinese_article_takes_the_model_first_path_when_the_gate_trusts_it() -> None:
    """Pages written without spaces go the way English pages go: the model-first body when the
    gate trusts it (the full path on every such page made them 1.2-1.9x slower than trafilatura)."""
    paragraphs = PARAGRAPHS + [p.replace("。", f"，第{i}段。") for i in range(3) for p in MORE_PARAGRAPHS]
    result = extract_page(_chinese_page(paragraphs), "https://news.example/2024/01/29/budget.html", assume_article=True)
    assert result.fields["extraction"] == "model-first"
    assert all(p in result.fields["body"] for p in paragraphs)
    assert "另一条新闻" not in result.fields["body"] and "栏目" not in result.fields["body"]


def test_a_short_chinese_article_the_gate_doubts_takes_the_full_path_and_keeps_its_text() -> None:
    result = extract_page(_short_chinese_article(), "https://news.example/2024/01/29/budget.html", assume_article=True)
    assert result.fields["extraction"] != "model-first"
    assert all(p in result.fields["body"] for p in PARAGRAPHS)
    assert "另一条新闻" not in result.fields["body"]


def _titled_page(title: str, h1: str) -> dict:
    page = f"<html><head><title>{title}</title></head><body><h1>{h1}</h1><p>{PARAGRAPHS[0]}</p></body></html>"
    tree = lxml.html.document_fromstring(page)
    return extract_metadata(tree, "https://news.example/2024/01/29/budget.html", jsonld.nodes(tree))


def test_a_chinese_h1_counts_as_a_headline_by_its_word_equivalents() -> None:
    # One split() "word", 7 word equivalents: the <h1> was discarded as too short.
    assert _titled_page(f"{HEADLINE}_示例新闻网", HEADLINE)["title"] == HEADLINE


def test_an_ascii_bar_between_cjk_headline_and_site_name_separates_them() -> None:
    assert strip_site_suffix(f"{HEADLINE}|示例新闻网", [], None) == HEADLINE
    assert strip_site_suffix(f"{HEADLINE} |示例新闻网", [], None) == HEADLINE
    assert strip_site_suffix("Budget approved | Example News", [], None) == "Budget approved"
    assert strip_site_suffix("Budget|approved", [], None) == "Budget|approved"  # no CJK beside it: kept


# --------------------------------------------------------------------------- trafilatura's link-density test


def _element(markup: str) -> lxml.html.HtmlElement:
    """The first child of a wrapper, in trafilatura's converted markup (links are ``<ref>``)."""
    return lxml.html.fragment_fromstring(f"<div>{markup}<p>后文</p></div>")[0]


_CHINESE_LINKED = ("<div>市议会周二以多数票批准了<ref>城市预算</ref>，辩论持续了四个小时，"
                   "新预算增加了<ref>公共交通</ref>和学校的支出，同时减少了行政费用。</div>")
_ENGLISH = [
    "<div>See <ref>Home</ref> <ref>News</ref> <ref>Sport</ref></div>",
    "<p>The council approved the <ref>new budget</ref> on Tuesday after a long debate.</p>",
    "<p><ref>Read more</ref></p>",
    "<div>" + " ".join(f"<ref>Another story number {i}</ref>" for i in range(6)) + " and a little text</div>",
    _CHINESE_LINKED,
]


def test_a_chinese_paragraph_with_two_short_links_is_not_a_link_block_at_its_scale() -> None:
    from trafilatura import htmlprocessing

    element = _element(_CHINESE_LINKED)  # 50 characters, ~25 words, 8 of them link text
    assert scriptscale._ORIGINAL_LINK_DENSITY_TEST(element) == (True, True)  # under 100 characters: removed
    with scriptscale.scaled(2 / 6):
        assert htmlprocessing.link_density_test(element) == (False, False)


def test_the_link_density_test_is_trafilatura_s_own_at_scale_one() -> None:
    from trafilatura import htmlprocessing

    assert htmlprocessing.link_density_test is scriptscale.link_density_test  # installed by body
    for markup in _ENGLISH:
        for precision in (False, True):
            original = scriptscale._ORIGINAL_LINK_DENSITY_TEST(_element(markup), precision)
            assert scriptscale.link_density_test(_element(markup), precision) == original
            assert scriptscale._scaled_link_density_test(_element(markup), precision, 1.0) == original


def test_a_language_menu_does_not_rescale_an_english_page() -> None:
    english = "The city council approved the new budget on Tuesday after a long debate. " * 5
    menu = "English Deutsch 日本語 简体中文 한국어"
    assert character_scale(english + menu) < 1.0  # every character counts...
    assert character_scale(english + menu, 0.25) == 1.0  # ...unless the scripts hold a share of the text
    assert character_scale(PARAGRAPHS[0] + " Apple iPhone", 0.25) < 0.5


def test_the_scaled_copy_follows_the_installed_trafilatura() -> None:
    """pyproject.toml pins trafilatura at the release the copy follows; on another release the
    copy is not installed (its own test runs), and this test says the copy needs checking."""
    import trafilatura

    assert trafilatura.__version__ == scriptscale.COPIED_FROM, (
        "trafilatura moved: compare htmlprocessing.link_density_test with scriptscale's copy, then move COPIED_FROM"
    )
    assert scriptscale.install() is True
