"""The block model's fast paths give exactly what their plain definitions give.

Feature columns computed for all blocks at once, the flat-array tree walk, the class/id lookup
by pieces, the rewritten share patterns and the top-bar shortcut are each compared here with
the row-by-row (or word-by-word, tree-by-tree) definition they replace, on pages of the bundled
news corpus (tuning part) and on generated input. The model's thresholds were learned on the
defined values: equal means equal to the last bit.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections import Counter
from functools import lru_cache

import numpy as np
import pytest

from benchmarks import metric
from benchmarks.extraction import load_pages
from benchmarks.split import BUNDLED_ROOT, TUNING
from newsspider.dates import is_date_only_line, strip_dates
from newsspider.extraction import blockmodel, boilerplate
from newsspider.extraction import blocks as blocks_mod
from newsspider.extraction.agreement import covers_at_least, shingle_coverage, shingles
from newsspider.extraction.blocks import (
    CLASS_GROUPS,
    REGION_LEVELS,
    Reference,
    featurize,
    norm,
    segment,
)
from newsspider.extraction.extract import page_inputs, rule_body
from newsspider.textlength import tokens


@lru_cache(maxsize=1)
def _pages() -> list[tuple[list[blocks_mod.Block], dict, list[str]]]:
    """Blocks, featurize arguments and class/id strings of a few tuning pages of the bundled corpus."""
    pages = [p for p in load_pages(BUNDLED_ROOT / "article-extraction") if p.part == TUNING][:6]
    out = []
    for page in pages:
        inputs = page_inputs(page.html, page.url)
        assert not isinstance(inputs, str)
        kwargs = {"trafilatura_text": inputs.trafilatura_text, "rules_text": rule_body(inputs, page.url).text,
                  "ld_body": inputs.ld_body, "title": inputs.title}
        names = [" ".join(filter(None, (e.get("class"), e.get("id")))) for e in inputs.tree.iter("*")]
        out.append((segment(inputs.tree), kwargs, names))
    return out


def test_window_mean_is_the_mean_of_each_window_bit_for_bit() -> None:
    rng = random.Random(7)
    for n in range(12):
        values = [rng.random() for _ in range(n)]
        expected = []
        for i in range(n):
            lo, hi = max(0, i - blocks_mod.WINDOW), min(n, i + blocks_mod.WINDOW + 1)
            total = 0.0
            for value in values[lo:hi]:  # in order: sum() compensates its rounding since Python 3.12
                total += value
            expected.append(total / (hi - lo))
        assert blocks_mod._window_mean(np.array(values)).tolist() == expected


def test_region_columns_equal_the_per_block_sums() -> None:
    for blocks, kwargs, _ in _pages():
        x = featurize(blocks, **kwargs)
        col = blocks_mod._COLUMN
        in_traf, in_rules = x[:, col["in_traf"]].tolist(), x[:, col["in_rules"]].tolist()
        total = sum(len(b.text) for b in blocks) or 1
        region: dict[int, list[float]] = {}
        for i, b in enumerate(blocks):
            for key in b.ancestry[:-1]:
                stats = region.setdefault(key, [0.0] * 5)
                size = len(b.text)
                stats[0] += 1
                stats[1] += size
                stats[2] += in_traf[i] * size
                stats[3] += b.link_chars
                stats[4] += in_rules[i] * size
        first = col[blocks_mod.REGION_FEATURES[0]]
        for i, b in enumerate(blocks):
            expected: list[float] = []
            above = b.ancestry[-2::-1]
            for level in range(REGION_LEVELS):
                if level < len(above):
                    count, chars, traf, links, rules = region[above[level]]
                    chars = chars or 1
                    expected += [math.log1p(count), chars / total, traf / chars, min(1.0, links / chars), rules / chars]
                else:
                    expected += [0.0] * 5
            assert x[i, first : first + 5 * REGION_LEVELS].tolist() == expected


def test_reference_contains_is_the_share_of_the_blocks_4_grams() -> None:
    reference = Reference("The council voted on Tuesday to extend the evening bus service. Bus fares stay.")
    for block in ("the council voted on tuesday", "voted on Tuesday, to extend the night service", "bus fares",
                  "fares stay", "stay bus", "service fares", "nothing here at all", "", "The", "absent"):
        block_norm = norm(block)
        tokens = block_norm.split()
        if len(tokens) < 4:
            expected = 1.0 if tokens and f" {block_norm} " in reference.text else 0.0
        else:
            words = reference.text.split()
            known = {tuple(words[i : i + 4]) for i in range(len(words) - 3)}
            grams = [tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3)]
            expected = sum(g in known for g in grams) / len(grams)
        assert reference.contains(block_norm) == expected
        assert reference.contains(block_norm, blocks_mod._four_grams(tokens)) == expected
    assert Reference(None).contains("anything at all here") == 0.0


def test_containment_of_all_blocks_at_once_equals_one_by_one() -> None:
    for blocks, kwargs, _ in _pages():
        page = blocks_mod.PageGrams([b.text for b in blocks])
        for text in (kwargs["trafilatura_text"], kwargs["rules_text"], kwargs["ld_body"], None, "Home"):
            reference = Reference(text)
            assert reference.contains_all(page).tolist() == [reference.contains(t) for t in page.norms]


def test_norm_is_words_joined_by_single_spaces_case_folded() -> None:
    for text in ("  Hello,   World! ", "Straße — 2026", "İstanbul’s ‘quoted’ text", "a_b c-d", "", "…"):
        assert norm(text) == re.sub(r"\W+", " ", text).strip().casefold()


def test_class_groups_by_piece_equal_a_search_for_every_word() -> None:
    def by_word(names: str) -> int:
        names = f"-{names.lower().replace(' ', '-').replace('_', '-')}-"
        return sum(1 << i for i, (_, words) in enumerate(CLASS_GROUPS) if any(w in names for w in words))

    samples = ["sign up", "sign_up-box", "top-ad-slot", "ads-wrapper", "header_ad", "col-md-8 article-body",
               "sr-only", "screen reader", "screen-reader-text", "nav navbar", "x ad", "AD-Banner", "relatedPosts",
               "post__content entry-content", "", "-", "main", "js-share social-links", "dateline", "sidebar"]
    for _, _, names in _pages():
        samples += names
    rng = random.Random(3)
    alphabet = ["ad", "ads", "-", "_", " ", "sign", "up", "sr", "only", "nav", "x", "screen", "reader", "side", "bar",
                "date", "line", "tile", "title", "pop", "up", "tag"]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8))) for _ in range(3000)]
    for names in samples:
        assert blocks_mod._bits_of.__wrapped__(names) == by_word(names), names


# The share phrasings as first written: a run of 9-10 word pieces whose separators may be empty,
# so one long word can be split in exponentially many ways before a failed match gives up.
_ORIGINAL_SHARE = (
    (
        r"(?:share|teilen|partager|compartir)\s+(?:on|via|auf|per|sur|en)\s+\w+(?:\s*[|,·•/]?\s*\w+){0,8}"
        r"\s*[:：.!»›→>…]*\s*$"
    ),
    (
        r"(?:share|teilen|partager|compartir)(?:\s+(?:this|it|(?:this\s+)?(?:article|story|post)|cet\s+article|"
        r"este\s+art[ií]culo|(?:diesen\s+)?artikel))?\s*[:：]\s*(?:\w+(?:\s*[|,·•/]\s*|\s+)?){1,10}$"
    ),
)


def test_share_patterns_match_the_same_lines_as_first_written() -> None:
    share = next(f for f in boilerplate.FAMILIES if f.name == "share")
    rewritten = [re.compile(p, re.IGNORECASE) for p in share.patterns[2:4]]
    original = [re.compile(p, re.IGNORECASE) for p in _ORIGINAL_SHARE]
    rng = random.Random(11)
    pieces = ["a", "b1", "x", "é", " ", "  ", "|", ",", "·", "/", ":", ".", "!", "-", "…", ">"]
    prefixes = ["share on ", "Share via ", "share: ", "share this article: ", "teilen auf ", "share ", "share:"]
    matched = 0
    for prefix in prefixes:
        for _ in range(3000):
            line = prefix + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
            for old, new in zip(original, rewritten):
                assert bool(old.match(line)) == bool(new.match(line)), line
                matched += bool(new.match(line))
    assert 500 < matched < 2 * len(prefixes) * 3000 - 500  # the generated lines exercise both outcomes
    assert rewritten[0].match("Share on Facebook | Twitter · LinkedIn")
    assert not rewritten[0].match("Share on Facebook Share on Twitter Share on LinkedIn Share on Pinterest Share via Email")


def test_boilerplate_start_without_backtracking_finds_the_same_lines() -> None:
    """Patterns starting ``.{0,N}`` are searched instead: the same lines on page text and on
    lines built around each limit N (a phrase starting just inside or just beyond it)."""
    lines = [b.text for blocks, _, _ in _pages() for b in blocks if len(b.text) <= blocks_mod.FAMILY_MAX_CHARS]
    phrases = ["all rights reserved", ". Sign up for our newsletters today", "for your personal, non-commercial use only",
               "Jane Roe contributed to this report", "ont contribué à cet article", ". Abonnez-vous à notre newsletter"]
    rng = random.Random(5)
    for phrase in phrases:
        for limit in (80, 120, 200, 250, 300):
            for start in (limit - 1, limit, limit + 1, limit + 2):
                filler = "".join(rng.choice("ab c.") for _ in range(max(0, start - 1)))
                lines += [f"{filler} {phrase}", f"{filler}\n{phrase}", f"{filler} {phrase} and more words"]
    # the required-word test is for ASCII lines: a long s matches "s" under re.I, upper case the lower
    lines += [". \u017fign up for our newsletter", ". SIGN UP FOR OUR NEWSLETTER", "ALL RIGHTS RESERVED", "All rights re\u017ferved"]
    found = 0
    for line in lines:
        expected = boilerplate.BOILERPLATE_START.match(line) is not None
        assert boilerplate.starts_like_boilerplate.__wrapped__(line) == expected, line
        family = next((f for f in boilerplate.FAMILIES if f.matches(line)), None)
        assert boilerplate.match_family.__wrapped__(line) is family, line
        found += expected
    assert 20 < found < len(lines) - 20  # both outcomes exercised


@pytest.mark.parametrize("line", ["Sunday", "Updated", "°C", "Los Angeles", "Sunday, April", "ten o'clock pm",
                                  "Mon. Published on", "° F", "Monday – Updated at", "-°C", "Sept."])
def test_top_bar_items_all_have_a_digit(line: str) -> None:
    """is_top_bar_item answers False without looking when a line has no digit: no date,
    temperature or clock pattern can match such a line."""
    assert not is_date_only_line(line)
    assert not boilerplate._TEMPERATURE.match(line) and not boilerplate._CLOCK.match(line)
    assert not boilerplate._GLUED_TEMPERATURE.match(strip_dates(line).strip(" ,|·-"))
    assert not boilerplate.is_top_bar_item(line)
    assert boilerplate.is_top_bar_item("Sunday, April 21, 2024")


def test_flat_tree_walk_equals_walking_each_tree() -> None:
    spec = json.loads(blockmodel.MODEL_PATH.read_text(encoding="utf-8"))
    model = blockmodel.load()
    for blocks, kwargs, _ in _pages()[:3]:
        x = featurize(blocks, **kwargs)
        expected = []
        for row in x.tolist():
            raw = model.baseline
            for tree in spec["trees"]:
                node = 0
                while tree["left"][node] != node:  # leaves point to themselves
                    go_left = row[tree["feature"][node]] <= tree["threshold"][node]
                    node = tree["left"][node] if go_left else tree["right"][node]
                raw += tree["value"][node]
            expected.append(1.0 / (1.0 + math.exp(-raw)))
        assert np.allclose(model.probabilities(x), expected, rtol=0, atol=1e-12)
        assert ((model.probabilities(x) >= model.threshold) == (np.array(expected) >= model.threshold)).all()


def _plain_coverage(part: str, whole: str) -> float:
    """The definition: shared 4-gram count (multisets) over the part's count."""
    mine, theirs = shingles(part), shingles(whole)
    total = sum(mine.values())
    return sum(min(count, theirs[s]) for s, count in mine.items()) / total if total else 1.0


def test_coverage_by_shared_shingles_equals_the_definition() -> None:
    random.seed(7)
    words = "the bus runs late and the council pays for the late bus".split()
    for _ in range(300):  # few words: shingles repeat, so counts above 1 are exercised
        part = " ".join(random.choices(words, k=random.randint(0, 30)))
        whole = " ".join(random.choices(words, k=random.randint(0, 30)))
        expected = _plain_coverage(part, whole)
        assert shingle_coverage(shingles(part), shingles(whole)) == expected
        for share in (0.0, 0.1, 0.3, 0.5, 0.9, 1.0, expected):
            assert covers_at_least(shingles(part), shingles(whole), share) == (expected >= share)


def test_shingles_are_the_metrics_4_grams_as_strings() -> None:
    """The metric's 4-grams; a character of CJK (Thai...) is a token of its own (textlength.tokens)."""
    for text in ("The council voted on Tuesday, then voted on Tuesday again.", "Three short words", "one", "", "…",
                 "Straße — 2026 Apple社が新型iPhoneを発表"):
        expected = Counter(" ".join(gram) for gram in metric.shingles(tokens(text)))
        assert shingles(text) == expected
        if "社" not in text:
            assert tokens(text) == metric.tokenize(text)
