"""The block model's training (``benchmarks/train_blocks.py``) on a few pages of a dev corpus:
the same pages give the same model (both stages, the second fitted on cross-fitted first-stage
probabilities), byte for byte. Slow (a real fit): outside the fast half."""

from __future__ import annotations

import json
import os

import pytest

from benchmarks.split import BENCH_ROOT as BENCH
from tests.unit.test_train_blocks_pages import with_few_bins


@pytest.mark.skipif(not (BENCH / "wcxb-dev").is_dir(), reason=f"dev corpora absent: {BENCH}")
def test_training_is_deterministic(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("sklearn", reason="scikit-learn (the train extra) is not installed")
    from benchmarks import train_blocks

    pages = train_blocks.tuning_pages()[:8] + train_blocks.tuning_pages(other_types=True)[:4]  # two averaged fits
    monkeypatch.setitem(train_blocks.PARAMS, "max_iter", 20)
    monkeypatch.setitem(train_blocks.PARAMS_2, "max_iter", 10)
    with_few_bins(monkeypatch)
    data = train_blocks.build_dataset(pages)
    assert len({page["fold"] for page in data}) > 1  # cross-fitting has folds to leave out
    first = train_blocks.train(data, 0.5)
    second = train_blocks.train(train_blocks.build_dataset(pages), 0.5)
    assert len(first["trees"]) == 2 * 20 and len(first["second"]["trees"]) == 2 * 10  # both stages, both fits
    assert json.dumps(first) == json.dumps(second)


@pytest.mark.skipif(not (BENCH / "wcxb-dev").is_dir(), reason=f"dev corpora absent: {BENCH}")
@pytest.mark.skipif(
    os.environ.get("NEWSSPIDER_RETRAIN_CHECK") != "1",
    reason="a full retrain of the block models takes 3-6 minutes each on 2 cores: set NEWSSPIDER_RETRAIN_CHECK=1 "
    "(run it after any change to blocks, features or labels; test_training_is_deterministic covers the fit on every run)",
)
@pytest.mark.parametrize("variant", [[], ["--no-trafilatura", "--out", "newsspider/extraction/models/blocks_nt.json"]],
                         ids=["default", "model-first"])
def test_retraining_on_the_tuning_pages_gives_the_shipped_model(variant: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure means the committed model is not what the script gives from the current code:
    retrain with ``python benchmarks/train_blocks.py [--no-trafilatura --out ...]``, measure, commit."""
    pytest.importorskip("sklearn", reason="scikit-learn (the train extra) is not installed")
    from benchmarks import train_blocks
    from benchmarks.modelfile import environment_mismatch
    from benchmarks.split import _ROOT

    monkeypatch.chdir(_ROOT)
    out = train_blocks.blockmodel.MODEL_PATH if not variant else _ROOT / variant[-1]
    if (mismatch := environment_mismatch(out)) is not None:
        pytest.skip(mismatch)
    assert train_blocks.main(["--check", *variant]) == 0
