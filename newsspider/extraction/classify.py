"""Is this page one article? Markup first, then URL shape plus the extracted text.

A generic crawl reaches home pages, section and tag indexes, author pages and "about" pages;
they must yield no record. Site spiders that know their article URLs skip this step.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from newsspider.extraction import jsonld
from newsspider.extraction.boilerplate import Block
from newsspider.textlength import word_count
from newsspider.urlshape import path_segments, url_is_index_or_static, url_looks_like_article

ARTICLE_OG_TYPES = frozenset({"article", "news", "newsarticle", "blog", "blogposting", "news.article"})

MIN_WORDS = 100  # "a few paragraphs"
MIN_PARAGRAPHS = 2
MAX_LINK_RATIO = 0.3
# Long, link-free prose is an article even when the URL says little (e.g. /diet-plan.html).
STRONG_WORDS = 250
STRONG_PARAGRAPHS = 3
STRONG_LINK_RATIO = 0.15


def _has_slug(url: str) -> bool:
    """More than a bare one-word section path like /world/: a file name or a multi-word slug."""
    segments = path_segments(url)
    if not segments:
        return False
    last = segments[-1]
    return len(segments) >= 2 or bool(re.search(r"\.(?:html?|php|aspx?|shtml)$", last, re.I)) or len(re.split(r"[-_]+", last)) >= 2


def body_stats(blocks: Sequence[Block]) -> tuple[int, int, float]:
    """Words, paragraphs of 20+ words, and the share of link text in the body."""
    words = 0
    link_words = 0.0
    paragraphs = 0
    for block in blocks:
        count = word_count(block.text)
        words += count
        link_words += count * block.link_ratio
        if count >= 20 and block.link_ratio < 0.5:
            paragraphs += 1
    return words, paragraphs, (link_words / words if words else 1.0)


def classify(graph: list[dict[str, Any]], og_type: str | None, url: str, blocks: Sequence[Block]) -> str | None:
    """None for an article, else the skip reason ``"not_article"``."""
    words, paragraphs, link_ratio = body_stats(blocks)
    prose = words >= MIN_WORDS and paragraphs >= MIN_PARAGRAPHS and link_ratio <= MAX_LINK_RATIO
    strong = words >= STRONG_WORDS and paragraphs >= STRONG_PARAGRAPHS and link_ratio <= STRONG_LINK_RATIO
    if jsonld.find_article(graph) is not None:
        return None
    og_type = (og_type or "").strip().lower()
    article_url = url_looks_like_article(url)
    if og_type in ARTICLE_OG_TYPES:
        # WordPress marks every page og:type=article: a short page at a short URL is not a story.
        return None if (prose or article_url) and not url_is_index_or_static(url) else "not_article"
    declared = set().union(*(jsonld.types_of(n) for n in graph)) if graph else set()
    if declared & jsonld.NON_ARTICLE_TYPES or url_is_index_or_static(url):
        return "not_article"
    if og_type:
        # og:type=website/profile/...: the page calls itself something else; only overwhelming
        # evidence (an article URL and long prose) overrides that.
        return None if article_url and strong else "not_article"
    if prose and article_url or strong and _has_slug(url):
        return None
    return "not_article"
