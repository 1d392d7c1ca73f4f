"""What a crawl has learned about each site's boilerplate: short text blocks repeated across pages.

A site's article pages share their template, so a line that shows up on many *different*
article pages of one site ("Story from Reuters", a disclaimer, a promo line, the titles of a
"Most popular" list) is boilerplate even when nothing in the markup says so. This module is
the pure bookkeeping (no Scrapy): :class:`SiteMemory` counts, per site, on how many distinct
pages each short block occurs and removes the blocks that crossed the threshold;
:class:`BoilerplateMemory` holds all sites. Both are views over plain dicts, so the whole
memory pickles into ``spider.state`` (Scrapy's JOBDIR) and survives a restart.

Rules (:class:`LearningRules`):

- Only blocks of at most ``max_words`` words are counted: a long paragraph is never learned,
  however often it repeats.
- A block is boilerplate once it occurred on ``max(min_pages, ceil(min_share * pages))``
  distinct pages of the site, ``pages`` being the site's pages counted so far. Learned blocks
  stay learned.
- A page is counted once per *story*: a page whose longest paragraph (or, with only short
  lines, whole body) was already counted -- the same story under another URL, a repeat -- adds
  nothing, so three copies of one story never turn its short lines into boilerplate.
- Blocks are compared case- and punctuation-insensitively (their ``\\w+`` words).
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from newsspider.textlength import word_count
from pipelines.normalize import normalize_body

#: Key of the memory in ``spider.state`` (pickled into JOBDIR/spider.state by Scrapy).
STATE_KEY = "newsspider/sitelearn"
#: Per site, at most this many blocks are counted; beyond it blocks seen once are forgotten.
MAX_TRACKED_BLOCKS = 50_000

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class LearningRules:
    """When a repeated block counts as boilerplate (see the module docstring)."""

    min_pages: int = 3
    min_share: float = 0.02
    max_words: int = 40

    def __post_init__(self) -> None:
        if self.min_pages < 2:
            raise ValueError(f"min_pages must be >= 2 (one page proves nothing), got {self.min_pages}")
        if not 0 <= self.min_share <= 1:
            raise ValueError(f"min_share must be between 0 and 1, got {self.min_share}")
        if self.max_words < 1:
            raise ValueError(f"max_words must be >= 1, got {self.max_words}")

    def threshold(self, pages: int) -> int:
        """Distinct pages a block must occur on, when the site has ``pages`` counted pages."""
        return max(self.min_pages, math.ceil(self.min_share * pages))

    def is_candidate(self, line: str) -> bool:
        """Short enough to be learned (a line of a page, already stripped)."""
        return word_count(line) <= self.max_words


def site_key(url: str) -> str:
    """The site a URL belongs to: its host, lower-cased, without ``www.`` and port."""
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        host = ""
    return host.removeprefix("www.")


def block_key(text: str) -> str | None:
    """Comparison key of a block: hash of its casefolded words; None when it has no words."""
    words = _WORD.findall(text.casefold())
    if not words:
        return None
    return hashlib.blake2b(" ".join(words).encode("utf-8"), digest_size=8).hexdigest()


def _lines(body: str) -> Iterator[str]:
    for line in body.splitlines():
        line = line.strip()
        if line:
            yield line


class SiteMemory:
    """Block counts and learned boilerplate of one site: a view over ``data`` (a plain dict)."""

    def __init__(self, data: dict[str, Any], rules: LearningRules) -> None:
        self.data = data
        self.rules = rules
        data.setdefault("pages", 0)
        data.setdefault("counts", {})
        data.setdefault("learned", set())
        data.setdefault("stories", set())

    @property
    def pages(self) -> int:
        """Distinct pages (stories) counted for this site, over all runs of a JOBDIR."""
        return int(self.data["pages"])

    @property
    def learned(self) -> set[str]:
        return self.data["learned"]

    def story_key(self, body: str) -> str | None:
        """Identity of the story a body tells: its longest long paragraph, else the whole body."""
        longest = max(_lines(body), key=len, default="")
        if longest and not self.rules.is_candidate(longest):
            return block_key(longest)
        return block_key(body)

    def observe(self, body: str) -> list[str] | None:
        """Count the short blocks of one page; return the blocks newly learned, or None when
        the page was not counted (no words, or a story already counted)."""
        story = self.story_key(body)
        if story is None or story in self.data["stories"]:
            return None
        self.data["stories"].add(story)
        self.data["pages"] += 1
        counts: dict[str, int] = self.data["counts"]
        keys = {block_key(line) for line in _lines(body) if self.rules.is_candidate(line)}
        keys.discard(None)
        threshold = self.rules.threshold(self.pages)
        new: list[str] = []
        for key in keys:
            assert key is not None  # typing: None was discarded
            counts[key] = counts.get(key, 0) + 1
            if counts[key] >= threshold and key not in self.learned:
                self.learned.add(key)
                new.append(key)
        if len(counts) > MAX_TRACKED_BLOCKS:
            self._forget_rare()
        return new

    def _forget_rare(self) -> None:
        """Bound memory on long crawls: forget blocks seen on one page only (never learned ones)."""
        counts: dict[str, int] = self.data["counts"]
        for key in [k for k, n in counts.items() if n <= 1 and k not in self.learned]:
            del counts[key]

    def is_boilerplate(self, line: str) -> bool:
        return self.rules.is_candidate(line) and block_key(line) in self.learned

    def clean(self, body: str) -> tuple[str, int]:
        """``body`` without its learned boilerplate lines (paragraph breaks kept); lines removed."""
        if not self.learned:
            return body, 0
        kept: list[str] = []
        removed = 0
        for line in body.splitlines():
            if line.strip() and self.is_boilerplate(line.strip()):
                removed += 1
            else:
                kept.append(line)
        return (normalize_body("\n".join(kept)), removed) if removed else (body, 0)


class BoilerplateMemory:
    """All sites' :class:`SiteMemory`, keyed by :func:`site_key`, over one plain dict."""

    def __init__(self, data: dict[str, Any] | None = None, rules: LearningRules | None = None) -> None:
        self.data: dict[str, Any] = {} if data is None else data
        self.rules = rules or LearningRules()

    def site(self, url: str) -> SiteMemory:
        return SiteMemory(self.data.setdefault(site_key(url), {}), self.rules)

    def learned_count(self) -> int:
        """Learned blocks over all sites."""
        return sum(len(site.get("learned", ())) for site in self.data.values())
