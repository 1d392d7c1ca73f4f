"""Word counts in every script (newsspider.textlength) and the length rules that use them."""

from __future__ import annotations

import math

import pytest
from itemadapter import ItemAdapter

from newsspider.extraction import extract_page
from newsspider.extraction.boilerplate import Block
from newsspider.extraction.page_features import body_features
from newsspider.textlength import equivalent_chars, word_count, word_count_and_equivalent_chars, word_units
from pipelines.normalize import normalize_article
from pipelines.quality import is_teaser
from pipelines.sitememory import LearningRules
from pipelines.validate import DEFAULT_MIN_BODY_WORDS, validation_error
from tests.helpers import article_page

# Small texts written for these tests (not taken from any page).
ENGLISH = "The city council approved the new budget on Tuesday after a long debate."
JAPANESE = "市議会は火曜日、長い議論の末に新しい予算案を承認した。"  # 25 kanji/kana, 2 punctuation marks
CHINESE = "市议会周二在长时间辩论后批准了新的预算。"  # 19 Han characters and a full stop
THAI = "สภาเมืองอนุมัติงบประมาณใหม่ในวันอังคาร"  # 38 code points, no space
KOREAN = "시의회는 화요일 긴 토론 끝에 새 예산안을 승인했다."
KHMER = "ក្រុមប្រឹក្សាក្រុងបានអនុម័តថវិកាថ្មី"
MYANMAR = "မြို့တော်ကောင်စီက ဘတ်ဂျက်အသစ်ကို အတည်ပြုခဲ့သည်"


@pytest.mark.parametrize(
    "text",
    ["", ENGLISH, JAPANESE, CHINESE, THAI, KOREAN, KHMER, MYANMAR, f"{ENGLISH} {JAPANESE}", "Apple社が新型iPhoneを発表", "。、「」", "Zürich, 12 €"],
)
def test_word_count_and_equivalent_chars_counts_both_at_once(text: str) -> None:
    """The block features read both of every block, the scripts counted once: the same numbers."""
    words, chars = word_count_and_equivalent_chars(text)
    assert words == word_count(text)
    assert chars == equivalent_chars(text)
    assert isinstance(chars, float)


def _article(paragraph: str, paragraphs: int) -> str:
    return "\n\n".join(paragraph for _ in range(paragraphs))


@pytest.mark.parametrize("seed", range(5))
def test_script_counts_are_what_runs_and_split_say(seed: int) -> None:
    """The one-scan counts against their definition: CJK and Thai/Lao/Khmer/Myanmar characters
    counted by run, spaced words by ``split()`` once those scripts and CJK punctuation are spaces."""
    import random
    import re

    from newsspider import textlength

    cjk = re.compile(f"[{textlength._CJK_RANGES}]")
    southeast_asian = re.compile(f"[{textlength._SOUTHEAST_ASIAN_RANGES}]")
    rng = random.Random(seed)
    alphabet = "ab Z9 。，\u3000\t\n\u00a0\u2003กขไ漢字かなカナ、「」！?.-\u1780\u0e80\u1000\uaa60\U00020000ーéж"
    for _ in range(2000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        spaced = len(textlength._UNSPACED_OR_PUNCTUATION.sub(" ", text).split())
        assert textlength._unspaced_counts(text) == (len(cjk.findall(text)), len(southeast_asian.findall(text)), spaced)


def test_spaced_scripts_count_exactly_like_split() -> None:
    for text in (ENGLISH, KOREAN, "Grüße aus Köln — café, naïve", "Привет, мир", "مرحبا بالعالم", "  a\tb\nc  "):
        assert word_count(text) == len(text.split())
    assert word_count(KOREAN) == 8  # Korean separates words with spaces
    assert word_count("") == word_count(None) == 0


def test_cjk_two_characters_per_word_and_punctuation_is_no_word() -> None:
    assert word_count(JAPANESE) == 13  # 25 / 2 rounded up
    assert word_count(CHINESE) == 10  # 19 / 2 rounded up
    assert word_count("。、「」") == 0
    assert word_count("東") == 1  # any text with a letter counts


def test_southeast_asian_scripts_four_characters_per_word() -> None:
    assert word_count(THAI) == 10  # 38 / 4 rounded up
    assert word_count(THAI + " " + THAI) == 19  # spaces between Thai phrases are no extra words
    assert 5 <= word_count(KHMER) <= 12
    assert 5 <= word_count(MYANMAR) <= 12


def test_mixed_text_adds_spaced_words_and_character_equivalents() -> None:
    assert word_count("Apple社が新型iPhoneを発表") == 2 + 4  # Apple, iPhone + 7 CJK characters
    assert word_count(f"{ENGLISH} {JAPANESE}") == 13 + 13
    assert word_count("２０２４年に") == 1 + 1  # fullwidth digits are a word, 年に one equivalent


def test_word_units_split_unspaced_scripts_into_characters() -> None:
    assert word_units(ENGLISH) == ENGLISH.split()
    assert word_units("東京で、Tokyo Tower。") == ["東", "京", "で", "Tokyo", "Tower"]
    assert word_units("") == []


@pytest.mark.parametrize(
    "paragraph",
    [JAPANESE, CHINESE, THAI, KOREAN, ENGLISH, f"{ENGLISH} {JAPANESE}"],
    ids=["japanese", "chinese", "thai", "korean", "english", "mixed"],
)
def test_an_article_of_normal_length_is_not_too_short(paragraph: str) -> None:
    record = {"url": "https://news.example/2024/05/story", "site": "t", "title": "t", "body": _article(paragraph, 12)}
    adapter = ItemAdapter(record)
    normalize_article(adapter)
    assert adapter["word_count"] == word_count(adapter["body"]) >= DEFAULT_MIN_BODY_WORDS
    assert validation_error(adapter, DEFAULT_MIN_BODY_WORDS) is None


def test_a_japanese_snippet_is_still_too_short() -> None:
    adapter = ItemAdapter({"url": "https://news.example/a", "site": "t", "title": "t", "body": JAPANESE})
    normalize_article(adapter)
    assert validation_error(adapter, DEFAULT_MIN_BODY_WORDS) == "too_short"


def test_classification_and_quality_count_cjk_paragraphs() -> None:
    features = body_features([Block(JAPANESE * 4), Block(CHINESE * 4)])
    # 50 + 38 words in two 20+ word paragraphs, as in English (the classifier reads log1p counts)
    assert features["words"] == pytest.approx(math.log1p(50 + 38))
    assert features["paragraphs"] == pytest.approx(math.log1p(2))
    # A full Japanese article is not a teaser of its 12-word description.
    assert not is_teaser([JAPANESE] * 10, description=JAPANESE)
    assert is_teaser([JAPANESE], description=JAPANESE * 2)
    # A long Chinese paragraph is not a short block that site learning could learn as boilerplate.
    assert not LearningRules(max_words=40).is_candidate(CHINESE * 10)
    assert LearningRules(max_words=40).is_candidate(CHINESE)


# A short Japanese news story written for this test (~190 characters of text in 3 paragraphs).
JAPANESE_STORY = [
    "港町の市議会は火曜日の夜、長時間に及ぶ議論の末、港の改修に向けた新しい予算案を賛成多数で可決した。"
    "会場には漁業関係者や商店主、住民らが詰めかけ、採決の行方を見守った。",
    "予算案には、内港のしゅんせつや北側の桟橋の補修、防波堤沿いの照明の交換にかかる費用が盛り込まれている。"
    "照明はこの三年間で二度、冬の嵐により故障していた。",
    "反対派は県の補助金が確定するまで工事を待つべきだと主張したが、市長は桟橋がもう一冬もたないとして、"
    "春の早い時期に着工する考えを示した。",
]


def test_a_japanese_article_page_is_classified_extracted_and_kept() -> None:
    """Before word counting by characters, this page had "3 words": not an article, too short."""
    url = "https://news.example/minato"  # a short URL: only the text shape says "article"
    result = extract_page(article_page("港の改修予算を可決", url, JAPANESE_STORY), url)
    assert result.fields is not None, result.skip_reason
    adapter = ItemAdapter({**result.fields, "url": url, "site": "t"})
    normalize_article(adapter)
    assert adapter["word_count"] >= 100
    assert validation_error(adapter, DEFAULT_MIN_BODY_WORDS) is None


@pytest.mark.parametrize("seed", range(20))
def test_token_units_are_the_tokens_one_character_each(seed: int) -> None:
    """Random strings of Thai (with its combining marks), CJK, Latin, digits, underscores,
    Hangul, punctuation and spaces: reading each unit back through the codes gives ``tokens``."""
    import random

    from newsspider.textlength import token_units, tokens

    rng = random.Random(seed)
    alphabet = "กขคงจ่้ัิ漢字かなカナ가나abcXYZ019_  .,!?。、“”-\u00e9\u0301\t\n"
    codes: dict[str, str] = {}
    for _ in range(50):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        units = token_units(text, codes)
        spelled = {code: token for token, code in codes.items()}
        assert [spelled.get(unit, unit) for unit in units] == tokens(text)
    assert len(set(codes.values())) == len(codes)  # one code a token


def test_token_units_refuse_the_characters_that_stand_for_tokens() -> None:
    from newsspider.textlength import mostly_unspaced, token_units

    with pytest.raises(ValueError):
        token_units("ข่าว \U000f0000", {})
    assert mostly_unspaced("ข่าวการเมือง 2025") and mostly_unspaced("東京で会議")
    assert not mostly_unspaced("The news, in English") and not mostly_unspaced("Apple 社")
