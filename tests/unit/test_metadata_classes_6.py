"""Issue 11, sixth round: the author failure classes left after the fifth (a declared name the
page never prints beside a visible "By" line, one-word names linked to their own page, a date
after "on"/"am"/"le", co-authors each linked to their page or left out of the JSON-LD, the
employer after a role, a byline in another story's card, the outlet's desk), one small fixture
each in several languages and markups."""

from __future__ import annotations

import pytest

from newsspider.extraction.authors import clean_authors
from tests.unit.test_metadata_classes import HEADLINE, PARAGRAPHS, _ld, _meta, _page

# --------------------------------------------------------------------------- declared, never printed


@pytest.mark.parametrize(
    ("head", "byline", "expected", "lang"),
    [
        # a CMS account in the JSON-LD, the writer in the visible byline
        (_ld({"@type": "NewsArticle", "headline": HEADLINE, "author": {"@type": "Person", "name": "KatieS"}}),
         '<p>by <a href="/authors/aoife-oriordan/" class="author-link"><span>Aoife O\'Riordan</span></a></p>',
         ["Aoife O'Riordan"], "en"),
        # the editor who published in the meta tag, the columnist on the page
        ('<meta name="author" content="Josh Roe">',
         '<h3>By <a href="/charles-patterson/">Charles Patterson</a>, <span>Columnist</span></h3>', ["Charles Patterson"], "en"),
        ('<meta name="author" content="Max Mustermann">', "<p>Von Anna Müller</p>", ["Anna Müller"], "de"),
    ],
)
def test_a_visible_by_line_over_a_declared_name_the_page_never_prints(head: str, byline: str, expected: list[str], lang: str) -> None:
    assert _meta(_page(head, before=byline, lang=lang))["authors"] == expected


@pytest.mark.parametrize(
    "byline",
    [
        "<p>By Jane Doe</p><ul><li>Related: <a href='/x'>Another story</a> By John Roe</li></ul>",  # printed: kept
        "<p>Filed under budget</p><ul><li><a href='/x'>Another story</a></li><li>By John Roe</li></ul>",  # a teaser in a list
    ],
)
def test_the_declared_name_stays_when_printed_or_when_only_a_list_item_names_another(byline: str) -> None:
    assert _meta(_page('<meta name="author" content="Jane Doe">', before=byline))["authors"] == ["Jane Doe"]


# --------------------------------------------------------------------------- one-word names


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ('<p>by <a href="https://books.example/author/amanda/">Amanda</a> · Dec 20, 2025 · 3 comments</p>', ["Amanda"]),
        ('<span class="story-byline">Posted by <a href="https://social.example/in/beauhd/" rel="nofollow">BeauHD</a> '
         "on Friday December 19, 2025</span>", ["BeauHD"]),
        ('<div class="author-box">Von <a href="/profil/kathrin">Kathrin</a></div>', ["Kathrin"]),
        # a tag link in a byline-marked block: no name, no author
        ('<div class="byline card__top-byline"><a class="tag" href="/tag/lifestyle">Lifestyle</a></div>', []),
    ],
)
def test_a_one_word_name_linked_to_its_own_page_in_a_byline(byline: str, expected: list[str]) -> None:
    assert _meta(_page(before=byline))["authors"] == expected


# --------------------------------------------------------------------------- a date after the name


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("by ALLIN ONE on Jan 22, 2025", ["ALLIN ONE"]),
        ("Von Jana Roe am 5. März 2024", ["Jana Roe"]),
        ("Par Jean Dupont le 5 mars 2024", ["Jean Dupont"]),
        ("Por Ana Ruiz el 5 de marzo de 2024", ["Ana Ruiz"]),
        ("Craig McCarthy Last updated on 17 December 2025", ["Craig McCarthy"]),
        ("Maria de la Cruz", ["Maria de la Cruz"]),  # a particle before no date stays
    ],
)
def test_a_date_after_a_short_word_is_cut_from_the_name(byline: str, expected: list[str]) -> None:
    assert clean_authors(byline) == expected


# --------------------------------------------------------------------------- co-authors


def test_co_authors_each_linked_to_their_page_in_one_byline() -> None:
    """The links beside the first author's are no longer joined into one line (tenth round: the
    rule turned 1 tuning page right and 1 validation page wrong); the first linked name is credited."""
    byline = (
        '<div class="article-byline__written-by"><strong>Written by</strong><br>'
        '<strong><a href="/authors/adrien-ramirez">Adrien Ramirez</a></strong>, 4+ years covering hardware<br>'
        '<strong><a href="/authors/joanna-nelius">Joanna Nelius</a></strong>, senior editor and tester</div>'
    )
    assert _meta(_page(before=byline))["authors"] == ["Adrien Ramirez"]


@pytest.mark.parametrize(
    ("byline", "lang", "expected"),
    [
        ('<div class="hero-author">Written by <span>Dr Jane Doe</span>, <span>John Roe</span>, <span>Mary van der Poe</span></div>',
         "en", ["Dr Jane Doe", "John Roe", "Mary van der Poe"]),
        ('<p class="meta">Von <a href="/a/jane">Jane Doe</a> und <a href="/a/jonas">Jonas Weber</a></p>', "de", ["Jane Doe", "Jonas Weber"]),
    ],
)
def test_a_by_line_naming_the_declared_author_and_more(byline: str, lang: str, expected: list[str]) -> None:
    head = _ld({"@type": "NewsArticle", "headline": HEADLINE, "author": {"@type": "Person", "name": "Jane Doe"}})
    assert _meta(_page(head, before=byline, lang=lang))["authors"] == expected


def test_a_line_naming_the_declared_author_with_a_role_adds_no_one() -> None:
    head = _ld({"@type": "NewsArticle", "headline": HEADLINE, "author": {"@type": "Person", "name": "Jane Doe"}})
    assert _meta(_page(head, before="<p>Jane Doe, Social Media</p>"))["authors"] == ["Jane Doe"]


# --------------------------------------------------------------------------- the employer after a role


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("By Maureen Salamon, Executive Editor, Harvard Women's Health Watch", ["Maureen Salamon"]),
        ("Von Anna Müller, Redakteurin, Hafenblatt Zeitung", ["Anna Müller"]),
        ("By Jane Doe, Science Editor, John Roe, Health Reporter", ["Jane Doe", "John Roe"]),  # each with a role
        ("Jane Doe, John Roe, Mary Poe", ["Jane Doe", "John Roe", "Mary Poe"]),
    ],
)
def test_a_name_after_a_role_is_the_employer(byline: str, expected: list[str]) -> None:
    assert clean_authors(byline) == expected


# --------------------------------------------------------------------------- another story's card


def test_a_byline_in_another_storys_card_is_no_author() -> None:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    card = (
        '<article class="teaser"><h4><a href="/2025/02/other-story/">The other story of the week</a></h4>'
        '<p class="teaser-meta"><span class="meta-author">By <a href="/author/ben-hon/" rel="author">Ben Hon</a></span></p></article>'
    )
    page = (
        '<html lang="en"><head><meta name="author" content="Harbour Post Staff"></head><body>'
        f"<h1>{HEADLINE}</h1><div class='story'>{paragraphs}</div>{card}{card.replace('Ben Hon', 'Ellie Roe')}</body></html>"
    )
    assert _meta(page)["authors"] == ["Harbour Post Staff"]


# --------------------------------------------------------------------------- the outlet's desk


@pytest.mark.parametrize(
    ("url", "author", "expected"),
    [
        ("https://www.cnn.example/2024/03/05/business/harbour/", "Jill Disis, CNN Business", ["Jill Disis"]),
        ("https://www.lemonde.example/afrique/article/2024/03/05/port.html", "Marie Dupont, Le Monde Afrique", ["Marie Dupont"]),
    ],
)
def test_the_outlets_name_and_a_desk_is_the_outlet(url: str, author: str, expected: list[str]) -> None:
    assert _meta(_page(f'<meta name="author" content="{author}">'), url=url)["authors"] == expected


# --------------------------------------------------------------------------- a name printed twice


def test_a_name_printed_twice_is_read_once() -> None:
    assert clean_authors("By Jane Doe Jane Doe") == ["Jane Doe"]  # a screen reader's copy beside the name
    assert clean_authors("Aung Aung") == ["Aung Aung"]  # one word twice: a name
