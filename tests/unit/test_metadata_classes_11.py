"""Issue 11, eleventh round: classes the news pages' own labels showed (benchmarks/data/
article-extraction-metadata.json, tuning part): placeholder dates, CMS codes and the writer's name
among the tags, topics declared for analytics only or as ``rel="tag"`` links, an agency in another
part of the byline, another story's agency after a staff credit. One small fixture each."""

from __future__ import annotations

import pytest

from newsspider.dates import normalize_date
from newsspider.extraction.metadata.topics import MAX_TAG_LINKS, clean_tags
from tests.unit.test_metadata_classes import _ld, _meta, _page

URL = "https://harbourpost.example/2019/11/19/council-approves-budget/"

# --------------------------------------------------------------------------- placeholder dates


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0001-01-01T00:00:00+00:00", None),  # .NET's DateTime.MinValue: the CMS's field was empty
        ("0001-01-01", None),
        ("1799-12-31", None),
        ("1851-09-18", "1851-09-18"),  # an archive's date is kept
        ("2019-11-19T10:02:00-05:00", "2019-11-19T10:02:00-05:00"),
    ],
)
def test_a_date_before_1800_is_a_placeholder(value: str, expected: str | None) -> None:
    assert normalize_date(value) == expected


def test_a_placeholder_in_the_json_ld_leaves_the_date_the_page_shows() -> None:
    head = _ld({"@type": "NewsArticle", "headline": "Council approves new harbour budget",
                "datePublished": "0001-01-01T00:00:00+00:00", "dateModified": "0001-01-01T00:00:00+00:00"})
    shown = '<p class="meta"><time datetime="2019-11-19T10:02:00-05:00">Nov. 19, 2019 10:02 AM</time></p>'
    assert _meta(_page(head, before=shown), url=URL)["published"] == "2019-11-19T10:02:00-05:00"


# --------------------------------------------------------------------------- tags


@pytest.mark.parametrize(
    ("tag", "kept"),
    [
        ("@post-id:1913719", False),
        ("@hp-top-stories", False),
        ("_no-apple-news", False),
        ("channel_other", False),  # snake_case: an identifier, no topic
        ("autoplay_video", False),
        ("COVID-19", True),
        ("Hong Kong", True),
        ("Snake_Case", True),  # capitals: written by a person
    ],
)
def test_cms_codes_are_no_tags(tag: str, kept: bool) -> None:
    assert clean_tags([tag], None, URL) == ([tag] if kept else [])


def test_topics_declared_for_analytics_only() -> None:
    head = '<meta name="parsely-tags" content="Harbour, Budget">'
    assert _meta(_page(head), url=URL)["tags"] == ["Harbour", "Budget"]
    head = '<meta name="sailthru.tags" content="Harbour,Fishing fleet">'
    assert _meta(_page(head), url=URL)["tags"] == ["Harbour", "Fishing fleet"]
    # the keywords come first
    head = '<meta name="keywords" content="Breakwater"><meta name="parsely-tags" content="Harbour">'
    assert _meta(_page(head), url=URL)["tags"] == ["Breakwater"]


def _tag_links(*names: str) -> str:
    return "".join(f'<a rel="tag" href="/tag/{n.lower().replace(" ", "-")}/">{n}</a> ' for n in names)


def test_rel_tag_links_of_the_article_when_no_keywords_are_declared() -> None:
    page = _page(before=f'<p class="tags">Tags: {_tag_links("Harbour", "Fishing fleet")}</p>')
    assert _meta(page, url=URL)["tags"] == ["Harbour", "Fishing fleet"]
    page = _page('<meta name="keywords" content="Breakwater">', before=f"<p>{_tag_links('Harbour')}</p>")
    assert _meta(page, url=URL)["tags"] == ["Breakwater"]


@pytest.mark.parametrize(
    "where",
    [
        '<aside><p>Popular tags: {links}</p></aside>',  # a sidebar's
        '<div class="widget tag-cloud">{links}</div>',
        '<footer><p>{links}</p></footer>',
        '<div class="related-posts"><p>{links}</p></div>',  # each related post's own tags
    ],
)
def test_rel_tag_links_outside_the_article_are_not_its_tags(where: str) -> None:
    page = _page(before=where.format(links=_tag_links("Harbour", "Fishing fleet")))
    assert _meta(page, url=URL)["tags"] == []


def test_a_tag_cloud_is_not_the_articles_tags() -> None:
    names = [f"Topic {i}" for i in range(MAX_TAG_LINKS + 1)]
    assert _meta(_page(before=f"<p>{_tag_links(*names)}</p>"), url=URL)["tags"] == []


def test_the_writers_name_is_no_tag() -> None:
    head = '<meta name="author" content="Jane Doe"><meta name="keywords" content="Harbour, Jane Doe, Budget">'
    got = _meta(_page(head, before='<p class="byline">By Jane Doe</p>'), url=URL)
    assert got["authors"] == ["Jane Doe"]
    assert got["tags"] == ["Harbour", "Budget"]


# --------------------------------------------------------------------------- agencies in bylines


def test_an_agency_in_another_part_of_the_byline_is_credited() -> None:
    byline = ('<div class="story-byline"><div class="byline-names">By JANE DOE and JOHN ROE</div>'
              '<div class="byline-title">Associated Press</div></div>')
    assert _meta(_page(before=byline), url=URL)["authors"] == ["JANE DOE", "JOHN ROE", "Associated Press"]


def test_another_storys_agency_after_a_staff_credit_is_not_credited() -> None:
    byline = '<p>By <span class="reporter">HARBOUR POST STAFF</span></p>'
    ticker = '<div class="ticker"><span>Ferry strike ends</span><p>By <span class="reporter">REUTERS</span></p></div>'
    page = _page(before=byline).replace("</article>", f"</article>{ticker}")
    assert _meta(page, url=URL)["authors"] == ["HARBOUR POST STAFF"]
    # without the staff credit, the agency's "By" line is the page's only credit
    assert _meta(_page(before=ticker), url=URL)["authors"] == ["Reuters"]


# --------------------------------------------------------------------------- found by the fuzz test


@pytest.mark.parametrize("char", ["\x0b", "\x0c", "\x01", "\ufffe"])
def test_a_character_xml_has_not_in_a_by_line(char: str) -> None:
    """A form feed (or another character XML has no place for) in a "By" line: no XPath variable
    can hold that text, so the byline search walks the page instead of raising."""
    assert _meta(_page(before=f"<p>By Jane{char} Doe</p>"), url=URL)["authors"] == ["Jane Doe"]
