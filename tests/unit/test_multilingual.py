"""Text measures in every script (newsspider.textlength) where they were Latin-only, and the
language-robustness benchmark's transforms (benchmarks/multilingual.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import multilingual
from newsspider.extraction.agreement import coverage, token_count
from newsspider.extraction.blocks import _TEXT_COLUMNS, FEATURE_NAMES, _text_features, norm
from newsspider.extraction.boilerplate import Block, is_title_like
from newsspider.extraction.modelbody import agrees_with
from newsspider.extraction.page_features import body_features
from newsspider.textlength import comma_count, sentence_marks, starts_capitalised, tokens

# Small texts written for these tests (not taken from any page).
HINDI = "नगर परिषद ने मंगलवार को नया बजट पारित किया। बहस लंबी चली।"
ARABIC = "وافق مجلس المدينة على الميزانية الجديدة يوم الثلاثاء، بعد نقاش طويل؟"
CHINESE = "市议会周二批准了新的预算，辩论持续了很久。议员们表示满意。"
# Thai paragraphs: no punctuation, no space between words.
THAI = ["สภาเมืองอนุมัติงบประมาณใหม่ในวันอังคาร", "การอภิปรายใช้เวลานานมากกว่าที่คาดไว้",
        "สมาชิกสภาส่วนใหญ่พอใจกับผลการลงมติ", "นายกเทศมนตรีจะแถลงข่าวในวันพรุ่งนี้"]
_TEXT = ["log_chars", "log_words", "sentence_end", "punct_density", "digit_ratio", "upper_start", "commas"]


def _features(text: str) -> dict[str, float]:
    return dict(zip(_TEXT, _text_features(text)))


def test_tokens_split_unspaced_scripts_into_characters_and_keep_words_elsewhere() -> None:
    assert tokens("The U.S. grew 3.5%") == ["The", "U", "S", "grew", "3", "5"]
    assert tokens("市议会 2024年 budget") == ["市", "议", "会", "2024", "年", "budget"]
    assert tokens(THAI[0]) == list(THAI[0])  # every code point, the combining vowels too
    assert norm("市议会，很好 ABC") == "市议会 很好 abc"  # in-page comparisons keep clause words


def test_sentence_marks_commas_and_capitals_in_other_scripts() -> None:
    assert sentence_marks("One. Two? Three!") == 3
    assert sentence_marks(HINDI) == 2 and sentence_marks(CHINESE) == 2 and sentence_marks(ARABIC) == 1
    assert comma_count(CHINESE) == 1 and comma_count(ARABIC) == 1 and comma_count("a, b, c") == 2
    assert starts_capitalised("The") and not starts_capitalised("the") and not starts_capitalised("1 in")
    assert all(starts_capitalised(t) for t in (HINDI, ARABIC, CHINESE, THAI[0], "ნაწილი"))


def test_block_text_features_read_other_scripts_like_english() -> None:
    english = _features("The city council approved the new budget, after a long debate.")
    for text in (HINDI, CHINESE, ARABIC):
        features = _features(text)
        assert features["sentence_end"] == english["sentence_end"] == 1.0, text
        assert features["upper_start"] == 1.0, text
        assert features["punct_density"] > 0, text
    assert _features(CHINESE)["commas"] == _features(ARABIC)["commas"] == english["commas"] == 0.1
    assert [FEATURE_NAMES[i] for i in _TEXT_COLUMNS[: len(_TEXT)]] == _TEXT


def test_title_like_and_prose_sentences_in_cjk() -> None:
    assert not is_title_like("市议会周二批准了新的预算。")
    assert not is_title_like("नगर परिषद ने बजट पारित किया।")
    assert is_title_like("市议会批准新预算")
    # two CJK sentences without a space after the full stop are two sentences: words per sentence
    one = body_features([Block(CHINESE)])["words_per_sentence"]
    assert one < body_features([Block(CHINESE.replace("。", "，"))])["words_per_sentence"]


def test_agreement_compares_unspaced_text_by_characters() -> None:
    rules = "\n\n".join(THAI[:3])
    model = "\n\n".join(THAI)  # the rules' text and one more paragraph
    assert token_count(rules) == sum(len(p) for p in THAI[:3])
    assert coverage(rules, model) == 1.0
    assert coverage(model, rules) > 0.7
    # the guard takes the model's longer body: it is the rules' text and more, not another text
    other = "\n\n".join(p[::-1] for p in THAI)
    assert agrees_with(model, rules, rules)
    assert not agrees_with(other, rules, rules)


# --------------------------------------------------------------------------- the benchmark's transforms

PAGE = (
    '<html><head><title>Council passes budget</title><meta property="og:title" content="Council passes budget">'
    '<script type="application/ld+json">{"headline": "Council passes budget", "url": "https://example.org/a"}</script>'
    '</head><body><div class="article-body"><p>The council passed the budget. It took <a href="/x">three</a>'
    " hours.</p><script>var x = 1;</script></div></body></html>"
)


def test_transforms_keep_markup_and_map_text_alike_in_page_and_truth() -> None:
    for name, transform in multilingual.VARIANTS.items():
        html = multilingual.transform_html(PAGE, transform)
        assert 'class="article-body"' in html and 'href="/x"' in html and "var x = 1;" in html, name
        assert '"url": "https://example.org/a"' in html, name
        assert transform("Council passes budget") in html, name  # title, og:title, JSON-LD headline
    cjk = multilingual.transform_html(PAGE, multilingual.cjk)
    truth = multilingual.cjk("The council passed the budget. It took three hours.")
    assert " " not in truth and truth.endswith("。")
    from newsspider.extraction.html import parse

    paragraph = parse(cjk).xpath("//p")[0].text_content()
    assert multilingual.script_tokens(paragraph) == multilingual.script_tokens(truth)
    assert multilingual.caseless("Hello World.") == multilingual.caseless("hello world.")
    assert multilingual.caseless("It ended. Then").count("।") == 1
    assert multilingual.latin_cipher("Abc xyz 3.5") != "Abc xyz 3.5" and multilingual.latin_cipher("3.5") == "3.5"


def test_unspaced_text_is_scored_by_characters() -> None:
    truth = multilingual.cjk("The council passed the budget after a long debate.")
    assert multilingual.score_page(truth, truth).f1 == 1.0
    half = multilingual.score_page(truth, truth[: len(truth) // 2])
    assert half.precision == 1.0 and 0.3 < half.recall < 0.7


def test_augmented_training_pages_are_transformed_copies_at_half_weight() -> None:
    from benchmarks import train_blocks

    pages = [(f"wcxb-dev/{i}", f"https://site{i}.example/story", PAGE, "The council passed the budget.")
             for i in range(8)]
    copies = train_blocks.augmented(pages)
    assert copies == train_blocks.augmented(pages)  # deterministic
    assert len(copies) == len(pages)
    assert {key.split("~")[1] for key, *_ in copies} <= set(train_blocks.AUGMENT_VARIANTS)
    for (key, url, _html, truth), (copy_key, copy_url, copy_html, copy_truth) in zip(pages, copies):
        variant = copy_key.split("~")[1]
        assert copy_key.startswith(key + "~") and copy_url == url
        assert copy_truth == multilingual.VARIANTS[variant](truth) != truth
        assert 'class="article-body"' in copy_html
    page = {"key": "wcxb-dev/0", "texts": ["one two", "three"]}
    copy = {"key": "wcxb-dev/0~cjk", "texts": ["one two", "three"]}
    assert train_blocks.weights(copy) == [w * train_blocks.AUGMENT_WEIGHT for w in train_blocks.weights(page)]


NEWS_FOLDER = multilingual.extraction.DEFAULT_FOLDERS[0]


@pytest.mark.skipif(not NEWS_FOLDER.is_dir(), reason=f"benchmark set absent: {NEWS_FOLDER}")
def test_main_prints_each_variants_speed_beside_trafilatura(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The proxy's speed bar is read from the benchmark's own output: our pages/s over
    trafilatura's, measured in the same interleaved run, for each variant."""
    import json
    import re

    out_json = tmp_path / "ml.json"
    assert multilingual.main(["--corpus", "news", "--variant", "thai", "--limit", "3", "--repeat", "2", "--json", str(out_json)]) == 0
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("speed:"))
    found = re.fullmatch(r"speed: newsspider / trafilatura-defaults (\d+\.\d\d) \((\d+\.\d) / (\d+\.\d) pages/s\)", line)
    assert found, line
    ratio, ours, theirs = map(float, found.groups())
    assert ratio > 0 and ours > 0 and theirs > 0
    summary = json.loads(out_json.read_text())[f"{NEWS_FOLDER.name}/thai"]["all"]
    assert round(summary["newsspider"]["pages_per_s"] / summary["trafilatura-defaults"]["pages_per_s"], 2) == ratio
