"""Metadata accuracy on the demo site: newsspider vs trafilatura's own metadata, same run.

Usage::

    python benchmarks/metadata.py [--site DIR] [--truth FILE] [--mismatches N]

For every article of the demo ground truth (default: the bundled ``newsspider/demo``), runs
``extract_page`` and ``trafilatura.bare_extraction(..., with_metadata=True)`` on the same
bytes and prints the share of pages where each field equals the ground truth exactly:
title, authors (list of names, in order), published (ISO 8601 with timezone), published day
(date part only: trafilatura's dates have no time), modified, section, tags. A field an
extractor does not produce is ``n/a``. ``--mismatches N`` lists our first N differences.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(_ROOT))

from newsspider.demo import GROUND_TRUTH_PATH, SITE_DIR  # noqa: E402
from newsspider.extraction import extract_page  # noqa: E402

BASE_URL = "http://demo.test"
OURS = "newsspider"
BASELINE = "trafilatura"
FIELDS = ("title", "authors", "published", "published_day", "modified", "section", "tags")

Fields = dict[str, Any]


@dataclass
class Tally:
    """Correct answers of one extractor per field, and the differences it made."""

    correct: dict[str, int] = field(default_factory=dict)
    produced: set[str] = field(default_factory=set)  # fields this extractor gives at all
    mismatches: list[tuple[str, str, Any, Any]] = field(default_factory=list)  # (path, field, got, want)

    def accuracy(self, name: str, pages: int) -> float | None:
        if name not in self.produced or not pages:
            return None
        return self.correct.get(name, 0) / pages


def _day(value: Any) -> str | None:
    return value[:10] if isinstance(value, str) and value else None


def _comparable(name: str, fields: Fields) -> Any:
    if name == "published_day":
        return _day(fields.get("published"))
    value = fields.get(name)
    if name in ("authors", "tags"):
        return list(value or [])
    return value or None


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
    BASELINE: (trafilatura_metadata, frozenset({"title", "authors", "published", "published_day", "section", "tags"})),
}


def load_articles(truth_path: Path) -> dict[str, Fields]:
    data = json.loads(truth_path.read_text(encoding="utf-8"))
    return data["articles"]


def page_file(site: Path, path: str) -> Path:
    candidate = site / path.lstrip("/")
    return candidate / "index.html" if path.endswith("/") or candidate.is_dir() else candidate


def run(site: Path = SITE_DIR, truth_path: Path = GROUND_TRUTH_PATH) -> tuple[dict[str, Tally], int]:
    """Tallies per extractor and the number of articles scored."""
    articles = load_articles(truth_path)
    tallies = {name: Tally(produced=set(produced)) for name, (_, produced) in PRODUCES.items()}
    for path, expected in articles.items():
        html = page_file(site, path).read_bytes()
        for name, (extract, produced) in PRODUCES.items():
            got = extract(html, BASE_URL + path)
            tally = tallies[name]
            for field_name in produced:
                have, want = _comparable(field_name, got), _comparable(field_name, expected)
                if have == want:
                    tally.correct[field_name] = tally.correct.get(field_name, 0) + 1
                else:
                    tally.mismatches.append((path, field_name, have, want))
    return tallies, len(articles)


def format_table(tallies: dict[str, Tally], pages: int) -> str:
    """Accuracy per field: ours, the baseline, and the difference."""
    header = ["field", OURS, BASELINE, "Δ"]
    rows = [header]
    for name in FIELDS:
        mine, theirs = tallies[OURS].accuracy(name, pages), tallies[BASELINE].accuracy(name, pages)
        delta = "n/a" if mine is None or theirs is None else f"{mine - theirs:+.3f}"
        rows.append([name, _fmt(mine), _fmt(theirs), delta])
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    lines.append("")
    lines.append(f"{pages} demo articles; accuracy = share of pages where the field equals the ground truth exactly")
    return "\n".join(lines)


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def format_mismatches(tally: Tally, n: int) -> str:
    lines = [f"First {min(n, len(tally.mismatches))} of {len(tally.mismatches)} {OURS} mismatches:"]
    for path, name, have, want in tally.mismatches[:n]:
        lines.append(f"  {path}  {name}: got {have!r}, want {want!r}")
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="benchmarks/metadata.py", description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=SITE_DIR, help=f"site folder (default: {SITE_DIR})")
    parser.add_argument("--truth", type=Path, default=GROUND_TRUTH_PATH, help="ground truth JSON (default: the demo's)")
    parser.add_argument("--mismatches", type=int, default=0, metavar="N", help="list our first N mismatches")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Print the accuracy table; returns the process exit code."""
    args = build_parser().parse_args(argv)
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    if not args.truth.is_file() or not args.site.is_dir():
        print(f"error: ground truth or site not found: {args.truth}, {args.site} (build it: python -m newsspider.demo.build_site)", file=sys.stderr)
        return 2
    tallies, pages = run(args.site, args.truth)
    print(format_table(tallies, pages))
    if args.mismatches:
        print()
        print(format_mismatches(tallies[OURS], args.mismatches))
    return 0


if __name__ == "__main__":
    sys.exit(main())
