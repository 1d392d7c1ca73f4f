"""How much a URL looks like an article: the request priority of a followed link.

Scrapy fetches higher priorities first, so a link-following crawl reaches article pages
(dated path, numeric id, long slug) before section, tag, author and pagination pages.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from newsspider.urlshape import DATE_IN_PATH, NUMERIC_ID

# Tried only where a word starts: at every position of a long run of letters it was quadratic
# (a 20,000-letter path segment: 10 s).
_SLUG = re.compile(r"(?<![a-z0-9])[a-z0-9]+(?:-[a-z0-9]+){3,}")
_LISTING = re.compile(
    r"/(?:tags?|topics?|category|categories|section|author|authors|page|search|archive|about|contact|login|"
    r"subscribe|newsletter|feed|rss)(?:/|$)|[?&](?:page|p|s|q)=",
    re.I,
)
_FILE = re.compile(r"\.(?:jpe?g|png|gif|svg|webp|pdf|zip|mp[34]|css|js)$", re.I)


def article_url_score(url: str) -> int:
    """A score in about -20..30: higher = more likely an article page.

    +10 date in the path (``/2024/04/21/``), +8 long hyphenated slug (4+ words), +6 numeric id,
    -2 per path level beyond four, -15 listing-like paths (tags, authors, pages, search),
    -20 files that are not pages.
    """
    parts = urlsplit(url)
    path = parts.path.lower()
    score = 0
    if DATE_IN_PATH.search(path):
        score += 10
    last = path.rstrip("/").rsplit("/", 1)[-1]
    if _SLUG.search(last):
        score += 8
    if NUMERIC_ID.search(path):
        score += 6
    depth = len([p for p in path.split("/") if p])
    score -= 2 * max(0, depth - 4)
    if _LISTING.search(path + ("?" + parts.query if parts.query else "")):
        score -= 15
    if _FILE.search(path):
        score -= 20
    return score
