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

from lxml import html as lxml_html
from lxml.html import HtmlElement, HtmlElementClassLookup

# Query as written by a library -> equivalent query with one context node (same nodes, same order).
LINEAR_EQUIVALENTS: dict[str, str] = {
    "//p//text()": "/descendant::text()[ancestor::p]",
}


class LinearTextXPath:
    """Mixin of every element: ``xpath()`` runs the linear equivalent of a known slow query."""

    def xpath(self, _path: str, **kwargs: Any) -> Any:
        return super().xpath(LINEAR_EQUIVALENTS.get(_path, _path), **kwargs)  # type: ignore[misc]


class _Lookup(HtmlElementClassLookup):
    """lxml.html's lookup with :class:`LinearTextXPath` mixed into all element classes.

    lxml.html mixes a ``"*"`` mixin only into its special classes (forms, inputs, labels), so
    the plain element class gets the mixin here too.
    """

    def __init__(self) -> None:
        super().__init__(mixins=[("*", LinearTextXPath)])
        self._plain = type("HtmlElement", (LinearTextXPath, HtmlElement), {})

    def lookup(self, node_type: str, document: Any, namespace: Any, name: str) -> Any:
        if node_type == "element":
            return self._element_classes.get(name.lower(), self._plain)
        return super().lookup(node_type, document, namespace, name)


def parser(**options: Any) -> lxml_html.HTMLParser:
    """An lxml HTML parser (``options`` as for ``lxml.html.HTMLParser``) with linear-time elements."""
    html_parser = lxml_html.HTMLParser(**options)
    html_parser.set_element_class_lookup(_Lookup())
    return html_parser
