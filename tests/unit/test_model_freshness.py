"""The committed block models and the page classifier were trained on the rows today's code builds.

A change to blocks, features, titles, trafilatura's options or labels changes what
``benchmarks/train_blocks.py`` learns from; the committed model then is not what the script
gives (issue 10: retraining on the same data gives the same model), and nothing said so,
because the full retrain check takes minutes and is opt-in (``NEWSSPIDER_RETRAIN_CHECK=1``).
Each model file keeps a fingerprint of the training rows of every 10th tuning page
(``training_rows``); rebuilding those rows takes seconds, so this runs in the fast half. The page
classifier's features come from ``extract_page`` itself (its body among them), so any change to
extraction can move them (making model first the default path did).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from benchmarks.split import BENCH_ROOT as BENCH
from newsspider.extraction import blockmodel
from newsspider.extraction.classify import MODEL_FILE

MODELS = {"default": (blockmodel.MODEL_PATH, True), "model-first": (blockmodel.NO_TRAFILATURA_PATH, False)}
#: The Python the committed models' training rows were fingerprinted under (CI's). On another, the
#: rows' floats can differ in their last bits (from 3.12, ``sum()`` of floats compensates its
#: rounding), and a fingerprint of exact values says nothing about our code: the check skips there.
ROWS_PYTHON = (3, 11)
same_python = pytest.mark.skipif(
    sys.version_info[:2] != ROWS_PYTHON,
    reason=f"the training rows are fingerprinted under Python {'.'.join(map(str, ROWS_PYTHON))}, "
    f"this is {sys.version_info[0]}.{sys.version_info[1]} (floats may differ in their last bits)",
)


@same_python
@pytest.mark.skipif(not (BENCH / "wcxb-dev").is_dir(), reason=f"dev corpora absent: {BENCH}")
@pytest.mark.parametrize("variant", sorted(MODELS))
def test_the_committed_block_model_was_trained_on_todays_rows(variant: str) -> None:
    from benchmarks import train_blocks

    path, references = MODELS[variant]
    recorded = json.loads(Path(path).read_text(encoding="utf-8"))["training_rows"]
    sample = train_blocks.fingerprint_sample(train_blocks.training_pages())
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


@same_python
@pytest.mark.skipif(not (BENCH / "wcxb-dev").is_dir(), reason=f"dev corpora absent: {BENCH}")
def test_the_committed_page_classifier_was_trained_on_todays_features() -> None:
    from benchmarks import train_classifier
    from benchmarks.classify import observe

    path = blockmodel.MODEL_PATH.parents[1] / MODEL_FILE
    recorded = json.loads(path.read_text(encoding="utf-8"))["training_rows"]
    sample = train_classifier.fingerprint_sample(train_classifier.tuning_pages())
    assert recorded["every"] == train_classifier.FINGERPRINT_EVERY and recorded["pages"] == len(sample)
    assert train_classifier.features_fingerprint(observe(sample, decide=False)) == recorded["sha256"], (
        f"the page classifier's features changed since {path.name} was trained: retrain it "
        "(python benchmarks/train_classifier.py), run benchmarks/classify.py, commit"
    )


def test_the_classifier_fingerprint_covers_pages_and_feature_values() -> None:
    from benchmarks.classify import Observation, Page
    from benchmarks.train_classifier import features_fingerprint

    def seen(page_id: str, features: dict[str, float]) -> Observation:
        page = Page("wcxb-dev", page_id, "https://a.example/x", "<html></html>", "article", "tuning")
        return Observation(page, True, True, features, 0.0, 0.0)

    base = features_fingerprint([seen("1", {"a": 1.0, "b": 0.5})])
    assert features_fingerprint([seen("1", {"b": 0.5, "a": 1.0})]) == base  # order of the dict does not count
    for other in (seen("2", {"a": 1.0, "b": 0.5}), seen("1", {"a": 1.0, "b": 0.25}), seen("1", {"a": 1.0})):
        assert features_fingerprint([other]) != base
    sample = [seen("1", {}).page]
    assert features_fingerprint([seen("1", {"a": 1.0, "b": 0.5}), seen("2", {"c": 3.0})], sample) == base
