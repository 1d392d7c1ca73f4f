"""The block model's training (``benchmarks/train_blocks.py``) on a few pages of a dev corpus:
the same pages give the same model, byte for byte. Slow (a real fit): outside the fast half."""

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
    first = train_blocks.export(train_blocks.fit(train_blocks.build_dataset(pages)), 0.5)
    second = train_blocks.export(train_blocks.fit(train_blocks.build_dataset(pages)), 0.5)
    assert json.dumps(first) == json.dumps(second)
