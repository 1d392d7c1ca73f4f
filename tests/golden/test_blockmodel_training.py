"""The block model's training (``benchmarks/train_blocks.py``) on a few pages of a dev corpus:
the same pages give the same model (both stages, the second fitted on cross-fitted first-stage
probabilities), byte for byte. Slow (a real fit): outside the fast half."""

from __future__ import annotations

import json

import pytest

from benchmarks.split import BENCH_ROOT as BENCH


@pytest.mark.skipif(not (BENCH / "wcxb-dev").is_dir(), reason=f"dev corpora absent: {BENCH}")
def test_training_is_deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("sklearn", reason="scikit-learn (the train extra) is not installed")
    from benchmarks import train_blocks

    pages = train_blocks.tuning_pages()[:12]
    monkeypatch.setitem(train_blocks.PARAMS, "max_iter", 20)
    monkeypatch.setitem(train_blocks.PARAMS_2, "max_iter", 10)
    data = train_blocks.build_dataset(pages)
    assert len({page["fold"] for page in data}) > 1  # cross-fitting has folds to leave out
    first = train_blocks.train(data, 0.5)
    second = train_blocks.train(train_blocks.build_dataset(pages), 0.5)
    assert first["second"]["trees"]  # both stages
    assert json.dumps(first) == json.dumps(second)
