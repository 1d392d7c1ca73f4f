"""What a crawl learns about each site's titles: the words its titles repeat before or after a
separator ("Story - The Harbour Gazette", "Gazette | Story").

One page cannot always tell a headline's own tail ("... - Part 1") from the site's name: the
page may not name its site (no ``og:site_name``, no publisher), or name it otherwise than its
titles do. Across a site's pages the difference is plain: the site name ends (or starts) most of
the titles that are cut by a separator, whatever the story. This module is the bookkeeping (no
Scrapy), a view over a plain dict inside a site's learning memory (so it pickles into JOBDIR with
it); :class:`pipelines.sitelearn.SiteLearnPipeline` feeds it each new story's title and strips
the learned affixes from the records' titles.

Rules:

- A title is split at the first and the last separator (`` | ``, `` - ``, `` – ``, `` — ``, `` · ``,
  `` • ``, `` » ``, `` :: ``, `` // ``; a colon is not one: "Topic: headline" and French
  "Sujet : titre" are how headlines are written); the part before the first is its *prefix*, the
  part after the last its *suffix*, each of at most ``MAX_AFFIX_WORDS`` words.
- An affix is learned while it ends (or starts) at least ``min_pages`` distinct titles and at
  least ``LEARN_SHARE`` of the site's titles with a separator at that end: a site name is on all
  of them, a section name or a recurring topic on a few. The rule is read anew on each record, so
  a topic that was frequent among a site's first pages stops being learned as the site's other
  titles come in.
- Affixes are compared case- and punctuation-insensitively.
"""

from __future__ import annotations

import re
from typing import Any

from newsspider.extraction.text import squash
from pipelines.sitememory import forget_rare

#: Key of a site's title memory inside its site-learning data.
DATA_KEY = "title_affixes"
#: An affix must end at least this share of the site's titles cut at that end.
LEARN_SHARE = 0.5
#: Longer parts are a subtitle, never a site name.
MAX_AFFIX_WORDS = 8
#: Per site and end, at most this many affixes are counted; beyond it those seen once are forgotten.
MAX_TRACKED_AFFIXES = 5_000
#: A separator between a headline and a site name (no colon: see the module docstring). It starts
#: where a whitespace run starts: tried at every space of a long run, the pattern was quadratic (a
#: title of 20,000 spaces took 4.7 s).
SEPARATOR = re.compile(r"(?<!\s)(?:\s+[|–—·•»-]\s+|\s+::\s+|\s+//\s+)")
ENDS = ("prefix", "suffix")


def affixes_of(title: str) -> dict[str, tuple[str, str]]:
    """``{end: (affix, rest of the title)}`` for the ends of ``title`` cut by a separator."""
    cuts = list(SEPARATOR.finditer(title))
    if not cuts:
        return {}
    first, last = cuts[0], cuts[-1]
    found = {"prefix": (title[: first.start()], title[first.end() :]), "suffix": (title[last.end() :], title[: last.start()])}
    return {end: (affix.strip(), rest.strip()) for end, (affix, rest) in found.items() if 0 < len(affix.split()) <= MAX_AFFIX_WORDS}


class TitleAffixes:
    """Title affix counts of one site: a view over ``site_data[DATA_KEY]`` (plain dicts)."""

    def __init__(self, site_data: dict[str, Any], min_pages: int) -> None:
        self.data: dict[str, Any] = site_data.setdefault(DATA_KEY, {})
        for end in ENDS:
            self.data.setdefault(end, {})  # affix key -> titles it cut
            self.data.setdefault(f"{end}_titles", 0)  # titles cut at that end
        self.data.setdefault("reported", set())  # (end, key) already counted as learned in the stats
        self.min_pages = min_pages

    def is_learned(self, end: str, affix: str) -> bool:
        count = self.data[end].get(squash(affix), 0)
        return count >= self.min_pages and count >= LEARN_SHARE * self.data[f"{end}_titles"]

    def observe(self, title: str) -> list[str]:
        """Count the affixes of a new story's title; return the affixes newly learned."""
        new: list[str] = []
        for end, (affix, _) in affixes_of(title).items():
            key = squash(affix)
            if not key:
                continue
            counts: dict[str, int] = self.data[end]
            counts[key] = counts.get(key, 0) + 1
            self.data[f"{end}_titles"] += 1
            if self.is_learned(end, affix) and (end, key) not in self.data["reported"]:
                self.data["reported"].add((end, key))
                new.append(affix)
            forget_rare(counts, MAX_TRACKED_AFFIXES)
        return new

    def clean(self, title: str) -> str:
        """``title`` without its learned prefix and suffix (each end as long as one is learned)."""
        for _ in range(4):  # "Site | Story | Site": both ends, and a nested one
            ends = affixes_of(title)
            for end in ENDS:
                if end in ends and self.is_learned(end, ends[end][0]) and squash(ends[end][1]):
                    title = ends[end][1]
                    break
            else:
                return title
        return title
