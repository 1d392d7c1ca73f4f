"""The block models' training pages (``benchmarks/train_blocks.tuning_pages``): the article pages of
one part of the split, or with ``other_types`` the pages of every other type whose main content is
labelled, keyed by their type and weighed at :data:`~benchmarks.train_blocks.OTHER_TYPE_WEIGHT`;
``training_pages`` gives both. And the two fits those pages give, averaged in one model file."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from benchmarks import train_blocks
from benchmarks.split import TUNING, VALIDATION, part_of

#: Bins a column for the fits of plumbing and determinism tests (the shipped parameters: 255). With
#: sample weights, scikit-learn (1.9) finds each threshold of a continuous column by a call of its
#: own, ~0.3 ms each: 254 a column, most of a small fit's time (a test's 50 s against ~3).
FEW_BINS = 15


def with_few_bins(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both stages' fits with :data:`FEW_BINS` bins a column, for this test only."""
    for params in (train_blocks.PARAMS, train_blocks.PARAMS_2):
        monkeypatch.setitem(params, "max_bins", FEW_BINS)

HTML = "<html><body><main><p>The council passed the budget after a long debate.</p></main></body></html>"


def _corpus(root: Path, name: str, entries: dict[str, dict[str, str]]) -> None:
    (root / name / "html").mkdir(parents=True)
    (root / name / "ground-truth.json").write_text(json.dumps(entries), encoding="utf-8")
    for page_id in entries:
        (root / name / "html" / f"{page_id}.html.gz").write_bytes(gzip.compress(HTML.encode()))


def _urls(part: str, n: int) -> list[str]:
    urls = (f"https://site{i}.example/page" for i in range(1000))
    return [url for url in urls if part_of(url) == part][:n]


def test_other_types_are_the_labelled_pages_of_every_other_type(tmp_path: Path) -> None:
    (tuning_a, tuning_b, tuning_c, tuning_d), (validation,) = _urls(TUNING, 4), _urls(VALIDATION, 1)
    body = "The council passed the budget after a long debate."
    _corpus(tmp_path, "wcxb-dev", {
        "0001": {"url": tuning_a, "page_type": "article", "articleBody": body},
        "0002": {"url": tuning_b, "page_type": "service", "articleBody": body},
        "0003": {"url": tuning_c, "page_type": "forum", "articleBody": ""},  # nothing labelled: no lesson
        "0004": {"url": validation, "page_type": "product", "articleBody": body},  # never read
        "0005": {"url": tuning_d, "page_type": "listing", "articleBody": body},
    })
    _corpus(tmp_path, "article-extraction", {})
    articles = train_blocks.tuning_pages(tmp_path)
    others = train_blocks.tuning_pages(tmp_path, other_types=True)
    assert [key for key, *_ in articles] == ["wcxb-dev/0001"]
    assert [key for key, *_ in others] == ["wcxb-dev/0002+service", "wcxb-dev/0005+listing"]
    assert others[0][1:] == (tuning_b, HTML, body)
    assert train_blocks.training_pages(tmp_path) == articles + others
    article = {"key": "wcxb-dev/0001", "texts": ["one two", "three"]}
    other = {"key": "wcxb-dev/0002+service", "texts": ["one two", "three"]}
    assert train_blocks.weights(other) == [w * train_blocks.OTHER_TYPE_WEIGHT for w in train_blocks.weights(article)]


def _blocks(n: int, seed: int) -> dict[str, object]:
    """A page of ``n`` random blocks whose label follows its first two columns (noisily)."""
    import numpy as np

    rng = np.random.default_rng(seed)
    rows = rng.normal(size=(n, len(train_blocks.FEATURE_NAMES)))
    labels = ((rows[:, 0] + 0.5 * rows[:, 1] + rng.normal(scale=0.5, size=n)) > 0).astype(int).tolist()
    return {"rows": rows, "labels": labels, "texts": ["a few words here"] * n}


def test_other_types_make_two_fits_whose_export_is_their_average(monkeypatch: pytest.MonkeyPatch) -> None:
    """An averaged fit scores as the mean of its fits' log-odds, and the model file written for it
    (both fits' trees, halved) gives those probabilities at extraction: same cost as one fit."""
    pytest.importorskip("sklearn", reason="scikit-learn (the train extra) is not installed")
    import numpy as np

    from newsspider.extraction.blockmodel import BlockModel

    monkeypatch.setitem(train_blocks.PARAMS, "max_iter", 8)
    with_few_bins(monkeypatch)
    articles = [{"key": f"wcxb-dev/{i:04d}", **_blocks(300, i)} for i in range(3)]
    others = [{"key": f"wcxb-dev/{i:04d}+service", **_blocks(300, i)} for i in range(3, 5)]
    alone = train_blocks.fit(articles)
    assert not isinstance(alone, train_blocks.AveragedFit)  # no other page: one fit
    averaged = train_blocks.fit(articles + others)
    assert isinstance(averaged, train_blocks.AveragedFit) and len(averaged.members) == 2
    x = np.concatenate([page["rows"] for page in articles + others])
    # the first fit read the articles alone: it is the fit of the articles
    assert np.allclose(averaged.members[0].decision_function(x), alone.decision_function(x))
    raw = np.mean([member.decision_function(x) for member in averaged.members], axis=0)
    assert np.allclose(averaged.predict_proba(x)[:, 1], 1 / (1 + np.exp(-raw)))
    spec = train_blocks.export(averaged, 0.5)
    assert len(spec["trees"]) == 2 * 8
    assert np.allclose(BlockModel(spec).probabilities(x), averaged.predict_proba(x)[:, 1], atol=1e-5)
