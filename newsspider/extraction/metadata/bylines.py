"""Where a page writes its byline: elements marked as one, author links, and "By …" lines."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from lxml.html import HtmlElement

from newsspider.extraction.authors import BY_PREFIX, HANDLE, NO_ONE, split_authors
from newsspider.extraction.html import text_of
from newsspider.extraction.text import squash
from newsspider.urls import url_path


def _linked_single_names(element: HtmlElement) -> Iterator[str]:
    """One-word names in a byline linked to a page of their own ("by <a href="/author/amanda/">Amanda</a>",
    "Posted by <a href=".../in/beauhd/">BeauHD</a>"): a lone word in a byline is more often a
    dateline's place, but a link whose address spells it is a person's (or account's) page."""
    for link in [element] if element.tag == "a" else itertools.islice(element.iter("a"), 3):
        text = text_of(link)
        key = squash(text)
        href = link.get("href") or ""
        if " " not in text and len(key) >= 3 and key in squash(href) and split_authors(text)[0] == [text]:
            if _AUTHOR_HREF.search(href) or link.get("rel") == "author" or _after_by(link):
                yield text


def _marked_single_name(element: HtmlElement) -> list[str]:
    """The one word of an element marked as the author's name ("<span class="author-name">Amanda</span>",
    ``rel="author"``, ``itemprop="author"``) when it holds nothing else: a first name or a pen name
    (a lone word in free markup is more often a place; in the name's own element it is a name)."""
    marks = " ".join(filter(None, (element.get("class"), element.get("id"), element.get("itemprop"), element.get("rel"))))
    if "author" not in marks.lower():
        return []  # a "byline" box holding one word is as often a section's label ("Lifestyle")
    text = BY_PREFIX.sub("", text_of(element)).strip(" ,.;:-–—|")
    if " " in text or len(text) < 3 or text.casefold() in NO_ONE:
        return []
    return [text] if split_authors(text)[0] == [text] or HANDLE.fullmatch(text) else []


def _after_by(element: HtmlElement) -> bool:
    """The words right before ``element`` are a "By" alone ("Posted by <a>", "von <a>")."""
    previous = element.getprevious()
    parent = element.getparent()
    before = (previous.tail if previous is not None else parent.text if parent is not None else "") or ""
    return bool(before.strip()) and not BY_PREFIX.sub("", before.strip())


_BYLINE_STRONG = re.compile(r"^(?:author|byline|byl)$|author-?name|authorname|^author\b", re.I)
_BYLINE_HINT = re.compile(r"author|byl", re.I)
_BYLINE_SKIP = re.compile(r"(?:comment|sidebar|related|recommend|newsletter|footer|share|sharing|quote|is-hidden|widget)", re.I)
# A block also marked as the main content (``class="sidebar_content" id="content"``: a theme's
# main column beside its sidebar) is none of those.
_MAIN_MARKS = frozenset({"content", "main", "main-content", "primary"})
# A menu ("By Industry", "By Use Case"): a whole class/id token.
_MENU = re.compile(r"(?:main-|sub-|mega-?|site-|primary-)?(?:menu|nav|navbar|navigation|dropdown)(?:-menu)?", re.I)
# Text nodes of a "By Jane Doe" line (the name often in a child link: the parent's text is read).
_BY_LINES = (
    # one test a text node: its first two letters among the prefixes' ("By", "Written by", "Von",
    # "Par", "Por", "Text", "Tekst", "Oleh", "di", "Av", "Af", "Του", "Szerző", "Автор", "Yazar",
    # "Tác giả", "بقلم", "作者", "记者", "文：", "글:"), or its first four those of "Autor", "Auteur"
    # (not "Author": an English page's "Author:" label is as often a book's); BY_PREFIX decides
    "//body//text()[string-length() < 80]"
    "[contains('|By|by|Wr|Wo|Vo|Pa|Po|Te|Ol|ol|di|Av|av|AV|Af|af|AF|Το|Τη|ΤΟ|ΤΗ|Sz|Συ|Ав|ав|Ya|Tá|بق|作者|记者|記者|文：|文:|글:|',"
    " concat('|', substring(normalize-space(), 1, 2), '|'))"
    " or contains('|Auto|Aute|AUTO|AUTE|', concat('|', substring(normalize-space(), 1, 4), '|'))]"
    "[not(ancestor::script or ancestor::style)]"
)
BYLINE_MAX_CHARS = 120
# Containers whose class may name an author ("single-author" on <body>): never a byline, costly to read.
NOT_BYLINES = frozenset({"html", "body", "main", "article", "section", "nav", "footer", "script", "style", "time", "figure", "meta", "ul", "ol", "table", "form"})
# libxml2's contains() preselects (cheap); the regexes above decide (re:test in XPath is slow).
_LABEL_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "dt", "strong", "span", "b"})


def _marked_as_byline(attributes: list[tuple[str, str]]) -> bool:
    """A byline mark among an element's attributes: "uthor", "yline" or "byl" in its class,
    ``rel="author"``, "author" in its itemprop, "uthor" in its id, "yline" in its data-component."""
    for name, value in attributes:
        if name == "class":
            if "uthor" in value or "yline" in value or "byl" in value:
                return True
        elif name == "rel":
            if value == "author":
                return True
        elif name == "itemprop":
            if "author" in value:
                return True
        elif name == "id":
            if "uthor" in value:
                return True
        elif name == "data-component" and "yline" in value:
            return True
    return False


def _byline_candidates(tree: HtmlElement) -> Iterator[HtmlElement]:
    """Elements that may hold a byline, in one pass over the tree (a Python pass over ``get``
    is 3x faster than the XPath of ``contains()`` tests it replaces): byline marks in the
    class/id/itemprop/rel, a link to the author's page ("/author/jane-doe/"), an "Author(s)"
    label (its next element names them)."""
    for element in tree.iter():
        tag = element.tag
        if not isinstance(tag, str):
            continue
        if tag == "author":
            yield element
            continue
        attributes = element.items()  # one call: most elements have no attribute or only a class
        if attributes and _marked_as_byline(attributes):
            yield element
        elif tag == "a":
            if _AUTHOR_HREF.search(element.get("href") or ""):
                yield element
        elif tag in _LABEL_TAGS:
            text = element.text
            if text and len(text) < 16 and ("uthor" in text or "UTHOR" in text):
                yield element


_AUTHOR_HREF = re.compile(r"/(?:author|authors|autor|autoren|auteur|autores)/|_author=", re.I)


def _named_near(link: HtmlElement) -> list[str]:
    """The name an author page's URL spells, written beside a link that does not say it
    ("<p>Jane Doe</p><p>Writer</p><a href="/authors/jane-doe">Articles by Jane</a>")."""
    slug = squash(url_path(link.get("href") or "").rstrip("/").rsplit("/", 1)[-1])
    if len(slug) < 6 or squash(text_of(link)) == slug:
        return []
    container = link
    for _ in range(2):
        container = container.getparent()
        if container is None:
            return []
        for text in container.itertext():  # the name in one text node: no text_of per element
            if len(text) < 80 and squash(text) == slug:
                return [" ".join(text.split())]
    return []


def _skip_marks(element: HtmlElement) -> Iterator[str]:
    """The class/id tokens of the ancestors that put ``element`` in comments, a sidebar, a
    related-article list, a share bar or a menu, innermost first."""
    for ancestor in element.iterancestors():
        if ancestor.tag in ("body", "html"):
            return
        marks = f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}".split()
        if not _MAIN_MARKS.intersection(marks):
            yield from (mark for mark in marks if _BYLINE_SKIP.match(mark) or _MENU.fullmatch(mark))


def _skipped(element: HtmlElement) -> bool:
    """Inside comments, a sidebar, related-article lists, share bars (by class/id token)."""
    return next(_skip_marks(element), None) is not None


_TEASER_MAX_CHARS = 600  # an <article> this short without the headline is another story's card


def _in_teaser(element: HtmlElement) -> bool:
    """Inside another story's card: a short ``<article>`` without an ``<h1>`` ("By Ben Hon"
    under a related story's link; the story itself is longer or holds its headline)."""
    card = next(element.iterancestors("article"), None)
    if card is None or card.find(".//h1") is not None:
        return False
    length = 0
    for text in card.itertext():  # the main story's text is long: stop counting at the limit
        length += len(text.strip())
        if length >= _TEASER_MAX_CHARS:
            return False
    return True


def _named_by_href(link: HtmlElement) -> bool:
    """The link's text names the person of its author page ("Ryan Roe" -> /author/ryan/)."""
    words = squash(text_of(link)[:60].split(" ")[0])
    return len(words) >= 2 and words in squash(link.get("href") or "")


_NAME_MARK = re.compile(r"name|(?<![\w-])fn(?![\w-])", re.I)


def element_texts(element: HtmlElement) -> list[str]:
    """The texts of the element's parts, then its whole text ("Rachel Roe Writer" holds "Rachel Roe" in a child);
    a list's items joined by commas."""
    if element.tag in ("ul", "ol"):
        return [", ".join(t for t in (text_of(item) for item in element.iterchildren("li")) if t)[:BYLINE_MAX_CHARS * 2]]
    children = [child for child in element.iterdescendants() if isinstance(child.tag, str)]
    # a part marked as the name ("author-name", itemprop "name", hCard "fn") before the others:
    # its siblings hold the role, the date, a bio ("Jane Doe" + "Content Marketing Coordinator")
    named = [text_of(c) for c in children if _NAME_MARK.search(f"{c.get('class') or ''} {c.get('itemprop') or ''}")]
    texts = named[:2] + [text_of(child) for child in children[:6]]
    texts.append(" ".join(" ".join(element.itertext()).split()))  # parts spaced: "Emily Roe" + "Casey Poe"
    return [t for t in texts if t and 2 < len(t) < BYLINE_MAX_CHARS]


_NEVER_BYLINES = re.compile(r"comment|sidebar", re.I)


def _quiet_block(element: HtmlElement) -> bool:
    """None of the skipped blocks around ``element`` is a comment list or a sidebar: it is a
    share bar or a widget wrapped around the story's header. (The visitor's "Name" field of a
    comment form is no byline, even when nothing else is.)"""
    return not any(_NEVER_BYLINES.search(mark) for mark in _skip_marks(element))


def byline_texts(
    tree: HtmlElement, limit: int = 5, *, by_lines: bool = True, weak: bool = True, in_lists: bool = True, marked: bool = True,
    linked: list[str] | None = None, skipped: list[tuple[bool, HtmlElement]] | None = None,
) -> Iterator[list[str]]:
    """Texts of the page's byline elements (each with its parts), the surest first: ``rel``/
    ``itemprop``/``id``/``class`` naming an author (trafilatura's byline rules, preselected by one
    XPath instead of its regex XPaths), then short lines starting with "By" (``in_lists``: also
    those inside a list item); outside comments, sidebars and related-article lists. Lazy: the
    "By" lines are searched only when needed. ``marked=False``: the "By" lines alone; ``linked``
    collects the one-word names of the byline elements' links to their own page (and of the
    strong tier's elements marked as the author's); ``skipped`` collects the byline elements of
    skipped blocks that are no comment list or sidebar, with whether their mark is strong."""
    strong: list[list[str]] = []
    weak_tier: list[list[str]] = []
    for element in _byline_candidates(tree) if marked else ():
        labelled = element.tag in _LABEL_TAGS and squash(text_of(element)) in ("author", "authors")
        if labelled:  # "Author(s)" and the names in the next element
            element = element.getnext()
            if element is None or not isinstance(element.tag, str):
                continue
        if element.tag in NOT_BYLINES and not (labelled and element.tag in ("ul", "ol")):
            continue
        if element.tag == "aside" and len(text_of(element)) >= BYLINE_MAX_CHARS:
            continue
        attributes = element.attrib
        marks = " ".join(filter(None, (attributes.get("class"), attributes.get("id"), attributes.get("data-component"), attributes.get("data-testid"))))
        if labelled or element.tag == "author" or attributes.get("rel") == "author" or "author" in (attributes.get("itemprop") or ""):
            tier = strong
        elif element.tag == "a" and _AUTHOR_HREF.search(attributes.get("href") or ""):
            tier = strong if _named_by_href(element) else weak_tier
        elif not marks or not _BYLINE_HINT.search(marks):
            continue
        elif any(_BYLINE_STRONG.search(m) for m in marks.split()):
            tier = strong
        elif not weak:
            continue
        else:
            tier = weak_tier
        if len(tier) >= limit:
            continue
        if _skipped(element):
            if skipped is not None and _quiet_block(element) and not _in_teaser(element):
                skipped.append((tier is strong, element))
            continue
        if _in_teaser(element):
            continue
        if linked is not None:
            linked += _linked_single_names(element)
            if tier is strong:
                linked += _marked_single_name(element)
        texts = element_texts(element)
        if element.tag == "a":
            texts = _named_near(element) + texts
        if texts:
            tier.append(texts)
    yield from strong
    yield from weak_tier
    if not by_lines:
        return
    # "Byte-Table Shuffles", "Paris", "Portugal": a word beginning like "By" is no byline
    for node in itertools.islice((n for n in tree.xpath(_BY_LINES) if BY_PREFIX.match(n)), limit * 2):
        parent = node.getparent()
        if parent is None or _skipped(parent) or _in_teaser(parent) or (not in_lists and any(a.tag == "li" for a in itertools.chain([parent], parent.iterancestors()))):
            continue
        text = text_of(parent)
        if not BY_PREFIX.sub("", text).strip() and parent.getparent() is not None:
            # "<span>By</span><a>Jane Doe</a>": the name is beside the word, in the line around it
            text = " ".join(" ".join(parent.getparent().itertext()).split())
        if len(text) < BYLINE_MAX_CHARS:
            yield [text]

