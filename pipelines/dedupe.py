"""Duplicate detection within one crawl / one ``newsspider extract`` run.

:class:`SeenRecords` holds the seen URL keys and body fingerprints (reusable without a
crawler); :class:`DedupePipeline` drops the duplicates it reports.

A record is keyed by its ``canonical_url`` only when that names a page like this one: not the
home page or a section above the page's own path (:func:`newsspider.urlshape.trusted_canonical`),
and not a URL that an earlier record with a *different* text already claimed. Otherwise its own
``url`` is the key and its ``canonical_url`` is reset to its ``url`` (the field's default), so a
dataset never has two different articles naming the same canonical page.
"""

from __future__ import annotations

import heapq
import logging
from array import array
from dataclasses import dataclass
from typing import Any

from itemadapter import ItemAdapter
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from w3lib.url import canonicalize_url

from newsspider import config
from newsspider.textlength import word_units
from newsspider.urlshape import trusted_canonical
from pipelines.drops import Dropper
from pipelines.normalize import body_fingerprint

logger = logging.getLogger(__name__)

REASON_DUPLICATE_URL = "duplicate_url"
REASON_DUPLICATE_BODY = "duplicate_body"

#: Shingle hashes kept per body (the smallest ones: a bottom-k sketch, 8 bytes each).
SKETCH_SIZE = 32
#: Units (words; characters of unspaced scripts) per shingle.
SHINGLE_UNITS = 4
#: Estimated shingle resemblance from which two bodies are "the same text": an edited or
#: re-extracted copy stays far above it, two different articles (~0) far below.
NEAR_IDENTICAL = 0.5


def url_key(url: str) -> str:
    """Comparison key of a URL: w3lib-canonicalised (sorted query, no fragment)."""
    url = url.strip()
    try:
        return canonicalize_url(url)
    except (ValueError, TypeError):  # pragma: no cover - defensive, w3lib is lenient
        return url


def body_sketch(body: str) -> array[int]:
    """The :data:`SKETCH_SIZE` smallest hashes of the body's casefolded 4-unit shingles.

    Hashes are Python's (salted per process): sketches compare within one run only, which is
    all :class:`SeenRecords` keeps.
    """
    units = word_units(body.casefold())
    if len(units) < SHINGLE_UNITS:  # one shingle: the whole (short) text
        return array("q", [hash(tuple(units))] if units else ())
    # zip of the shifted lists: the same tuples as slicing, made in C
    shingles = set(map(hash, zip(*(units[k:] for k in range(SHINGLE_UNITS)))))
    return array("q", sorted(shingles)[:SKETCH_SIZE])  # = heapq.nsmallest, in C


def resemblance(a: array[int], b: array[int]) -> float:
    """Estimated Jaccard resemblance of the shingle sets two sketches were taken from."""
    if not a or not b:
        return 1.0 if not a and not b else 0.0
    mine, theirs = set(a), set(b)
    union = heapq.nsmallest(SKETCH_SIZE, mine | theirs)
    return sum(1 for h in union if h in mine and h in theirs) / len(union)


@dataclass(frozen=True, slots=True)
class _Claim:
    """One kept record that used a URL key: its body's sketch, and whether the key is its own URL."""

    sketch: array[int]
    own_url: bool


class SeenRecords:
    """URL keys and body fingerprints seen so far.

    :meth:`check_and_add` returns ``"duplicate_url"`` / ``"duplicate_body"`` for a record
    matching an earlier one (and does not remember it), else remembers it and returns None.
    ``duplicate_url``: an earlier record claimed the same trusted canonical URL with nearly the
    same text, or was fetched from the same URL. ``duplicate_body``: the same ``fingerprint``
    (computed from ``body`` when absent). Empty keys are never duplicates. A record whose
    canonical is not trusted (module docstring) gets ``canonical_url = url``.

    ``by_url=False`` compares fingerprints only (``newsspider extract``: the files are distinct
    pages, whatever canonical URL they declare).
    """

    def __init__(self, *, by_url: bool = True) -> None:
        self.by_url = by_url
        self.claims: dict[str, list[_Claim]] = {}
        self.fingerprints: set[str] = set()

    def check_and_add(self, adapter: ItemAdapter) -> str | None:
        body = str(adapter.get("body") or "")
        fingerprint = adapter.get("fingerprint") or body_fingerprint(body)
        url = str(adapter.get("url") or "").strip()
        canonical = str(adapter.get("canonical_url") or "").strip()
        own_key = url_key(url) if url and self.by_url else None
        canonical_key = url_key(canonical) if canonical and self.by_url else None
        trusted = canonical_key is not None and (not url or trusted_canonical(url, canonical))
        if canonical_key == own_key or not trusted:
            canonical_key = None
        sketch = body_sketch(body) if own_key or canonical_key else None
        contested = False  # another text claimed this canonical first
        if canonical_key is not None and canonical_key in self.claims:
            if self._same_text(canonical_key, sketch):
                return REASON_DUPLICATE_URL
            contested = True
        if own_key is not None and (canonical_key is None or contested):
            earlier = self.claims.get(own_key, [])
            if any(claim.own_url for claim in earlier) or self._same_text(own_key, sketch):
                return REASON_DUPLICATE_URL
        if fingerprint and fingerprint in self.fingerprints:
            return REASON_DUPLICATE_BODY
        if sketch is not None:
            if canonical_key is not None:
                self.claims.setdefault(canonical_key, []).append(_Claim(sketch, own_url=False))
            if own_key is not None and (canonical_key is None or contested):
                self.claims.setdefault(own_key, []).append(_Claim(sketch, own_url=True))
        if fingerprint:
            self.fingerprints.add(fingerprint)
        if self.by_url and url and canonical and (contested or not trusted):
            adapter["canonical_url"] = url
        return None

    def _same_text(self, key: str, sketch: array[int] | None) -> bool:
        """An earlier record claiming ``key`` has nearly the same text."""
        return sketch is not None and any(
            resemblance(sketch, claim.sketch) >= NEAR_IDENTICAL for claim in self.claims.get(key, ())
        )

    def __len__(self) -> int:
        return len(self.claims)


class DedupePipeline:
    """Item pipeline dropping records already seen in this crawl (:class:`SeenRecords`: the same
    page by trusted canonical URL or URL, or the same body).

    Settings: ``NEWSSPIDER_DEDUPE_ENABLED`` (default True; False -> NotConfigured).
    Stats: ``newsspider/dropped/duplicate_url``, ``newsspider/dropped/duplicate_body``.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.seen = SeenRecords()
        self.dropper = Dropper(crawler.stats, logger)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupePipeline:
        if not config.get(crawler.settings, "NEWSSPIDER_DEDUPE_ENABLED"):
            raise NotConfigured("NEWSSPIDER_DEDUPE_ENABLED is False")
        return cls(crawler)

    def process_item(self, item: Any) -> Any:
        reason = self.seen.check_and_add(ItemAdapter(item))
        if reason is not None:
            raise self.dropper.drop(reason, item)
        return item
