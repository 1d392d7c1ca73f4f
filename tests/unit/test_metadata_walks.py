"""The metadata's one-walk helpers find the same elements, in the same order, as the XPaths and
per-tag walks they replace (speed-ups with outputs unchanged)."""

from __future__ import annotations

import itertools

import pytest

from newsspider.extraction import html as html_mod
from newsspider.extraction.metadata.credits import _BodyTexts, _in_script, _mentions
from newsspider.extraction.metadata.page import PageTags
from newsspider.extraction.metadata.topics import _breadcrumb_links, _Links

_SECTION_HREF = (
    "contains(@href,'/category/') or contains(@href,'/section/') or contains(@href,'/sections/') "
    "or contains(@href,'/rubrik/') or contains(@href,'/ressort/') or contains(@href,'/rubrique/') "
    "or contains(@href,'/seccion/') or contains(@href,'/categoria/') or contains(@href,'/kategorie/')"
)
_BREADCRUMB = (
    "(//*[contains(@class,'breadcrumb') or contains(@id,'breadcrumb') or @aria-label='breadcrumb' "
    "or @aria-label='Breadcrumb'])[1]//a"
)

PAGES = [
    # a breadcrumb by class after a labelled one; section links in and out of an article; rel tokens
    "<html><head><title>T</title><link rel='canonical' href='/x'></head><body>"
    "<nav aria-label='Breadcrumb'><a href='/'>Home</a><a href='/news/'>News</a></nav>"
    "<div class='breadcrumbs'><a href='/a/'>A</a></div>"
    "<a href='/category/world/'>World</a><div class='post-header'><a href='/section/tech/' rel='tag category'>Tech</a></div>"
    "<article><h2>Sub</h2><h1>Headline here</h1><p>Jane Doe wrote <b>Doe</b> this</p>"
    "<a rel='category\ttag' href='/rubrik/x/'>X</a></article>"
    "<script>var author = 'Jane Doe';</script>tail Doe<main><h1>Main heading</h1></main><h3>Three</h3></body></html>",
    # no breadcrumb but an id holding it on a link itself; <h1> only in <main>; a name in a tail after a script
    "<html><body><h1>First</h1><main><div><h1>In main</h1></div></main>"
    "<a id='x-breadcrumb-y' href='/k/'>K<a href='/l/'>L</a></a>"
    "<div><script>Doe()</script>Jane Doe</div><p class='categories'><a rel='categoryx' href='/kategorie/a'>A</a></p></body></html>",
    # nothing at all
    "<html><body><p>Plain text only.</p></body></html>",
]


@pytest.fixture(params=PAGES)
def tree(request):
    return html_mod.parse(request.param)


def test_breadcrumb_links_are_the_xpaths(tree) -> None:
    assert _breadcrumb_links(tree) == tree.xpath(_BREADCRUMB)


def test_section_and_category_links_are_the_xpaths(tree) -> None:
    links = _Links(tree)
    assert links.sections() == tree.xpath(f"//a[{_SECTION_HREF}]")
    assert links.in_body() == tree.xpath(f"//body//a[{_SECTION_HREF}]")
    assert links.category() == tree.xpath("//a[contains(concat(' ', normalize-space(@rel), ' '), ' category ')]")


def test_tags_are_the_per_tag_walks(tree) -> None:
    tags = PageTags(tree)
    for tag in ("h1", "title", "time", "link", "input", "script", "article", "main"):
        assert tags(tag) == list(tree.iter(tag))
    assert tags("h2", "h3") == list(tree.iter("h2", "h3"))
    first = next(itertools.chain(tree.iterfind(".//article//h1"), tree.iterfind(".//main//h1"), tree.iterfind(".//h1")), None)
    assert tags.headline() is first


@pytest.mark.parametrize("value", ["Doe", "Jane Doe", "Jane", "nowhere", "e"])
def test_body_texts_are_the_xpath_from_a_shorter_walk(tree, value) -> None:
    texts = _BodyTexts(tree)
    texts.containing("e")  # a shorter string walked first: the longer ones are filtered from it
    assert texts.containing(value) == tree.xpath("//body//text()[contains(., $v)]", v=value)
    assert [(n.getparent(), n.is_tail) for n in texts.containing(value)] == [
        (n.getparent(), n.is_tail) for n in tree.xpath("//body//text()[contains(., $v)]", v=value)
    ]


def test_mentions_leave_out_scripts_as_the_ancestor_axis_does(tree) -> None:
    expected = tree.xpath("//body//text()[contains(., $w)][not(ancestor::script)]", w="Doe")[:4]
    assert _mentions(_BodyTexts(tree), "Jane Doe") == expected
    everything = tree.xpath("//body//text()")
    in_scripts = tree.xpath("//body//text()[ancestor::script]")
    assert [n for n in everything if _in_script(n)] == in_scripts
