"""Is-this-an-article benchmark: kept articles and rejected other pages, per part and page type.

Usage::

    python benchmarks/classify.py [FOLDER ...] [--no-old]

Each FOLDER (default: ``wcxb-dev`` and ``article-extraction`` in ``../shared/bench``, else the copies bundled in ``benchmarks/data``)
holds ``html/<id>.html.gz`` and ``ground-truth.json`` (``page_type``; pages without one are
articles). Every page goes through ``extract_page(html, url)`` with classification on; a page
is *kept* when it yields a record. Figures are given per part of :mod:`benchmarks.split`
(tuning: read and fitted; validation: never looked at page by page), beside the hand-written
rule the model replaced (``--no-old`` hides it). The share of extraction time spent in
classification is printed too: it must stay small.

The same pass (:func:`observe`) gives the training script its features, so the model is
trained on exactly what the extractor computes.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(_ROOT))

from benchmarks.split import BENCH_ROOT, PARTS, part_of  # noqa: E402
from newsspider.extraction import extract as extract_mod  # noqa: E402
from newsspider.extraction import jsonld  # noqa: E402
from newsspider.extraction.boilerplate import Block  # noqa: E402
from newsspider.extraction.page_features import ARTICLE_OG_TYPES, page_features  # noqa: E402
from newsspider.urlshape import path_segments, url_is_index_or_static, url_looks_like_article  # noqa: E402

DEFAULT_FOLDERS = (BENCH_ROOT / "wcxb-dev", BENCH_ROOT / "article-extraction")
ARTICLE = "article"
MUST_REJECT = ("listing", "collection", "product")  # the bar: >= 90% of these rejected


@dataclass(frozen=True)
class Page:
    """One benchmark page: its id, URL, HTML, page type and part of the split."""

    corpus: str
    id: str
    url: str
    html: str
    page_type: str
    part: str


@dataclass
class Observation:
    """What extraction did with one page: kept or not, the old rule's verdict, the features."""

    page: Page
    kept: bool
    old_kept: bool  # the old rule's verdict (an empty body is never kept)
    features: dict[str, float] | None  # None when extraction stopped before classification
    extract_s: float
    classify_s: float


def load_pages(folder: Path | str, parts: Sequence[str] = PARTS) -> list[Page]:
    """Pages of a benchmark folder (sorted by id) that fall in ``parts``."""
    folder = Path(folder)
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth):
        entry = truth[page_id]
        url = entry.get("url", "")
        part = part_of(url)
        if part not in parts:
            continue
        html = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes()).decode("utf-8", errors="replace")
        pages.append(Page(folder.name, page_id, url, html, entry.get("page_type") or ARTICLE, part))
    return pages


@contextmanager
def _recording(decide: bool) -> Iterator[dict[str, Any]]:
    """Wrap the extractor's classify call to record its inputs' features, old verdict and time.

    ``decide=False`` (training: there may be no model yet) records and stops the extraction.
    """
    record: dict[str, Any] = {}
    original = extract_mod.classify

    def recorder(graph: list[dict[str, Any]], og_type: str | None, url: str, blocks: Sequence[Block], **kw: Any) -> str | None:
        reason: str | None = "not_article"
        if decide:
            start = time.perf_counter()
            reason = original(graph, og_type, url, blocks, **kw)
            record["classify_s"] = time.perf_counter() - start
        start = time.perf_counter()
        record["features"] = page_features(graph, og_type, url, blocks, kw.get("tree"), kw.get("fields"))
        record["old_kept"] = old_rule(graph, og_type, url, blocks) is None
        record["overhead_s"] = time.perf_counter() - start  # the benchmark's own work, not timed
        return reason

    extract_mod.classify = recorder
    try:
        yield record
    finally:
        extract_mod.classify = original


def observe(pages: Sequence[Page], decide: bool = True) -> list[Observation]:
    """Run ``extract_page`` with classification on every page and record what happened."""
    observations = []
    with _recording(decide) as record:
        for page in pages:
            record.clear()
            start = time.perf_counter()
            result = extract_mod.extract_page(page.html, page.url)
            elapsed = time.perf_counter() - start - record.get("overhead_s", 0.0)
            observations.append(
                Observation(
                    page,
                    kept=result.fields is not None,
                    old_kept=bool(record.get("old_kept")) and result.skip_reason != "no_body",
                    features=record.get("features"),
                    extract_s=elapsed,
                    classify_s=record.get("classify_s", 0.0),
                )
            )
    return observations


# --- The hand-written rule the learned model replaced, for comparison only. ---------------

_OLD_MIN_WORDS, _OLD_MIN_PARAGRAPHS, _OLD_MAX_LINK_RATIO = 100, 2, 0.3
_OLD_STRONG_WORDS, _OLD_STRONG_PARAGRAPHS, _OLD_STRONG_LINK_RATIO = 250, 3, 0.15


def _old_has_slug(url: str) -> bool:
    segments = path_segments(url)
    if not segments:
        return False
    last = segments[-1]
    return len(segments) >= 2 or bool(re.search(r"\.(?:html?|php|aspx?|shtml)$", last, re.I)) or len(re.split(r"[-_]+", last)) >= 2


def old_rule(graph: list[dict[str, Any]], og_type: str | None, url: str, blocks: Sequence[Block]) -> str | None:
    """The markup-then-URL-then-text rule of newsspider before the model (None = article)."""
    words = link_words = paragraphs = 0.0
    for block in blocks:
        count = len(block.text.split())
        words += count
        link_words += count * block.link_ratio
        paragraphs += count >= 20 and block.link_ratio < 0.5
    link_ratio = link_words / words if words else 1.0
    prose = words >= _OLD_MIN_WORDS and paragraphs >= _OLD_MIN_PARAGRAPHS and link_ratio <= _OLD_MAX_LINK_RATIO
    strong = words >= _OLD_STRONG_WORDS and paragraphs >= _OLD_STRONG_PARAGRAPHS and link_ratio <= _OLD_STRONG_LINK_RATIO
    if jsonld.find_article(graph) is not None:
        return None
    og = (og_type or "").strip().lower()
    article_url = url_looks_like_article(url)
    if og in ARTICLE_OG_TYPES:
        return None if (prose or article_url) and not url_is_index_or_static(url) else "not_article"
    declared = set().union(*(jsonld.types_of(n) for n in graph)) if graph else set()
    if declared & jsonld.NON_ARTICLE_TYPES or url_is_index_or_static(url):
        return "not_article"
    if og:
        return None if article_url and strong else "not_article"
    return None if prose and article_url or strong and _old_has_slug(url) else "not_article"


# --- Report. ---------------------------------------------------------------------------------


def _rate(hits: int, total: int) -> str:
    return f"{100 * hits / total:5.1f}% ({hits}/{total})" if total else "      -"


def format_table(observations: Sequence[Observation], show_old: bool = True) -> str:
    """Per corpus and part: articles kept, other page types rejected, and the old rule's rates."""
    lines = []
    corpora = sorted({o.page.corpus for o in observations}, key=lambda c: c != "wcxb-dev")
    header = f"{'corpus':<20} {'part':<11} {'page type':<22}{'model':>17}" + (f" {'old rule':>17}" if show_old else "")
    lines += [header, "-" * len(header)]
    for corpus in corpora:
        for part in PARTS:
            group = [o for o in observations if o.page.corpus == corpus and o.page.part == part]
            types = sorted({o.page.page_type for o in group}, key=lambda t: (t != ARTICLE, t not in MUST_REJECT, t))
            rows: list[tuple[str, list[Observation]]] = [(t, [o for o in group if o.page.page_type == t]) for t in types]
            must = [o for o in group if o.page.page_type in MUST_REJECT]
            if must:
                rows.insert(1 + len([t for t in types if t in MUST_REJECT]), ("L+C+P", must))
            for page_type, members in rows:
                keep = page_type == ARTICLE
                label = f"{page_type} {'kept' if keep else 'rejected'}"
                new = sum(o.kept == keep for o in members)
                line = f"{corpus:<20} {part:<11} {label:<22}{_rate(new, len(members)):>17}"
                if show_old:
                    old = sum(o.old_kept == keep for o in members)
                    line += f" {_rate(old, len(members)):>17}"
                lines.append(line)
    extract_s = sum(o.extract_s for o in observations)
    classify_s = sum(o.classify_s for o in observations)
    lines.append("")
    lines.append(
        f"{len(observations)} pages, extraction {extract_s:.1f} s, of which classification {classify_s:.2f} s "
        f"({100 * classify_s / extract_s:.1f}%)" if extract_s else f"{len(observations)} pages"
    )
    return "\n".join(lines)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, default=list(DEFAULT_FOLDERS))
    parser.add_argument("--no-old", action="store_true", help="do not show the old rule's figures")
    parser.add_argument("--part", choices=PARTS, action="append", help="only this part (repeatable)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    observations: list[Observation] = []
    for folder in args.folders:
        if not (folder / "ground-truth.json").is_file():
            print(f"no benchmark at {folder}", file=sys.stderr)
            return 2
        observations += observe(load_pages(folder, args.part or PARTS))
    print(format_table(observations, show_old=not args.no_old))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
