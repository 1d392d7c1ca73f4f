"""Length of a text in words, for every script: the one measure behind every length rule.

Counting words by ``text.split()`` works for scripts that put spaces between words (Latin,
Cyrillic, Greek, Arabic, Hebrew, Devanagari, Hangul, ...), but a Chinese or Japanese paragraph
has no spaces at all and a Thai one only between phrases: a 2,000-character Japanese article
is "12 words" and fails every ``min words`` rule. Here characters of scripts written without
spaces between words are converted into *word equivalents*, the amount of text an English
word carries, so one threshold ("50 words", "a paragraph of 20 words") means about the same
amount of text in every language:

- Han (Chinese characters, also in Japanese), Hiragana and Katakana: **2 characters = 1
  word**. A segmented Chinese word averages ~1.5-1.7 characters, and translation practice
  counts ~1.5-1.8 Chinese characters per English source word; Japanese needs somewhat more
  (kana endings, particles), commonly ~2-3 characters per English word. 2 is the middle, and
  it errs towards keeping short texts rather than dropping real articles.
- Thai, Lao, Khmer, Myanmar (Burmese): **4 characters = 1 word**. Counted in code points,
  including the combining vowel and tone marks; a word in running text is a few syllables of
  2-4 code points (Thai function words are 2-3, content words 4-8), ~4 on average.
- Everything else, Hangul included (Korean separates words with spaces), counts as
  ``len(text.split())``: for text without characters of the scripts above the result is
  exactly that, so English and other spaced languages keep their old counts.

Mixed text adds both: ``"Apple社が新型iPhoneを発表"`` is 2 spaced words (``Apple``, ``iPhone``)
plus 7 CJK characters (3.5 words), 6 words after rounding up. CJK punctuation (``。、「」``)
counts as a separator, not as text. Pure functions, no Scrapy imports.
"""

from __future__ import annotations

import math
import re

#: Characters per word equivalent, by group of scripts written without spaces (see above).
CJK_CHARS_PER_WORD = 2.0
SOUTHEAST_ASIAN_CHARS_PER_WORD = 4.0
#: Characters a word of a spaced language takes, its space and punctuation included (English: a
#: word averages ~4.7 letters): what character thresholds tuned on English pages assume.
SPACED_CHARS_PER_WORD = 6.0

_CJK_RANGES = (
    "\u3005-\u3007"  # 々 〆 〇 (ideographic iteration mark, closing mark, number zero)
    "\u3040-\u309f"  # Hiragana
    "\u30a0-\u30ff"  # Katakana (with the prolonged sound mark ー)
    "\u31f0-\u31ff"  # Katakana phonetic extensions
    "\u3400-\u4dbf"  # CJK Unified Ideographs Extension A
    "\u4e00-\u9fff"  # CJK Unified Ideographs
    "\uf900-\ufaff"  # CJK Compatibility Ideographs
    "\uff66-\uff9f"  # Halfwidth Katakana
    "\U00020000-\U0003134f"  # CJK Unified Ideographs Extensions B-G and compatibility supplement
)
_SOUTHEAST_ASIAN_RANGES = (
    "\u0e00-\u0e7f"  # Thai
    "\u0e80-\u0eff"  # Lao
    "\u1000-\u109f"  # Myanmar
    "\ua9e0-\ua9ff"  # Myanmar Extended-B
    "\uaa60-\uaa7f"  # Myanmar Extended-A
    "\u1780-\u17ff"  # Khmer
    "\u19e0-\u19ff"  # Khmer Symbols
)
# CJK punctuation and fullwidth ASCII punctuation: separators between CJK words, not words.
_CJK_PUNCTUATION = "\u3000-\u3004\u3008-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65"

#: Regex character-class body of the scripts written without spaces (CJK, Thai, Lao, Khmer, Myanmar).
UNSPACED_RANGES = _CJK_RANGES + _SOUTHEAST_ASIAN_RANGES

_UNSPACED_CHAR = re.compile(f"[{UNSPACED_RANGES}]")
# A run of one group of unspaced scripts (the two groups count apart), and a run's group by its first character.
_UNSPACED_RUN = re.compile(f"[{_CJK_RANGES}]+|[{_SOUTHEAST_ASIAN_RANGES}]+")
_SOUTHEAST_ASIAN_CHAR = re.compile(f"[{_SOUTHEAST_ASIAN_RANGES}]")
_UNSPACED_OR_PUNCTUATION = re.compile(f"[{_CJK_RANGES}{_SOUTHEAST_ASIAN_RANGES}{_CJK_PUNCTUATION}]+")
# A spaced word: what ``str.split()`` leaves of the text once the unspaced scripts and the CJK
# punctuation are spaces (``\s`` is ``str.isspace()`` for every code point).
_SPACED_WORD = re.compile(f"[^\\s{_CJK_RANGES}{_SOUTHEAST_ASIAN_RANGES}{_CJK_PUNCTUATION}]+")
_UNIT = re.compile(f"[{_CJK_RANGES}{_SOUTHEAST_ASIAN_RANGES}]|{_SPACED_WORD.pattern}")


def _unspaced_counts(text: str) -> tuple[int, int, int]:
    """(CJK characters, Thai/Lao/Khmer/Myanmar characters, spaced words) of ``text``: what
    :func:`word_count` and :func:`character_scale` read, counted once for both
    (:func:`word_count_and_equivalent_chars`)."""
    return *_unspaced_chars(text), len(_SPACED_WORD.findall(text))


def _unspaced_chars(text: str) -> tuple[int, int]:
    """(CJK characters, Thai/Lao/Khmer/Myanmar characters) of ``text``, in one scan."""
    cjk = southeast_asian = 0
    for run in _UNSPACED_RUN.findall(text):
        if _SOUTHEAST_ASIAN_CHAR.match(run):
            southeast_asian += len(run)
        else:
            cjk += len(run)
    return cjk, southeast_asian


def _has_unspaced_text(text: str) -> bool:
    """Not ASCII, and a character of a script without spaces or CJK punctuation in it."""
    return not text.isascii() and _UNSPACED_OR_PUNCTUATION.search(text) is not None


def _words(cjk: int, southeast_asian: int, spaced: int) -> int:
    return spaced + math.ceil(cjk / CJK_CHARS_PER_WORD + southeast_asian / SOUTHEAST_ASIAN_CHARS_PER_WORD)


def word_count(text: str | None) -> int:
    """Words in ``text``: spaced words plus the word equivalents of unspaced scripts (module doc).

    Equal to ``len(text.split())`` when ``text`` has no CJK, Thai, Lao, Khmer or Myanmar
    characters; at least 1 for any text with a letter of those scripts.
    """
    if not text:
        return 0
    if not _has_unspaced_text(text):  # the ASCII test first: the common case, and the cheapest
        return len(text.split())
    return _words(*_unspaced_counts(text))


def character_scale(text: str | None, min_share: float = 0.0) -> float:
    """How many characters ``text``'s scripts take for what a spaced language writes in one: 1.0
    for text without CJK, Thai, Lao, Khmer or Myanmar characters (exactly), 2/6 for Chinese or
    Japanese, 4/6 for Thai (:data:`CJK_CHARS_PER_WORD` and :data:`SOUTHEAST_ASIAN_CHARS_PER_WORD`
    over :data:`SPACED_CHARS_PER_WORD`), mixed text by its share of each in word equivalents.

    Multiply a length threshold counted in characters on English text by it to mean the same amount
    of text in the page's script (a 250-character minimum is ~40 English words, ~80 Chinese
    characters): a Chinese article carries about a third of an English one's characters.
    1.0 too when the unspaced scripts hold less than ``min_share`` of the word equivalents (the
    language menu of an English page: ``日本語 简体中文``).
    """
    if not text or not _has_unspaced_text(text):
        return 1.0
    return _scale(*_unspaced_counts(text), min_share)


def _scale(cjk_chars: int, southeast_asian_chars: int, spaced: int, min_share: float = 0.0) -> float:
    cjk = cjk_chars / CJK_CHARS_PER_WORD
    southeast_asian = southeast_asian_chars / SOUTHEAST_ASIAN_CHARS_PER_WORD
    total = spaced + cjk + southeast_asian
    if not total or cjk + southeast_asian < min_share * total:
        return 1.0
    scaled = spaced + (cjk * CJK_CHARS_PER_WORD + southeast_asian * SOUTHEAST_ASIAN_CHARS_PER_WORD) / SPACED_CHARS_PER_WORD
    return scaled / total


def has_unspaced(text: str) -> bool:
    """``text`` holds a character of a script written without spaces (:data:`UNSPACED_RANGES`)."""
    return _UNSPACED_CHAR.search(text) is not None


def equivalent_chars(text: str | None) -> float:
    """``text``'s length in the characters a spaced language would take to say the same: its
    length over :func:`character_scale` (``len(text)`` exactly for text without CJK, Thai, Lao,
    Khmer or Myanmar characters; a Chinese paragraph's length times ~3).

    For length *features* learned on mostly English pages (the block model's): a Chinese
    paragraph carries the text of an English one three times its length, so counted in
    characters it looked like a caption to it.
    """
    if not text:
        return 0.0
    return len(text) / character_scale(text)


def word_count_and_equivalent_chars(text: str) -> tuple[int, float]:
    """(:func:`word_count`, :func:`equivalent_chars`) of ``text``, its scripts counted once (the
    block features read both of every block)."""
    if not text:
        return 0, 0.0
    if not _has_unspaced_text(text):
        return len(text.split()), float(len(text))
    counts = _unspaced_counts(text)
    return _words(*counts), len(text) / _scale(*counts)


def tokens_per_word(text: str | None, token_count: int | None = None) -> float:
    """How many :func:`tokens` of ``text`` say what one English word says: exactly 1.0 for text
    without CJK, Thai, Lao, Khmer or Myanmar characters, ~2 for Chinese or Japanese and ~4 for
    Thai (each of their characters is a token: :data:`CJK_CHARS_PER_WORD`,
    :data:`SOUTHEAST_ASIAN_CHARS_PER_WORD`), mixed text by its share of each. For rules counted
    in tokens ("16 tokens in a row"), to mean the same amount of text in every script.
    ``token_count``: ``len(tokens(text))`` when the caller has it."""
    if not text or not _has_unspaced_text(text):
        return 1.0
    cjk, southeast_asian = _unspaced_chars(text)
    count = len(tokens(text)) if token_count is None else token_count
    words = count - cjk - southeast_asian + cjk / CJK_CHARS_PER_WORD + southeast_asian / SOUTHEAST_ASIAN_CHARS_PER_WORD
    return count / words if words > 0 else 1.0


def word_units(text: str | None) -> list[str]:
    """The text as comparable units: spaced words, and single characters of unspaced scripts.

    For comparing texts by shared runs of units (shingles) in any script: a Japanese sentence
    is one ``split()`` "word" but dozens of units here. CJK punctuation is dropped.
    """
    if not text:
        return []
    if not _has_unspaced_text(text):
        return text.split()
    return _UNIT.findall(text)


# --------------------------------------------------------------------------- punctuation and case in every script

#: Sentence-final punctuation of many scripts: Latin ``. ! ? …``; CJK ``。！？`` (and the halfwidth
#: ``｡``); the Devanagari/Bengali danda ``। ॥``; Arabic ``؟`` and the Urdu full stop ``۔``; Armenian
#: ``։``; Ethiopic ``። ፧``; Myanmar ``။``; Khmer ``។``; Tibetan ``།``. (Thai and Lao end a sentence
#: with a space.)
SENTENCE_FINAL = ".!?…。！？｡।॥؟۔։።፧။។།"
#: The part of :data:`SENTENCE_FINAL` outside ASCII and ``…``: what English-only tests left out.
OTHER_SENTENCE_FINAL = "。！？｡।॥؟۔։።፧။។།"
#: Of those, the ones written with no space after them (the next CJK sentence follows at once).
UNSPACED_SENTENCE_FINAL = "。！？｡"
#: Commas: Latin, the fullwidth and ideographic CJK commas, the Arabic comma, the Ethiopic comma.
COMMAS = ",，、،፣"

_OTHER_FINAL = re.compile(f"[{OTHER_SENTENCE_FINAL}]")
_OTHER_COMMAS = re.compile(f"[{COMMAS[1:]}]")
_TOKEN = re.compile(r"\w+")
_SCRIPT_TOKEN = re.compile(f"[{UNSPACED_RANGES}]|[^\\W{UNSPACED_RANGES}]+")


def tokens(text: str | None) -> list[str]:
    """The text's ``\\w+`` runs, except that each character of a script written without spaces
    (CJK, Thai, Lao, Khmer, Myanmar) is a token of its own.

    The unit for comparing texts by shared runs of tokens (shingles): by ``\\w+`` alone a
    Chinese clause or a Thai paragraph is one token, and two texts that share most of their
    sentences share no 4-gram. Equal to ``re.findall(r"\\w+", text)`` for text without those scripts.
    """
    if not text:
        return []
    if text.isascii():
        return _TOKEN.findall(text)
    return _SCRIPT_TOKEN.findall(text)


# Code points that stand for the spaced tokens in :func:`token_units`: Unicode's supplementary
# private use planes (15 and 16), never a token themselves (not ``\w``, not an unspaced script).
_PRIVATE_USE = "\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_PRIVATE_USE_CHAR = re.compile(f"[{_PRIVATE_USE}]")
_PLANE_15_CODES = 0xFFFFD - 0xF0000 + 1
#: Distinct spaced tokens :func:`token_units` can stand for in one ``codes`` table.
UNIT_CODES = 2 * _PLANE_15_CODES
_SPACED_TOKEN = re.compile(f"[^\\W{UNSPACED_RANGES}]+")
_NOT_UNIT = re.compile(f"[^{UNSPACED_RANGES}{_PRIVATE_USE}]+")


def token_units(text: str, codes: dict[str, str]) -> str:
    """:func:`tokens` of ``text`` as one character each: a character of a script without spaces
    as itself, any other token (a ``\\w+`` run: digits, a Latin name) as a private use character
    that stands for it in ``codes`` (filled on the way, shared by the texts to compare). Two texts
    have the same tokens exactly when their units are equal.

    For texts mostly in those scripts, where every character is a token: the units are one
    string made by two regex passes, where :func:`tokens` makes a string object per character.
    Raises ``ValueError`` when ``text`` holds a private use character of planes 15-16, or when
    ``codes`` would need more than :data:`UNIT_CODES` entries."""
    if _PRIVATE_USE_CHAR.search(text):
        raise ValueError("text holds a private use character of planes 15-16")

    def unit(match: re.Match[str]) -> str:
        token = match.group()
        code = codes.get(token)
        if code is None:
            number = len(codes)
            if number >= UNIT_CODES:
                raise ValueError(f"more than {UNIT_CODES} distinct spaced tokens")
            code = codes[token] = chr(0xF0000 + number if number < _PLANE_15_CODES else 0x100000 + number - _PLANE_15_CODES)
        return code

    return _NOT_UNIT.sub("", _SPACED_TOKEN.sub(unit, text))


def mostly_unspaced(text: str) -> bool:
    """At least half of ``text``'s characters belong to scripts written without spaces: each of
    them a token, so that :func:`token_units` is the cheaper form of its tokens."""
    if text.isascii():
        return False
    cjk, southeast_asian = _unspaced_chars(text)
    return 2 * (cjk + southeast_asian) >= len(text)


def sentence_marks(text: str) -> int:
    """Sentence punctuation in ``text``: ``.``, ``!``, ``?`` and the other scripts' marks of
    :data:`OTHER_SENTENCE_FINAL` (not ``…``)."""
    count = text.count(".") + text.count("!") + text.count("?")
    return count if text.isascii() else count + len(_OTHER_FINAL.findall(text))


def comma_count(text: str) -> int:
    """Commas in ``text``, in any of :data:`COMMAS`."""
    count = text.count(",")
    return count if text.isascii() else count + len(_OTHER_COMMAS.findall(text))


def starts_capitalised(text: str) -> bool:
    """The text starts as a sentence does: with an upper-case letter, or a letter of a script
    without case (Arabic, Hebrew, Devanagari, Thai, CJK...), where every letter may start one.
    Georgian is written caseless in Mkhedruli, whose letters Unicode calls lower case."""
    first = text[:1]
    if first.isupper():
        return True
    return first.isalpha() and (not first.islower() or "\u10d0" <= first <= "\u10ff")
