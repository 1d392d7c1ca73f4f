"""htmldate's markup stages, without its meta-tag and free-text ones (see ``published.htmldate_published``).

``find_date(tree, original_date=True, extensive_search=False)`` reads the URL, then the page's meta
tags (``examine_header``: what our own readers left there is mostly a modified time or a copyright
year), then JSON in scripts, ``<abbr>``, date-marked elements, the title and ``<h1>``, ``<time>``;
then regular expressions over the serialised page, its images' names and its text. This module
runs the URL and the stages from JSON to ``<time>``, with htmldate's own functions and options, in
the same order; htmldate 1.11's ``find_date`` is the reference (pyproject.toml pins its minor
version: these names are not its documented API).
"""

from __future__ import annotations

from copy import deepcopy

from htmldate.core import (
    CLEANING_LIST,
    Extractor,
    clean_html,
    date_candidates,
    discard_unwanted,
    examine_abbr_elements,
    examine_elements,
    examine_time_elements,
    extract_url_date,
    get_max_date,
    get_min_date,
    json_search,
)
from lxml.html import HtmlElement


def _options() -> Extractor:
    """``find_date``'s options for ``original_date=True, extensive_search=False``, its default bounds."""
    return Extractor(False, get_max_date(None), get_min_date(None), True, "%Y-%m-%d")


def markup_date(tree: HtmlElement, url: str | None) -> str | None:
    """The publication day (``YYYY-MM-DD``) htmldate's markup stages find, or None: the URL, JSON
    in scripts, ``<abbr>`` elements, then on a cleaned copy of the page (``tree`` is left as it is)
    its date-marked elements, the title and ``<h1>``, and ``<time>`` elements."""
    options = _options()
    found = extract_url_date(url, options) or json_search(tree, options) or examine_abbr_elements(tree, options)
    if found:
        return found
    pruned = deepcopy(tree)
    try:
        search_tree = discard_unwanted(clean_html(pruned, CLEANING_LIST))
    except ValueError:  # lxml's rare NULL-byte error: find_date then searches the uncleaned copy
        search_tree = pruned
    return (
        examine_elements(date_candidates(search_tree, False), options)
        or examine_elements(search_tree.xpath(".//title|.//h1"), options)
        or examine_time_elements(search_tree, options)
    )
