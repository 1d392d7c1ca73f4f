"""Which method's text becomes the body: trafilatura first, then other signals by agreement.

Order (see :func:`newsspider.extraction.extract.extract_page`):

1. trafilatura's text (or the site's ``body`` selector: ``site-rules``), cleaned.
2. schema.org ``articleBody`` replaces it when it is clearly longer *and* consistent with it
   (it contains most of what trafilatura found), i.e. trafilatura saw a truncated page. An
   ``articleBody`` that disagrees (a teaser, another article) is ignored.
3. When trafilatura's text still looks wrong -- much shorter than the prose visible on the
   page, than the ``articleBody`` or barely longer than the description, or made mostly of
   link text -- readability gives a second opinion, taken only when the two agree in the
   expected direction (it contains trafilatura's text and adds prose, or it is the less
   link-heavy part of it). One opinion alone never overrides the other.
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml.html import HtmlElement

from newsspider.extraction.agreement import coverage
from newsspider.extraction.boilerplate import Block
from newsspider.textlength import word_count

# A paragraph counts as visible prose when it has this many words and few link characters.
_PROSE_MIN_WORDS = 12
_PROSE_MAX_LINK_SHARE = 0.3
_OUTSIDE_CHROME = "not(ancestor::nav or ancestor::footer or ancestor::header or ancestor::aside or ancestor::form)"

# Thresholds of the triggers and of the agreement tests (shares of lengths or shingles).
SHORT_VS_PROSE = 0.6  # trafilatura kept less than 60% of the page's visible prose...
MIN_PROSE_CHARS = 1000  # ...on a page with enough prose for the ratio to mean something
SHORT_VS_JSONLD = 0.5
SHORT_VS_DESCRIPTION = 1.5
LINK_HEAVY = 0.5
JSONLD_LONGER = 1.5
CONTAINS = 0.8  # coverage of one text by the other that counts as "contains"
SECOND_LONGER = 1.3
SECOND_MAX_VS_PROSE = 1.25  # the second opinion may not be much longer than the page's prose


def visible_prose_chars(tree: HtmlElement) -> int:
    """Characters of prose paragraphs outside navigation, header, footer, asides and forms."""
    total = 0
    for paragraph in tree.xpath(f"//body//p[{_OUTSIDE_CHROME}]"):
        text = " ".join(paragraph.text_content().split())
        if word_count(text) < _PROSE_MIN_WORDS:
            continue
        links = sum(len(" ".join(a.text_content().split())) for a in paragraph.iter("a"))
        if links <= _PROSE_MAX_LINK_SHARE * len(text):
            total += len(text)
    return total


def link_share(blocks: Sequence[Block]) -> float:
    """Share of the text's characters that are link text."""
    chars = sum(len(b.text) for b in blocks)
    return sum(b.link_ratio * len(b.text) for b in blocks) / chars if chars else 0.0


def prefer_jsonld(text: str, ld_body: str | None) -> bool:
    """True when ``articleBody`` is the fuller version of the same text trafilatura found."""
    if not ld_body or not ld_body.strip():
        return False
    if not text.strip():
        return True
    return len(ld_body) >= JSONLD_LONGER * len(text) and coverage(text, ld_body) >= CONTAINS


def suspicion(
    text: str,
    blocks: Sequence[Block],
    *,
    prose_chars: int,
    ld_body: str | None = None,
    description: str | None = None,
) -> str | None:
    """Why trafilatura's text looks wrong (``short_vs_page``, ``short_vs_jsonld``,
    ``short_vs_description``, ``link_heavy``), or None when it looks right."""
    length = len(text)
    if prose_chars >= MIN_PROSE_CHARS and length < SHORT_VS_PROSE * prose_chars:
        return "short_vs_page"
    if ld_body and length < SHORT_VS_JSONLD * len(ld_body.strip()):
        return "short_vs_jsonld"
    if description and length < SHORT_VS_DESCRIPTION * len(description):
        return "short_vs_description"
    if link_share(blocks) >= LINK_HEAVY:
        return "link_heavy"
    return None


def prefer_second_opinion(
    text: str,
    text_blocks: Sequence[Block],
    other: str,
    other_blocks: Sequence[Block],
    *,
    reason: str,
    prose_chars: int,
) -> bool:
    """True when the second opinion agrees with trafilatura's text and fixes what looked wrong."""
    if not other.strip():
        return False
    if not text.strip():
        return True
    if reason == "link_heavy":
        # The less linky text, taken from within trafilatura's, keeping a fair part of it.
        return (
            link_share(other_blocks) < 0.5 * link_share(text_blocks)
            and coverage(other, text) >= CONTAINS
            and len(other) >= 0.3 * len(text)
        )
    # A "too short" reason: the other must contain ours, add to it, and stay within the page's prose.
    if len(other) < SECOND_LONGER * len(text) or coverage(text, other) < CONTAINS:
        return False
    return prose_chars < MIN_PROSE_CHARS or len(other) <= SECOND_MAX_VS_PROSE * prose_chars
