"""Apply a site's :class:`SiteRules` selectors to a parsed page.

Selectors are CSS, or XPath when they start with ``/`` or ``(``. They are compiled once per
distinct string (cached), so a spider's rules cost nothing per page after the first.
"""

from __future__ import annotations

import re
from copy import deepcopy
from functools import lru_cache

from cssselect import GenericTranslator, SelectorError
from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlElement

_TRANSLATOR = GenericTranslator()


@lru_cache(maxsize=512)
def compile_selector(selector: str) -> etree.XPath:
    """XPath object for a CSS or XPath selector; ValueError naming the selector when invalid."""
    selector = selector.strip()
    try:
        if selector.startswith(("/", "(")):
            return etree.XPath(selector)
        return etree.XPath(_TRANSLATOR.css_to_xpath(selector))
    except (SelectorError, etree.XPathSyntaxError) as err:
        raise ValueError(f"invalid selector {selector!r}: {err}") from err


@lru_cache(maxsize=512)
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compiled site boilerplate regex; ValueError naming the pattern when invalid."""
    try:
        return re.compile(pattern)
    except re.error as err:
        raise ValueError(f"invalid boilerplate pattern {pattern!r}: {err}") from err


def remove(tree: HtmlElement, selectors: tuple[str, ...]) -> int:
    """Delete every element matched by the selectors (keeping the tail text); returns the count."""
    removed = 0
    for selector in selectors:
        for element in compile_selector(selector)(tree):
            if not isinstance(element, etree._Element) or element.getparent() is None:
                continue
            element.drop_tree()
            removed += 1
    return removed


def select_body(tree: HtmlElement, selector: str) -> HtmlElement | None:
    """A new document whose ``<body>`` holds copies of the matched container(s); None if no match."""
    matches = [e for e in compile_selector(selector)(tree) if isinstance(e, etree._Element)]
    if not matches:
        return None
    document = lxml_html.document_fromstring("<html><head></head><body></body></html>")
    head = tree.find("head")
    if head is not None:
        document.replace(document.find("head"), deepcopy(head))
    body = document.find("body")
    for element in matches:
        clone = deepcopy(element)
        clone.tail = None
        body.append(clone)
    return document
