"""Issue 11, fourth round: the metadata failure classes left after the third (times in the
page's script, roles glued to names, bylines marked only by their neighbours, outlets named
like persons, tags), one small fixture each in several languages and markups."""

from __future__ import annotations

import re

import pytest

from newsspider.dates import normalize_date
from newsspider.extraction.authors import clean_authors, split_authors
from tests.unit.test_metadata_classes import _ld
from tests.unit.test_metadata_classes import _meta as metadata_at

URL = "https://www.harbour-news.example/city/2024/03/05/council-approves-harbour-budget/"
HEADLINE = "Council approves new harbour budget"
BODY = "".join(
    f"<p>{p}</p>"
    for p in (
        "The city council approved the harbour budget on Tuesday after a debate that lasted most of the afternoon.",
        "Members said the money would pay for a new breakwater, dredging of the inner basin and two new cranes.",
        "Opponents argued that the plan did too little for the fishing fleet, which has shrunk by half in ten years.",
    )
)


def _page(head: str = "", before: str = "", *, lang: str = "en") -> str:
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
        f"<body><article><h1>{HEADLINE}</h1>{before}{BODY}</article></body></html>"
    )


def _meta(page: str, url: str = URL) -> dict:
    return metadata_at(page, url)


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("5 mars 2024 14 h 30", "2024-03-05T14:30:00"),  # French, spaced "h"
        ("5 de março de 2024 às 14h30", "2024-03-05T14:30:00"),  # Portuguese
        ("5 marzo 2024 ore 14:30", "2024-03-05T14:30:00"),  # Italian
        ("5 maart 2024 om 14:30", "2024-03-05T14:30:00"),  # Dutch
        ("5 марта 2024 г., 14:30", "2024-03-05T14:30:00"),  # Russian, genitive month
        ("5 Mart 2024 14:30", "2024-03-05T14:30:00"),  # Turkish
        ("2024年3月5日 下午3点", "2024-03-05T15:00:00"),  # Chinese, afternoon hour
        ("2024年03月05日(火) 15時30分", "2024-03-05T15:30:00"),  # Japanese, weekday in brackets
        ("2024년 3월 5일 오후 3:30", "2024-03-05T15:30:00"),  # Korean
        ("2024.03.05. 오후 3:30", "2024-03-05T15:30:00"),
        ("٥ مارس ٢٠٢٤ ١٤:٣٠", "2024-03-05T14:30:00"),  # Arabic-Indic digits, Arabic month
        ("5 मार्च 2024 14:30", "2024-03-05T14:30:00"),  # Hindi month
        ("2024/03/05 ２１：０５", "2024-03-05T21:05:00"),  # full-width digits and colon
        ("05.03.2024 | 14:30", "2024-03-05T14:30:00"),  # the time after a separator
        ("March 5, 2024 – 10:30 am", "2024-03-05T10:30:00"),
    ],
)
def test_times_written_in_the_pages_script_and_locale(value: str, expected: str) -> None:
    assert normalize_date(value) == expected


@pytest.mark.parametrize("value", ["۱۴۰۲/۱۲/۱۵", "15/12/1402", "5/3/2567"])
def test_another_calendars_year_is_no_date(value: str) -> None:
    """A Solar Hijri or Buddhist-era year read as ours would be a date centuries off."""
    assert normalize_date(value) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ('<p class="date">2024年3月5日 15:30</p>', "2024-03-05T15:30:00"),
        ('<span class="time">5 марта 2024 г., 14:30</span>', "2024-03-05T14:30:00"),
        ('<div class="post-date">5 mars 2024 à 14 h 30</div>', "2024-03-05T14:30:00"),
    ],
)
def test_the_time_of_a_bare_day_from_a_date_line_in_the_pages_script(line: str, expected: str) -> None:
    head = '<meta name="date" content="2024-03-05">'
    assert _meta(_page(head, line))["published"] == expected


def test_a_day_found_by_htmldate_gets_the_date_lines_time() -> None:
    line = '<p class="date">05.03.2024 | 14:30</p>'
    assert _meta(_page(before=line))["published"] == "2024-03-05T14:30:00"


# --------------------------------------------------------------------------- authors


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Jane Doe Senior Reporter", ["Jane Doe"]),
        ("By Jane Doe Staff Writer", ["Jane Doe"]),
        ("Jean Dupont Journaliste", ["Jean Dupont"]),
        ("Ana Ruiz Periodista", ["Ana Ruiz"]),
        ("Hans Müller Redakteur", ["Hans Müller"]),
    ],
)
def test_a_role_after_the_name_without_a_comma(value: str, expected: list[str]) -> None:
    assert clean_authors(value) == expected
    assert clean_authors(value.split()[-1]) == []  # the role alone names no one
    # a collective credit is no name before a role
    assert split_authors("By HARBOUR POST STAFF MARCH 5, 2024 10:43", single_words=False) == ([], [])


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        # the name's part marked, its role beside it without a comma (a role word we do not know)
        ('<div class="author"><div class="row"><span class="date">Updated March 5, 2024</span></div><a href="/p/x">'
         '<div class="text"><div class="name">Written by <span>Meg Roe</span></div><div class="position">Content '
         'Marketing Coordinator</div></div></a></div>', ["Meg Roe"]),
        ('<div class="author-line-block"><div class="author-line"><span class="author-label">Written By:</span>'
         '<span class="author-name"><a href="/people/celia-roe">Celia Roe</a></span> <span class="author-title">Gardener'
         ' &amp; Astrologer</span></div></div>', ["Celia Roe"]),
        ('<div class="vcard author"><p><span class="fn">Liam Roe</span> <span class="role">Former Mining Consultant</span></p></div>',
         ["Liam Roe"]),
    ],
)
def test_the_part_marked_as_the_name_in_a_byline(byline: str, expected: list[str]) -> None:
    assert _meta(_page(before=byline))["authors"] == expected


def test_an_outlet_named_like_a_person_and_a_by_line() -> None:
    data = {"@type": "BlogPosting", "headline": HEADLINE, "author": {"@type": "Person", "name": "Green Leaf Planted"}}
    head = _ld(data) + '<meta property="og:site_name" content="Green Leaf Planted">'
    line = '<div class="meta"><span><a href="/search?q=Jane+Doe">by Jane Doe</a></span><span>March 5, 2024</span></div>'
    assert _meta(_page(head, line))["authors"] == ["Jane Doe"]
    listed = "<ul><li><p>By Alexander Bookwriter</p></li></ul>"  # a reading list names other writers
    assert _meta(_page(head, listed))["authors"] == ["Green Leaf Planted"]


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        ("<p>Jane Doe | Senior Writer | July 2, 2025</p>", ["Jane Doe"]),
        ('<p class="small">Hans Müller</p><div><span>23.07.2025</span> · 6 min read</div>', ["Hans Müller"]),
        ("<p>María López</p><p>5 de marzo de 2024</p>", ["María López"]),
    ],
)
def test_an_unmarked_byline_line_beside_the_headline_and_its_date(lines: str, expected: list[str]) -> None:
    assert _meta(_page(before=lines))["authors"] == expected
    # the same lines writing no date: a standfirst, no byline
    assert _meta(_page(before=re.sub(r"\d", "", lines)))["authors"] == []
    # a subheading, or a title-case phrase, before the date: no byline either
    for standfirst in ("<h2>Harbour Week Call for Proposals Open Until July</h2>", "<p>Harbour Week Call for Proposals Open Until July</p>"):
        assert _meta(_page(before=standfirst + "<p>July 22, 2024</p>"))["authors"] == []


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("By Jane Doe | Reviewed by: John Roe, Mary Major", ["Jane Doe"]),  # a reviewer is no author
        ("Von Jana Schmidt | Geprüft von: Max Roe, Mia Roe", ["Jana Schmidt"]),
        ("By Jane Doe | March 5, 2024 | Categories: Harbour Life", ["Jane Doe"]),  # a "label: value" is no name
        ("Opinion - Published: 2024.03.05 | Jane Doe", ["Jane Doe"]),  # a one-word label before a dash
    ],
)
def test_credits_and_labels_beside_the_author(value: str, expected: list[str]) -> None:
    assert split_authors(value, single_words=False)[0] == expected  # as bylines are read


def test_a_line_starting_with_a_word_beginning_with_by_is_no_by_line() -> None:
    data = {"@type": "BlogPosting", "headline": HEADLINE, "author": {"@type": "Person", "name": "Bytefield Notes"}}
    head = _ld(data) + '<meta property="og:site_name" content="Bytefield Notes">'
    assert _meta(_page(head, "<h2>Bytecode Layout Tables</h2><p>By Jane Doe</p>"))["authors"] == ["Jane Doe"]


# --------------------------------------------------------------------------- tags


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["Hafen|Haushalt|Stadtrat"], ["Hafen", "Haushalt", "Stadtrat"]),  # joined by pipes
        (["#Hafen", "#Haushalt"], ["Hafen", "Haushalt"]),  # hashtags
        (["Harbour Herald", "Budget"], ["Budget"]),  # the outlet's name
        (["harbour-news.example", "Budget"], ["Budget"]),  # ... or its host
    ],
)
def test_tag_separators_hashtags_and_the_outlets_name(tags: list[str], expected: list[str]) -> None:
    head = '<meta property="og:site_name" content="Harbour Herald">'
    head += "".join(f'<meta property="article:tag" content="{t}">' for t in tags)
    assert _meta(_page(head))["tags"] == expected


# --------------------------------------------------------------------------- titles


def test_an_h1_of_menu_buttons_is_no_headline() -> None:
    menu = '<div class="top"><h1 id="nav-toggle"><button type="button">Open Menu</button><button type="button">Close Menu</button></h1></div>'
    page = (
        '<html lang="en"><head><meta property="og:title" content="Harbour budget: what the council decided">'
        f'</head><body>{menu}<div class="content">{BODY}</div></body></html>'
    )
    assert _meta(page)["title"] == "Harbour budget: what the council decided"


def test_a_buttons_label_in_the_h1_is_no_part_of_the_headline() -> None:
    head = "<title>Budget day at the harbour</title>"  # an SEO title unlike the headline: the <h1> is read
    page = _page(head).replace(f"<h1>{HEADLINE}</h1>", f'<h1>{HEADLINE} <button type="button">Copy link</button></h1>')
    assert _meta(page)["title"] == HEADLINE


@pytest.mark.parametrize(
    ("url", "author", "expected"),
    [
        ("https://www.hz.example/a/1", "Harbour Zeitung", ["Jana Schmidt"]),
        ("https://hz.example/a/1", "HARBOUR ZEITUNG", ["Jana Schmidt"]),
    ],
)
def test_the_outlet_of_a_two_letter_host_gives_way_to_the_byline(url: str, author: str, expected: list[str]) -> None:
    data = {"@type": "NewsArticle", "headline": HEADLINE, "author": {"@type": "Person", "name": author}}
    assert _meta(_page(_ld(data), '<p class="byline">Von Jana Schmidt</p>', lang="de"), url)["authors"] == expected
    assert _meta(_page(_ld(data), lang="de"), url)["authors"] == [author]  # no one else: the outlet

