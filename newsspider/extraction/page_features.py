"""Numbers that tell an article page from a listing, product, forum or documentation page.

They feed the learned is-this-an-article model (:mod:`newsspider.extraction.classify`). Each
one is generic (markup, URL shape, the extracted text), never a site's name or phrase, and
cheap: the DOM is read by a handful of compiled XPath counts that run in C, never by a
Python walk over every element, so classification costs little next to extraction.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from newsspider.dates import is_date_only_line
from newsspider.extraction import jsonld
from newsspider.extraction.boilerplate import Block
from newsspider.textlength import OTHER_SENTENCE_FINAL, UNSPACED_SENTENCE_FINAL, word_count
from newsspider.urls import join_url
from newsspider.urlshape import (
    DATE_IN_PATH,
    ID_QUERY,
    INDEX_SEGMENTS,
    NUMERIC_ID,
    path_segments,
    url_is_index_or_static,
    url_looks_like_article,
)

ARTICLE_OG_TYPES = frozenset({"article", "news", "newsarticle", "blog", "blogposting", "news.article"})

# Elements counted in one C-filtered pass over the tree (no Python walk over every element).
_TAGS = ("article", "h1", "h2", "h3", "h4", "time", "p", "li", "a", "img", "form", "input", "button", "select", "pre", "code", "table", "nav", "aside")
_LINKED_HEADINGS = frozenset({"h2", "h3", "h4"})  # a heading holding a link: a card of a listing
_CLASS_XPATH = etree.XPath("//@class", smart_strings=False)
# Teaser cards: links with a headline's length or an image; long paragraphs: prose on the page.
_COUNTS = {
    "headline_links": "//a[string-length(normalize-space(.))>40]",
    "image_links": "//a[.//img]",
    "long_p": "//p[string-length(.)>150]",
    "article_long_p": "//article//p[string-length(.)>150]",  # prose inside <article>: a story's, not a card's
}
_COUNTS_XPATH = etree.XPath("concat(" + ", ' ', ".join(f"count({x})" for x in _COUNTS.values()) + ")")
# Paragraphs of prose (80+ characters): a story's stand side by side under one parent.
_PROSE_P_XPATH = etree.XPath("//p[string-length(normalize-space(.))>80]")
_MAIN_TAGS = ("article", "main")  # where a page puts its own content
_MICRODATA_XPATH = etree.XPath("//@itemprop|//@itemtype", smart_strings=False)
_TIME_XPATH = etree.XPath("//time/@datetime", smart_strings=False)
_MICRODATA = {
    "md_product": re.compile(r"(?<![A-Za-z])(?:Product|Offer|AggregateOffer|price|priceCurrency|offers|sku)(?![A-Za-z])"),
    "md_article": re.compile(r"(?<![A-Za-z])(?:Article|NewsArticle|BlogPosting|articleBody|datePublished|author)(?![A-Za-z])"),
}

# class/id vocabulary of page kinds (CSS words every CMS and shop theme uses), by family.
CLASS_FAMILIES: dict[str, frozenset[str]] = {
    "cls_product": frozenset({"price", "prices", "cart", "basket", "checkout", "sku", "stock", "qty", "quantity", "variant", "variants", "product", "products", "shop", "buy", "swatch", "addtocart"}),
    "cls_listing": frozenset({"card", "cards", "grid", "tile", "tiles", "teaser", "teasers", "listing", "collection", "pagination", "pager", "filter", "filters", "facet", "facets", "sort", "loop", "archive"}),
    "cls_forum": frozenset({"comment", "comments", "reply", "replies", "thread", "threads", "forum", "topic", "message", "messages", "avatar", "vote", "votes", "answer", "answers", "question", "username", "user"}),
    "cls_docs": frozenset({"toc", "docs", "doc", "documentation", "sidebar", "highlight", "api", "reference", "breadcrumb", "breadcrumbs", "menu", "version"}),
    "cls_article": frozenset({"article", "entry", "post", "story", "byline", "author", "published", "date", "share", "sharing", "related", "headline", "dateline", "meta", "tags", "single"}),
}
_CLASS_SEPARATORS = str.maketrans({c: " " for c in "-_:/.0123456789"})

# Words of URL paths, by page kind (English web vocabulary, not any site's). Not "p" for products
# (``/p/<slug>`` is newsletter platforms' story path: 19 tuning articles on as many hosts against 7
# products) nor "learn" for documentation (content-marketing stories, 7 articles against 3 docs):
# nested CV by domain, docs/benchmarks.md.
URL_FAMILIES: dict[str, frozenset[str]] = {
    "url_product": frozenset({"product", "products", "shop", "store", "item", "items", "dp", "buy", "sku", "cart"}),
    "url_listing": frozenset({"collections", "collection", "category", "categories", "catalog", "c", "list", "listing", "search", "browse", "all", "deals"}),
    "url_forum": frozenset({"forum", "forums", "thread", "threads", "topic", "topics", "community", "discussion", "discussions", "questions", "question", "t", "r", "comments"}),
    "url_docs": frozenset({"docs", "doc", "documentation", "wiki", "reference", "api", "manual", "help", "support", "guide", "guides", "kb"}),
    "url_article": frozenset({"news", "article", "articles", "blog", "blogs", "post", "posts", "story", "stories", "opinion", "press", "insights"}),
    "url_service": frozenset({"services", "service", "solutions", "pricing", "features", "about", "contact", "plans"}),
}
_URL_WORD = re.compile(r"[a-z]+")
# Article-family words that name one item in the singular: ``/story``, ``/article.php?id=123``,
# ``/post?p=9`` are one story's page (old CMSs), where ``/stories`` or ``/articles`` is an index.
ITEM_WORDS = frozenset({"article", "story", "post"})
# A query naming one item: ``?id=123``, ``?sid=5``, ``?storyid=77``, ``?article_id=ab12``.
_ITEM_QUERY = re.compile(r"(?:^|[&;])[a-z_]*id=[\w-]+", re.I)

PRODUCT_TYPES = frozenset({"Product", "ProductGroup", "Offer", "AggregateOffer", "IndividualProduct", "ProductModel", "Car", "Vehicle"})
COLLECTION_TYPES = frozenset({"CollectionPage", "ItemList", "SearchResultsPage", "OfferCatalog"})
FORUM_TYPES = frozenset({"DiscussionForumPosting", "QAPage", "Question", "Answer", "Comment"})
SERVICE_TYPES = frozenset({"Service", "LocalBusiness", "ProfessionalService", "SoftwareApplication", "WebApplication", "Course", "Event", "Recipe", "HowTo", "FAQPage"})

_PRICE = re.compile(r"(?:[$€£¥₹]\s?\d|\d(?:[.,]\d{2})?\s?(?:[$€£¥₹]|USD|EUR|GBP)\b)")
_DIGIT = re.compile(r"\d")
# A sentence's end (any script): prose ends its paragraphs with one; cards, menus, specs and
# headlines do not.
_ENDS_SENTENCE = re.compile(f"[.!?…{OTHER_SENTENCE_FINAL}][\"'”’»)]*\\s*$")
# A CJK full stop is followed by the next sentence at once; the others by a space.
_SENTENCE_END = re.compile(f"[.!?{OTHER_SENTENCE_FINAL}](?:\\s|$)|[{UNSPACED_SENTENCE_FINAL}]")
_FILE_EXT = re.compile(r"\.(?:html?|php|aspx?|shtml|jsp)$", re.I)
_PATH_END = re.compile(r"[?#]")
_PAGE_NUMBER = re.compile(r"[2-9]|[1-9]\d{1,2}")  # a pager's link text ("1" is often the page itself)
_PAGING_HREF = re.compile(r"[?&](?:page|paged?|pg|p|start|offset)=\d|/page/\d", re.I)


words = word_count  # one measure of length for every script (newsspider.textlength)


def _log(value: float) -> float:
    return math.log1p(max(0.0, value))


def body_features(blocks: Sequence[Block]) -> dict[str, float]:
    """Length, paragraphs and link density of the extracted text: prose or a list of links."""
    total = link_words = long_paragraphs = items = headings = short = prices = longest = dates = linky = 0.0
    ended = sentences = 0.0
    thin = 0.0  # headings followed by at most one paragraph: a listing's card, not a story's section
    since_heading: int | None = None
    for block in blocks:
        count = words(block.text)
        if block.kind == "head":
            thin += since_heading is not None and since_heading <= 1
            since_heading = 0
        elif since_heading is not None and count >= 8:
            since_heading += 1
        total += count
        link_words += count * block.link_ratio
        longest = max(longest, count)
        long_paragraphs += count >= 20 and block.link_ratio < 0.5
        items += block.kind == "item"
        headings += block.kind == "head"
        short += count < 8
        prices += bool(_PRICE.search(block.text))
        linky += block.link_ratio >= 0.6
        ended += count * bool(_ENDS_SENTENCE.search(block.text))
        sentences += len(_SENTENCE_END.findall(block.text))
        # Dates on lines of their own: one under a headline, one per card on a listing.
        dates += count <= 12 and _DIGIT.search(block.text) is not None and is_date_only_line(block.text)
    thin += since_heading is not None and since_heading <= 1
    n = len(blocks) or 1
    return {
        "words": _log(total),
        "paragraphs": _log(long_paragraphs),
        "link_ratio": link_words / total if total else 1.0,
        "blocks": _log(len(blocks)),
        "item_share": items / n,
        "heading_share": headings / n,
        "short_share": short / n,
        "price_blocks": _log(prices),
        "longest": _log(longest),
        "words_per_block": _log(total / n),
        "date_lines": _log(dates),
        "linky_share": linky / n,
        "thin_sections": thin / headings if headings else 0.0,
        # Share of the words in blocks that end a sentence, and words per sentence: prose or lines.
        "ended_share": ended / total if total else 0.0,
        "words_per_sentence": _log(total / sentences if sentences else total),
    }


def url_features(url: str) -> dict[str, float]:
    """URL shape: dates, ids and slugs say article; short section words say index or shop."""
    parts = urlsplit(url)
    segments = path_segments(url)
    last = _FILE_EXT.sub("", segments[-1]) if segments else ""
    features = {
        "url_article_shape": float(url_looks_like_article(url)),
        "url_index": float(url_is_index_or_static(url)),
        "url_home": float(not segments),
        "url_index_segment": float(any(INDEX_SEGMENTS.match(s) for s in segments)),
        "url_date": float(bool(DATE_IN_PATH.search(parts.path))),
        "url_id": float(bool(NUMERIC_ID.search(parts.path) or ID_QUERY.search(parts.query))),
        "url_depth": float(min(len(segments), 6)),
        "url_slug_words": float(min(len([w for w in re.split(r"[-_+]+", last) if w]), 12)),
        "url_slug_chars": _log(len(last)),
        "url_query": float(bool(parts.query)),
        "url_file": float(bool(segments and _FILE_EXT.search(segments[-1]))),
    }
    # Where a family's word sits matters: ``/products`` is the shop's index, ``/products/x`` a
    # product; ``/news`` a section, ``/news/x`` a story; a slug's words ("why-the-blog-...") say little.
    last_word = last.lower()
    parent_words = set(_URL_WORD.findall(" ".join(segments[:-1]).lower()))
    for name, vocabulary in URL_FAMILIES.items():
        features[f"{name}_last"] = float(last_word in vocabulary)
        features[f"{name}_parent"] = float(bool(parent_words & vocabulary))
    # The article family's word names an index (``/articles``, ``/news``) only as a bare word:
    # ``/article.php?id=123``, ``/story.html?sid=5`` or ``/story`` is one story's page.
    if features["url_file"] or names_one_item(url):
        features["url_article_last"] = 0.0
    return features


def names_one_item(url: str) -> bool:
    """An item in the query (``?id=123``, ``?sid=5``) or a singular item noun as the last
    segment (``/story``, ``/article.php``): old CMSs' URLs of one story, never an index."""
    query = urlsplit(url).query
    if ID_QUERY.search(query) or _ITEM_QUERY.search(query):
        return True
    segments = path_segments(url)
    return bool(segments) and _FILE_EXT.sub("", segments[-1]).lower() in ITEM_WORDS


def markup_features(graph: list[dict[str, Any]], og_type: str | None, fields: dict[str, Any]) -> dict[str, float]:
    """What the page says it is: JSON-LD types, og:type and article metadata."""
    declared: set[str] = set()
    for node in graph:
        declared |= jsonld.types_of(node)
        main = node.get("mainEntity")
        if isinstance(main, dict):
            declared |= jsonld.types_of(main)
    og = (og_type or "").strip().lower()
    return {
        "ld_article": float(jsonld.find_article(graph) is not None),
        "ld_product": float(bool(declared & PRODUCT_TYPES)),
        "ld_collection": float(bool(declared & COLLECTION_TYPES)),
        "ld_forum": float(bool(declared & FORUM_TYPES)),
        "ld_service": float(bool(declared & SERVICE_TYPES)),
        "ld_non_article": float(bool(declared & jsonld.NON_ARTICLE_TYPES)),
        "ld_none": float(not declared),
        "og_article": float(og in ARTICLE_OG_TYPES),
        "og_product": float("product" in og or "item" in og),
        "og_website": float(og == "website"),
        "og_none": float(not og),
        "published": float(bool(fields.get("published"))),
        "authors": float(bool(fields.get("authors"))),
        "modified": float(bool(fields.get("modified"))),
        "tags": float(bool(fields.get("tags"))),
        "title_words": _log(words(str(fields.get("title") or ""))),
        "description_words": _log(words(str(fields.get("description") or ""))),
    }


def slug_title_overlap(url: str, title: str | None) -> float:
    """Share of the URL's last path words found in the title: a story's slug is its headline."""
    segments = path_segments(url)
    slug = {w for w in _URL_WORD.findall(segments[-1].lower()) if len(w) > 2} if segments else set()
    if not slug or not title:
        return 0.0
    return len(slug & set(_URL_WORD.findall(title.lower()))) / len(slug)


def link_features(links: Sequence[tuple[str, str]], url: str) -> dict[str, float]:
    """What the page links to, from its ``(href, anchor text)`` pairs.

    ``child_links``: distinct pages of the site below this page's path (``/news`` links to
    ``/news/x``, ``/news/y`` ...): an index lists its children, a story rarely has any. The home
    page is left out (every page is below it). ``repeated_anchor``: most distinct targets sharing
    one anchor text, as a listing's "read more" or a shop's "add to cart" on every card, in any
    language. ``page_numbers`` (distinct link texts 2-999) and ``paging_links`` (hrefs with a
    page parameter or ``/page/N``): a pager, under a listing, rarely under a story. String tests
    only: ``urljoin`` runs for the rare relative href.
    """
    page = urlsplit(url)
    host = page.netloc.lower().removeprefix("www.")
    origins = tuple(f"{scheme}//{www}{host}" for scheme in ("https:", "http:", "") for www in ("", "www.")) if host else ()
    own = page.path.rstrip("/")
    prefix = own + "/"
    children: set[str] = set()
    targets: dict[str, set[str]] = {}
    numbers: set[str] = set()
    paging: set[str] = set()
    for href, text in links:
        href = href.strip()
        if not href or href[0] == "#":
            continue
        text = text.strip().lower()
        if text:
            targets.setdefault(text, set()).add(href)
            if len(text) <= 3 and _PAGE_NUMBER.fullmatch(text):
                numbers.add(text)
        if _PAGING_HREF.search(href):
            paging.add(href)
        if not own:
            continue
        if href.startswith(origins):
            path = href[len(next(o for o in origins if href.startswith(o))):]
        elif href[0] == "/" and href[1:2] != "/":
            path = href
        elif "://" in href or href[0] == "/" or ":" in href.split("/", 1)[0]:
            continue  # another site, or mailto:, javascript: ...
        else:
            joined = join_url(url, href)
            if joined is None:
                continue
            path = urlsplit(joined).path
        path = _PATH_END.split(path, 1)[0].rstrip("/")
        if path.startswith(prefix) and len(path) > len(prefix):
            children.add(path)
    return {
        "child_links": _log(len(children)),
        "repeated_anchor": _log(max(map(len, targets.values()), default=0)),
        "page_numbers": _log(len(numbers)),
        "paging_links": _log(len(paging)),
    }


def prose_run_features(tree: Any) -> dict[str, float]:
    """The largest group of prose paragraphs under one parent, its share of the page's prose, and
    whether the prose sits in the page's ``<article>``/``<main>``.

    A story's body is one container of paragraphs; a listing's or a shop's prose is spread
    over its cards (one teaser each), a product's over its tabs and boxes. ``run_in_main``: the
    largest group (by characters) is inside an ``<article>`` or ``<main>``; ``prose_in_main``: the
    share of prose characters there. A story's page wraps its text in one of them; a shop's or a
    home page's prose is as often in the footer, a sidebar or a hero banner outside them.
    """
    groups: dict[Any, list[int]] = {}
    total = 0
    for paragraph in _PROSE_P_XPATH(tree):
        chars = len(paragraph.text_content())
        total += chars
        group = groups.setdefault(paragraph.getparent(), [0, 0])
        group[0] += 1
        group[1] += chars
    # One ancestor walk per parent, not per paragraph.
    in_main = {parent: _in_main(parent) for parent in groups}
    largest = max(groups, key=lambda parent: groups[parent][1], default=None)
    return {
        "prose_run": _log(max((n for n, _ in groups.values()), default=0)),
        "prose_run_share": max((c for _, c in groups.values()), default=0) / total if total else 0.0,
        "run_in_main": float(largest is not None and in_main[largest]),
        "prose_in_main": sum(c for parent, (_, c) in groups.items() if in_main[parent]) / total if total else 0.0,
    }


def _in_main(element: Any) -> bool:
    """True when ``element`` is or is inside an ``<article>`` or ``<main>``."""
    return element.tag in _MAIN_TAGS or any(True for _ in element.iterancestors(*_MAIN_TAGS))


def dom_features(tree: Any, url: str = "") -> dict[str, float]:
    """Counts of telling elements (cards, forms, code), links, microdata and page-kind CSS words."""
    counts = dict.fromkeys(_TAGS, 0)
    heading_links = 0
    links: list[tuple[str, str]] = []
    for element in tree.iter(*_TAGS):
        tag = element.tag
        counts[tag] += 1
        if tag == "a":
            href = element.get("href")
            if href:
                links.append((href, element.text_content()))
        elif tag in _LINKED_HEADINGS and element.find(".//a") is not None:
            heading_links += 1
    features = {f"n_{tag}": _log(n) for tag, n in counts.items()}
    features.update(link_features(links, url))
    features["n_heading_links"] = _log(heading_links)
    features["heading_links_vs_h"] = heading_links / (counts["h2"] + counts["h3"] + counts["h4"] + 1)
    for name, value in zip(_COUNTS, str(_COUNTS_XPATH(tree)).split()):
        features[f"n_{name}"] = _log(float(value))
    features.update(prose_run_features(tree))
    # Distinct days in <time datetime>: one or two under a story, one per card on a listing.
    features["time_days"] = _log(len({value[:10] for value in _TIME_XPATH(tree)}))
    head = tree.find("head")
    features["rel_next"] = float(head is not None and any(e.get("rel") == "next" for e in head.iter("link")))
    microdata = " ".join(_MICRODATA_XPATH(tree))
    for name, pattern in _MICRODATA.items():
        features[name] = _log(len(pattern.findall(microdata)))
    # str.translate + split + Counter run in C: a regex over all class names cost 4x more.
    tokens = Counter(" ".join(_CLASS_XPATH(tree)).lower().translate(_CLASS_SEPARATORS).split())
    for family, vocabulary in CLASS_FAMILIES.items():
        features[family] = _log(sum(tokens[word] for word in vocabulary))
    return features


def page_features(
    graph: list[dict[str, Any]],
    og_type: str | None,
    url: str,
    blocks: Sequence[Block],
    tree: Any,
    fields: dict[str, Any] | None,
) -> dict[str, float]:
    """All features of one page, by name (the model's inputs)."""
    features = body_features(blocks)
    features.update(url_features(url))
    features.update(markup_features(graph, og_type, fields or {}))
    features["slug_title"] = slug_title_overlap(url, (fields or {}).get("title"))
    if tree is not None:
        features.update(dom_features(tree, url))
    return features
