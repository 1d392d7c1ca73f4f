"""Is this page one article? Markup first, then URL shape plus the extracted text.

A generic crawl reaches home pages, section and tag indexes, author pages and "about" pages;
they must yield no record. Site spiders that know their article URLs skip this step.
"""

from __future__ import annotations

import re
from typing import Any, Sequence
from urllib.parse import urlsplit

from newsspider.extraction import jsonld
from newsspider.extraction.boilerplate import Block

ARTICLE_OG_TYPES = frozenset({"article", "news", "newsarticle", "blog", "blogposting", "news.article"})

# Path segments of index pages: /tag/x, /category/x, /section/x, /author/x, /page/2 ...
_INDEX_SEGMENTS = re.compile(
    r"^(?:tags?|topics?|category|categories|section|sections|author|authors|authors?-\w+|archive|archives|page|search|"
    r"themen?|thema|schlagwort|rubrik|ressort|autor|autoren|rubrique|auteur|categorie|catégorie|etiqueta|etiquetas|seccion|sección|categoria|autor)$",
    re.I,
)
_DATE_IN_PATH = re.compile(r"/(?:19|20)\d{2}[/-](?:0?[1-9]|1[0-2])(?:[/-](?:0?[1-9]|[12]\d|3[01]))?(?:/|-|$)|(?:19|20)\d{6}")
_NUMERIC_ID = re.compile(r"(?:^|[/_.-])(?:[a-z]{0,3})?\d{5,}(?:[/_.-]|$)|[/-]\d{3,}(?:\.html?)?$", re.I)

MIN_WORDS = 120  # "a few paragraphs"
MIN_PARAGRAPHS = 2
MAX_LINK_RATIO = 0.3


def url_looks_like_article(url: str) -> bool:
    """Date, numeric id or a long slug in the path; never an index segment."""
    path = urlsplit(url).path
    segments = [s for s in path.split("/") if s]
    if not segments:
        return False
    if any(_INDEX_SEGMENTS.match(s) for s in segments[:-1]) or _INDEX_SEGMENTS.match(segments[0]):
        return False
    if _DATE_IN_PATH.search(path) or _NUMERIC_ID.search(path):
        return True
    slug = re.sub(r"\.(?:html?|php|aspx?|shtml)$", "", segments[-1], flags=re.I)
    return len(re.split(r"[-_]+", slug)) >= 4 or len(slug) >= 35


def body_stats(blocks: Sequence[Block]) -> tuple[int, int, float]:
    """Words, paragraphs of 20+ words, and the share of link text in the body."""
    words = 0
    link_words = 0.0
    paragraphs = 0
    for block in blocks:
        count = len(block.text.split())
        words += count
        link_words += count * block.link_ratio
        if count >= 20 and block.link_ratio < 0.5:
            paragraphs += 1
    return words, paragraphs, (link_words / words if words else 1.0)


def classify(graph: list[dict[str, Any]], og_type: str | None, url: str, blocks: Sequence[Block]) -> str | None:
    """None for an article, else the skip reason ``"not_article"``."""
    words, paragraphs, link_ratio = body_stats(blocks)
    prose = words >= MIN_WORDS and paragraphs >= MIN_PARAGRAPHS and link_ratio <= MAX_LINK_RATIO
    if jsonld.find_article(graph) is not None:
        return None
    og_type = (og_type or "").strip().lower()
    if og_type in ARTICLE_OG_TYPES:
        # WordPress marks every page og:type=article: a short page at a short URL is not a story.
        if prose or url_looks_like_article(url):
            return None
        return "not_article"
    declared = set().union(*(jsonld.types_of(n) for n in graph)) if graph else set()
    if og_type in {"website", "profile", "book", "music", "video", "product"} or declared & jsonld.NON_ARTICLE_TYPES:
        return "not_article"
    if prose and url_looks_like_article(url):
        return None
    return "not_article"
