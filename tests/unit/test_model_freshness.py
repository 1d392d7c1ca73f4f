"""The committed block models were trained on the rows today's code builds.

A change to blocks, features, titles, trafilatura's options or labels changes what
``benchmarks/train_blocks.py`` learns from; the committed model then is not what the script
gives (issue 10: retraining on the same data gives the same model), and nothing said so,
because the full retrain check takes minutes and is opt-in (``NEWSSPIDER_RETRAIN_CHECK=1``).
Each model file keeps a fingerprint of the training rows of every 10th tuning page
(``training_rows``); rebuilding those rows takes seconds, so this runs in the fast half.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.split import BENCH_ROOT as BENCH
from newsspider.extraction import blockmodel

MODELS = {"default": (blockmodel.MODEL_PATH, True), "model-first": (blockmodel.NO_TRAFILATURA_PATH, False)}


@pytest.mark.skipif(not (BENCH / "wcxb-dev").is_dir(), reason=f"dev corpora absent: {BENCH}")
@pytest.mark.parametrize("variant", sorted(MODELS))
def test_the_committed_block_model_was_trained_on_todays_rows(variant: str) -> None:
    from benchmarks import train_blocks

    path, references = MODELS[variant]
    recorded = json.loads(Path(path).read_text(encoding="utf-8"))["training_rows"]
    sample = train_blocks.fingerprint_sample(train_blocks.tuning_pages())
    assert recorded["every"] == train_blocks.FINGERPRINT_EVERY and recorded["pages"] == len(sample)
    data = train_blocks.build_dataset(sample, references=references)
    flag = "" if references else " --no-trafilatura --out newsspider/extraction/models/" + path.name
    assert train_blocks.rows_fingerprint(data) == recorded["sha256"], (
        f"the training rows changed since {path.name} was trained: retrain it "
        f"(python benchmarks/train_blocks.py{flag}), then the page classifier and the gate "
        "(train_classifier.py, train_gate.py), measure, commit"
    )


def test_the_fingerprint_covers_rows_labels_and_texts() -> None:
    from benchmarks.train_blocks import rows_fingerprint

    page = {"key": "a", "texts": ["One block."], "rows": [[1.0, 0.5]], "labels": [1]}
    base = rows_fingerprint([page])
    assert rows_fingerprint([dict(page)]) == base
    for change in ({"rows": [[1.0, 0.25]]}, {"labels": [0]}, {"texts": ["Another block."]}, {"key": "b"}):
        assert rows_fingerprint([{**page, **change}]) != base, change
    assert rows_fingerprint([page, {**page, "key": "b"}], keys={"a"}) == base  # other pages left out
