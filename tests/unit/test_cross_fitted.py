"""benchmarks/cross_fitted.py: the fold models stand in for the packaged ones, then leave; folds merge into one score."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from benchmarks import cross_fitted
from benchmarks import extraction as bench
from benchmarks.metric import aggregate
from newsspider.extraction import blockmodel, extract_page
from tests.helpers import article_page

URL = "http://127.0.0.1/news/harbour-reopens"
ARTICLE = article_page("Harbour reopens", URL, [
    f"Paragraph {i} of the story tells what the harbour master said about the storm and the boats." for i in range(6)
])


def _fold_files(folder: Path) -> None:
    shutil.copy(blockmodel.MODEL_PATH, folder / "blocks-fold0.json")
    shutil.copy(blockmodel.NO_TRAFILATURA_PATH, folder / "blocks_nt-fold0.json")


def test_fold_models_replace_the_packaged_ones_inside_and_only_inside(tmp_path: Path) -> None:
    _fold_files(tmp_path)
    packaged, packaged_nt = blockmodel.load(), blockmodel.load(str(blockmodel.NO_TRAFILATURA_PATH))
    with cross_fitted.fold_models(tmp_path, 0):
        inside, inside_nt = blockmodel.load(), blockmodel.load(str(blockmodel.NO_TRAFILATURA_PATH))
        assert inside is not packaged and inside_nt is not packaged_nt
        assert inside.features == packaged.features and inside_nt.features == packaged_nt.features
        assert inside is not inside_nt
        body = extract_page(ARTICLE, URL, assume_article=True).fields["body"]
        assert "Paragraph 5 of the story" in body and "Home" not in body
    assert blockmodel.load() is packaged


def test_fold_models_are_restored_when_extraction_raises(tmp_path: Path) -> None:
    _fold_files(tmp_path)
    packaged = blockmodel.load()
    with pytest.raises(RuntimeError), cross_fitted.fold_models(tmp_path, 0):
        raise RuntimeError("boom")
    assert blockmodel.load() is packaged


def _page(page_id: str, truth: str) -> bench.Page:
    return bench.Page(page_id, f"http://127.0.0.1/{page_id}", "<html></html>", truth, "tuning", (), ())


def test_folds_merge_into_the_score_of_all_their_pages() -> None:
    outputs = {"a": "one two three four five six", "b": "seven eight nine", "c": "ten eleven twelve thirteen fourteen"}
    pages = [_page("a", "one two three four five six"), _page("b", "seven eight nine ten"), _page("c", "nothing alike here at all")]
    chosen = {bench.OURS: lambda html, url: outputs[url.rsplit("/", 1)[1]]}
    per_fold = [bench.run(pages=pages[:1], chosen=chosen), bench.run(pages=pages[1:], chosen=chosen)]
    (whole,) = cross_fitted.merged(per_fold)
    expected = aggregate(o.score for results in per_fold for o in results[0].outcomes)
    assert [o.id for o in whole.outcomes] == ["a", "b", "c"]
    assert (whole.f1, whole.precision, whole.recall, whole.pages) == (expected.f1, expected.precision, expected.recall, 3)


def test_without_fold_models_the_command_says_to_train_first(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cross_fitted.main(["--models", str(tmp_path / "none")]) == 2
    assert "run with --train first" in capsys.readouterr().err


def test_fold_models_fitted_on_other_rows_are_called_stale(tmp_path: Path) -> None:
    import json

    packaged = {kind: json.loads(path.read_text())["training_rows"]["all_sha256"]
                for kind, path in (("blocks", blockmodel.MODEL_PATH), ("blocks_nt", blockmodel.NO_TRAFILATURA_PATH))}
    (tmp_path / cross_fitted.ROWS_FILE).write_text(json.dumps(packaged))
    assert cross_fitted.stale(tmp_path) is None
    (tmp_path / cross_fitted.ROWS_FILE).write_text(json.dumps({**packaged, "blocks_nt": "0" * 64}))
    assert "run with --train again" in (cross_fitted.stale(tmp_path) or "")
    (tmp_path / cross_fitted.ROWS_FILE).unlink()
    assert cross_fitted.stale(tmp_path) is not None



def test_overrides_set_the_fold_models_thresholds_and_bad_ones_name_the_form(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fold_files(tmp_path)
    overrides = [cross_fitted.parse_override("full.threshold=0.61"), cross_fitted.parse_override("first.outside=0.95")]
    packaged_nt = blockmodel.load(str(blockmodel.NO_TRAFILATURA_PATH))
    with cross_fitted.fold_models(tmp_path, 0, overrides):
        full, first = blockmodel.load(), blockmodel.load(str(blockmodel.NO_TRAFILATURA_PATH))
        assert (full.threshold, first.outside) == (0.61, 0.95)
        assert first.threshold == packaged_nt.threshold  # untouched
    assert blockmodel.load().threshold != 0.61
    for bad in ("full.threshold", "blocks.threshold=0.6", "full.depth=3", "threshold=0.6"):
        with pytest.raises(ValueError, match="KIND.FIELD=VALUE"):
            cross_fitted.parse_override(bad)
    with pytest.raises(SystemExit):
        cross_fitted.main(["--models", str(tmp_path), "--override", "full.depth=3"])
    assert "expected KIND.FIELD=VALUE" in capsys.readouterr().err
