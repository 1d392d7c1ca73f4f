"""HTML elements whose XPath avoids libxml2's quadratic ``//p//text()``.

libxml2 (2.14 here) merges the results of a ``descendant`` step from many context nodes with
a duplicate check against everything found so far: ``//p//text()`` costs time quadratic in the
number of paragraph texts (8 s for 60,000 ``<p>``, half a minute for a 5 MB page of 120,000).
trafilatura runs exactly that query on every page (``main_extractor._extract``: "is there
enough paragraph text?"). The same node set, in the same document order, comes from one
context node, ``/descendant::text()[ancestor::p]``, in linear time.

:func:`parser` returns an lxml HTML parser whose elements (and their deep copies, which keep
the document's parser) rewrite those queries; every other query runs unchanged.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from lxml import html as lxml_html
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction

# Query as written by a library -> equivalent query with one context node (same nodes, same order).
LINEAR_EQUIVALENTS: dict[str, str] = {
    "//p//text()": "/descendant::text()[ancestor::p]",
}


class LinearTextXPath:
    """Mixin of every element: ``xpath()`` runs the linear equivalent of a known slow query."""

    def xpath(self, _path: str, **kwargs: Any) -> Any:
        return super().xpath(LINEAR_EQUIVALENTS.get(_path, _path), **kwargs)  # type: ignore[misc]


#: The one element class of the parser's trees: lxml.html's plain element with the linear query.
LinearHtmlElement = type("HtmlElement", (LinearTextXPath, HtmlElement), {})


def _lookup() -> etree.ElementDefaultClassLookup:
    """One class for every element, chosen in C.

    lxml.html's own lookup is a Python method that lxml calls each time it makes a Python
    object for an element (every ``iter``, ``xpath`` result, child access): thousands of calls a
    page, 5-6% of extraction time. Its only other classes are form-control ones (``FormElement``,
    ``InputElement``...: ``.form``, ``.value``), which nothing here, in trafilatura, readability or
    htmldate uses; comments and processing instructions are removed at parse time.
    """
    return etree.ElementDefaultClassLookup(
        element=LinearHtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity
    )


def parser(**options: Any) -> lxml_html.HTMLParser:
    """An lxml HTML parser (``options`` as for ``lxml.html.HTMLParser``) with linear-time elements."""
    html_parser = lxml_html.HTMLParser(**options)
    html_parser.set_element_class_lookup(_lookup())
    return html_parser
