"""Acceptance test: the reference page, rebuilt in several CMS markups, extracts exactly."""

from __future__ import annotations

import pytest

from newsspider.extraction import extract_page
from tests.helpers import FIXTURES

FIXTURES = FIXTURES / "extraction"
URL = (
    "https://worldaffairs-daily.example/2023/11/28/"
    "united-states-and-peru-convene-for-annual-dialogue-of-the-child-protection-compact-partnership/"
)
TITLE = "United States and Peru Convene for Annual Dialogue of the Child Protection Compact Partnership"
PARAGRAPHS = (FIXTURES / "seed_paragraphs.txt").read_text(encoding="utf-8").strip().split("\n\n")
BOILERPLATE = (
    "Sunday, April 21, 2024",
    "14.2 C",
    "Los Angeles",
    "Civilians at Risk",
    "Advancing technology for aquaculture",
    "planetary boundary layer",
    "détente",
    "...",
    "Human RightsUnited",
    "Story from",
    "Disclaimer",
    "The views expressed",
    "Check out our other content",
    "Check out other tags",
    "Most Popular Articles",
    "Rising sea levels",
    "trafficking in persons\n",
    "World Affairs Daily",
)
SEED_FILES = sorted(p.name for p in FIXTURES.glob("seed_*.html"))


def test_there_are_several_markups() -> None:
    assert len(SEED_FILES) >= 3


@pytest.mark.parametrize("name", SEED_FILES)
def test_reference_page(name: str) -> None:
    result = extract_page((FIXTURES / name).read_bytes(), URL)
    assert result.skip_reason is None
    fields = result.fields
    assert fields is not None
    assert fields["title"] == TITLE
    assert fields["section"] == "Human Rights"
    assert fields["body"] == "\n\n".join(PARAGRAPHS)
    for marker in BOILERPLATE:
        assert marker not in fields["body"], marker
    assert fields["canonical_url"] == URL


@pytest.mark.parametrize("name", SEED_FILES)
def test_reference_page_as_text_with_assume_article(name: str) -> None:
    result = extract_page((FIXTURES / name).read_text(encoding="utf-8"), URL, assume_article=True)
    assert result.fields is not None
    assert result.fields["body"].split("\n\n") == PARAGRAPHS


def test_reference_page_metadata_from_markup() -> None:
    fields = extract_page((FIXTURES / "seed_tagdiv.html").read_bytes(), URL).fields
    assert fields is not None
    assert fields["published"] == "2023-11-28T17:12:44+00:00"
    assert fields["language"] == "en"
    assert fields["tags"] == ["child protection", "Peru", "trafficking in persons", "United States"]
    assert fields["image"] == "https://worldaffairs-daily.example/wp-content/uploads/2023/11/peru-cpc-dialogue.jpg"
    assert fields["extraction"] == "model-first"  # the model alone is sure of the reference page
    html5 = extract_page((FIXTURES / "seed_html5.html").read_bytes(), URL).fields
    assert html5 is not None
    assert html5["published"] == "2023-11-28T12:12:44-05:00"
    assert html5["tags"] == ["child protection", "Peru"]
