"""The article's authors: declared names checked against the bylines the page shows, agencies credited beside them."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

from lxml.html import HtmlElement

from newsspider.dates import has_date
from newsspider.extraction import jsonld
from newsspider.extraction.authors import BY_PREFIX, NOT_AUTHORS, agency, first_after_by, split_authors
from newsspider.extraction.html import text_of
from newsspider.extraction.metadata.bylines import BYLINE_MAX_CHARS, NOT_BYLINES, MarkedElements, byline_texts, element_texts
from newsspider.extraction.metadata.datelines import Places
from newsspider.extraction.metadata.page import Meta, PageTags
from newsspider.extraction.metadata.reporters import text_credits
from newsspider.extraction.metadata.sitename import is_site_name
from newsspider.extraction.text import squash, unique_casefolded

_WORD = re.compile(r"\w+")
# The body's text nodes holding a string, outside scripts and styles.
_HOLDING = "//body//text()[contains(., $word)][not(ancestor::script or ancestor::style)]"


def writes_word(tree: HtmlElement, word: str) -> bool:
    """A text of the page's ``<body>`` outside scripts and styles has ``word`` as one of its
    ``\\w+`` words, as written (case counts). Only the text nodes holding the string are split
    into words: splitting the whole body cost ~2.5 ms on a 200 KB page, for one or two names."""
    return bool(word) and any(word in _WORD.findall(node) for node in tree.xpath(_HOLDING, word=word))


def page_authors(
    tags: PageTags, meta: Meta, article: dict[str, Any] | None, index: dict[str, dict[str, Any]],
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
    places = Places(tags, meta, article)
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
        return squash(name) in outlet or is_site_name(name, set(), host_label, min_initials=2)

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
    linked: list[str] = []
    answers: dict[str, bool] = {}

    def proper(word: str) -> bool:
        """The page never writes ``word`` in lower case."""
        lower = word.lower()
        if lower not in answers:
            answers[lower] = not writes_word(tree, lower)
        return answers[lower]

    def named(text: str) -> tuple[list[str], list[str], list[str]]:
        """(people, outlets, organisations) a byline text names."""
        people, orgs = split_authors(text, single_words=False)
        if not people and not orgs and BY_PREFIX.match(text):  # "Posted by David at 11:15", read last
            linked.extend(p for p in split_authors(text)[0][:1] if " " not in p and first_after_by(p, text) and proper(p))
        return [p for p in people if not is_outlet(p) and not places.holds(p)], [p for p in people if is_outlet(p)], orgs

    # one-word names linked to their own page, or right after a "By" (the page never writes
    # them in lower case: a name, not a filter's label), read on the way
    skipped: list[tuple[bool, HtmlElement]] = []  # byline elements in skipped blocks, read last
    tags.marked = MarkedElements(tree)
    bylines = byline_texts(tree, in_lists=not outlet_named, linked=linked, skipped=skipped, candidates=tags.marked.bylines)
    # the first byline credits the outlet or a collective ("By Jerusalem Post Staff"): an agency
    # of a later one ("By Reuters" under a ticker's headline) is another story's; once a byline
    # credits a collective ("By HNN Staff"), a later byline's person is too ("By Lisa Roe" under
    # a "Recent content" rail's headline). Not after the outlet: "By Acme Mattress" heads a blog
    # post whose own byline names the writer further down.
    collective_first = collective_credited = False
    for texts in itertools.chain(bylines, [_headline_lines(tags)]):
        if collective_credited:
            break
        for text in texts:
            if collective_credited:  # the element's other parts too: "Staff" and "Lisa Roe" of one card
                break
            people, outlets, orgs = named(text)
            organizations += outlets
            if [p for p in people if not agency(p)]:
                # one name of a part ("<a>Jane Doe</a> and <a>John Roe</a>"): the whole line names them all
                whole = named(texts[-1])[0] if text is not texts[-1] else people
                keys = {p.casefold() for p in people}
                # an agency in another part of the byline ("By Jane Doe" over "Associated Press")
                beside = [
                    p for other in texts if other is not text for p in split_authors(other, single_words=False)[0] if agency(p)
                ]
                return credited((whole if keys < {p.casefold() for p in whole} else people) + beside)
            if not collective_first:
                agencies += people
            collective_first = collective_first or (bool(outlets or orgs) and not agencies)
            organizations += orgs
            collective_credited = collective_credited or (bool(orgs) and not outlets and not agencies)
    organizations += [name for name in linked if is_outlet(name)]  # the outlet's account: credited as the outlet
    # a capitalised word the page also writes in lower case is a label ("More", "Profile"), no name
    linked = [name for name in linked if not is_outlet(name) and not places.holds(name) and (name.islower() or proper(name))]
    if linked:
        return credited(linked[:1])
    # no byline elsewhere: a marked byline inside a block the search skips (a "share" or
    # "widget" wrapper around the story's header) is the page's only credit
    for _, element in sorted(skipped, key=lambda pair: not pair[0]):  # the surest marks first
        for text in element_texts(element):
            if people := [p for p in named(text)[0] if not agency(p)]:
                return credited(people)
    # "홍길동 기자 hong@…", "（记者 张三）", "【北京＝山田太郎】": a Korean, Chinese or Japanese story's credit in its text
    if people := [p for p in text_credits(tags) if not is_outlet(p) and not places.holds(p)]:
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
    organizations = [o for o in organizations if not places.holds(o)]
    # the story's opening credits the outlet ("Example.Net - ...", "(Example) —"): its own name
    # exactly (a longer name holding it opens as many kickers: "Example Weekly -")
    if not organizations and (outlet_credit := places.outlet_credit(lambda name: squash(name) in outlet)):
        organizations = [outlet_credit]
    return _shortest_names(unique_casefolded(organizations))


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


def _headline_lines(tags: PageTags) -> list[str]:
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
        text = text_of(element, BYLINE_MAX_CHARS + 1) if isinstance(element.tag, str) and element.tag not in _HEADINGS else ""
        if not text or len(text) > BYLINE_MAX_CHARS:
            return []  # a subheading or a paragraph of the story before any date: no byline line
        # a name is a whole part of such a line, not words inside a phrase ("Week Call for ...")
        for segment in _LINE_PARTS.split(text):
            if not NOT_AUTHORS.match(segment):  # "Reviewed by: Jane Doe, John Roe"
                parts += [p for p in segment.split(",") if len(p.split()) <= _HEADLINE_NAME_WORDS]
        if has_date(text):
            return parts
    return []


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
            if line is None or line.tag in NOT_BYLINES:
                break
            text = text_of(line, BYLINE_MAX_CHARS)  # cut: too long for a byline
            if len(text) >= BYLINE_MAX_CHARS or not BY_PREFIX.match(text):
                line = line.getparent() if len(text) < BYLINE_MAX_CHARS else None
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
            tail = getattr(node, "is_tail", False)
            own = "" if tail else text_of(line, BYLINE_MAX_CHARS)
            if len(own) >= BYLINE_MAX_CHARS:
                continue  # a long line: the one around it is longer still, neither a byline
            if tail or squash(own) == squash(name):
                line = line.getparent()  # the name alone in a link: the agency is beside it
                own = text_of(line, BYLINE_MAX_CHARS) if line is not None else ""
            text = own if line is not None and line.tag not in NOT_BYLINES else ""
            if text and len(text) < BYLINE_MAX_CHARS:
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

