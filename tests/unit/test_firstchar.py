"""FirstCharRegex answers as the whole alternation, trying only the patterns that may start so;
required_words names words every match holds."""

from __future__ import annotations

import random
import re

import pytest

from newsspider.extraction.firstchar import _ASCII_FOLDS, FirstCharRegex, first_chars, folded, required_words

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
    r"«\s*\w+",
    r"é+tude",
    r"[а-я]{3}\s+новости",
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
     "ſtory from x", "", "Ünicode first", "nothing at all here", "9 lives", "« quote", "Étude", "éétude", "Ètude",
     "все новости", "ВСЕ НОВОСТИ", "ข่าวทั้งหมด", "新闻", "İstanbul", "ıt"],
)
def test_matches_as_the_whole_alternation(line: str) -> None:
    fast = FirstCharRegex(PATTERNS, re.I)
    whole = re.compile("|".join(f"(?:{p})" for p in PATTERNS), re.I)
    assert fast.matches(line) == (whole.match(line) is not None)


@pytest.mark.parametrize("line", ["Story from Reuters", "5 min read", "(Additional reporting by Jo)", "AB-CD, writethru", "Kelvin", "Étude", "все новости", ""])
def test_the_ascii_first_characters_built_ahead_match_as_built_on_demand(line: str) -> None:
    ahead = FirstCharRegex(PATTERNS, re.I)
    ahead.build_ascii()
    assert set(ahead._by_char) == {chr(code).lower() for code in range(128)}
    assert ahead.matches(line) == FirstCharRegex(PATTERNS, re.I).matches(line)


def test_a_line_no_pattern_may_start_with_tries_nothing() -> None:
    fast = FirstCharRegex([r"abc", r"(?:x|y)z"], re.I)
    assert not fast.matches("Quite unrelated")
    assert fast._by_char["q"] is None  # no regex was even asked
    assert fast.matches("Abc") and fast.matches("yz") and not fast.matches("zz")


def test_a_line_in_another_script_tries_only_the_patterns_that_may_start_with_it() -> None:
    fast = FirstCharRegex([r"abc", r"«\s*\w", r"[а-я]+", r".{0,9}x"], re.I)
    assert not fast.matches("ข่าว") and not fast.matches("ไทย")
    assert fast._by_char["ข"] is fast._by_char["ไ"] is not None  # only ".{0,9}x", one regex for both
    assert fast._by_char["ข"].pattern == "(?:.{0,9}x)"
    assert fast.matches("« a") and fast.matches("Новости") and fast.matches("ข่าวx") and not fast.matches("»a")
    assert FirstCharRegex([r"kelvin"], re.I).matches("\u212aelvin")  # the Kelvin sign matches k ignoring case


def test_the_ascii_folds_are_every_non_ascii_character_matching_an_ascii_letter() -> None:
    letter = re.compile("[a-z]", re.I)
    found = {chr(code) for code in range(128, 0x110000) if letter.match(chr(code))}
    assert set(_ASCII_FOLDS) == found
    for char, ascii_letter in _ASCII_FOLDS.items():
        assert re.match(ascii_letter, char, re.I)


@pytest.mark.parametrize("line", ["ſign up for the newſletter", "Subscribe: the \u212aey inbox", "Sign up: \u0130NBOX"])
def test_required_words_are_in_the_folded_line_of_any_script(line: str) -> None:
    pattern = r"(?:sign\s*up|subscribe)\b.{0,40}(?:newsletter|inbox)"
    assert re.search(pattern, line, re.I)
    words = required_words(pattern, re.I)
    assert words is not None and any(word in folded(line) for word in words)


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"[.!?]\s+(?:sign\s+up|subscribe)\b.{0,80}\b(?:newsletters?|inbox)\b", ("newsletter", "inbox")),
        (r"\b(?:all\s+rights\s+reserved|tous\s+droits\s+réservés)\b", ("reserved", "réservés")),  # the rarest word
        (r"(?:все\s+права\s+защищены|版权所有|무단\s?전재)", ("защищены", "版权所有", "무단")),  # any script
        (r"tüm\s+hakları\s+saklıdır", ("haklar",)),  # ı matches i and I too: it ends a word
        (r"ΟΔΟΣ", ("οδο",)),  # σ and ς match each other: left out
        (r"(?:suscr[ií]bete|reg[ií]strate)\b", ("suscr", "strate")),
        (r"(?-i:ABC)-(?:x)+", ("abc",)),  # lower-cased, asked of the lower-cased line
        (r"Contributed\b.{0,20}$", ("contributed",)),
        (r"(?:this\s+)?report", ("report",)),  # an optional part is not required
        (r"(?:ab|\w+)cd", None),  # a branch without a word, and "cd" too short
        (r"[a-z]+\d", None),
    ],
)
def test_required_words(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert required_words(pattern, re.I) == expected


def test_every_match_of_an_ascii_line_holds_a_required_word() -> None:
    patterns = [r"[.!?]\s+(?:sign\s+up|subscribe)\b.{0,20}\b(?:newsletters?|inbox)\b", r"\b(?:all\s+rights|droits)\b",
                r"(?:x|y)+(?:abc|dbd)(?:e)?"]
    rng = random.Random(3)
    pieces = ["Sign up", "subscribe", "newsletter", "Inbox", "All rights", "droits", ". ", "! ", "xyAbc", "dbd", "e", " z"]
    matched = 0
    for _ in range(3000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        for pattern in patterns:
            words = required_words(pattern, re.I)
            assert words is not None
            if re.search(pattern, line, re.I):
                matched += 1
                assert any(word in line.lower() for word in words), (pattern, line)
    assert matched > 300


def test_every_character_a_required_word_holds_is_what_its_matches_fold_to() -> None:
    """A required word's non-ASCII character (of every boilerplate family's floating phrasing)
    is what every character of Unicode that matches it ignoring case becomes in folded text:
    a line a phrasing matches always holds one of its words."""
    from newsspider.extraction import boilerplate

    unicode_text = "".join(chr(code) for code in range(0x110000) if not 0xD800 <= code <= 0xDFFF)
    chars = {char for test in (boilerplate._COLUMN_START, boilerplate._SINCE_FIT_START) for _, _, words in test.floating
             for word in words or () for char in word if not char.isascii()}
    assert len(chars) > 40  # Cyrillic, Polish, Greek, Vietnamese, Arabic, CJK, Hangul...
    for char in chars:
        for match in re.findall(re.escape(char), unicode_text, re.I):
            assert folded(match) == char, (char, match)


@pytest.mark.parametrize("seed", range(5))
def test_a_non_english_copyright_line_is_found_whatever_its_case(seed: int) -> None:
    """The since-fit copyright phrasings in other scripts, in any case and within other text:
    the start test with their required words answers as the whole alternation does."""
    from newsspider.extraction import boilerplate

    rng = random.Random(seed)
    test = boilerplate._SINCE_FIT_START
    phrases = ["Все права защищены", "版权所有", "저작권자 ⓒ 무단전재", "Wszelkie prawa zastrzeżone", "Tüm hakları saklıdır",
               "Bản quyền thuộc về", "جميع الحقوق محفوظة", "Με την επιφύλαξη παντός δικαιώματος", "news of the day"]
    for _ in range(200):
        phrase = rng.choice(phrases)
        phrase = "".join(c.upper() if rng.random() < 0.3 else c for c in phrase)
        line = rng.choice(["", "© 2025 Acme. ", "x" * rng.randint(0, 130) + " "]) + phrase + rng.choice(["", ".", " 2025"])
        assert test.matches(line) == (test.whole.match(line) is not None), line
