"""The headline: the one the page shows (``<h1>``) checked against the declared ones (JSON-LD, OpenGraph, ``<title>``)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from typing import Any

from lxml.html import HtmlElement

from newsspider.extraction import jsonld
from newsspider.extraction.html import text_of
from newsspider.extraction.metadata.page import Meta, PageTags
from newsspider.extraction.metadata.sitename import strip_site_suffix, url_host_label, url_host_suffix
from newsspider.extraction.text import plain_text, squash, unique_casefolded
from newsspider.textlength import word_count

_H1_MIN_WORDS, _H1_MAX_WORDS = 3, 25  # a shorter <h1> is more often a logo or a label; a longer one a blurb
_H1_MIN_SHARE = 0.5  # a headline inside a longer title (or the reverse) covers at least this share of it
_WRAPPED_MIN_WORDS = 2  # a declared headline the <h1> holds in an element of its own, beside a kicker


def _title_candidates(tags: PageTags, meta: Meta, article: dict[str, Any] | None) -> list[str]:
    """The headlines the page declares, most trusted first (entities decoded)."""
    values: list[str | None] = []
    if article:
        values += [jsonld.first_string(article.get("headline")), jsonld.first_string(article.get("name"))]
    title = next((t for t in (text_of(e) for e in tags("title") if e.getparent() is not None and e.getparent().tag == "head") if t), None)
    values += [meta.first("og:title"), meta.first("twitter:title"), title]
    return [plain_text(v) for v in values if v and plain_text(v)]


_WORD = re.compile(r"\w+")
_TAIL_SEPARATOR = re.compile(r"\s*(?:[|｜–—·•»]|::|//)|\s+-\s")
_ELLIPSIS = re.compile(r"\s*(?:\.\.\.|…)$")


def _continues(short: str, long: str) -> bool:
    """``long`` is ``short`` continued: ``short`` was cut (mid-word, at an ellipsis, or at a
    length limit) or leaves out the second half of the headline ("Pros and Cons: Why Live..."),
    rather than ``long`` adding a label after a separator ("Headline | Opinion")."""
    head = _ELLIPSIS.sub("", short).casefold()
    if not head or len(long) <= len(head) or not long.casefold().startswith(head):
        return False
    return not _TAIL_SEPARATOR.match(long[len(head) :])


def _same_headline(h1: str, declared: str) -> str:
    """The spelling to keep of one headline: the ``<h1>``'s, unless its markup lost spaces
    ("WEEKEND<br>CODING"), shouts in capitals the declared title does not, or starts in lower case
    where the declared title has a capital (CSS capitalises it: "history of coffee")."""
    if len(_WORD.findall(declared)) > len(_WORD.findall(h1)) or (h1.isupper() and not declared.isupper()):
        return declared
    if h1[:1].islower() and declared[:1].isupper():
        return declared
    if len(_SEPARATORS.findall(declared)) > len(_SEPARATORS.findall(h1)) and not (
        Counter(_PUNCTUATION.findall(h1)) - Counter(_PUNCTUATION.findall(declared))
    ):
        # the separator the page shows by layout, a kicker in an element of its own ("<span
        # class=kicker>After the vote</span> Budget passed"): the declared title writes it, and
        # the <h1> punctuates nothing otherwise ("Budget? What now" is the <h1>'s own question)
        return declared
    return h1


_SEPARATORS = re.compile(r"[:|｜–—]|\s-\s")
_PUNCTUATION = re.compile(r"[^\w\s]")


_LOST = re.compile(r"[?\ufffd](?=.)")


def _lost_characters(h1: str, declared: str) -> bool:
    """The ``<h1>`` is ``declared`` with question marks (or U+FFFD) for characters a wrong
    encoding lost inside it, a letter among them ("Planning? Beginner? Guide" for "Planning:
    Beginner's Guide")."""
    if not _LOST.search(h1):
        return False
    pattern = "([^?]{1,3})".join(re.escape(piece) for piece in _LOST.split(h1.casefold()))
    found = re.fullmatch(pattern, declared.casefold())
    # a letter among the lost characters: not a question the declared title punctuates otherwise
    return found is not None and any(re.search(r"\w", lost) for lost in found.groups())


def _wraps(heading: HtmlElement, headline: str) -> bool:
    """The ``<h1>`` holds ``headline`` as its own text or one element's, beside other elements
    (a date line, a source link, a comment count): those are no part of the headline."""
    key = squash(headline)
    return squash(heading.text or "") == key or any(squash(text_of(d)) == key for d in heading.iterdescendants() if isinstance(d.tag, str))


def _heading_text(element: HtmlElement) -> str:
    """A heading's text, line breaks read as spaces, its buttons' labels left out ("Copy item
    path"; a heading of buttons alone, "Open Menu Close Menu", is empty), and a part in its own
    element glued to the text before it set apart ("Headline<span>Subtitle</span>": CSS shows
    two lines)."""
    if len(element) == 0:
        return plain_text(text_of(element))
    pieces = [p for p in _texts_with_breaks(element) if p]
    for i in range(1, len(pieces)):
        if pieces[i][0].isupper() and _glued_end(pieces[i - 1][-1]):
            pieces[i] = " " + pieces[i]
    return plain_text("".join(pieces))


def _glued_end(char: str) -> bool:
    """A lower-case letter, a digit or a sentence's end right before a capital: two parts of a
    heading whose markup has no space between them ("budget<small>Opponents", "budget.<span>Why")."""
    return char.islower() or char.isdigit() or char in ".!?:;,)]\"'’”"


def _texts_with_breaks(element: HtmlElement) -> Iterator[str]:
    """The element's text pieces in order, an element's start and end a piece boundary."""
    yield element.text or ""
    for child in element:
        if child.tag == "br":
            yield " "
        elif isinstance(child.tag, str) and child.tag != "button":
            yield from _texts_with_breaks(child)
        yield child.tail or ""


def page_title(tags: PageTags, meta: Meta, article: dict[str, Any] | None, site_names: list[str], url: str = "") -> str | None:
    """The headline the page shows: the visible ``<h1>`` when a declared title matches it
    (declared with a site name, a kicker only one of them has, or cut short), else the first
    declared one. A kicker is kept only when both carry it. An ``<h1>`` matching no declared
    title is the headline unless it is in capitals (a label) or a subheading prints a declared
    title whole; one that a declared title puts beside another ("Blog: Story" and "Story") is
    the site's name."""
    elements: dict[str, HtmlElement] = {}
    headings = tags("h1")
    inside = [h for h in headings if any(a.tag in ("article", "main") for a in h.iterancestors())]
    for element in inside[:3] + headings[:6]:
        elements.setdefault(_heading_text(element).casefold(), element)
    h1s = [h for h in unique_casefolded([_heading_text(e) for e in elements.values()]) if word_count(h) >= 2]
    candidates = _title_candidates(tags, meta, article)
    h1s = [h for h in h1s if not _names_the_site(h, candidates)]
    host_label = url_host_label(url)
    stripped = [strip_site_suffix(c, site_names, h1s[0] if h1s else None, host_label, url_host_suffix(url)) for c in candidates]
    for h1 in h1s:
        key = squash(h1)
        for candidate in stripped:
            other = squash(candidate)
            if not key or not other:
                continue
            if key == other:
                return _same_headline(h1, candidate)
            if _lost_characters(h1, candidate):
                return candidate
            if key in other and len(key) >= _H1_MIN_SHARE * len(other):
                return h1  # the declared title adds a site name or a kicker
            if other in key and (
                len(other) >= _H1_MIN_SHARE * len(key)
                or (word_count(candidate) >= _WRAPPED_MIN_WORDS and _wraps(elements[h1.casefold()], candidate))
            ):
                # the <h1> continues a declared title cut short, or adds a kicker, a label or
                # a subtitle (in an element of its own: any length)
                if _continues(candidate, h1) and not _wraps(elements[h1.casefold()], candidate):
                    return h1
                return candidate
    names = {squash(n) for n in site_names}
    # (an <h1> in capitals that matches no declared title is a label: "SUPPORTING OUR CLIENTS")
    shown = [h for h in h1s if _H1_MIN_WORDS <= word_count(h) <= _H1_MAX_WORDS and squash(h) not in names and not h.isupper()]
    if shown:
        # one visible headline, unlike the declared (SEO) title; unless the page prints a declared
        # title as a heading of its own (the <h1> is then a pull quote, a banner or a label)
        return _declared_shown(tags, stripped) or shown[0]
    if stripped:
        # JSON-LD headlines are often cut at a length limit: a later declared title continues them
        return next((later for later in stripped[1:] if _continues(stripped[0], later)), stripped[0])
    return h1s[0] if h1s else None


def _names_the_site(h1: str, declared: list[str]) -> bool:
    """One declared title is the ``<h1>`` and another declared title side by side ("Blog Name:
    Story" and "Story"): the ``<h1>`` is the site's name (a blog's logo), not the headline."""
    key = squash(h1)
    others = {squash(d) for d in declared if word_count(d) >= 2} - {key}
    for title in others:
        if title.startswith(key) and title[len(key) :] in others or title.endswith(key) and title[: -len(key)] in others:
            return True
    return False


_SUBHEADINGS = ("h2", "h3")


def _declared_shown(tags: PageTags, declared: list[str]) -> str | None:
    """The declared title a ``<h2>``/``<h3>`` prints whole (an ``<h1>`` matching no declared title
    is then a pull quote, a banner or a label)."""
    keys: dict[str, str] = {}
    for title in declared:  # the most trusted spelling of each
        if word_count(title) >= _H1_MIN_WORDS:
            keys.setdefault(squash(title), title)
    if not keys:
        return None
    for heading in tags(*_SUBHEADINGS):
        found = keys.get(squash(text_of(heading)))
        if found:
            return found
    return None

