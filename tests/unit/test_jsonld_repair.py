"""JSON-LD scripts with a CMS's mistakes are read: trailing commas, raw newlines in strings,
``//`` comment lines, junk after the object (a stray ``}``), two objects in one script."""

from __future__ import annotations

import pytest

from newsspider.extraction.jsonld import _loads
from tests.unit.test_metadata_classes import _meta, _page

URL = "https://harbourpost.example/2019/11/19/council-approves-budget/"

ARTICLE = """{
  "@context": "http://schema.org",
  "@type": "NewsArticle",
  "headline": "Council approves new harbour budget",
  "datePublished": "2019-11-18T14:26:12-10:00",
  "publisher": {"@type": "Organization", "name": "Harbour Post"}
}"""


@pytest.mark.parametrize(
    "script",
    [
        ARTICLE.replace('"Harbour Post"}', '"Harbour Post",},'),  # trailing commas
        ARTICLE.replace('"publisher"', '// will be empty for branded publishing\n  "publisher"'),  # a comment line
        ARTICLE + "\n  },\n  // trailing\n  \"description\": \"x\"\n}",  # a stray brace, then junk
        ARTICLE + '\n{"@type": "WebSite", "name": "Harbour Post"}',  # two objects
    ],
)
def test_a_broken_jsonld_script_still_dates_the_page(script: str) -> None:
    head = f'<script type="application/ld+json">{script}</script>'
    assert _meta(_page(head), url=URL)["published"] == "2019-11-18T14:26:12-10:00"


def test_leading_values() -> None:
    assert _loads('{"a": 1}\n{"b": 2}') == [{"a": 1}, {"b": 2}]
    assert _loads('[{"a": 1}] [{"b": 2}]') == [{"a": 1}, {"b": 2}]
    assert _loads('{"a": 1}}; junk') == {"a": 1}
    assert _loads("junk") is None
    assert _loads("") is None
