"""benchmarks/cross_fitted.py --train on a sample of the tuning pages, one fold and few trees: its models written and used."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks import cross_fitted
from benchmarks.split import BENCH_ROOT as BENCH
from newsspider.extraction import extract_page
from tests.unit.test_cross_fitted import ARTICLE, URL
from tests.unit.test_train_blocks_pages import with_few_bins


@pytest.mark.skipif(not (BENCH / "wcxb-dev").is_dir(), reason=f"dev corpora absent: {BENCH}")
def test_training_writes_a_folds_models_and_extraction_runs_with_them(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from benchmarks import train_blocks

    for params in (train_blocks.PARAMS, train_blocks.PARAMS_2):  # a few trees: the plumbing, in seconds
        monkeypatch.setitem(params, "max_iter", 5)
    with_few_bins(monkeypatch)
    pages = train_blocks.training_pages()[::25]  # articles and other page types: two averaged fits
    cross_fitted.train(tmp_path, pages, folds=(0,))
    for kind in (cross_fitted.FULL, cross_fitted.MODEL_FIRST):
        assert (tmp_path / f"{kind}-fold0.json").is_file() and not (tmp_path / f"{kind}-fold1.json").exists()
    # fitted on these pages' rows, not the packaged models' (all tuning pages): said to be stale
    assert "run with --train again" in (cross_fitted.stale(tmp_path) or "")
    assert len(json.loads((tmp_path / "blocks-fold0.json").read_text())["trees"]) == 2 * 5  # both fits' trees
    with cross_fitted.fold_models(tmp_path, 0):
        result = extract_page(ARTICLE, URL, assume_article=True)
    assert result.fields is not None and "harbour master" in result.fields["body"]
