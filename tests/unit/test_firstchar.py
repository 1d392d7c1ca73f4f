"""FirstCharRegex answers as the whole alternation, trying only the patterns that may start so."""

from __future__ import annotations

import re

import pytest

from newsspider.extraction.firstchar import FirstCharRegex, first_chars

PATTERNS = [
    r"(?:story|article)\s+from\b",
    r"(?:this\s+)?(?:originally|first)\s+published\b",
    r"\(?(?:additional\s+)?reporting\s+by\b",
    r"\d+\s*min(?:ute)?s?\s+read",
    r"[-–—\s]*advertisement",
    r"(?-i:[A-Z]{2,}-\w+),\s*writethru",
    r".{0,20}\bcontributed\b",
    r"(?=x)xyz",
    r"©\s*\d{4}",
    r"\bkelvin\b",
    r"(?:)?$",
]


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"(?:story|article)\s+from", {"s", "a"}),
        (r"(?:this\s+)?(?:originally|first)", {"t", "o", "f"}),
        (r"\(?(?:additional\s+)?reporting", {"(", "a", "r"}),
        (r"\d+\s*min", set("0123456789")),
        (r"^\bSign", {"s"}),
        (r".{0,20}x", {chr(c).lower() for c in range(128)} - {"\n"}),  # any character but a newline
        (r"(?=x)xyz", None),  # a lookahead: not read
        (r"a?", None),  # may be empty
        (r"©", set()),  # no ASCII start: never a line starting with ASCII
    ],
)
def test_first_chars(pattern: str, expected: set[str] | None) -> None:
    assert first_chars(pattern, re.I) == expected


@pytest.mark.parametrize(
    "line",
    ["Story from Reuters", "ARTICLE from x", "This originally published", "First published in", "(Additional reporting by Jo)",
     "reporting by Jo", "5 min read", "12 minutes read", "— Advertisement", " advertisement", "Advertisement",
     "AB-CD, writethru", "ab-cd, writethru", "Jane contributed to it", "xyz", "© 2024", "Kelvin", "\u212aelvin",
     "ſtory from x", "", "Ünicode first", "nothing at all here", "9 lives"],
)
def test_matches_as_the_whole_alternation(line: str) -> None:
    fast = FirstCharRegex(PATTERNS, re.I)
    whole = re.compile("|".join(f"(?:{p})" for p in PATTERNS), re.I)
    assert fast.matches(line) == (whole.match(line) is not None)


def test_a_line_no_pattern_may_start_with_tries_nothing() -> None:
    fast = FirstCharRegex([r"abc", r"(?:x|y)z"], re.I)
    assert not fast.matches("Quite unrelated")
    assert fast._by_char["q"] is None  # no regex was even asked
    assert fast.matches("Abc") and fast.matches("yz") and not fast.matches("zz")
