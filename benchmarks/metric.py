"""The article-body extraction metric of the shared benchmark set.

Exactly the metric of ``shared/bench/article-extraction/README.md`` (the one of the
Scrapinghub/Zyte article-extraction benchmark, so figures compare with the published ones):

1. Tokens are runs of ``\\w+`` (Unicode, case-sensitive, no other normalisation). Shingles are
   windows of 4 consecutive tokens; a text of 1-3 tokens is one shingle; an empty text has none.
2. Per page, shingle multisets are compared: tp = shared count, fp = extra in the output,
   fn = missing from the output.
3. Per page, P = tp/(tp+fp) and R = tp/(tp+fn); each is 1 when its error count is 0.
4. P is averaged over pages with non-empty output only (an output without any token counts as
   empty), R over all pages; F1 = 2PR/(P+R) of the two averages.
5. Accuracy is the share of pages whose token sequence equals the truth's exactly.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SHINGLE_SIZE = 4
_TOKEN_RE = re.compile(r"\w+")

Shingle = tuple[str, ...]


def tokenize(text: str | None) -> list[str]:
    """Return the ``\\w+`` tokens of ``text`` (``None`` counts as empty)."""
    return _TOKEN_RE.findall(text or "")


def shingles(tokens: Sequence[str], n: int = SHINGLE_SIZE) -> list[Shingle]:
    """Windows of ``n`` consecutive tokens; 1..n-1 tokens make one shingle, none make none."""
    if not tokens:
        return []
    if len(tokens) < n:
        return [tuple(tokens)]
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


@dataclass(frozen=True)
class PageScore:
    """Shingle counts and scores of one page."""

    tp: int
    fp: int
    fn: int
    exact: bool  # token sequences are equal

    @property
    def empty(self) -> bool:
        """True when the output has no shingle (no token at all)."""
        return self.tp + self.fp == 0

    @property
    def precision(self) -> float:
        """tp/(tp+fp), 1 when fp is 0."""
        return 1.0 if self.fp == 0 else self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float:
        """tp/(tp+fn), 1 when fn is 0."""
        return 1.0 if self.fn == 0 else self.tp / (self.tp + self.fn)

    @property
    def f1(self) -> float:
        """Per-page F1 (used only to rank pages, not in the aggregate)."""
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)


def score_page(truth: str | None, output: str | None) -> PageScore:
    """Compare one extracted text with its ground truth."""
    true_tokens, out_tokens = tokenize(truth), tokenize(output)
    true_sh, out_sh = Counter(shingles(true_tokens)), Counter(shingles(out_tokens))
    tp = sum((true_sh & out_sh).values())
    fp = sum(out_sh.values()) - tp
    fn = sum(true_sh.values()) - tp
    return PageScore(tp=tp, fp=fp, fn=fn, exact=true_tokens == out_tokens)


@dataclass(frozen=True)
class Aggregate:
    """Scores of one extractor over a set of pages."""

    f1: float
    precision: float
    recall: float
    accuracy: float
    pages: int
    empty: int  # pages whose output has no token (errors included)


def aggregate(scores: Iterable[PageScore]) -> Aggregate:
    """Average per-page scores: P over non-empty outputs, R and accuracy over all pages."""
    scores = list(scores)
    if not scores:
        return Aggregate(0.0, 0.0, 0.0, 0.0, 0, 0)
    non_empty = [s for s in scores if not s.empty]
    precision = sum(s.precision for s in non_empty) / len(non_empty) if non_empty else 0.0
    recall = sum(s.recall for s in scores) / len(scores)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    accuracy = sum(s.exact for s in scores) / len(scores)
    return Aggregate(
        f1=f1,
        precision=precision,
        recall=recall,
        accuracy=accuracy,
        pages=len(scores),
        empty=len(scores) - len(non_empty),
    )


def unmatched_runs(text: str | None, other: str | None) -> list[str]:
    """Runs of words of ``text`` that no shingle shared with ``other`` covers.

    ``unmatched_runs(truth, output)`` is the missing text; ``unmatched_runs(output, truth)``
    the extra text. Shingles are matched left to right, as many times as ``other`` has them
    (multiset), and the words of the unmatched shingles are merged back into runs.
    """
    tokens = tokenize(text)
    available = Counter(shingles(tokenize(other)))
    covered = [False] * len(tokens)
    for i, sh in enumerate(shingles(tokens)):
        if available[sh] > 0:
            available[sh] -= 1
            covered[i : i + len(sh)] = [True] * len(sh)
    runs: list[str] = []
    current: list[str] = []
    for token, is_covered in zip(tokens, covered):
        if not is_covered:
            current.append(token)
        elif current:
            runs.append(" ".join(current))
            current = []
    if current:
        runs.append(" ".join(current))
    return runs
