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


@pytest.mark.parametrize(
    ("updated", "published"),
    [
        ("Обновлено: 15 ноября 2024, 09:00", "Опубликовано: 14 ноября 2024, 10:30"),
        ("Aktualizacja: 15.11.2024, 09:00", "Publikacja: 14.11.2024, 10:30"),
        ("Aggiornato il 15 novembre 2024 alle 09:00", "Pubblicato il 14 novembre 2024 alle 10:30"),
        ("Uppdaterad 15 november 2024 09.00", "Publicerad 14 november 2024 10.30"),
        ("Güncellendi: 15.11.2024 09:00", "Yayınlanma: 14.11.2024 10:30"),
        ("Päivitetty 15.11.2024 klo 9.00", "Julkaistu 14.11.2024 klo 10.30"),
        ("Ενημερώθηκε: 15.11.2024 09:00", "Δημοσιεύθηκε: 14.11.2024 10:30"),
    ],
)
def test_an_update_line_before_the_published_one_is_no_publication_date(updated: str, published: str) -> None:
    page = (
        "<html><head><title>Budżet</title></head><body><article><h1>Sejm przyjął budżet na rok 2025</h1>"
        f'<div class="date">{updated}</div><div class="date">{published}</div>'
        f"<p>{'Tekst artykułu o budżecie. ' * 8}</p></article></body></html>"
    )
    assert extract_metadata(html.fromstring(page), "https://www.example.pl/kraj/budzet-123.html", [])["published"] == "2024-11-14T10:30:00"


def test_a_slashed_date_beside_the_headline_is_read_as_the_url_writes_it() -> None:
    page = (
        "<html><head><title>Wine styles</title></head><body><article><h1>How many wine styles are there?</h1>"
        '<p class="meta">03/10/2023</p>'
        f"<p>{'Wine comes in many styles. ' * 8}</p></article></body></html>"
    )
    url = "https://www.example.co.uk/blog/2023/october/03/wine-styles/"
    assert extract_metadata(html.fromstring(page), url, [])["published"] == "2023-10-03"
    other = "https://www.example.com/blog/wine-styles/"  # no day in the URL: month first, as before
    assert extract_metadata(html.fromstring(page), other, [])["published"] == "2023-03-10"


def test_a_slashed_date_on_a_page_of_a_day_first_country_is_read_day_first() -> None:
    page = (
        '<html lang="es"><head><title>Presupuesto</title></head><body><article><h1>El pleno aprueba el presupuesto</h1>'
        '<p class="meta">12/03/2024 14:05 h</p>'
        f"<p>{'El pleno aprobó el presupuesto del puerto. ' * 8}</p></article></body></html>"
    )
    assert extract_metadata(html.fromstring(page), "https://www.diario.es/local/presupuesto-123.html", [])["published"] == "2024-03-12T14:05:00"
