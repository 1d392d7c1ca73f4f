"""Issue 11, twelfth round: classes the tuning pages still showed after the eleventh. One small
fixture each; every behaviour test fails on the code before it."""

from __future__ import annotations

import pytest

from newsspider.extraction.metadata.topics import clean_tags
from tests.unit.test_metadata_classes import _ld, _meta, _page

URL = "https://harbourpost.example/2019/11/19/council-approves-budget/"

# --------------------------------------------------------------------------- bylines after a collective credit

_RAIL = ('<aside class="right-rail"><h3>Recent content</h3>'
         '<div class="card"><a href="/2019/11/18/ferry/">Ferry strike ends</a>'
         '<div class="byline-wrapper"><span class="byline">By </span><h3 class="byline">Lisa Roe</h3></div></div></aside>')


def _with_rail(byline: str, head: str = "") -> str:
    return _page(head, before=byline).replace("</article>", f"</article>{_RAIL}")


def test_a_person_in_a_later_byline_after_a_staff_credit_is_another_storys() -> None:
    staff = '<div class="byline-wrapper"><span class="byline">By </span><a href="/authors/harbour-staff/">Harbour Post Staff</a></div>'
    head = '<meta name="author" content="Harbour Post Staff">' + _ld(
        {"@type": "NewsArticle", "headline": "Council approves new harbour budget",
         "author": [{"@type": "Person", "name": "Harbour Post Staff"}]})
    assert _meta(_with_rail(staff, head), url=URL)["authors"] == ["Harbour Post Staff"]
    assert _meta(_with_rail(staff), url=URL)["authors"] == ["Harbour Post Staff"]


def test_a_person_in_a_later_byline_after_the_outlets_credit_is_still_the_writer() -> None:
    """An outlet's name atop a post ("By Harbour Post") is the CMS's default; the writer's own
    byline below names the person."""
    outlet = '<p class="byline">By Harbour Post</p>'
    writer = '<div class="author-box"><span class="author-name">Jane Doe</span></div>'
    page = _page('<meta property="og:site_name" content="Harbour Post">', before=outlet).replace("</article>", f"{writer}</article>")
    assert _meta(page, url=URL)["authors"] == ["Jane Doe"]


def test_without_a_staff_credit_the_rails_byline_is_still_the_only_credit() -> None:
    assert _meta(_with_rail(""), url=URL)["authors"] == ["Lisa Roe"]


# --------------------------------------------------------------------------- the author's bio is no name


def test_an_author_description_is_no_name_the_element_before_it_is() -> None:
    card = ('<div class="grid"><div><img alt="Photo of author" class="avatar dynamic-author-image"></div><div>'
            '<p class="gb-headline">Jane Doe</p>'
            '<div class="dynamic-author-description">Licensed Q Arabica Grader, M.A. Journalism</div></div></div>')
    assert _meta(_page(before=card), url=URL)["authors"] == ["Jane Doe"]


def test_an_author_bio_alone_credits_no_one() -> None:
    bio = '<div><div class="author-bio">Senior Harbour Correspondent, Marine Biologist</div></div>'
    assert _meta(_page(before=bio), url=URL)["authors"] == []


# --------------------------------------------------------------------------- tags: sections and fragments


def test_a_section_among_other_tags_is_dropped_alone_it_is_the_topic() -> None:
    among = '<meta property="article:section" content="Opinion"><meta name="keywords" content="Opinion, Harbour, Budget">'
    assert _meta(_page(among), url=URL)["tags"] == ["Harbour", "Budget"]
    alone = '<meta property="article:section" content="Investing"><meta name="keywords" content="investing">'
    assert _meta(_page(alone), url=URL)["tags"] == ["investing"]


def test_the_outlets_name_alone_is_still_no_tag() -> None:
    head = '<meta property="og:site_name" content="Harbour Post"><meta name="keywords" content="Harbour Post">'
    assert _meta(_page(head), url=URL)["tags"] == []


@pytest.mark.parametrize(("tag", "kept"), [("PG&", False), ("AT&", False), ("T", False), ("E", False), ("PG&E", True), ("AT&T", True), ("猫", True)])
def test_pieces_of_a_list_split_at_an_entity_are_no_tags(tag: str, kept: bool) -> None:
    """ "PG&amp;E" split at its ";" before it reached the page: "PG&", "E"."""
    assert clean_tags([tag], None, URL) == ([tag] if kept else [])


def test_one_tag_a_meta_element_when_there_are_several() -> None:
    """OpenGraph's ``article:tag`` is an array, one tag an element: a comma inside one is the tag's own."""
    several = '<meta property="article:tag" content="Trump, Donald J"><meta property="article:tag" content="Impeachment">'
    assert _meta(_page(several), url=URL)["tags"] == ["Trump, Donald J", "Impeachment"]
    one = '<meta property="article:tag" content="Harbour, Budget, Council">'
    assert _meta(_page(one), url=URL)["tags"] == ["Harbour", "Budget", "Council"]


_TOPICS = ('<div class="tags-container"><h2>Related Topics</h2><ul class="tags-list">'
           '<li class="tags-list__tags"><a href="/news/topics/harbour">Harbour</a></li>'
           '<li class="tags-list__tags"><a href="/news/topics/budget">Budget</a></li></ul></div>')


def test_a_list_marked_as_the_storys_topics_gives_its_tags() -> None:
    page = _page().replace("</article>", f"{_TOPICS}</article>")
    assert _meta(page, url=URL)["tags"] == ["Harbour", "Budget"]


def test_a_marked_list_before_the_headline_or_in_a_word_of_a_class_gives_no_tags() -> None:
    trending = '<div class="trending-tags"><a href="/laptops/">Best laptops</a><a href="/vpn/">Best VPN</a></div>'
    before = _page().replace("<article>", f"<article>{trending}")
    assert _meta(before, url=URL)["tags"] == []
    stage = '<div class="stage"><a href="/a/">Harbour</a></div><div class="vintage-box"><a href="/b/">Budget</a></div>'
    assert _meta(_page().replace("</article>", f"{stage}</article>"), url=URL)["tags"] == []


def test_declared_keywords_come_before_a_marked_list() -> None:
    page = _page('<meta name="keywords" content="Council">').replace("</article>", f"{_TOPICS}</article>")
    assert _meta(page, url=URL)["tags"] == ["Council"]


# --------------------------------------------------------------------------- tags: news_keywords first (session 34)


def test_news_keywords_come_before_index_forms_and_site_flags() -> None:
    """Where a page writes Google News' ``news_keywords`` beside ``article:tag``, ``keywords`` or
    JSON-LD ``keywords``, the others hold a taxonomy's index forms or the site's flags; the
    story's own keywords are ``news_keywords``."""
    head = (
        '<meta property="article:tag" content="Trump, Donald J"><meta property="article:tag" content="Harbour Authority (Org)">'
        '<meta name="keywords" content="Harbour, Budget, commentaries, routine general news">'
        '<meta name="news_keywords" content="Donald Trump, Harbour, Budget">'
        + _ld({"@type": "NewsArticle", "headline": "Harbour", "keywords": ["Harbour", "Budget", "Special Reports"]})
    )
    assert _meta(_page(head), url=URL)["tags"] == ["Donald Trump", "Harbour", "Budget"]


def test_without_news_keywords_the_other_lists_stand() -> None:
    tags = '<meta property="article:tag" content="Trump, Donald J"><meta property="article:tag" content="Harbour">'
    assert _meta(_page(tags), url=URL)["tags"] == ["Trump, Donald J", "Harbour"]
    keywords = '<meta name="keywords" content="Harbour, Budget"><meta name="news_keywords" content="">'
    assert _meta(_page(keywords), url=URL)["tags"] == ["Harbour", "Budget"]
