"""Issue 11, tenth round: author classes that the validation part misses more than the tuning
part (a name the page marks as the author's but writes as one word or a user name, a byline in
a share bar or a widget, a "Written by" label pair in the meta tags, placeholders, agencies after
"with"/"mit", a name cut inside a glued word), one small fixture each."""

from __future__ import annotations

import pytest

from newsspider.extraction.authors import clean_authors
from newsspider.extraction.metadata.credits import _shortest_names
from tests.unit.test_metadata_classes import HEADLINE, _ld, _meta, _page

# --------------------------------------------------------------------------- one word marked as the author's


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        # a first name or a pen name alone in the author's own element
        ('<p class="meta">Posted on May 2, 2025 by <span class="author-name">Amanda</span></p>', ["Amanda"]),
        ('<div class="post-info"><span itemprop="author">Kathrin</span> · 5. März 2025</div>', ["Kathrin"]),
        # a user name in a rel="author" link
        ('<p class="post-meta"> by <span class="author vcard"><a href="/profile/42" rel="author">jdoe</a></span> | Apr 21, 2025</p>',
         ["jdoe"]),
        # a one-word section label in a "byline" box, a placeholder account: no one
        ('<div class="byline"><span>Lifestyle</span></div>', []),
        ('<p>by <span class="author-name">Admin</span></p>', []),
    ],
)
def test_one_word_in_an_element_marked_as_the_authors(byline: str, expected: list[str]) -> None:
    assert _meta(_page(before=byline))["authors"] == expected


def test_a_word_the_page_also_writes_in_lower_case_is_a_label() -> None:
    byline = '<p class="meta">by <a rel="author" href="/about/">Profile</a></p><p>Edit your profile to follow the council.</p>'
    assert _meta(_page(before=byline))["authors"] == []


def test_the_outlets_account_in_a_byline_is_credited_as_the_outlet() -> None:
    byline = '<p class="post-meta"> by <span class="author vcard"><a href="/author/harbourpost/" rel="author">harbourpost</a></span></p>'
    assert _meta(_page(before=byline), url="https://harbourpost.example/2025/budget/")["authors"] == ["harbourpost"]


# --------------------------------------------------------------------------- placeholders


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (_ld({"@type": "NewsArticle", "headline": HEADLINE, "author": {"@type": "Person", "name": "Webmaster"}}), []),
        ('<meta name="author" content="Admin">', []),
        ('<meta name="author" content="Anonymous">', ["Anonymous"]),  # an essay's credit, no placeholder
    ],
)
def test_a_placeholder_account_is_no_author_whatever_its_case(head: str, expected: list[str]) -> None:
    assert _meta(_page(head))["authors"] == expected


# --------------------------------------------------------------------------- bylines in skipped blocks


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        # the story's header wrapped in a share bar or a widget: the only credit on the page
        ('<div class="share-header"><span class="author-name">Jane Doe</span><a href="/share">Share</a></div>', ["Jane Doe"]),
        ('<div class="widget-content"><p class="author">Jane Doe</p></div>', ["Jane Doe"]),
        # a comment form's label and a sidebar's author box are never bylines
        ('<div id="comments"><div class="share-box"><span class="comment-author-name">Name</span></div></div>', []),
        ('<div class="sidebar"><div class="widget"><p class="author">Jane Doe</p></div></div>', []),
    ],
)
def test_a_byline_in_a_skipped_block_when_nothing_else_names_anyone(byline: str, expected: list[str]) -> None:
    assert _meta(_page(before=byline))["authors"] == expected


def test_a_skipped_block_loses_to_a_byline_elsewhere() -> None:
    byline = '<p class="byline">By John Roe</p><div class="share-header"><span class="author-name">Jane Doe</span></div>'
    assert _meta(_page(before=byline))["authors"] == ["John Roe"]


# --------------------------------------------------------------------------- label pairs in the meta tags


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta name="twitter:label1" content="Written by"><meta name="twitter:data1" content="Jane Doe">', ["Jane Doe"]),
        ('<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="7 minutes">'
         '<meta name="twitter:label2" content="Geschrieben von"><meta name="twitter:data2" content="Anna Müller">', ["Anna Müller"]),
        ('<meta name="twitter:label1" content="Est. reading time"><meta name="twitter:data1" content="7 minutes">', []),
        # a declared author wins over the label pair
        ('<meta name="author" content="John Roe"><meta name="twitter:label1" content="Written by">'
         '<meta name="twitter:data1" content="Jane Doe">', ["John Roe"]),
    ],
)
def test_the_writer_of_a_written_by_label_pair(head: str, expected: list[str]) -> None:
    assert _meta(_page(head))["authors"] == expected


# --------------------------------------------------------------------------- agencies and unnamed agencies


@pytest.mark.parametrize(
    ("byline", "expected"),
    [
        ("Jane Doe mit dpa", ["Jane Doe", "dpa"]),
        ("By Jane Doe with AP", ["Jane Doe", "AP"]),
        ("Par Jean Dupont avec AFP", ["Jean Dupont", "AFP"]),
        ("By Jane Doe with John Roe", ["Jane Doe", "John Roe"]),
        ("Jane Doe und Agenturen", ["Jane Doe"]),
        ("Jane Doe mit Agenturmaterial", ["Jane Doe"]),
        # the agency at the end of a credit, also in brackets
        ("Von Jane Doe mit Material von dpa", ["Jane Doe", "dpa"]),
        ("By Jane Doe with reporting by AP", ["Jane Doe", "AP"]),
        ("Jane Doe (mit dpa)", ["Jane Doe", "dpa"]),
        ("Jane Doe (Berlin)", ["Jane Doe"]),
        ("Photos by AP", []),
        ("Jane Doe, with agencies", ["Jane Doe"]),
        ("Con Coughlin", ["Con Coughlin"]),  # a capitalised "Con" is a name
    ],
)
def test_agencies_after_with_and_unnamed_agencies(byline: str, expected: list[str]) -> None:
    assert clean_authors(byline) == expected


# --------------------------------------------------------------------------- fragments of a glued word


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Team SimplyThrilled", "Team Simply"], ["Team SimplyThrilled"]),
        (["Help Net Security Sponsored", "Help Net Security"], ["Help Net Security"]),
        (["Harbour Post", "Harbour Times"], ["Harbour Post", "Harbour Times"]),
    ],
)
def test_a_name_cut_inside_a_glued_word_is_a_fragment(names: list[str], expected: list[str]) -> None:
    assert _shortest_names(names) == expected


def test_a_collective_credit_glued_to_its_date() -> None:
    byline = '<div class="author-card"><div class="author-name">Team SimplyThrilled</div><div class="date">September 4, 2025</div></div>'
    assert _meta(_page(before=byline))["authors"] == ["Team SimplyThrilled"]
