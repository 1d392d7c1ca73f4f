"""Nested cross-validation of the is-this-an-article training procedure, folds by domain.

Usage::

    python benchmarks/classifier_cv.py [--losses 0.015,0.016,0.0175] [--seeds 12] [--l2 100] [--cache PATH]

What a new site's pages would get from ``benchmarks/train_classifier.py``: the tuning pages are
split 5 ways by registered domain (no site is both fitted and scored), ``--seeds`` times with
different fold hashes; on each outer training part the shipped procedure runs as is (5-fold CV
threshold at ``ARTICLE_LOSS``, final fit), and the held-out part is scored. Printed: the held-out
share of articles kept and of listing+collection+product pages rejected, per loss. Validation
pages are never read.

The fit is a numpy replica of :func:`benchmarks.train_classifier.fit` (same constants, same
sign constraints; ~100x faster than the pure-Python fit, equal up to float rounding), so
this needs the ``train`` extra. ``--cache`` keeps the extracted features (a pickle) for re-runs.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(_ROOT))

import numpy as np  # noqa: E402

from benchmarks import train_classifier as tc  # noqa: E402
from benchmarks.classify import ARTICLE, DEFAULT_FOLDERS, MUST_REJECT, load_pages, observe  # noqa: E402
from benchmarks.split import TUNING, registered_domain  # noqa: E402

Scorer = Callable[[np.ndarray], np.ndarray]


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, names: Sequence[str], l2: float) -> Scorer:
    """:func:`benchmarks.train_classifier.fit` with numpy: the log-odds of new rows."""
    mean = x.mean(0)
    scale = x.std(0)
    scale[scale == 0] = 1.0
    z = (x - mean) / scale
    total = w.sum()
    bias, coef = 0.0, np.zeros(x.shape[1])
    against = np.array([n in tc.AGAINST for n in names])
    for_ = np.array([n in tc.FOR for n in names])
    for _ in range(tc.ITERATIONS):
        error = w * (1.0 / (1.0 + np.exp(-np.clip(bias + z @ coef, -50, 50))) - y)
        bias -= tc.STEP * error.sum() / total
        coef = coef - tc.STEP * ((z.T @ error) / total + l2 * coef / total)
        coef[against] = np.minimum(coef[against], 0.0)
        coef[for_] = np.maximum(coef[for_], 0.0)
    return lambda rows: bias + ((rows - mean) / scale) @ coef


def folds_by_domain(urls: Sequence[str], seed: str) -> np.ndarray:
    return np.array([int.from_bytes(hashlib.sha256(f"{seed}:{registered_domain(u)}".encode()).digest()[:8], "big") % tc.FOLDS for u in urls])


def nested(
    urls: Sequence[str], types: Sequence[str], x: np.ndarray, names: Sequence[str], loss: float, seeds: int, l2: float
) -> tuple[float, float]:
    """Held-out (articles kept, listing+collection+product rejected) of the shipped procedure."""
    y = np.array([t == ARTICLE for t in types], int)
    w = np.array([tc.label_and_weight(t)[1] for t in types])
    must = np.isin(types, MUST_REJECT)
    kept: list[bool] = []
    rejected: list[bool] = []
    for seed in range(seeds):
        outer = folds_by_domain(urls, f"outer{seed}")
        for fold in range(tc.FOLDS):
            train = np.where(outer != fold)[0]
            held = outer == fold
            xt, yt, wt = x[train], y[train], w[train]
            inner = np.arange(len(train)) % tc.FOLDS  # train(): folds by position
            cv = np.zeros(len(train))
            for g in range(tc.FOLDS):
                part = inner != g
                cv[~part] = fit(xt[part], yt[part], wt[part], names, l2)(xt[~part])
            articles = np.sort(cv[yt == 1])
            threshold = articles[int(loss * len(articles))]
            scores = fit(xt, yt, wt, names, l2)(x[held])
            kept += list(scores[y[held] == 1] >= threshold)
            rejected += list(scores[must[held]] < threshold)
    return float(np.mean(kept)), float(np.mean(rejected))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--losses", default=str(tc.ARTICLE_LOSS), help="comma-separated ARTICLE_LOSS values")
    parser.add_argument("--seeds", type=int, default=12, help="outer fold assignments")
    parser.add_argument("--l2", type=float, default=tc.L2)
    parser.add_argument("--cache", type=Path, help="pickle of the tuning pages' features (written when absent)")
    args = parser.parse_args(argv)
    if args.cache and args.cache.is_file():
        rows = pickle.loads(args.cache.read_bytes())
    else:
        rows = [
            (o.page.corpus, o.page.id, o.page.url, o.page.page_type, o.features)
            for folder in DEFAULT_FOLDERS
            for o in observe(load_pages(folder, (TUNING,)), decide=False)
            if o.features is not None
        ]
        if args.cache:
            args.cache.write_bytes(pickle.dumps(rows))
    rows.sort(key=lambda r: (r[0], r[1]))  # train()'s order: its inner folds are by position
    names = sorted({n for r in rows for n in r[4]})
    x = np.array([[r[4].get(n, 0.0) for n in names] for r in rows], float)
    urls, types = [r[2] for r in rows], [r[3] for r in rows]
    for loss in (float(v) for v in args.losses.split(",")):
        kept, rejected = nested(urls, types, x, names, loss, args.seeds, args.l2)
        print(f"loss {loss:<7} L2 {args.l2:g}: held-out articles kept {100 * kept:.2f}%, listing+collection+product rejected {100 * rejected:.2f}%")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
