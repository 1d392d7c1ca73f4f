"""RSS and Atom feeds: where a page advertises them, and the articles they list.

Parsing is feedparser's (RSS 0.9x-2.0, RDF, Atom 0.3/1.0, lenient with broken XML); it is
always given the downloaded document, never a URL, so it never fetches anything itself. The
document is decoded here (:func:`newsspider.charset.xml_text`) and handed over as UTF-8, so the
entity guard reads what the parser reads, and feedparser never falls back to chardet's guess.
"""

from __future__ import annotations

import feedparser
from parsel import Selector

from newsspider.charset import as_utf8_xml, xml_text
from newsspider.discovery.candidates import ArticleCandidate, iso_date
from newsspider.discovery.xmlguard import refuse_entities
from newsspider.urls import join_url

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json", "application/rdf+xml")

#: Paths tried on a start page's host when the page advertises no feed.
COMMON_FEED_PATHS = ("/feed", "/rss", "/feed.xml", "/rss.xml", "/atom.xml", "/index.xml")


def feed_links_in_page(selector: Selector, base_url: str) -> list[str]:
    """Absolute URLs of the RSS/Atom feeds a page advertises with ``<link rel="alternate">``."""
    links = []
    for link in selector.xpath("//link[@href]"):
        try:
            rel = (link.attrib.get("rel") or "").lower().split()
            kind = (link.attrib.get("type") or "").lower().split(";")[0].strip()
        except ValueError:  # an attribute name lxml refuses ("r\x01el"): not a feed link
            continue
        if "alternate" in rel and kind in FEED_TYPES and "json" not in kind:
            url = join_url(base_url, link.attrib["href"].strip())
            if url and url not in links:
                links.append(url)
    return links


def parse_feed(body: bytes, base_url: str) -> list[ArticleCandidate] | None:
    """The entries of an RSS/Atom document as candidates; None when ``body`` is not a feed.
    Raises :class:`~newsspider.discovery.xmlguard.RefusedDocument` for a document declaring
    entities (XXE, billion laughs)."""
    text = xml_text(body)
    refuse_entities(text, base_url)
    try:
        # decoded here, handed over as declared UTF-8: feedparser's own fallback for a feed whose
        # declared charset fails is chardet, quadratic on such bytes (10 KB took 18 s)
        parsed = feedparser.parse(as_utf8_xml(text), sanitize_html=False, resolve_relative_uris=False)
    except (ValueError, OverflowError, UnicodeError):
        # an encoding Python has but cannot use ("undefined"), a character reference past
        # U+10FFFF or a surrogate in the loose parser: no feed anyone can read
        return None
    if not parsed.get("version") and not parsed.entries:
        return None
    candidates = []
    for entry in parsed.entries:
        # dict.get: the raw keys, without feedparser's deprecated updated->published fallback.
        link = dict.get(entry, "link") or _alternate_link(entry)
        url = join_url(base_url, link.strip()) if link else None
        if not url:  # no link, or one urllib cannot read ("https://[x]/")
            continue
        published = iso_date(dict.get(entry, "published") or dict.get(entry, "created"))
        updated = iso_date(dict.get(entry, "updated"))
        candidates.append(
            ArticleCandidate(
                url=url,
                source="feed",
                published=published,
                lastmod=updated or published,
                title=dict.get(entry, "title") or None,
            )
        )
    if parsed.get("bozo") and not candidates:  # broken XML that yields nothing: not a feed
        return None
    return candidates


def _alternate_link(entry: feedparser.FeedParserDict) -> str | None:
    for link in dict.get(entry, "links", ()):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return None
