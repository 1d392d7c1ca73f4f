"""Evaluate the model-first extraction path on the *tuning* pages; pick its fallback thresholds.

Usage::

    python benchmarks/model_first.py [--grid] [--model PATH --half K]
    python benchmarks/model_first.py --validation [--grid]
    python benchmarks/model_first.py --benchmark [--max-unsure X | --gate-threshold T] [-- EXTRACTION_ARGS ...]

Per tuning page (the pages :mod:`benchmarks.train_blocks` trains on; validation pages are never
read here): the default :func:`~newsspider.extraction.extract_page` body, the model-first body
(block model without trafilatura's features, :func:`~newsspider.extraction.extract.model_first_body`)
and its :class:`~newsspider.extraction.extract.Confidence`, with wall time of both. Prints F1 of
each, and of the combination "model-first when :func:`confident`, else the full path" with
the share of pages that fall back, estimated CPU ms a page and speed against trafilatura's
defaults (CPU seconds); ``--grid`` tries other thresholds; ``--validation`` prints the same
aggregates for the validation pages (report them, never pick a threshold on them).
The fallback decision is the learned gate (:mod:`newsspider.extraction.gate`) unless
``--max-unsure`` asks for the unsure-share rule. ``--benchmark`` runs
``benchmarks/extraction.py`` (tuning and validation F1, broken pages, speed ratio) with
``extract_page(..., model_first=True)``, the default since 2026-12-05 (so ``--benchmark`` is
``extraction.py`` with this script's fallback options; ``extraction.py --full`` measures the full
path). Toward issue 10 (speed bar).

Results (2026-12-02, ``benchmarks/extraction.py`` figures: validation F1 news / wcxb-dev,
broken pages on validation, speed ratio vs trafilatura defaults news / wcxb-dev):

- default path: 0.973 / 0.940, broken 0 / 2, speed 0.74 / 0.58
- model-first, unsure <= 0.1 (two runs): 0.972 / 0.941, broken 0 / 1, speed 1.11-1.12 / 0.81
- model-first, unsure <= 0.2 (two runs): 0.972 / 0.941, broken 0 / 1, speed 1.20-1.29 / 0.93-0.94
- model-first, unsure <= 0.3: 0.964 / 0.941, broken 1 / 1, speed 1.26 / 1.05
- model-first alone (unsure <= 1.0, only bodies under 200 chars fall back): 0.960 / 0.936,
  broken 1 / 1, speed 1.45 / 1.26

No variant met the bar on both corpora (F1 not lower, broken not higher, speed >= 1.0). On
wcxb-dev the model-first body alone costs ~42 CPU ms a page (parse + metadata ~14, segment
~8, features ~12, trees ~4, cleaning ~5) against trafilatura defaults' ~49, and a fallback
~67 ms (trafilatura ~32, rules ~9, full model ~26): at most ~10-20% of pages may fall back.

Again after the two-stage default model and with a fallback that reuses the page's blocks and
trafilatura-free features (2026-12-02, loaded machine; docs/benchmarks.md has the per-threshold
CPU estimates): default path 0.976 / 0.942, broken 0 / 1, speed 0.64 / 0.56; model-first at 0.1:
0.974 / 0.943, broken 0 / 1, speed 1.07 / 0.80; at 0.2: 0.974 / 0.943, broken 0 / 1, speed
1.04 / 0.91. Still no variant meets both bars (news validation F1 0.975).

With the default model's second stage on the model-first model (``train_blocks.py
--no-trafilatura --two-stage``; 2026-12-02, after the container threshold, loaded machine): at
0.1, 0.961 / 0.941, broken 1 / 0, speed 1.02 / 0.84 (doubt by the first stage, ``--unsure-stage
1``: 0.977 / 0.933, broken 0 / 2, 0.98 / 0.80; at 0.05, final doubt: 0.978 / 0.945, 0.86 / 0.68)
against the committed one-stage model at 0.1: 0.981 / 0.947, broken 0 / 1, 0.98 / 0.79. Not
taken; the bar (0.980 / 0.951, speed >= 1.0) is not met by any (docs/benchmarks.md).

After the shared speed-ups of the "regex pre-checks" round (same outputs on every page of both
corpora; docs/benchmarks.md), 150 wcxb-dev tuning pages, loaded machine: the model-first path's
``extract_page`` 68.5 -> 64.6 CPU ms a page (block features 10.7 -> 8.8, cleaning 4.4 -> 2.3,
trees 4.7 -> 3.5, classify 7.9 -> 7.2); same-run speed ratio at 0.1 (news, first 300 wcxb-dev
article pages) 1.14 / 0.92 before, 1.20 / 1.00 after.

The "required words" round (2026-12-03, same outputs; docs/benchmarks.md): the boilerplate-start
test 12.4 -> 8.9 us a line (part of block features, which both paths compute), byline candidates
2.15 -> 1.81 ms a page (metadata): ~1 ms a page, below the speed ratio's noise.

The learned gate (2026-12-03, ``benchmarks/train_gate.py``; docs/benchmarks.md): validation
news 0.980 / wcxb-dev 0.947, broken 0 / 1, speed 1.06 / 1.02 (unsure <= 0.2 in the same period:
0.979 / 0.946, 1.26 / 1.07; default path 0.982 / 0.950, 0.68 / 0.61): the unsure rule's F1 at
0.1 with half its fallbacks, the same as at 0.2 within noise; the bar is still not met.
"""

from __future__ import annotations

import argparse
import functools
import itertools
import logging
import sys
import time
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):
    sys.path.insert(0, str(_ROOT))

from benchmarks.extraction import _trafilatura_defaults  # noqa: E402
from benchmarks.metric import aggregate, score_page  # noqa: E402
from benchmarks.split import TUNING, VALIDATION  # noqa: E402
from benchmarks.train_blocks import tuning_pages  # noqa: E402
from newsspider.extraction import blockmodel, gate  # noqa: E402
from newsspider.extraction import extract as ex  # noqa: E402

BROKEN_F1, GOOD_F1 = 0.5, 0.8


def measure(half: int | None = None, part: str = TUNING) -> list[dict]:
    """Per page of ``part``: scores of the default and model-first bodies, the confidence, and
    the CPU seconds (``time.process_time``) of the full path, of the model-first body and of
    trafilatura's defaults (the speed bar's reference)."""
    rows = []
    pages = tuning_pages(part=part)
    _, url, html, _ = pages[0]  # warm-up: models loaded, caches filled, outside the timing
    ex.extract_page(html, url, assume_article=True, model_first=True)
    ex.extract_page(html, url, assume_article=True, model_first=False)
    _trafilatura_defaults(html, url)
    for key, url, html, truth in pages if half is None else pages[1 - half::2]:
        start = time.process_time()
        full = ex.extract_page(html, url, assume_article=True, model_first=False)
        full_s = time.process_time() - start
        start = time.process_time()
        inputs = ex.page_inputs(html, url)
        if isinstance(inputs, str):
            continue
        body, conf = ex.model_first_body(inputs)
        mf_s = time.process_time() - start
        start = time.process_time()
        _trafilatura_defaults(html, url)
        traf_s = time.process_time() - start
        full_text = full.fields["body"] if full.fields else ""
        rows.append({"key": key, "full": score_page(truth, full_text), "mf": score_page(truth, body.text),
                     "conf": conf, "full_s": full_s, "mf_s": mf_s, "traf_s": traf_s})
    return rows


def combine(rows: list[dict], accept) -> tuple[dict[str, tuple[float, int, int, float, float]], float]:
    """Per corpus: (F1, broken-vs-full, fallbacks, est. CPU ms a page, est. speed ratio to
    trafilatura's defaults); overall fallback share."""
    out = {}
    fallbacks_total = 0
    for corpus in sorted({r["key"].split("/")[0] for r in rows}):
        part = [r for r in rows if r["key"].startswith(corpus + "/")]
        scores, broken, fallbacks, seconds = [], 0, 0, 0.0
        for r in part:
            keep = accept(r["conf"])
            score = r["mf"] if keep else r["full"]
            fallbacks += not keep
            seconds += r["mf_s"] + (0 if keep else r["full_s"])
            broken += score.f1 < BROKEN_F1 and r["full"].f1 >= GOOD_F1
            scores.append(score)
        traf = sum(r["traf_s"] for r in part)
        out[corpus] = (aggregate(scores).f1, broken, fallbacks, seconds / len(part) * 1000, traf / seconds)
        fallbacks_total += fallbacks
    return out, fallbacks_total / len(rows)


def report(label: str, rows: list[dict], accept) -> None:
    figures, share = combine(rows, accept)
    cells = "  ".join(f"{c}: F1 {f1:.4f} broken {b} fallback {n} ~{ms:.1f} ms/page speed ~{x:.2f}"
                      for c, (f1, b, n, ms, x) in figures.items())
    print(f"{label:<34} {cells}  (fallback {share:.0%})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--grid", action="store_true", help="try other fallback thresholds")
    parser.add_argument("--model", type=Path, help="model-first block model (default: the packaged one)")
    parser.add_argument("--half", type=int, choices=(0, 1),
                        help="the model was trained with train_blocks.py --half K: score the other half only")
    parser.add_argument("--validation", action="store_true",
                        help="measure the validation pages (aggregates only: never pick a threshold on them)")
    parser.add_argument("--benchmark", action="store_true",
                        help="run benchmarks/extraction.py with the model-first path and these fallback options (args after --)")
    parser.add_argument("--max-unsure", type=float,
                        help=f"fall back by the unsure share above this (default {ex.MAX_UNSURE}) instead of the gate")
    parser.add_argument("--unsure-stage", type=int, choices=(1, 2),
                        help=f"the stage whose probabilities measure the doubt (default {ex.UNSURE_STAGE})")
    parser.add_argument("--gate-threshold", type=float, help="the gate's threshold (default: the gate file's)")
    parser.add_argument("rest", nargs="*", help="benchmarks/extraction.py arguments (with --benchmark)")
    args = parser.parse_args(argv)
    if args.model:
        blockmodel.NO_TRAFILATURA_PATH = args.model
    if args.max_unsure is not None:
        ex.MAX_UNSURE, ex.USE_GATE = args.max_unsure, False
    if args.unsure_stage is not None:
        ex.UNSURE_STAGE = args.unsure_stage
    if args.gate_threshold is not None:
        gate.load().threshold = args.gate_threshold
    if args.benchmark:
        import newsspider.extraction
        from benchmarks import extraction

        # the benchmark imports extract_page from the package at call time
        newsspider.extraction.extract_page = functools.partial(ex.extract_page, model_first=True)
        return extraction.main(args.rest)
    logging.disable(logging.WARNING)
    rows = measure(args.half, VALIDATION if args.validation else TUNING)
    print(f"{len(rows)} {'validation' if args.validation else 'tuning'} pages")
    report("full path (always fall back)", rows, lambda c: False)
    report("model-first alone (never)", rows, lambda c: True)
    report(f"confident() {ex.MIN_CHARS}/{ex.MAX_UNSURE}", rows, lambda c: c.chars >= ex.MIN_CHARS and c.unsure <= ex.MAX_UNSURE)
    report(f"gate <= {gate.load().threshold:.3f}", rows, lambda c: c.chars >= ex.MIN_CHARS and c.doubt <= gate.load().threshold)
    if args.grid:
        for chars, unsure in itertools.product((0, 200, 400), (0.05, 0.08, 0.1, 0.12, 0.15, 0.2, 0.3)):
            report(f"chars>={chars} unsure<={unsure}", rows,
                   lambda c, a=chars, u=unsure: c.chars >= a and c.unsure <= u)
        for doubt in (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5):
            report(f"chars>={ex.MIN_CHARS} gate<={doubt}", rows,
                   lambda c, d=doubt: c.chars >= ex.MIN_CHARS and c.doubt <= d)
    return 0


if __name__ == "__main__":
    sys.exit(main())
