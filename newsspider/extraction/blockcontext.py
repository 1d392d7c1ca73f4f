"""The block model's second stage: each block judged again beside its neighbours' first verdicts.

The first stage scores each block from its own features. Article text comes in runs, and a
block's neighbours, its region and the page as a whole say much about it that its own row does
not: a short line between two confident paragraphs is likely article text, a paragraph-like block
in a region the model otherwise rejects is likely a teaser. The second stage reads the first
stage's probabilities around each block (neighbours, windows, the region under each of its
ancestors, the page's best run of text, page-level statistics) plus a few of the block's own
columns, and gives the final probability. It is trained on *cross-fitted* first-stage
probabilities (``benchmarks/train_blocks.py``), the kind the first stage gives on pages it never
saw, so it does not learn to trust overfitted probabilities.

Cheap: a few numpy passes over a page's blocks, no second walk of the DOM.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain

import numpy as np

from newsspider.extraction.blocks import FEATURE_NAMES, Block

# Columns of the first stage's rows passed through unchanged.
PASSED = ("log_chars", "link_ratio", "in_traf", "in_rules", "pos_chars", "is_title", "tag_p", "tag_h", "tag_li")
REGION_LEVELS = 4
NEAR = 3  # blocks on each side in the near-window columns
FAR = 10  # ... and in the far-window column
RUN_FEATURES = ("in_run", "run_distance", "run_share")
PAGE_FEATURES = ("page_max", "page_mean", "page_kept_share", "page_kept_log")
CONTAINER_FEATURES = ("in_container", "container_levels", "container_share", "ancestor_gain", "container_mean")
FEATURE_NAMES_2: list[str] = [
    "p", "p_prev", "p_next", "p_prev2", "p_next2", "window_near", "window_far", "max_before", "max_after",
    *PAGE_FEATURES, *RUN_FEATURES, *(f"region{k}" for k in range(1, REGION_LEVELS + 1)), *PASSED,
    *CONTAINER_FEATURES,
]
_PASSED_COLUMNS = [FEATURE_NAMES.index(name) for name in PASSED]
_OUTSIDE = -1.0  # the value of a neighbour beyond the page's ends
KEEP = 0.5  # a first-stage probability this high counts as kept in the page and run columns


def _shifted(values: np.ndarray, by: int) -> np.ndarray:
    """``values[i - by]`` at ``i``, :data:`_OUTSIDE` where that falls outside."""
    out = np.full_like(values, _OUTSIDE)
    if by > 0:
        out[by:] = values[:-by]
    else:
        out[:by] = values[-by:]
    return out


def _window_mean(values: np.ndarray, width: int) -> np.ndarray:
    """Mean of each value with its ``width`` neighbours on each side (fewer at the ends)."""
    n = len(values)
    total = np.concatenate(([0.0], np.cumsum(values)))
    index = np.arange(n)
    lo, hi = np.maximum(0, index - width), np.minimum(n, index + width + 1)
    return (total[hi] - total[lo]) / (hi - lo)


def best_run(gain: Sequence[float]) -> tuple[int, int]:
    """First and last index of the contiguous run of blocks with the largest total gain."""
    best, current, start, first, last = -np.inf, 0.0, 0, 0, 0
    for i, g in enumerate(gain):
        if current <= 0:
            current, start = g, i
        else:
            current += g
        if current > best:
            best, first, last = current, start, i
    return first, last


def features(blocks: Sequence[Block], rows: np.ndarray, probabilities: np.ndarray) -> np.ndarray:
    """One second-stage row per block (columns :data:`FEATURE_NAMES_2`)."""
    p = np.asarray(probabilities, dtype=np.float64)
    n = len(p)
    x = np.zeros((n, len(FEATURE_NAMES_2)))
    if not n:
        return x
    chars = np.array([len(b.text) for b in blocks], dtype=np.float64)
    total = chars.sum() or 1.0
    columns = [p, _shifted(p, 1), _shifted(p, -1), _shifted(p, 2), _shifted(p, -2),
               _window_mean(p, NEAR), _window_mean(p, FAR)]
    before, after = np.full(n, _OUTSIDE), np.full(n, _OUTSIDE)
    for k in range(1, NEAR + 1):
        before = np.maximum(before, _shifted(p, k))
        after = np.maximum(after, _shifted(p, -k))
    columns += [before, after]
    kept = p >= KEEP
    columns += [np.full(n, p.max()), np.full(n, float(p @ chars) / total),
                np.full(n, chars[kept].sum() / total), np.full(n, np.log1p(kept.sum()))]
    # The page's main text: the run of blocks where kept characters outweigh rejected ones most.
    first, last = best_run(((p - KEEP) * chars).tolist())
    index = np.arange(n)
    distance = np.where(index < first, first - index, np.where(index > last, index - last, 0))
    columns += [((index >= first) & (index <= last)).astype(np.float64), distance / FAR,
                np.full(n, chars[first : last + 1].sum() / total)]
    columns += list(_region_means(blocks, p, chars).T)
    x[:, : len(columns)] = np.column_stack(columns)
    x[:, len(columns) : len(columns) + len(PASSED)] = rows[:, _PASSED_COLUMNS]
    x[:, len(columns) + len(PASSED) :] = container_columns(blocks, p, chars)
    return x


class _Paths:
    """Every block's path of element numbers (body down to its holder) as flat arrays, and the
    page's *container*: the element (at any depth) whose text the probabilities ``p`` keep most,
    the largest sum of ``chars * (p - KEEP)`` over the blocks under it (ties: the first in walk
    order, the outermost)."""

    def __init__(self, blocks: Sequence[Block], p: np.ndarray, chars: np.ndarray) -> None:
        self.lengths = np.array([len(b.path) for b in blocks], dtype=np.intp)
        self.flat = np.fromiter(chain.from_iterable(b.path for b in blocks), dtype=np.intp, count=int(self.lengths.sum()))
        self.owner = np.repeat(np.arange(len(blocks)), self.lengths)
        size = int(self.flat.max()) + 1
        self.gain = np.bincount(self.flat, weights=(chars * (p - KEEP))[self.owner], minlength=size)
        self.gain[np.bincount(self.flat, minlength=size) == 0] = -np.inf  # numbers of elements without text
        self.best = int(np.argmax(self.gain))
        self.hit = np.nonzero(self.flat == self.best)[0]  # the container's place in each path through it


def _has_paths(blocks: Sequence[Block]) -> bool:
    """Blocks made by segment() carry their path; others (tests, old pickles) do not."""
    return bool(blocks) and all(b.path for b in blocks)


def in_container(blocks: Sequence[Block], probabilities: Sequence[float]) -> np.ndarray:
    """True for the blocks under the page's container (:class:`_Paths`) by ``probabilities``
    (all True when the blocks carry no path)."""
    if not _has_paths(blocks):
        return np.ones(len(blocks), dtype=bool)
    p = np.asarray(probabilities, dtype=np.float64)
    paths = _Paths(blocks, p, np.array([len(b.text) for b in blocks], dtype=np.float64))
    inside = np.zeros(len(blocks), dtype=bool)
    inside[paths.owner[paths.hit]] = True
    return inside


def container_columns(blocks: Sequence[Block], p: np.ndarray, chars: np.ndarray) -> np.ndarray:
    """Columns :data:`CONTAINER_FEATURES`: where each block sits relative to the page's container
    by the first stage's probabilities (:class:`_Paths`).

    An article is mostly one subtree of the DOM; the region columns see only 4 levels up. Per
    block: under the container or not, how many levels below it (-1 outside), the best such sum
    among its own ancestors over the container's, and page-wide the container's share of the
    text and its mean probability. 5-fold CV on the tuning pages (``benchmarks/train_blocks.py``):
    page F1 news 0.9670 -> 0.9708, wcxb-dev 0.9402 -> 0.9452 (thresholds 0.6 and 0.5).
    """
    n = len(blocks)
    out = np.zeros((n, len(CONTAINER_FEATURES)))
    if not _has_paths(blocks):
        return out
    paths = _Paths(blocks, p, chars)
    flat, owner, lengths, gain, best = paths.flat, paths.owner, paths.lengths, paths.gain, paths.best
    size = len(gain)
    under = np.bincount(flat, weights=chars[owner], minlength=size)
    mass = np.bincount(flat, weights=(chars * p)[owner], minlength=size)
    starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
    inside = owner[paths.hit]
    out[:, 1] = -1.0
    out[inside, 0] = 1.0
    out[inside, 1] = (starts[inside] + lengths[inside] - paths.hit) / 10
    out[:, 2] = under[best] / (chars.sum() or 1.0)
    out[:, 3] = np.maximum.reduceat(gain[flat], starts) / (gain[best] if gain[best] > 0 else 1.0)
    out[:, 4] = mass[best] / (under[best] or 1.0)
    return out


def _region_means(blocks: Sequence[Block], p: np.ndarray, chars: np.ndarray) -> np.ndarray:
    """For the 1st..4th element above each block's holder: the first stage's mean probability
    over the text under it (weighted by characters); :data:`_OUTSIDE` above the root."""
    keys = np.array([(*b.ancestry[-2::-1], *(-1,) * REGION_LEVELS)[:REGION_LEVELS] for b in blocks], dtype=np.intp)
    size = int(keys.max()) + 2
    spare = size - 1  # where blocks without an element at that level are counted (never read)
    out = np.full((len(blocks), REGION_LEVELS), _OUTSIDE)
    for level in range(REGION_LEVELS):
        key = keys[:, level]
        valid = key >= 0
        key = np.where(valid, key, spare)
        weight = np.bincount(key, weights=chars, minlength=size)
        weight[weight == 0] = 1.0
        mean = np.bincount(key, weights=p * chars, minlength=size) / weight
        out[valid, level] = mean[key[valid]]
    return out
