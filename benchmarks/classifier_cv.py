"""Nested cross-validation of the is-this-an-article training procedure, folds by domain.

Usage::

    python benchmarks/classifier_cv.py [--losses 0.015,0.016,0.0175] [--seeds 12] [--l2 100] [--cache PATH] [--misses N]

What a new site's pages would get from ``benchmarks/train_classifier.py``: the tuning pages are
split 5 ways by registered domain (no site is both fitted and scored), ``--seeds`` times with
different fold hashes; on each outer training part the shipped procedure runs as is (5-fold CV
threshold at ``ARTICLE_LOSS``, final fit), and the held-out part is scored. Printed: the held-out
share of articles kept and of listing+collection+product pages rejected, per loss. Validation
pages are never read.

The fit is a numpy replica of :func:`benchmarks.train_classifier.fit` (same constants, same
sign constraints; ~100x faster than the pure-Python fit, equal up to float rounding), so
this needs the ``train`` extra. ``--cache`` keeps the extracted features (a pickle) for re-runs.

``--misses N`` lists the N tuning pages most often on the wrong side held-out (articles rejected,
listing/collection/product pages kept) at the first loss: share of seeds wrong, mean margin to the
threshold, and the features that moved the score most (standardised value times weight), to read
those pages and see what separates them.

``--at 97.5,98,98.5`` also prints, per loss, the share of listing/collection/product pages rejected
when every held-out margin is shifted by one amount so that that share of articles is kept: a
point on the held-out curve, which compares two feature sets at the same kept rate (the rates at
one loss trade kept against rejected and move by about a point between runs of the same model).
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):  # run as a script: make the repo importable
    sys.path.insert(0, str(_ROOT))

import numpy as np  # noqa: E402

from benchmarks import train_classifier as tc  # noqa: E402
from benchmarks.classify import ARTICLE, DEFAULT_FOLDERS, MUST_REJECT, load_pages, observe  # noqa: E402
from benchmarks.split import TUNING, registered_domain  # noqa: E402


@dataclass(frozen=True)
class Linear:
    """A fitted regression: ``self(rows)`` is the log-odds, ``contributions(rows)`` its terms."""

    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    bias: float

    def contributions(self, rows: np.ndarray) -> np.ndarray:
        return (rows - self.mean) / self.scale * self.coef

    def __call__(self, rows: np.ndarray) -> np.ndarray:
        return self.bias + self.contributions(rows).sum(1)


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, names: Sequence[str], l2: float) -> Linear:
    """:func:`benchmarks.train_classifier.fit` with numpy."""
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
    return Linear(mean, scale, coef, bias)


def folds_by_domain(urls: Sequence[str], seed: str) -> np.ndarray:
    return np.array([int.from_bytes(hashlib.sha256(f"{seed}:{registered_domain(u)}".encode()).digest()[:8], "big") % tc.FOLDS for u in urls])


def held_out(
    urls: Sequence[str], types: Sequence[str], x: np.ndarray, names: Sequence[str], loss: float, seeds: int, l2: float
) -> tuple[np.ndarray, np.ndarray]:
    """Every page's held-out margin (score minus threshold) and score terms, per seed of the outer folds."""
    y = np.array([t == ARTICLE for t in types], int)
    w = np.array([tc.label_and_weight(t)[1] for t in types])
    margins = np.zeros((seeds, len(types)))
    terms = np.zeros((seeds, *x.shape))
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
            model = fit(xt, yt, wt, names, l2)
            margins[seed, held] = model(x[held]) - threshold
            terms[seed, held] = model.contributions(x[held])
    return margins, terms


def wrong(types: Sequence[str], margins: np.ndarray) -> np.ndarray:
    """Per seed and page: an article below the threshold or a listing/collection/product page at or above it."""
    article = np.array([t == ARTICLE for t in types])
    return np.where(article, margins < 0, np.isin(types, MUST_REJECT) & (margins >= 0))


def rates(types: Sequence[str], margins: np.ndarray) -> tuple[float, float]:
    """Held-out (articles kept, listing+collection+product rejected), over all seeds."""
    miss = wrong(types, margins)
    article = np.array([t == ARTICLE for t in types])
    return 1.0 - float(miss[:, article].mean()), 1.0 - float(miss[:, np.isin(types, MUST_REJECT)].mean())


def rejected_at(types: Sequence[str], margins: np.ndarray, kept: float) -> float:
    """Share of listing/collection/product margins (all seeds) below the one shift of the
    threshold that keeps ``kept`` of the article margins."""
    article = np.array([t == ARTICLE for t in types])
    shift = np.quantile(margins[:, article], 1.0 - kept)
    return float((margins[:, np.isin(types, MUST_REJECT)] < shift).mean())


def misses(rows: Sequence[tuple], names: Sequence[str], margins: np.ndarray, terms: np.ndarray, limit: int) -> list[str]:
    """Lines for the ``limit`` pages most often wrong held-out, with their largest score terms."""
    share = wrong([r[3] for r in rows], margins).mean(0)
    lines = []
    for i in np.argsort(-share, kind="stable")[:limit]:
        if share[i] == 0:
            break
        mean_terms = terms[:, i].mean(0)
        top = np.argsort(-np.abs(mean_terms), kind="stable")[:6]
        lines.append(f"{rows[i][3]:<10} wrong {share[i]:.2f} margin {margins[:, i].mean():+.2f} {rows[i][0]}/{rows[i][1]} {rows[i][2]}")
        lines.append("    " + " ".join(f"{names[j]}={rows[i][4].get(names[j], 0.0):.3g}({mean_terms[j]:+.2f})" for j in top))
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--losses", default=str(tc.ARTICLE_LOSS), help="comma-separated ARTICLE_LOSS values")
    parser.add_argument("--seeds", type=int, default=12, help="outer fold assignments")
    parser.add_argument("--l2", type=float, default=tc.L2)
    parser.add_argument("--cache", type=Path, help="pickle of the tuning pages' features (written when absent)")
    parser.add_argument("--misses", type=int, default=0, help="list this many pages most often wrong held-out")
    parser.add_argument("--at", default="", help="comma-separated %% of articles kept: L+C+P rejected there (the curve)")
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
    for n, loss in enumerate(float(v) for v in args.losses.split(",")):
        margins, terms = held_out(urls, types, x, names, loss, args.seeds, args.l2)
        kept, rejected = rates(types, margins)
        print(f"loss {loss:<7} L2 {args.l2:g}: held-out articles kept {100 * kept:.2f}%, listing+collection+product rejected {100 * rejected:.2f}%")
        for at in (float(v) for v in args.at.split(",") if v):
            print(f"    at {at:g}% kept: listing+collection+product rejected {100 * rejected_at(types, margins, at / 100):.2f}%")
        if n == 0 and args.misses:
            print("\n".join(misses(rows, names, margins, terms, args.misses)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
