"""The block model's training labels (``benchmarks/train_blocks.label``): a block of 1-3 words is
article text when its words occur in that order in the ground truth; a longer block when half its
word 4-grams are in it. Shingles are space-joined strings since 11eea4a; the short-block test
read the first shingle's *characters* as words, so every short heading and list item of the
truth was labelled boilerplate (11k of 49k article blocks on the tuning pages)."""

from __future__ import annotations

import re

from benchmarks.train_blocks import label
from newsspider.extraction.agreement import shingles

TRUTH = "Buses run later\n\nThe council agreed on Monday that the night buses will run until two."


def _label(text: str) -> int:
    return label(text, shingles(TRUTH), " ".join(re.findall(r"\w+", TRUTH)))


def test_short_blocks_of_the_truth_are_article_text() -> None:
    assert _label("Buses run later") == 1
    assert _label("Monday") == 1


def test_short_blocks_not_in_the_truth_are_not() -> None:
    assert _label("Share this") == 0
    assert _label("later Buses") == 0  # the words, not in that order


def test_long_blocks_need_half_their_4_grams_in_the_truth() -> None:
    assert _label("The council agreed on Monday that the night buses will run") == 1
    assert _label("The council agreed on Monday to close the library for good") == 0
    assert _label("") == 0
