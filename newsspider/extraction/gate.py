"""The model-first path's learned fallback decision: is the trafilatura-free body worse than the
full path's would be?

The model-first path (:func:`newsspider.extraction.extract.model_first_body`) keeps its body
without running trafilatura, the rules and the full block model when this gate says so. The
gate is a logistic regression over cheap signals of one page, all known before trafilatura
runs: how much of the page's likely text the model was unsure of (several bands), how long and
how contiguous its body is, how sure it was of what it kept, how much likely text lies outside
the page's container, and how far the body agrees with the page's JSON-LD ``articleBody`` (a
free second opinion). Trained by ``benchmarks/train_gate.py`` on the tuning pages, with the
model-first bodies of block models that did not train on the page (cross-fitted by site) and a
target "the model-first body's F1 is lower than the full path's by more than a margin".
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from newsspider.extraction import blockcontext
from newsspider.extraction.agreement import shingle_coverage, shingles
from newsspider.extraction.blocks import HEADINGS, Block

GATE_PATH = Path(__file__).with_name("models") / "gate.json"

#: (low, high) probability bands of the "unsure" shares: the text with ``low <= p < high`` over
#: the text with ``p >= low``.
BANDS = ((0.2, 0.8), (0.1, 0.9), (0.35, 0.65))
FEATURE_NAMES = [
    *(f"unsure_{int(lo * 100)}_{int(hi * 100)}" for lo, hi in BANDS),
    "log_body_chars", "log_kept_blocks", "kept_mean_p", "kept_min_p", "candidate_kept_share",
    "log_runs", "gap_share", "outside_share", "first_kept_position", "body_page_share",
    "log_page_chars", "has_ld", "ld_in_body", "body_in_ld",
    "kept_unsure_share", "dropped_unsure_share", "kept_link_share", "kept_short_share", "kept_list_share",
    "log_kept_headings", "long_body",
]
#: Kept blocks shorter than this count as short (menus, bylines, comments' names).
SHORT_BLOCK = 80


def _log(value: float) -> float:
    return math.log1p(max(0.0, value))


def features(blocks: Sequence[Block], probabilities: Sequence[float], kept: Sequence[Block],
             body: str, ld_body: str | None) -> list[float]:
    """The gate's inputs (:data:`FEATURE_NAMES`) for one page: its blocks, the model-first
    model's probabilities, the blocks it kept and the body made of them, the JSON-LD body."""
    chars = [len(b.text) for b in blocks]
    total = sum(chars) or 1
    shares = []
    for low, high in BANDS:
        candidate = sum(c for c, p in zip(chars, probabilities) if p >= low)
        unsure = sum(c for c, p in zip(chars, probabilities) if low <= p < high)
        shares.append(unsure / candidate if candidate else 1.0)
    kept_ids = {id(b) for b in kept}
    flags = [id(b) in kept_ids for b in blocks]
    kept_chars = sum(c for c, k in zip(chars, flags) if k)
    kept_p = [(c, p) for c, p, k in zip(chars, probabilities, flags) if k]
    mean_p = sum(c * p for c, p in kept_p) / kept_chars if kept_chars else 0.0
    min_p = min((p for _, p in kept_p), default=0.0)
    candidate = sum(c for c, p in zip(chars, probabilities) if p >= 0.2) or 1
    indexes = [i for i, k in enumerate(flags) if k]
    runs = sum(1 for i in indexes if i == 0 or not flags[i - 1])
    gap = sum(chars[i] for i in range(indexes[0], indexes[-1] + 1) if not flags[i]) if indexes else 0
    likely = [p >= 0.5 for p in probabilities]
    likely_chars = sum(c for c, k in zip(chars, likely) if k)
    outside = 0.0
    if likely_chars:
        inside = blockcontext.in_container(blocks, probabilities)
        outside = sum(c for c, k, i in zip(chars, likely, inside) if k and not i) / likely_chars
    ld_in_body = body_in_ld = 0.0
    if ld_body:
        mine, theirs = shingles(body), shingles(ld_body)
        ld_in_body, body_in_ld = shingle_coverage(theirs, mine), shingle_coverage(mine, theirs)
    return [
        *shares, _log(len(body)), _log(len(kept)), mean_p, min_p, kept_chars / candidate,
        _log(runs), gap / (kept_chars + gap) if kept_chars + gap else 0.0, outside,
        indexes[0] / len(blocks) if indexes else 1.0, kept_chars / total, _log(total),
        float(bool(ld_body)), ld_in_body, body_in_ld,
        sum(c for c, p in kept_p if p < 0.8) / kept_chars if kept_chars else 1.0,
        sum(c for c, p, k in zip(chars, probabilities, flags) if not k and p >= 0.2) / candidate,
        sum(min(b.link_chars, len(b.text)) for b in kept) / kept_chars if kept_chars else 0.0,
        sum(len(b.text) < SHORT_BLOCK for b in kept) / len(kept) if kept else 0.0,
        sum(len(b.text) for b in kept if b.tag == "li") / kept_chars if kept_chars else 0.0,
        _log(sum(b.tag in HEADINGS for b in kept)), max(0.0, _log(len(body)) - 10.0),
    ]


class Gate:
    """A logistic regression on standardised :func:`features`: the probability that the
    model-first body is worse than the full path's; above ``threshold``, fall back."""

    def __init__(self, spec: dict[str, Any]) -> None:
        if spec["features"] != FEATURE_NAMES:
            raise ValueError("gate file made for other features: retrain (benchmarks/train_gate.py)")
        self.mean: list[float] = spec["mean"]
        self.scale: list[float] = spec["scale"]
        self.coef: list[float] = spec["coef"]
        self.intercept = float(spec["intercept"])
        self.threshold = float(spec["threshold"])

    def probability(self, row: Sequence[float]) -> float:
        z = self.intercept + sum(c * (v - m) / s for c, v, m, s in zip(self.coef, row, self.mean, self.scale))
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def falls_back(self, row: Sequence[float]) -> bool:
        return self.probability(row) > self.threshold


@lru_cache(maxsize=4)
def load(path: str | None = None) -> Gate:
    """The packaged gate, or the one at ``path`` (each loaded once per process)."""
    return Gate(json.loads(Path(path or GATE_PATH).read_text(encoding="utf-8")))
