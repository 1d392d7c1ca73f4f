"""A block's wording as one learned number: how article-like its words and word pairs are.

What the block model still keeps wrongly sits inside the article's container in the article's
own markup (calls to action, newsletter plugs, disclosures, verdict boxes, "related" lines
written as paragraphs, docs/benchmarks.md): the markup cannot tell them apart, the wording can.
Each block's lower-cased tokens (:func:`newsspider.textlength.tokens`: a character of a script
written without spaces is a token of its own) and token pairs are hashed (CRC-32, deterministic)
into :data:`BUCKETS` buckets; a bucket's weight is its naive-Bayes log-odds of being in
article text rather than not, learned from the labelled blocks of the *tuning* pages
(``benchmarks/train_blocks.py``), kept only for buckets seen on at least
:data:`MIN_DOMAINS` sites (no site's own menu words) and clipped. The block's columns are the
mean weight of its known buckets and the share of its buckets that are known: on a language the
tuning pages do not have, few buckets are known and the block model learns to lean on the rest.
"""

from __future__ import annotations

import json
import math
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from newsspider.textlength import tokens

MODEL_PATH = Path(__file__).with_name("models") / "lexical.json"
BUCKET_BITS = 24
BUCKETS = 1 << BUCKET_BITS
_MASK = BUCKETS - 1
MIN_DOMAINS = 10  # a bucket seen on fewer sites gets no weight
SMOOTHING = 5.0  # added to both sides' (weighted) counts
CLIP = 3.0  # |weight| at most
DIGITS = 2  # rounding of the stored weights
FEATURES = ("lex_score", "lex_known")


def buckets(text: str) -> frozenset[int]:
    """The hashed buckets of the text's lower-cased tokens and adjacent token pairs."""
    words = [t.lower() for t in tokens(text)]
    grams = set(words)
    grams.update(f"{a} {b}" for a, b in zip(words, words[1:]))
    return frozenset(zlib.crc32(g.encode("utf-8")) & _MASK for g in grams)


def fit(
    blocks: Iterable[tuple[str, int, float, str]],
    *,
    min_domains: int = MIN_DOMAINS,
    smoothing: float = SMOOTHING,
    clip: float = CLIP,
) -> dict[int, float]:
    """Bucket weights from ``(text, label, weight, site)`` blocks: the weighted log-odds of a
    bucket's blocks being labelled 1, less the prior log-odds (0 is "as likely as any block"),
    rounded to :data:`DIGITS` places; buckets seen on fewer than ``min_domains`` sites and those
    rounded to 0 are left out."""
    positive: dict[int, float] = defaultdict(float)
    negative: dict[int, float] = defaultdict(float)
    sites: dict[int, set[str]] = defaultdict(set)
    totals = [0.0, 0.0]
    for text, label, weight, site in blocks:
        counts = positive if label else negative
        totals[bool(label)] += weight
        for bucket in buckets(text):
            counts[bucket] += weight
            sites[bucket].add(site)
    if not totals[0] or not totals[1]:
        return {}
    prior = math.log(totals[1] / totals[0])
    weights = {}
    for bucket in sorted(sites):
        if len(sites[bucket]) < min_domains:
            continue
        odds = math.log((positive[bucket] + smoothing) / (negative[bucket] + smoothing)) - prior
        value = round(max(-clip, min(clip, odds)), DIGITS)
        if value:
            weights[bucket] = value
    return weights


class Lexicon:
    """Bucket weights, asked for a block's :data:`FEATURES`."""

    def __init__(self, weights: dict[int, float]) -> None:
        self.weights = weights
        self.columns = lru_cache(maxsize=16384)(self._columns)  # a site's menus repeat on every page

    def _columns(self, text: str) -> tuple[float, float]:
        """Mean weight of the text's known buckets (0 without any) and their share of its buckets."""
        mine = buckets(text)
        known = [self.weights[b] for b in mine if b in self.weights]
        if not known:
            return 0.0, 0.0
        return sum(known) / len(known), len(known) / len(mine)

    def rows(self, texts: Sequence[str]) -> list[tuple[float, float]]:
        return [self.columns(t) for t in texts]

    def to_json(self) -> str:
        keys = sorted(self.weights)
        return json.dumps({"bucket_bits": BUCKET_BITS, "min_domains": MIN_DOMAINS, "clip": CLIP,
                           "buckets": keys, "weights": [self.weights[k] for k in keys]}, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Lexicon:
        spec = json.loads(text)
        if spec["bucket_bits"] != BUCKET_BITS:
            raise ValueError(f"lexicon of {spec['bucket_bits']}-bit buckets, {BUCKET_BITS} expected")
        return cls(dict(zip(spec["buckets"], spec["weights"])))


@lru_cache(maxsize=1)
def default_lexicon() -> Lexicon:
    """The committed lexicon (``models/lexical.json``), loaded once; empty when absent."""
    if not MODEL_PATH.is_file():
        return Lexicon({})
    return Lexicon.from_json(MODEL_PATH.read_text(encoding="utf-8"))
