"""Choosing the body: JSON-LD articleBody by agreement, readability as a second opinion."""

from __future__ import annotations

import json

from newsspider.extraction import extract_page
from newsspider.extraction.agreement import coverage
from newsspider.extraction.boilerplate import Block
from newsspider.extraction.choose import prefer_jsonld, prefer_second_opinion, suspicion
from newsspider.extraction.extract import page_inputs, rule_body

URL = "https://news.example/2024/04/21/harbour-bridge"
OTHER_ARTICLE = [
    f"Match report {n}: the visiting side scored twice before half time and held on after the break, "
    f"while the home coach blamed tired legs and a crowded calendar for a result that leaves them {n} points adrift."
    for n in range(8)
]
TOPICS = ["harbour bridge", "ferry timetable", "river tunnel", "market square", "school library", "night buses"]


def paragraph(part: int, number: int) -> str:
    """A distinct prose paragraph of about 60 words."""
    topic = TOPICS[(part + number) % len(TOPICS)]
    return (
        f"In section {part} the council explained point {number} of its plan for the {topic}, saying that "
        f"engineers had inspected every part of the structure during the winter and that residents would be "
        f"consulted before any work began. Officials added that the budget for item {number} of section {part} "
        f"had been approved in March and that the first contracts would be signed before the summer holidays."
    )


def page(body_html: str, head: str = "") -> str:
    return (
        "<!DOCTYPE html><html lang='en'><head><title>Harbour bridge repairs</title>"
        f"<meta property='og:title' content='Harbour bridge repairs'>{head}</head><body>"
        "<header><nav><a href='/'>Home</a> <a href='/city'>City</a></nav></header>"
        f"<main><h1>Harbour bridge repairs</h1>{body_html}</main>"
        "<footer><p>About us</p></footer></body></html>"
    )


def ld_script(article_body: str) -> str:
    data = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Harbour bridge repairs", "articleBody": article_body}
    return f"<script type='application/ld+json'>{json.dumps(data)}</script>"


# --------------------------------------------------------------------------- agreement


def test_coverage_is_containment() -> None:
    short = paragraph(1, 1)
    long = short + "\n\n" + paragraph(2, 2)
    assert coverage(short, long) == 1.0
    assert 0.3 < coverage(long, short) < 0.7
    assert coverage("", long) == 1.0
    assert coverage(paragraph(1, 1), "Something else entirely, with no shared words at all.") == 0.0


# --------------------------------------------------------------------------- JSON-LD articleBody


def rules_method(html: str) -> str:
    """The method that won the rules' body (before the block model has its say)."""
    inputs = page_inputs(html, URL)
    assert not isinstance(inputs, str)
    return rule_body(inputs, URL).method


def test_jsonld_chosen_when_it_is_the_fuller_same_text() -> None:
    visible = [paragraph(1, n) for n in range(2)]
    full = [paragraph(1, n) for n in range(6)]
    html = page("".join(f"<p>{p}</p>" for p in visible), ld_script("\n\n".join(full)))
    for model_first in (True, False):  # the model-first body, or trafilatura's, is the shorter same text
        fields = extract_page(html, URL, assume_article=True, model_first=model_first).fields
        assert fields is not None
        assert fields["extraction"] == "jsonld"
        assert fields["body"].split("\n\n") == full


def test_jsonld_teaser_or_other_text_is_not_chosen() -> None:
    text = [paragraph(1, n) for n in range(6)]
    teaser = "The council approved repairs of the harbour bridge."
    html = page("".join(f"<p>{p}</p>" for p in text), ld_script(teaser))
    fields = extract_page(html, URL, assume_article=True).fields
    assert fields is not None and fields["extraction"] != "jsonld"
    assert rules_method(html) == "trafilatura"
    assert fields["body"].split("\n\n") == text
    # A long articleBody that disagrees with the page (another article) is not trusted either.
    assert not prefer_jsonld("\n\n".join(text[:2]), "\n\n".join(OTHER_ARTICLE))
    assert prefer_jsonld("", "Anything the page gives when trafilatura found nothing.")


# --------------------------------------------------------------------------- second opinion


def split_article_html() -> str:
    """An article split into three sibling containers: trafilatura keeps only the first."""
    chunks = []
    for part in range(3):
        paragraphs = "".join(f"<p>{paragraph(part, n)}</p>" for n in range(7))
        chunks.append(f"<div class='story__chunk article__body'>{paragraphs}</div><div class='ad'><p>Advertisement</p></div>")
    return page(f"<div class='chunks'>{''.join(chunks)}</div>")


def test_second_opinion_recovers_an_article_split_in_chunks() -> None:
    fields = extract_page(split_article_html(), URL, assume_article=True).fields
    assert fields is not None
    assert rules_method(split_article_html()) == "readability"
    paragraphs = fields["body"].split("\n\n")
    assert paragraphs == [paragraph(part, n) for part in range(3) for n in range(7)]


def test_second_opinion_not_run_on_a_complete_article() -> None:
    html = page("<article>" + "".join(f"<p>{paragraph(1, n)}</p>" for n in range(6)) + "</article>")
    assert rules_method(html) == "trafilatura"


def test_suspicion_triggers() -> None:
    prose = [Block(paragraph(1, n)) for n in range(2)]
    text = "\n\n".join(b.text for b in prose)
    assert suspicion(text, prose, prose_chars=len(text)) is None
    assert suspicion(text, prose, prose_chars=3 * len(text)) == "short_vs_page"
    assert suspicion(text, prose, prose_chars=0, ld_body=text * 3) == "short_vs_jsonld"
    assert suspicion(text, prose, prose_chars=0, description=text) == "short_vs_description"
    links = [Block("Other story headline number one", link_ratio=1.0) for _ in range(20)]
    linky = "\n\n".join(b.text for b in prose + links)
    assert suspicion(linky, prose[:1] + links, prose_chars=0) == "link_heavy"


def test_second_opinion_must_agree_to_win() -> None:
    ours = [Block(paragraph(1, n)) for n in range(2)]
    fuller = ours + [Block(paragraph(2, n)) for n in range(4)]
    other_article = [Block(text) for text in OTHER_ARTICLE]

    def text(blocks: list[Block]) -> str:
        return "\n\n".join(b.text for b in blocks)

    args = {"reason": "short_vs_page", "prose_chars": len(text(fuller))}
    assert prefer_second_opinion(text(ours), ours, text(fuller), fuller, **args)
    # It does not contain what trafilatura found: disagreement, keep trafilatura's.
    assert not prefer_second_opinion(text(ours), ours, text(other_article), other_article, **args)
    # Longer than the page's visible prose: it took in comments or another block.
    assert not prefer_second_opinion(text(ours), ours, text(fuller) * 3, fuller * 3, **args)
    # Link-heavy trafilatura text: the less linky part of it wins.
    links = [Block("Other story headline number one", link_ratio=1.0) for _ in range(20)]
    assert prefer_second_opinion(text(ours + links), ours + links, text(ours), ours, reason="link_heavy", prose_chars=0)
