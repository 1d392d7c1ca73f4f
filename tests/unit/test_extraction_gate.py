"""The model-first path's learned fallback gate (:mod:`newsspider.extraction.gate`)."""

from __future__ import annotations

import json
import os

import pytest

from benchmarks.split import BENCH_ROOT as BENCH
from newsspider.extraction import extract as ex
from newsspider.extraction import extract_page, gate
from newsspider.extraction.blocks import Block
from tests.unit.test_extraction_model_first import URL, _article_page

NAMES = gate.FEATURE_NAMES


def _block(text: str) -> Block:
    return Block(text=text, tag="p", link_chars=0, ancestors=0, classes_near=0, classes_far=0, depth=3, ancestry=(1,))


def _row(probabilities: list[float], keep: list[bool], ld_body: str | None = None) -> dict[str, float]:
    blocks = [_block(f"Block number {i} says something of its own about the story.") for i in range(len(keep))]
    kept = [b for b, k in zip(blocks, keep) if k]
    body = "\n".join(b.text for b in kept)
    return dict(zip(NAMES, gate.features(blocks, probabilities, kept, body, ld_body), strict=True))


def test_features_measure_bands_contiguity_and_the_jsonld_opinion() -> None:
    whole = _row([0.95, 0.9, 0.6, 0.1], [True, True, True, False])
    assert whole["unsure_20_80"] == pytest.approx(1 / 3)  # one of three candidate blocks is unsure
    assert whole["unsure_35_65"] == pytest.approx(1 / 3) and whole["unsure_10_90"] == pytest.approx(2 / 4)
    assert whole["log_runs"] == pytest.approx(0.6931, abs=1e-4) and whole["gap_share"] == 0  # one run
    assert whole["kept_min_p"] == 0.6 and whole["has_ld"] == 0 and whole["ld_in_body"] == 0
    holes = _row([0.95, 0.1, 0.9, 0.1], [True, False, True, False])
    assert holes["log_runs"] > whole["log_runs"] and holes["gap_share"] == pytest.approx(1 / 3)
    ld = "Block number 0 says something of its own about the story. And a second sentence we never kept."
    agreeing = _row([0.95, 0.1, 0.1, 0.1], [True, False, False, False], ld)
    assert agreeing["has_ld"] == 1 and agreeing["body_in_ld"] == 1.0 and 0.3 < agreeing["ld_in_body"] < 1


def test_gate_probability_is_the_logistic_of_the_standardised_row() -> None:
    spec = {"features": NAMES, "mean": [1.0] * len(NAMES), "scale": [2.0] * len(NAMES),
            "coef": [1.0] + [0.0] * (len(NAMES) - 1), "intercept": 0.0, "threshold": 0.5}
    model = gate.Gate(spec)
    assert model.probability([1.0] * len(NAMES)) == 0.5 and not model.falls_back([1.0] * len(NAMES))
    assert model.falls_back([5.0] + [1.0] * (len(NAMES) - 1))  # z = 2
    with pytest.raises(ValueError):
        gate.Gate({**spec, "features": NAMES[:-1]})


def test_packaged_gate_is_small_and_made_for_these_features() -> None:
    assert gate.GATE_PATH.stat().st_size < 100_000
    spec = json.loads(gate.GATE_PATH.read_text(encoding="utf-8"))
    assert spec["features"] == NAMES and len(spec["coef"]) == len(NAMES)
    assert 0 < spec["threshold"] < 1


def test_with_the_gate_on_its_doubt_decides_the_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    page = _article_page()
    inputs = ex.page_inputs(page, URL)
    assert not isinstance(inputs, str)
    _, confidence = ex.model_first_body(inputs)
    assert 0 <= confidence.doubt <= 1
    monkeypatch.setattr(ex, "USE_GATE", True)
    monkeypatch.setattr(ex, "MAX_UNSURE", -1.0)  # the unsure share no longer decides...
    monkeypatch.setattr(gate.load(), "threshold", 1.0)
    fields = extract_page(page, URL, assume_article=True, model_first=True).fields
    assert fields is not None and fields["extraction"] == "model-first"
    monkeypatch.setattr(gate.load(), "threshold", -1.0)  # ... the gate does: always in doubt
    fields = extract_page(page, URL, assume_article=True, model_first=True).fields
    assert fields is not None and fields["extraction"] != "model-first"
    assert not ex.confident(ex.Confidence(1000, 0.0, 0.5))
    monkeypatch.setattr(ex, "USE_GATE", False)  # gate off: the unsure share decides again
    monkeypatch.setattr(ex, "MAX_UNSURE", 1.0)
    fields = extract_page(page, URL, assume_article=True, model_first=True).fields
    assert fields is not None and fields["extraction"] == "model-first"


@pytest.mark.skipif(not (BENCH / "wcxb-dev").is_dir(), reason=f"dev corpora absent: {BENCH}")
@pytest.mark.skipif(os.environ.get("NEWSSPIDER_RETRAIN_CHECK") != "1",
                    reason="retraining the gate fits 5 block models (~5 minutes on 2 cores): set NEWSSPIDER_RETRAIN_CHECK=1")
def test_retraining_the_gate_gives_the_shipped_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """A failure means the committed gate is not what ``benchmarks/train_gate.py`` gives now."""
    pytest.importorskip("sklearn", reason="scikit-learn (the train extra) is not installed")
    from benchmarks import train_gate
    from benchmarks.modelfile import environment_mismatch
    from benchmarks.split import _ROOT

    monkeypatch.chdir(_ROOT)
    if (mismatch := environment_mismatch(train_gate.gate.GATE_PATH)) is not None:
        pytest.skip(mismatch)
    assert train_gate.main(["--check"]) == 0


def test_loss_classes_split_extra_from_missed_text_and_sure_from_unsure() -> None:
    from benchmarks import train_gate
    from benchmarks.metric import PageScore

    good = PageScore(tp=90, fp=10, fn=10, exact=False)  # F1 0.9

    def record(mf: PageScore, unsure: float, chars: int = 1000) -> dict:
        return {"mf": mf, "full": good, "chars": chars, "row": [unsure]}

    extra = PageScore(tp=90, fp=90, fn=10, exact=False)  # precision lost
    missed = PageScore(tp=45, fp=5, fn=55, exact=False)  # recall lost
    assert train_gate.loss_class(record(good, 0.0)) is None  # no loss
    assert train_gate.loss_class(record(extra, 0.05)) == "extra text, sure"
    assert train_gate.loss_class(record(extra, 0.5)) == "extra text, unsure"
    assert train_gate.loss_class(record(missed, 0.05)) == "missed text, sure"
    assert train_gate.loss_class(record(missed, 0.05, chars=10)) == "short body"
