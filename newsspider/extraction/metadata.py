"""Article metadata from one parsed page: JSON-LD first, then OpenGraph / meta, then markup.

Each field takes the first source that gives a usable value; htmldate is the last resort
for the publication date because it is the slowest.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from lxml import etree
from lxml.html import HtmlElement

from newsspider.dates import has_date, made_precise, most_precise, normalize_date, zone_country, zone_country_by_offsets
from newsspider.extraction import jsonld
from newsspider.extraction.authors import BY_PREFIX, HANDLE, NO_ONE, NOT_AUTHORS, agency, first_after_by, split_authors
from newsspider.extraction.html import text_of
from newsspider.extraction.language import declared_code
from newsspider.extraction.text import plain_text, squash, unique_casefolded
from newsspider.textlength import UNSPACED_RANGES, word_count
from newsspider.urls import join_url, url_path
from newsspider.urlshape import trusted_canonical

logger = logging.getLogger(__name__)

#: A bar between a headline and the site's name, either fullwidth (``見出し｜サイト名``) or an ASCII
#: ``|`` next to a character of a script written without spaces (``标题|网站``, ``标题 |网站``):
#: such titles have no spaces around it, and a bar is never inside a headline.
_PIPE = f"\\s*｜\\s*|\\s*\\|\\s*(?=[{UNSPACED_RANGES}])|(?<=[{UNSPACED_RANGES}])\\s*\\|\\s*"
#: Between a headline and the site's name: Latin marks with spaces around them, or a bar (:data:`_PIPE`).
_TITLE_SEPARATORS = re.compile(r"\s+[|–—:·•»-]\s+|\s+::\s+|\s+//\s+|" + _PIPE)
_PIPES = re.compile(r" \| |" + _PIPE)
_SEPARATOR_CHARS = " |｜–—:·•»-/"  # stripped from a title's end where a site name was cut off
_HOME_CRUMBS = {"home", "startseite", "accueil", "inicio", "portada", "start", "news", "homepage"}


class Meta:
    """``<meta>`` values of a page by lower-cased property/name (a name may repeat)."""

    def __init__(self, tree: HtmlElement) -> None:
        self.values: dict[str, list[str]] = {}
        for meta in tree.iter("meta"):
            key = meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv")
            content = meta.get("content")
            if key and content and content.strip():
                self.values.setdefault(key.strip().lower(), []).append(" ".join(content.split()))

    def first(self, *keys: str) -> str | None:
        for key in keys:
            if self.values.get(key):
                return self.values[key][0]
        return None

    def all(self, key: str) -> list[str]:
        return self.values.get(key, [])


# Tags of the elements the metadata reads by tag (headings, <title>, <time>, <link>, hidden
# inputs, scripts, containers): found in one walk of the page (in C), not one walk per tag.
_INDEXED_TAGS = ("h1", "h2", "h3", "title", "time", "link", "input", "script", "article", "main")


class _Tags:
    """The page's elements of :data:`_INDEXED_TAGS`, by tag, in document order (as
    ``tree.iter(tag)`` gives them): one walk of the tree instead of one per tag and function."""

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree
        self.found: list[HtmlElement] = list(tree.iter(*_INDEXED_TAGS))
        self.by_tag: dict[str, list[HtmlElement]] = {tag: [] for tag in _INDEXED_TAGS}
        for element in self.found:
            self.by_tag[element.tag].append(element)

    def __call__(self, *tags: str) -> list[HtmlElement]:
        """The elements of ``tags`` (indexed ones), in document order."""
        if len(tags) == 1:
            return self.by_tag[tags[0]]
        return [element for element in self.found if element.tag in tags]

    def headline(self) -> HtmlElement | None:
        """The first ``<h1>`` inside an ``<article>``, else inside a ``<main>``, else the first
        (the first of ``.//article//h1``, ``.//main//h1``, ``.//h1``)."""
        headings = self.by_tag["h1"]
        for container in ("article", "main"):
            if self.by_tag[container]:
                found = next((h for h in headings if any(a.tag == container for a in h.iterancestors())), None)
                if found is not None:
                    return found
        return headings[0] if headings else None


_GENERIC_LABELS = frozenset({"www", "com", "org", "net", "gov", "edu", "co", "ac", "news", "blog", "blogs", "amp", "m", "mobile"})


def _host_label(url: str) -> str:
    """The host's distinctive label: ``tageszeitung`` for www.tageszeitung.it, ``nzz`` for www.nzz.ch."""
    labels = [label for label in (urlsplit(url).hostname or "").split(".")[:-1] if label not in _GENERIC_LABELS]
    return max(labels, key=len) if labels else ""


def _is_site_name(part: str, names: set[str], host_label: str, min_initials: int = 3) -> bool:
    """``part`` (the end of a title) names the site: one of its declared names, a name holding the
    host's label at an end ("Die Neue Südtiroler Tageszeitung" on tageszeitung.it), or whose initials are
    the host's label ("Neue Zürcher Zeitung" on nzz.ch; ``min_initials``: the shortest label read
    so). (Pass no ``host_label`` for the start of a title: there a name holding it is as often a
    series name: "Example Weekly #18 - ...")"""
    key = squash(part)
    if not key:
        return False
    if key in names:
        return True
    if not host_label:
        return False
    words = part.split()
    if len(words) > _SITE_NAME_MAX_WORDS:
        return False
    if len(host_label) >= 5 and (key.startswith(host_label) or key.endswith(host_label)):
        return True
    initials = "".join(w[0] for w in words if w[:1].isalpha()).casefold()
    return len(words) >= 2 and len(host_label) >= min_initials and initials == host_label


_SITE_NAME_MAX_WORDS = 6


def _strip_site_suffix(title: str, site_names: list[str], h1: str | None, host_label: str = "") -> str:
    """Drop " | Site Name" style pre/suffixes (each end as long as it names the site)."""
    if h1 and h1 != title and h1 in title and len(h1) >= 0.4 * len(title):
        rest = title.replace(h1, "", 1).strip()
        if not rest or _TITLE_SEPARATORS.fullmatch(" " + rest + " ") or re.fullmatch(r"[|｜–—:·•»-]\s*.*|.*\s*[|｜–—:·•»-]", rest):
            return h1
    names = {squash(n) for n in site_names if n}
    for name in site_names:  # "example.com Story": a domain name glued to the headline by a space
        if "." in name and len(name) >= 5 and title.casefold().startswith(name.casefold() + " "):
            title = title[len(name) :].lstrip(_SEPARATOR_CHARS)
    parts = _TITLE_SEPARATORS.split(title)
    if len(parts) < 2:
        return title
    # Known site name at either end ("World Affairs Daily" matches worldaffairs-daily.example).
    if _is_site_name(parts[-1], names, host_label):
        return _strip_site_suffix(title[: title.rfind(parts[-1])].rstrip(_SEPARATOR_CHARS), site_names, h1, host_label)
    if _is_site_name(parts[0], names, ""):
        return _strip_site_suffix(title[len(parts[0]) :].lstrip(_SEPARATOR_CHARS), site_names, h1, host_label)
    # A pipe almost always separates the site name; keep the part the <h1> prints, else the longest.
    pieces = [piece.strip() for piece in _PIPES.split(title)]
    if len(pieces) > 1:
        # a piece that begins a site name is it, shortened ("Example Marketing" of "Example Marketing Agency")
        kept = [p for p in pieces if word_count(p) < 2 or not any(n.startswith(squash(p)) for n in names)] or pieces
        return next((piece for piece in pieces if h1 and squash(piece) == squash(h1)), max(kept, key=len))
    return title


_H1_MIN_WORDS, _H1_MAX_WORDS = 3, 25  # a shorter <h1> is more often a logo or a label; a longer one a blurb
_H1_MIN_SHARE = 0.5  # a headline inside a longer title (or the reverse) covers at least this share of it
_WRAPPED_MIN_WORDS = 2  # a declared headline the <h1> holds in an element of its own, beside a kicker


def _title_candidates(tags: _Tags, meta: Meta, article: dict[str, Any] | None) -> list[str]:
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
    return h1


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


def _title(tags: _Tags, meta: Meta, article: dict[str, Any] | None, site_names: list[str], url: str = "") -> str | None:
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
    host_label = _host_label(url)
    stripped = [_strip_site_suffix(c, site_names, h1s[0] if h1s else None, host_label) for c in candidates]
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


def _declared_shown(tags: _Tags, declared: list[str]) -> str | None:
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


def _authors(
    tags: _Tags, meta: Meta, article: dict[str, Any] | None, index: dict[str, dict[str, Any]],
    outlet: set[str] = frozenset(), host_label: str = "",
) -> list[str]:
    """Persons (with credited agencies) from JSON-LD, meta tags, then the byline markup; the
    outlet, an organisation or a collective credit ("Podium Staff") only when no person is named.
    ``outlet``: squashed names of the site (a "Person" named like it, or by the host's name, is
    the outlet); a name that is the story's place (a dateline, a JSON-LD location) is no author.
    An agency declared alone does not end the search: the byline may name the person beside it."""
    organizations: list[str] = []
    agencies: list[str] = []
    tree = tags.tree
    places = _Places(tags, meta, article)
    sources: list[Any] = []
    if article:
        sources.append(jsonld.resolve(article.get("author"), index))
    sources.append(
        meta.all("author") or meta.all("article:author") or meta.all("parsely-author") or meta.all("sailthru.author")
        or [_first_last(a) for a in meta.all("citation_author")] or meta.all("dc.creator") or _labelled_author(meta)
    )

    def is_outlet(name: str) -> bool:
        # a two-letter host names its outlet by initials too ("Deutsche Welle" on dw.com): a person
        # with those initials is still credited when no one else is named (as the outlet); a
        # title's end is kept (two capitalised words end many headlines)
        return squash(name) in outlet or _is_site_name(name, set(), host_label, min_initials=2) or _outlet_desk(name, host_label)

    def credited(people: list[str]) -> list[str]:
        return unique_casefolded(people + agencies)

    outlet_named = False
    for source in sources:
        people, orgs = split_authors(source, any_case=True)  # declared names: "jane doe" is one
        outlet_named = outlet_named or any(is_outlet(p) for p in people)
        organizations += orgs + [p for p in people if is_outlet(p)]
        people = [p for p in people if not is_outlet(p) and not places.holds(p)]
        agencies += [p for p in people if agency(p)]
        people = [p for p in people if not agency(p)]
        if people:
            texts = _BodyTexts(tree)
            people = _byline_people(texts, people, is_outlet)
            return credited(people + _byline_agencies(texts, people))
    # A site named like a person (a personal blog): a "By" line in a list (a reading list) names
    # someone else's work; one elsewhere names the reporter of an outlet named like a person.
    lower_words: set[str] | None = None
    linked: list[str] = []

    def proper(word: str) -> bool:
        """The page never writes ``word`` in lower case; its words read once, on first use."""
        nonlocal lower_words
        if lower_words is None:
            lower_words = set(_WORD.findall(" ".join(tree.xpath("//body//text()[not(ancestor::script or ancestor::style)]"))))
        return word.lower() not in lower_words

    def named(text: str) -> tuple[list[str], list[str], list[str]]:
        """(people, outlets, organisations) a byline text names."""
        people, orgs = split_authors(text, single_words=False)
        if not people and not orgs and BY_PREFIX.match(text):  # "Posted by David at 11:15", read last
            linked.extend(p for p in split_authors(text)[0][:1] if " " not in p and first_after_by(p, text) and proper(p))
        return [p for p in people if not is_outlet(p) and not places.holds(p)], [p for p in people if is_outlet(p)], orgs

    # one-word names linked to their own page, or right after a "By" (the page never writes
    # them in lower case: a name, not a filter's label), read on the way
    skipped: list[tuple[bool, HtmlElement]] = []  # byline elements in skipped blocks, read last
    for texts in itertools.chain(byline_texts(tree, in_lists=not outlet_named, linked=linked, skipped=skipped), [_headline_lines(tags)]):
        for text in texts:
            people, outlets, orgs = named(text)
            organizations += outlets
            if [p for p in people if not agency(p)]:
                # one name of a part ("<a>Jane Doe</a> and <a>John Roe</a>"): the whole line names them all
                whole = named(texts[-1])[0] if text is not texts[-1] else people
                keys = {p.casefold() for p in people}
                return credited(whole if keys < {p.casefold() for p in whole} else people)
            agencies += people
            organizations += orgs
    organizations += [name for name in linked if is_outlet(name)]  # the outlet's account: credited as the outlet
    # a capitalised word the page also writes in lower case is a label ("More", "Profile"), no name
    linked = [name for name in linked if not is_outlet(name) and not places.holds(name) and (name.islower() or proper(name))]
    if linked:
        return credited(linked[:1])
    # no byline elsewhere: a marked byline inside a block the search skips (a "share" or
    # "widget" wrapper around the story's header) is the page's only credit
    for _, element in sorted(skipped, key=lambda pair: not pair[0]):  # the surest marks first
        for text in _element_texts(element):
            if people := [p for p in named(text)[0] if not agency(p)]:
                return credited(people)
    agencies += places.agencies()  # "Berlin (dpa) -": a wire story no byline credits
    if agencies:
        return unique_casefolded(agencies)
    credit = _DESCRIPTION_CREDIT.search(meta.first("description", "og:description") or "")
    if credit:  # "This post was written by Jane Doe, MD, gastroenterologist": the only credit
        names = _CAPITALISED_RUN.match(credit.group(1))  # "Marie Dupont sur le budget": the name's words
        people = [p for p in split_authors(names.group() if names else "", single_words=False)[0] if not is_outlet(p)]
        if people:
            return people[:1]
    for value in meta.all("author"):  # "nieuwsblad.be": an outlet named in the author tag
        if "." in value and " " not in value.strip() and not value.startswith("http"):
            organizations.append(value.strip())
    return _shortest_names(unique_casefolded([o for o in organizations if not places.holds(o)]))


def _shortest_names(names: list[str]) -> list[str]:
    """One outlet, its shortest name: "Help Net Security Sponsored" beside "Help Net Security".
    A name that begins another only inside a word is a fragment of it ("Team Simply" of "Team
    SimplyThrilled", cut where a date was glued to it): the whole one is kept."""
    keys = [squash(n) for n in names]
    words = [[squash(w) for w in n.split()] for n in names]

    def word_prefix(short: int, long: int) -> bool:
        return len(words[short]) < len(words[long]) and words[long][: len(words[short])] == words[short]

    kept = []
    for i, key in enumerate(keys):
        longer = any(j != i and keys[j] and key != keys[j] and key.startswith(keys[j]) and word_prefix(j, i) for j in range(len(names)))
        fragment = any(j != i and key and key != keys[j] and keys[j].startswith(key) and not word_prefix(i, j) for j in range(len(names)))
        if not longer and not fragment:
            kept.append(names[i])
    return kept


# A credit in the page's description: "written by Jane Doe, MD." (not a caption's "Photo by").
_DESCRIPTION_CREDIT = re.compile(
    r"\b(?:written|authored|contributed|geschrieben|écrit|rédigé|escrito|scritto)\s+(?:by|von|par|por|da)\s+((?:[^.;:!?()]|(?<=\b[A-Z])\.){3,60})", re.I
)
_CAPITALISED_RUN = re.compile(r"(?:(?:[A-ZÀ-ÖØ-Þ][\w.'’-]*|von|van|de|der|den|di|da|du|del|la|le|dos|al|bin|ter|ten),?\s*)+")
_HEADLINE_LINES = 3  # lines after the headline read for an unmarked byline
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_LINE_PARTS = re.compile(r"\s*[|·•]\s*|\s+[-–—]\s+")
_HEADLINE_NAME_WORDS = 5  # "By Jane Maria van Roe"


def _headline_lines(tags: _Tags) -> list[str]:
    """The short lines right after the headline, up to the first that writes a date, when one
    does within a few: an unmarked byline line ("Jane Doe | Senior Writer | July 2, 2025", or
    "Jane Doe" above "23.07.2025 · 6 min read"). No date near: a standfirst, no byline."""
    heading = tags.headline()
    if heading is None:
        return []
    following = list(itertools.islice(heading.itersiblings(), _HEADLINE_LINES))
    parent = heading.getparent()
    if not following and parent is not None:
        following = list(itertools.islice(parent.itersiblings(), _HEADLINE_LINES))
    parts: list[str] = []
    for element in following:
        text = text_of(element) if isinstance(element.tag, str) and element.tag not in _HEADINGS else ""
        if not text or len(text) > _BYLINE_MAX_CHARS:
            return []  # a subheading or a paragraph of the story before any date: no byline line
        # a name is a whole part of such a line, not words inside a phrase ("Week Call for ...")
        for segment in _LINE_PARTS.split(text):
            if not NOT_AUTHORS.match(segment):  # "Reviewed by: Jane Doe, John Roe"
                parts += [p for p in segment.split(",") if len(p.split()) <= _HEADLINE_NAME_WORDS]
        if has_date(text):
            return parts
    return []


def _outlet_desk(name: str, host_label: str) -> bool:
    """``name`` is the outlet's name (the host's label in whole words) and a desk or an edition
    after it: "CNN Business" on cnn.com, "Le Monde Afrique" on lemonde.fr, "BBC Sport"."""
    words = name.split()
    return len(host_label) >= 2 and any(squash(" ".join(words[:n])) == host_label for n in range(1, len(words)))


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


class _BodyTexts:
    """The text nodes of ``<body>`` holding a string, by string: one walk serves every longer
    string that holds a string already walked for (the declared name's last word, then the
    name itself), in the same order as ``//body//text()[contains(., $s)]``."""

    def __init__(self, tree: HtmlElement) -> None:
        self.tree = tree
        self._found: dict[str, list[Any]] = {}

    def containing(self, value: str) -> list[Any]:
        if value not in self._found:
            known = next((key for key in self._found if key in value), None)
            if known is not None:
                self._found[value] = [node for node in self._found[known] if value in node]
            else:
                self._found[value] = self.tree.xpath("//body//text()[contains(., $value)]", value=value)
        return self._found[value]


def _in_script(node: Any) -> bool:
    """A text node (an lxml "smart string") inside a ``<script>``, as ``ancestor::script`` reads
    it: a tail's ancestors begin at its element's parent."""
    element = node.getparent()
    if element is not None and node.is_tail:
        element = element.getparent()
    while element is not None:
        if element.tag == "script":
            return True
        element = element.getparent()
    return False


def _byline_people(texts: _BodyTexts, declared: list[str], is_outlet: Callable[[str], bool]) -> list[str]:
    """The persons to credit for the declared ones: the visible "By" line's when the page prints
    none of them (:func:`_shown_instead`), the byline's list when it names them all and more
    (:func:`_co_authors_line`), else the declared ones."""
    word = _last_word(declared[0])
    # the first name's last word in a text node (the walk its mentions read) answers most
    # pages; else the body's whole text (a word split by markup, or another declared name's)
    if not (word and texts.containing(word)):
        body = texts.tree.xpath("string(//body)")  # once, not once per declared name
        if not any(name.split()[-1] in body for name in declared if name.split()):
            return _shown_instead(texts.tree, declared, is_outlet) or declared
    return _co_authors_line(_mentions(texts, declared[0]), declared, is_outlet) or declared


def _last_word(name: str) -> str:
    return name.split()[-1] if name.split() else ""


def _mentions(texts: _BodyTexts, name: str) -> list[Any]:
    """The first text nodes of the body holding the name's last word ("Jane <b>Doe</b>" splits
    the rest), outside scripts."""
    word = _last_word(name)
    return [node for node in texts.containing(word) if not _in_script(node)][:4] if word else []


def _shown_instead(tree: HtmlElement, declared: list[str], is_outlet: Callable[[str], bool]) -> list[str]:
    """The persons a visible "By" line names on a page that prints none of the declared ones: the
    declared name is a CMS account or the editor who published ("KatieS" in the JSON-LD, "By
    Aoife O'Riordan" on the page). A "By" line in a list item (a teaser of another story) does
    not count; nor one naming a declared person in another spelling ("BY JANE DOE")."""
    keys = {squash(name) for name in declared}
    for texts in byline_texts(tree, marked=False, in_lists=False):
        for text in texts:
            people = [p for p in split_authors(text, single_words=False)[0] if not agency(p) and not is_outlet(p)]
            if people:
                return [] if keys & {squash(p) for p in people} else people
    return []


def _co_authors_line(mentions: list[Any], declared: list[str], is_outlet: Callable[[str], bool]) -> list[str]:
    """The "By" line's list when it names all the declared persons and more: a JSON-LD crediting
    the first of several authors ("Written by <span>Dr Jane Doe</span>, <span>John Roe</span>";
    the byline's spelling is kept). Read on the short lines around the first declared name's
    first ``mentions``, or their parents' (the name alone in its element)."""
    for node in mentions:
        line = node.getparent()
        for _ in range(2):
            if line is None or line.tag in _NOT_BYLINES:
                break
            text = text_of(line)
            if len(text) >= _BYLINE_MAX_CHARS or not BY_PREFIX.match(text):
                line = line.getparent() if len(text) < _BYLINE_MAX_CHARS else None
                continue
            named = [p for p in split_authors(text, single_words=False)[0] if not agency(p) and not is_outlet(p)]
            keys = [squash(p) for p in named]
            if len(named) > len(declared) and all(any(squash(d) in k for k in keys) for d in declared):
                return named
            line = line.getparent()
    return []


def _byline_agencies(texts: _BodyTexts, people: list[str]) -> list[str]:
    """Agencies the byline credits beside a declared person ("Jane Doe/dpa", "Jane Doe (AFP)"
    where the JSON-LD names Jane Doe alone): the short line around the name's first mentions."""
    found: list[str] = []
    for name in people[:2]:
        for node in texts.containing(name)[:3]:
            line = node.getparent()
            if line is None:
                continue
            if getattr(node, "is_tail", False) or squash(text_of(line)) == squash(name):
                line = line.getparent()  # the name alone in a link: the agency is beside it
            text = text_of(line) if line is not None and line.tag not in _NOT_BYLINES else ""
            if text and len(text) < _BYLINE_MAX_CHARS:
                found += [p for p in split_authors(text, single_words=False)[0] if agency(p)]
    return found


# The label of a "twitter:labelN"/"twitter:dataN" pair naming the writer (SEO plugins write
# "Written by" and the author's display name there; "Time to read", "Filed under" are others).
_WRITER_LABEL = re.compile(
    r"(?:written|posted|published)\s+by|by|authors?|autor(?:in)?|auteur|(?:geschrieben|verfasst)\s+von|écrit\s+par|"
    r"escrito\s+por|scritto\s+da|geschreven\s+door|skrevet\s+af|skriven\s+av|napisane\s+przez|yazan",
    re.I,
)


def _labelled_author(meta: Meta) -> list[str]:
    """The writer a "twitter:labelN" "Written by" pair declares ("twitter:data1" = "Jane Doe")."""
    for number in range(1, 5):
        label = meta.first(f"twitter:label{number}")
        if label is None:
            return []
        if _WRITER_LABEL.fullmatch(label.strip(" :")):
            return meta.all(f"twitter:data{number}")[:1]
    return []


def _first_last(name: str) -> str:
    """"Roe, Jane" (a citation author) -> "Jane Roe"."""
    last, comma, first = name.partition(",")
    return f"{first.strip()} {last.strip()}" if comma and "," not in first and first.strip() else name


# After a place at the start of a story: "Frankfurt (dpa) -", "Berlin/Main, 5. März (AFP)"; a
# place in capitals may be followed by a dash or colon alone ("PARIS —", "NEW YORK, March 5 -").
_DATELINE_AGENCY = r"(?:\s*/\s*[\w .-]{1,30})?(?:\s*,[^–—()\n]{1,40}?)?\s*\([^)]{1,40}\)"
_DATELINE_DASH = r"(?:\s*/\s*[\w .-]{1,30})?(?:\s*,[^–—()\n]{1,40}?)?\s*[-–—:]\s"
_AFTER_PLACE_AGENCY = re.compile(_DATELINE_AGENCY, re.I)
_AFTER_PLACE_DASH = re.compile(_DATELINE_DASH)
_LOCATION_KEYS = ("contentLocation", "locationCreated", "spatialCoverage", "dateline")
_PLACE_PARTS = ("name", "addressLocality", "addressRegion", "addressCountry", "address")


# A dateline's places before the agency or the dash: "BERLIN, Germany (dpa) -", "PARIS/Lyon —".
_DATELINE = re.compile(r"([^()–—:\n]{2,60}?)\s*(?:\([^)]{1,40}\)\s*[-–—:]?|(?<=[A-ZÀ-Þ])\s*[-–—:]\s)")


def _dateline_parts(text: str) -> set[str]:
    """The places a story's opening dateline names, squashed ("berlin", "germany"); a dash
    dateline counts when its first place is in capitals."""
    match = _DATELINE.match(text)
    if match is None:
        return set()
    parts = [p.strip() for p in re.split(r"[,/]", match.group(1))]
    if "(" not in match.group(0) and not parts[0].isupper():
        return set()
    return {squash(p) for p in parts if p and not any(c.isdigit() for c in p)}


# The agency in a dateline's brackets at a story's start ("Berlin (dpa) -", "(Reuters) -").
_DATELINE_CREDIT = re.compile(r"[^()\n]{0,60}?\(([^)]{1,40})\)\s*[-–—:]")


class _Places:
    """The story's places, read on first use: the localities its JSON-LD names, and the
    dateline that opens its text (description, ``articleBody``, first paragraphs)."""

    def __init__(self, tags: _Tags, meta: Meta, article: dict[str, Any] | None) -> None:
        self.tags, self.meta, self.article = tags, meta, article
        self._named: set[str] | None = None
        self._openings: list[str] | None = None

    def holds(self, name: str) -> bool:
        if self._named is None:
            self._named = set()
            for key in _LOCATION_KEYS:
                self._collect((self.article or {}).get(key), 0)
        if squash(name) in self._named:
            return True
        key, folded, capitals = squash(name), name.casefold(), name.upper()
        return any(
            (text[: len(name)].casefold() == folded and _AFTER_PLACE_AGENCY.match(text, len(name)))
            or (text.startswith(capitals) and _AFTER_PLACE_DASH.match(text, len(name)))
            or key in _dateline_parts(text)
            for text in self.openings()
        )

    def openings(self) -> list[str]:
        """The first 200 characters of the description, ``articleBody`` and first paragraphs."""
        if self._openings is None:
            texts = [self.meta.first("og:description", "description")]
            if self.article:
                texts.append(jsonld.first_string(self.article.get("articleBody")))
            # the first paragraphs of the <article> and of the page, by lazy walks (an XPath
            # "(//p)[position() <= 6]" collects every <p> first)
            article = next(iter(self.tags("article")), None)
            paragraphs = itertools.islice(article.iter("p"), 3) if article is not None else ()
            texts += [text_of(p)[:200] for p in itertools.chain(paragraphs, itertools.islice(self.tags.tree.iter("p"), 6))]
            self._openings = [plain_text(t[:200]) for t in texts if t]
        return self._openings

    def agencies(self) -> list[str]:
        """News agencies the story's opening dateline credits: "Berlin (dpa) -", "PARIS (AP) —",
        "Frankfurt/Main (dpa/lhe) -"."""
        found: list[str] = []
        for text in self.openings():
            credit = _DATELINE_CREDIT.match(text)
            if credit:
                found += [a for a in (agency(part) for part in re.split(r"[/,]", credit.group(1))) if a]
        return unique_casefolded(found)

    def _collect(self, value: Any, depth: int) -> None:
        if depth > 3 or self._named is None:
            return
        if isinstance(value, str):
            self._named.update(filter(None, (squash(part) for part in value.split(","))))
        elif isinstance(value, dict):
            for key in _PLACE_PARTS:
                self._collect(value.get(key), depth + 1)
        elif isinstance(value, list):
            for item in value[:5]:
                self._collect(item, depth + 1)


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
    # "Par", "Por", "Text", "Oleh", "di", "Автор", "Yazar", "Tác giả", "بقلم", "作者", "记者", "文：",
    # "글:"); BY_PREFIX decides
    "//body//text()[string-length() < 80]"
    "[contains('|By|by|Wr|Wo|Vo|Pa|Po|Te|Ol|ol|di|Ав|ав|Ya|Tá|بق|作者|记者|記者|文：|文:|글:|', concat('|', substring(normalize-space(), 1, 2), '|'))]"
    "[not(ancestor::script or ancestor::style)]"
)
_BYLINE_MAX_CHARS = 120
# Containers whose class may name an author ("single-author" on <body>): never a byline, costly to read.
_NOT_BYLINES = frozenset({"html", "body", "main", "article", "section", "nav", "footer", "script", "style", "time", "figure", "meta", "ul", "ol", "table", "form"})
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


def _element_texts(element: HtmlElement) -> list[str]:
    """The texts of the element's parts, then its whole text ("Rachel Roe Writer" holds "Rachel Roe" in a child);
    a list's items joined by commas."""
    if element.tag in ("ul", "ol"):
        return [", ".join(t for t in (text_of(item) for item in element.iterchildren("li")) if t)[:_BYLINE_MAX_CHARS * 2]]
    children = [child for child in element.iterdescendants() if isinstance(child.tag, str)]
    # a part marked as the name ("author-name", itemprop "name", hCard "fn") before the others:
    # its siblings hold the role, the date, a bio ("Jane Doe" + "Content Marketing Coordinator")
    named = [text_of(c) for c in children if _NAME_MARK.search(f"{c.get('class') or ''} {c.get('itemprop') or ''}")]
    texts = named[:2] + [text_of(child) for child in children[:6]]
    texts.append(" ".join(" ".join(element.itertext()).split()))  # parts spaced: "Emily Roe" + "Casey Poe"
    return [t for t in texts if t and 2 < len(t) < _BYLINE_MAX_CHARS]


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
        if element.tag in _NOT_BYLINES and not (labelled and element.tag in ("ul", "ol")):
            continue
        if element.tag == "aside" and len(text_of(element)) >= _BYLINE_MAX_CHARS:
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
        texts = _element_texts(element)
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
        if len(text) < _BYLINE_MAX_CHARS:
            yield [text]


def _site_names(meta: Meta, graph: list[dict[str, Any]], url: str, article: dict[str, Any] | None = None) -> list[str]:
    names = [meta.first("og:site_name", "application-name", "twitter:site") or ""]
    if article:
        names.append(jsonld.first_string(article.get("publisher")) or "")
    for node in graph:
        if jsonld.types_of(node) & {"WebSite", "Organization", "NewsMediaOrganization"}:
            if isinstance(node.get("name"), str):
                names.append(node["name"])
    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    names += [host, host.split(".")[0]]
    return [plain_text(n).lstrip("@") for n in names if n]


_PUBLISHED_META = (
    "article:published_time", "og:article:published_time", "article:published", "datepublished", "publishdate", "pubdate", "publish-date",
    "parsely-pub-date", "sailthru.date", "dc.date.issued", "dc.date", "dcterms.created", "date",
)
_MODIFIED_META = ("article:modified_time", "og:updated_time", "article:modified", "datemodified", "last-modified", "dcterms.modified")
# A <time> (or its line) marked as the update: never the publication date.
_UPDATED = re.compile(
    r"updat|modif|revis|aktualisiert|geändert|actualiz|mis\s+à\s+jour|màj|bijgewerkt|aggiornat|atualizad|zaktualizowan", re.I
)
_PUBLISHED_MARK = re.compile(r"publi|pubdate|posted|created|veröffentlicht|erschienen", re.I)


def _label(element: HtmlElement) -> str:
    """The words right before an element and its own first words ("Updated", "Aktualisiert am")."""
    previous = element.getprevious()
    if previous is not None:
        before = text_of(previous) + " " + (previous.tail or "")
    else:
        parent = element.getparent()
        before = (parent.text or "") if parent is not None else ""
    return before[-40:] + " " + (element.text or "")[:40]


def _time_elements(tags: _Tags) -> tuple[list[str], list[str], list[str]]:
    """``<time datetime>`` values: (marked as published, others inside the article, others
    elsewhere); a time marked or labelled as an update ("Updated", "Aktualisiert") is left out."""
    marked: list[str] = []
    inside: list[str] = []
    outside: list[str] = []
    for element in itertools.islice((t for t in tags("time") if t.get("datetime")), 12):
        value = element.get("datetime")
        parent = element.getparent()
        own = " ".join(filter(None, (element.get("class"), element.get("itemprop"))))
        marks = own + " " + ((parent.get("class") or "") if parent is not None else "")
        # "entry-date published updated": WordPress marks a post never updated as both
        if not _PUBLISHED_MARK.search(own) and (_UPDATED.search(marks) or _UPDATED.search(_label(element))):
            continue
        in_article = any(a.tag == "article" for a in element.iterancestors())
        if element.get("pubdate") is not None or (in_article and _PUBLISHED_MARK.search(marks)):
            marked.append(value)
        elif in_article:
            inside.append(value)
        else:
            outside.append(value)
    return marked, inside, outside


_DATE_CLASS = re.compile(r"date|time|publish|posted", re.I)  # "Author_publicationTime__F2lab": CSS modules write camelCase
_NOT_DATE_LINES = frozenset({"body", "html", "article", "main", "script", "style"})


def _date_lines(tree: HtmlElement) -> Iterator[str]:
    """Short texts of elements whose class names a date or a time ("5. März 2024, 10:30 Uhr"),
    except those of an update."""
    found = 0
    for element in tree.iterfind(".//*[@class]"):
        marks = element.get("class")
        if element.tag in _NOT_DATE_LINES or not _DATE_CLASS.search(marks):
            continue
        found += 1
        text = text_of(element)
        if 6 <= len(text) <= 80 and not _UPDATED.search(text) and not _UPDATED.search(marks):
            yield text
        if found >= 8:
            return


def _dates(
    article: dict[str, Any] | None, meta: Meta, tags: _Tags, graph: list[dict[str, Any]] = (), country: str | None = None
) -> tuple[str | None, str | None, list[str]]:
    """(published, modified, the ``<time datetime>`` values outside the article): the first field
    that gives each, made more precise by a later field that agrees with it (the time of a bare
    day, the offset of a naive time). ``<time>`` elements outside the article and the other markup
    only add precision (:func:`_timed`), they never give the date alone; a page without an article
    node is dated by its ``WebPage`` node. ``country``: the page's, for a zone name several zones
    share ("IST")."""
    published_candidates: list[Any] = []
    modified_candidates: list[Any] = []
    itemprops: dict[str, str] = {}
    for element in tags.tree.iterfind(".//*[@itemprop]"):
        # itemprop="datePublished dateCreated"; the value in an attribute or as the element's text
        value = element.get("datetime") or element.get("content") or (text_of(element)[:60] if element.tag != "meta" else "")
        for name in (element.get("itemprop") or "").split():
            if value and name in ("datePublished", "dateModified"):
                itemprops.setdefault(name.lower(), value)
    # Without an article node, the page's own node dates it (a Yoast WebPage): not htmldate's guess
    dated = article or next((n for n in graph if n.get("datePublished") and any(t.endswith("Page") for t in jsonld.types_of(n))), None)
    if dated:
        published_candidates += [jsonld.first_string(dated.get("datePublished")), jsonld.first_string(dated.get("dateCreated"))]
        modified_candidates.append(jsonld.first_string(dated.get("dateModified")))
    marked, inside, outside = _time_elements(tags)
    published_candidates += [meta.first(key) for key in _PUBLISHED_META]
    published_candidates += [itemprops.get("datepublished"), *marked[:2], *inside[:1]]
    # other publication-named <meta> ("published", "cXenseParse:publishtime"): after the usual fields
    published_candidates += [values[0] for values in itertools.islice(_other_published_meta(meta), 2)]
    modified_candidates += [meta.first(key) for key in _MODIFIED_META] + [itemprops.get("datemodified")]
    raw = [d for d in published_candidates if d]
    normal = [normalize_date(d, country) for d in raw]
    modified_normal = [normalize_date(d, country) for d in modified_candidates if d]
    if by_offsets := zone_country_by_offsets([str(d) for d in raw], normal + modified_normal, country):
        normal = [normalize_date(d, by_offsets) for d in raw]  # "1:38 pm IST" beside a "+05:30"
    return most_precise(normal), most_precise(modified_normal), outside


# A name (meta, hidden input, script data key) for the instant of publication ("cXenseParse:publishtime",
# "published_date", "publishedAt", "published_on", "postDate"), not for an update or a publisher.
_PUBLISHED_NAME = re.compile(r"publish(?!er)|publication|pub_?date|post_?date|posted_?(?:at|on|date)", re.I)
_NOT_PUBLISHED_NAME = re.compile(r"modif|updat|edit|expir|unpublish|revi|schedul|embargo|end_?date", re.I)
# In script data: a key, a colon or an equals sign, a quote, then the ISO time ('"publishedAt":"',
# 'published_on:"', '\\"postDate\\":\\"'); matched on the text right before the day.
_KEY_BEFORE = re.compile(r"""([A-Za-z_$][\w$.:-]{1,40})\\?["']?\s*[:=]\s*\\?["']$""")
_ISO_TIME_AT = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?")


def _published_name(name: str) -> bool:
    return _PUBLISHED_NAME.search(name) is not None and _NOT_PUBLISHED_NAME.search(name) is None


def _other_published_meta(meta: Meta) -> Iterator[list[str]]:
    """The values of each publication-named ``<meta>`` outside the usual fields ("published",
    "cXenseParse:publishtime")."""
    return (values for key, values in meta.values.items() if key not in _PUBLISHED_META and _published_name(key))


def _keyed_times(text: str, day: str) -> Iterator[str]:
    """ISO times on ``day`` that script data (JSON, a JS object, escaped JSON) gives under a
    publication key."""
    start = text.find(day)
    for _ in range(50):
        if start < 0:
            return
        key = _KEY_BEFORE.search(text, max(0, start - 50), start)
        if key and _published_name(key.group(1)) and (value := _ISO_TIME_AT.match(text, start)):
            yield value.group()
        start = text.find(day, start + 10)


def _marked_times(tags: _Tags, meta: Meta, day: str) -> Iterator[str]:
    """Times on ``day`` the markup gives under a publication name outside the usual fields: other
    ``<meta>`` names, hidden inputs, script data. (Every attribute, for ``data-publish-date`` and
    JSON in an attribute, costs 0.6 ms a page for one tuning page: not read.)"""
    for values in _other_published_meta(meta):
        yield from values
    for element in tags("input"):  # <input type="hidden" class="published_date" value="…">
        names = " ".join(filter(None, (element.get("name"), element.get("id"), element.get("class"))))
        if element.get("type") == "hidden" and (element.get("value") or "").startswith(day) and _published_name(names):
            yield element.get("value")
    for script in tags("script"):
        if script.text and day in script.text and script.get("type") != "application/ld+json":
            yield from _keyed_times(script.text, day)


def _timed(
    published: str | None,
    tags: _Tags,
    meta: Meta,
    graph: list[dict[str, Any]],
    article: dict[str, Any] | None,
    outside: list[str],
    country: str | None = None,
) -> str | None:
    """``published`` made more precise by markup that writes the same instant with a time (an
    offset): ``<time>`` elements outside the article, the other JSON-LD nodes' publication dates
    (a ``WebPage``, a ``ClaimReview``), publication-named meta, hidden inputs and script data, the
    date line ("5. März 2024, 10:30 Uhr"); whether ``published`` came from a field or from htmldate.
    None of them when they write different times on that day (:func:`made_precise`)."""
    if not published or (len(published) > 19 and published[-6] in "+-"):
        return published
    day = published[:10]
    others = [
        jsonld.first_string(n.get(key))
        for n in graph
        if n is not article
        for key in ("datePublished", "dateCreated")
        if n.get(key)
    ]
    extras = [normalize_date(d, country) for d in [*outside, *others[:3], *_marked_times(tags, meta, day)] if d]
    if len(published) == 10:
        lines = list(_date_lines(tags.tree))
        country = zone_country_by_offsets(lines, extras, country) or country  # "10:30 IST" beside a "+05:30"
        extras += [normalize_date(line, country) for line in lines]
    return made_precise(published, extras)


def _headline_date(tags: _Tags, country: str | None = None) -> str | None:
    """The date a short line beside the headline writes ("Published on Oct 21, 2025", "Jane Doe ·
    Dec 17, 2025"), not an update's: the line nearest the ``<h1>``, among the few elements after
    and before it and its parents'."""
    node = tags.headline()
    for _ in range(3):
        if node is None or node.tag in _NOT_DATE_LINES:
            return None
        for element in [*itertools.islice(node.itersiblings(), 4), *itertools.islice(node.itersiblings(preceding=True), 2)]:
            if not isinstance(element.tag, str) or element.tag in _NOT_DATE_LINES:
                continue
            text = text_of(element)
            if len(text) <= _DATE_LINE_CHARS and not _UPDATED.search(text) and has_date(text):
                return normalize_date(text, country)
        node = node.getparent()
    return None


_DATE_LINE_CHARS = 100


def _htmldate(tree: HtmlElement, url: str) -> str | None:
    """Last resort: htmldate's heuristics (slow, date precision only)."""
    from htmldate import find_date  # imported lazily: loading it costs time at start

    try:
        found = find_date(tree, url=url, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        return None
    return normalize_date(found) if found else None


def _section(
    article: dict[str, Any] | None, meta: Meta, graph: list[dict[str, Any]], tree: HtmlElement, title: str | None, url: str
) -> str | None:
    if article:
        value = jsonld.first_string(article.get("articleSection"))
        if value:
            return value
    value = meta.first("article:section", "og:article:section", "section", "parsely-section", "category")
    if value:
        return value
    crumbs = jsonld.breadcrumb(graph)
    if not crumbs:
        crumbs = [text_of(a) for a in _breadcrumb_links(tree)]
    crumbs = [c for c in crumbs if c and c.casefold() not in _HOME_CRUMBS and c != title]
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


def _first_text(elements: Iterable[HtmlElement]) -> str | None:
    """The text of the first of ``elements`` that has one."""
    return next((value for value in map(text_of, elements) if value), None)


def _breadcrumb_links(tree: HtmlElement) -> list[HtmlElement]:
    """The links inside the page's first breadcrumb (an element whose class or id holds
    "breadcrumb", or labelled so): one walk that stops there (the XPath of ``contains()`` tests,
    ``(//*[...])[1]//a``, tests every element: twice the time)."""
    for element in tree.iter(etree.Element):
        attributes = element.attrib
        if not attributes:
            continue
        label = attributes.get("aria-label")
        if "breadcrumb" in (attributes.get("class") or "") or "breadcrumb" in (attributes.get("id") or "") or label in _BREADCRUMB_LABELS:
            return list(element.iterdescendants("a"))
    return []


_BREADCRUMB_LABELS = ("breadcrumb", "Breadcrumb")
# Paths of section pages ("/category/slug/"), and whitespace as XPath's normalize-space() reads it.
_SECTION_PATH = re.compile(r"/(?:category|section|sections|rubrik|ressort|rubrique|seccion|categoria|kategorie)/")
_XML_SPACE = re.compile(r"[ \t\r\n]+")


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
            if rel and "category" in rel and "category" in _XML_SPACE.split(rel):
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
        following = link.xpath("following::text()[normalize-space()][1]")
        if not label or not following:
            continue
        text = " ".join(str(following[0]).split()).casefold()[:40]
        if len(text) >= 15 and (text.startswith(start) or start.startswith(text)):
            return label
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


def _split_keywords(value: Any, alone: bool = True) -> list[str]:
    """Keywords from strings and lists; entities decoded before splitting at ",", ";" and "|".
    ``alone``: the value is the whole keyword field (not one item of a list)."""
    if isinstance(value, (list, tuple)):
        items = [v for v in value if v]
        return [k for v in items for k in _split_keywords(v, alone and len(items) == 1)]
    if isinstance(value, dict):
        return _split_keywords(value.get("name"), alone=False)
    if isinstance(value, str):
        value = plain_text(value)
        parts = [k.strip().lstrip("#").strip() for k in _KEYWORD_SEPARATORS.split(value)]
        parts = [k for k in parts if k]
        if alone and len(parts) == 1 and len(parts[0].split()) >= _SPACE_JOINED_WORDS and _words_only(parts[0]):
            return parts[0].split()  # one string of keywords joined by spaces
        return parts
    return []


_KEYWORD_SEPARATORS = re.compile(r"[,;|]")
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
    r"|(?-i:[a-z][a-z0-9_.-]{1,24}):\S.*",
    re.I,
)
_MAX_TAG_WORDS = 6


def _section_names(article: dict[str, Any] | None, meta: Meta, graph: list[dict[str, Any]]) -> set[str]:
    """Every section the page declares, casefolded: JSON-LD ``articleSection`` (all of them),
    ``article:section`` metas, the breadcrumb's names."""
    values = meta.all("article:section") + jsonld.breadcrumb(graph)
    if article:
        declared = article.get("articleSection")
        values += [v for v in (declared if isinstance(declared, list) else [declared]) if isinstance(v, str)]
    return {plain_text(v).casefold() for v in values if v}


def clean_tags(tags: list[str], section: str | None, url: str, sections: set[str] = frozenset()) -> list[str]:
    """Unique tags without junk (ids, "Category: X" labels), the section name (``sections``: the
    casefolded names of every section the page declares, and the site's names), or URL words (a keyword list generated
    from the slug is no tagging)."""
    sections = set(sections) | ({section.casefold()} if section else set())
    kept = [
        t for t in unique_casefolded(tags)
        if len(t) <= 80 and len(t.split()) <= _MAX_TAG_WORDS and not _JUNK_TAG.fullmatch(t) and t.casefold() not in sections
    ]
    slug = {w for w in re.split(r"[\W_]+", urlsplit(url).path.rstrip("/").rsplit("/", 1)[-1].casefold()) if w and not w.isdigit()}
    from_slug = [t for t in kept if t.casefold() in slug]
    # The slug cut into words: most tags are slug words and they cover most of the slug.
    if len(from_slug) >= 3 and len(from_slug) >= 0.8 * len(kept) and len(from_slug) >= 0.5 * len(slug):
        kept = [t for t in kept if t not in from_slug]
    return kept


def extract_metadata(tree: HtmlElement, url: str, graph: list[dict[str, Any]], meta: Meta | None = None) -> dict[str, Any]:
    """All record fields except ``body``, from the page's tree and its JSON-LD nodes (``meta``:
    its ``<meta>`` values, when the caller read them already)."""
    meta = meta if meta is not None else Meta(tree)
    index = jsonld.by_id(graph)
    article = jsonld.find_article(graph)

    site_names = _site_names(meta, graph, url, article)
    elements = _Tags(tree)
    title = _title(elements, meta, article, site_names, url)
    host_label = _host_label(url)
    authors = _authors(elements, meta, article, index, {squash(n) for n in site_names} | {host_label} - {""}, host_label)

    declared = [tree.get("lang"), tree.get("xml:lang"), meta.first("content-language", "og:locale", "language", "dc.language")]
    if article:
        declared.append(jsonld.first_string(article.get("inLanguage")))
    country = zone_country(urlsplit(url).hostname or "", declared)
    published, modified, outside = _dates(article, meta, elements, graph, country)
    if published is None:
        published = _htmldate(tree, url) or _headline_date(elements, country)
    published = _timed(published, elements, meta, graph, article, outside, country)

    language = next((code for code in map(declared_code, declared) if code), None)

    raw_tags: list[Any] = meta.all("article:tag") + meta.all("og:article:tag")
    if article:
        raw_tags.append(article.get("keywords"))
    tags = _split_keywords(raw_tags) or _split_keywords(meta.all("keywords") or meta.all("news_keywords"))
    section = _section(article, meta, graph, tree, title, url)
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
        # the outlet's name is no topic of the story ("Harbour Herald", "harbourherald.example")
        "tags": clean_tags(tags, section, url, _section_names(article, meta, graph) | {n.casefold() for n in site_names}),
        "description": description,
        "image": join_url(url, image) if image else None,
        "canonical_url": canonical or url,
    }
