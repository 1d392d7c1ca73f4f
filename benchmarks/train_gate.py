"""Train the model-first path's fallback gate on the tuning pages; write newsspider/extraction/models/gate.json.

Usage::

    pip install -e '.[train]'
    python benchmarks/train_gate.py [--frontier] [--cache PATH] [--out PATH] [--check]

The gate (:mod:`newsspider.extraction.gate`) decides from cheap signals of a page whether the
model-first body (block model without trafilatura's features) is worse than the full path's.
Its training pages are the *tuning* pages of both dev corpora (validation pages are never read).
The model-first model scores its own training pages too well (few unsure blocks), so each page's
model-first body comes from a block model fitted on the other 4 of 5 site folds
(:func:`benchmarks.train_blocks.out_of_fold`, the ``--no-trafilatura`` first stage): the kind of
body the committed model gives on a site it never saw. The full path's body is the packaged
one (its block model was trained on these pages: its F1 here is optimistic, so the target
errs toward falling back). Target: the model-first F1 is lower than the default's by more than
:data:`DELTA`. The gate's threshold is picked on the same site folds' out-of-fold gate
probabilities (:func:`pick_threshold`: the share of pages the speed bar lets fall back); ``--frontier`` prints fallback share against F1 for the
gate and for the old unsure-share rule on the same out-of-fold bodies; ``--losses`` groups the
pages where the model-first body loses into classes (:func:`loss_class`) with how many of each
the gate sends to the full path.
"""

from __future__ import annotations

import argparse
import json
import logging
import pickle
import sys
from pathlib import Path
from typing import Any

_ROOT = Path(__file__).resolve().parents[1]
if __package__ in (None, ""):
    sys.path.insert(0, str(_ROOT))

from benchmarks.metric import aggregate, score_page  # noqa: E402
from benchmarks.modelfile import check_or_write, environment  # noqa: E402
from benchmarks.train_blocks import (  # noqa: E402
    CORPORA,
    FOLDS,
    MODEL_FIRST_THRESHOLD,
    build_dataset,
    other_type,
    out_of_fold,
    training_pages,
)
from newsspider.extraction import body as body_mod  # noqa: E402
from newsspider.extraction import extract as ex  # noqa: E402
from newsspider.extraction import gate  # noqa: E402
from newsspider.extraction.modelbody import select  # noqa: E402
from newsspider.extraction.repeats import drop_second_copy  # noqa: E402

# A model-first body this much below the full path's F1 should have fallen back (out-of-fold
# frontier, 2026-12-03: 0.02, 0.05 and 0.1 within the noise of each other; 0.05 a little ahead
# on wcxb-dev at 14-33% fallback).
DELTA = 0.05
# News pages are what newsspider is for (65 tuning pages against wcxb-dev's 560), as in train_blocks.
CORPUS_WEIGHT = {"article-extraction": 4.0, "wcxb-dev": 1.0}
C = 0.1  # the logistic regression's inverse regularisation (1.0: the same within noise)
# The share of pages the gate may send to the full path: what the speed bar allows (a
# fallback costs ~1.6x the model-first body's CPU: docs/benchmarks.md, "Experiment: model first").
FALLBACK_SHARE = 0.18


def collect(cache: Path | None = None) -> list[dict[str, Any]]:
    """Per tuning page: corpus, fold, gate features and length of the out-of-fold model-first
    body, its score and the full path's (``cache``: the pages' blocks, probabilities and
    bodies, kept between runs; the features are computed again from them)."""
    if cache and cache.is_file():
        records = pickle.loads(cache.read_bytes())
    else:
        records = _records()
        if cache:
            cache.write_bytes(pickle.dumps(records))
    for r in records:
        kept = [r["blocks"][i] for i in r["kept"]]
        r["row"] = gate.features(r["blocks"], r["probabilities"], kept, r["body"], r["ld_body"])
    return records


def _records() -> list[dict[str, Any]]:
    pages = training_pages()  # the block models' (other page types too), out of fold as they are fitted
    data = build_dataset(pages, references=False)
    probabilities = out_of_fold(data)
    html_of = {key: (url, html) for key, url, html, _ in pages}
    records = []
    for page, probs in zip(data, probabilities):
        if other_type(page):  # the gate is for articles
            continue
        probs = [float(p) for p in probs]
        # Without the model-first model's container threshold (``outside_threshold``): out of fold,
        # a gate fitted on these bodies judged the container rule's bodies better than a gate
        # fitted on those (news 0.9697 against 0.9668, wcxb-dev 0.9572 both; docs/benchmarks.md,
        # "The model-first path's container threshold").
        kept = select(page["blocks"], probs, MODEL_FIRST_THRESHOLD) if probs else []
        body = body_mod.clean([body_mod.from_page_block(b) for b in kept], page["title"], page["section"])
        url, html = html_of[page["key"]]
        full = ex.extract_page(html, url, assume_article=True, model_first=False)
        full_text = full.fields["body"] if full.fields else ""
        index = {id(b): i for i, b in enumerate(page["blocks"])}
        records.append({
            "key": page["key"], "corpus": page["key"].split("/")[0], "fold": page["fold"],
            "blocks": page["blocks"], "probabilities": probs, "kept": [index[id(b)] for b in kept],
            "body": body, "ld_body": page["ld_body"],
            # scored as extract_page returns it (the gate's features read the body before that step)
            "chars": len(body), "mf": score_page(page["truth"], drop_second_copy(body)),
            "full": score_page(page["truth"], full_text),
        })
    return records


def targets(records: list[dict[str, Any]]) -> list[int]:
    return [int(r["mf"].f1 < r["full"].f1 - DELTA) for r in records]


def fit(records: list[dict[str, Any]]):
    """A standardised logistic regression on the records' rows (deterministic: lbfgs)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.asarray([r["row"] for r in records], dtype=np.float64)
    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    w = np.asarray([CORPUS_WEIGHT[r["corpus"]] for r in records])
    clf = LogisticRegression(C=C, max_iter=1000).fit((x - mean) / scale, targets(records), sample_weight=w)
    return {"features": gate.FEATURE_NAMES, "mean": [round(v, 6) for v in mean.tolist()],
            "scale": [round(v, 6) for v in scale.tolist()], "coef": [round(v, 6) for v in clf.coef_[0].tolist()],
            "intercept": round(float(clf.intercept_[0]), 6), "threshold": 0.5, "delta": DELTA, "C": C}


def out_of_fold_gate(records: list[dict[str, Any]]) -> list[float]:
    """Each page's gate probability from a gate fitted on the other site folds."""
    out = [0.0] * len(records)
    for fold in range(FOLDS):
        model = gate.Gate(fit([r for r in records if r["fold"] != fold]))
        for i, r in enumerate(records):
            if r["fold"] == fold:
                out[i] = model.probability(r["row"])
    return out


def combined(records: list[dict[str, Any]], fall_back: list[bool]) -> tuple[dict[str, float], float]:
    """F1 per corpus of "model-first unless it falls back", and the share of pages falling back."""
    f1 = {c: aggregate(r["full" if f else "mf"] for r, f in zip(records, fall_back) if r["corpus"] == c).f1
          for c in CORPORA}
    return f1, sum(fall_back) / len(records)


def short(records: list[dict[str, Any]]) -> list[bool]:
    return [r["chars"] < ex.MIN_CHARS for r in records]


def pick_threshold(records: list[dict[str, Any]], probabilities: list[float]) -> float:
    """The gate threshold at which :data:`FALLBACK_SHARE` of the pages fall back (bodies under
    ``MIN_CHARS`` included), by the out-of-fold gate probabilities: the gate ranks the pages,
    the speed bar sets how many may fall back."""
    tiny = short(records)
    for t in sorted({round(p, 4) for p in probabilities}):
        _, share = combined(records, [s or p > t for s, p in zip(tiny, probabilities)])
        if share <= FALLBACK_SHARE:
            return t
    return 1.0


def frontier(records: list[dict[str, Any]], probabilities: list[float]) -> None:
    """Fallback share against out-of-fold F1, for the gate and for the unsure share rule."""
    tiny = short(records)
    unsure = [r["row"][0] for r in records]

    def line(label: str, fall_back: list[bool]) -> None:
        f1, share = combined(records, fall_back)
        per = {c: sum(f for r, f in zip(records, fall_back) if r["corpus"] == c)
               / sum(r["corpus"] == c for r in records) for c in CORPORA}
        print(f"  {label:<22} " + "  ".join(f"{c} F1 {f1[c]:.4f} fallback {per[c]:4.0%}" for c in CORPORA)
              + f"  (all {share:.0%})")

    line("full path", [True] * len(records))
    line("model-first alone", tiny)
    for u in (0.05, 0.08, 0.1, 0.15, 0.2, 0.3):
        line(f"unsure <= {u}", [s or v > u for s, v in zip(tiny, unsure)])
    for t in (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5):
        line(f"gate p <= {t}", [s or p > t for s, p in zip(tiny, probabilities)])


#: Below this unsure share (0.2-0.8 band) a page counts as one the model-first model was sure of.
SURE = 0.15


def loss_class(record: dict[str, Any]) -> str | None:
    """Why the record's model-first body loses more than :data:`DELTA` F1 to the full path's,
    or None: an empty or short body, extra text (precision lost more than recall) or missed text,
    each split by whether the model was sure of the page (unsure share under :data:`SURE`)."""
    mine, theirs = record["mf"], record["full"]
    if mine.f1 >= theirs.f1 - DELTA:
        return None
    if record["chars"] < ex.MIN_CHARS:
        return "short body"
    kind = "extra text" if theirs.precision - mine.precision >= theirs.recall - mine.recall else "missed text"
    return f"{kind}, {'sure' if record['row'][0] < SURE else 'unsure'}"


def losses(records: list[dict[str, Any]], fall_back: list[bool]) -> None:
    """Per :func:`loss_class`: pages, F1 lost to the full path (summed over the pages), and
    how many of them fall back."""
    table: dict[str, list[float]] = {}
    for r, f in zip(records, fall_back):
        label = loss_class(r)
        if label:
            cell = table.setdefault(label, [0, 0.0, 0])
            cell[0] += 1
            cell[1] += r["full"].f1 - r["mf"].f1
            cell[2] += f
    for label, (pages, lost, caught) in sorted(table.items()):
        print(f"  {label:<20} {pages:4d} pages  F1 lost {lost:5.2f}  falling back {caught:4d}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=gate.GATE_PATH)
    parser.add_argument("--cache", type=Path, help="keep the per-page records here (experiments)")
    parser.add_argument("--frontier", action="store_true", help="print fallback share against F1 (out of fold)")
    parser.add_argument("--losses", action="store_true",
                        help="group the pages model-first loses by class, with the gate's fallbacks (out of fold)")
    parser.add_argument("--check", action="store_true",
                        help="retrain and compare with --out (the committed gate by default); exit 1 when different")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)
    records = collect(args.cache)
    print(f"{len(records)} tuning pages, {sum(targets(records))} where model-first loses > {DELTA} F1")
    probabilities = out_of_fold_gate(records)
    if args.frontier:
        frontier(records, probabilities)
    spec = fit(records)
    spec["threshold"] = pick_threshold(records, probabilities)
    fall_back = [s or p > spec["threshold"] for s, p in zip(short(records), probabilities)]
    f1, share = combined(records, fall_back)
    print(f"threshold {spec['threshold']}: out-of-fold " + "  ".join(f"{c} F1 {v:.4f}" for c, v in f1.items())
          + f", fallback {share:.1%}")
    if args.losses:
        losses(records, fall_back)
    spec["environment"] = environment()
    text = json.dumps(spec, indent=1)
    status = check_or_write(args.out, text, check=args.check)
    if status is not None:
        return status
    print(f"gate written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
