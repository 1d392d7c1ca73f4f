"""Metadata strings as a reader sees them: entities decoded, tags gone, whitespace collapsed."""

from __future__ import annotations

import html
import re

_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-f]+|[a-z][a-z0-9]{1,31});?", re.I)
_TAG = re.compile(r"</?[a-z][^<>]{0,200}>", re.I)


def plain_text(value: str) -> str:
    """``value`` with HTML entities decoded (also double-escaped ``&amp;amp;``), stray tags
    removed and whitespace collapsed: JSON-LD and meta values are often escaped once too often."""
    for _ in range(3):
        if not _ENTITY.search(value):
            break
        value = html.unescape(value)
    if "<" in value:
        value = _TAG.sub(" ", value)
    return " ".join(value.split())


def squash(text: str) -> str:
    """``text`` casefolded without what is not a word character: a comparison key of titles and names."""
    return re.sub(r"\W+", "", text).casefold()


def unique_casefolded(values: list[str]) -> list[str]:
    """``values`` in order, without repeats that differ only in case."""
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        key = value.casefold()
        if key not in seen:
            seen.add(key)
            out.append(value)
    return out
