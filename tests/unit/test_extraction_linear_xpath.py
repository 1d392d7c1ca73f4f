"""The parser's elements answer trafilatura's paragraph-text query with the same nodes, in the
same order, as libxml2's own (quadratic) evaluation, on deep copies too."""

from __future__ import annotations

import copy

from lxml.html import HtmlElement

from newsspider.extraction import html as html_mod
from newsspider.extraction.linear_xpath import LINEAR_EQUIVALENTS, LinearHtmlElement, LinearTextXPath

PAGE = """<html><head><title>t</title></head><body>
<div>lead text <p>one <b>bold <i>deep</i> tail-i</b> tail-b</p> between
<p>two<br>after break<a href="/x">link</a>end</p>
<ul><li>not in a paragraph</li></ul>
<form><p>in a form <input name="q"> after input</p></form>
<table><tr><td><p>in a cell</p></td></tr></table>
<p></p><p><span>only span</span></p></div>
<footer><p>foot <em>note</em></p></footer></body></html>"""


def _same_nodes(tree: HtmlElement, query: str) -> None:
    plain = HtmlElement.xpath(tree, query)  # libxml2's own evaluation of the original query
    fast = tree.xpath(query)
    assert [str(t) for t in fast] == [str(t) for t in plain]
    assert [t.getparent() for t in fast] == [t.getparent() for t in plain]
    assert [t.is_tail for t in fast] == [t.is_tail for t in plain]


def test_rewritten_queries_return_the_same_nodes_in_document_order() -> None:
    tree = html_mod.parse(PAGE)
    assert tree is not None
    for query in LINEAR_EQUIVALENTS:
        for context in (tree, tree.find(".//div"), tree.find(".//form")):
            _same_nodes(context, query)
    assert "not in a paragraph" not in " ".join(tree.xpath("//p//text()"))


def test_every_element_and_its_deep_copy_use_the_linear_query() -> None:
    tree = html_mod.parse(PAGE)
    assert tree is not None
    copied = copy.deepcopy(tree)  # trafilatura works on copies of the tree it is given
    for element in (*tree.iter(), *copied.iter()):
        if isinstance(element.tag, str):
            assert isinstance(element, LinearTextXPath), element.tag
    _same_nodes(copied, "//p//text()")


def test_other_queries_run_unchanged() -> None:
    tree = html_mod.parse(PAGE)
    assert tree is not None
    assert [li.text for li in tree.xpath("//li")] == ["not in a paragraph"]
    assert tree.xpath("count(//p)") == 7.0


def test_every_element_has_the_one_class_chosen_in_c() -> None:
    """Form controls too: one class, so lxml never calls back into Python to pick one."""
    tree = html_mod.parse(PAGE)
    assert tree is not None
    classes = {type(e) for e in (*tree.iter(), *copy.deepcopy(tree).iter()) if isinstance(e.tag, str)}
    assert classes == {LinearHtmlElement}
