"""The second opinion: readability-lxml's article text as body blocks.

readability scores paragraph containers and merges the best one with its siblings, which
recovers articles split into several containers (where trafilatura keeps only the first).
It is slower than our trafilatura pass, so :mod:`newsspider.extraction.choose` runs it only
when the first result looks wrong.
"""

from __future__ import annotations

import copy
import logging

from lxml import html as lxml_html
from lxml.etree import LxmlError, ParserError
from lxml.html import HtmlElement
from readability import Document
from readability.readability import Unparseable

from newsspider.extraction.boilerplate import Block
from newsspider.extraction.html import text_of

logger = logging.getLogger(__name__)

_LEAVES = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "blockquote", "dd", "dt", "figcaption")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_NESTED_BLOCKS = "p|h1|h2|h3|h4|h5|h6|li|pre|blockquote|ul|ol|table|div|section"


def _link_ratio(element: HtmlElement, text: str) -> float:
    link_chars = sum(len(text_of(a).replace(" ", "")) for a in element.iter("a"))
    return min(1.0, link_chars / max(1, len(text.replace(" ", ""))))


def readability_blocks(tree: HtmlElement) -> list[Block]:
    """readability's article as blocks (paragraphs, headings, list items); [] when it fails.

    Works on a copy: readability rewrites the tree it is given.
    """
    if tree.find("body") is None:  # a page cut before its <body> (only <head>): nothing to read
        return []
    try:
        summary = Document(copy.deepcopy(tree)).summary(html_partial=True)
        fragment = lxml_html.fragment_fromstring(summary, create_parent="div")
    except (Unparseable, ParserError, LxmlError, ValueError, TypeError) as err:
        logger.debug("readability failed: %s", err)
        return []
    blocks: list[Block] = []
    nested = set(_NESTED_BLOCKS.split("|"))
    for element in fragment.iter(*_LEAVES):
        # A container holding other blocks is visited through them instead.
        if any(child.tag in nested for child in element):
            continue
        text = text_of(element)
        if text:
            kind = "head" if element.tag in _HEADINGS else "item" if element.tag == "li" else "p"
            blocks.append(Block(text, kind, _link_ratio(element, text)))
    return blocks
