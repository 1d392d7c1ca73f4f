"""Authors, dates, JSON-LD and title/section metadata."""

from __future__ import annotations

import json

import pytest

from newsspider.dates import normalize_date
from newsspider.extraction import extract_page, jsonld
from newsspider.extraction import html as html_mod
from newsspider.extraction.authors import clean_authors
from newsspider.extraction.metadata import Meta, extract_metadata

URL = "https://news.example/2024/03/05/harbour-reopens-after-storm-damage/"
PARAGRAPHS = [
    "The harbour reopened on Monday after three weeks of repairs to the breakwater, the port authority said.",
    "Fishing boats returned to their moorings in the early morning, and the first ferry left on schedule at nine.",
    "Engineers warned that a second phase of work would be needed before the autumn storms begin next year.",
]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("By Jane Doe", ["Jane Doe"]),
        ("Jane Doe, Senior Correspondent", ["Jane Doe"]),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe, John Roe and Ann Poe", ["Jane Doe", "John Roe", "Ann Poe"]),
        ("Jane Doe & John Roe", ["Jane Doe", "John Roe"]),
        ("Von Max Mustermann und Erika Musterfrau", ["Max Mustermann", "Erika Musterfrau"]),
        ("Par Jean Dupont", ["Jean Dupont"]),
        ("Por María García y José López", ["María García", "José López"]),
        ("Ludwig van Beethoven", ["Ludwig van Beethoven"]),
        ("jane@example.com", []),
        ("https://news.example/author/jane-doe/", []),
        (["Jane Doe", "jane doe", {"@type": "Person", "name": "John Roe"}], ["Jane Doe", "John Roe"]),
        ({"@type": "Person", "name": "By Ann Poe, Staff Writer"}, ["Ann Poe"]),
        ([{"@type": "Person", "givenName": "Ann", "familyName": "Poe"}], ["Ann Poe"]),
    ],
)
def test_clean_authors(value: object, expected: list[str]) -> None:
    assert clean_authors(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-11-28T17:12:44+00:00", "2023-11-28T17:12:44+00:00"),
        ("2023-11-28T17:12:44Z", "2023-11-28T17:12:44+00:00"),
        ("2023-11-28T17:12:44+0100", "2023-11-28T17:12:44+01:00"),
        ("2023-11-28T17:12:44", "2023-11-28T17:12:44"),
        ("2023-11-28 17:12", "2023-11-28T17:12:00"),
        ("2023-11-28", "2023-11-28"),
        ("November 28, 2023", "2023-11-28"),
        ("Nov. 28, 2023 at 5:12 pm", "2023-11-28T17:12:00"),
        ("28 November 2023", "2023-11-28"),
        ("28. November 2023", "2023-11-28"),
        ("28 novembre 2023", "2023-11-28"),
        ("28 de noviembre de 2023", "2023-11-28"),
        ("28.11.2023", "2023-11-28"),
        ("Tue, 28 Nov 2023 17:12:44 GMT", "2023-11-28T17:12:44+00:00"),
        ("not a date", None),
        ("", None),
        (None, None),
        ("2023-02-30", None),
    ],
)
def test_normalize_date(value: object, expected: str | None) -> None:
    assert normalize_date(value) == expected


def _page(head: str = "", body_extra: str = "", lang: str = "en") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">{head}</head>'
        f"<body><main><article><h1>Harbour reopens after storm damage</h1>{body_extra}{paragraphs}</article></main></body></html>"
    )


def _ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _meta(page: str) -> dict:
    tree = html_mod.parse(page)
    assert tree is not None
    return extract_metadata(tree, URL, jsonld.nodes(tree))


def test_jsonld_graph_with_id_references() -> None:
    graph = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebPage", "@id": URL, "name": "Harbour reopens | Coast News"},
            {
                "@type": ["NewsArticle"],
                "headline": "Harbour reopens after storm damage",
                "author": [{"@id": "#p1"}, {"@id": "#p2"}],
                "datePublished": "2024-03-05T08:00:00+01:00",
                "dateModified": "2024-03-05T10:30:00+01:00",
                "articleSection": ["Local", "Economy"],
                "keywords": "harbour, storm, repairs",
                "image": {"@type": "ImageObject", "url": "/img/harbour.jpg"},
                "inLanguage": "en-GB",
            },
            {"@type": "Person", "@id": "#p1", "name": "Jane Doe"},
            {"@type": "Person", "@id": "#p2", "name": "John Roe, Photographer"},
        ],
    }
    meta = _meta(_page(_ld(graph)))
    assert meta["title"] == "Harbour reopens after storm damage"
    assert meta["authors"] == ["Jane Doe", "John Roe"]
    assert meta["published"] == "2024-03-05T08:00:00+01:00"
    assert meta["modified"] == "2024-03-05T10:30:00+01:00"
    assert meta["section"] == "Local"
    assert meta["tags"] == ["harbour", "storm", "repairs"]
    assert meta["image"] == "https://news.example/img/harbour.jpg"


def test_jsonld_list_of_objects_and_keyword_list() -> None:
    data = [
        {"@context": "https://schema.org", "@type": "Organization", "name": "Coast News"},
        {
            "@context": "https://schema.org",
            "@type": "BlogPosting",
            "headline": "Harbour reopens after storm damage",
            "author": {"@type": "Person", "name": "Ann Poe"},
            "datePublished": "2024-03-05",
            "keywords": ["harbour", "Storm", "storm"],
        },
    ]
    meta = _meta(_page(_ld(data)))
    assert meta["authors"] == ["Ann Poe"]
    assert meta["published"] == "2024-03-05"
    assert meta["tags"] == ["harbour", "Storm"]


def test_broken_jsonld_is_ignored_or_repaired() -> None:
    broken = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour reopens after storm damage",}</script>'
    assert _meta(_page(broken))["title"] == "Harbour reopens after storm damage"
    garbage = '<script type="application/ld+json">{not json at all</script>'
    assert _meta(_page(garbage))["title"] == "Harbour reopens after storm damage"


def test_opengraph_and_meta_fallbacks() -> None:
    head = (
        '<title>Harbour reopens after storm damage | Coast News</title>'
        '<meta property="og:site_name" content="Coast News">'
        '<meta property="og:image" content="https://cdn.example/h.jpg">'
        '<meta property="article:published_time" content="2024-03-05T08:00:00Z">'
        '<meta property="article:section" content="Local">'
        '<meta property="article:tag" content="harbour"><meta property="article:tag" content="storms">'
        '<meta name="author" content="By Jane Doe, Staff Reporter">'
        '<meta name="description" content="The harbour is open again.">'
        '<link rel="canonical" href="/2024/03/05/harbour-reopens/">'
    )
    meta = _meta(_page(head))
    assert meta["title"] == "Harbour reopens after storm damage"
    assert meta["authors"] == ["Jane Doe"]
    assert meta["published"] == "2024-03-05T08:00:00+00:00"
    assert meta["section"] == "Local"
    assert meta["tags"] == ["harbour", "storms"]
    assert meta["description"] == "The harbour is open again."
    assert meta["canonical_url"] == "https://news.example/2024/03/05/harbour-reopens/"
    assert meta["image"] == "https://cdn.example/h.jpg"
    assert meta["language"] == "en"


def test_meta_keywords_only_when_no_tags() -> None:
    meta = _meta(_page('<meta name="keywords" content="harbour, storm">'))
    assert meta["tags"] == ["harbour", "storm"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Harbour reopens after storm damage | Coast News", "Harbour reopens after storm damage"),
        ("Harbour reopens after storm damage - Coast News", "Harbour reopens after storm damage"),
        ("Coast News – Harbour reopens after storm damage", "Harbour reopens after storm damage"),
        ("Harbour reopens after storm damage", "Harbour reopens after storm damage"),
    ],
)
def test_title_site_suffix(title: str, expected: str) -> None:
    page = f'<!DOCTYPE html><html><head><title>{title}</title><meta property="og:site_name" content="Coast News"></head><body><p>x</p></body></html>'
    assert _meta(page)["title"] == expected


def test_title_keeps_a_dash_that_belongs_to_the_headline() -> None:
    page = "<html><head><title>Storm - what we know so far</title></head><body><h1>Storm - what we know so far</h1></body></html>"
    assert _meta(page)["title"] == "Storm - what we know so far"


def test_byline_from_markup_and_breadcrumb_section() -> None:
    body = '<p class="byline">By <a rel="author" href="/author/jd">Jane Doe</a>, Senior Correspondent</p>'
    crumbs = _ld(
        {
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": "Home"},
                {"@type": "ListItem", "position": 2, "name": "Local"},
                {"@type": "ListItem", "position": 3, "name": "Harbour reopens after storm damage"},
            ],
        }
    )
    meta = _meta(_page(crumbs, body))
    assert meta["authors"] == ["Jane Doe"]
    assert meta["section"] == "Local"


def test_published_from_time_element_or_htmldate() -> None:
    body = '<time datetime="2024-03-05T08:00:00+01:00">5 March</time>'
    assert _meta(_page("", body))["published"] == "2024-03-05T08:00:00+01:00"
    # No markup at all: htmldate finds the date in the URL.
    assert _meta(_page())["published"] == "2024-03-05"


def test_byline_removed_from_body_and_authors_found() -> None:
    body = '<p class="byline">By Jane Doe</p>'
    fields = extract_page(_page("", body), URL, assume_article=True).fields
    assert fields is not None
    assert fields["authors"] == ["Jane Doe"]
    assert fields["body"] == "\n\n".join(PARAGRAPHS)


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/culture/", "Culture"),  # the article lives under /culture/: its section
        ("/about/", None),  # not a parent folder of the article
        ("https://other.example/culture/", None),  # another site
    ],
)
def test_section_from_kicker_linking_to_a_parent_path(href: str, expected: str | None) -> None:
    from lxml import html as lxml_html

    from newsspider.extraction.metadata import extract_metadata

    page = (
        f"<html><body><div class='x1'><a href='{href}'>{expected or 'Culture'}</a></div>"
        "<h1>Crowds return to the festival</h1><p>Text.</p></body></html>"
    )
    fields = extract_metadata(lxml_html.document_fromstring(page), "https://news.example/culture/2024/01/29/crowds.html", [])
    assert fields["section"] == expected


def test_metadata_reads_the_meta_values_it_is_given() -> None:
    # page_inputs reads <meta> once for the metadata and the classifier: the values passed are used
    page = '<html><head><meta name="author" content="Jane Roe"></head><body><h1>A headline of the day</h1></body></html>'
    tree = html_mod.parse(page)
    assert extract_metadata(tree, URL, [])["authors"] == ["Jane Roe"]
    other = Meta(html_mod.parse(page.replace("Jane Roe", "John Poe")))
    assert extract_metadata(tree, URL, [], other)["authors"] == ["John Poe"]


def test_byline_candidates_are_the_elements_a_check_of_each_attribute_finds() -> None:
    """``_byline_candidates`` reads each element's attributes in one call: the same elements, in
    order, as reading each attribute by name."""
    from lxml import html as lxml_html

    from newsspider.extraction.metadata.bylines import _AUTHOR_HREF, _LABEL_TAGS, _byline_candidates

    page = lxml_html.fromstring(
        "<html><body><div class='x'><span class='post-author'>A</span><span id='byline'>B</span>"
        "<span id='authorbox'>C</span><a rel='author' href='/x'>D</a><span itemprop='author'>E</span>"
        "<div data-component='Byline'>F</div><div data-component='byline'>G</div><author>H</author>"
        "<a href='/authors/jane/'>I</a><a href='/about/'>J</a><strong>Author</strong><b>Authorised dealer list</b>"
        "<span title='author' lang='en'>K</span><p class='Byline'>L</p><p data-x='author'>M</p></div></body></html>"
    )

    def by_name(element) -> bool:
        get = element.get
        marks = get("class")
        text = element.text or ""
        return bool(
            (marks and ("uthor" in marks or "yline" in marks or "byl" in marks))
            or element.tag == "author" or get("rel") == "author" or "author" in (get("itemprop") or "")
            or "uthor" in (get("id") or "") or "yline" in (get("data-component") or "")
            or (element.tag == "a" and _AUTHOR_HREF.search(get("href") or ""))
            or (element.tag in _LABEL_TAGS and len(text) < 16 and ("uthor" in text or "UTHOR" in text))
        )

    found = [e.text for e in _byline_candidates(page)]
    assert found == [e.text for e in page.iter() if by_name(e)]
    assert found == ["A", "C", "D", "E", "F", "G", "H", "I", "Author", "L"]
    def marked(attributes: str) -> bool:
        return bool(_byline_candidates(lxml_html.fromstring(f"<div {attributes}>x</div>")))

    assert marked("rel='author'") and not marked("rel='authors' title='author'")
