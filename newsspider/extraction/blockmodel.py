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
        self.depth = max((int(t["depth"]) for t in trees), default=0)
        # Every tree as a complete binary tree of ``depth`` levels in heap order (node ``k``'s
        # children are ``2k + 1`` and ``2k + 2``; a leaf above the last level is repeated below
        # itself), side by side in flat arrays over ``tree * width + node``: per depth level two
        # ``take`` calls read every tree's test for every block, and the step down is arithmetic.
        width = 2 ** (self.depth + 1) - 1
        self._offsets = np.arange(len(trees)) * width
        self._feature = np.zeros(len(trees) * width, dtype=np.intp)
        self._threshold = np.zeros(len(trees) * width)
        self._value = np.zeros(len(trees) * width)
        for offset, tree in zip(self._offsets.tolist(), trees):
            self._fill(tree, offset)
        self.meta = {k: v for k, v in spec.items() if k not in ("trees", "second")}
        self.second = BlockModel(spec["second"]) if spec.get("second") else None

    def _fill(self, tree: dict[str, Any], offset: int) -> None:
        """Lay ``tree`` (sklearn's node arrays, leaves pointing to themselves) out in heap order."""
        last_level = 2**self.depth - 1  # heap position of the first node of the last level
        stack = [(0, 0)]  # (node of the tree, heap position)
        while stack:
            node, at = stack.pop()
            left, right = tree["left"][node], tree["right"][node]
            if at >= last_level:
                self._value[offset + at] = tree["value"][node]
                continue
            if left != node:  # a split; a leaf keeps feature 0 and threshold 0: both ways lead to itself
                self._feature[offset + at] = tree["feature"][node]
                self._threshold[offset + at] = tree["threshold"][node]
            stack += [(left if left != node else node, 2 * at + 1), (right if left != node else node, 2 * at + 2)]

    def probabilities(self, rows: Sequence[Sequence[float]] | np.ndarray) -> np.ndarray:
        """P(block is article text) for each feature row."""
        if not len(rows):
            return np.zeros(0)
        x = np.asarray(rows, dtype=np.float64)
        if x.shape[1] != len(self.features):
            raise ValueError(f"block model expects {len(self.features)} features, got {x.shape[1]}")
        roots = self._offsets
        if not self.depth:
            at = np.broadcast_to(roots, (x.shape[0], len(roots)))
        else:
            # The roots' tests are one column per tree; then ``at`` is each block's node in the
            # flat arrays: node ``k`` of a tree at ``offset`` sits at ``offset + k``, its
            # children at ``2 * at - offset + 1`` and ``+ 2``, updated in place.
            go_left = x.take(self._feature.take(roots), axis=1) <= self._threshold.take(roots)
            at = roots + 2 - go_left
            cells = np.ascontiguousarray(x).ravel()
            row_start = (np.arange(x.shape[0]) * x.shape[1])[:, None]
            for _ in range(self.depth - 1):
                go_left = cells.take(row_start + self._feature.take(at)) <= self._threshold.take(at)
                at *= 2
                at -= roots
                at += 2
                at -= go_left
        raw = self.baseline + self._value.take(at).sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))


@lru_cache(maxsize=4)
def load(path: str | None = None) -> BlockModel:
    """The packaged model, or the one at ``path`` (each loaded once per process)."""
    spec = json.loads(Path(path or MODEL_PATH).read_text(encoding="utf-8"))
    return BlockModel(spec)
