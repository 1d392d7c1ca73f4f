"""Metadata accuracy: newsspider vs trafilatura's own metadata, same pages, same run.

Usage::

    python benchmarks/metadata.py [--corpus demo|wcxb-dev|article-extraction|all] [--limit N] [--mismatches N]

Corpora: the demo site's ground truth (every article; title, authors, published to the minute
with offset, modified, section, tags) and the wcxb-dev article pages (title, author and
publish_date, by language model with review), split into tuning and validation parts by
:mod:`benchmarks.split` (judge on validation; read mismatches of tuning pages only); the
article-extraction news pages (several languages, 2019), scored on our own hand labels of their
title, authors, published (to the minute, with the offset the page states) and tags
(:data:`NEWS_LABELS`; made for this benchmark, see benchmarks/data/README.md), same split.

Scoring, the same for both extractors: ``title`` equal after entity and whitespace
normalisation; ``authors`` the same set of names (case, accents, punctuation and credentials
such as "PhD" ignored; no author = the empty set); ``published_day`` the same calendar day (no
date = None); ``published`` the same instant to the minute, with the same offset when the truth
has one, the same wall-clock minute when it has none (scored only where the truth has a time);
``modified``, ``section``, ``tags`` exact;
``tags_f1`` the mean F1 of the tag sets (case ignored; scored where the truth has tags).
On wcxb-dev, whose truth has days only, the date's precision is checked against the page itself:
how often ``published`` carries a time (an offset) where the page's markup writes an ISO time
(with an offset) on that day.
A field an extractor does not produce is ``n/a``.

The speed lines: the share of ``extract_page``'s time spent in the metadata step (the
extractor of :mod:`newsspider.extraction.metadata` and the language check), measured by
wrapping those two functions: during our scored run (``assume_article=True``, as the scores
are read), and in a second pass over the same article pages as a crawl calls it (the page
classified first; a page the classifier rejects gets no language check); then on the news corpus's
pages alone, whose smaller 2019 pages make the body cheaper and the step's share larger.
"""

from __future__ import annotations

import argparse
import gzip
import html as html_lib
import itertools
import json
import logging
import re
import sys
import time
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(_ROOT))

from benchmarks.split import TUNING, VALIDATION, corpus_folder, part_of  # noqa: E402
from newsspider.demo import GROUND_TRUTH_PATH, SITE_DIR  # noqa: E402
from newsspider.extraction import extract as extract_mod  # noqa: E402
from newsspider.extraction import extract_page  # noqa: E402
from newsspider.extraction.language import detect_language  # noqa: E402

BASE_URL = "http://demo.test"
OURS = "newsspider"
BASELINE = "trafilatura"
FIELDS = ("title", "authors", "published", "published_day", "modified", "section", "tags", "tags_f1")
WCXB_FIELDS = ("title", "authors", "published_day")
NEWS_FIELDS = ("title", "authors", "published_day", "published", "tags_f1")
#: Our labels of the article-extraction news pages (benchmarks/data/README.md says how they were made).
NEWS_LABELS = _ROOT / "benchmarks" / "data" / "article-extraction-metadata.json"
CORPORA = ("demo", "wcxb-dev", "article-extraction")

Fields = dict[str, Any]


@dataclass
class Case:
    """One scored page: where it comes from and what it should give."""

    page_id: str
    url: str
    html: bytes
    expected: Fields
    part: str  # "demo", "tuning" or "validation"


@dataclass
class Tally:
    """Correct answers of one extractor per field, and the differences it made."""

    correct: dict[str, float] = field(default_factory=dict)
    scored: dict[str, int] = field(default_factory=dict)
    produced: set[str] = field(default_factory=set)  # fields this extractor gives at all
    mismatches: list[tuple[str, str, Any, Any]] = field(default_factory=list)  # (page, field, got, want)

    def accuracy(self, name: str, pages: int | None = None) -> float | None:
        scored = self.scored.get(name, 0)
        if name not in self.produced or not scored:
            return None
        return self.correct.get(name, 0) / scored


# --------------------------------------------------------------------------- normalisation


_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"'})


def norm_text(value: Any) -> str | None:
    """Entities decoded (twice: double-escaped pages), typographic quotes folded (the ground
    truth spells them either way), whitespace collapsed, NFC."""
    if not isinstance(value, str):
        return None
    text = html_lib.unescape(html_lib.unescape(value)).translate(_QUOTES)
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return text or None


_CREDENTIAL = re.compile(
    r"^(?:ph\.?\s?d\.?|m\.?d\.?|m\.?s\.?|r\.?d\.?|r\.?n\.?|mba|cpa|cfa|jr\.?|sr\.?|esq\.?|(?-i:[A-Z][A-Z-]{1,5})(?:\s\d+)?)$",
    re.I,
)
_NAME_SPLIT = re.compile(r"\s*(?:,\s*and\s+|,|;|\band\b|&|\bund\b|\bet\b|\by\b)\s*", re.I)


def _name_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", html_lib.unescape(name))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", text).casefold().split())


def author_set(value: Any) -> frozenset[str]:
    """A set of comparable names from a list of names or one free-text author string."""
    if value is None:
        return frozenset()
    parts = value if isinstance(value, list) else _NAME_SPLIT.split(str(value))
    keys = set()
    for part in parts:
        part = " ".join(str(part).split()).strip(" .")
        if not part or _CREDENTIAL.fullmatch(part):
            continue
        key = _name_key(part)
        if key:
            keys.add(key)
    return frozenset(keys)


def tags_f1(got: Any, want: Any) -> float | None:
    """F1 of two tag lists, case ignored; None (not scored) when the truth has no tags."""
    expected = {str(t).casefold() for t in want or []}
    if not expected:
        return None
    have = {str(t).casefold() for t in got or []}
    hits = len(have & expected)
    return 2 * hits / (len(have) + len(expected)) if hits else 0.0


_ISO_TIME = re.compile(rb"(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?")


@dataclass
class DatePrecision:
    """Per part: pages whose markup writes an ISO time (with an offset) on our published day,
    and how many of ours carry a time (an offset) there."""

    counts: dict[str, list[int]] = field(default_factory=dict)  # part -> [timed pages, ours timed, offset pages, ours offset]

    def add(self, part: str, html: bytes, published: Any) -> None:
        if not isinstance(published, str) or not published:
            return
        day = published[:10].encode()
        found = [m for m in _ISO_TIME.finditer(html) if m.group(1) == day and m.group(2) != b"00:00"]
        if not found:
            return
        count = self.counts.setdefault(part, [0, 0, 0, 0])
        has_time = len(published) > 10 and published[11:16] != "00:00"
        count[0] += 1
        count[1] += has_time
        if any(m.group(3) for m in found):
            count[2] += 1
            count[3] += has_time and (published.endswith("Z") or published[-6] in "+-")

    def format(self, part: str) -> str:
        timed, ours_timed, offset, ours_offset = self.counts.get(part, [0, 0, 0, 0])
        return (
            f"published, {part} part: a time on {ours_timed}/{timed} pages whose markup writes one that day "
            f"({ours_timed / max(timed, 1):.1%}); an offset on {ours_offset}/{offset} where it writes one ({ours_offset / max(offset, 1):.1%})"
        )


def _parse(value: Any) -> datetime | None:
    if not isinstance(value, str) or not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _day(value: Any) -> str | None:
    return value[:10] if isinstance(value, str) and value else None


def same_minute(got: Any, want: Any) -> bool | None:
    """The same instant to the minute, with the same offset when ``want`` has one; when it has
    none (the page writes a time and no zone), the same wall-clock minute. None: not scored."""
    expected = _parse(want)
    if expected is None or len(str(want)) <= 10:
        return None  # the truth has no time
    have = _parse(got)
    if have is None or len(str(got)) <= 10:
        return False
    if expected.tzinfo is None:
        have = have.replace(tzinfo=None)
    elif have.tzinfo is None:
        return False
    return have.replace(second=0, microsecond=0) == expected.replace(second=0, microsecond=0)


def score(name: str, got: Fields, want: Fields) -> tuple[bool | None, Any, Any]:
    """(correct, comparable got, comparable want); correct is None when the field is not scored."""
    if name == "title":
        have, expected = norm_text(got.get("title")), norm_text(want.get("title"))
        return have == expected, have, expected
    if name == "authors":
        have, expected = author_set(got.get("authors")), author_set(want.get("authors"))
        return have == expected, sorted(have), sorted(expected)
    if name == "published_day":
        have, expected = _day(got.get("published")), _day(want.get("published"))
        return have == expected, have, expected
    if name == "published":
        return same_minute(got.get("published"), want.get("published")), got.get("published"), want.get("published")
    if name == "tags_f1":
        return tags_f1(got.get("tags"), want.get("tags")), list(got.get("tags") or []), list(want.get("tags") or [])
    value, expected = got.get(name), want.get(name)
    if name == "tags":
        value, expected = list(value or []), list(expected or [])
    else:
        value, expected = value or None, expected or None
    return value == expected, value, expected


# --------------------------------------------------------------------------- extractors


def ours(html: bytes, url: str) -> Fields:
    """newsspider's record fields (empty when the page yields none)."""
    result = extract_page(html, url, assume_article=True)
    return result.fields or {}


def trafilatura_metadata(html: bytes, url: str) -> Fields:
    """trafilatura's title, author(s), date, categories and tags in our field names."""
    from trafilatura import bare_extraction

    document = bare_extraction(html.decode("utf-8", "replace"), url=url, with_metadata=True)
    if document is None:
        return {}
    authors = [a.strip() for a in (document.author or "").split(";") if a.strip()]
    return {
        "title": document.title,
        "authors": authors,
        "published": document.date,
        "section": (document.categories or [None])[0],
        "tags": list(document.tags or []),
    }


#: The fields each extractor produces (the others are reported as n/a).
PRODUCES: dict[str, tuple[Callable[[bytes, str], Fields], frozenset[str]]] = {
    OURS: (ours, frozenset(FIELDS)),
    BASELINE: (trafilatura_metadata, frozenset({"title", "authors", "published", "published_day", "section", "tags", "tags_f1"})),
}


# --------------------------------------------------------------------------- corpora


def load_articles(truth_path: Path) -> dict[str, Fields]:
    data = json.loads(truth_path.read_text(encoding="utf-8"))
    return data["articles"]


def page_file(site: Path, path: str) -> Path:
    candidate = site / path.lstrip("/")
    return candidate / "index.html" if path.endswith("/") or candidate.is_dir() else candidate


def demo_cases(site: Path = SITE_DIR, truth_path: Path = GROUND_TRUTH_PATH) -> list[Case]:
    """Every article of the demo ground truth."""
    return [
        Case(path, BASE_URL + path, page_file(site, path).read_bytes(), expected, "demo")
        for path, expected in load_articles(truth_path).items()
    ]


def wcxb_cases(folder: Path | None = None, limit: int | None = None) -> list[Case]:
    """The article pages of wcxb-dev with their title, author and day, by split part."""
    folder = folder or corpus_folder("wcxb-dev")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(i for i, v in truth.items() if v.get("page_type", "article") == "article")[:limit]
    cases = []
    for page_id in ids:
        entry = truth[page_id]
        html = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
        expected = {"title": entry.get("title"), "authors": entry.get("author"), "published": entry.get("publish_date")}
        cases.append(Case(page_id, entry["url"], html, expected, part_of(entry["url"])))
    return cases


def news_labels(path: Path = NEWS_LABELS) -> dict[str, Fields]:
    """Our hand labels of the news pages' title, authors, published and tags, by page id ({} when absent)."""
    if not path.is_file():
        return {}
    return {entry["id"]: {name: entry.get(name) for name in ("title", "authors", "published", "tags")}
            for entry in json.loads(path.read_text(encoding="utf-8"))}


def news_cases(folder: Path | None = None, labels: Path = NEWS_LABELS) -> list[Case]:
    """The article-extraction news pages (many languages), with our hand labels as the truth
    (:data:`NEWS_LABELS`; without the file, no truth: the language check only)."""
    folder = folder or corpus_folder("article-extraction")
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    expected = news_labels(labels)
    return [
        Case(page_id, entry["url"], gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()),
             expected.get(page_id, {}), part_of(entry["url"]))
        for page_id, entry in sorted(truth.items())
    ]


def language_only(cases: Sequence[Case], languages: LanguageTally, timer: Timer, precision: DatePrecision | None = None) -> None:
    """Our extraction on ``cases`` for the language check (and the date's precision) alone."""
    for case in cases:
        got = timer.run(ours, case)
        languages.add(case.page_id, timer.declared, got)
        if precision is not None:
            precision.add(case.part, case.html, got.get("published"))


# --------------------------------------------------------------------------- running


#: Page sizes (bytes of HTML) where :func:`format_by_size` splits the timed pages.
SIZE_BOUNDS = (100_000, 200_000, 400_000)


@dataclass
class Timer:
    """Seconds spent in our whole extraction and in its metadata step (and the language the
    page declared, seen on the way: the record keeps only the language chosen)."""

    total: float = 0.0
    metadata: float = 0.0
    declared: str | None = None
    pages: list[tuple[int, float, float]] = field(default_factory=list)  # (HTML bytes, total, metadata) a page

    @property
    def share(self) -> float | None:
        """What the metadata step adds to extract_page without it (0.1 = +10%)."""
        rest = self.total - self.metadata
        return self.metadata / rest if rest > 0 else None

    def run(self, extract: Callable[[bytes, str], Fields], case: Case) -> Fields:
        """``extract(case.html, case.url)``, its time and its metadata step's counted."""
        metadata_before = self.metadata
        with timed_metadata(self):
            start = time.perf_counter()
            got = extract(case.html, case.url)
            spent = time.perf_counter() - start
        self.total += spent
        self.pages.append((len(case.html), spent, self.metadata - metadata_before))
        return got

    def by_size(self, bounds: Sequence[int] = SIZE_BOUNDS) -> list[tuple[str, int, Timer]]:
        """(label, pages, their Timer) for the pages in each HTML size range."""
        edges = [0, *bounds, None]
        out = []
        for low, high in itertools.pairwise(edges):
            part = Timer()
            for size, total, metadata in self.pages:
                if size >= low and (high is None or size < high):
                    part.total += total
                    part.metadata += metadata
                    part.pages.append((size, total, metadata))
            label = f"{low // 1000}-{high // 1000} KB" if high is not None else f">= {low // 1000} KB"
            out.append((label, len(part.pages), part))
        return out


#: The metadata step of extract_page: functions of newsspider.extraction.extract, timed by name.
METADATA_STEP = ("extract_metadata", "detect_language")


@contextmanager
def timed_metadata(timer: Timer) -> Iterator[None]:
    """Count the time spent in the metadata step's functions while inside the block."""
    originals = {name: getattr(extract_mod, name) for name in METADATA_STEP if hasattr(extract_mod, name)}

    def wrap(function: Callable[..., Any]) -> Callable[..., Any]:
        def timed(*args: Any, **kwargs: Any) -> Any:
            start = time.perf_counter()
            try:
                result = function(*args, **kwargs)
            finally:
                timer.metadata += time.perf_counter() - start
            if isinstance(result, dict):
                timer.declared = result.get("language")
            return result

        return timed

    for name, function in originals.items():
        setattr(extract_mod, name, wrap(function))
    try:
        yield
    finally:
        for name, function in originals.items():
            setattr(extract_mod, name, function)


@dataclass
class LanguageTally:
    """The detector (on our body) against the language the page declares."""

    checked: int = 0  # pages with a declaration and a body long enough to judge
    agree: int = 0
    missing: int = 0  # pages without a declaration (the detector's answer is kept)
    overridden: list[tuple[str, str, str | None]] = field(default_factory=list)  # (page, declared, kept)

    def add(self, page_id: str, declared: str | None, got: Fields) -> None:
        body = got.get("body") or ""
        detected, _ = detect_language(body, None)
        if detected is None or got.get("language_score") is None:
            return
        if declared is None:
            self.missing += 1
            return
        self.checked += 1
        self.agree += detected == declared
        if got.get("language") != declared:
            self.overridden.append((page_id, declared, got.get("language")))

    def format(self) -> str:
        share = self.agree / self.checked if self.checked else 0.0
        return (
            f"language: the detector agrees with the declared language on {self.agree}/{self.checked} pages "
            f"({share:.1%}); declaration overridden on {len(self.overridden)}, missing on {self.missing} (detector used)"
        )


def run_cases(
    cases: Sequence[Case], fields: Sequence[str], timer: Timer | None = None, languages: LanguageTally | None = None,
    precision: DatePrecision | None = None,
) -> dict[str, dict[str, Tally]]:
    """Tallies by part, then by extractor."""
    timer = timer if timer is not None else Timer()
    languages = languages if languages is not None else LanguageTally()
    if cases:  # warm-up: lazy imports and models
        for extract, _ in PRODUCES.values():
            extract(cases[0].html, cases[0].url)
    tallies: dict[str, dict[str, Tally]] = {}
    for case in cases:
        by_name = tallies.setdefault(
            case.part, {name: Tally(produced=set(produced) & set(fields)) for name, (_, produced) in PRODUCES.items()}
        )
        for name, (extract, _) in PRODUCES.items():
            if name == OURS:
                got = timer.run(extract, case)
                languages.add(case.page_id, timer.declared, got)
            else:
                got = extract(case.html, case.url)
            tally = by_name[name]
            for field_name in tally.produced:
                ok, have, want = score(field_name, got, case.expected)
                if ok is None:
                    continue
                tally.scored[field_name] = tally.scored.get(field_name, 0) + 1
                tally.correct[field_name] = tally.correct.get(field_name, 0) + float(ok)  # an F1 counts its share
                if ok is not True and ok < 1:
                    tally.mismatches.append((case.page_id, field_name, have, want))
            if name == OURS and precision is not None and case.part != "demo":
                precision.add(case.part, case.html, got.get("published"))
    return tallies


def run(site: Path = SITE_DIR, truth_path: Path = GROUND_TRUTH_PATH) -> tuple[dict[str, Tally], int]:
    """Demo tallies per extractor and the number of articles scored."""
    cases = demo_cases(site, truth_path)
    return run_cases(cases, FIELDS).get("demo", {}), len(cases)


def format_table(tallies: dict[str, Tally], pages: int, fields: Sequence[str] = FIELDS, label: str = "demo articles") -> str:
    """Accuracy per field: ours, the baseline, and the difference."""
    header = ["field", OURS, BASELINE, "Δ"]
    rows = [header]
    for name in fields:
        mine, theirs = tallies[OURS].accuracy(name), tallies[BASELINE].accuracy(name)
        delta = "n/a" if mine is None or theirs is None else f"{mine - theirs:+.3f}"
        rows.append([name, _fmt(mine), _fmt(theirs), delta])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("")
    lines.append(f"{pages} {label}; accuracy = share of scored pages where the field matches the ground truth")
    return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_mismatches(tally: Tally, n: int) -> str:
    """Our first ``n`` mismatches, grouped by field."""
    lines = [f"First {min(n, len(tally.mismatches))} of {len(tally.mismatches)} {OURS} mismatches, by field:"]
    shown = sorted(tally.mismatches[:n], key=lambda m: FIELDS.index(m[1]) if m[1] in FIELDS else 99)
    for page, name, have, want in shown:
        lines.append(f"  {name:<13} {page}: got {have!r}, want {want!r}")
    return "\n".join(lines)


def crawl_call_timer(cases: Sequence[Case]) -> Timer:
    """The metadata step's time inside ``extract_page(html, url)`` as a crawl calls it: the
    page classified first (the scored run assumes every page is an article)."""
    timer = Timer()
    for case in cases:
        timer.run(lambda html, url: extract_page(html, url).fields or {}, case)
    return timer


def format_by_size(timers: Sequence[Timer]) -> str:
    """The step's share on small and large pages: where the body is cheap to extract (small,
    plain pages), the step's mostly fixed cost weighs more."""
    pooled = Timer(pages=[page for timer in timers for page in timer.pages])
    parts = [f"{label}: {part.share:.1%} ({pages} pages)" for label, pages, part in pooled.by_size() if pages and part.share is not None]
    return "metadata step (assume_article=True) by the page's HTML size: " + ", ".join(parts)


def format_speed(timer: Timer, how: str = "") -> str:
    share = timer.share
    if share is None:
        return "metadata step: not measured"
    return (
        f"metadata step{how}: {timer.metadata:.1f} s of extract_page's {timer.total:.1f} s; "
        f"it adds {share:.1%} to extract_page without it"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="benchmarks/metadata.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", choices=(*CORPORA, "all"), default="all", help="which corpus to score (default: all)")
    parser.add_argument("--site", type=Path, default=SITE_DIR, help=f"demo site folder (default: {SITE_DIR})")
    parser.add_argument("--truth", type=Path, default=GROUND_TRUTH_PATH, help="demo ground truth JSON (default: the demo's)")
    parser.add_argument("--wcxb", type=Path, default=None, help="wcxb-dev folder (default: ../shared/bench or the bundled copy)")
    parser.add_argument("--limit", type=int, default=None, metavar="N", help="first N wcxb-dev article pages only")
    parser.add_argument("--mismatches", type=int, default=0, metavar="N",
                        help="list our first N mismatches (demo, and the tuning pages of wcxb-dev and the news labels only)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Print the accuracy tables; returns the process exit code."""
    args = build_parser().parse_args(argv)
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    timer, news_timer, languages = Timer(), Timer(), LanguageTally()
    out: list[str] = []
    timed_cases: list[Case] = []  # the article pages of the scored run, timed again as a crawl calls them
    if args.corpus in ("demo", "all"):
        if not args.truth.is_file() or not args.site.is_dir():
            print(f"error: ground truth or site not found: {args.truth}, {args.site} (build it: python -m newsspider.demo.build_site)", file=sys.stderr)
            return 2
        cases = demo_cases(args.site, args.truth)
        timed_cases += cases
        tallies = run_cases(cases, FIELDS, timer, languages).get("demo", {})
        out.append(format_table(tallies, len(cases)))
        if args.mismatches and tallies:
            out += ["", format_mismatches(tallies[OURS], args.mismatches)]
    if args.corpus in ("wcxb-dev", "all"):
        folder = args.wcxb or corpus_folder("wcxb-dev")
        if not (folder / "ground-truth.json").is_file():
            print(f"error: wcxb-dev not found: {folder}", file=sys.stderr)
            return 2
        cases = wcxb_cases(folder, args.limit)
        timed_cases += cases
        precision = DatePrecision()
        parts = run_cases(cases, WCXB_FIELDS, timer, languages, precision)
        for part in (TUNING, VALIDATION):
            if part in parts:
                pages = sum(1 for c in cases if c.part == part)
                out += ["", format_table(parts[part], pages, WCXB_FIELDS, f"wcxb-dev article pages, {part} part")]
        out += [""] + [precision.format(part) for part in (TUNING, VALIDATION) if part in parts]
        if args.mismatches and TUNING in parts:
            out += ["", format_mismatches(parts[TUNING][OURS], args.mismatches)]
            tuning = {c.page_id for c in cases if c.part == TUNING}
            out += [f"  language      {p}: declared {d!r}, kept {k!r}" for p, d, k in languages.overridden if p in tuning]
    if args.corpus in ("article-extraction", "all"):
        news, news_precision = LanguageTally(), DatePrecision()
        cases = news_cases()
        tuning = {c.page_id for c in cases if c.part == TUNING}
        if all(c.expected for c in cases):
            parts = run_cases(cases, NEWS_FIELDS, news_timer, news, news_precision)
            for part in (TUNING, VALIDATION):
                pages = sum(1 for c in cases if c.part == part)
                label = f"article-extraction news pages (our labels), {part} part"
                out += ["", format_table(parts[part], pages, NEWS_FIELDS, label)]
            if args.mismatches:
                out += ["", "article-extraction news, tuning part: " + format_mismatches(parts[TUNING][OURS], args.mismatches)]
        else:  # no labels: the language check and the date's precision only
            language_only(cases, news, news_timer, news_precision)
        out += ["", "article-extraction (news pages, many languages) " + news.format()]
        out += [news_precision.format(part) for part in (TUNING, VALIDATION)]
        if args.mismatches:
            out += [f"  language      {p}: declared {d!r}, kept {k!r}" for p, d, k in news.overridden if p in tuning]
    if timer.total:
        out += ["", languages.format(), format_speed(timer, " (assume_article=True)")]
        out.append(format_speed(crawl_call_timer(timed_cases), " (as a crawl calls it: classified first)"))
    if args.corpus in ("article-extraction", "all") and news_timer.total:
        # smaller 2019 pages: the body is cheaper to extract, so the step's share is larger there
        out.append(format_speed(news_timer, f" on the {len(cases)} news pages alone (assume_article=True)"))
    if timer.total or news_timer.total:
        out.append(format_by_size([timer, news_timer]))
    print("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
