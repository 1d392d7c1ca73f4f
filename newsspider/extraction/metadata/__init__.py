"""Article metadata from one parsed page: JSON-LD first, then OpenGraph / meta, then markup.

Each field takes the first source that gives a usable value; htmldate is the last resort
for the publication date because it is the slowest.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from newsspider.dates import zone_country
from newsspider.extraction import jsonld
from newsspider.extraction.language import declared_code
from newsspider.extraction.metadata.credits import page_authors
from newsspider.extraction.metadata.page import Meta, PageTags
from newsspider.extraction.metadata.published import headline_date, htmldate_published, labelled_date, page_dates, with_time
from newsspider.extraction.metadata.sitename import declared_site_names, url_host_label
from newsspider.extraction.metadata.titles import page_title
from newsspider.extraction.metadata.topics import clean_tags, meta_tags, page_section, section_names, split_keywords, tag_links
from newsspider.extraction.text import plain_text, squash
from newsspider.urls import join_url
from newsspider.urlshape import trusted_canonical

__all__ = ["Meta", "clean_tags", "extract_metadata"]

logger = logging.getLogger(__name__)


def extract_metadata(tree: HtmlElement, url: str, graph: list[dict[str, Any]], meta: Meta | None = None) -> dict[str, Any]:
    """All record fields except ``body``, from the page's tree and its JSON-LD nodes (``meta``:
    its ``<meta>`` values, when the caller read them already)."""
    meta = meta if meta is not None else Meta(tree)
    index = jsonld.by_id(graph)
    article = jsonld.find_article(graph)

    site_names = declared_site_names(meta, graph, url, article)
    elements = PageTags(tree)
    title = page_title(elements, meta, article, site_names, url)
    host_label = url_host_label(url)
    authors = page_authors(elements, meta, article, index, {squash(n) for n in site_names} | {host_label} - {""}, host_label)

    declared = [tree.get("lang"), tree.get("xml:lang"), meta.first("content-language", "og:locale", "language", "dc.language")]
    if article:
        declared.append(jsonld.first_string(article.get("inLanguage")))
    country = zone_country(urlsplit(url).hostname or "", declared)
    published, modified, outside = page_dates(article, meta, elements, graph, country)
    if published is None:
        published = headline_date(elements, country, url) or labelled_date(tree, country) or htmldate_published(tree, url)
    published = with_time(published, elements, meta, graph, article, outside, country)

    language = next((code for code in map(declared_code, declared) if code), None)

    tag_metas = meta.all("article:tag") + meta.all("og:article:tag")
    # news_keywords first: Google News' meta for the story's own keywords, where the other lists
    # beside it hold a taxonomy's index forms ("Trump, Donald J") or the site's flags and sections
    # ("commentaries", "Special Reports"; docs/benchmarks.md, thirteenth round); then the topics
    # declared for analytics (Parse.ly's and Sailthru's documented meta tags), then the page's
    # rel="tag" links
    tags = (
        split_keywords(meta.all("news_keywords"))
        or meta_tags(tag_metas) + split_keywords(article.get("keywords") if article else None, alone=not tag_metas)
        or split_keywords(meta.all("keywords"))
        or split_keywords(meta.all("parsely-tags") or meta.all("sailthru.tags"))
        or tag_links(elements)
    )
    section = page_section(article, meta, graph, elements, title, url)
    section = plain_text(section) if section else None

    description = meta.first("og:description", "description", "twitter:description")
    if not description and article:
        description = jsonld.first_string(article.get("description"))
    description = plain_text(description) if description else None

    image = meta.first("og:image", "og:image:url", "og:image:secure_url")
    if not image and article:
        image = jsonld.first_string(article.get("image"), "url")
    image = image or meta.first("twitter:image", "twitter:image:src")

    canonical = next(
        (" ".join(href.split()) for link in elements("link") if "canonical" in (link.get("rel") or "").split() and (href := link.get("href") or "").strip()),
        None,
    ) or meta.first("og:url")
    canonical = join_url(url, canonical) if canonical else None
    if canonical and not trusted_canonical(url, canonical):
        # A home page or section canonical names many pages: the record would be a "duplicate".
        logger.debug("untrusted canonical %s on %s", canonical, url)
        canonical = None

    return {
        "title": title or None,
        "authors": authors,
        "published": published,
        "modified": modified,
        "language": language,
        "section": section,
        # the outlet's name is no topic of the story ("Harbour Herald", "harbourherald.example"),
        # nor its own writer's (a CMS adding the byline to the keywords)
        "tags": clean_tags(
            tags, section, url, section_names(article, meta, graph), {n.casefold() for n in [*site_names, *authors]}
        ),
        "description": description,
        "image": join_url(url, image) if image else None,
        "canonical_url": canonical or url,
    }

