"""Issue 11, ninth round (titles): which of several headlines the page shows; one small fixture each."""

from __future__ import annotations

from tests.unit.test_metadata_classes import HEADLINE, PARAGRAPHS, _meta

QUOTE = "But what they love is the sense of freedom on the water"


def _body(inner: str, head: str = "") -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return f'<html lang="en"><head><meta charset="utf-8">{head}</head><body><article>{inner}{paragraphs}</article></body></html>'


# --------------------------------------------------------------------------- an <h1> matching no declared title


def test_a_declared_title_printed_as_a_subheading_beats_an_unrelated_h1() -> None:
    head = f'<meta property="og:title" content="{HEADLINE}">'
    # the <h1> is a pull quote; the page prints the declared headline in an <h2>
    assert _meta(_body(f"<header><h2>{HEADLINE}</h2></header><h1>{QUOTE}</h1>", head))["title"] == HEADLINE
    # no heading prints the declared title: the visible <h1> stays the headline
    assert _meta(_body(f"<h1>{QUOTE}</h1><h2>Why it matters</h2>", head))["title"] == QUOTE


# --------------------------------------------------------------------------- one headline, two spellings


def test_an_h1_in_lower_case_takes_the_declared_capital() -> None:
    head = f'<meta property="og:title" content="{HEADLINE} | Coast News">'
    assert _meta(_body(f"<h1>{HEADLINE.lower()}</h1>", head))["title"] == HEADLINE
    # a capital in the <h1> stays its own spelling
    declared = '<meta property="og:title" content="Council Approves New Harbour Budget">'
    assert _meta(_body(f"<h1>{HEADLINE}</h1>", declared))["title"] == HEADLINE


# --------------------------------------------------------------------------- site names


def test_an_h1_that_one_declared_title_puts_before_another_is_the_site_name() -> None:
    story = "Budget approved"
    head = f'<title>Harbour Notes: {story}</title><meta property="og:title" content="{story}">'
    assert _meta(_body("<h1>Harbour Notes</h1>", head))["title"] == story
    # without a declared title for the rest, "Harbour Notes" may be the headline's own start: kept
    assert _meta(_body("<h1>Harbour Notes</h1>", f"<title>Harbour Notes: {story}</title>"))["title"] != story


def test_a_title_piece_that_begins_the_site_name_is_no_headline() -> None:
    head = '<title>Web Design Portfolio | Coast Internet Marketing</title><meta property="og:site_name" content="Coast Internet Marketing Agency">'
    assert _meta(_body("<h1>Designs</h1>", head))["title"] == "Web Design Portfolio"


def test_an_h1_in_capitals_matching_no_declared_title_is_a_label() -> None:
    head = f'<meta property="og:title" content="{HEADLINE}">'
    assert _meta(_body("<h1>SUPPORTING OUR HARBOUR CLIENTS</h1>", head))["title"] == HEADLINE
    assert _meta(_body("<h1>Supporting our harbour clients</h1>", head))["title"] == "Supporting our harbour clients"


def test_an_h1_with_question_marks_for_lost_characters_takes_the_declared_spelling() -> None:
    declared = "Harbour budget: the council's plan"
    head = f'<meta property="og:title" content="{declared}">'
    assert _meta(_body("<h1>Harbour budget? the council? plan</h1>", head))["title"] == declared
    # a question the declared title punctuates otherwise keeps the <h1>'s spelling
    head = '<meta property="og:title" content="Harbour budget: what now for the fleet">'
    assert _meta(_body("<h1>Harbour budget? What now for the fleet</h1>", head))["title"] == "Harbour budget? What now for the fleet"


def test_a_two_word_declared_headline_in_its_own_element_beside_a_kicker() -> None:
    head = '<meta property="og:title" content="Harbour budget | Coast News">'
    h1 = "<h1><div>Inside the council chamber</div><span>Harbour budget</span></h1>"
    assert _meta(_body(h1, head))["title"] == "Harbour budget"


# --------------------------------------------------------------------------- CJK separators


JA_HEADLINE = "東京で大雪、交通機関に乱れ"
JA_PARAGRAPHS = "".join(f"<p>{s}</p>" for s in ("東京都心では朝から雪が降り続き、各地で交通機関に遅れが出ました。" * 3, "気象庁は引き続き警戒を呼びかけています。" * 3))


def _ja(head: str, inner: str = "") -> str:
    return f'<html lang="ja"><head><meta charset="utf-8">{head}</head><body><article>{inner}{JA_PARAGRAPHS}</article></body></html>'


def test_a_fullwidth_bar_separates_a_cjk_headline_from_the_site_name() -> None:
    site = '<meta property="og:site_name" content="毎日ニュース">'
    assert _meta(_ja(f"<title>{JA_HEADLINE}｜毎日ニュース</title>{site}"))["title"] == JA_HEADLINE
    assert _meta(_ja(f"<title>毎日ニュース ｜ {JA_HEADLINE}</title>{site}"))["title"] == JA_HEADLINE
    # no site name declared: the bar still separates, the headline is the longer piece
    assert _meta(_ja(f"<title>{JA_HEADLINE}｜社会</title>"))["title"] == JA_HEADLINE
    # the <h1> prints the headline: the bar and what follows it go
    assert _meta(_ja(f'<meta property="og:title" content="{JA_HEADLINE}｜毎日ニュース">', f"<h1>{JA_HEADLINE}</h1>"))["title"] == JA_HEADLINE


def test_a_kicker_in_an_element_of_its_own_keeps_the_separator_the_declared_title_writes() -> None:
    head = f'<meta property="og:title" content="After the vote: {HEADLINE}">'
    h1 = f'<h1><span class="kicker">After the vote</span> {HEADLINE}</h1>'
    assert _meta(_body(h1, head))["title"] == f"After the vote: {HEADLINE}"
    # the same words without a separator anywhere: the <h1>'s spelling
    plain = f'<meta property="og:title" content="After the vote {HEADLINE}">'
    assert _meta(_body(h1, plain))["title"] == f"After the vote {HEADLINE}"


def test_a_domain_name_ending_as_the_host_does_is_the_site_name() -> None:
    """A title ending in the site's domain name ("… - SZ.de" on sueddeutsche.de): the site's name,
    whatever the label; a domain-shaped word of another ending is the headline's ("Node.js")."""
    assert _meta(_body("", f"<title>{HEADLINE} - SZ.de</title>"), "https://www.sueddeutsche.de/politik/1")["title"] == HEADLINE
    assert _meta(_body("", f"<title>{HEADLINE} | n-tv.de</title>"), "https://www.n-tv.de/politik/1")["title"] == HEADLINE
    api = "Building APIs with Express - Node.js"
    assert _meta(_body("", f"<title>{api}</title>"), "https://blog.example.com/apis")["title"] == api
