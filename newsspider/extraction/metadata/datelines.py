"""Place names the page gives (datelines, JSON-LD locations): a byline word that names one is no author."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from typing import Any

from newsspider.extraction import jsonld
from newsspider.extraction.authors import agency
from newsspider.extraction.html import text_of
from newsspider.extraction.metadata.page import Meta, PageTags
from newsspider.extraction.text import plain_text, squash, unique_casefolded

# After a place at the start of a story: "Frankfurt (dpa) -", "Berlin/Main, 5. März (AFP)"; a
# place in capitals may be followed by a dash or colon alone ("PARIS —", "NEW YORK, March 5 -").
_DATELINE_AGENCY = r"(?:\s*/\s*[\w .-]{1,30})?(?:\s*,[^–—()\n]{1,40}?)?\s*\([^)]{1,40}\)"
_DATELINE_DASH = r"(?:\s*/\s*[\w .-]{1,30})?(?:\s*,[^–—()\n]{1,40}?)?\s*[-–—:]\s"
_AFTER_PLACE_AGENCY = re.compile(_DATELINE_AGENCY, re.I)
_AFTER_PLACE_DASH = re.compile(_DATELINE_DASH)
# A dateline opens the story's text: "Berlin (dpa) - Der Rat ...". Nothing after the brackets, it is
# a byline of its own: "Jana Schmidt (dpa)" names the reporter, no place.
_STORY_AFTER = re.compile(r"\w")
_LOCATION_KEYS = ("contentLocation", "locationCreated", "spatialCoverage", "dateline")
_PLACE_PARTS = ("name", "addressLocality", "addressRegion", "addressCountry", "address")


# A dateline's places before the agency or the dash: "BERLIN, Germany (dpa) -", "PARIS/Lyon —".
_DATELINE = re.compile(r"([^()–—:\n]{2,60}?)\s*(?:\([^)]{1,40}\)\s*[-–—:]?|(?<=[A-ZÀ-Þ])\s*[-–—:]\s)")


def _dateline_parts(text: str) -> set[str]:
    """The places a story's opening dateline names, squashed ("berlin", "germany"); a dash
    dateline counts when its first place is in capitals."""
    match = _DATELINE.match(text)
    if match is None or not _STORY_AFTER.search(text, match.end()):
        return set()
    parts = [p.strip() for p in re.split(r"[,/]", match.group(1))]
    if "(" not in match.group(0) and not parts[0].isupper():
        return set()
    return {squash(p) for p in parts if p and not any(c.isdigit() for c in p)}


# The agency in a dateline's brackets at a story's start ("Berlin (dpa) -", "(Reuters) -").
_DATELINE_CREDIT = re.compile(r"[^()\n]{0,60}?\(([^)]{1,40})\)\s*[-–—:]")
# A name opening a story before a dash: "Example.Net - The council ..."
_OUTLET_OPENER = re.compile(r"([^\s()–—:][^()\n–—:]{1,39}?)\s+[-–—]\s")


class Places:
    """The story's places, read on first use: the localities its JSON-LD names, and the
    dateline that opens its text (description, ``articleBody``, first paragraphs)."""

    def __init__(self, tags: PageTags, meta: Meta, article: dict[str, Any] | None) -> None:
        self.tags, self.meta, self.article = tags, meta, article
        self._named: set[str] | None = None
        self._openings: list[str] | None = None
        self._dateline_places: set[str] | None = None
        self._story_start = 0  # the first of the openings that is the story's own text (after the description)

    def holds(self, name: str) -> bool:
        if self._named is None:
            self._named = set()
            for key in _LOCATION_KEYS:
                self._collect((self.article or {}).get(key), 0)
        key = squash(name)
        if key in self._named:
            return True
        if self._dateline_places is None:  # the openings' datelines, read once for every name asked
            self._dateline_places = set().union(*map(_dateline_parts, self.openings()))
        if key in self._dateline_places:
            return True
        folded, capitals = name.casefold(), name.upper()
        return any(
            (
                (text[: len(name)].casefold() == folded and (after := _AFTER_PLACE_AGENCY.match(text, len(name))))
                or (text.startswith(capitals) and (after := _AFTER_PLACE_DASH.match(text, len(name))))
            )
            and _STORY_AFTER.search(text, after.end())
            for text in self.openings()
        )

    def openings(self) -> list[str]:
        """The first 200 characters of the description, ``articleBody`` and first paragraphs."""
        if self._openings is None:
            description = self.meta.first("og:description", "description")
            self._story_start = 1 if description else 0
            texts = [description]
            if self.article:
                texts.append(jsonld.first_string(self.article.get("articleBody")))
            # the first paragraphs of the <article> and of the page, by lazy walks (an XPath
            # "(//p)[position() <= 6]" collects every <p> first), each read once (the article's
            # first paragraphs are most often the page's)
            article = next(iter(self.tags("article")), None)
            paragraphs = itertools.islice(article.iter("p"), 3) if article is not None else ()
            first = dict.fromkeys(itertools.chain(paragraphs, itertools.islice(self.tags.tree.iter("p"), 6)))
            texts += [text_of(p, 200) for p in first]
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

    def outlet_credit(self, is_outlet: Callable[[str], bool]) -> str | None:
        """The outlet (a name ``is_outlet`` accepts) as the story's opening credits it, as written:
        "Example.Net - The council ...", "(Example News) —", "LONDON (Example News) -" (the
        outlet's own dateline, where a wire story names its agency). The story's own text only: a
        description opening with the outlet's name is as often the site's tagline ("Example News -
        news of the harbour")."""
        for text in self.openings()[self._story_start :]:
            credit = _DATELINE_CREDIT.match(text)
            names = [part.strip() for part in re.split(r"[/,]", credit.group(1))] if credit else []
            opener = _OUTLET_OPENER.match(text)
            names += [opener.group(1)] if opener else []
            if found := next((name for name in names if name and is_outlet(name)), None):
                return found
        return None

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

