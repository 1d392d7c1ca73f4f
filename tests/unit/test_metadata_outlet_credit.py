"""Issue 11: a story credited to the outlet itself in its opening ("Harbour Post - The council
...", "(Harbour Post) —") names no person, yet it is credited: the outlet, as the text writes
it. Only when nothing else is credited, and only the outlet's own name (a wire agency in the
dateline is credited by ``Places.agencies``; any other name before a dash is a place or a kicker)."""

from __future__ import annotations

import pytest

from tests.unit.test_metadata_classes import _meta

URL = "https://harbourpost.example/2019/11/19/council-approves-budget/"
_SITE = '<meta property="og:site_name" content="Harbour Post">'
_STORY = (
    "<p>{opening} The city council approved the harbour budget on Tuesday after a long debate.</p>"
    "<p>The vote was seven to two, and the mayor said work on the quay would start in spring.</p>"
)


def _page(opening: str, *, head: str = _SITE, byline: str = "", description: str = "") -> str:
    head += f'<meta name="description" content="{description}">' if description else ""
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{head}</head>'
        f"<body><article><h1>Council approves the harbour budget</h1>{byline}"
        f"{_STORY.format(opening=opening)}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("Harbour Post -", ["Harbour Post"]),
        ("<strong>Harbour Post</strong> —", ["Harbour Post"]),  # the name in its own element
        ("(Harbour Post) —", ["Harbour Post"]),
        ("PORTSMOUTH (Harbour Post) -", ["Harbour Post"]),
        ("harbourpost.example -", ["harbourpost.example"]),  # the host's name
        ("PORTSMOUTH -", []),  # a place, no credit
        ("Budget row -", []),  # a kicker before a dash
        ("Harbour Post Weekly -", []),  # a longer name holding the outlet's: a series, a kicker
        ("", []),
    ],
)
def test_the_stories_opening_credits_the_outlet(opening: str, expected: list[str]) -> None:
    assert _meta(_page(opening), URL)["authors"] == expected


def test_a_person_or_an_agency_is_credited_before_the_outlets_opening() -> None:
    byline = '<p class="byline">By Jane Doe</p>'
    assert _meta(_page("Harbour Post -", byline=byline), URL)["authors"] == ["Jane Doe"]
    assert _meta(_page("PORTSMOUTH (Harbour Post/AP) -"), URL)["authors"] == ["AP"]


def test_without_a_declared_site_name_the_hosts_name_is_the_outlet() -> None:
    assert _meta(_page("Harbour Post -", head=""), URL)["authors"] == ["Harbour Post"]  # harbourpost.example
    assert _meta(_page("Harbour Daily -", head=""), URL)["authors"] == []


def test_a_description_opening_with_the_outlets_name_is_its_tagline_no_credit() -> None:
    page = _page("", description="Harbour Post - news of the harbour, every day")
    assert _meta(page, URL)["authors"] == []
    # the story's own opening still credits it
    page = _page("Harbour Post -", description="Harbour Post - news of the harbour, every day")
    assert _meta(page, URL)["authors"] == ["Harbour Post"]
