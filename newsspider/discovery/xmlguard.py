"""Hostile sitemaps and feeds: refuse what no honest site sends, before any parser sees it.

Entity declarations (``<!ENTITY`` in a ``<!DOCTYPE`` internal subset) are how XXE, billion
laughs and quadratic-blowup documents work. Neither parser used here resolves external entities
(lxml with ``resolve_entities=False``, feedparser's expat with external entities off), but
feedparser's lenient fallback still spends seconds on a billion-laughs feed and half-expanded
entities turn into junk URLs. No sitemap or news feed needs its own entities, so a document that
declares one is refused whole (``newsspider/refused/xml_entities``).
"""

from __future__ import annotations

import re

#: How many sitemap indexes may lead to a sitemap: robots.txt -> index -> (index ->) urlset.
#: The sitemaps protocol allows no nesting; a few sites nest once more. Deeper chains are
#: refused, so an index that generates new index URLs forever ends (``…/sitemap_too_deep``).
MAX_SITEMAP_INDEX_DEPTH = 3

_DOCTYPE = re.compile(r"<!DOCTYPE", re.IGNORECASE)
_ENTITY = re.compile(r"<!ENTITY", re.IGNORECASE)


class RefusedDocument(ValueError):
    """A sitemap or feed refused for safety; ``reason`` is the stat suffix (``refused/<reason>``)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def refuse_entities(text: str, url: str) -> None:
    """Raise :class:`RefusedDocument` when the document declares entities (see module docstring).
    ``text`` is the document decoded as its parser will read it
    (:func:`newsspider.charset.xml_text`), so no encoding (UTF-32, EBCDIC, UTF-7) hides them."""
    doctype = _DOCTYPE.search(text)
    if doctype and _ENTITY.search(text, doctype.end()):
        raise RefusedDocument("xml_entities", f"{url} declares XML entities (XXE / billion laughs): refused")
