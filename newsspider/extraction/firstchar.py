"""Many anchored regexes asked of every line, cheaply: only those that can start with the
line's first character are tried.

Python's ``re`` tries the alternatives of ``a|b|c...`` one after the other at the line's
start; with a hundred boilerplate phrasings that costs ~10 µs a line, spent on the ~99 that
cannot match because they start with another letter. :class:`FirstCharRegex` reads each
pattern's possible first items from its parse tree (the one-character items a match may start
with) and keeps, per first character, the alternation of the patterns one of whose first items
matches it, ignoring case (in their order). A pattern whose start is not read (an optional
start, a lookahead, a group reference) is kept for every line. The answer is always the whole
alternation's, for a line in any script: a line starting with a Thai, Cyrillic or accented
letter is asked only the patterns that may start with it (before, it was asked the whole
alternation, ~12 µs a line of a Thai page).
"""

from __future__ import annotations

import re
from re import _compiler as sre_compile  # type: ignore[attr-defined]
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any, NamedTuple

_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}
_ONE_CHAR = {sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY}
_ASCII = [chr(code) for code in range(128)]
# The non-ASCII characters that match an ASCII letter under re.IGNORECASE (all of Unicode was
# tried: tests/unit/test_firstchar.py), and that letter.
_ASCII_FOLDS = {"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"}  # İ ı ſ K
_ASCII_FOLD_TABLE = str.maketrans(_ASCII_FOLDS)
# Code points re.IGNORECASE matches with others beyond their simple lower-case forms (Python's own
# table: ſ with s, ς with σ, the old Cyrillic ᲀ with в...). Empty where this Python names it
# otherwise: no non-ASCII character is then read into a required word (as before session 38).
_EXTRA_CASES = frozenset(getattr(sre_compile, "_EXTRA_CASES", None) or ())


class FirstItem(NamedTuple):
    """A one-character item a match may start with, compiled alone ignoring case."""

    regex: re.Pattern[str]
    #: A plain ASCII character: the only non-ASCII characters it matches are its ASCII folds
    #: (``_ASCII_FOLDS``: ``ſ`` for ``s``), so other non-ASCII characters need not ask it.
    ascii_literal: bool


Starts = tuple[tuple[FirstItem, ...] | None, bool]  # (first items, or None: any; may match empty)


def _one_char(op: Any, arg: Any, flags: int) -> FirstItem:
    """A one-character item compiled alone, ignoring case: it matches a superset of the
    characters the item matches whatever its scoped flags (with Unicode case folding, as a
    ``str`` pattern has: ``k`` matches the Kelvin sign)."""
    flags |= re.IGNORECASE | re.UNICODE
    state = sre_parse.State()
    state.flags = flags
    regex = sre_compile.compile(sre_parse.SubPattern(state, [(op, arg)]), flags)
    return FirstItem(regex, op is sre.LITERAL and arg < 128)


def _first(op: Any, arg: Any, flags: int) -> Starts:
    if op is sre.AT:  # ^, \b ...: zero width
        return (), True
    if op in _ONE_CHAR:
        return (_one_char(op, arg, flags),), False
    if op is sre.BRANCH:
        union: tuple[FirstItem, ...] = ()
        nullable = False
        for branch in arg[1]:
            first, empty = _first_of_sequence(branch, flags)
            if first is None:
                return None, True
            union += first
            nullable = nullable or empty
        return union, nullable
    if op is sre.SUBPATTERN:
        return _first_of_sequence(arg[-1], flags)
    if op in _REPEATS:
        first, empty = _first_of_sequence(arg[2], flags)
        return first, empty or arg[0] == 0
    return None, True  # a lookaround, a group reference...: anything


def _first_of_sequence(items: Any, flags: int) -> Starts:
    union: tuple[FirstItem, ...] = ()
    for op, arg in items:
        first, empty = _first(op, arg, flags)
        if first is None:
            return None, True
        union += first
        if not empty:
            return union, False
    return union, True


def first_items(pattern: str, flags: int = 0) -> tuple[FirstItem, ...] | None:
    """The one-character items, one of which the first character of every match of ``pattern``
    matches (ignoring case); None when a match may start with anything (or be empty)."""
    first, empty = _first_of_sequence(sre_parse.parse(pattern, flags), flags)
    return None if empty else first


def _ascii_starts(items: tuple[FirstItem, ...] | None) -> set[str] | None:
    return None if items is None else {char.lower() for char in _ASCII if any(item.regex.match(char) for item in items)}


def first_chars(pattern: str, flags: int = 0) -> set[str] | None:
    """The lower-cased ASCII characters a match of ``pattern`` may start with; None when a
    match may start with anything (or be empty)."""
    return _ascii_starts(first_items(pattern, flags))


def alternation(patterns: tuple[str, ...] | list[str], flags: int = 0) -> re.Pattern[str]:
    """One regex matching where any of ``patterns`` matches (each in its own group)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


class FirstCharRegex:
    """``re.compile("|".join(patterns), flags).match(text) is not None``, faster (see the module)."""

    def __init__(self, patterns: tuple[str, ...] | list[str], flags: int = 0) -> None:
        self.patterns = tuple(patterns)
        self.flags = flags
        self.whole = alternation(self.patterns, flags)
        self._items = [first_items(p, flags) for p in self.patterns]
        self._firsts = [_ascii_starts(items) for items in self._items]
        # What a non-ASCII character asks of each pattern: None, may start with anything; else its
        # first items but the ASCII letters (which match only their folds, _ASCII_FOLDS)
        self._wide = [None if items is None else tuple(i.regex for i in items if not i.ascii_literal) for items in self._items]
        self._by_char: dict[str, re.Pattern[str] | None] = {}
        # One regex per choice of patterns: the many characters of a script share a few.
        self._by_choice: dict[tuple[int, ...], re.Pattern[str] | None] = {}

    def _for(self, char: str) -> re.Pattern[str] | None:
        if char.isascii():  # lower-cased
            chosen = tuple(i for i, first in enumerate(self._firsts) if first is None or char in first)
        elif char in _ASCII_FOLDS:
            chosen = tuple(i for i, items in enumerate(self._items)
                           if items is None or any(item.regex.match(char) for item in items))
        else:  # once per character and process (~40 µs): not every item asked
            chosen = tuple(i for i, wide in enumerate(self._wide) if wide is None or any(r.match(char) for r in wide))
        if chosen not in self._by_choice:
            self._by_choice[chosen] = alternation([self.patterns[i] for i in chosen], self.flags) if chosen else None
        regex = self._by_char[char] = self._by_choice[chosen]
        return regex

    def build_ascii(self) -> None:
        """Compile now the regex of every ASCII first character a text may have (~30 regexes,
        ~0.3 s for the boilerplate families'), not on the first line that starts with each: a
        forked worker then starts with them, and a crawl's first records do not wait for them."""
        for char in _ASCII:
            if char == char.lower() and char not in self._by_char:
                self._for(char)

    def matches(self, text: str) -> bool:
        """True when one of the patterns matches at the start of ``text``."""
        char = text[:1]
        if not char:
            return self.whole.match(text) is not None
        if char.isascii():
            char = char.lower()
        regex = self._by_char[char] if char in self._by_char else self._for(char)
        return regex is not None and regex.match(text) is not None


Words = tuple[str, ...]  # one of these (lower-cased) is in every match


def _word_char(code: int) -> str | None:
    """What a literal character of a pattern adds to a required word: its lower-case form, when
    every character ``re.IGNORECASE`` matches it with is that form in :func:`folded` text; None
    when not sure. An ASCII letter's folds are :data:`_ASCII_FOLDS`; another character matches
    the characters of the same simple lower case (``str.lower`` of one character but ``İ``,
    which :func:`folded` maps to ``i``), and those of :data:`_EXTRA_CASES` (left out).
    ``tests/unit/test_firstchar.py`` checks every character of the boilerplate families' words
    against all of Unicode."""
    char = chr(code)
    if code < 128:
        return char.lower()
    lower = char.lower()
    if not _EXTRA_CASES or len(lower) != 1 or code in _EXTRA_CASES or ord(lower) in _EXTRA_CASES or char in _ASCII_FOLDS:
        return None
    return lower


def _rarity(word: str) -> int:
    """How rare a required word is in text that does not match: its length, a non-ASCII
    character counted twice ("무단", two Hangul syllables, is rarer than "the")."""
    return len(word) + sum(not char.isascii() for char in word)


def _words_of_sequence(items: Any) -> Words | None:
    """The best requirement of a sequence: every item must match, so any item's requirement is
    the sequence's; the one whose least rare word is rarest (:func:`_rarity`) is kept."""
    found: list[Words] = []
    run = ""
    for op, arg in [*items, (None, None)]:
        if op is sre.LITERAL and (char := _word_char(arg)) is not None:
            run += char
            continue
        if run:
            found.append((run,))
            run = ""
        if op is sre.SUBPATTERN:
            words = _words_of_sequence(arg[-1])
        elif op is sre.BRANCH:
            words = _words_of_branches(arg[1])
        elif op in _REPEATS and arg[0] >= 1:
            words = _words_of_sequence(arg[2])
        else:
            words = None
        if words:
            found.append(words)
    return max(found, key=lambda words: min(map(_rarity, words)), default=None)


def _words_of_branches(branches: Any) -> Words | None:
    union: list[str] = []
    for branch in branches:
        words = _words_of_sequence(branch)
        if not words:
            return None
        union += words
    return tuple(dict.fromkeys(union))


def required_words(pattern: str, flags: int = 0) -> Words | None:
    """Lower-cased strings one of which every match of ``pattern`` holds, case-insensitive or
    not, in :func:`folded` text; None when none is known (or only words as common as two
    letters). Words in any script (``права``, ``版权所有``): the non-English copyright lines of
    :func:`~newsspider.extraction.boilerplate.drop_since_fit_lines` were searched for in every
    line of a non-English body, ~0.3 ms a body."""
    words = _words_of_sequence(sre_parse.parse(pattern, flags))
    return words if words and min(map(_rarity, words)) >= 3 else None


def folded(text: str) -> str:
    """``text.lower()``, with the non-ASCII letters that match an ASCII one ignoring case (``ſ``
    matches ``s``) replaced by it: whatever a case-insensitive match of a :func:`required_words`
    word was in ``text``, the word is in this."""
    if not text.isascii() and any(char in text for char in _ASCII_FOLDS):
        text = text.translate(_ASCII_FOLD_TABLE)
    return text.lower()
