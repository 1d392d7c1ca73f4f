"""readability's second opinion (newsspider/extraction/readability_text.py) on pages it cannot read."""

from __future__ import annotations

from lxml import html as lxml_html

from newsspider.extraction import extract_page
from newsspider.extraction.readability_text import readability_blocks

# A page cut after its <head> (a dropped connection, a truncated save), which declares an article.
HEAD_ONLY = (
    '<html lang="en"><head><meta charset="utf-8"><title>A Guide to Workflow Automation | Example</title>'
    '<meta name="description" content="Workflows explained: automate workflows with open-source, flexible'
    ' automation. Learn features, use cases, and how to get started.">'
    '<meta property="og:title" content="A Guide to Workflow Automation"><meta property="og:type" content="article">'
    "</head></html>"
)


def test_a_page_without_a_body_gives_no_blocks() -> None:
    """readability's summary of such a page is a whole document without <body>, which lxml's
    fragment parser refuses with an AssertionError (not one of the errors readability raises)."""
    assert readability_blocks(lxml_html.document_fromstring(HEAD_ONLY)) == []


def test_extract_page_skips_a_page_cut_before_its_body() -> None:
    result = extract_page(HEAD_ONLY, "https://news.example/2025/01/02/workflow-automation", assume_article=True)
    assert result.fields is None and result.skip_reason == "no_body"


def test_a_page_with_a_body_still_gets_readability_blocks() -> None:
    page = HEAD_ONLY.replace("</head></html>", "</head><body><article>" + "<p>" + "A sentence of the story. " * 20 + "</p>" + "</article></body></html>")
    blocks = readability_blocks(lxml_html.document_fromstring(page))
    assert blocks and blocks[0].text.startswith("A sentence of the story.")
