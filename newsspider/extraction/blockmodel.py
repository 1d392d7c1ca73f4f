"""The learned block model: gradient-boosted trees that say which blocks are the article.

The model is a JSON file inside the package (``models/blocks.json``), written by
``benchmarks/train_blocks.py`` from the *tuning* part of the dev corpora only. Inference is
a few vectorised numpy steps per tree over all blocks of a page at once: no download, no
GPU, ~1 ms a page.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import numpy as np

MODEL_PATH = Path(__file__).with_name("models") / "blocks.json"


class BlockModel:
    """Trees of a binary gradient-boosting classifier, as flat arrays."""

    def __init__(self, spec: dict[str, Any]) -> None:
        self.features: list[str] = spec["features"]
        self.baseline = float(spec["baseline"])
        self.threshold = float(spec.get("threshold", 0.5))
        trees = spec["trees"]
        width = max(len(t["feature"]) for t in trees) if trees else 1
        # All trees side by side (one row each, padded with self-pointing leaves): one numpy
        # step per depth level walks every tree for every block at once.
        self.feature = np.zeros((len(trees), width), dtype=np.intp)
        self.threshold_of = np.zeros((len(trees), width))
        self.left = np.tile(np.arange(width, dtype=np.intp), (len(trees), 1))
        self.right = self.left.copy()
        self.value = np.zeros((len(trees), width))
        for row, tree in enumerate(trees):
            size = len(tree["feature"])
            self.feature[row, :size] = tree["feature"]
            self.threshold_of[row, :size] = tree["threshold"]
            self.left[row, :size] = tree["left"]
            self.right[row, :size] = tree["right"]
            self.value[row, :size] = tree["value"]
        self.depth = max((int(t["depth"]) for t in trees), default=0)
        self.meta = {k: v for k, v in spec.items() if k != "trees"}

    def probabilities(self, rows: Sequence[Sequence[float]]) -> np.ndarray:
        """P(block is article text) for each feature row."""
        if not len(rows):
            return np.zeros(0)
        x = np.asarray(rows, dtype=np.float64)
        if x.shape[1] != len(self.features):
            raise ValueError(f"block model expects {len(self.features)} features, got {x.shape[1]}")
        blocks = np.arange(x.shape[0])[:, None]
        trees = np.arange(self.feature.shape[0])[None, :]
        node = np.zeros((x.shape[0], self.feature.shape[0]), dtype=np.intp)
        for _ in range(self.depth):  # leaves point to themselves: every row may take ``depth`` steps
            go_left = x[blocks, self.feature[trees, node]] <= self.threshold_of[trees, node]
            node = np.where(go_left, self.left[trees, node], self.right[trees, node])
        raw = self.baseline + self.value[trees, node].sum(axis=1)
        return 1.0 / (1.0 + np.exp(-raw))


@lru_cache(maxsize=1)
def load(path: str | None = None) -> BlockModel:
    """The packaged model (loaded once per process)."""
    spec = json.loads(Path(path or MODEL_PATH).read_text(encoding="utf-8"))
    return BlockModel(spec)
