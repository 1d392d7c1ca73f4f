"""The article text: trafilatura on the parsed tree, its XML turned into blocks, then cleaned.

We read trafilatura's internal XML (``Document.body``) instead of its text output so that
we know block boundaries (paragraph, heading, list item) and how much of each block is link
text -- the signal that separates "Related stories" lists from prose.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

from lxml.etree import LxmlError, _Element
from lxml.html import HtmlElement
from trafilatura import bare_extraction
from trafilatura.settings import Extractor

from newsspider.extraction import scriptscale
from newsspider.extraction.blocks import HEADINGS
from newsspider.extraction.blocks import Block as PageBlock
from newsspider.extraction.boilerplate import Block, clean_blocks
from newsspider.textlength import character_scale

logger = logging.getLogger(__name__)
scriptscale.install()  # trafilatura's link-density test at the page's script scale (1.0: its own)

# Tags of trafilatura's output XML that hold one block of text each.
_LEAF_BLOCKS = {"p", "head", "item", "quote", "code", "cell", "ab"}
_CONTAINERS = {"body", "doc", "div", "list", "table", "row", "quote", "figure", "note", "main", "article"}
_BLOCK_CHILDREN = {"p", "head", "list", "quote", "table", "div", "item", "code"}
_SKIP = {"graphic", "fw", "del"}


# Elements whose text is no part of the page's visible text (for the script sample).
_NOT_TEXT = frozenset(("script", "style", "noscript", "template", "svg"))
_SAMPLE_CHARS = 2000
# A page is scaled when scripts without spaces hold at least this share of its sample's words: a
# language menu (日本語, 简体中文) on an English page holds ~1-4%, a Japanese page ~90%.
_MIN_SCRIPT_SHARE = 0.25


def _options(scale: float = 1.0) -> Extractor:
    """Fresh options per call: trafilatura objects must never be shared and mutated.

    Recall mode: on the Zyte article-extraction benchmark it scores best (token F1 0.969 vs
    0.964 balanced, 0.948 precision); what extra boilerplate it lets through is removed by
    our own line cleaning. Tables on: the block model and the cleaning decide which rows are
    article text (a table of results or figures is part of the story).
    ``fast``: trafilatura's own fallbacks (readability, jusText) are skipped on every page;
    :mod:`newsspider.extraction.choose` runs a second opinion only where the result looks wrong
    (same F1 on the benchmark, a third less time).
    ``scale`` (:func:`newsspider.textlength.character_scale` of the page's text) scales
    trafilatura's minimum extracted size (250 characters: below it, it adds ``<div>`` text and
    falls back to its baseline) to the page's script: 250 characters of Chinese are ~125 words,
    and a short Chinese article fell back to the whole page's text.
    """
    options = Extractor(
        # We read ``Document.body``; "python" would also render it to text (unused), "txt" does not.
        output_format="txt",
        comments=False,
        tables=True,
        links=True,  # kept only to measure link density per block; the text drops them
        images=False,
        formatting=False,
        recall=True,
        fast=True,
    )
    if scale != 1.0:
        options.min_extracted_size = round(options.min_extracted_size * scale)
    return options


def text_sample(tree: HtmlElement, limit: int = _SAMPLE_CHARS) -> str:
    """The first ``limit`` or so characters of the page's text (scripts and styles left out), in
    document order: enough to tell which scripts it is written in."""
    pieces: list[str] = []
    size = 0
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else None
        texts = (element.text if tag is not None and tag not in _NOT_TEXT else None, element.tail)
        for text in texts:
            if text and not text.isspace():
                pieces.append(text)
                size += len(text)
        if size >= limit:
            break
    return " ".join(pieces)


def script_scale(tree: HtmlElement) -> float:
    """The page's character scale (:func:`newsspider.textlength.character_scale` of its text
    sample): 1.0 unless scripts without spaces hold :data:`_MIN_SCRIPT_SHARE` of its words."""
    return character_scale(text_sample(tree), _MIN_SCRIPT_SHARE)


def run_trafilatura(tree: HtmlElement) -> _Element | None:
    """trafilatura's body XML for the page (it copies the tree it is given), its character
    thresholds scaled to the page's script (:func:`_options`, :mod:`.scriptscale`)."""
    scale = script_scale(tree)
    try:
        with scriptscale.scaled(scale):
            document = bare_extraction(tree, options=_options(scale))
    except (ValueError, TypeError, AttributeError, IndexError, LxmlError) as err:
        # trafilatura handles most bad input itself; anything left is a page without a body.
        logger.debug("trafilatura failed: %s", err)
        return None
    if document is None:
        return None
    return getattr(document, "body", None)


def _segments(element: _Element) -> list[tuple[str, int]]:
    """Text pieces of a leaf block split at ``<lb/>``, each with its count of link characters."""
    pieces: list[list[str]] = [[]]
    links: list[int] = [0]

    def walk(node: _Element, in_link: bool) -> None:
        in_link = in_link or node.tag == "ref"
        if node.tag == "lb":
            pieces.append([])
            links.append(0)
        elif node.tag not in _SKIP and node.text:
            pieces[-1].append(node.text)
            if in_link:
                links[-1] += len(node.text.strip())
        for child in node:
            walk(child, in_link)
            if child.tail:
                pieces[-1].append(child.tail)
                if in_link:
                    links[-1] += len(child.tail.strip())

    walk(element, False)
    return [(" ".join("".join(p).split()), n) for p, n in zip(pieces, links)]


def _has_block_children(element: _Element) -> bool:
    return any(child.tag in _BLOCK_CHILDREN for child in element)


def to_blocks(body: _Element) -> list[Block]:
    """Flatten trafilatura's output XML into text blocks in document order."""
    blocks: list[Block] = []

    def add(element: _Element, kind: str) -> None:
        for text, link_chars in _segments(element):
            if text:
                blocks.append(Block(text, kind, min(1.0, link_chars / max(1, len(text.replace(" ", ""))))))

    def visit(element: _Element) -> None:
        for child in element:
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag in _LEAF_BLOCKS and not _has_block_children(child):
                add(child, "head" if tag == "head" else "item" if tag == "item" else "p")
            elif tag in _CONTAINERS or _has_block_children(child):
                if child.text and child.text.strip():
                    blocks.append(Block(" ".join(child.text.split())))
                visit(child)
            else:
                add(child, "p")
            if child.tail and child.tail.strip() and element.tag in _CONTAINERS:
                blocks.append(Block(" ".join(child.tail.split())))

    visit(body)
    return blocks


def from_page_block(block: PageBlock) -> Block:
    """A block of :mod:`newsspider.extraction.blocks` as a body block (kind from its tag)."""
    kind = "head" if block.tag in HEADINGS else "item" if block.tag == "li" else "p"
    return Block(block.text, kind, block.link_ratio)


def text_to_blocks(text: str) -> list[Block]:
    """Blocks of a plain text (JSON-LD ``articleBody``), split at line breaks."""
    return [Block(" ".join(line.split())) for line in re.split(r"\n+", text) if line.strip()]


def _norm(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().casefold()


def drop_headline(blocks: list[Block], title: str | None, section: str | None) -> list[Block]:
    """Remove the title repeated at the top of the body (alone or glued to a section label)."""
    if not title:
        return blocks
    target = _norm(title)
    labels = {_norm(section)} if section else set()
    kept: list[Block] = []
    for index, block in enumerate(blocks):
        # Only the first few blocks before the prose starts can be the page header.
        if index < 6 and len(kept) < 3:
            text = _norm(block.text)
            if text == target or text in labels:
                continue
            if text.endswith(target) and len(text) - len(target) <= 60:
                continue
        kept.append(block)
    return kept


#: Between two paragraphs of a rendered body: exactly one blank line.
PARAGRAPH_BREAK = "\n\n"


def render(blocks: Iterable[Block]) -> str:
    """Body text: one block per paragraph, separated by :data:`PARAGRAPH_BREAK`."""
    return PARAGRAPH_BREAK.join(b.text for b in blocks if b.text)


def clean(blocks: list[Block], title: str | None, section: str | None, extra: Iterable[re.Pattern[str]] = ()) -> str:
    """Boilerplate families, site patterns and the repeated headline removed; rendered text."""
    blocks = clean_blocks(blocks, extra)
    blocks = drop_headline(blocks, title, section)
    # Removing the headline can expose a top bar or teaser list above it: clean once more
    # (the families matched none of these lines in the first pass: not tried again).
    blocks = clean_blocks(blocks, families=False)
    return render(blocks)
