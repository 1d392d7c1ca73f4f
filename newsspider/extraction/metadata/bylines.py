"""Where a page writes its byline: elements marked as one, author links, and "By …" lines."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from lxml import etree
from lxml.html import HtmlElement

from newsspider.extraction.authors import BY_PREFIX, HANDLE, NO_ONE, split_authors
from newsspider.extraction.html import text_of
from newsspider.extraction.text import XML_SPACE_CHARS, XML_SPACES, squash, xml_compatible
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
_AUTHOR_DETAIL = re.compile(r"(?:author|byline)[-_]?(?:desc|bio|about|avatar|img|image|photo|pic|role|job|position)", re.I)
_BYLINE_SKIP = re.compile(r"(?:comment|sidebar|related|recommend|newsletter|footer|share|sharing|quote|is-hidden|widget)", re.I)
# A block also marked as the main content (``class="sidebar_content" id="content"``: a theme's
# main column beside its sidebar) is none of those.
_MAIN_MARKS = frozenset({"content", "main", "main-content", "primary"})
# A menu ("By Industry", "By Use Case"): a whole class/id token.
_MENU = re.compile(r"(?:main-|sub-|mega-?|site-|primary-)?(?:menu|nav|navbar|navigation|dropdown)(?:-menu)?", re.I)
# Text nodes of a "By Jane Doe" line (the name often in a child link: the parent's text is read):
# one test a text node, its first two letters among the prefixes' ("By", "Written by", "Von",
# "Par", "Por", "Text", "Tekst", "Oleh", "di", "Av", "Af", "Του", "Szerző", "Автор", "Yazar",
# "Tác giả", "بقلم", "作者", "记者", "文：", "글:"), or its first four those of "Autor", "Auteur"
# (not "Author": an English page's "Author:" label is as often a book's), "Penulis", "Piše",
# "מאת", "كتب", "نویسنده", "โดย"; BY_PREFIX decides. A genre before the "by" ("Analysis by") is
# read in marked bylines and under the headline only: "An", "Co", "Re"... open too many texts.
_BY_STARTS = (
    "|By|by|Wr|Wo|Vo|Pa|Po|Te|Ol|ol|di|Av|av|AV|Af|af|AF|Το|Τη|ΤΟ|ΤΗ|Sz|Συ|Ав|ав|Ya|Tá|بق|作者|记者|記者|文：|文:|글:"
    "|Pe|Pi|מא|كت|نو|โด|"
)
_AUTHOR_STARTS = "|Auto|Aute|AUTO|AUTE|"
_BY_LINE_CHARS = 80
_FIRST_LETTERS = frozenset(p[0] for p in (_BY_STARTS + _AUTHOR_STARTS).split("|") if p)
#: The XPath :func:`_by_line_texts` walks instead (the whole body's text nodes, each tested in
#: libxml2: 1.4 ms a page), kept for pages with more than one ``<body>``.
_BY_LINES = (
    f"//body//text()[string-length() < {_BY_LINE_CHARS}]"
    f"[contains('{_BY_STARTS}', concat('|', substring(normalize-space(), 1, 2), '|'))"
    f" or contains('{_AUTHOR_STARTS}', concat('|', substring(normalize-space(), 1, 4), '|'))]"
    "[not(ancestor::script or ancestor::style)]"
)
BYLINE_MAX_CHARS = 120
# Containers whose class may name an author ("single-author" on <body>): never a byline, costly to read.
NOT_BYLINES = frozenset({"html", "body", "main", "article", "section", "nav", "footer", "script", "style", "time", "figure", "meta", "ul", "ol", "table", "form"})
# libxml2's contains() preselects (cheap); the regexes above decide (re:test in XPath is slow).
_LABEL_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6", "dt", "strong", "span", "b"})


class MarkedElements:
    """What one Python pass over every element of the page finds (each element's attributes read
    in one ``items()`` call; a Python pass over ``get`` is 3x faster than an XPath of ``contains()``
    tests): the byline candidates (``bylines``), and on the way, for the dates and the section, the
    elements with an ``itemprop`` below the root (``.//*[@itemprop]``) and the first breadcrumb
    (an element whose class or id holds "breadcrumb", or labelled so), and the candidates for a
    list of the story's tags with the ``<h1>``s (``tag_lists``). Made where the bylines are
    searched (about half the pages); the dates, the section and the tags then walk the page no more."""

    def __init__(self, tree: HtmlElement) -> None:
        self.bylines: list[HtmlElement] = []
        self.itemprops: list[HtmlElement] = []
        self.breadcrumb: HtmlElement | None = None
        #: The ``<h1>``s and the elements whose class or id holds "tag", "topic" or "categor" (a
        #: list of the story's tags?), in document order (which of them follow the headline)
        self.tag_lists: list[HtmlElement] = []
        bylines, itemprops, crumb, tag_lists = self.bylines, self.itemprops, None, self.tag_lists
        # one loop, no call per element (a method for the attributes cost 9% of the walk)
        for element in tree.iter(etree.Element):
            byline = tagged = False
            # whether the attributes mark a byline ("uthor", "yline" or "byl" in the class,
            # rel="author", "author" in the itemprop, "uthor" in the id, "yline" in the
            # data-component); on the way, the itemprops below the root and the first breadcrumb
            # (is_breadcrumb's marks)
            for name, value in element.items():  # one call: most elements have no attribute or only a class
                if name == "class":
                    byline = byline or "uthor" in value or "yline" in value or "byl" in value
                    tagged = tagged or "tag" in value or "topic" in value or "categor" in value
                    if crumb is None and "breadcrumb" in value:
                        crumb = element
                elif name == "id":
                    byline = byline or "uthor" in value
                    tagged = tagged or "tag" in value or "topic" in value
                    if crumb is None and "breadcrumb" in value:
                        crumb = element
                elif name == "rel":
                    byline = byline or value == "author"
                elif name == "itemprop":
                    byline = byline or "author" in value
                    if element is not tree:  # .//*[@itemprop]: the root's descendants
                        itemprops.append(element)
                elif name == "data-component":
                    byline = byline or "yline" in value
                elif name == "aria-label" and crumb is None and value in _BREADCRUMB_LABELS:
                    crumb = element
            tag = element.tag
            if tagged or tag == "h1":
                tag_lists.append(element)
            if byline or tag == "author":
                bylines.append(element)
            elif tag == "a":
                if _AUTHOR_HREF.search(element.get("href") or ""):
                    bylines.append(element)
            elif tag in _LABEL_TAGS:
                text = element.text
                if text and len(text) < 16 and ("uthor" in text or "UTHOR" in text):
                    bylines.append(element)
        self.breadcrumb = crumb


_BREADCRUMB_LABELS = ("breadcrumb", "Breadcrumb")


def is_breadcrumb(marks: str | None, identifier: str | None, label: str | None) -> bool:
    """An element's class, id and aria-label make it a breadcrumb."""
    return "breadcrumb" in (marks or "") or "breadcrumb" in (identifier or "") or label in _BREADCRUMB_LABELS


def _byline_candidates(tree: HtmlElement) -> list[HtmlElement]:
    """Elements that may hold a byline, in document order: byline marks in the class/id/itemprop/
    rel, a link to the author's page ("/author/jane-doe/"), an "Author(s)" label (its next element
    names them)."""
    return MarkedElements(tree).bylines


def _by_line_start(text: str) -> bool:
    """A text node :data:`_BY_LINES` keeps, tested as XPath does (length, then the first two or four
    letters after normalize-space()); most nodes fail on their first letter."""
    if len(text) >= _BY_LINE_CHARS or text.lstrip(XML_SPACE_CHARS)[:1] not in _FIRST_LETTERS:
        return False
    words = XML_SPACES.sub(" ", text.strip(XML_SPACE_CHARS))
    return f"|{words[:2]}|" in _BY_STARTS or f"|{words[:4]}|" in _AUTHOR_STARTS


def _by_line_texts(tree: HtmlElement) -> Iterator[tuple[str, HtmlElement]]:
    """(text, element) of the text nodes :data:`_BY_LINES` finds, in document order: the text of
    an element or the tail of one (the element lxml's text node names as its parent), outside
    ``<script>`` and ``<style>``. One walk of the body in Python, each node tested on its first
    letter, stopped when the caller has enough: 0.9 ms a page against the XPath's 1.4."""
    bodies = list(itertools.islice(tree.getroottree().iter("body"), 2))
    if len(bodies) != 1:
        yield from ((node, node.getparent()) for node in tree.xpath(_BY_LINES))
        return
    body = bodies[0]
    hidden = 0  # open <script>/<style> elements around the walk's position
    for event, element in etree.iterwalk(body, events=_WALK_EVENTS):
        tag = element.tag
        if event == "start":
            if tag in _HIDDEN:
                hidden += 1
            text = element.text
        elif event == "end":
            if tag in _HIDDEN:
                hidden -= 1
            text = element.tail if element is not body else None
        else:  # a comment or processing instruction (parsers that keep them): its tail only
            text = element.tail
        # the first letter inline (most nodes fail there: a call each costs a third of the walk)
        if text and not hidden and text.lstrip(XML_SPACE_CHARS)[:1] in _FIRST_LETTERS and _by_line_start(text):
            yield text, element


_HIDDEN = frozenset({"script", "style"})
_WALK_EVENTS = ("start", "end", "comment", "pi")
# The body's text nodes as plain strings (no element behind each: 3x cheaper than a walk).
_TEXTS = etree.XPath("descendant::text()", smart_strings=False)
_MAX_LOOKED_UP = 16  # distinct "By" line strings found by one XPath; more: the walk


def _by_lines(tree: HtmlElement) -> Iterator[tuple[str, HtmlElement]]:
    """The "By" lines: (text, element) of the text nodes :func:`_by_line_texts` gives that
    :data:`BY_PREFIX` starts, in the same order. Whether a text node is one depends on its
    string alone: the body's strings (one XPath, no element made for each) name the few that
    are, and one more XPath finds their nodes (every node holding one of those strings is one),
    in document order; those inside a ``<script>`` or ``<style>`` are left out as the walk leaves
    them. A page without any (most) is done after the first XPath: ~0.4 ms against the walk's 0.9."""
    bodies = list(itertools.islice(tree.getroottree().iter("body"), 2))
    body = bodies[0] if len(bodies) == 1 else None
    # each distinct string tested once (a third of the nodes: most are the spaces between tags)
    found = [] if body is None else sorted(
        {t for t in set(_TEXTS(body)) if t.lstrip(XML_SPACE_CHARS)[:1] in _FIRST_LETTERS and _by_line_start(t) and BY_PREFIX.match(t)}
    )
    if body is None or len(found) > _MAX_LOOKED_UP or not all(map(xml_compatible, found)):
        # not one <body>, too many strings to look up, or one no XPath variable can hold
        # (a form feed in the text): the walk
        yield from ((text, element) for text, element in _by_line_texts(tree) if BY_PREFIX.match(text))
        return
    if not found:
        return
    test = " or ".join(f". = $s{i}" for i in range(len(found)))
    for node in body.xpath(f"descendant::text()[{test}]", **{f"s{i}": text for i, text in enumerate(found)}):
        element = node.getparent()
        if not _hidden(element.getparent() if node.is_tail else element):
            yield str(node), element


def _hidden(element: HtmlElement | None) -> bool:
    """``element`` or one of its ancestors is a ``<script>`` or ``<style>``."""
    while element is not None:
        if element.tag in _HIDDEN:
            return True
        element = element.getparent()
    return False


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


def in_skipped_block(element: HtmlElement) -> bool:
    """Inside comments, a sidebar, related-article lists, share bars (by class/id token)."""
    return next(_skip_marks(element), None) is not None


_TEASER_MAX_CHARS = 600  # an <article> this short without the headline is another story's card


def in_other_story(element: HtmlElement) -> bool:
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
    words = squash(text_of(link, 60).split(" ")[0])
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
    candidates: list[HtmlElement] | None = None,
) -> Iterator[list[str]]:
    """Texts of the page's byline elements (each with its parts), the surest first: ``rel``/
    ``itemprop``/``id``/``class`` naming an author (trafilatura's byline rules, preselected by one
    XPath instead of its regex XPaths), then short lines starting with "By" (``in_lists``: also
    those inside a list item); outside comments, sidebars and related-article lists. Lazy: the
    "By" lines are searched only when needed. ``marked=False``: the "By" lines alone; ``linked``
    collects the one-word names of the byline elements' links to their own page (and of the
    strong tier's elements marked as the author's); ``skipped`` collects the byline elements of
    skipped blocks that are no comment list or sidebar, with whether their mark is strong;
    ``candidates``: the page's byline candidates (:class:`MarkedElements`), when found already."""
    strong: list[list[str]] = []
    weak_tier: list[list[str]] = []
    if candidates is None and marked:
        candidates = _byline_candidates(tree)
    for element in candidates if marked else ():
        labelled = element.tag in _LABEL_TAGS and squash(text_of(element)) in ("author", "authors")
        if labelled:  # "Author(s)" and the names in the next element
            element = element.getnext()
            if element is None or not isinstance(element.tag, str):
                continue
        if element.tag in NOT_BYLINES and not (labelled and element.tag in ("ul", "ol")):
            continue
        if element.tag == "aside" and len(text_of(element, BYLINE_MAX_CHARS)) >= BYLINE_MAX_CHARS:
            continue
        attributes = element.attrib
        marks = " ".join(filter(None, (attributes.get("class"), attributes.get("id"), attributes.get("data-component"), attributes.get("data-testid"))))
        if labelled or element.tag == "author" or attributes.get("rel") == "author" or "author" in (attributes.get("itemprop") or ""):
            tier = strong
        elif element.tag == "a" and _AUTHOR_HREF.search(attributes.get("href") or ""):
            tier = strong if _named_by_href(element) else weak_tier
        elif not marks or not _BYLINE_HINT.search(marks):
            continue
        elif all(_AUTHOR_DETAIL.search(m) for m in marks.split() if _BYLINE_HINT.search(m)):
            # the author's bio or role: the name is the element before it, when one ("<p>Jane
            # Doe</p><div class="author-description">Licensed Q Grader</div>")
            element = element.getprevious()
            if element is None or not isinstance(element.tag, str) or element.tag in NOT_BYLINES:
                continue
            tier = weak_tier
        elif any(_BYLINE_STRONG.search(m) for m in marks.split()):
            tier = strong
        elif not weak:
            continue
        else:
            tier = weak_tier
        if len(tier) >= limit:
            continue
        if in_skipped_block(element):
            if skipped is not None and _quiet_block(element) and not in_other_story(element):
                skipped.append((tier is strong, element))
            continue
        if in_other_story(element):
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
    for _, parent in itertools.islice(_by_lines(tree), limit * 2):
        if parent is None or in_skipped_block(parent) or in_other_story(parent) or (not in_lists and any(a.tag == "li" for a in itertools.chain([parent], parent.iterancestors()))):
            continue
        text = text_of(parent)
        if not BY_PREFIX.sub("", text).strip() and parent.getparent() is not None:
            # "<span>By</span><a>Jane Doe</a>": the name is beside the word, in the line around it
            text = " ".join(" ".join(parent.getparent().itertext()).split())
        if len(text) < BYLINE_MAX_CHARS:
            yield [text]

