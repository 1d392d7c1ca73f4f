"""The body chosen block by block by the learned model, and its guard against losing the article.

trafilatura picks one region of the page and cleans it; it misses article text outside that
region (list items of a listicle, a table, a second column of paragraphs) and keeps boilerplate
inside it. The block model sees every block of the page with trafilatura's opinion as one
feature among many, so it can add what trafilatura missed and drop what it kept.

A learned model can be confidently wrong on a page unlike any it was trained on, so its body
is only taken when it does not lose trafilatura's (:func:`agrees_with`): it must keep most of
trafilatura's text, or trafilatura's text must look like something other than an article.
"""

from __future__ import annotations

from typing import Sequence

from lxml.html import HtmlElement

from newsspider.extraction import blockmodel
from newsspider.extraction.agreement import coverage
from newsspider.extraction.blocks import Block, featurize, render, segment

# A block between two kept blocks is kept at this lower probability (paragraph runs are contiguous).
GAP_THRESHOLD = 0.25
# The model's body must contain this share of trafilatura's (or be from a page where trafilatura's is short).
MIN_COVERAGE_OF_TRAFILATURA = 0.6


def page_blocks(
    tree: HtmlElement, *, trafilatura_text: str | None, ld_body: str | None, title: str | None
) -> tuple[list[Block], list[list[float]]]:
    """The page's blocks and their feature rows."""
    blocks = segment(tree)
    return blocks, featurize(blocks, trafilatura_text=trafilatura_text, ld_body=ld_body, title=title)


def select(blocks: Sequence[Block], probabilities: Sequence[float], threshold: float) -> list[Block]:
    """Blocks the model keeps; a weak block between two kept ones stays (no holes in the text)."""
    keep = [p >= threshold for p in probabilities]
    for i in range(1, len(blocks) - 1):
        if not keep[i] and probabilities[i] >= GAP_THRESHOLD and keep[i - 1] and keep[i + 1]:
            keep[i] = True
    return [b for b, k in zip(blocks, keep) if k]


def model_body(
    tree: HtmlElement, *, trafilatura_text: str | None, ld_body: str | None, title: str | None
) -> tuple[str, list[Block]]:
    """The body the block model chooses (may be empty)."""
    model = blockmodel.load()
    blocks, rows = page_blocks(tree, trafilatura_text=trafilatura_text, ld_body=ld_body, title=title)
    if not blocks:
        return "", []
    kept = select(blocks, model.probabilities(rows).tolist(), model.threshold)
    return render(kept), kept


def agrees_with(model_text: str, trafilatura_text: str) -> bool:
    """True when the model's body may replace trafilatura's: it keeps most of it.

    Guards the cases a user loses most: an empty body, a fraction of the article, another text.
    """
    if not model_text.strip():
        return False
    if not trafilatura_text.strip():
        return True
    return coverage(trafilatura_text, model_text) >= MIN_COVERAGE_OF_TRAFILATURA
