"""The section (breadcrumb, kicker, declared section) and the tags (keywords) of an article."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newsspider.extraction import jsonld
from newsspider.extraction.html import text_of
from newsspider.extraction.metadata.bylines import MarkedElements, in_other_story, in_skipped_block, is_breadcrumb
from newsspider.extraction.metadata.page import Meta, PageTags
from newsspider.extraction.text import XML_SPACE_CHARS, XML_SPACES, plain_text, unique_casefolded
from newsspider.textlength import COMMAS, word_count
from newsspider.urls import join_url, site_host, url_path
from newsspider.urlshape import is_home_page

_HOME_CRUMBS = {"home", "startseite", "accueil", "inicio", "portada", "start", "news", "homepage"}


def page_section(
    article: dict[str, Any] | None, meta: Meta, graph: list[dict[str, Any]], tags: PageTags, title: str | None, url: str
) -> str | None:
    tree = tags.tree
    if article:
        value = jsonld.first_string(article.get("articleSection"))
        if value:
            return value
    value = meta.first("article:section", "og:article:section", "section", "parsely-section", "category")
    if value:
        return value
    items = jsonld.breadcrumb_items(graph) or [(text_of(a), a.get("href")) for a in _breadcrumb_links(tree, tags.marked)]
    if items and _home_link(items[0][1], url):
        items = items[1:]  # the first crumb goes home, whatever its words ("Strona główna", the site's name)
    crumbs = [c for c, _ in items if c and c.casefold() not in _HOME_CRUMBS and c != title]
    if crumbs:
        return crumbs[-1] if len(crumbs) == 1 or crumbs[-1] != title else crumbs[-2]
    links = _Links(tree)
    value = _kicker(links, title) or _parent_path_kicker(tree, url)
    if value:
        return value
    value = _first_text(links.category())
    if value:
        return value
    # Category label links inside the article header (WordPress themes: /category/slug/).
    return _first_text(link for link in links.sections() if any(map(_article_like, link.iterancestors())))


# A language's root ("/en/", "/pt-br/"): a home page as the site's root is (urlshape.is_home_page).
_LANGUAGE_ROOT = re.compile(r"/[a-z]{2}(?:[-_][a-z]{2})?/?", re.I)


def _home_link(href: str | None, url: str) -> bool:
    """A crumb's link goes to the site's home page (the root, or a language's root) on this host:
    a breadcrumb's first crumb, whatever it says ("Strona główna", "Αρχική", "Etusivu")."""
    if not href or not href.strip() or href.strip().startswith("#"):
        return False
    target = join_url(url, href.strip())
    if not target or site_host(target) != site_host(url) or urlsplit(target).query:
        return False  # "index.php?/forum/3-support/" is a forum's section
    return is_home_page(target) or bool(_LANGUAGE_ROOT.fullmatch(url_path(target)))


def _first_text(elements: Iterable[HtmlElement]) -> str | None:
    """The text of the first of ``elements`` that has one."""
    return next((value for value in map(text_of, elements) if value), None)


def _breadcrumb_links(tree: HtmlElement, marked: MarkedElements | None = None) -> list[HtmlElement]:
    """The links inside the page's first breadcrumb (an element whose class or id holds
    "breadcrumb", or labelled so): the one the byline walk found (``marked``), else a walk that
    stops there (the XPath of ``contains()`` tests, ``(//*[...])[1]//a``, tests every element:
    twice the time)."""
    if marked is not None:
        found = marked.breadcrumb
    else:
        found = next((e for e in tree.iter(etree.Element) if e.attrib and is_breadcrumb(e.get("class"), e.get("id"), e.get("aria-label"))), None)
    return list(found.iterdescendants("a")) if found is not None else []


# Paths of section pages ("/category/slug/").
_SECTION_PATH = re.compile(r"/(?:category|section|sections|rubrik|ressort|rubrique|seccion|categoria|kategorie)/")


class _Links:
    """The page's section links (an address holding a section path) and ``rel="category"``
    links, in document order: one walk over the ``<a>`` elements, read on first use, for the
    kicker and both fallbacks (three XPaths of ``contains()`` tests walked the page each)."""

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree
        self._sections: list[HtmlElement] | None = None
        self._category: list[HtmlElement] = []

    def _walk(self) -> None:
        self._sections = []
        for link in self.tree.iter("a"):
            href = link.get("href")
            if href and _SECTION_PATH.search(href):
                self._sections.append(link)
            rel = link.get("rel")
            if rel and "category" in rel and "category" in XML_SPACES.split(rel):
                self._category.append(link)

    def sections(self) -> list[HtmlElement]:
        if self._sections is None:
            self._walk()
        return self._sections or []

    def category(self) -> list[HtmlElement]:
        """``rel`` holding the word "category" (WordPress's category links)."""
        if self._sections is None:
            self._walk()
        return self._category

    def in_body(self) -> list[HtmlElement]:
        """The section links inside ``<body>``."""
        return [link for link in self.sections() if any(a.tag == "body" for a in link.iterancestors())]


def _article_like(element: HtmlElement) -> bool:
    """An ``<article>`` or an element whose class holds "post", "entry" or "article"."""
    if element.tag == "article":
        return True
    marks = element.get("class")
    return marks is not None and ("post" in marks or "entry" in marks or "article" in marks)


def _kicker(links: _Links, title: str | None) -> str | None:
    """The section link printed right before the headline (a "kicker" label)."""
    if not title:
        return None
    start = " ".join(title.split())[:40].casefold()
    for link in links.in_body():
        label = text_of(link)
        following = _next_text(link) if label else None
        if not label or following is None:
            continue
        text = " ".join(following.split()).casefold()[:40]
        if len(text) >= 15 and (text.startswith(start) or start.startswith(text)):
            return label
    return None


def _next_text(element: HtmlElement) -> str | None:
    """The first text after ``element`` (not inside it) that is not XML spaces alone, as
    ``following::text()[normalize-space()][1]`` finds it: a walk that stops there (libxml2
    collects the whole ``following`` axis first, for every section link)."""
    node: HtmlElement | None = element
    while node is not None:
        if node.tail and node.tail.strip(XML_SPACE_CHARS):
            return node.tail
        sibling = node.getnext()
        if sibling is None:
            node = node.getparent()
            continue
        if isinstance(sibling.tag, str):  # a comment's or PI's own text is no text node
            found = next((text for text in sibling.itertext() if text.strip(XML_SPACE_CHARS)), None)
            if found is not None:
                return found
        node = sibling
    return None


def _parent_path_kicker(tree: HtmlElement, url: str) -> str | None:
    """The link right before the headline when it points to a parent folder of the article's URL.

    ``<a href="/culture/">Culture</a><h1>...`` on ``/culture/2024/01/29/story.html``: sites file
    articles under their section's path, so a kicker linking to an ancestor path names the section.
    """
    links = tree.xpath("(//h1)[1]/preceding::a[1]")
    if not links:
        return None
    label, href = text_of(links[0]), links[0].get("href")
    if not label or not href or word_count(label) > 4:
        return None
    linked = join_url(url, href)
    if linked is None:
        return None
    parent = urlsplit(linked).path.rstrip("/")
    page = urlsplit(url)
    if not parent or urlsplit(linked).netloc != page.netloc:
        return None
    return label if page.path.startswith(parent + "/") and page.path.rstrip("/") != parent else None


_REL_TAG = etree.XPath("//body//a[contains(concat(' ', normalize-space(@rel), ' '), ' tag ')]")
_NOT_THE_ARTICLE = frozenset({"aside", "footer", "nav"})
#: More distinct tag links than this outside the skipped blocks: a tag cloud, not the article's tags.
MAX_TAG_LINKS = 20


def tag_links(tags: PageTags) -> list[str]:
    """The texts of the page's ``rel="tag"`` links (HTML's link type for "a tag that applies to
    the current document"; WordPress writes it on a post's tag and category links), else of the
    links in a list marked as the story's tags or topics after its headline (``tags-list``,
    ``post-tags``, ``entry-categories``, ``topics``: "Related Topics" under a story), for a page
    that declares no keywords: those of the article, not of a sidebar, a footer, a menu, a
    related-posts list or another story's card (each card lists its own tags), nor a tag cloud."""
    texts = [text_of(link) for link in _REL_TAG(tags.tree) if _in_the_article(link)]
    texts = texts or [text_of(link) for link in marked_tag_links(tags)]
    texts = unique_casefolded([text for text in texts if text])
    return texts if len(texts) <= MAX_TAG_LINKS else []


def _in_the_article(element: HtmlElement) -> bool:
    """Not in a sidebar, a footer, a menu, a related-posts list or another story's card."""
    return not (any(a.tag in _NOT_THE_ARTICLE for a in element.iterancestors()) or in_skipped_block(element) or in_other_story(element))


# A class or id token marking a list of the story's tags or topics (whole tokens: not "stage",
# "vintage", "tagline")
_TAG_MARK = re.compile(
    r"(?:[a-z]+[-_]{1,2})?(?:tags?|topics?|categories|keywords)(?:[-_]{1,2}(?:list|links|container|wrapper|box|area|section|items?))?", re.I
)


def marked_tag_links(tags: PageTags) -> list[HtmlElement]:
    """Links inside elements of the article whose class or id token marks a list of tags or
    topics, after the headline (a list before it is the site's: a "trending" bar, a category
    flag). The candidates come from the byline search's walk of the page (:class:`MarkedElements`);
    where no byline was searched (a declared author), none: a walk of its own would add ~5% to
    the metadata step on the dev pages for the few that show such a list."""
    if tags.marked is None:
        return []
    candidates = tags.marked.tag_lists  # with the <h1>s, in document order
    headline = tags.headline()
    if headline is not None and headline in candidates:
        candidates = candidates[candidates.index(headline) + 1:]
    links: dict[HtmlElement, None] = {}  # in document order, once (a list inside a marked list)
    for element in candidates:
        marks = f"{element.get('class') or ''} {element.get('id') or ''}".split()
        if any(_TAG_MARK.fullmatch(mark) for mark in marks) and _in_the_article(element):
            links.update((a, None) for a in element.iter("a") if a.get("href"))
    return list(links)


def split_keywords(value: Any, alone: bool = True, depth: int = 0) -> list[str]:
    """Keywords from strings and lists; entities decoded before splitting at ",", ";" and "|".
    ``alone``: the value is the whole keyword field (not one item of a list). Lists nested deeper
    than ``jsonld.MAX_LIST_DEPTH`` give none."""
    if depth > jsonld.MAX_LIST_DEPTH:
        return []
    if isinstance(value, (list, tuple)):
        items = [v for v in value if v]
        return [k for v in items for k in split_keywords(v, alone and len(items) == 1, depth + 1)]
    if isinstance(value, dict):
        return split_keywords(value.get("name"), alone=False, depth=depth + 1)
    if isinstance(value, str):
        value = plain_text(value)
        parts = [k.strip().lstrip("#").strip() for k in _KEYWORD_SEPARATORS.split(value)]
        parts = [k for k in parts if k]
        if alone and len(parts) == 1 and len(parts[0].split()) >= _SPACE_JOINED_WORDS and _words_only(parts[0]):
            return parts[0].split()  # one string of keywords joined by spaces
        return parts
    return []


def meta_tags(values: list[str]) -> list[str]:
    """Tags of the ``article:tag`` meta elements: one tag an element when there are several (a
    comma inside one is the tag's own: "Beshear, Andrew G"); a lone element may hold the list."""
    if len(values) < 2:
        return split_keywords(values)
    return [tag for tag in (plain_text(v).strip().lstrip("#").strip() for v in values) if tag]


# Commas of every script (",，、،፣"), semicolons (also fullwidth), bars: "政治、経済", "سياسة، اقتصاد"
_KEYWORD_SEPARATORS = re.compile(f"[{COMMAS};；|]")
_SPACE_JOINED_WORDS = 5  # a "keyword" of this many words or more is a list joined by spaces
# ... unless a joining word or sign makes it one name ("Governance & Traditional Affairs", "Bank of England")
_JOINING_WORDS = frozenset("and of the for und der die das et de des du la le y del en i e og och van von".split())
_KEYWORD_WORD = re.compile(r"[\w'’.-]+")


def _words_only(text: str) -> bool:
    """``text`` is words alone, none joining the others: a list of keywords joined by spaces."""
    return all(_KEYWORD_WORD.fullmatch(word) and word.casefold() not in _JOINING_WORDS for word in text.split())


_JUNK_TAG = re.compile(
    r"[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}|[0-9a-f]*\d[0-9a-f]*|[\W\d_]+"
    r"|[\w ]{0,30}\b(?:category|categories|tag|tags|type|section|topic|nlp|template|id|page|kategorie|rubrik|catégorie|categoría)\s*:.*"
    # a CMS's namespaced label: "source:dpa", "paywall:free", "storytype:standard"
    r"|(?-i:[a-z][a-z0-9_.-]{1,24}):\S.*"
    # a CMS's internal code: "@post-id:1913719", "@hp-top-stories", "_no-apple-news", and
    # snake_case identifiers ("channel_other", "autoplay_video"): no topic is written so
    r"|[@_]\S.*|(?-i:[a-z0-9]+(?:_[a-z0-9]+)+)"
    # pieces of a list split at an entity's ";" before it reached the page ("PG&amp;E" -> "PG&",
    # "E"): a lone Latin letter, a name ending in "&"
    r"|[a-z]|.*&",
    re.I,
)
_MAX_TAG_WORDS = 6


def section_names(article: dict[str, Any] | None, meta: Meta, graph: list[dict[str, Any]]) -> set[str]:
    """Every section the page declares, casefolded: JSON-LD ``articleSection`` (all of them),
    ``article:section`` metas, the breadcrumb's names."""
    values = meta.all("article:section") + jsonld.breadcrumb(graph)
    if article:
        declared = article.get("articleSection")
        values += [v for v in (declared if isinstance(declared, list) else [declared]) if isinstance(v, str)]
    return {plain_text(v).casefold() for v in values if v}


def clean_tags(
    tags: list[str], section: str | None, url: str, sections: set[str] = frozenset(), names: set[str] = frozenset()
) -> list[str]:
    """Unique tags without junk (ids, "Category: X" labels), the section's name (``section``;
    ``sections``: the casefolded names of every section the page declares) unless it is the only
    topic declared, the ``names`` (casefolded: the site's names, the authors'), or URL words (a
    keyword list generated from the slug is no tagging)."""
    sections = set(sections) | ({section.casefold()} if section else set())
    kept = [
        t for t in unique_casefolded(tags)
        if len(t) <= 80 and len(t.split()) <= _MAX_TAG_WORDS and not _JUNK_TAG.fullmatch(t) and t.casefold() not in names
    ]
    # a section among other topics is the CMS adding it ("News", "Opinion"); a section declared
    # alone as the keywords ("investing", a column's name) is the page's one topic
    kept = [t for t in kept if t.casefold() not in sections] or kept
    slug = {w for w in re.split(r"[\W_]+", urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].casefold()) if w and not w.isdigit()}
    from_slug = [t for t in kept if t.casefold() in slug]
    # The slug cut into words: most tags are slug words and they cover most of the slug.
    if len(from_slug) >= 3 and len(from_slug) >= 0.8 * len(kept) and len(from_slug) >= 0.5 * len(slug):
        kept = [t for t in kept if t not in from_slug]
    return kept

