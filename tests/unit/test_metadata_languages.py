"""Metadata written in other languages (issue 11's hidden set: 181 publishers in 41 countries):
bylines with other languages' words for "by" / "author" / "text", found in a plain element as in
one marked as a byline, the word itself never part of the name; keywords separated by the commas
of other scripts."""

from __future__ import annotations

import pytest
from lxml import html

from newsspider.extraction.metadata import extract_metadata

HEADLINE = "<h1>Regierung legt Haushalt vor und erntet Kritik</h1>"
PARAGRAPH = "<p>" + "Die Regierung hat am Dienstag ihren Entwurf vorgelegt. " * 5 + "</p>"


def _authors(byline: str) -> list[str]:
    page = (
        "<html><head><title>Regierung legt Haushalt vor und erntet Kritik</title></head>"
        f"<body><article>{HEADLINE}{byline}{PARAGRAPH}</article></body></html>"
    )
    return extract_metadata(html.fromstring(page), "https://www.example.org/politik/haushalt-123.html", [])["authors"]


@pytest.mark.parametrize("mark", ['class="byline"', 'class="meta"'])
@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Autor: Jan Kowalski", ["Jan Kowalski"]),  # Polish, Czech, German, Spanish label
        ("Av Erik Andersson", ["Erik Andersson"]),  # Swedish, Norwegian, capitalised
        ("av Erik Andersson", ["Erik Andersson"]),
        ("Af Lars Nielsen", ["Lars Nielsen"]),  # Danish
        ("Av Kari Nordmann, NTB", ["Kari Nordmann", "NTB"]),  # and the agency
        ("Szerző: Kovács János", ["Kovács János"]),  # Hungarian
        ("Του Γιώργου Παπαδόπουλου", ["Γιώργου Παπαδόπουλου"]),  # Greek: "of", the name in the genitive
        ("Της Μαρίας Παπαδοπούλου", ["Μαρίας Παπαδοπούλου"]),
        ("Teksti: Matti Virtanen", ["Matti Virtanen"]),  # Finnish "text"
        ("Tekst: Kari Nordmann", ["Kari Nordmann"]),  # Norwegian, Danish, Polish, Dutch
    ],
)
def test_a_byline_in_another_language(mark: str, line: str, expected: list[str]) -> None:
    assert _authors(f"<p {mark}>{line}</p>") == expected


@pytest.mark.parametrize(
    "line",
    [
        "<p>Av Sjöström kommer hem</p>",  # a sentence, not a byline
        "<h4>DoorDash Flagship Office</h4>",  # Dutch "Door" is read only where the markup says byline
        "<p><strong>Door View Cam</strong> is powered by a battery.</p>",
    ],
)
def test_words_that_only_look_like_a_by(line: str) -> None:
    assert _authors(line) == []


@pytest.mark.parametrize(
    ("keywords", "expected"),
    [
        ("政治、経済、国際", ["政治", "経済", "国際"]),  # Japanese ideographic comma
        ("政治，经济，国际", ["政治", "经济", "国际"]),  # Chinese fullwidth comma
        ("政治；经济", ["政治", "经济"]),  # fullwidth semicolon
        ("سياسة، اقتصاد، دولي", ["سياسة", "اقتصاد", "دولي"]),  # Arabic comma
        ("Politics,Federal Politics", ["Politics", "Federal Politics"]),
    ],
)
def test_keywords_split_at_any_scripts_comma(keywords: str, expected: list[str]) -> None:
    page = f'<html><head><title>Haushalt</title><meta name="keywords" content="{keywords}"></head><body><p>Text.</p></body></html>'
    assert extract_metadata(html.fromstring(page), "https://www.example.org/politik/haushalt-123.html", [])["tags"] == expected


def _section(breadcrumb: str, url: str = "https://www.example.pl/kraj/budzet-123.html") -> str | None:
    page = (
        "<html><head><title>Budżet przyjęty</title></head><body>"
        f'<nav class="breadcrumb">{breadcrumb}</nav><h1>Budżet przyjęty</h1><p>Sejm przyjął budżet.</p></body></html>'
    )
    return extract_metadata(html.fromstring(page), url, [])["section"]


@pytest.mark.parametrize(
    "home",
    [
        '<a href="/">Strona główna</a>',  # "home" in Polish: no list of words needed
        '<a href="https://example.pl/">Example</a>',  # the site's name, without www.
        '<a href="/index.html">Αρχική</a>',
        '<a href="/pl/">Start</a>',  # a language's root
    ],
)
def test_the_first_crumb_that_goes_home_is_no_section(home: str) -> None:
    assert _section(f'{home} <a href="/kraj/">Kraj</a>') == "Kraj"
    assert _section(home) is None


def test_a_first_crumb_with_a_query_or_another_host_is_a_section() -> None:
    # a forum's section: "index.php?/forum/3-support/"; another site's home page
    assert _section('<a href="/index.php?/forum/3-support/">Support</a>') == "Support"
    assert _section('<a href="https://www.other.example/">Partner</a>') == "Partner"


def test_json_ld_breadcrumb_first_item_home() -> None:
    graph = [{
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Etusivu", "item": "https://www.example.fi/"},
            {"@type": "ListItem", "position": 2, "name": "Budjetti hyväksyttiin"},
        ],
    }]
    page = "<html><head><title>Budjetti hyväksyttiin</title></head><body><h1>Budjetti hyväksyttiin</h1><p>Eduskunta.</p></body></html>"
    assert extract_metadata(html.fromstring(page), "https://www.example.fi/budjetti-1", graph)["section"] is None
