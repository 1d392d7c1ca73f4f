"""Infer a site's article URL patterns from sample URLs known to be articles or not.

Pure functions, no Scrapy. A URL is cut into path segments and query parameters; URLs with the
same layout (number of segments, trailing slash, query keys) form a group, and each group gets
one regex: a segment without digits equal in every article stays literal, any other becomes the narrowest
shape covering all its values (``\\d{4}``, ``\\d+-[\\w-]+``, ``[\\w-]+\\.html``, ``[a-z]+`` ...).
Where a non-article URL still matches, the varying position of words (sections) that separates
it best is narrowed to the alternation of the values the articles have there. Each regex is
anchored at the URL's path and query (``^/…$``), which is how a site entry's patterns starting
with ``^/`` are matched (:mod:`newsspider.sites.patterns`): a host or a longer path never matches.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from newsspider.sites.patterns import PATH_ANCHOR, matching

__all__ = ["Inference", "PatternReport", "infer_article_patterns", "matching", "shape_of", "split_url", "url_kind"]

#: Segment shapes, narrowest first: the first one matching every value of a position is used.
SHAPES: tuple[str, ...] = (
    r"\d{4}", r"\d{2}", r"\d+", r"\d+-[\w-]+", r"[\w-]+-\d+", r"[a-z]+", r"[\w-]+", r"[\w.-]+", r"[^/?]+",
)
QUERY_SHAPES: tuple[str, ...] = (r"\d+", r"[\w-]+", r"[^&]+")
#: A position with more distinct article values than this is never narrowed to an alternation.
MAX_ALTERNATIVES = 12
#: Values that may be narrowed to an alternation, or that an outlier may be told by: names of
#: sections and kinds of page ("world", "us-news"), never numbers, ids or slugs.
WORD = re.compile(r"[A-Za-z_]+(?:-[A-Za-z_]+)?")
#: A word this share of a layout's article URLs have at one position is the layout's fixed word.
DOMINANT_SHARE = 0.9
_EXTENSION = re.compile(r"^(.+)\.([A-Za-z0-9]{1,5})$")


@dataclass(frozen=True)
class UrlParts:
    """A URL cut for pattern inference."""

    segments: tuple[str, ...]
    trailing_slash: bool
    query: tuple[tuple[str, str], ...]

    @property
    def layout(self) -> tuple[int, bool, tuple[str, ...]]:
        return len(self.segments), self.trailing_slash, tuple(k for k, _ in self.query)


def split_url(url: str) -> UrlParts:
    parts = urlsplit(url)
    segments = tuple(s for s in parts.path.split("/") if s)
    query = tuple(parse_qsl(parts.query, keep_blank_values=True))
    return UrlParts(segments, parts.path.endswith("/") and bool(segments), query)


def url_kind(url: str) -> tuple[str, int, bool, tuple[str, ...]]:
    """The URL's layout and its first path segment when that is a word: the pages of one kind
    (a section's articles ``/world/<slug>/``, tag pages ``/tag/<name>/``) share it."""
    parts = split_url(url)
    first = parts.segments[0] if parts.segments and WORD.fullmatch(parts.segments[0]) else ""
    return (first, *parts.layout)


def shape_of(values: Iterable[str], shapes: Sequence[str] = SHAPES) -> str:
    """The narrowest shape regex fully matching every value (file extensions kept literal)."""
    values = list(values)
    if len(set(values)) == 1 and not re.search(r"\d", values[0]):  # a fixed word; numbers vary (dates, ids)
        return re.escape(values[0])
    extensions = {m.group(2) if (m := _EXTENSION.match(v)) else None for v in values}
    if len(extensions) == 1 and None not in extensions and shapes is SHAPES:
        ext = extensions.pop()
        return shape_of([v[: -len(ext) - 1] for v in values], SHAPES[:-1]) + r"\." + re.escape(ext)
    for shape in shapes:
        if all(re.fullmatch(shape, v) for v in values):
            return shape
    return shapes[-1]


def _alternation(values: Iterable[str]) -> str:
    return "(?:" + "|".join(re.escape(v) for v in sorted(set(values))) + ")"


@dataclass
class _Group:
    """Article URLs of one layout and the regex parts that cover them."""

    urls: list[UrlParts]
    path: list[str] = field(default_factory=list)
    query: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        n_segments, _slash, keys = self.urls[0].layout
        self.path = [shape_of(u.segments[i] for u in self.urls) for i in range(n_segments)]
        self.query = [shape_of((u.query[i][1] for u in self.urls), QUERY_SHAPES) for i in range(len(keys))]

    def regex(self) -> str:
        _n, slash, keys = self.urls[0].layout
        text = PATH_ANCHOR + "/".join(self.path) + ("/" if slash else "")
        if keys:
            text += r"\?" + "&".join(f"{re.escape(k)}={v}" for k, v in zip(keys, self.query))
        return text + "$"

    def narrowings(self) -> list[tuple[str, int]]:
        """(path or query, position) of every shape of words that could be narrowed to an alternation."""
        out = []
        for kind, parts, values in (("path", self.path, lambda i: [u.segments[i] for u in self.urls]),
                                    ("query", self.query, lambda i: [u.query[i][1] for u in self.urls])):
            for i, part in enumerate(parts):
                distinct = set(values(i))
                if 1 < len(distinct) <= MAX_ALTERNATIVES and all(WORD.fullmatch(v) for v in distinct) and not part.startswith("(?:"):
                    out.append((kind, i))
        return out

    def narrowed(self, kind: str, i: int) -> _Group:
        copy = _Group(self.urls)
        copy.path, copy.query = list(self.path), list(self.query)
        if kind == "path":
            copy.path[i] = _alternation(u.segments[i] for u in self.urls)
        else:
            copy.query[i] = _alternation(u.query[i][1] for u in self.urls)
        return copy


@dataclass
class PatternReport:
    regex: str
    support: int  # sample article URLs it matches
    examples: list[str]


@dataclass
class Inference:
    """What :func:`infer_article_patterns` found, and how sure it is (on the sample)."""

    patterns: list[PatternReport]
    articles: int
    non_articles: int
    covered: int
    counter_examples: list[str]  # non-article URLs that a pattern still matches
    left_out: list[str]  # article URLs of layouts with too few examples to get a pattern

    @property
    def regexes(self) -> list[str]:
        return [p.regex for p in self.patterns]

    @property
    def coverage(self) -> float:
        return self.covered / self.articles if self.articles else 0.0

    @property
    def precision(self) -> float:
        matched_non = len(self.counter_examples)
        return self.covered / (self.covered + matched_non) if self.covered + matched_non else 0.0


def infer_article_patterns(articles: Iterable[str], non_articles: Iterable[str], *, min_support: int = 2) -> Inference:
    """The fewest regexes (one per URL layout) covering ``articles`` and matching no ``non_articles``.

    A layout with fewer than ``min_support`` article URLs (when there are more articles than
    that in all) gets no regex, nor does a URL whose section-like word fewer than ``min_support``
    URLs of its layout share: one odd URL is more likely a misclassified page than a shape.
    """
    articles = list(dict.fromkeys(articles))
    non_articles = [u for u in dict.fromkeys(non_articles) if u not in set(articles)]
    by_layout: dict[tuple[int, bool, tuple[str, ...]], list[tuple[str, UrlParts]]] = {}
    for url in articles:
        parts = split_url(url)
        by_layout.setdefault(parts.layout, []).append((url, parts))
    reports, left_out = [], []
    for members in sorted(by_layout.values(), key=len, reverse=True):
        members, rare = _without_rare_words(members, min_support)
        left_out += rare
        if len(members) < min_support and len(articles) > min_support:
            left_out += [u for u, _ in members]
            continue
        group = _narrow(_Group([p for _, p in members]), non_articles)
        reports.append(PatternReport(group.regex(), len(members), [u for u, _ in members[:2]]))
    regexes = [r.regex for r in reports]
    return Inference(
        patterns=reports, articles=len(articles), non_articles=len(non_articles),
        covered=len(matching(regexes, articles)), counter_examples=matching(regexes, non_articles), left_out=left_out,
    )


def _without_rare_words(members: list[tuple[str, UrlParts]], min_support: int) -> tuple[list[tuple[str, UrlParts]], list[str]]:
    """Set aside the URLs whose word at some path position (``gallery`` among ``news``) fewer than
    ``min_support`` of the layout's URLs share, where one word is that of :data:`DOMINANT_SHARE`
    of them: a page the sample took for an article by mistake must not widen ``news`` to ``[a-z]+``."""
    rare: list[str] = []
    for i in range(len(members[0][1].segments) if members else 0):
        values = [p.segments[i] for _, p in members]
        if not all(WORD.fullmatch(v) for v in values):
            continue
        counts = {v: values.count(v) for v in values}
        odd = {v for v, n in counts.items() if n < min_support}
        if odd and max(counts.values()) >= max(min_support, DOMINANT_SHARE * len(values)):
            rare += [u for u, p in members if p.segments[i] in odd]
            members = [(u, p) for u, p in members if p.segments[i] not in odd]
    return members, rare


def _narrow(group: _Group, non_articles: Sequence[str]) -> _Group:
    """Narrow shapes to alternations while that lets fewer non-article URLs match."""
    bad = matching([group.regex()], non_articles)
    while bad:
        options = [group.narrowed(kind, i) for kind, i in group.narrowings()]
        scored = [(len(matching([g.regex()], bad)), g) for g in options]
        if not scored:
            break
        best_count, best = min(scored, key=lambda s: s[0])
        if best_count >= len(bad):
            break
        group, bad = best, matching([best.regex()], bad)
    return group
