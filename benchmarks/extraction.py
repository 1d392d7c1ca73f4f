"""Article-body extraction benchmark: newsspider vs trafilatura on the shared page set.

Usage::

    python benchmarks/extraction.py [FOLDER ...] [--limit N] [--worst N] [--repeat R] [--json PATH] [--full]

Each FOLDER (default: ``../shared/bench/article-extraction`` and ``../shared/bench/wcxb-dev``
from the repo root, those present; in a fresh clone without ``../shared``, the news corpus
bundled in ``benchmarks/data/article-extraction``) holds ``html/<id>.html.gz`` and ``ground-truth.json``; only
``page_type: article`` pages are scored. Figures are printed for the tuning part, the
validation part (:mod:`benchmarks.split`: pages nobody tuned on; the figure that counts) and
all pages, with what a user loses counted: pages *emptied* (ours empty where trafilatura's
is not) and *broken* (ours F1 < 0.5 where trafilatura's defaults get >= 0.8).
All pages are read and decompressed first;
the extractors then run interleaved page by page (rotating their order) after a warm-up, so
timing covers extraction only and noise is shared fairly. Scores use :mod:`benchmarks.metric`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
import sys
import textwrap
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(_ROOT))

from benchmarks.metric import PageScore, aggregate, score_page, unmatched_runs  # noqa: E402
from benchmarks.split import PARTS, corpus_folder, part_of  # noqa: E402

DEFAULT_FOLDER = corpus_folder("article-extraction")  # bundled in benchmarks/data when ../shared is absent
DEFAULT_FOLDERS = (DEFAULT_FOLDER, corpus_folder("wcxb-dev"))
BASELINE = "trafilatura-defaults"
BROKEN_F1, BASELINE_GOOD_F1 = 0.5, 0.8
OURS = "newsspider"

Extractor = Callable[[str, str], str | None]  # (html, url) -> body text


class BenchmarkError(Exception):
    """The benchmark cannot run (missing or malformed folder)."""


@dataclass(frozen=True)
class Page:
    """One benchmark page, decompressed in memory."""

    id: str
    url: str
    html: str
    truth: str
    part: str = "tuning"
    must_have: tuple[str, ...] = ()  # ``with`` snippets: sentences a good extraction contains
    must_not: tuple[str, ...] = ()  # ``without`` snippets: boilerplate a good extraction leaves out


@dataclass
class PageOutcome:
    """What one extractor produced on one page, and its score."""

    id: str
    url: str
    output: str | None
    score: PageScore
    error: str | None = None  # "ExceptionType: message" when the extractor raised
    skip_reason: str | None = None  # newsspider PageResult.skip_reason, if any


@dataclass
class Result:
    """Scores and speed of one extractor over the benchmark pages."""

    name: str
    f1: float
    precision: float
    recall: float
    accuracy: float
    pages: int
    empty: int  # outputs without any token, errors excluded
    errors: int
    seconds: float  # extraction time, best of the repeats
    pages_per_s: float
    outcomes: list[PageOutcome] = field(default_factory=list, repr=False)

    def summary(self) -> dict[str, Any]:
        """The result without per-page outcomes, for tables and JSON."""
        data = asdict(self)
        data.pop("outcomes")
        return data


# --------------------------------------------------------------------------- extractors


class _Skipped(Exception):
    """newsspider returned no record (a skip): scored as an empty output, not an error."""


def _newsspider_extractor(full: bool = False) -> Extractor:
    """``extract_page(html, url, assume_article=True).fields["body"]`` (``full``: with
    ``model_first=False``, every page through the full path); import errors re-raise per page."""
    try:
        from newsspider.extraction import extract_page
    except Exception as exc:  # the module is under development: count as per-page errors
        import_error = exc

        def failing(html: str, url: str) -> str | None:
            raise import_error

        return failing

    def extract(html: str, url: str) -> str | None:
        result = extract_page(html, url, assume_article=True, model_first=not full)
        if result.fields is None:
            raise _Skipped(result.skip_reason or "no reason given")
        return result.fields["body"]

    return extract


def _trafilatura_defaults(html: str, url: str) -> str | None:
    import trafilatura

    return trafilatura.extract(html, url=url)


def _trafilatura_fast(html: str, url: str) -> str | None:
    import trafilatura

    return trafilatura.extract(html, url=url, fast=True, include_comments=False)


def extractors(full: bool = False) -> dict[str, Extractor]:
    """The compared extractors, ours first (``full``: our full path, not the default)."""
    return {
        OURS: _newsspider_extractor(full),
        "trafilatura-defaults": _trafilatura_defaults,
        "trafilatura-fast": _trafilatura_fast,
    }


# --------------------------------------------------------------------------- running


def load_pages(folder: Path | str, limit: int | None = None) -> list[Page]:
    """Read ground truth and decompress the pages (sorted by id, first ``limit``)."""
    folder = Path(folder)
    truth_path = folder / "ground-truth.json"
    if not folder.is_dir():
        raise BenchmarkError(f"benchmark folder not found: {folder}")
    if not truth_path.is_file():
        raise BenchmarkError(f"no ground-truth.json in benchmark folder: {folder}")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    articles = sorted(i for i in truth if truth[i].get("page_type", "article") == "article")
    pages = []
    for page_id in articles[: limit if limit is not None else None]:
        html_path = folder / "html" / f"{page_id}.html.gz"
        html = gzip.decompress(html_path.read_bytes()).decode("utf-8", errors="replace")
        entry = truth[page_id]
        url = entry.get("url", "")
        pages.append(Page(page_id, url, html, entry.get("articleBody") or "", part_of(url),
                          _snippets(entry.get("with")), _snippets(entry.get("without"))))
    return pages


def _snippets(value: Any) -> tuple[str, ...]:
    """A ground truth's ``with``/``without`` list as non-blank strings (absent in some corpora)."""
    if not isinstance(value, list):
        return ()
    return tuple(v for v in value if isinstance(v, str) and v.strip())


def _call(extract: Extractor, page: Page) -> tuple[str | None, str | None, str | None]:
    """Run one extraction; return (output, error, skip_reason)."""
    try:
        return extract(page.html, page.url), None, None
    except _Skipped as skip:
        return None, None, str(skip)
    except Exception as exc:  # any failure is an error of that extractor on that page
        message = str(exc).strip()
        return None, f"{type(exc).__name__}: {message}" if message else type(exc).__name__, None


def run(
    folder: Path | str = DEFAULT_FOLDER,
    limit: int | None = None,
    *,
    repeat: int = 1,
    pages: Sequence[Page] | None = None,
    chosen: dict[str, Extractor] | None = None,
    scorer: Callable[[str | None, str | None], PageScore] = score_page,
) -> list[Result]:
    """Score every extractor on the same pages; timing is the best total of ``repeat`` runs.

    ``scorer``: (truth, output) -> score (``benchmarks/multilingual.py`` counts unspaced scripts by character).
    """
    if pages is None:
        pages = load_pages(folder, limit)
    chosen = chosen if chosen is not None else extractors()
    names = list(chosen)
    if pages:  # warm-up: imports, lazy initialisation, caches
        for name in names:
            _call(chosen[name], pages[0])
    outputs: dict[str, list[tuple[str | None, str | None, str | None]]] = {n: [] for n in names}
    best = {name: float("inf") for name in names}
    for rep in range(max(1, repeat)):
        totals = dict.fromkeys(names, 0.0)
        for i, page in enumerate(pages):
            shift = i % len(names)  # rotate the order so no extractor always goes first
            for name in names[shift:] + names[:shift]:
                start = time.perf_counter()
                outcome = _call(chosen[name], page)
                totals[name] += time.perf_counter() - start
                if rep == 0:
                    outputs[name].append(outcome)
        for name in names:
            best[name] = min(best[name], totals[name])
    results = []
    for name in names:
        outcomes = [
            PageOutcome(p.id, p.url, out, scorer(p.truth, out), err, skip)
            for p, (out, err, skip) in zip(pages, outputs[name])
        ]
        agg = aggregate(o.score for o in outcomes)
        errors = sum(o.error is not None for o in outcomes)
        seconds = best[name]
        results.append(
            Result(
                name=name,
                f1=agg.f1,
                precision=agg.precision,
                recall=agg.recall,
                accuracy=agg.accuracy,
                pages=agg.pages,
                empty=agg.empty - errors,
                errors=errors,
                seconds=seconds,
                pages_per_s=len(pages) / seconds if seconds > 0 else 0.0,
                outcomes=outcomes,
            )
        )
    return results


def subset(results: Sequence[Result], ids: set[str]) -> list[Result]:
    """The same results scored on the pages in ``ids`` only (timing kept from the whole run)."""
    out = []
    for r in results:
        outcomes = [o for o in r.outcomes if o.id in ids]
        agg = aggregate(o.score for o in outcomes)
        errors = sum(o.error is not None for o in outcomes)
        out.append(Result(r.name, agg.f1, agg.precision, agg.recall, agg.accuracy, agg.pages,
                          agg.empty - errors, errors, r.seconds, r.pages_per_s, outcomes))
    return out


def losses(results: Sequence[Result]) -> tuple[list[str], list[str]]:
    """Ids of pages ours *emptied* and *broke* compared with trafilatura's defaults."""
    ours = next((r for r in results if r.name == OURS), None)
    base = next((r for r in results if r.name == BASELINE), None)
    if ours is None or base is None:
        return [], []
    emptied, broken = [], []
    for mine, theirs in zip(ours.outcomes, base.outcomes):
        if mine.score.empty and not theirs.score.empty:
            emptied.append(mine.id)
        elif mine.score.f1 < BROKEN_F1 and theirs.score.f1 >= BASELINE_GOOD_F1:
            broken.append(mine.id)
    return emptied, broken


def _scored_row(results: Sequence[Result], ids: set[str]) -> str:
    """Pages, each extractor's F1 (P/R) on ``ids``, and the pages ours emptied and broke there."""
    scored = subset(results, ids)
    emptied, broken = losses(scored)
    cells = "  ".join(f"{r.f1:.3f} ({r.precision:.3f}/{r.recall:.3f})".rjust(22) for r in scored)
    return f"{len(ids):>5}  {cells}   {len(emptied):>7}  {len(broken):>6}"


def format_parts(results: Sequence[Result], pages: Sequence[Page]) -> str:
    """One line per extractor and part: F1 (P/R), plus pages emptied and broken by ours."""
    lines = [f"{'part':<11} {'pages':>5}  " + "  ".join(f"{r.name:>22}" for r in results) + "   emptied  broken"]
    for part in (*PARTS, "all"):
        ids = {p.id for p in pages if part == "all" or p.part == part}
        if not ids:
            continue
        lines.append(f"{part:<11} {_scored_row(results, ids)}")
    lines.append("F1 (precision/recall); emptied: ours empty, trafilatura's not; "
                 f"broken: ours F1 < {BROKEN_F1} where {BASELINE} >= {BASELINE_GOOD_F1}")
    return "\n".join(lines)


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def _contains(text: str, snippet: str) -> bool:
    """``snippet`` occurs in ``text`` as whole words (both normalised)."""
    return re.search(rf"(?<!\w){re.escape(snippet)}(?!\w)", text) is not None


def _boilerplate(page: Page) -> list[str]:
    """The page's known boilerplate strings, normalised; a "without" string that the true body
    itself contains cannot tell a leak: left out."""
    truth = _normal(page.truth)
    return [n for n in map(_normal, page.must_not) if n and not _contains(truth, n)]


def leaked_lines(page: Page, output: str | None) -> list[tuple[str, str | None]]:
    """Each known boilerplate string ``output`` leaks, with the output line that holds it (None
    when the string runs across lines)."""
    lines = [(line, _normal(line)) for line in (output or "").splitlines()]
    out = _normal(output or "")
    leaks = []
    for snippet in _boilerplate(page):
        if _contains(out, snippet):
            leaks.append((snippet, next((line for line, n in lines if _contains(n, snippet)), None)))
    return leaks


@dataclass
class SnippetCounts:
    """How many must-appear snippets an extractor kept and known boilerplate strings it leaked."""

    kept: int = 0
    must_have: int = 0
    leaked: int = 0
    must_not: int = 0
    leaking_pages: int = 0

    def add(self, page: Page, output: str | None) -> None:
        out = _normal(output or "")
        self.must_have += len(page.must_have)
        self.kept += sum(_normal(s) in out for s in page.must_have)
        boilerplate = _boilerplate(page)
        leaks = sum(_contains(out, n) for n in boilerplate)
        self.must_not += len(boilerplate)
        self.leaked += leaks
        self.leaking_pages += leaks > 0

    def cell(self) -> str:
        kept = f"{self.kept / self.must_have:.1%}" if self.must_have else "n/a"
        leaked = f"{self.leaked / self.must_not:.1%}" if self.must_not else "n/a"
        return f"{kept} / {leaked} ({self.leaking_pages}p)"


def format_snippets(results: Sequence[Result], pages: Sequence[Page]) -> str:
    """Per part: share of must-appear snippets kept and of known boilerplate strings leaked."""
    if not any(p.must_have or p.must_not for p in pages):
        return ""
    by_id = {p.id: p for p in pages}
    lines = [f"{'part':<11} {'pages':>5}  " + "  ".join(f"{r.name:>22}" for r in results)]
    for part in (*PARTS, "all"):
        ids = [p.id for p in pages if part == "all" or p.part == part]
        if not ids:
            continue
        cells = []
        for r in results:
            counts = SnippetCounts()
            for o in r.outcomes:
                if o.id in by_id and (part == "all" or by_id[o.id].part == part):
                    counts.add(by_id[o.id], o.output)
            cells.append(counts.cell().rjust(22))
        lines.append(f"{part:<11} {len(ids):>5}  " + "  ".join(cells))
    lines.append("must-appear snippets kept / known boilerplate strings leaked (pages leaking any); "
                 "a boilerplate string the true body contains is not counted")
    return "\n".join(lines)


def format_leaks(results: Sequence[Result], pages: Sequence[Page], width: int = 110) -> str:
    """Each known boilerplate string newsspider leaks on ``pages``, under its page, with the line
    of the output that holds it: what a precision fix has to remove (``--leaks``)."""
    ours = next((r for r in results if r.name == OURS), None)
    by_id = {p.id: p for p in pages}
    if ours is None or not any(p.must_not for p in pages):
        return ""
    lines, count = [], 0
    for outcome in ours.outcomes:
        page = by_id.get(outcome.id)
        leaks = leaked_lines(page, outcome.output) if page is not None else []
        if not leaks:
            continue
        count += len(leaks)
        lines.append(f"  {outcome.id[:12]}  {outcome.url}  F1={outcome.score.f1:.3f}")
        for snippet, line in leaks:
            held = _shorten(line, width) if line is not None else "(runs across lines)"
            lines.append(f"    {_shorten(snippet, 60)!r}\n      in: {held}")
    return "\n".join([f"Known boilerplate strings {OURS} leaked ({count}), with the output line holding each:", *lines])


def truth_language(page: Page) -> str:
    """The language of the page's true body (py3langid, the detector the record uses)."""
    from newsspider.extraction.language import SAMPLE_CHARS, load_model

    sample = " ".join(page.truth[:SAMPLE_CHARS].split())
    return load_model().classify(sample)[0] if sample else "?"


def format_languages(results: Sequence[Result], pages: Sequence[Page]) -> str:
    """Per part: F1 of each extractor on English pages and on the other languages, plus what ours lost there
    (printed when the corpus has pages in another language)."""
    language = {p.id: truth_language(p) for p in pages}
    others = Counter(lang for lang in language.values() if lang not in ("en", "?"))
    if not others:
        return ""
    lines = [f"{'part':<11} {'group':<6} {'pages':>5}  " + "  ".join(f"{r.name:>22}" for r in results)
             + "   emptied  broken"]
    for part in (*PARTS, "all"):
        for group in ("en", "other"):
            ids = {p.id for p in pages if (part == "all" or p.part == part) and language[p.id] != "?"
                   and (language[p.id] == "en") == (group == "en")}
            if not ids:
                continue
            lines.append(f"{part:<11} {group:<6} {_scored_row(results, ids)}")
    lines.append("language of the true body (py3langid; pages without one left out); other: " + ", ".join(
        f"{lang} {n}" for lang, n in others.most_common(12)) + (" …" if len(others) > 12 else ""))
    return "\n".join(lines)


# --------------------------------------------------------------------------- reporting


def speed_ratio(ours: Result, other: Result) -> float | None:
    """Our pages/s over ``other``'s; None when either is meaningless (all errors, no time)."""
    if ours.errors == ours.pages or other.errors == other.pages:
        return None
    if ours.pages_per_s <= 0 or other.pages_per_s <= 0:
        return None
    return ours.pages_per_s / other.pages_per_s


def format_table(results: Sequence[Result]) -> str:
    """One aligned table of all extractors, plus our speed ratio to each baseline."""
    ours = next((r for r in results if r.name == OURS), results[0])
    header = ["extractor", "F1", "precision", "recall", "accuracy", "empty", "errors", "pages/s", "speed ×"]
    rows = [header]
    for r in results:
        ratio = speed_ratio(ours, r)
        all_failed = r.errors == r.pages
        rows.append(
            [
                r.name,
                f"{r.f1:.3f}",
                f"{r.precision:.3f}",
                f"{r.recall:.3f}",
                f"{r.accuracy:.3f}",
                str(r.empty),
                str(r.errors),
                "n/a" if all_failed else f"{r.pages_per_s:.1f}",
                "n/a" if ratio is None else f"{ratio:.2f}",
            ]
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = [
        "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(row, widths)))
        for row in rows
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    pages = results[0].pages if results else 0
    lines.append("")
    lines.append(
        f"{pages} pages; P averaged over non-empty outputs, R over all pages; "
        "speed × = newsspider pages/s ÷ that row's pages/s"
    )
    for r in results:
        if r is ours:
            continue
        ratio = speed_ratio(ours, r)
        shown = "n/a (no successful extraction)" if ratio is None else f"{ratio:.2f}"
        lines.append(f"{ours.name} / {r.name} speed ratio: {shown}")
    for r in results:
        errors = Counter(o.error for o in r.outcomes if o.error)
        for message, count in errors.most_common(3):
            lines.append(f"{r.name}: {count} error(s): {_shorten(message, 150)}")
        skips = Counter(o.skip_reason for o in r.outcomes if o.skip_reason)
        for reason, count in skips.most_common(3):
            lines.append(f"{r.name}: {count} skipped page(s): {_shorten(reason, 150)}")
    return "\n".join(lines)


def _shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _diff_block(label: str, runs: list[str], max_lines: int = 3, width: int = 100) -> list[str]:
    """``runs`` joined by " … " and wrapped to at most ``max_lines`` lines."""
    if not runs:
        return [f"    {label}: (none)"]
    wrapped = textwrap.wrap(" … ".join(runs), width=width) or [""]
    if len(wrapped) > max_lines:
        wrapped = wrapped[:max_lines]
        wrapped[-1] += " […]"
    return [f"    {label}:"] + [f"      {line}" for line in wrapped]


def format_worst(results: Sequence[Result], pages: Sequence[Page], n: int) -> str:
    """The ``n`` pages where newsspider loses most F1 to the best other extractor, with diffs."""
    ours = next((r for r in results if r.name == OURS), None)
    if ours is None or n <= 0:
        return ""
    others = [r for r in results if r is not ours]
    by_id = {p.id: p for p in pages}
    lost = []
    for i, outcome in enumerate(ours.outcomes):
        best_other = max((r.outcomes[i].score.f1 for r in others), default=1.0)
        lost.append((best_other - outcome.score.f1, -outcome.score.f1, i))
    lost.sort(reverse=True)
    lines = [f"Worst {min(n, len(lost))} pages for {OURS} (F1 lost to the best baseline):"]
    for loss, _, i in lost[:n]:
        outcome = ours.outcomes[i]
        truth = by_id[outcome.id].truth
        s = outcome.score
        state = " [error]" if outcome.error else " [empty]" if s.empty else ""
        lines.append(
            f"  {outcome.id[:12]}  {outcome.url}\n"
            f"    P={s.precision:.3f} R={s.recall:.3f} F1={s.f1:.3f} (loss {loss:+.3f}){state}"
        )
        if outcome.error:
            lines.append(f"    error: {_shorten(outcome.error, 150)}")
        lines += _diff_block("missing", unmatched_runs(truth, outcome.output))
        lines += _diff_block("extra", unmatched_runs(outcome.output, truth))
    return "\n".join(lines)


def to_json(results: Sequence[Result]) -> dict[str, Any]:
    """Summaries plus per-page scores (no texts) of every extractor."""
    return {
        "results": [
            {
                **r.summary(),
                "per_page": [
                    {
                        "id": o.id,
                        "url": o.url,
                        "precision": o.score.precision,
                        "recall": o.score.recall,
                        "tp": o.score.tp,
                        "fp": o.score.fp,
                        "fn": o.score.fn,
                        "exact": o.score.exact,
                        "empty": o.score.empty,
                        "error": o.error,
                        "skip_reason": o.skip_reason,
                    }
                    for o in r.outcomes
                ],
            }
            for r in results
        ]
    }


# --------------------------------------------------------------------------- CLI


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be >= 1, got {value}")
    return number


def build_parser() -> argparse.ArgumentParser:
    """Arguments of the benchmark CLI (also used by ``newsspider bench``)."""
    parser = argparse.ArgumentParser(
        prog="newsspider bench",
        description="Score newsspider and trafilatura on the article-extraction benchmark pages.",
    )
    parser.add_argument("folders", nargs="*", type=Path, metavar="FOLDER",
                        help="benchmark folders (default: the dev corpora under ../shared/bench that are present, "
                             "else the news corpus bundled in benchmarks/data)")
    parser.add_argument("--limit", type=_positive_int, help="score only the first N pages (by id)")
    parser.add_argument("--worst", type=int, default=0, metavar="N",
                        help="list the N pages where newsspider loses most F1, with diffs")
    parser.add_argument("--leaks", action="store_true",
                        help="list each known boilerplate string newsspider leaks on tuning pages, with its output line")
    parser.add_argument("--repeat", type=_positive_int, default=1, metavar="R",
                        help="time R runs and keep the best (default 1)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write the results as JSON")
    parser.add_argument("--full", action="store_true",
                        help="newsspider's full path (extract_page(..., model_first=False): every page through "
                             "trafilatura, the rules and the full block model) in place of the default")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table; returns the process exit code."""
    args = build_parser().parse_args(argv)
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    logging.getLogger("htmldate").setLevel(logging.ERROR)
    folders = args.folders or [f for f in DEFAULT_FOLDERS if f.is_dir()] or [DEFAULT_FOLDER]
    report: dict[str, Any] = {}
    for folder in folders:
        try:
            pages = load_pages(folder, args.limit)
        except BenchmarkError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        if not pages:
            print(f"error: no pages in benchmark folder: {folder}", file=sys.stderr)
            return 2
        results = run(folder, repeat=args.repeat, pages=pages, chosen=extractors(args.full))
        print(f"== {folder.name} ({len(pages)} article pages)")
        print(format_table(results))
        print()
        print(format_parts(results, pages))
        for extra in (format_snippets(results, pages), format_languages(results, pages)):
            if extra:
                print()
                print(extra)
        tuning = [p for p in pages if p.part == PARTS[0]]  # validation pages are never read one by one
        if args.worst:
            print()
            print(format_worst(subset(results, {p.id for p in tuning}), tuning, args.worst))
        if args.leaks and (leaks := format_leaks(subset(results, {p.id for p in tuning}), tuning)):
            print()
            print(leaks)
        print()
        report[folder.name] = to_json(results)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        print(f"results written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
