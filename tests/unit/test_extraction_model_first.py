"""The model-first extraction path (experiment toward issue 10, off by default): the block model
trained without trafilatura's features runs first; trafilatura runs only when it is unsure."""

from __future__ import annotations

import json

from newsspider.extraction import blockmodel, extract_page, extract_page_full
from newsspider.extraction import extract as ex
from newsspider.extraction.blocks import FEATURE_NAMES, REGION_LEVELS

PROSE = (
    "The council voted on Tuesday to extend the evening bus service to the northern districts, "
    "after a year in which ridership on the existing late routes grew by almost a third. "
)
URL = "https://gazette.example/2026/05/04/buses-run-later"
# Columns computed from trafilatura's text or the rules' body: zero on the model-first path.
REFERENCE_FEATURES = {"in_traf", "in_rules", "window_rules", "prev_rules", "next_rules", "traf_share_of_page",
                      "window_traf", "prev_traf", "next_traf",
                      *(f"up{k}_{n}" for k in range(1, REGION_LEVELS + 1) for n in ("traf", "rules"))}


def _article_page() -> str:
    paragraphs = "".join(f"<p>{PROSE}Paragraph {i} adds its own detail about the timetable.</p>" for i in range(6))
    nav = "".join(f'<li><a href="/s{i}">Section {i}</a></li>' for i in range(12))
    return f"""<html><head><title>Buses run later</title></head><body>
    <header><nav><ul>{nav}</ul></nav></header>
    <main><article><h1>Buses run later</h1>{paragraphs}</article></main>
    <footer><p>Copyright 2026 The Example Gazette. All rights reserved.</p></footer></body></html>"""


def test_model_first_model_never_splits_on_trafilatura_features() -> None:
    spec = json.loads(blockmodel.NO_TRAFILATURA_PATH.read_text(encoding="utf-8"))
    assert spec["features"] == FEATURE_NAMES
    used = {FEATURE_NAMES[f] for tree in spec["trees"] for f, left, i in
            zip(tree["feature"], tree["left"], range(len(tree["left"]))) if left != i}
    assert len(REFERENCE_FEATURES) == 17
    assert used and not used & REFERENCE_FEATURES


def test_trafilatura_runs_only_when_asked() -> None:
    inputs = ex.page_inputs(_article_page(), URL)
    assert not isinstance(inputs, str)
    body, confidence = ex.model_first_body(inputs)
    assert "trafilatura_blocks" not in vars(inputs)  # not run
    assert body.text.count("Paragraph") == 6 and "Section 3" not in body.text and "Copyright" not in body.text
    assert ex.confident(confidence)
    assert "Paragraph 0" in inputs.trafilatura_text  # runs on first use


def test_confident_page_keeps_the_model_first_body_and_unsure_falls_back(monkeypatch) -> None:
    page = _article_page()
    fields = extract_page(page, URL, assume_article=True).fields  # model first is the default
    assert fields is not None and fields["extraction"] == "model-first"
    assert extract_page_full(page, URL, assume_article=True).fields["extraction"] != "model-first"
    monkeypatch.setattr(ex, "confident", lambda conf: False)  # never sure: the full path's body
    fallback = extract_page(page, URL, assume_article=True, model_first=True).fields
    assert fallback is not None and fallback["extraction"] != "model-first"
    assert fallback["body"].count("Paragraph") == 6


def test_a_fallback_walks_the_page_once_and_gives_the_default_body(monkeypatch) -> None:
    """The model-first path and its fallback share the page's blocks and trafilatura-free features."""
    from newsspider.extraction import modelbody

    walks = []
    segment = modelbody.segment
    monkeypatch.setattr(modelbody, "segment", lambda tree: walks.append(tree) or segment(tree))
    monkeypatch.setattr(ex, "confident", lambda conf: False)  # never sure: always the fallback
    page = _article_page()
    fallback = extract_page(page, URL, assume_article=True, model_first=True).fields
    assert len(walks) == 1
    default = extract_page(page, URL, assume_article=True).fields
    assert fallback is not None and default is not None
    assert fallback["body"] == default["body"] and fallback["extraction"] == default["extraction"]


def test_a_two_stage_model_first_model_keeps_by_its_final_stage_and_doubts_by_the_chosen_one(monkeypatch) -> None:
    """``train_blocks.py --no-trafilatura --two-stage`` models: the body by both stages and the
    container threshold (as :func:`modelbody.model_body`); the doubt by :data:`ex.UNSURE_STAGE`."""
    from newsspider.extraction import modelbody

    monkeypatch.setattr(blockmodel, "NO_TRAFILATURA_PATH", blockmodel.MODEL_PATH)  # a two-stage model file
    model = blockmodel.load(str(blockmodel.MODEL_PATH))
    assert model.second is not None and model.outside is not None
    inputs = ex.page_inputs(_article_page(), URL)
    assert not isinstance(inputs, str)
    first, final = modelbody.stage_probabilities(inputs.page, model, trafilatura_text=None, rules_text=None)
    expected = modelbody.select(inputs.page.blocks, final, model.threshold, model.outside)
    doubts = {}
    for stage in (1, 2):
        monkeypatch.setattr(ex, "UNSURE_STAGE", stage)
        kept, doubts[stage] = ex.model_first_scores(inputs)
        assert kept == expected
    sizes = [len(b.text) for b in inputs.page.blocks]
    for stage, probabilities in ((1, first), (2, final)):
        candidate = sum(n for n, p in zip(sizes, probabilities) if p >= ex.UNSURE_LOW)
        unsure = sum(n for n, p in zip(sizes, probabilities) if ex.UNSURE_LOW <= p < ex.UNSURE_HIGH)
        assert doubts[stage] == unsure / candidate
    assert first != final  # each stage's own probabilities (their unsure shares may happen to agree)


def test_preload_reads_every_model_both_paths_use() -> None:
    """The pool's fork server preloads the models (newsspider/extraction/preload.py): a worker's
    first page, on the default (model-first) path or the full one, reads no model file."""
    from newsspider.extraction import gate, preload

    blockmodel.load.cache_clear()
    gate.load.cache_clear()
    preload.load_models()
    before = blockmodel.load.cache_info().misses, gate.load.cache_info().misses
    extract_page(_article_page(), URL, assume_article=True)
    extract_page_full(_article_page(), URL, assume_article=True)
    assert (blockmodel.load.cache_info().misses, gate.load.cache_info().misses) == before


def test_the_model_first_path_asks_more_of_a_block_outside_the_container(monkeypatch) -> None:
    """The model-first model carries a container threshold (``train_blocks.OUTSIDE_MODEL_FIRST``),
    applied by its own probabilities: a call to action the model likes in a box beside the
    article is dropped below it; a paragraph at the same probability inside the article is not."""
    from benchmarks.train_blocks import OUTSIDE_MODEL_FIRST
    from newsspider.extraction import modelbody

    model = blockmodel.load(str(blockmodel.NO_TRAFILATURA_PATH))
    assert model.outside == OUTSIDE_MODEL_FIRST and model.outside > model.threshold
    footer = "Copyright 2026 The Example Gazette, all rights reserved, reproduction forbidden. " * 3
    page = (f"<html><body><div>{''.join(f'<p>{PROSE}{i}</p>' for i in range(4))}</div>"
            f"<aside><p>Subscribe to us</p><p>{footer}</p></aside></body></html>")
    inputs = ex.page_inputs(page, URL)
    assert not isinstance(inputs, str) and len(inputs.page.blocks) == 6
    probabilities = [0.95, 0.95, 0.85, 0.95, 0.85, 0.05]  # a paragraph and the box's line at 0.85
    monkeypatch.setattr(modelbody, "stage_probabilities", lambda *a, **k: (probabilities, probabilities))
    kept, _ = ex.model_first_scores(inputs)
    assert [b.text[-1] for b in kept] == ["0", "1", "2", "3"]
