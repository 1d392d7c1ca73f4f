"""The metadata failure classes of issue 11, one small fixture each: entities, authors,
dates, tags, titles, language."""

from __future__ import annotations

import json

import pytest

from newsspider.dates import most_precise
from newsspider.extraction import extract_page, jsonld
from newsspider.extraction import html as html_mod
from newsspider.extraction.authors import clean_authors
from newsspider.extraction.language import declared_code, detect_language
from newsspider.extraction.metadata import clean_tags, extract_metadata
from newsspider.extraction.text import plain_text

URL = "https://news.example/politics/2024/03/05/council-approves-new-harbour-budget/"
HEADLINE = "Council approves new harbour budget"
PARAGRAPHS = [
    "The city council approved the harbour budget on Tuesday after a debate that lasted most of the afternoon.",
    "Members said the money would pay for a new breakwater, dredging of the inner basin and two new cranes.",
    "Opponents argued that the plan did too little for the fishing fleet, which has shrunk by half in ten years.",
]


def _page(head: str = "", *, h1: str = HEADLINE, before: str = "", lang: str = "en") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    lang_attr = f' lang="{lang}"' if lang else ""
    return (
        f'<!DOCTYPE html><html{lang_attr}><head><meta charset="utf-8">{head}</head>'
        f"<body><article><h1>{h1}</h1>{before}{paragraphs}</article></body></html>"
    )


def _ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def _meta(page: str, url: str = URL) -> dict:
    tree = html_mod.parse(page)
    assert tree is not None
    return extract_metadata(tree, url, jsonld.nodes(tree))


# --------------------------------------------------------------------------- entities


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Br&uuml;cken zerst&ouml;ren", "Brücken zerstören"),
        ("&#8216;family&#8217; values", "‘family’ values"),
        ("T&uuml;rkiye&#039;de", "Türkiye'de"),
        ("Fish &amp;amp; chips", "Fish & chips"),
        ("AT&T results", "AT&T results"),
        ("  two\n lines <b>bold</b> ", "two lines bold"),
    ],
)
def test_plain_text_decodes_entities_once_or_twice(raw: str, expected: str) -> None:
    assert plain_text(raw) == expected


def test_control_characters_are_removed_but_mojibake_is_still_repaired() -> None:
    assert plain_text("Jane \x01Doe\x1b") == "Jane Doe"
    assert plain_text("Investor\u00e2\u0080\u0099s") == "Investor\u2019s"  # C1 characters of mojibake: repaired first


@pytest.mark.parametrize("odd", ["\x01", "\uffff", "\ufffe"])
def test_a_control_character_in_a_declared_author_neither_crashes_nor_reaches_the_record(odd: str) -> None:
    """lxml refuses such a string as an XPath variable: the byline search once raised on it
    (U+FFFF: found by fuzzing mutated tuning pages; the HTML parser keeps it in an attribute)."""
    head = f'<meta name="author" content="Jane {odd}Doe">'
    assert _meta(_page(head, before='<p class="byline">By Jane Doe/dpa</p>'))["authors"] == ["Jane Doe", "dpa"]


def test_plain_text_removes_what_is_no_xml_character() -> None:
    assert plain_text("Mari\uffffa \ufffe& Katerina\ud800") == "Maria & Katerina"


def test_entities_in_jsonld_title_and_keywords() -> None:
    data = {
        "@type": "NewsArticle",
        "headline": "Council approves new harbour budget &#8216;at last&#8217;",
        "keywords": "Cooperative Governance &amp; Traditional Affairs, T&uuml;rkiye",
    }
    meta = _meta(_page(_ld(data), h1="Council approves new harbour budget ‘at last’"))
    assert meta["title"] == "Council approves new harbour budget ‘at last’"
    assert meta["tags"] == ["Cooperative Governance & Traditional Affairs", "Türkiye"]


def test_double_escaped_meta_title() -> None:
    meta = _meta(_page('<meta property="og:title" content="Fish &amp;amp; chips shop reopens">', h1="x"))
    assert meta["title"] == "Fish & chips shop reopens"


# --------------------------------------------------------------------------- authors


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Jane Doe/dpa", ["Jane Doe", "dpa"]),
        ("By Jane Doe (AFP)", ["Jane Doe", "AFP"]),
        ("dpa", ["dpa"]),
        ({"@type": "Organization", "name": "The Associated Press"}, ["The Associated Press"]),
        ({"@type": "Organization", "name": "nieuwsblad.be"}, ["nieuwsblad.be"]),
        ([{"@type": "Organization", "name": "Coast News"}, {"@type": "Person", "name": "Jane Doe"}], ["Jane Doe"]),
        (["2024", "105092"], []),
        ({"@type": "Organization", "name": "2024"}, []),
        ("Jan de Vries en Piet Jansen", ["Jan de Vries", "Piet Jansen"]),
        ("Ilana Roe, MS, RDN", ["Ilana Roe"]),  # credentials
        ("John Roe, PhD", ["John Roe"]),
        ("by Jeff Doe Monday, November 18, 2019", ["Jeff Doe"]),  # a date line glued after the name
        ("Jane Doe Updated March 5, 2024", ["Jane Doe"]),
        ("Jane Doe, John Roe, Max Mustermann", ["Jane Doe", "John Roe", "Max Mustermann"]),
    ],
)
def test_authors_agencies_organisations_numbers(value: object, expected: list[str]) -> None:
    assert clean_authors(value) == expected


def test_outlet_gives_way_to_the_person_in_the_byline() -> None:
    data = {"@type": "NewsArticle", "headline": HEADLINE, "author": {"@type": "Organization", "name": "Coast News"}}
    byline = '<p class="byline">By <span class="author-name">Jane Doe</span></p>'
    assert _meta(_page(_ld(data), before=byline))["authors"] == ["Jane Doe"]
    assert _meta(_page(_ld(data)))["authors"] == ["Coast News"]


def test_dateline_place_in_byline_markup_is_no_author() -> None:
    byline = '<span class="byline">Frankfurt</span>'
    assert _meta(_page(before=byline))["authors"] == []


def test_byline_found_by_trafilatura_when_our_markup_rules_miss_it() -> None:
    byline = '<div class="meta"><a href="/staff/jane" rel="author">Jane Doe</a></div>'
    assert _meta(_page(before=byline))["authors"] == ["Jane Doe"]
    byline = '<div class="info"><span class="authorName">Jane Doe</span></div>'
    assert _meta(_page(before=byline))["authors"] == ["Jane Doe"]


def test_outlet_domain_in_author_meta_when_nothing_else() -> None:
    assert _meta(_page('<meta name="author" content="nieuwsblad.be">'))["authors"] == ["nieuwsblad.be"]


# --------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["2024-03-05", "2024-03-05T10:30:00+01:00"], "2024-03-05T10:30:00+01:00"),
        (["2024-03-05T10:30:00", "2024-03-05T10:30:00+01:00"], "2024-03-05T10:30:00+01:00"),
        (["2024-03-05T09:30:00", "2024-03-05T10:30:00+01:00"], "2024-03-05T10:30:00+01:00"),  # naive UTC
        (["2024-03-05T00:00:00", "2024-03-05T10:30:00+01:00"], "2024-03-05T10:30:00+01:00"),  # midnight = a date
        (["2024-03-05T10:30:00", "2024-03-05T18:00:00+01:00"], "2024-03-05T10:30:00"),  # another time
        (["2024-03-05", "2024-02-01T10:30:00+01:00"], "2024-03-05"),  # another day
        (["2024-03-05T10:30:00+01:00", "2024-03-05T10:30:00+00:00"], "2024-03-05T10:30:00+01:00"),
        ([None, "2024-03-05"], "2024-03-05"),
        ([None], None),
    ],
)
def test_most_precise_consistent_date(values: list[str | None], expected: str | None) -> None:
    assert most_precise(values) == expected


def test_offset_from_a_later_date_field() -> None:
    head = (
        '<meta property="article:published_time" content="2024-03-05T10:30:00">'
        + _ld({"@type": "NewsArticle", "headline": HEADLINE})
        + '<meta itemprop="datePublished" content="2024-03-05T10:30:00+01:00">'
    )
    assert _meta(_page(head))["published"] == "2024-03-05T10:30:00+01:00"


def test_time_from_the_article_time_element_when_meta_has_the_day() -> None:
    head = '<meta name="date" content="2024-03-05">'
    meta = _meta(_page(head, before='<time datetime="2024-03-05T10:30:00+01:00">5 March</time>'))
    assert meta["published"] == "2024-03-05T10:30:00+01:00"


# --------------------------------------------------------------------------- tags


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["Politics,Federal Politics"], ["Politics", "Federal Politics"]),
        (["Politik Bundestag Haushalt Hafen Stadtrat"], ["Politik", "Bundestag", "Haushalt", "Hafen", "Stadtrat"]),
        (["Harbours", "Category: Travel", "NLP Category: Business", "3f2b9c1e-8d4a-4e2b-9f1a-2c3d4e5f6a7b"], ["Harbours"]),
        (["Harbours", "Local"], ["Harbours"]),  # the section
        (["council", "approves", "harbour", "budget"], []),  # the slug cut into words
        (["harbour", "budget", "Fishing fleet"], ["harbour", "budget", "Fishing fleet"]),
    ],
)
def test_tag_classes(tags: list[str], expected: list[str]) -> None:
    head = "".join(f'<meta property="article:tag" content="{t}">' for t in tags)
    head += '<meta property="article:section" content="Local">'
    assert _meta(_page(head))["tags"] == expected


def test_clean_tags_keeps_ordinary_tags() -> None:
    assert clean_tags(["Budget", "budget", "EU"], None, URL) == ["Budget", "EU"]


def test_list_items_are_not_split_at_spaces() -> None:
    data = {"@type": "NewsArticle", "headline": HEADLINE, "keywords": ["Department of Cooperative Governance and Affairs", "Budget"]}
    assert _meta(_page(_ld(data)))["tags"] == ["Department of Cooperative Governance and Affairs", "Budget"]


# --------------------------------------------------------------------------- titles


def test_title_prefers_the_declared_headline_matching_the_h1() -> None:
    head = _ld({"@type": "NewsArticle", "headline": "Harbour budget: council says yes"}) + f'<meta property="og:title" content="{HEADLINE}">'
    assert _meta(_page(head))["title"] == HEADLINE


def test_title_without_site_suffix_unknown_site_name() -> None:
    head = f'<meta property="og:title" content="{HEADLINE} - Die Neue Hafenzeitung">'
    assert _meta(_page(head))["title"] == HEADLINE


def test_site_suffix_from_jsonld_publisher_without_h1() -> None:
    data = {"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Die Neue Hafenzeitung"}}
    head = _ld(data) + f"<title>{HEADLINE} - Die Neue Hafenzeitung</title>"
    page = f'<html><head>{head}</head><body><div class="logo">x</div><p>{PARAGRAPHS[0]}</p></body></html>'
    assert _meta(page)["title"] == HEADLINE


def test_kicker_only_in_one_source_is_dropped() -> None:
    kicker_h1 = f'<span class="kicker">After the vote:</span> {HEADLINE}'
    head = f'<meta property="og:title" content="{HEADLINE}">'
    assert _meta(_page(head, h1=kicker_h1))["title"] == HEADLINE
    head = f'<meta property="og:title" content="After the vote: {HEADLINE}">'
    assert _meta(_page(head))["title"] == HEADLINE


def test_logo_h1_is_not_the_title() -> None:
    head = f'<meta property="og:title" content="{HEADLINE}"><meta property="og:site_name" content="Coast News">'
    assert _meta(_page(head, h1="Coast News"))["title"] == HEADLINE


# --------------------------------------------------------------------------- language

GERMAN = (
    "Der Stadtrat hat am Dienstag den Haushalt für den Hafen beschlossen. Die Mitglieder sagten, das Geld werde "
    "für einen neuen Wellenbrecher, das Ausbaggern des inneren Beckens und zwei neue Kräne verwendet. "
    "Gegner meinten, der Plan tue zu wenig für die Fischereiflotte, die in zehn Jahren um die Hälfte geschrumpft sei."
)
ENGLISH = " ".join(PARAGRAPHS)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("en-GB", "en"), ("de_DE", "de"), ("EN", "en"), ("x-default", None), ("und", None), ("iw", "he"), (None, None)],
)
def test_declared_code(value: object, expected: str | None) -> None:
    assert declared_code(value) == expected


def test_detector_fills_a_missing_declaration() -> None:
    language, score = detect_language(GERMAN, None)
    assert language == "de" and score is not None and score > 0.9


def test_detector_overrides_a_contradicted_declaration() -> None:
    language, score = detect_language(GERMAN, "en")
    assert language == "de" and score is not None and score > 0.9


def test_agreeing_declaration_gets_the_detector_score() -> None:
    language, score = detect_language(ENGLISH, "en-US")
    assert language == "en" and score is not None and score > 0.9


def test_close_languages_keep_the_declaration_and_short_texts_are_not_judged() -> None:
    assert detect_language("Kratak tekst.", "hr") == ("hr", None)
    assert detect_language(GERMAN, "da")[0] == "de"  # not close: overridden


def test_language_and_score_in_the_record() -> None:
    page = _page(lang="").replace("".join(f"<p>{p}</p>" for p in PARAGRAPHS), f"<p>{GERMAN}</p><p>{GERMAN}</p>")
    fields = extract_page(page, URL, assume_article=True).fields
    assert fields is not None
    assert fields["language"] == "de"
    assert 0.9 < fields["language_score"] <= 1.0


def test_visible_headline_over_a_different_seo_title() -> None:
    head = '<meta property="og:title" content="Harbour budget 2024: costs, cranes and dredging explained">'
    assert _meta(_page(head))["title"] == HEADLINE
    # a one-word <h1> is a label or a logo, not the headline
    assert _meta(_page(head, h1="Politics"))["title"] == "Harbour budget 2024: costs, cranes and dredging explained"


def test_a_person_node_named_in_lower_case_is_still_a_person() -> None:
    assert clean_authors({"@type": "Person", "name": "jane doe"}) == ["jane doe"]
    assert clean_authors("jane doe") == []  # free text in lower case is no byline


# --------------------------------------------------------------------------- titles: site names, cut titles, spelling


@pytest.mark.parametrize(
    ("url", "declared"),
    [
        ("https://www.hafenzeitung.example/a/1", f"{HEADLINE} - Die Neue Südtiroler Hafenzeitung"),  # the host's label
        ("https://www.nhz.example/a/1", f"{HEADLINE} | Neue Hafen Zeitung"),  # initials of the host's label
        ("https://harbour.example/a/1", f"Harbour Online | harbour.example - {HEADLINE}"),  # two names in front
        ("https://harbour.example/a/1", f"harbour.example {HEADLINE}"),  # a domain glued by a space
    ],
)
def test_site_name_told_by_the_host(url: str, declared: str) -> None:
    head = f"<title>{declared}</title>" + ('<meta property="og:site_name" content="Harbour Online">' if "harbour." in url else "")
    page = f'<html><head>{head}</head><body><div class="logo">x</div><p>{PARAGRAPHS[0]}</p></body></html>'
    assert _meta(page, url)["title"] == HEADLINE


def test_a_series_name_in_front_is_kept() -> None:
    """At the start of a title a name holding the host's label is as often a series name."""
    head = f"<title>Hafenzeitung Weekly #18 - {HEADLINE}</title>"
    page = f"<html><head>{head}</head><body><p>{PARAGRAPHS[0]}</p></body></html>"
    assert _meta(page, "https://www.hafenzeitung.example/a/1")["title"] == f"Hafenzeitung Weekly #18 - {HEADLINE}"


LONG = f"{HEADLINE} after a debate that lasted most of the afternoon"


def test_cut_declared_title_gives_way_to_the_full_h1() -> None:
    head = f'<meta property="og:title" content="{LONG[:-12]}">'  # cut mid-word
    assert _meta(_page(head, h1=LONG))["title"] == LONG
    head = f'<meta property="og:title" content="{HEADLINE}">'  # the SEO title leaves out the second half
    assert _meta(_page(head, h1=f"{HEADLINE}: what changes for the fleet"))["title"] == f"{HEADLINE}: what changes for the fleet"


def test_h1_label_after_a_separator_or_beside_the_headline_is_dropped() -> None:
    head = f'<meta property="og:title" content="{HEADLINE}">'
    assert _meta(_page(head, h1=f"{HEADLINE} | Opinion"))["title"] == HEADLINE
    h1 = f'{HEADLINE}<div class="meta"><span class="posted-on">Posted on March 5, 2024</span> by Jane Doe</div>'
    assert _meta(_page(head, h1=h1))["title"] == HEADLINE
    h1 = f'<span class="title"><a href="/x">{HEADLINE}</a> <a href="https://other.example/">(other.example)</a></span>'
    assert _meta(_page(head, h1=h1))["title"] == HEADLINE


def test_jsonld_headline_cut_at_a_length_limit_without_h1() -> None:
    data = {"@type": "NewsArticle", "headline": " ".join(LONG.split()[:8])}
    head = _ld(data) + f'<meta property="og:title" content="{LONG} - Coast News"><meta property="og:site_name" content="Coast News">'
    page = f'<html><head>{head}</head><body><div class="logo">x</div><p>{PARAGRAPHS[0]}</p></body></html>'
    assert _meta(page)["title"] == LONG


def test_declared_spelling_when_the_h1_lost_spaces_or_shouts() -> None:
    head = f'<meta property="og:title" content="{HEADLINE}">'
    glued = "Council approves<span>new harbour budget</span>"
    assert _meta(_page(head, h1=glued))["title"] == HEADLINE
    assert _meta(_page(head, h1="Council<br>approves new<br>harbour budget"))["title"] == HEADLINE
    assert _meta(_page(head, h1=HEADLINE.upper()))["title"] == HEADLINE
    assert _meta(_page(head, h1="Council approves new Harbour Budget"))["title"] == "Council approves new Harbour Budget"


def test_kicker_in_both_sources_is_kept() -> None:
    head = f'<meta property="og:title" content="After the vote: {HEADLINE}">'
    h1 = f'<span class="kicker">After the vote:</span> {HEADLINE}'
    assert _meta(_page(head, h1=h1))["title"] == f"After the vote: {HEADLINE}"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Investor&#226;&#128;&#153;s guide", "Investor’s guide"),
        ("Investorâ€™s guide", "Investor’s guide"),
        ("CafÃ© crème", "Café crème"),
        ("„Gruß“ aus Köln, 20 °C · © Ägypten", "„Gruß“ aus Köln, 20 °C · © Ägypten"),
    ],
)
def test_utf8_read_as_windows_1252_is_repaired(raw: str, expected: str) -> None:
    assert plain_text(raw) == expected


# --------------------------------------------------------------------------- authors: outlets, places, collectives, markup


def test_person_named_like_the_outlet_gives_way_to_the_byline() -> None:
    data = {"@type": "NewsArticle", "headline": HEADLINE, "author": {"@type": "Person", "name": ", HARBOUR HERALD"}}
    head = _ld(data) + '<meta property="og:site_name" content="Harbour Herald">'
    byline = '<div class="author-name">Jane Doe</div>'
    assert _meta(_page(head, before=byline))["authors"] == ["Jane Doe"]
    assert _meta(_page(head))["authors"] == ["HARBOUR HERALD"]  # no one else: the outlet


def test_personal_site_keeps_its_author_and_reads_no_by_lines() -> None:
    """A site named like its author: "By" lines elsewhere (a reading list) name no one else."""
    data = {"@type": "BlogPosting", "headline": HEADLINE, "author": {"@type": "Person", "name": "Jane Doe"}}
    head = _ld(data) + '<meta property="og:site_name" content="Jane Doe">'
    reading_list = "<ul><li><p>By Alexander Bookwriter</p></li></ul>"
    assert _meta(_page(head, before=reading_list))["authors"] == ["Jane Doe"]


@pytest.mark.parametrize(
    ("author", "located", "opening"),
    [
        ("Frankfurt", {"contentLocation": {"@type": "Place", "name": "Frankfurt"}}, ""),
        ("Germany", {"locationCreated": {"@type": "Place", "address": {"addressLocality": "Frankfurt", "addressCountry": "Germany"}}}, ""),
        ("Frankfurt", {"dateline": "FRANKFURT, Germany"}, ""),
        ("Frankfurt", {}, "Frankfurt/Main (dpa) - Der Stadtrat hat am Dienstag den Haushalt beschlossen."),
        ("New York", {}, "NEW YORK, March 5 — The council approved the harbour budget on Tuesday."),
    ],
)
def test_place_as_author_is_dropped(author: str, located: dict, opening: str) -> None:
    data = {"@type": "NewsArticle", "headline": HEADLINE, "author": {"@type": "Person", "name": author}, **located}
    page = _page(_ld(data), before=f"<p>{opening}</p>" if opening else "")
    assert _meta(page)["authors"] == (["dpa"] if "(dpa)" in opening else [])  # the place never; the dateline's agency
    byline = '<span class="byline">By Jane Doe</span>'
    assert _meta(_page(_ld(data), before=byline + (f"<p>{opening}</p>" if opening else "")))["authors"] == ["Jane Doe"]


def test_a_name_opening_the_story_is_no_dateline() -> None:
    data = {"@type": "NewsArticle", "headline": HEADLINE, "author": {"@type": "Person", "name": "Jane Doe"}}
    page = _page(_ld(data), before="<p>Jane Doe - a reporter for twenty years - looks back.</p>")
    assert _meta(page)["authors"] == ["Jane Doe"]


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ('<p class="byline">By The Coast News Team</p>', ["The Coast News Team"]),
        ('<div class="author">Coast Staff</div>', ["Coast Staff"]),
        ('<p class="byline">By Jane Doe, Staff Writer</p>', ["Jane Doe"]),  # a role beside a person
        ('<p class="byline">By Jane Doe ⋅ Senior Analyst ⋅ Updated May 6, 2025</p>', ["Jane Doe"]),
        ('<p class="byline">Mar. 5, 2024 · Jane Doe on behalf of the Harbour Group</p>', ["Jane Doe"]),
        ('<p class="byline">By Jane Doe for Coast Weekly</p>', ["Jane Doe"]),
        ('<div class="byline">Written by: <ul><li><a href="/a/1">Jane Doe</a></li><li><a href="/a/2">Rachel MacFarlane</a></li></ul></div>', ["Jane Doe", "Rachel MacFarlane"]),
        ('<div class="x"><span>By</span><span>Jane Doe</span></div>', ["Jane Doe"]),
        ('<nav class="menu"><a>By Industry</a><a>By Use Case</a></nav>', []),
    ],
)
def test_byline_markup_classes(byline: str, expected: list[str]) -> None:
    assert _meta(_page(before=byline))["authors"] == expected


def test_meta_author_all_in_lower_case_is_a_name() -> None:
    assert _meta(_page('<meta name="author" content="jane doe">'))["authors"] == ["jane doe"]
    assert _meta(_page('<meta name="author" content="admin">'))["authors"] == []


def test_declared_user_name_credited_only_when_no_one_else_is() -> None:
    assert _meta(_page('<meta name="author" content="jdoe_writes">'))["authors"] == ["jdoe_writes"]
    byline = '<p class="byline">By Jane Doe</p>'
    assert _meta(_page('<meta name="author" content="jdoe_writes">', before=byline))["authors"] == ["Jane Doe"]
    data = {"@type": "NewsArticle", "headline": HEADLINE, "author": {"@type": "Person", "name": "admin"}}
    assert _meta(_page(_ld(data)))["authors"] == []  # a CMS account names no one


def test_citation_authors_last_name_first() -> None:
    head = '<meta name="citation_author" content="Roe, Jane"><meta name="citation_author" content="Doe, John">'
    assert _meta(_page(head))["authors"] == ["Jane Roe", "John Doe"]


# --------------------------------------------------------------------------- audit: classes the rules above missed

GERMAN_URL = "https://www.hafenblatt.example/politik/2024/03/05/stadtrat-haushalt/"
GERMAN_H1 = "Stadtrat beschließt Hafen-Haushalt"


def _german(head: str = "", before: str = "") -> str:
    return f'<html lang="de"><head><meta charset="utf-8">{head}</head><body><article><h1>{GERMAN_H1}</h1>{before}<p>{GERMAN}</p></article></body></html>'


@pytest.mark.parametrize(
    ("author", "byline", "expected"),
    [
        ({"@type": "Organization", "name": "dpa"}, '<p class="byline">Von Jana Schmidt</p>', ["Jana Schmidt", "dpa"]),
        ({"@type": "Person", "name": "Jana Schmidt"}, '<p class="byline">Von Jana Schmidt/dpa</p>', ["Jana Schmidt", "dpa"]),
        ({"@type": "Person", "name": "Jane Doe"}, '<p class="byline">By Jane Doe | Reuters</p>', ["Jane Doe", "Reuters"]),
        ({"@type": "Organization", "name": "AFP"}, "", ["AFP"]),  # the agency alone: still credited
        # another person's line (Jane Doe printed too: a declared name the page never prints gives
        # way to the visible byline, test_metadata_classes_6)
        ({"@type": "Person", "name": "Jane Doe"}, '<p class="byline">By John Roe (AFP)</p><p>Mit Jane Doe</p>', ["Jane Doe"]),
    ],
)
def test_agency_beside_the_person_across_sources(author: dict, byline: str, expected: list[str]) -> None:
    data = {"@type": "NewsArticle", "headline": GERMAN_H1, "author": author}
    assert _meta(_german(_ld(data), byline), GERMAN_URL)["authors"] == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ('<p class="byline">Reporter: Jane Doe</p>', ["Jane Doe"]),
        ('<p class="byline">Text und Fotos: Jana Schmidt</p>', ["Jana Schmidt"]),
        ('<p class="byline">Par Jeanne Dupont et Paul Martin</p>', ["Jeanne Dupont", "Paul Martin"]),
        ('<p class="byline">Por María García y José López</p>', ["María García", "José López"]),
    ],
)
def test_byline_labels_and_languages(byline: str, expected: list[str]) -> None:
    assert _meta(_german(before=byline), GERMAN_URL)["authors"] == expected


def test_place_inside_the_dateline_is_no_author() -> None:
    opening = "<p>BERLIN, Germany (dpa) - Der Stadtrat hat am Dienstag den Haushalt beschlossen.</p>"
    assert _meta(_german('<meta name="author" content="Germany">', opening), GERMAN_URL)["authors"] == ["dpa"]
    opening = "<p>Frankfurt/Main (dpa) - Der Stadtrat hat am Dienstag den Haushalt beschlossen.</p>"
    assert _meta(_german('<meta name="author" content="Main">', opening), GERMAN_URL)["authors"] == ["dpa"]


@pytest.mark.parametrize(
    ("head", "before", "expected"),
    [
        # naive local time first, the same instant in UTC later: the UTC value, as written
        ('<meta property="article:published_time" content="2024-03-05T10:30:00"><meta name="parsely-pub-date" content="2024-03-05T09:30:00Z">', "", "2024-03-05T09:30:00+00:00"),
        # ... but a UTC time off by no zone's offset is another time: the first value stays
        ('<meta property="article:published_time" content="2024-03-05T10:30:00"><meta name="parsely-pub-date" content="2024-03-05T09:10:00Z">', "", "2024-03-05T10:30:00"),
        # a bare day in the first meta key, the time in a later one
        ('<meta name="date" content="2024-03-05"><meta name="dc.date" content="2024-03-05T10:30:00+01:00">', "", "2024-03-05T10:30:00+01:00"),
        # a midnight to the second is a day in disguise
        (_ld({"@type": "NewsArticle", "datePublished": "2024-03-05T00:00:00Z"}) + '<meta property="article:published_time" content="2024-03-05T10:30:00+01:00">', "", "2024-03-05T10:30:00+01:00"),
        # a list of dates in JSON-LD
        (_ld({"@type": "NewsArticle", "datePublished": ["2024-03-05T10:30:00+01:00"]}), "", "2024-03-05T10:30:00+01:00"),
        # the update's <time> comes first: by its label or its class, it is not the publication
        ('<meta name="date" content="2024-03-05">', '<p>Aktualisiert am <time datetime="2024-03-05T18:00:00+01:00">18:00</time></p><p>Veröffentlicht am <time datetime="2024-03-05T10:30:00+01:00">10:30</time></p>', "2024-03-05T10:30:00+01:00"),
        ('<meta name="date" content="2024-03-05">', '<time class="updated" datetime="2024-03-05T18:00:00+01:00">x</time><time class="published" datetime="2024-03-05T10:30:00+01:00">y</time>', "2024-03-05T10:30:00+01:00"),
        # a post never updated: WordPress marks its one <time> as both
        ('<meta name="date" content="2024-03-05">', '<time class="entry-date published updated" datetime="2024-03-05T10:30:00+01:00">y</time>', "2024-03-05T10:30:00+01:00"),
        # the time printed only in the date line (local, naive: no offset made up)
        ('<meta name="date" content="2024-03-05">', '<p class="article-date">5. März 2024, 10:30 Uhr</p>', "2024-03-05T10:30:00"),
        ('<meta name="date" content="2024-03-05">', '<p class="date">Mis à jour le 5 mars 2024 à 18h00</p>', "2024-03-05"),
        # a day and nothing else: the day
        (_ld({"@type": "NewsArticle", "datePublished": "2024-03-05"}), "", "2024-03-05"),
    ],
)
def test_published_to_the_minute_from_the_most_precise_field(head: str, before: str, expected: str) -> None:
    assert _meta(_german(head, before), GERMAN_URL)["published"] == expected


def test_time_outside_the_article_only_adds_precision() -> None:
    time = '<div class="meta"><time datetime="2024-03-05T10:30:00+01:00">5.3.</time></div>'
    page = f'<html><head><meta name="date" content="2024-03-05">{{}}</head><body>{time}<h1>{GERMAN_H1}</h1><p>{GERMAN}</p></body></html>'
    assert _meta(page.format(""), GERMAN_URL)["published"] == "2024-03-05T10:30:00+01:00"
    other_day = page.replace('content="2024-03-05"', 'content="2024-03-06"').format("")
    assert _meta(other_day, GERMAN_URL)["published"] == "2024-03-06"  # never the date on its own


@pytest.mark.parametrize(
    ("tags", "expected"),
    [
        (["Hafen", "source:dpa", "paywall:free", "storytype:standard"], ["Hafen"]),
        (["Cooperative Governance &amp; Traditional Affairs"], ["Cooperative Governance & Traditional Affairs"]),
        (["Bank of England interest rate decision"], ["Bank of England interest rate decision"]),
        (["Politik Bundestag Haushalt Hafen Stadtrat"], ["Politik", "Bundestag", "Haushalt", "Hafen", "Stadtrat"]),
    ],
)
def test_tag_junk_and_joined_names(tags: list[str], expected: list[str]) -> None:
    head = "".join(f'<meta property="article:tag" content="{t}">' for t in tags)
    assert _meta(_german(head), GERMAN_URL)["tags"] == expected


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        # a link to the author's page, without a byline class
        ('<div class="x"><a href="/blog/authors/jane-doe" aria-label="Jane Doe"><span>Jane Doe</span></a></div>', ["Jane Doe"]),
        ('<div class="x"><a href="/blog/author/jane/">Jane Doe </a></div>', ["Jane Doe"]),
        # the name after an "Author(s)" label
        ("<div><h3>Author</h3> <p> Jane Doe</p></div>", ["Jane Doe"]),
        ('<div><h6>Author(s)</h6><ul><li><a href="/lib/?q=1">Jane Doe</a></li><li><a href="/lib/?q=2">John Roe</a></li></ul></div>', ["Jane Doe", "John Roe"]),
        # a byline in an <aside>; a theme's main column ("sidebar_content" with the id "content") is no sidebar
        ('<aside class="post-author">Jane Doe</aside>', ["Jane Doe"]),
        ('<div class="sidebar_content" id="content"><p class="post-meta"><span class="author"><a href="/x">Jane Doe</a></span></p></div>', ["Jane Doe"]),
        ('<div class="sidebar_content"><p class="post-meta"><span class="author"><a href="/x">Jane Doe</a></span></p></div>', []),
        ('<div class="sidebar"><p class="post-meta"><span class="author"><a href="/x">Jane Doe</a></span></p></div>', []),
        # "by:" in lower case, the name in its own text node
        ("<p>by: <!-- -->Jane Doe<!-- -->, <!-- -->Dec 17, 2025</p>", ["Jane Doe"]),
    ],
)
def test_byline_without_a_byline_class(byline: str, expected: list[str]) -> None:
    assert _meta(_page(before=byline))["authors"] == expected



@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Newsdesk", ["Newsdesk"]),  # a collective credit in one word
        ("Redaktion Hafenblatt", ["Redaktion Hafenblatt"]),
        ("Team Example", ["Team Example"]),
        ("Team Leader Jane Doe", []),  # a role, not a team
        ("Read More", []),  # page chrome beside a byline
    ],
)
def test_collective_credits_and_chrome(value: str, expected: list[str]) -> None:
    assert clean_authors(value) == expected


def test_read_more_link_in_the_byline_is_no_author() -> None:
    byline = '<div class="author-box"><a href="/p/jane">Read More</a></div><p class="byline">By Jane Doe</p>'
    assert _meta(_page(before=byline))["authors"] == ["Jane Doe"]


@pytest.mark.parametrize(
    ("head", "before", "expected"),
    [
        # itemprop with two names, on a meta whose property is "article:published"
        ('<meta name="date" content="2024-03-05"><meta property="article:published" itemprop="datePublished dateCreated" content="2024-03-05T09:30:00.000Z">', "", "2024-03-05T09:30:00+00:00"),
        # the itemprop's value as the element's text
        ('<meta name="date" content="2024-03-05">', '<div itemprop="datePublished">2024-03-05T10:30:00+01:00</div>', "2024-03-05T10:30:00+01:00"),
        # the time in another JSON-LD node (a Yoast WebPage, a ClaimReview), the article's node giving none
        ('<meta name="date" content="2024-03-05">' + _ld({"@graph": [{"@type": "NewsArticle", "headline": GERMAN_H1}, {"@type": "WebPage", "datePublished": "2024-03-05T10:30:00+01:00"}]}), "", "2024-03-05T10:30:00+01:00"),
        # ... which never gives another day
        ('<meta name="date" content="2024-03-05">' + _ld({"@graph": [{"@type": "NewsArticle", "headline": GERMAN_H1}, {"@type": "WebPage", "datePublished": "2024-03-01T10:30:00+01:00"}]}), "", "2024-03-05"),
    ],
)
def test_published_time_in_less_common_fields(head: str, before: str, expected: str) -> None:
    assert _meta(_german(head, before), GERMAN_URL)["published"] == expected


def test_every_declared_section_is_no_tag() -> None:
    data = {"@type": "NewsArticle", "headline": GERMAN_H1, "articleSection": ["Politik", "Hamburg"], "keywords": "Politik, Hamburg, Hafen, Haushalt"}
    crumbs = {"@type": "BreadcrumbList", "itemListElement": [{"position": 1, "name": "Nachrichten"}, {"position": 2, "name": "Regional"}]}
    head = _ld(data) + _ld(crumbs) + '<meta property="article:tag" content="Regional">'
    assert _meta(_german(head), GERMAN_URL)["tags"] == ["Hafen", "Haushalt"]


def test_the_outlet_credited_under_two_names_is_credited_once() -> None:
    page = _page('<meta name="author" content="Harbour Herald">', before='<p class="byline">Harbour Herald Sponsored</p>')
    assert _meta(page, "https://www.harbourherald.example/a/1")["authors"] == ["Harbour Herald"]


def test_a_page_without_an_article_node_is_dated_by_its_webpage_node() -> None:
    graph = {"@graph": [{"@type": "WebPage", "datePublished": "2024-03-01T10:30:00+00:00", "dateModified": "2024-03-05T08:00:00+00:00"}]}
    head = _ld(graph) + '<meta property="article:modified_time" content="2024-03-05T08:00:00+00:00">'
    meta = _meta(_german(head), GERMAN_URL)
    assert (meta["published"], meta["modified"]) == ("2024-03-01T10:30:00+00:00", "2024-03-05T08:00:00+00:00")


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ('<div class="author-box"><p><b>About the Author</b>Harbour Lifestyle Desk</p></div>', ["Harbour Lifestyle Desk"]),  # glued by markup
        ('<p class="byline">Team HarbourWatch</p>', ["Team HarbourWatch"]),  # one collective credit: not unglued
        ('<p class="byline">By Jane Doe and Team</p>', ["Jane Doe"]),
    ],
)
def test_collective_credit_labels(byline: str, expected: list[str]) -> None:
    assert _meta(_page(before=byline))["authors"] == expected


def test_detector_reads_the_first_1000_characters() -> None:
    """The detector reads a 1,000-character prefix of the body (the same language as 1,500 or
    2,000 on every dev page): what follows it changes nothing (a body of numbers and an
    English line, then German: 1,500 characters read German)."""
    prefix = (("2024 " * 200)[: 1000 - 200] + ENGLISH[:200])[:1000]
    text = prefix + " " + GERMAN * 10
    assert detect_language(text, None) == detect_language(prefix, None)
    assert detect_language(text, None)[0] == "en"
    assert detect_language(text, "en") == detect_language(prefix, "en")
