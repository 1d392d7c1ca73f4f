"""What a crawl learns about each site's tags: the keywords a site declares on nearly every story.

Some sites write one keyword list into every page's ``<meta name="keywords">`` ("Nigeria breaking
news, APC news, PDP news, sport news..."), whatever the story, or add the same house labels to
each article's keywords. On one page such a list looks like any other; across a site's stories it
is plain: a story's topics change from story to story, the site's list does not. This module is
the bookkeeping (no Scrapy), a view over a plain dict inside a site's learning memory (so it
pickles into JOBDIR and is kept in the incremental state with it);
:class:`pipelines.sitelearn.SiteLearnPipeline` feeds it each new story's tags and removes the
learned ones from the records' tags.

Rules:

- A tag is learned while at least ``LEARN_SHARE`` of the site's stories carry it, once the site has
  at least ``MIN_STORIES`` stories with tags: a frequent topic ("Brexit" on a third of a news
  site's stories) stays; a site-wide keyword is on all of them. The rule is read anew on each
  record, so a topic that filled a site's first stories stops being learned as others come in.
- Versions of one story count once (the caller feeds new stories only, as for titles).
- Tags are compared case- and punctuation-insensitively.
"""

from __future__ import annotations

from typing import Any

from newsspider.extraction.text import squash
from pipelines.sitememory import forget_rare

#: Key of a site's tag memory inside its site-learning data.
DATA_KEY = "site_tags"
#: A tag on at least this share of the site's stories with tags is the site's, not a story's.
LEARN_SHARE = 0.8
#: Stories with tags a site must have before any tag is learned: on a few stories of one event,
#: that event's topics are on all of them.
MIN_STORIES = 10
#: Per site, at most this many tags are counted; beyond it those seen once are forgotten.
MAX_TRACKED_TAGS = 5_000


class SiteTags:
    """Tag counts of one site: a view over ``site_data[DATA_KEY]`` (plain dicts)."""

    def __init__(self, site_data: dict[str, Any]) -> None:
        self.data: dict[str, Any] = site_data.setdefault(DATA_KEY, {})
        self.data.setdefault("counts", {})  # tag key -> stories carrying it
        self.data.setdefault("stories", 0)  # stories with at least one tag
        self.data.setdefault("reported", set())  # tag keys already counted as learned in the stats

    def is_learned(self, tag: str) -> bool:
        stories = self.data["stories"]
        return stories >= MIN_STORIES and self.data["counts"].get(squash(tag), 0) >= LEARN_SHARE * stories

    def observe(self, tags: list[str]) -> list[str]:
        """Count the tags of a new story; return the tags newly learned."""
        keys = {squash(tag): tag for tag in tags if squash(tag)}
        if not keys:
            return []
        counts: dict[str, int] = self.data["counts"]
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
        self.data["stories"] += 1
        forget_rare(counts, MAX_TRACKED_TAGS)
        new = [tag for key, tag in keys.items() if key not in self.data["reported"] and self.is_learned(tag)]
        self.data["reported"].update(squash(tag) for tag in new)
        return new

    def clean(self, tags: list[str]) -> list[str]:
        """``tags`` without the site's learned ones."""
        return [tag for tag in tags if not self.is_learned(tag)]
