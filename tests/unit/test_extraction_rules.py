"""SiteRules: remove selectors (CSS and XPath), body container, boilerplate regexes; headline de-duplication."""

from __future__ import annotations

import pytest

from newsspider.extraction import SiteRules, extract_page
from newsspider.extraction.body import Block, drop_headline

URL = "https://coast.example/2024/03/05/harbour-reopens-after-storm-damage/"
P1 = "The harbour reopened on Monday after three weeks of repairs to the breakwater, the port authority said in a statement."
P2 = "Fishing boats returned to their moorings in the early morning, and the first ferry left on schedule at nine o'clock."
P3 = "Engineers warned that a second phase of work would be needed before the autumn storms begin again next year."
PROMO = "Coast News members get early access to our harbour webcam and a weekly digest of shipping movements from the port."


def _page(extra_in_article: str = "", outside: str = "") -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta property="og:type" content="article">'
        "<title>Harbour reopens after storm damage | Coast News</title></head><body>"
        f"{outside}<article><h1>Harbour reopens after storm damage</h1><div class=\"text\"><p>{P1}</p>"
        f'<div class="promo-box"><p>{PROMO}</p></div><p>{P2}</p>{extra_in_article}<p>{P3}</p></div></article></body></html>'
    )


def _body(html: str, rules: SiteRules | None = None) -> list[str]:
    result = extract_page(html, URL, rules)
    assert result.fields is not None, result.skip_reason
    return result.fields["body"].split("\n\n")


def test_generic_keeps_the_promo_paragraph() -> None:
    assert PROMO in _body(_page())


@pytest.mark.parametrize("selector", [".promo-box", "div.promo-box p", "//div[@class='promo-box']", "(//div[contains(@class,'promo')])[1]"])
def test_remove_selector(selector: str) -> None:
    assert _body(_page(), SiteRules(remove=(selector,))) == [P1, P2, P3]


def test_boilerplate_regex() -> None:
    assert _body(_page(), SiteRules(boilerplate=(r"^Coast News members",))) == [P1, P2, P3]


def test_body_selector_restricts_to_container() -> None:
    outside = "<div class='intro'><p>" + "Long unrelated introduction text that should never be part of the article body. " * 3 + "</p></div>"
    html = _page(outside=outside)
    body = _body(html, SiteRules(body="article div.text", remove=(".promo-box",)))
    assert body == [P1, P2, P3]
    result = extract_page(html, URL, SiteRules(body="article div.text"))
    assert result.fields is not None and result.fields["extraction"] == "site-rules"


def test_body_selector_without_match_falls_back_to_generic() -> None:
    result = extract_page(_page(), URL, SiteRules(body="div.does-not-exist"))
    # generic (whichever of its paths the gate picks), not site-rules
    assert result.fields is not None and result.fields["extraction"] in ("model-first", "model", "trafilatura")


def test_invalid_selector_is_a_configuration_error() -> None:
    with pytest.raises(ValueError, match="invalid selector"):
        extract_page(_page(), URL, SiteRules(remove=("div[[",)))


def test_headings_and_list_items_are_their_own_blocks() -> None:
    extra = "<h2>What happens next</h2><ul><li>Phase two starts in May.</li><li>The ferry timetable stays unchanged.</li></ul>"
    body = _body(_page(extra))
    assert body == [P1, PROMO, P2, "What happens next", "Phase two starts in May.", "The ferry timetable stays unchanged.", P3]


TITLE = "Harbour reopens after storm damage"


@pytest.mark.parametrize(
    "first",
    [TITLE, "LocalHarbour reopens after storm damage", "Local Harbour reopens after storm damage", "HARBOUR REOPENS AFTER STORM DAMAGE"],
)
def test_headline_not_repeated(first: str) -> None:
    blocks = [Block(first), Block(P1), Block(P2)]
    assert [b.text for b in drop_headline(blocks, TITLE, "Local")] == [P1, P2]


def test_headline_text_later_in_body_is_kept() -> None:
    blocks = [Block(P1), Block(P2), Block(P3), Block(PROMO), Block(TITLE)]
    assert [b.text for b in drop_headline(blocks, TITLE, None)] == [P1, P2, P3, PROMO, TITLE]


def test_paragraph_starting_like_the_title_is_kept() -> None:
    para = TITLE + " was the message from the port authority on Monday morning."
    assert [b.text for b in drop_headline([Block(para), Block(P1)], TITLE, None)] == [para, P1]


def test_headline_repeated_in_page_is_not_in_body() -> None:
    extra = ""
    html = _page(extra).replace("<div class=\"text\">", f"<div class=\"text\"><p>{TITLE}</p>")
    assert _body(html)[0] == P1
