"""Issue 11, fifth round: the metadata failure classes left after the fourth (zone names that
several zones share, subtitles glued to the headline, bylines of several linked names and in
more languages, JSON-LD authors given by id, a credit in the description), one small fixture
each in several languages and markups."""

from __future__ import annotations

import pytest

from newsspider.dates import normalize_date, zone_country
from newsspider.extraction.authors import clean_authors
from tests.unit.test_metadata_classes import HEADLINE, _ld, _meta, _page

SUBTITLE = "Opponents say the plan does far too little for the shrinking fishing fleet of the town"


# --------------------------------------------------------------------------- zone names


@pytest.mark.parametrize(
    ("value", "country", "expected"),
    [
        ("March 5, 2024 10:30 IST", "in", "2024-03-05T10:30:00+05:30"),  # India
        ("5 March 2024 10:30 IST", "ie", "2024-03-05T10:30:00+01:00"),  # Irish Summer Time
        ("05.03.2024 10:30 IST", "il", "2024-03-05T10:30:00+02:00"),  # Israel
        ("2024/03/05 10:30 CST", "cn", "2024-03-05T10:30:00+08:00"),  # China
        ("Tue, 5 Mar 2024 10:30:00 CST", "cn", "2024-03-05T10:30:00+08:00"),  # RFC 2822's CST is US Central
        ("5 March 2024 10:30 BST", "gb", "2024-03-05T10:30:00+01:00"),
        ("5 March 2024 10:30 BST", "bd", "2024-03-05T10:30:00+06:00"),  # Bangladesh
        ("March 5, 2024 10:30 am PST", "ph", "2024-03-05T10:30:00+08:00"),  # Philippine
        ("March 5, 2024 10:30 am PST", "us", "2024-03-05T10:30:00-08:00"),
        ("March 5, 2024 10:30 am PST", None, "2024-03-05T10:30:00"),  # no country: naive
        ("5 March 2024 10:30 BST", None, "2024-03-05T10:30:00"),
        ("Tue, 5 Mar 2024 10:30:00 CST", "de", "2024-03-05T10:30:00"),  # none of its zones
        ("2024-03-05 10:30 IST", "in", "2024-03-05T10:30:00+05:30"),  # a zone name after an ISO time
        ("2024-03-05 10:30:00 CET", None, "2024-03-05T10:30:00+01:00"),
    ],
)
def test_a_zone_name_several_zones_share_is_read_by_the_pages_country(value: str, country: str | None, expected: str) -> None:
    assert normalize_date(value, country) == expected


@pytest.mark.parametrize(
    ("host", "languages", "expected"),
    [
        ("www.news.example.in", ["en"], "in"),
        ("www.paper.example.co.uk", ["en-US"], "gb"),  # the country domain first
        ("www.paper.example.com", ["en-IN"], "in"),
        ("www.paper.example.com", [None, "en_GB"], "gb"),  # og:locale spelling
        ("www.paper.example.net", ["he"], "il"),
        ("www.paper.example.com", ["bn"], "bd"),
        ("www.paper.example.com", ["en"], None),
    ],
)
def test_the_pages_country(host: str, languages: list[str | None], expected: str | None) -> None:
    assert zone_country(host, languages) == expected


@pytest.mark.parametrize(
    ("url", "lang", "line", "expected"),
    [
        ("https://www.harbour-news.example.in/a/1", "en", "March 5, 2024, 10:30 IST", "2024-03-05T10:30:00+05:30"),
        ("https://www.harbour-news.example.com/a/1", "bn", "5 March 2024 10:30 BST", "2024-03-05T10:30:00+06:00"),
        ("https://www.harbour-news.example.com/a/1", "zh-CN", "2024年3月5日 10:30 CST", "2024-03-05T10:30:00+08:00"),
        ("https://www.harbour-news.example.com/a/1", "en", "March 5, 2024 10:30 am PST", "2024-03-05T10:30:00"),
    ],
)
def test_a_date_lines_zone_name_on_the_page(url: str, lang: str, line: str, expected: str) -> None:
    page = _page('<meta property="article:published_time" content="2024-03-05">', before=f'<p class="date">{line}</p>', lang=lang)
    assert _meta(page, url)["published"] == expected


# --------------------------------------------------------------------------- subtitles in the <h1>


@pytest.mark.parametrize("tag", ["span", "small", "em"])
def test_a_subtitle_glued_to_the_h1_is_dropped_when_the_declared_title_is_the_headline(tag: str) -> None:
    h1 = f'{HEADLINE}<{tag} class="subtitle">{SUBTITLE}</{tag}>'
    assert _meta(_page(f'<meta property="og:title" content="{HEADLINE}">', h1=h1))["title"] == HEADLINE


def test_a_subtitle_glued_to_the_h1_in_german_beside_a_site_name() -> None:
    headline = "Stadtrat beschließt neuen Hafenhaushalt"
    h1 = f"{headline}<small>Die Opposition hält den Plan für viel zu klein und fordert mehr Geld für die Fischer</small>"
    page = _page(f"<title>{headline} | Hafenblatt</title>", h1=h1, lang="de")
    assert _meta(page)["title"] == headline


@pytest.mark.parametrize(
    ("h1", "expected"),
    [
        (f"{HEADLINE}<span>{SUBTITLE}</span>", f"{HEADLINE} {SUBTITLE}"),
        (f"{HEADLINE}.<small>Why it matters</small>", f"{HEADLINE}. Why it matters"),
        ("Le conseil adopte le budget du port<span>L'opposition dénonce un plan trop modeste</span>",
         "Le conseil adopte le budget du port L'opposition dénonce un plan trop modeste"),
    ],
)
def test_an_h1_with_no_declared_title_keeps_its_parts_apart(h1: str, expected: str) -> None:
    assert _meta(_page("", h1=h1))["title"] == expected


# --------------------------------------------------------------------------- bylines


@pytest.mark.parametrize(
    ("byline", "expected", "lang"),
    [
        ('<p class="byline">Von <a href="/autor/anna">Anna Müller</a> und <a href="/autor/jonas">Jonas Weber</a></p>',
         ["Anna Müller", "Jonas Weber"], "de"),
        ('<div class="author">By <a href="/a/jane">Jane Doe</a>, <a href="/a/john">John Roe</a> &amp; <a href="/a/mary">Mary Poe</a></div>',
         ["Jane Doe", "John Roe", "Mary Poe"], "en"),
        ('<p>Par <a href="/p/marie">Marie Dupont</a> et <a href="/p/jean">Jean Martin</a></p>', ["Marie Dupont", "Jean Martin"], "fr"),
        ('<div class="meta"><span>Von</span> <span>Anna Müller</span></div>', ["Anna Müller"], "de"),
        ("<p>Texte : Marie Dupont</p>", ["Marie Dupont"], "fr"),
        ("<p>Oleh: Budi Santoso</p>", ["Budi Santoso"], "id"),
    ],
)
def test_bylines_of_several_names_and_in_more_languages(byline: str, expected: list[str], lang: str) -> None:
    assert _meta(_page(before=byline, lang=lang))["authors"] == expected


def test_a_lower_case_di_is_the_italian_by_a_capitalised_one_opens_a_surname() -> None:
    assert _meta(_page(before='<span class="byline">di Mario Rossi</span>', lang="it"))["authors"] == ["Mario Rossi"]
    assert clean_authors("Di Maio Luigi") == ["Di Maio Luigi"]
    assert clean_authors("Oleh Petrenko") == ["Oleh Petrenko"]  # a Ukrainian given name, no "by"


# --------------------------------------------------------------------------- JSON-LD authors by id


@pytest.mark.parametrize(
    "reference",
    [
        "https://news.example/#/schema/person/1",  # the id alone, as a string
        {"@id": "https://news.example/#/schema/person/1", "@type": "Person", "url": "https://news.example/author/anna"},
    ],
)
def test_an_author_given_by_its_graph_nodes_id(reference: object) -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "NewsArticle", "headline": HEADLINE, "author": [reference]},
            {"@type": "Person", "@id": "https://news.example/#/schema/person/1", "name": "Anna Müller"},
        ],
    }
    assert _meta(_page(_ld(graph)))["authors"] == ["Anna Müller"]


# --------------------------------------------------------------------------- a credit in the description


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("This post was written by Jane M. Doe, MD, a gastroenterologist. Diet is one of the pillars of health.", ["Jane M. Doe"]),
        ("Ein Beitrag, geschrieben von Anna Müller. Der Stadtrat hat beschlossen ...", ["Anna Müller"]),
        ("Un article écrit par Marie Dupont sur le budget du port.", ["Marie Dupont"]),
    ],
)
def test_a_written_by_credit_in_the_description_when_nothing_else_names_anyone(description: str, expected: list[str]) -> None:
    assert _meta(_page(f'<meta name="description" content="{description}">'))["authors"] == expected


def test_a_caption_credit_in_the_description_names_no_author() -> None:
    page = _page('<meta name="description" content="The harbour at dawn. Photo by John Roe. Story written by Jane Doe.">')
    assert _meta(page)["authors"] == ["Jane Doe"]
