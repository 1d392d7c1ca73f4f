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
- A page is counted once per *story*. A story is republished under other URLs with a new first
  paragraph, a changed headline line, a corrected sentence (updates, rewrites, syndicated
  copies); if each copy counted, the story's own short paragraphs would reach the threshold and
  be cut from every copy. So a page is *a version of a story already counted* -- and adds
  nothing -- when at least half of its text (``SAME_STORY``, in characters of its sentences,
  learned boilerplate left out) is sentences of that story. Boilerplate lines pass this test
  only alongside otherwise-different text: they are a small part of each page, while a
  version shares most of its text with the story. (The limit: a site whose bodies are mostly
  shared lines, boilerplate not yet learned, looks like one story told many times, and learns
  little.)
- Blocks are compared case- and punctuation-insensitively (their ``\\w+`` words).

:func:`encode_site` / :func:`decode_site` turn one site's memory into bytes and back (JSON, no
pickle: the incremental state may be a Redis server other machines write to), so that what a
crawl learned is kept in the incremental state for the next crawl (``pipelines/sitelearn.py``).

Recognising versions is cheap and bounded (:class:`StoryIndex`): a story is remembered by the
hashes of at most ``STORY_SAMPLE`` of its sentences, those with the smallest hashes (a uniform
sample, so that any version's sentences can be compared with it), and found again through the
``STORY_INDEXED`` smallest of them; per record the work is one hash and one dict look-up per
sentence. At most ``MAX_TRACKED_STORIES`` stories are remembered per site, the oldest forgotten
first (a version of a forgotten story counts as a new story).
"""

from __future__ import annotations

import base64
import hashlib
import heapq
import json
import math
import re
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from newsspider.textlength import word_count
from pipelines.normalize import normalize_body

#: Key of the memory in ``spider.state`` (pickled into JOBDIR/spider.state by Scrapy).
STATE_KEY = "newsspider/sitelearn"
#: Per site, at most this many blocks are counted; beyond it blocks seen once are forgotten.
MAX_TRACKED_BLOCKS = 50_000
#: Per site, at most this many stories are remembered to recognise their versions (oldest forgotten).
MAX_TRACKED_STORIES = 10_000
#: A story is remembered by at most this many sentence hashes (its smallest: a uniform sample).
STORY_SAMPLE = 32
#: ... of which this many (the smallest) find the story again from any of its versions.
STORY_INDEXED = 6
#: A page is a version of a story when at least this share of its text is that story's sentences.
SAME_STORY = 0.5

_WORD = re.compile(r"\w+")
#: Sentence ends: ``.!?`` before white space, and the CJK full stops (no space follows them).
#: (No look-behind: split where a regular expression engine is fastest; the marks are dropped.)
_SENTENCE_END = re.compile(r"[.!?]\s+|[。！？]")
_DIGEST_SIZE = 8


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


def forget_rare(counts: dict[str, int], limit: int, keep: set[str] | frozenset[str] = frozenset()) -> None:
    """Bound a site's counts on long crawls: beyond ``limit`` keys, forget those counted once
    (never one in ``keep``: learned ones)."""
    if len(counts) > limit:
        for key in [k for k, n in counts.items() if n <= 1 and k not in keep]:
            del counts[key]


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


def sentence_hashes(lines: Iterable[str]) -> dict[bytes, int]:
    """The sentences of ``lines`` (normalized body lines): hash of each, casefolded -> its length
    in characters. Sentences, not lines: an edit of one sentence keeps the rest of its paragraph
    comparable; characters, not words: CJK text has no spaces."""
    sentences: dict[bytes, int] = {}
    for line in lines:
        for sentence in _SENTENCE_END.split(line.casefold()):
            if _WORD.search(sentence):
                sentences[hashlib.blake2b(sentence.encode("utf-8"), digest_size=_DIGEST_SIZE).digest()] = len(sentence)
    return sentences


class StoryIndex:
    """The stories a site has counted, to recognise their versions: a view over ``data``.

    ``data["story_sketches"]`` maps a story id to ``(hashes, complete)``: the sorted smallest
    ``STORY_SAMPLE`` sentence hashes of the story concatenated, and whether they are all of its
    sentences. ``data["story_index"]`` maps each story's ``STORY_INDEXED`` smallest hashes to its
    id. Plain dicts of bytes and ints, so the whole index pickles into JOBDIR.
    """

    def __init__(self, data: dict[str, Any]) -> None:
        self.sketches: dict[int, tuple[bytes, bool]] = data.setdefault("story_sketches", {})
        self.index: dict[bytes, int] = data.setdefault("story_index", {})

    def find(self, sentences: dict[bytes, int]) -> int | None:
        """Id of a remembered story of which ``sentences`` (a page) is a version, else None."""
        candidates = {self.index[h] for h in sentences if h in self.index}
        for story in sorted(candidates):
            if self.share_in(sentences, story) >= SAME_STORY:
                return story
        return None

    def share_in(self, sentences: dict[bytes, int], story: int) -> float:
        """Share of the page's text (characters) that is sentences of ``story``. Of a story
        remembered by a sample, only the page's sentences in the sample's hash range are
        judged: the same uniform sample of the page."""
        blob, complete = self.sketches[story]
        sample = {blob[i : i + _DIGEST_SIZE] for i in range(0, len(blob), _DIGEST_SIZE)}
        ceiling = None if complete else blob[-_DIGEST_SIZE:]
        judged = shared = 0
        for digest, length in sentences.items():
            if ceiling is None or digest <= ceiling:
                judged += length
                if digest in sample:
                    shared += length
        return shared / judged if judged else 0.0

    def add(self, story: int, sentences: dict[bytes, int]) -> None:
        """Remember a newly counted story; forget the oldest beyond ``MAX_TRACKED_STORIES``."""
        smallest = heapq.nsmallest(STORY_SAMPLE, sentences)
        self.sketches[story] = (b"".join(smallest), len(sentences) <= STORY_SAMPLE)
        for digest in smallest[:STORY_INDEXED]:
            self.index.setdefault(digest, story)
        while len(self.sketches) > MAX_TRACKED_STORIES:
            self._forget(next(iter(self.sketches)))

    def _forget(self, story: int) -> None:
        blob, _ = self.sketches.pop(story)
        for i in range(0, min(len(blob), STORY_INDEXED * _DIGEST_SIZE), _DIGEST_SIZE):
            digest = blob[i : i + _DIGEST_SIZE]
            if self.index.get(digest) == story:
                del self.index[digest]


class SiteMemory:
    """Block counts and learned boilerplate of one site: a view over ``data`` (a plain dict)."""

    def __init__(self, data: dict[str, Any], rules: LearningRules) -> None:
        self.data = data
        self.rules = rules
        data.setdefault("pages", 0)
        data.setdefault("counts", {})
        data.setdefault("learned", set())
        # A state saved before stories were recognised by their sentences: its story keys cannot
        # be compared with sentence hashes (those stories' versions count once more).
        data.pop("stories", None)
        self.stories = StoryIndex(data)

    @property
    def pages(self) -> int:
        """Distinct pages (stories) counted for this site, over all runs of a JOBDIR."""
        return int(self.data["pages"])

    @property
    def learned(self) -> set[str]:
        return self.data["learned"]

    def observe(
        self, body: str, line_keys: dict[str, str | None] | None = None, nearly_kept: Sequence[str] = ()
    ) -> list[str] | None:
        """Count the short blocks of one page; return the blocks newly learned, or None when
        the page was not counted (no words, or a version of a story already counted).

        ``line_keys``, when given, receives each line's block key (None: not a candidate), for
        :meth:`clean` of the same body to reuse. ``nearly_kept``: texts of the page the
        extraction nearly kept in the body, counted as its lines are (a line the extractor drops
        on most of a site's pages is still seen there), but never read as the story's text."""
        keys: set[str] = {key for text in nearly_kept for line in _lines(text) if (key := self._candidate_key(line))}
        story_lines: list[str] = []
        for line in _lines(body):
            key = self._candidate_key(line)
            if line_keys is not None:
                line_keys[line] = key
            if key is not None:
                keys.add(key)
            if key is None or key not in self.learned:  # learned boilerplate tells no story
                story_lines.append(line)
        sentences = sentence_hashes(story_lines)
        if not sentences or self.stories.find(sentences) is not None:
            return None
        self.stories.add(self.pages, sentences)
        self.data["pages"] += 1
        counts: dict[str, int] = self.data["counts"]
        threshold = self.rules.threshold(self.pages)
        new: list[str] = []
        for key in keys:
            counts[key] = counts.get(key, 0) + 1
            if counts[key] >= threshold and key not in self.learned:
                self.learned.add(key)
                new.append(key)
        forget_rare(counts, MAX_TRACKED_BLOCKS, self.learned)
        return new

    def _candidate_key(self, line: str) -> str | None:
        return block_key(line) if self.rules.is_candidate(line) else None

    def is_boilerplate(self, line: str) -> bool:
        return self._candidate_key(line) in self.learned

    def clean(self, body: str, line_keys: dict[str, str | None] | None = None) -> tuple[str, int]:
        """``body`` without its learned boilerplate lines (paragraph breaks kept); lines removed.
        ``line_keys``: the block keys :meth:`observe` found for this body's lines (else computed)."""
        learned = self.learned
        if not learned:
            return body, 0
        kept: list[str] = []
        removed = 0
        for line in body.splitlines():
            stripped = line.strip()
            if not stripped:
                key = None
            elif line_keys is not None and stripped in line_keys:
                key = line_keys[stripped]
            else:
                key = self._candidate_key(stripped)
            if key is not None and key in learned:
                removed += 1
            else:
                kept.append(line)
        return (normalize_body("\n".join(kept)), removed) if removed else (body, 0)


class BoilerplateMemory:
    """All sites' :class:`SiteMemory`, keyed by :func:`site_key` (or a site entry's name, in a
    multi-site crawl), over one plain dict."""

    def __init__(self, data: dict[str, Any] | None = None, rules: LearningRules | None = None) -> None:
        self.data: dict[str, Any] = {} if data is None else data
        self.rules = rules or LearningRules()

    def site(self, url: str) -> SiteMemory:
        return self.site_by_key(site_key(url))

    def site_by_key(self, key: str) -> SiteMemory:
        """The memory of the site ``key`` (:func:`site_key` of a URL, or a site entry's name)."""
        return SiteMemory(self.data.setdefault(key, {}), self.rules)

    def learned_count(self) -> int:
        """Learned blocks over all sites."""
        return sum(len(site.get("learned", ())) for site in self.data.values())


# -- keeping a site's memory between crawls ------------------------------------------------------

#: Tags of the JSON encoding for the types JSON lacks (the memory is plain dicts of these).
_BYTES, _SET, _TUPLE, _PAIRS = "$b", "$set", "$tuple", "$pairs"


def _to_json(value: Any) -> Any:
    if isinstance(value, bytes):
        return {_BYTES: base64.b64encode(value).decode("ascii")}
    if isinstance(value, (set, frozenset)):
        return {_SET: sorted((_to_json(v) for v in value), key=json.dumps)}
    if isinstance(value, tuple):
        return {_TUPLE: [_to_json(v) for v in value]}
    if isinstance(value, dict):
        if all(isinstance(k, str) and not k.startswith("$") for k in value):
            return {k: _to_json(v) for k, v in value.items()}
        return {_PAIRS: [[_to_json(k), _to_json(v)] for k, v in value.items()]}  # bytes/int keys, in order
    if isinstance(value, list):
        return [_to_json(v) for v in value]
    if value is None or isinstance(value, (str, int, float)):
        return value
    raise TypeError(f"site memory holds a {type(value).__name__}, which cannot be kept between crawls")


def _from_json(value: Any) -> Any:
    if isinstance(value, list):
        return [_from_json(v) for v in value]
    if not isinstance(value, dict):
        return value
    if len(value) == 1:
        ((tag, inner),) = value.items()
        if tag == _BYTES:
            return base64.b64decode(inner)
        if tag == _SET:
            return {_hashable(_from_json(v)) for v in inner}
        if tag == _TUPLE:
            return tuple(_from_json(v) for v in inner)
        if tag == _PAIRS:
            return {_hashable(_from_json(k)): _from_json(v) for k, v in inner}
    return {k: _from_json(v) for k, v in value.items()}


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def encode_site(data: dict[str, Any]) -> bytes:
    """One site's memory (:class:`SiteMemory`'s ``data``) as compressed JSON."""
    return zlib.compress(json.dumps(_to_json(data), separators=(",", ":")).encode("utf-8"))


def decode_site(blob: bytes) -> dict[str, Any]:
    """The memory :func:`encode_site` encoded; ValueError when ``blob`` is not one."""
    try:
        data = _from_json(json.loads(zlib.decompress(blob)))
    except (zlib.error, UnicodeDecodeError, json.JSONDecodeError, TypeError, ValueError) as err:
        raise ValueError(f"not a kept site memory: {err}") from err
    if not isinstance(data, dict):
        raise ValueError("not a kept site memory: not a mapping")
    return data
