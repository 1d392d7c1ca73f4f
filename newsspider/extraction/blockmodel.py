"""The learned block model: gradient-boosted trees that say which blocks are the article.

The model is a JSON file inside the package (``models/blocks.json``), written by
``benchmarks/train_blocks.py`` from the *tuning* part of the dev corpora only. Inference is
a few vectorised numpy steps per depth level over all trees and blocks of a page at once: no
download, no GPU, ~3 ms for a page of 250 blocks.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

MODEL_PATH = Path(__file__).with_name("models") / "blocks.json"
# The model-first variant: trained without the trafilatura/rules-derived features (zero here),
# so it can run before trafilatura (``benchmarks/train_blocks.py --no-trafilatura``).
NO_TRAFILATURA_PATH = MODEL_PATH.with_name("blocks_nt.json")


class BlockModel:
    """Trees of a binary gradient-boosting classifier, as flat arrays.

    ``second``: the second stage (:mod:`newsspider.extraction.blockcontext`), when the model file
    has one (``"second"``: trees over the first stage's probabilities in context).
    """

    def __init__(self, spec: dict[str, Any]) -> None:
        self.features: list[str] = spec["features"]
        self.baseline = float(spec["baseline"])
        self.threshold = float(spec.get("threshold", 0.5))
        # The threshold of a block outside the page's container (modelbody.select), if higher.
        self.outside: float | None = spec.get("outside_threshold")
        trees = spec["trees"]
        width = max(len(t["feature"]) for t in trees) if trees else 1
        # All trees side by side, padded with self-pointing leaves, as flat arrays over node
        # numbers ``tree * width + node`` (children are node numbers too): a few ``take`` calls
        # per depth level walk every tree for every block at once.
        offsets = np.arange(len(trees)) * width
        self._roots = offsets
        self._feature = np.zeros(len(trees) * width, dtype=np.intp)
        self._threshold = np.zeros(len(trees) * width)
        self._left = np.tile(np.arange(width, dtype=np.intp), len(trees)) + np.repeat(offsets, width)
        self._right = self._left.copy()
        self._value = np.zeros(len(trees) * width)
        for offset, tree in zip(offsets, trees):
            nodes = slice(offset, offset + len(tree["feature"]))
            self._feature[nodes] = tree["feature"]
            self._threshold[nodes] = tree["threshold"]
            self._left[nodes] = np.asarray(tree["left"], dtype=np.intp) + offset
            self._right[nodes] = np.asarray(tree["right"], dtype=np.intp) + offset
            self._value[nodes] = tree["value"]
        self.depth = max((int(t["depth"]) for t in trees), default=0)
        self.meta = {k: v for k, v in spec.items() if k not in ("trees", "second")}
        self.second = BlockModel(spec["second"]) if spec.get("second") else None

    def probabilities(self, rows: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
        """P(block is article text) for each feature row."""
        if not len(rows):
            return np.zeros(0)
        x = np.asarray(rows, dtype=np.float64)
        if x.shape[1] != len(self.features):
            raise ValueError(f"block model expects {len(self.features)} features, got {x.shape[1]}")
        cells = np.ascontiguousarray(x).ravel()
        row_start = (np.arange(x.shape[0]) * x.shape[1])[:, None]
        node = np.broadcast_to(self._roots, (x.shape[0], len(self._roots)))
        for _ in range(self.depth):  # leaves point to themselves: every row may take ``depth`` steps
            go_left = cells.take(row_start + self._feature.take(node)) <= self._threshold.take(node)
            node = np.where(go_left, self._left.take(node), self._right.take(node))
        raw = self.baseline + self._value.take(node).sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))


@lru_cache(maxsize=4)
def load(path: str | None = None) -> BlockModel:
    """The packaged model, or the one at ``path`` (each loaded once per process)."""
    spec = json.loads(Path(path or MODEL_PATH).read_text(encoding="utf-8"))
    return BlockModel(spec)
