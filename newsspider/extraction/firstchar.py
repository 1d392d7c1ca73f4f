"""Many anchored regexes asked of every line, cheaply: only those that can start with the
line's first character are tried.

Python's ``re`` tries the alternatives of ``a|b|c...`` one after the other at the line's
start; with a hundred boilerplate phrasings that costs ~10 µs a line, spent on the ~99 that
cannot match because they start with another letter. :class:`FirstCharRegex` reads each
pattern's possible first characters from its parse tree and keeps, per first character, the
alternation of the patterns that may start so (in their order). A pattern whose first
character is not a plain ASCII set (a class like ``\\w``, an optional start, a lookahead, a
non-ASCII letter, whose case folding goes beyond ASCII) is kept for every line, and a line
that starts with a non-ASCII character is asked the whole alternation: the answer is always
the whole alternation's.
"""

from __future__ import annotations

import re
from re import _compiler as sre_compile  # type: ignore[attr-defined]
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

_REPEATS = {sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", sre.MAX_REPEAT)}
_ONE_CHAR = {sre.LITERAL, sre.NOT_LITERAL, sre.IN, sre.ANY}
_ASCII = [chr(code) for code in range(128)]

First = tuple[set[str] | None, bool]  # (lower-cased first characters or None: any, may match empty)


def _one_char(op: Any, arg: Any, flags: int) -> set[str] | None:
    """The ASCII characters (lower-cased) a one-character item may match: the item compiled
    alone, ignoring case (a superset whatever its scoped flags), and tried on each."""
    flags |= re.IGNORECASE
    state = sre_parse.State()
    state.flags = flags
    regex = sre_compile.compile(sre_parse.SubPattern(state, [(op, arg)]), flags)
    return {char.lower() for char in _ASCII if regex.match(char)}


def _first(op: Any, arg: Any, flags: int) -> First:
    if op is sre.AT:  # ^, \b ...: zero width
        return set(), True
    if op in _ONE_CHAR:
        return _one_char(op, arg, flags), False
    if op is sre.BRANCH:
        union: set[str] = set()
        nullable = False
        for branch in arg[1]:
            first, empty = _first_of_sequence(branch, flags)
            if first is None:
                return None, True
            union |= first
            nullable = nullable or empty
        return union, nullable
    if op is sre.SUBPATTERN:
        return _first_of_sequence(arg[-1], flags)
    if op in _REPEATS:
        first, empty = _first_of_sequence(arg[2], flags)
        return first, empty or arg[0] == 0
    return None, True  # a lookaround, a group reference...: anything


def _first_of_sequence(items: Any, flags: int) -> First:
    union: set[str] = set()
    for op, arg in items:
        first, empty = _first(op, arg, flags)
        if first is None:
            return None, True
        union |= first
        if not empty:
            return union, False
    return union, True


def first_chars(pattern: str, flags: int = 0) -> set[str] | None:
    """The lower-cased ASCII characters a match of ``pattern`` may start with; None when a
    match may start with anything (or be empty)."""
    first, empty = _first_of_sequence(sre_parse.parse(pattern, flags), flags)
    return None if empty else first


def alternation(patterns: tuple[str, ...] | list[str], flags: int = 0) -> re.Pattern[str]:
    """One regex matching where any of ``patterns`` matches (each in its own group)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns), flags)


class FirstCharRegex:
    """``re.compile("|".join(patterns), flags).match(text) is not None``, faster (see the module)."""

    def __init__(self, patterns: tuple[str, ...] | list[str], flags: int = 0) -> None:
        self.patterns = tuple(patterns)
        self.flags = flags
        self.whole = alternation(self.patterns, flags)
        self._firsts = [first_chars(p, flags) for p in self.patterns]
        self._by_char: dict[str, re.Pattern[str] | None] = {}

    def _for(self, char: str) -> re.Pattern[str] | None:
        chosen = [p for p, first in zip(self.patterns, self._firsts) if first is None or char in first]
        regex = alternation(chosen, self.flags) if chosen else None
        self._by_char[char] = regex
        return regex

    def matches(self, text: str) -> bool:
        """True when one of the patterns matches at the start of ``text``."""
        char = text[:1]
        if not char or not char.isascii():
            return self.whole.match(text) is not None
        char = char.lower()
        regex = self._by_char[char] if char in self._by_char else self._for(char)
        return regex is not None and regex.match(text) is not None


Words = tuple[str, ...]  # one of these (lower-cased ASCII) is in every match


def _words_of_sequence(items: Any) -> Words | None:
    """The best requirement of a sequence: every item must match, so any item's requirement is
    the sequence's; the one whose shortest word is longest (the rarest) is kept."""
    found: list[Words] = []
    run = ""
    for op, arg in [*items, (None, None)]:
        if op is sre.LITERAL and arg < 128:
            run += chr(arg).lower()
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
    return max(found, key=lambda words: min(map(len, words)), default=None)


def _words_of_branches(branches: Any) -> Words | None:
    union: list[str] = []
    for branch in branches:
        words = _words_of_sequence(branch)
        if not words:
            return None
        union += words
    return tuple(dict.fromkeys(union))


def required_words(pattern: str, flags: int = 0) -> Words | None:
    """Lower-cased ASCII strings one of which every match of ``pattern`` holds (compared with
    the lower-cased text, case-insensitive or not), or None when none is known. Only valid for
    an ASCII text: under ``re.IGNORECASE`` a non-ASCII character may match an ASCII letter
    (``ſ`` matches ``s``)."""
    words = _words_of_sequence(sre_parse.parse(pattern, flags))
    return words if words and min(map(len, words)) >= 3 else None
