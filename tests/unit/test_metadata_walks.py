"""The metadata's one-walk helpers find the same elements, in the same order, as the XPaths and
per-tag walks they replace (speed-ups with outputs unchanged)."""

from __future__ import annotations

import itertools

import pytest
from lxml import html as lxml_html

from newsspider.extraction import html as html_mod
from newsspider.extraction.authors import BY_PREFIX, agency, split_authors
from newsspider.extraction.metadata.bylines import (
    _MAX_LOOKED_UP,
    BYLINE_MAX_CHARS,
    NOT_BYLINES,
    MarkedElements,
    _by_line_texts,
    _by_lines,
)
from newsspider.extraction.metadata.credits import _WORD, _BodyTexts, _byline_agencies, _in_script, _mentions, writes_word
from newsspider.extraction.metadata.page import Meta, PageTags
from newsspider.extraction.metadata.published import _DATE_ITEMPROPS, _ITEMPROP_DATES, page_dates
from newsspider.extraction.metadata.topics import _breadcrumb_links, _Links, _next_text
from newsspider.extraction.text import squash

_SECTION_HREF = (
    "contains(@href,'/category/') or contains(@href,'/section/') or contains(@href,'/sections/') "
    "or contains(@href,'/rubrik/') or contains(@href,'/ressort/') or contains(@href,'/rubrique/') "
    "or contains(@href,'/seccion/') or contains(@href,'/categoria/') or contains(@href,'/kategorie/')"
)
_BREADCRUMB = (
    "(//*[contains(@class,'breadcrumb') or contains(@id,'breadcrumb') or @aria-label='breadcrumb' "
    "or @aria-label='Breadcrumb'])[1]//a"
)

# The "By" lines' text nodes as an XPath finds them (bylines._BY_LINES before it became a walk).
_BY_LINES = (
    "//body//text()[string-length() < 80]"
    "[contains('|By|by|Wr|Wo|Vo|Pa|Po|Te|Ol|ol|di|Av|av|AV|Af|af|AF|Το|Τη|ΤΟ|ΤΗ|Sz|Συ|Ав|ав|Ya|Tá|بق|作者|记者|記者|文：|文:|글:|',"
    " concat('|', substring(normalize-space(), 1, 2), '|'))"
    " or contains('|Auto|Aute|AUTO|AUTE|', concat('|', substring(normalize-space(), 1, 4), '|'))]"
    "[not(ancestor::script or ancestor::style)]"
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
    # "By" lines: in tails, after spaces and line breaks, in scripts and styles and after them, too
    # long, a non-breaking space (no XML space), "B y", an "Autor", a root breadcrumb and itemprops
    "<html class='breadcrumb' itemprop='x'><body>By Jane Doe<p>\n  By\n Jane <b>Roe</b></p>\t von Hans<div>"
    "<script>By nobody</script>By the tail<style>by none</style> \xa0By space<span>B y</span>"
    "<em>Autor: Max</em><i>AUTHOR Max</i><u>Par Jean</u>" + "By " + "x" * 80 + "<p itemprop=''>Tá giả An</p>"
    "<author itemprop='author'>Posted by Ann</author><nav aria-label='breadcrumb'><a>Home</a></nav></div>"
    "記者 王</body>By after the body</html>",
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


def _kept(items: list) -> list:
    """Text nodes as (text, parent) pairs: the proxies stay alive, so ``==`` compares elements."""
    return [(str(node), node.getparent()) for node in items]


def test_by_line_texts_are_the_xpath(tree) -> None:
    assert list(_by_line_texts(tree)) == _kept(tree.xpath(_BY_LINES))


def test_by_line_texts_read_the_tails_of_comments_as_the_xpath_does() -> None:
    # the extraction's parser drops comments; another parser's tree keeps them
    page = lxml_html.fromstring("<html><body><p>x<!-- By c -->By Jane</p><!-- c -->Von Hans<?pi By?>Par Jean</body></html>")
    assert list(_by_line_texts(page)) == _kept(page.xpath(_BY_LINES))
    assert [text for text, _ in _by_line_texts(page)] == ["By Jane", "Von Hans", "Par Jean"]


def _old_byline_candidates(tree) -> list:
    """The candidates by each attribute's name, as the walk before ``MarkedElements`` found them."""
    found = []
    for element in tree.iter(lxml_html.etree.Element):
        get = element.get
        marks, text = get("class"), element.text or ""
        if (
            element.tag == "author" or (marks and ("uthor" in marks or "yline" in marks or "byl" in marks))
            or get("rel") == "author" or "author" in (get("itemprop") or "") or "uthor" in (get("id") or "")
            or "yline" in (get("data-component") or "")
            or (element.tag == "a" and any(f"/{w}/" in (get("href") or "").lower() for w in ("author", "authors", "autor", "autoren", "auteur", "autores")))
            or (element.tag == "a" and "_author=" in (get("href") or "").lower())
            or (element.tag in ("h2", "h3", "h4", "h5", "h6", "dt", "strong", "span", "b") and len(text) < 16 and ("uthor" in text or "UTHOR" in text))
        ):
            found.append(element)
    return found


def test_marked_elements_are_the_walks_they_replace(tree) -> None:
    marked = MarkedElements(tree)
    assert marked.bylines == _old_byline_candidates(tree)
    assert marked.itemprops == list(tree.iterfind(".//*[@itemprop]"))
    assert _breadcrumb_links(tree, marked) == _breadcrumb_links(tree) == tree.xpath(_BREADCRUMB)
    crumbs = tree.xpath("(//*[contains(@class,'breadcrumb') or contains(@id,'breadcrumb') or @aria-label='breadcrumb' or @aria-label='Breadcrumb'])[1]")
    assert [marked.breadcrumb] == crumbs or (marked.breadcrumb is None and not crumbs)


def test_squash_is_the_uncompiled_pattern() -> None:
    import re

    for text in ("Jane Doe", "Ryan-Roe_2", "  ", "Ünïcödé Straße", "a.b/c"):
        assert squash(text) == re.sub(r"\W+", "", text).casefold()


# The third pass (2026-12-05): each shortcut against what it replaces.

_LONG_PAGES = [
    # whitespace-only pieces, a word cut between elements, scripts, long and short lines, a
    # name in a short line, in a long paragraph, alone in a link, in a tail; itemprops naming
    # dates (one a token among others, one only a substring), an articleBody, a date on <meta>
    "<html><body><div>  \n\t  <span>   </span>ab<b>cd</b>  ef <i>\n</i>" + " " * 300 + "gh" + "x" * 250 + "</div>"
    "<p>By Jane Doe/dpa</p><p>" + "Words of the story. " * 20 + "Jane Doe (AFP) said.</p>"
    "<div>Written by <a>Jane Doe</a> (Reuters)</div><div><b>x</b>Jane Doe, AP</div>"
    "<div itemprop='articleBody'>" + "Body text. " * 40 + "</div><span itemprop='dateCreated datePublished'>5 March 2024</span>"
    "<meta itemprop='datePublished' content='2024-03-05'><time itemprop='xdateModifiedx' datetime='2024-03-06'>6 March</time>"
    "<script>By script</script></body></html>",
    # a page of many distinct "By" lines (more than one XPath looks up), repeated ones
    "<html><body>" + "".join(f"<p>By Author {i}</p><p>By Author {i}</p>" for i in range(_MAX_LOOKED_UP + 2)) + "</body></html>",
]


@pytest.fixture(params=PAGES + _LONG_PAGES)
def any_tree(request):
    return html_mod.parse(request.param)


def test_text_of_at_most_is_the_whole_text_cut(any_tree) -> None:
    for element in any_tree.iter(lxml_html.etree.Element):
        whole = html_mod.text_of(element)
        for most in (1, 2, 5, 60, 81, 120, 200, 400):
            assert html_mod.text_of(element, most) == whole[:most]


def test_by_lines_are_the_walks_by_prefixed_texts(any_tree) -> None:
    expected = [(text, element) for text, element in _by_line_texts(any_tree) if BY_PREFIX.match(text)]
    assert list(_by_lines(any_tree)) == expected


def test_by_lines_leave_out_scripts_and_styles_and_keep_tails() -> None:
    page = html_mod.parse(
        "<html><body><script>By nobody</script>By the tail<style>By none</style><p>x<b>y</b>By Jane</p>"
        "<div><svg><style>By svg</style></svg>By after</div>By Jane</body></html>"
    )
    assert [(text, element.tag) for text, element in _by_lines(page)] == [("By the tail", "script"), ("By Jane", "b"), ("By after", "svg"), ("By Jane", "div")]
    assert list(_by_lines(page)) == [(t, e) for t, e in _by_line_texts(page) if BY_PREFIX.match(t)]


def _old_byline_agencies(texts: _BodyTexts, people: list) -> list:
    """bylines' agencies beside a name as read before the cut texts (every line's whole text)."""
    found = []
    for name in people[:2]:
        for node in texts.containing(name)[:3]:
            line = node.getparent()
            if line is None:
                continue
            if getattr(node, "is_tail", False) or squash(html_mod.text_of(line)) == squash(name):
                line = line.getparent()
            text = html_mod.text_of(line) if line is not None and line.tag not in NOT_BYLINES else ""
            if text and len(text) < BYLINE_MAX_CHARS:
                found += [p for p in split_authors(text, single_words=False)[0] if agency(p)]
    return found


@pytest.mark.parametrize("people", [["Jane Doe"], ["Jane Doe", "Author 3"], ["Nobody"]])
def test_byline_agencies_are_the_whole_lines(any_tree, people) -> None:
    assert _byline_agencies(_BodyTexts(any_tree), people) == _old_byline_agencies(_BodyTexts(any_tree), people)


def test_byline_agencies_read_short_lines_beside_a_long_one() -> None:
    page = html_mod.parse(_LONG_PAGES[0])
    assert _byline_agencies(_BodyTexts(page), ["Jane Doe"]) == _old_byline_agencies(_BodyTexts(page), ["Jane Doe"])
    assert _byline_agencies(_BodyTexts(page), ["Jane Doe"])  # the short lines' agencies are found


def test_date_itemprops_hold_every_itemprop_naming_a_date(any_tree) -> None:
    found = _DATE_ITEMPROPS(any_tree)
    every = list(any_tree.iterfind(".//*[@itemprop]"))
    assert [e for e in every if set(_ITEMPROP_DATES) & set(e.get("itemprop").split())] == [
        e for e in found if set(_ITEMPROP_DATES) & set(e.get("itemprop").split())
    ]
    assert all(e in every for e in found)


def test_page_dates_read_the_same_itemprops_with_or_without_the_byline_walk(any_tree) -> None:
    tags = PageTags(any_tree)
    alone = page_dates(None, Meta(any_tree), tags)
    tags.marked = MarkedElements(any_tree)
    assert page_dates(None, Meta(any_tree), tags) == alone


def test_page_dates_read_a_date_itemprop_beside_an_article_body() -> None:
    page = html_mod.parse(_LONG_PAGES[0])
    assert page_dates(None, Meta(page), PageTags(page))[0] == "2024-03-05"


@pytest.mark.parametrize("source", [
    "<div><a>x</a><!-- c --><p><!-- in -->  <?pi z?>Next</p></div>",
    "<div><a>x</a><p><b> \n </b></p></div><i>tail</i>",
    "<div><a>x<b>in</b></a>  </div>after",
    "<div><a>x</a>\xa0</div>",
    "<div><a>last</a></div>",
])
def test_next_text_is_the_following_axis(source) -> None:
    # lxml's own parser keeps comments and PIs (the extraction's drops them)
    tree = lxml_html.fromstring(source)
    for link in tree.iter("a"):
        found = link.xpath("following::text()[normalize-space()][1]")
        assert _next_text(link) == (str(found[0]) if found else None)


def test_next_text_is_the_following_axis_on_every_link(any_tree) -> None:
    for element in any_tree.iter(lxml_html.etree.Element):
        found = element.xpath("following::text()[normalize-space()][1]")
        assert _next_text(element) == (str(found[0]) if found else None)


# Session 24: the lower-case test of a linked one-word name reads only the text nodes holding it.

_WORD_PAGES = [
    "<html><body><p>amanda wrote <a>Amanda</a> and amandas</p><script>var beau = 1</script>"
    "<style>.more{}</style><div>More<b>profile</b>x</div>tail beau_hd <i>Ünïcödé</i> ünïcödé</body></html>",
    "<html><head><title>more</title></head><body><p>Nothing lower here: More, Profile.</p></body>"
    "<body><p>second body: more</p></body></html>",
]


@pytest.mark.parametrize("source", _WORD_PAGES + PAGES + _LONG_PAGES)
def test_writes_word_is_the_body_words_set(source) -> None:
    tree = html_mod.parse(source)
    words = set(_WORD.findall(" ".join(tree.xpath("//body//text()[not(ancestor::script or ancestor::style)]"))))
    probes = words | {w.lower() for w in words} | {"beau", "more", "profile", "amanda", "amand", "", "x y", "ünïcödé", "doe"}
    for word in probes:
        assert writes_word(tree, word) == (word in words), word


_DATELINE_PAGES = [
    # JSON-LD places, a dash dateline in capitals, an agency dateline, the same paragraph in and out of <article>
    ("<html><head><meta name='description' content='BERLIN, Germany (dpa) - The council met.'></head><body>"
     "<article><p>PARIS/Lyon — Talks resumed.</p><p>Frankfurt/Main, 5. März (AFP) - Mehr.</p></article>"
     "<p>NEW YORK, March 5 - Stocks rose.</p></body></html>",
     {"contentLocation": {"name": "Springfield, Illinois", "address": {"addressCountry": "US"}}}),
    ("<html><body><p>Paris — a lower-case place is no dash dateline</p><p>Nothing here.</p></body></html>", None),
]
_PLACE_NAMES = ["Berlin", "Germany", "berlin", "PARIS", "Paris", "Lyon", "Frankfurt", "Main", "New York", "NEW YORK",
                "Springfield", "Illinois", "US", "Jane Doe", "Stocks", "", "Frankfurt/Main"]


def _holds_per_text(places, name: str) -> bool:
    """Places.holds as it read every opening for each name (before the datelines were read once)."""
    from newsspider.extraction.metadata.datelines import _AFTER_PLACE_AGENCY, _AFTER_PLACE_DASH, _dateline_parts

    key, folded, capitals = squash(name), name.casefold(), name.upper()
    return key in places._named or any(
        (text[: len(name)].casefold() == folded and _AFTER_PLACE_AGENCY.match(text, len(name)))
        or (text.startswith(capitals) and _AFTER_PLACE_DASH.match(text, len(name)))
        or key in _dateline_parts(text)
        for text in places.openings()
    )


@pytest.mark.parametrize(("source", "article"), _DATELINE_PAGES)
def test_places_hold_what_a_reading_per_name_holds(source, article) -> None:
    from newsspider.extraction.metadata.datelines import Places

    tree = html_mod.parse(source)
    places = Places(PageTags(tree), Meta(tree), article)
    found = {name: places.holds(name) for name in _PLACE_NAMES}
    assert found == {name: _holds_per_text(places, name) for name in _PLACE_NAMES}
    assert found["Berlin"] if article else not any(found.values())
    # each paragraph read once, the article's first: the same texts, in the same order, as before
    container = tree.find(".//article")
    in_article = list(container.iter("p"))[:3] if container is not None else []
    read = [*in_article, *[p for p in list(tree.iter("p"))[:6] if p not in in_article]]
    description = Meta(tree).first("og:description", "description")
    assert places.openings() == [description] * bool(description) + [" ".join("".join(p.itertext()).split())[:200] for p in read]


def test_split_authors_of_a_string_is_remembered_as_a_fresh_copy() -> None:
    text = "By Jane Doe and John Roe, Staff Writers (AP)"
    first = split_authors(text, single_words=False)
    first[0].append("Intruder")
    first[1].append("Intruder")
    again = split_authors(text, single_words=False)
    assert again == split_authors([text], single_words=False)  # the uncached path, through a list
    assert "Intruder" not in again[0] + again[1]
    assert split_authors(text, any_case=True) == split_authors([text], any_case=True)
