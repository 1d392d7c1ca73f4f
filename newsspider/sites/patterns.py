"""How a site's URL patterns (``article_urls``, ``follow_urls``, ``deny_urls``) match a URL: the one
definition that the crawl (:mod:`newsspider.spiders.siteplan`), ``newsspider new-site`` and its
benchmark share. No Scrapy.

A regex is searched in the whole URL, except one starting with ``^/``: it is anchored at the URL's
path (with ``?query`` when there is one), e.g. ``^/\\d{4}/[\\w-]+\\.html$``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from urllib.parse import urlsplit

UrlRule = Sequence[str] | Callable[[str], bool]
#: The prefix of a pattern matched against the path (and query) instead of the whole URL.
PATH_ANCHOR = "^/"


def path_and_query(url: str) -> str:
    """What a ``^/`` pattern is matched against: ``/path`` or ``/path?query``."""
    parts = urlsplit(url)
    return f"{parts.path or '/'}?{parts.query}" if parts.query else parts.path or "/"


def compile_rule(rule: UrlRule) -> Callable[[str], bool] | None:
    """A URL predicate from a list of regexes (any matches) or a callable; None when empty."""
    if callable(rule):
        return rule
    in_url = [re.compile(p) for p in rule if not p.startswith(PATH_ANCHOR)]
    in_path = [re.compile(p) for p in rule if p.startswith(PATH_ANCHOR)]
    if not (in_url or in_path):
        return None
    if not in_path:
        return lambda url: any(p.search(url) for p in in_url)
    return lambda url: any(p.search(url) for p in in_url) or any(p.search(path_and_query(url)) for p in in_path)


def matching(patterns: Sequence[str], urls: Iterable[str]) -> list[str]:
    """The URLs some pattern matches, as the crawl matches them."""
    predicate = compile_rule(patterns)
    return [u for u in urls if predicate is not None and predicate(u)]
