"""The body chosen block by block by the learned model, and its guard against losing the article.

trafilatura picks one region of the page and cleans it; it misses article text outside that
region (list items of a listicle, a table, a second column of paragraphs) and keeps boilerplate
inside it. The block model sees every block of the page with trafilatura's opinion as one
feature among many, so it can add what trafilatura missed and drop what it kept.

A learned model can be confidently wrong on a page unlike any it was trained on, so its body
is only taken when it is not another text than the others found (:func:`agrees_with`).
"""

from __future__ import annotations

from collections.abc import Sequence

from lxml.html import HtmlElement

from newsspider.extraction import blockcontext, blockmodel
from newsspider.extraction.agreement import covers_at_least, shingles, token_count
from newsspider.extraction.blocks import (
    HEADINGS,
    Block,
    PageFeatures,
    base_features,
    render,
    segment,
    with_opinions,
)
from newsspider.extraction.boilerplate import LINKY_SHARE, is_dated_byline, is_teaser_snippet

# A block between two kept blocks is kept at this lower probability (paragraph runs are contiguous).
GAP_THRESHOLD = 0.25
# The model's body must keep this share of trafilatura's text or of the rules' body...
MIN_COVERAGE = 0.3
# ... or be more than this many times as long as the rules' body (see :func:`agrees_with`).
LONGER = 2.0
#: The crawl's site learning (``pipelines/sitelearn.py``) also counts the blocks the model keeps at
#: its threshold minus this (:func:`nearly_kept`): a site's promo or credit line the model drops
#: on most of its pages but not all leaves too few bodies to learn it from (the line learned late
#: or never, on the few records it stays on); its lines at 0.55 are those the bodies held before
#: the threshold went from 0.55 to 0.65 (docs/benchmarks.md, "Thresholds for fewer leaks").
LEARN_MARGIN = 0.1


def page_features(tree: HtmlElement, *, ld_body: str | None, title: str | None) -> PageFeatures:
    """The page's blocks and their feature rows without trafilatura's and the rules' columns."""
    return base_features(segment(tree), ld_body=ld_body, title=title)


def page_blocks(
    tree: HtmlElement, *, trafilatura_text: str | None, rules_text: str | None, ld_body: str | None, title: str | None
) -> tuple[list[Block], list[list[float]]]:
    """The page's blocks and their feature rows."""
    page = page_features(tree, ld_body=ld_body, title=title)
    return list(page.blocks), with_opinions(page, trafilatura_text=trafilatura_text, rules_text=rules_text)


def select(
    blocks: Sequence[Block], probabilities: Sequence[float], threshold: float, outside: float | None = None
) -> list[Block]:
    """Blocks the model keeps; a weak block between two kept ones stays when it continues their
    run (no holes in the text, :func:`_fill_gaps`), and so does a weak row of a table the model keeps a row of (a table is kept whole: a short
    last row has no kept neighbour after it; 5-fold CV on the tuning pages: wcxb-dev 0.9452 ->
    0.9453, news unchanged).

    ``outside``: the higher probability a block outside the page's container
    (:func:`blockcontext.in_container`) needs: an article is one subtree, and what the model
    likes elsewhere is more often a teaser, a bio or a call to action than article text.
    """
    keep = [p >= threshold for p in probabilities]
    if outside is not None and outside > threshold:
        inside = blockcontext.in_container(blocks, probabilities).tolist()
        keep = [k and (i or p >= outside) for k, i, p in zip(keep, inside, probabilities)]
    tables = {b.ancestry[-2] for b, k in zip(blocks, keep) if k and b.tag == "tr" and len(b.ancestry) > 1}
    if tables:
        for i, b in enumerate(blocks):
            if (not keep[i] and b.tag == "tr" and len(b.ancestry) > 1 and b.ancestry[-2] in tables
                    and probabilities[i] >= GAP_THRESHOLD):
                keep[i] = True
    _fill_gaps(blocks, probabilities, keep)
    _drop_orphan_headings(blocks, keep)
    _drop_lone_teaser_snippets(blocks, keep)
    return [b for b, k in zip(blocks, keep) if k and not is_dated_byline(b.text)]


def _parent(block: Block) -> int | None:
    """The number of the element that holds ``block``'s holder (None at the top of the walk)."""
    return block.ancestry[-2] if len(block.ancestry) > 1 else None


def _continues_run(blocks: Sequence[Block], i: int) -> bool:
    """True when the weak block ``i`` between two kept blocks reads as part of their run: it is
    not a link line and its holder shares its parent element with one of them (a paragraph
    among paragraphs). A call to action, a "Sponsor Message" box, a credit or a "Read more"
    link set into the article sits in its own wrapper or is a link: the gap rule kept those."""
    block = blocks[i]
    if block.link_ratio >= LINKY_SHARE:
        return False
    parent = _parent(block)
    return parent is not None and parent in (_parent(blocks[i - 1]), _parent(blocks[i + 1]))


def _fill_gaps(blocks: Sequence[Block], probabilities: Sequence[float], keep: list[bool]) -> None:
    """Keep a weak block (p >= :data:`GAP_THRESHOLD`) between two kept ones when it continues
    their run (:func:`_continues_run`): no holes in the text, but no boilerplate let in through
    the hole either. On the tuning pages, ungated: 10 of the 51 known boilerplate strings
    wcxb-dev leaked were such gap blocks (p 0.25-0.45)."""
    for i in range(1, len(blocks) - 1):
        if (not keep[i] and probabilities[i] >= GAP_THRESHOLD and keep[i - 1] and keep[i + 1]
                and _continues_run(blocks, i)):
            keep[i] = True


def _drop_lone_teaser_snippets(blocks: Sequence[Block], keep: list[bool]) -> None:
    """Unkeep a kept "first words of another story..." line whose block before it on the page is
    a link the model dropped: a teaser (linked headline + snippet) of which the model kept only
    the snippet. The cleaning's teaser rule sees only kept blocks, so it cannot pair them."""
    for i in range(1, len(blocks)):
        before = blocks[i - 1]
        if keep[i] and not keep[i - 1] and before.link_ratio >= LINKY_SHARE and is_teaser_snippet(blocks[i].text):
            keep[i] = False


def _drop_orphan_headings(blocks: Sequence[Block], keep: list[bool]) -> None:
    """Unkeep each kept subheading (h2-h6) whose section, the blocks up to the next heading, has
    text and none of it kept: a heading whose text was all judged boilerplate heads boilerplate
    ("Related stories", "Sign up", "Why trust us"). A heading followed at once by another is kept
    (a chapter over its subsections). 5-fold CV on the tuning pages, two stages: wcxb-dev page F1
    0.9464 -> 0.9472 (P 0.9310 -> 0.9328, R 0.9623 -> 0.9622), news unchanged at 0.9685."""
    n = len(blocks)
    for i, block in enumerate(blocks):
        if not keep[i] or block.tag not in HEADINGS or block.tag == "h1":
            continue
        end = i + 1
        while end < n and blocks[end].tag not in HEADINGS:
            end += 1
        if end > i + 1 and not any(keep[i + 1 : end]):
            keep[i] = False


def scored_blocks(
    tree: HtmlElement, model: blockmodel.BlockModel, *, trafilatura_text: str | None, rules_text: str | None,
    ld_body: str | None, title: str | None,
) -> tuple[list[Block], list[float]]:
    """The page's blocks and the model's probability that each is article text (the second
    stage's, when the model has one)."""
    page = page_features(tree, ld_body=ld_body, title=title)
    return list(page.blocks), score(page, model, trafilatura_text=trafilatura_text, rules_text=rules_text)


def score(
    page: PageFeatures, model: blockmodel.BlockModel, *, trafilatura_text: str | None, rules_text: str | None
) -> list[float]:
    """:func:`scored_blocks`' probabilities for a page measured already."""
    if not page.blocks:
        return []
    return stage_probabilities(page, model, trafilatura_text=trafilatura_text, rules_text=rules_text)[1]


def stage_probabilities(
    page: PageFeatures, model: blockmodel.BlockModel, *, trafilatura_text: str | None, rules_text: str | None
) -> tuple[list[float], list[float]]:
    """The first stage's probabilities and the final ones (the second stage's, when the model has
    one; else the first's again) for a page with blocks."""
    rows = with_opinions(page, trafilatura_text=trafilatura_text, rules_text=rules_text)
    first = model.probabilities(rows)
    if model.second is None:
        return (listed := first.tolist()), listed
    return first.tolist(), model.second.probabilities(blockcontext.features(page.blocks, rows, first)).tolist()


def model_body(
    page: PageFeatures, *, trafilatura_text: str | None, rules_text: str | None
) -> tuple[str, list[Block], tuple[str, ...]]:
    """The body the block model chooses (may be empty), its blocks, and the texts of the blocks
    it nearly kept (:func:`nearly_kept`)."""
    model = blockmodel.load()
    probabilities = score(page, model, trafilatura_text=trafilatura_text, rules_text=rules_text)
    if not probabilities:
        return "", [], ()
    kept = select(page.blocks, probabilities, model.threshold, model.outside)
    return render(kept), kept, nearly_kept(page.blocks, probabilities, model, kept)


def nearly_kept(
    blocks: Sequence[Block], probabilities: Sequence[float], model: blockmodel.BlockModel, kept: Sequence[Block]
) -> tuple[str, ...]:
    """Texts of the blocks :func:`select` keeps at ``model``'s threshold minus
    :data:`LEARN_MARGIN` (the same threshold outside the container) that it did not keep: for
    the crawl's site learning only, never for the body. No block between the two thresholds:
    the same selection, so none (most pages, without a second :func:`select`)."""
    low = model.threshold - LEARN_MARGIN
    if not any(low <= p < model.threshold for p in probabilities):
        return ()
    lower = select(blocks, probabilities, low, model.outside)
    chosen = {id(block) for block in kept}
    return tuple(block.text for block in lower if id(block) not in chosen)


def agrees_with(model_text: str, rules_text: str, trafilatura_text: str) -> bool:
    """True when the model's body may replace the rules' body.

    Guards the cases a user loses most: an empty body, and another text than the article (the
    model's body keeps under 30% of both trafilatura's text and the rules' body, and is not more
    than :data:`LONGER` times as long as the rules' body). A body that keeps less of theirs but
    more text of the page is the point of the model (5-fold CV on the tuning part: a guard asking
    for 30%+ of the rules' body alone cost 0.005 F1 on wcxb-dev and saved no page). A body far
    longer than the rules' is the article they missed, not another text: on the tuning pages
    (5-fold CV, two-stage model) the guard without that exception fell back on 6 pages; on the 3
    where the model's body was long (2,098-2,493 words, the rules' 2-68) it lost (F1 0.86-1.0 ->
    0), the other 3 model bodies had 0-10 words (one saved). wcxb-dev CV 0.9407 -> 0.9457, the
    same for any ratio from 0.25 to 2.
    """
    if not model_text.strip():
        return False
    if not rules_text.strip() or not trafilatura_text.strip():
        return True
    if model_text in (rules_text, trafilatura_text):  # the same text covers itself whole (1 in 4 pages)
        return True
    model = shingles(model_text)  # counted once for both comparisons
    if any(covers_at_least(shingles(text), model, MIN_COVERAGE) for text in (trafilatura_text, rules_text)):
        return True
    return token_count(model_text) > LONGER * token_count(rules_text)
