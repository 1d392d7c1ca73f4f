"""Pages a mutation fuzz run (session 26: 10,068 mutated dev pages, each extracted with and
without ``assume_article``) found to raise inside ``extract_page`` or to take seconds: each one
now gives a result. trafilatura alone read every one of them."""

from __future__ import annotations

import pytest

from newsspider.charset import best_encoding, canonical, page_encoding
from newsspider.extraction import extract_page
from newsspider.extraction.authors import _EMAIL_OR_HANDLE, split_authors
from newsspider.extraction.jsonld import resolve
from newsspider.extraction.metadata.topics import split_keywords

URL = "https://news.example/2024/01/01/story"
_STORY = b"<article><h1>Council approves budget</h1><p>" + b"The council approved the harbour budget on Monday. " * 12 + b"</p></article>"


def _nested(depth: int, inner: bytes) -> bytes:
    return b"[" * depth + inner + b"]" * depth


REPRODUCERS = {
    # Python codecs a <meta charset> may name that decode no page: "undefined" and "punycode"
    # raise a bare UnicodeError, "idna" refuses errors="replace" (inside w3lib)
    "charset undefined": b'<meta charset="undefined">' + _STORY,
    "charset punycode": b'<meta charset="punycode">' + _STORY,
    "charset idna": b'<meta charset="idna">' + _STORY,
    # JSON nested deeper than the stack: json.loads, then our walks of the author and keywords
    "JSON-LD 1,000 deep": b'<script type="application/ld+json">' + _nested(1000, b"") + b"</script>" + _STORY,
    "author 600 deep": b'<script type="application/ld+json">{"@type":"NewsArticle","author":'
    + _nested(600, b'{"name":"Jane Doe"}') + b"}</script>" + _STORY,
    "keywords 600 deep": b'<script type="application/ld+json">{"@type":"NewsArticle","keywords":'
    + _nested(600, b'"harbour"') + b"}</script>" + _STORY,
    # an author string of 80,000 letters: 12 s in the e-mail pattern before
    "author tag of 80,000 letters": b'<meta name="author" content="' + b"a" * 80_000 + b'">' + _STORY,
}


@pytest.mark.parametrize("html", REPRODUCERS.values(), ids=list(REPRODUCERS))
@pytest.mark.parametrize("assume_article", [True, False])
def test_the_fuzz_runs_pages_give_a_result(html: bytes, assume_article: bool) -> None:
    result = extract_page(html, URL, assume_article=assume_article)
    if assume_article:
        assert result.fields is not None and "harbour budget" in result.fields["body"]


@pytest.mark.parametrize("label", ["undefined", "punycode", "idna", "UNDEFINED"])
def test_a_codec_that_decodes_no_page_is_no_charset(label: str) -> None:
    assert canonical(label) is None
    page = f'<meta charset="{label}"><p>café</p>'.encode()
    assert page_encoding(page) == "utf-8"
    assert best_encoding(page, label) in (None, "utf-8")


def test_a_usable_charset_is_still_named() -> None:
    assert canonical("windows-1252") == "cp1252"
    assert canonical("Shift_JIS") == "cp932"  # w3lib reads the label as browsers do


def test_nested_lists_are_cut_not_recursed() -> None:
    deep: list = ["harbour"]
    for _ in range(600):
        deep = [deep]
    assert split_keywords(deep) == []
    assert split_authors(deep) == ([], [])
    assert "harbour" not in str(resolve(deep, {}))
    shallow = [["Harbour", ["Budget"]]]
    assert split_keywords(shallow) == ["Harbour", "Budget"]


@pytest.mark.parametrize(
    ("text", "found"),
    [("jane.doe@harbourpost.example", True), ("Jane Doe jane@harbourpost.example", True), ("@janedoe", True),
     ("https://harbourpost.example/jane", True), ("Jane Doe", False), ("a" * 5000, False)],
)
def test_the_email_or_handle_pattern_starts_at_a_word(text: str, found: bool) -> None:
    assert bool(_EMAIL_OR_HANDLE.search(text)) is found
