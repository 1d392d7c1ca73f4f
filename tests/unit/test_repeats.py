"""A second copy of the article in its own body is dropped; text the page repeats on its own stays."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest

from newsspider.extraction.repeats import MIN_WORDS, drop_second_copy

pytestmark = pytest.mark.fast

ARTICLE = [
    "The council voted on Tuesday to rebuild the old harbour wall before the winter storms arrive in the bay.",
    "Engineers had warned for two years that the stones were moving, and last month a section fell into the water.",
    "Residents who live along the promenade said they were relieved, although many doubted the work would finish in time.",
    "The mayor said the city would pay for the repairs from its reserves and ask the region to share the cost later.",
    "Work is due to start next week, with the road along the seafront closed to traffic until the end of March.",
    "Fishing crews will move their boats to the northern quay while the divers and cranes are working on the wall.",
    "The last repairs, in 1987, took eleven months and cost twice what the council had planned at the time.",
    "This time the engineers will use concrete blocks behind the old stones, which keeps the wall looking as it did.",
    "A public meeting about the works will be held at the town hall on Thursday evening, and everyone is welcome.",
]


def body(*paragraphs: str) -> str:
    return "\n\n".join(paragraphs)


def test_the_article_said_twice_keeps_its_first_copy() -> None:
    doubled = body("Harbour wall to be rebuilt", *ARTICLE, "Read more", *ARTICLE)
    assert drop_second_copy(doubled) == body("Harbour wall to be rebuilt", *ARTICLE, "Read more")


def test_the_article_again_in_one_block_is_dropped() -> None:
    flattened = " ".join(ARTICLE)
    assert drop_second_copy(body(*ARTICLE, flattened)) == body(*ARTICLE)


def test_a_copy_with_small_edits_is_still_a_copy() -> None:
    edited = [p.replace("March.", "April.").replace(", ", " - ") for p in ARTICLE]  # a word, the punctuation
    assert drop_second_copy(body(*ARTICLE, *edited)) == body(*ARTICLE)


def test_a_paragraph_the_page_repeats_on_its_own_stays() -> None:
    terms = " ".join(ARTICLE[:4])  # one long paragraph, once per region
    page = body("US", terms, "UK:", terms, "CAD", terms, "EU", terms)
    assert drop_second_copy(page) == page


def test_short_repeated_lines_and_short_repeated_runs_stay() -> None:
    cards = body("Pros", "Cons", *ARTICLE[:2], "Pros", "Cons", *ARTICLE[2:4], "Pros", "Cons", ARTICLE[0], ARTICLE[1])
    assert drop_second_copy(cards) == cards
    short_run = body(*ARTICLE, ARTICLE[0], ARTICLE[1], ARTICLE[2])  # three sources but under MIN_WORDS
    assert len(" ".join(ARTICLE[:3]).split()) < MIN_WORDS
    assert drop_second_copy(short_run) == short_run


def test_a_body_without_repeats_is_returned_as_is() -> None:
    text = body(*ARTICLE)
    assert drop_second_copy(text) is text


def test_unspaced_scripts_are_compared_by_character() -> None:
    paragraphs = [
        "市議会は火曜日、冬の嵐が来る前に古い港の防波堤を再建することを決めた。技術者は二年前から石が動いていると警告していた。",
        "先月には一部が海に崩れ落ち、遊歩道沿いの住民は安心したと話したが、工事が間に合うかどうか疑う声も多い。",
        "市長は修理費を市の積立金から支払い、後で地域にも負担を求めると述べた。工事は来週始まり、海岸通りは三月末まで通行止めになる。",
        "漁船は工事の間、北の岸壁に移る。潜水士とクレーンが防波堤で作業するため、港の南側は立ち入り禁止となる予定だ。",
    ]
    tripled = body(*paragraphs, *paragraphs, *paragraphs)
    assert drop_second_copy(tripled) == body(*paragraphs)


def test_extract_page_returns_one_copy_of_a_page_holding_two() -> None:
    from newsspider.extraction import extract_page

    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE)
    html = (
        "<html><head><title>Harbour wall to be rebuilt</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav><main>'
        f"<article><h1>Harbour wall to be rebuilt</h1>{paragraphs}</article>"
        f'<div class="article-copy"><h2>Harbour wall to be rebuilt</h2>{paragraphs}</div>'
        "</main><footer>© Town Post</footer></body></html>"
    )
    result = extract_page(html, "https://example.com/news/harbour-wall", assume_article=True)
    assert result.fields is not None
    for paragraph in ARTICLE:
        assert result.fields["body"].count(paragraph) == 1


def _string_hashes(stream: list[str]):
    import numpy as np

    return np.fromiter(map(hash, stream), dtype=np.int64, count=len(stream)).view(np.uint64)


def test_shingle_keys_are_equal_exactly_where_the_words_are() -> None:
    from newsspider.extraction.repeats import SHINGLE_TOKENS, _shingle_keys

    words = [f"w{i}" for i in range(40)]
    stream = words + words[:SHINGLE_TOKENS] + ["x"]
    keys = _shingle_keys(_string_hashes(stream))
    assert len(keys) == len(stream) - SHINGLE_TOKENS + 1
    assert keys[len(words)] == keys[0]  # the same 16 words again
    assert len(set(keys)) == len(keys) - 1  # and no other two alike
    assert _shingle_keys(_string_hashes(words[: SHINGLE_TOKENS - 1])).size == 0


def _sources_by_sets(paragraphs: list[str]) -> list[set[int] | None]:
    """The definition ``_sources`` computes in numpy: a set of shingles per paragraph, intersected
    with every shingle starting before it (the module's code before session 36)."""
    import itertools

    from newsspider.extraction.repeats import REPEATED_SHARE, shingle_length
    from newsspider.textlength import tokens

    words = [tokens(p) for p in paragraphs]
    starts = [0, *itertools.accumulate(map(len, words))]
    stream = list(itertools.chain.from_iterable(words))
    length = shingle_length(" ".join(paragraphs), len(stream))
    shingles = [tuple(stream[k : k + length]) for k in range(len(stream) - length + 1)]
    first_at: dict[tuple[str, ...], int] = {}
    for position, shingle in enumerate(shingles):
        first_at.setdefault(shingle, position)
    said: set[tuple[str, ...]] = set()
    short_first: dict[tuple[str, ...], int] = {}
    sources: list[set[int] | None] = []
    for index, own_words in enumerate(words):
        start, end = starts[index], starts[index + 1]
        if len(own_words) < length:
            first = short_first.setdefault(tuple(own_words), index)
            sources.append({first} if own_words and first < index else None)
        else:
            own = set(shingles[start : end - length + 1])
            common = own & said
            if len(common) >= REPEATED_SHARE * len(own):
                sources.append({max(i for i, s in enumerate(starts[:-1]) if s <= first_at[c] and starts[i + 1] > first_at[c]) for c in common})
            else:
                sources.append(None)
        said.update(shingles[start:end])
    return sources


def _random_page(rng: random.Random, sentences: list[str], joiner: str, piece: Callable[[random.Random, str], str]) -> list[str]:
    """Paragraphs cut from ``sentences``, said again, merged (by ``joiner``), repeated within
    themselves and cut short (by ``piece``)."""
    paragraphs: list[str] = []
    for _ in range(rng.randint(4, 24)):
        roll = rng.random()
        if roll < 0.5 or not paragraphs:
            paragraphs.append(rng.choice(sentences))
        elif roll < 0.7:
            paragraphs.append(rng.choice(paragraphs))  # a paragraph said again
        elif roll < 0.8:
            paragraphs.append(joiner.join(rng.sample(paragraphs, min(3, len(paragraphs)))))  # several in one
        elif roll < 0.85:
            paragraphs.append(joiner.join([rng.choice(sentences)] * rng.randint(2, 3)))  # one said again within itself
        else:
            paragraphs.append(piece(rng, rng.choice(paragraphs)))  # a piece of one
    return paragraphs


def _first_words(rng: random.Random, text: str) -> str:
    words = text.split()
    return " ".join(words[: rng.randint(0, len(words))])


def _first_characters(rng: random.Random, text: str) -> str:
    return text[: rng.randint(0, len(text))]


@pytest.mark.parametrize("seed", range(40))
def test_sources_are_what_sets_of_shingles_say(seed: int) -> None:
    """Pages cut from pieces of the article, repeated, merged and split (with empty and
    Thai-like paragraphs): the numpy count names the same sources as the sets."""
    from newsspider.extraction.repeats import _sources

    sentences = ARTICLE + ["ข่าวการเมืองวันนี้ที่กรุงเทพมหานครมีการประชุมสภาเพื่อพิจารณางบประมาณประจำปี", "", "Short one."]
    paragraphs = _random_page(random.Random(seed), sentences, " ", _first_words)
    assert _sources(paragraphs) == _sources_by_sets(paragraphs)


@pytest.mark.parametrize("seed", range(40))
def test_unspaced_text_by_units_names_the_sources_its_string_tokens_name(seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """A text mostly in a script without spaces is hashed from its characters' code points
    (``token_units``): the same sources as by the tokens' string hashes and by sets of shingles,
    on Thai and Chinese pages with digits, Latin names and punctuation between, copied and cut."""
    from benchmarks.multilingual import cjk, thai
    from newsspider.extraction import repeats

    write = thai if seed % 2 else cjk
    sentences = [write(s) for s in ARTICLE] + [write("Reuters 2025: the V8 engine, 12_000 units (about 3.5%) sold."), ""]
    paragraphs = _random_page(random.Random(seed), sentences, "", _first_characters)
    text = " ".join(paragraphs)
    assert repeats.mostly_unspaced(text[: repeats._SCRIPT_SAMPLE]) or not text.strip()
    by_units = repeats._sources(paragraphs)
    monkeypatch.setattr(repeats, "mostly_unspaced", lambda _: False)  # the string tokens' path
    assert repeats._sources(paragraphs) == by_units == _sources_by_sets(paragraphs)


def test_unit_hashes_are_the_code_points_mixed_one_to_one() -> None:
    """Equal tokens hash alike and different tokens apart (a bijection of the code points):
    the text's spaced tokens stand as private use characters, numbered as first seen."""
    from newsspider.extraction.repeats import _token_hashes
    from newsspider.textlength import tokens

    paragraphs = ["ข่าวการเมืองวันนี้ 2025 ข่าว", "Apple: ข่าวการเมือง, 2025"]
    hashes, counts, keys = _token_hashes(paragraphs, " ".join(paragraphs))
    assert counts == [len(tokens(p)) for p in paragraphs]
    assert keys == ["ข่าวการเมืองวันนี้\U000f0000ข่าว", "\U000f0001ข่าวการเมือง\U000f0000"]
    stream = [t for p in paragraphs for t in tokens(p)]
    values = hashes.tolist()
    for i, token in enumerate(stream):  # alike exactly where the tokens are
        assert [values[j] == values[i] for j in range(len(stream))] == [other == token for other in stream]


@pytest.mark.parametrize("length", [1, 2, 3, 7, 16, 17, 32, 40, 63, 64])
def test_shingle_keys_by_doubling_are_the_polynomial_word_by_word(length: int) -> None:
    import numpy as np

    from newsspider.extraction.repeats import _MULTIPLIER, _shingle_keys

    rng = random.Random(length)
    for size in (length - 1, length, length + 1, 300):
        stream = [rng.choice("abcdefghij") * rng.randint(1, 3) for _ in range(max(size, 0))]
        count = len(stream) - length + 1
        hashes = np.fromiter(map(hash, stream), dtype=np.int64, count=len(stream)).view(np.uint64)
        expected = hashes[: max(count, 0)].copy()
        for offset in range(1, length if count > 0 else 1):
            expected *= _MULTIPLIER
            expected += hashes[offset : offset + count]
        assert _shingle_keys(hashes, length).tolist() == expected.tolist()


def test_templated_paragraphs_in_a_script_without_spaces_are_no_copy() -> None:
    """A training plan's days share runs of a few words. Sixteen Thai characters are a few words,
    so with shingles of 16 tokens the later days were cut as a copy of the first; a shingle of
    16 words' worth of characters keeps them, as in English."""
    from benchmarks.multilingual import thai

    days = []
    for week, (sets, minutes) in enumerate([("eight", 40), ("ten", 45), ("six", 50), ("twelve", 55), ("nine", 60)]):
        days += [
            f"Week {week + 1} Monday rest day and light stretching for the whole body",
            "Warm up with ten to twenty minutes of easy jogging in zone two and five minutes of running drills",
            f"Main set repeat {sets} times ending when you feel the next interval is the last you could do at the same pace",
            f"Cool down with {minutes} minutes of easy jogging in zone two and a walk home",
        ]
    english = body("Marathon plan for beginners", *days)
    assert drop_second_copy(english) == english
    in_thai = thai(english)
    assert drop_second_copy(in_thai) == in_thai
