"""Is this page one article? A small learned model over markup, URL shape, DOM and text.

A generic crawl reaches home pages, section and tag indexes, shop, forum and documentation
pages; they must yield no record. Hand-written rules kept 92% of the 2025 web's articles and
rejected only about half of its listing, collection and product pages, so the decision is a
logistic regression over :func:`newsspider.extraction.page_features.page_features`, trained by
``benchmarks/train_classifier.py`` on the tuning part of the dev corpora. Its weights are a
small JSON file shipped with the package (``page_model.json``); inference is a dot product in
pure Python. A few URL rules where the corpus is too thin to teach the model come first
(:func:`section_or_static`). Site spiders that know their article URLs skip this step
(``assume_article``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from newsspider.extraction.boilerplate import Block
from newsspider.extraction.page_features import names_one_item, page_features
from newsspider.urlshape import STATIC_SLUGS, path_segments

# Path words naming a tag, category, section or author index (``/tags/x``, ``/author/x``); not
# "topic" or "page", which some sites use for their stories.
TAXONOMY_SEGMENTS = re.compile(
    r"^(?:tags?|category|categories|sections?|authors?|schlagwort|rubrik|ressort|autor|autoren|rubrique|auteur|"
    r"categorie|catégorie|etiquetas?|seccion|sección|categoria)$",
    re.I,
)

MODEL_FILE = "page_model.json"
NOT_ARTICLE = "not_article"


@dataclass(frozen=True)
class Model:
    """Logistic regression on standardised features; ``threshold`` is on the log-odds."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def score(self, features: Mapping[str, float]) -> float:
        """Log-odds that the page is an article (features the model lacks count as 0)."""
        total = self.bias
        for name, mean, scale, weight in zip(self.features, self.mean, self.scale, self.weights):
            total += weight * (features.get(name, 0.0) - mean) / scale
        return total

    def probability(self, features: Mapping[str, float]) -> float:
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, self.score(features)))))

    def is_article(self, features: Mapping[str, float]) -> bool:
        return self.score(features) >= self.threshold

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Model:
        rows = data["features"]
        return cls(
            features=tuple(r["name"] for r in rows),
            mean=tuple(float(r["mean"]) for r in rows),
            scale=tuple(float(r["scale"]) or 1.0 for r in rows),
            weights=tuple(float(r["weight"]) for r in rows),
            bias=float(data["bias"]),
            threshold=float(data["threshold"]),
        )


@lru_cache(maxsize=1)
def model() -> Model:
    """The shipped model, read once per process."""
    text = resources.files("newsspider.extraction").joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return Model.from_json(json.loads(text))


def classify(
    graph: list[dict[str, Any]],
    og_type: str | None,
    url: str,
    blocks: Sequence[Block],
    *,
    tree: Any = None,
    fields: Mapping[str, Any] | None = None,
) -> str | None:
    """None for an article, else the skip reason ``"not_article"``.

    ``tree`` (the parsed page) and ``fields`` (its metadata) give the DOM and title features;
    without them those features are missing and the verdict rests on markup, URL and text.
    """
    features = page_features(graph, og_type, url, blocks, tree, dict(fields or {}))
    if section_or_static(url, features):
        return NOT_ARTICLE
    return None if model().is_article(features) else NOT_ARTICLE


def section_or_static(url: str, features: Mapping[str, float]) -> bool:
    """Pages a news crawl never exports, where the dev corpus is too thin to teach the model.

    Without a JSON-LD article: a static page (``/about/``, ``/contact``, ``/privacy``...; 3 of
    1,127 tuning pages) or a tag, category, section or author index (``/tags/x``, ``/author/x``:
    7 tuning pages, none an article). A top-level one-word path (``/world/``, ``/news``) without article markup
    (JSON-LD, og:type or microdata) and not article-shaped: a section front whose lead story
    the body extractor may have picked; 1 of the 29 such tuning pages is labelled an article,
    and the model rejects it too. Not a path that names one item (``/story``, ``/article.php?id=1``).
    """
    segments = path_segments(url)
    if not segments or features.get("ld_article"):
        return False
    if STATIC_SLUGS.match(segments[-1]) or len(segments) >= 2 and TAXONOMY_SEGMENTS.match(segments[-2]):
        return True
    markup = features.get("og_article") or features.get("md_article") or features.get("url_article_shape")
    return len(segments) == 1 and features.get("url_slug_words", 0.0) <= 1 and not markup and not names_one_item(url)
